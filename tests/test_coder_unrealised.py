"""Acts told but not done are no events (transforms/coder/unrealised.py): announced for later, a question
rather than an appeal, what an appeal asks for, a hoped possibility. Each case is a crafted sentence and
the (source, target, code) triples the coder must produce on the trained model, with the bundled
dictionaries."""

from __future__ import annotations

import pytest
from coded import triples
from spacy.language import Language

from transforms.coder import Coder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a statement, appeal or investigation announced for later has not happened (and has no 03x code)
        ("Michael Howard will attack Labour's record in a speech on Monday.", set()),
        ("The United States will urge China to release the prisoners.", set()),
        ("The British government is to investigate the Labour Party.", set()),
        # done, they are events
        ("Michael Howard attacked Labour's record in a speech on Monday.", {("GBRELI", "GBROPP", "111")}),
        ("The United States urged China to release the prisoners.", {("USA", "CHN", "0253")}),
        # a verb of its own tense beside an announced one is done; "will not" refuses
        (
            "Tony Blair said Labour would set out plans next week and criticised the Conservatives.",
            {("GBROPP", "GBRGOV", "111")},
        ),
        ("Iran will not accept the inspectors.", {("IRN", None, "1245")}),
    ],
)
def test_unrealised_announced_words_are_no_events(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a question is no appeal
        ("Michael Howard asked whether ministers had looked at the measures.", set()),
        ("Michael Howard asked the prime minister whether he had read the report.", set()),
        ("Michael Howard asked what the government had to hide.", set()),
        # asking someone to do something is
        ("Michael Howard asked ministers to publish the advice.", {("GBRELI", "GBRGOV", "020")}),
    ],
)
def test_unrealised_questions_are_no_appeals(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an act deep in what an appeal asks for is asked, not done
        (
            "Britain urged all states to play their part in changing the course North Korea is taking.",
            {("GBR", None, "020")},
        ),
        (
            "Britain urged all states to play their part in imposing sanctions on North Korea.",
            {("GBR", None, "020")},
        ),
        # an act beside the appeal is done
        ("Britain criticised Iran and urged China to act.", {("GBR", "CHN", "020"), ("GBR", "IRN", "111")}),
    ],
)
def test_unrealised_what_an_appeal_asks_for_is_not_done(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hope about what could happen is no plan
        ("Britain hoped mediation could help end the dispute with Spain.", set()),
        # what would or should happen stays the actor's stated intent
        ("Britain hoped mediation would help end the dispute with Spain.", {("GBR", None, "033")}),
        ("Britain agreed that both countries should cooperate with Spain.", {("GBR", "ESP", "032")}),
    ],
)
def test_unrealised_a_hoped_possibility_is_no_intent(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected
