"""Which triggers of a sentence are events of their own (transforms/coder/clauses.py, and the no-event rows
of verbs.tsv): a relative clause in the simple present describes its noun; elections, conceding them and
pleading guilty are no events between actors.

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


def triples(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a noun's relative clause says it does or undergoes, in the simple present, is background
        (
            "The United States imposed sanctions on Chinese firms that work with North Korea.",
            {("USA", "CHNBUS", "163")},
        ),
        ("Donald Trump discussed Republican goals that are opposed by Barack Obama.", set()),
        # in the past it tells what happened
        (
            "The United States imposed sanctions on Chinese firms that worked with North Korea.",
            {("USA", "CHNBUS", "163"), ("CHNBUS", "PRK", "050")},
        ),
        (
            "Donald Trump discussed Republican goals that were opposed by Barack Obama.",
            {("USAELI", None, "110")},
        ),
        # a present that narrates still counts
        (
            "The Islamic State group, which later claims responsibility, is based in Syria.",
            {("IMGMOSISI", None, "015")},
        ),
    ],
)
def test_clauses_standing_relations_are_background(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hillary Clinton conceded defeat on Wednesday.",
        "Several EU members will hold a referendum on the treaty.",
        "Scotland will hold a referendum on independence next year.",
        "The Kenyan man admitted manslaughter at the Old Bailey.",
    ],
)
def test_clauses_elections_and_pleas_are_no_events(nlp: Language, coder: Coder, text: str) -> None:
    assert triples(nlp, coder, text) == set()
