"""The CAMEO event coder: a spaCy Doc of one article in, event records out.

Placeholder interface: the coder proper (actors, verb patterns, dates, places) replaces the body of
`Coder.code`; the pipeline relies only on the names defined here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

CODER_VERSION = "0.0.1"


@dataclass(frozen=True)
class ArticleContext:
    """What the coder knows about an article besides its text."""

    article_id: str
    published: date  # publication date; the ingest date when the article had none
    ingest_date: date
    publisher: str | None = None


@dataclass
class CodingResult:
    events: list[dict] = field(default_factory=list)  # EVENTS columns except ingest_date
    unresolved: list[dict] = field(default_factory=list)  # UNRESOLVED columns except ingest_date


class Coder:
    version: str = CODER_VERSION

    def __init__(self, extra_actor_files: Sequence[Path] = ()) -> None:
        self.extra_actor_files = tuple(extra_actor_files)

    def code(self, doc: Doc, ctx: ArticleContext) -> CodingResult:
        return CodingResult()
