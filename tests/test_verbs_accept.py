"""Accepting what is offered is an intent to cooperate (030); accepting a ruling, a principle, findings, a
resignation or "that ..." acknowledges it and is no event unless announced or refused (the accept rows of transforms/data/verbs.tsv);
the trained model and the bundled dictionaries, end to end."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2023, 3, 8)


def coded(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"] or "", e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran accepted an offer from Russia to enrich uranium.", {("IRN", "RUS", "030")}),
        ("Iran accepted the invitation of the United States.", {("IRN", "USA", "030")}),
        ("Israel accepted the plan.", {("ISR", "", "037")}),  # its own row, as before
        ("Germany accepted the court's ruling on Monday.", set()),
        ("Syria says it will not accept any more refugees.", {("SYR", "SYRREF", "120")}),  # refused: a rejection
        ("Germany accepted the principle of the minimum wage.", set()),
        ("Germany accepts that the most likely outcome is another victory for the government.", set()),
    ],
)
def test_verbs_accept_what_is_offered(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert coded(nlp, coder, text) == expected
