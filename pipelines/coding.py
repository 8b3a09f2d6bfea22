"""Coding one batch of articles: what every engine runs (in this process, in local workers, on Ray).

A batch's result is three Arrow tables in the warehouse's schemas (events, unresolved phrases, extract
rejects), so a worker or a Ray actor hands the writer columns, not Python objects to convert."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

import pyarrow as pa
from spacy.language import Language

from pipelines.log import get_logger
from schemas import EVENTS, REJECTS, UNRESOLVED
from transforms.articles import Reject
from transforms.coder import ArticleContext, Coder

log = get_logger(__name__)

# What coding needs of an article: id, text, publication date, publisher.
WorkItem = tuple[str, str, date, str | None]


class Coded(NamedTuple):
    """A batch's rows, each table in its warehouse schema (ingest_date included)."""

    events: pa.Table
    unresolved: pa.Table
    rejects: pa.Table

    @classmethod
    def from_records(
        cls, day: date, events: list[dict], unresolved: list[dict], rejects: list[dict]
    ) -> Coded:
        return cls(
            EVENTS.from_records([{**e, "ingest_date": day} for e in events]),
            UNRESOLVED.from_records([{**u, "ingest_date": day} for u in unresolved]),
            REJECTS.from_records(rejects),
        )

    @classmethod
    def concat(cls, parts: Sequence[Coded]) -> Coded:
        if len(parts) == 1:
            return parts[0]
        return cls(*(pa.concat_tables([getattr(p, name) for p in parts]) for name in cls._fields))


def reject_article(day: date, article_id: str, reason: str, detail: str) -> dict:
    """The extract reject row of one article."""
    return Reject(article_id, "", "extract", reason, detail[:500], article_id).record(day)


def code_batch(batch: Sequence[WorkItem], day: date, nlp: Language, coder: Coder) -> Coded:
    """Parse and code a batch of articles; an article the coder fails on becomes a reject, not a crash."""
    events: list[dict] = []
    unresolved: list[dict] = []
    rejects: list[dict] = []
    docs = nlp.pipe((text for _, text, _, _ in batch), batch_size=len(batch))
    for (article_id, _text, published, publisher), doc in zip(batch, docs, strict=True):
        try:
            result = coder.code(doc, ArticleContext(article_id, published, day, publisher))
        except Exception as exc:  # one bad article must not stop the day
            log.warning("coder failed on %s: %r", article_id, exc)
            rejects.append(reject_article(day, article_id, "coder_error", repr(exc)))
            continue
        events.extend(result.events)
        unresolved.extend(result.unresolved)
    return Coded.from_records(day, events, unresolved, rejects)
