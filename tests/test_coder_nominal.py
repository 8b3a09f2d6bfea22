"""Nominal events (transforms/coder/nominal.py): the actors of an event noun no verb of its own carries,
named by "between X and Y", "from X", the clause a meeting phrase introduces, and a verb of undergoing.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce on the
trained model, with the bundled dictionaries.
"""

from __future__ import annotations

import pytest
from coded import triples
from spacy.language import Language

from transforms import cameo
from transforms.cameo import parse_code_tags, read_tsv
from transforms.coder import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parties of a meeting "between X and Y" act on each other
        (
            "Talks between Iran and the United States resumed in Vienna.",
            {("IRN", "USA", "046"), ("USA", "IRN", "046")},
        ),
        (
            "The meeting between Xi Jinping and Joe Biden lasted three hours.",
            {("CHNGOV", "USAGOV", "044"), ("USAGOV", "CHNGOV", "044")},
        ),
        # a meeting phrase before the clause: its subject held the meeting
        (
            "After talks with Chinese leaders, the Japanese prime minister left for Seoul.",
            {("JPNGOV", "CHNGOV", "046")},
        ),
        (
            "Following his meeting with Vladimir Putin, Joe Biden flew home.",
            {("USAGOV", "RUSGOV", "044")},
        ),
        # ... also where it hangs from the occasion of the clause ("at a news conference after talks with")
        (
            "In a press conference after talks with Chinese leaders, the Japanese prime minister left for Seoul.",
            {("JPNGOV", "CHNGOV", "046")},
        ),
        # "from X" names the actor, a verb of undergoing the one acted on
        ("The government of Japan is facing opposition from China.", {("CHN", "JPNGOV", "110")}),
        ("Germany has drawn criticism from France.", {("FRA", "DEU", "111")}),
        ("Serbia received a request from Russia to stop the exports.", {("RUS", "SRB", "020")}),
        # an intent noun's infinitive is its content
        ("Kim Jong Un's vow to attack South Korea alarmed Japan.", {("PRKGOV", "KOR", "138")}),
    ],
)
def test_coder_nominal_explicit_actors(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a ceasefire or agreement "between" two parties is mostly a standing one
        "Peacekeepers oversee a ceasefire between Ethiopia and Eritrea.",
        # what was not received was not sent
        "Serbia had not received any formal request from Brussels.",
        # a noun with no actor named is no event
        "The talks resumed in Vienna.",
        "Japan withdrew from the talks.",
    ],
)
def test_coder_nominal_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert triples(nlp, coder, text) == set()


def test_coder_nominal_a_users_meeting_row_takes_effect(
    nlp: Language, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meeting tag of code_tags.tsv says whose noun's parties "between X and Y" act: a row a user adds
    (`meeting	0871`) makes a ceasefire between two parties theirs, with no change of code."""
    text = "Peacekeepers oversee a ceasefire between Ethiopia and Eritrea."
    assert triples(nlp, coder, text) == set()
    tags = parse_code_tags([*read_tsv("code_tags.tsv"), {"tag": "meeting", "code": "0871"}])
    monkeypatch.setattr(cameo, "code_tags", lambda: tags)
    assert triples(nlp, coder, text) == {("ETH", "ERI", "0871"), ("ERI", "ETH", "0871")}
