"""Background is no dated event (transforms/coder/background.py): a relative clause that describes its
noun in the simple present, or a person or group in the perfect or progressive; an act done by habit or
over a span of time. Each case is a crafted sentence and the (source, target, code) triples the coder must
produce on the trained model, with the bundled dictionaries."""

from __future__ import annotations

import pytest
from coded import triples
from spacy.language import Language

from transforms.coder import Coder


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
            {("USAELI", "USAOPP", "110")},  # the goals are the Republicans' (in opposition in 2023)
        ),
        # a present that narrates still counts
        (
            "The Islamic State group, which later claims responsibility, is based in Syria.",
            {("IMGMOSISI", None, "015")},
        ),
    ],
)
def test_background_standing_relations(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverb of habit, a rate, a span of recent time or "since": background, no dated event
        ("North Korea has constantly threatened the United States.", set()),
        ("Britain has consistently refused to release the prisoners.", set()),
        ("The Panamanian firm rejects 80 Russian companies per year.", set()),
        ("North Korea has carried out missile tests in recent months.", set()),
        ("Iran has released prisoners since the deal last year.", set()),
        # the same acts told as happenings
        ("North Korea threatened the United States on Tuesday.", {("PRK", "USA", "130")}),
        ("Britain refused to release the prisoners.", {("GBR", None, "1243")}),
        ("The Panamanian firm rejected 80 Russian companies.", {("PANBUS", "RUSBUS", "120")}),
        ("North Korea has carried out missile tests.", {("PRK", None, "150")}),
    ],
)
def test_background_habitual_acts(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a relative clause in the perfect or progressive says a person did is what they are known for
        ("Trump, who has criticised China, met Theresa May on Friday.", {("USAELI", "GBRELI", "044")}),
        (
            "Mr Smith, who is accusing Iran of aggression, met Theresa May on Friday.",
            {("GBRELI", "GBRELI", "044")},
        ),
        # in the past tense it tells what happened
        (
            "Trump, who criticised China on Thursday, met Theresa May on Friday.",
            {("USAELI", "CHN", "111"), ("USAELI", "GBRELI", "044")},
        ),
    ],
)
def test_background_relative_clauses_on_actors_in_the_perfect(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected
