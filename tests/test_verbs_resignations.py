"""A resignation is an event (0831, acceding to demands for a change of leadership) only when it yields
to pressure, calls or protests the clause names, or as what is announced, asked or refused (the 0831 rows
of transforms/data/verbs.tsv: @PRESSURE and the `content` flag); the trained model and the bundled
dictionaries, end to end."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2023, 3, 8)


def coded(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # yielding to pressure the clause names
        ("Iceland's prime minister resigned amid mounting pressure over the leaks.", {("ISLGOV", "0831")}),
        ("The Prime Minister of Iceland quit after calls for his resignation.", {("ISLGOV", "0831")}),
        # announced or refused: an intent or a refusal
        ("Kyrgyzstan's president has agreed to resign.", {("KGZGOV", "0341")}),
        ("The Prime Minister of Iceland refused to resign.", {("ISLGOV", "1231")}),
        # a change of office: no event
        ("The Prime Minister of Iceland resigned on Wednesday after an inquiry.", set()),
        ("The former minister, who resigned from the government over the war, spoke to reporters.", set()),
    ],
)
def test_verbs_resignation_yields_to_pressure(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert coded(nlp, coder, text) == expected
