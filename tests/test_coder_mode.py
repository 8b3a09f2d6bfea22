"""How sure a clause is (transforms/coder/mode.py): what is hedged, counterfactual, found by a poll, read
by an expert, denied or negated is no event; what is wanted, purposed or vowed on a condition is an intent
or a threat, not the act.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce on the
trained model, with the bundled dictionaries.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2023, 3, 8)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def triples(nlp: Language, coder: Coder, text: str, negated: bool = False) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {
        (e["source_code"], e["target_code"], e["cameo_code"]) for e in events if e["is_negated"] is negated
    }


@pytest.mark.parametrize(
    "text",
    [
        # a hedge on the clause that governs the act ("quick to", "safer to")
        "Britain should not be too quick to impose sanctions on Russia, the foreign minister said.",
        "Britain shouldn't be too quick to impose sanctions on Russia.",
        "It would have been safer to seek a second UN resolution.",
        "Britain would have imposed sanctions on Russia.",
        # what is likely is a forecast
        "Experts say China is likely to impose sanctions on Japan.",
        "China is unlikely to impose sanctions on Japan.",
        # what a poll finds, what an expert reads
        "British voters would reject the European constitution, according to a poll.",
        "A survey found that Germans oppose sending weapons to Ukraine.",
        "Kim Dong-yup, a professor at Kyungnam University, said North Korea was confident in the missile's stability.",
        # a scam's pretence
        "The scam begins with an email purporting to be from a Nigerian official who seeks financial assistance from Britain.",
    ],
)
def test_mode_irrealis_is_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert triples(nlp, coder, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the denial or dismissal is coded, what it denies is not
        ("Serbia denied reports that Serbian ammunition had been shipped to Ukraine.", {("SRB", None, "016")}),
        ("Tony Blair dismissed reports he told Gordon Brown he would quit.", {("GBRELI", None, "120")}),
        # but an act told beside a denial, not inside it, is still an event
        (
            "We believe peace is possible now and we are ready to negotiate with Israel, Mr Abbas said.",
            {("PSEGOV", "ISR", "036")},
        ),
    ],
)
def test_mode_disputed_content_is_no_event(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The Islamic State group provided no evidence.", {("IMGMOSISI", None, "064")}),
        (
            "Russia did not attack Ukraine, nor did it bomb Kyiv.",
            {("RUS", "UKRGOV", "195")},  # one happening told twice: one row
        ),
    ],
)
def test_mode_no_and_nor_negate(nlp: Language, coder: Coder, text: str, negated: set) -> None:
    assert triples(nlp, coder, text) == set()
    assert triples(nlp, coder, text, negated=True) == negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is wanted is intended (03x; force threatened, 138), not done
        ("Germany wants to send weapons to Ukraine.", {("DEU", "UKR", "0332")}),
        ("Iran wants to attack Israel.", {("IRN", "ISR", "138")}),
        # a purpose clause shares the future of the clause it serves
        (
            "The European Union will meet next week to impose sanctions on Russia.",
            {("IGOEUREEC", "RUS", "1312")},
        ),
        # a vow on a condition to resign or to use force is a threat
        ("Roh Tae-woo vowed to resign if the reforms were rejected.", {("KORELI", None, "1313")}),
        ("Russia vowed to attack Ukraine if NATO expanded.", {("RUS", "UKR", "138")}),
        # a promise of help on a condition stays a promise
        ("Japan pledged to send aid to Turkey if the damage was confirmed.", {("JPN", "TUR", "033")}),
    ],
)
def test_mode_wanted_purposed_and_conditional_acts(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected
