"""Coding one batch of articles: what every engine runs (in this process, in local workers, on Ray)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.language import Language

from pipelines.log import get_logger
from transforms.articles import Reject
from transforms.coder import ArticleContext, Coder

log = get_logger(__name__)

# What coding needs of an article: id, text, publication date, publisher.
WorkItem = tuple[str, str, date, str | None]
# A batch's events, unresolved phrases (both without ingest_date) and rejects (with it).
Coded = tuple[list[dict], list[dict], list[dict]]


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
            rejects.append(
                Reject(article_id, "", "extract", "coder_error", repr(exc)[:500], article_id).record(day)
            )
            continue
        events.extend(result.events)
        unresolved.extend(result.unresolved)
    return events, unresolved, rejects
