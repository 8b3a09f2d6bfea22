"""Texts coded end to end on the trained model, for the coder's tests: the helpers its test modules share."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from transforms.coder import ArticleContext, Coder

UK_2005 = date(2005, 2, 1)  # when the BBC politics stories the people tests are modelled on were written
US_2017 = date(2017, 5, 10)
PUBLISHED = date(2023, 3, 8)  # a Wednesday


def code_text(nlp: Language, coder: Coder, text: str, published: date = UK_2005) -> list[dict]:
    return coder.code(nlp(text), ArticleContext("test", published, published)).events


def sources(events: list[dict]) -> set[str]:
    return {e["source_code"] for e in events if not e["is_negated"]}


def actors(events: list[dict]) -> set[str]:
    return {e[f"{side}_code"] for e in events for side in ("source", "target")} - {"", None}


def triples(nlp: Language, coder: Coder, text: str, published: date = PUBLISHED) -> set[tuple[str, str, str]]:
    """(source, target, code) of the events that are not negated."""
    events = code_text(nlp, coder, text, published)
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}
