"""The ingest step: sources in, one day's `articles` partition (and its ingest rejects) out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.log import get_logger
from pipelines.sources import iter_raw_articles
from schemas import ARTICLES, REJECTS
from transforms.articles import Reject, normalize_article
from transforms.dedupe import NearDuplicateIndex, sketch
from transforms.language import detect_language
from warehouse.paths import partition_files, partition_path, staged_path, table_glob
from warehouse.writer import partition_writer

log = get_logger(__name__)

# Languages the coder has dictionaries and a model for; other articles are stored but not coded.
CODED_LANGUAGES = frozenset({"en", ""})
# How far back a near-duplicate is looked for; exact duplicates (URL, text) are looked for in all history.
NEAR_DUPLICATE_DAYS = 7


@dataclass(frozen=True)
class IngestResult:
    day: date
    articles_path: Path
    rejects_path: Path
    articles: int
    rejects: int
    duplicates: int  # near-duplicates linked to a first copy (kept, not coded)
    skipped: int  # already stored on another day, or twice in this run


@dataclass
class PriorArticles:
    """What earlier partitions already hold, to skip re-ingested stories and link near-duplicates."""

    ids: dict[str, str]  # canonical URL or text hash -> (article_id@ingest_date)
    near: NearDuplicateIndex

    @classmethod
    def load(cls, warehouse: Path, day: date) -> PriorArticles:
        ids: dict[str, str] = {}
        near = NearDuplicateIndex()
        if not partition_files(warehouse, ARTICLES):
            return cls(ids, near)
        con = duckdb.connect()
        try:
            rows = con.execute(
                """SELECT article_id, canonical_url, text_hash, ingest_date,
                          CASE WHEN duplicate_of IS NULL AND abs(date_diff('day', ingest_date, ?)) <= ?
                               THEN text END AS first_copy_text
                    FROM read_parquet(?, hive_partitioning = true, hive_types = {'ingest_date': DATE},
                                      union_by_name = true)
                    WHERE ingest_date <> ? ORDER BY ingest_date, article_id""",
                [day, NEAR_DUPLICATE_DAYS, table_glob(warehouse, ARTICLES), day],
            ).fetchall()
        finally:
            con.close()
        for article_id, url, thash, stored_on, first_copy_text in rows:
            where = f"{article_id} (ingested {stored_on})"
            for key in (url, thash):
                if key:
                    ids.setdefault(key, where)
            if first_copy_text is not None:
                near.add(article_id, sketch(first_copy_text))
        return cls(ids, near)


def articles_file(warehouse: Path, day: date) -> Path:
    """The day's articles the extract step reads: the staged file of a run in progress, else the published."""
    staged = staged_path(warehouse, ARTICLES, day, "articles")
    return staged if staged.is_file() else partition_path(warehouse, ARTICLES, day, "articles")


def ingest(day: date, inputs: Sequence[Path], settings: Settings) -> IngestResult:
    """Read every input of `day` into staged ``articles`` and ingest ``rejects`` files.

    Nothing is visible to readers until the publish step moves them over the previous run's files."""
    prior = PriorArticles.load(settings.warehouse, day)
    seen_today: set[str] = set()
    counts = {"articles": 0, "duplicates": 0, "skipped": 0}
    rejects: list[dict] = []
    articles = partition_writer(settings.warehouse, ARTICLES, day, "articles")
    reject_writer = partition_writer(settings.warehouse, REJECTS, day, "ingest")
    try:
        for item in iter_raw_articles(inputs, day, settings):
            if isinstance(item, Reject):
                rejects.append(item.record(day))
                continue
            row, problems = normalize_article(item, day, settings.max_article_chars)
            rejects.extend(p.record(day) for p in problems)
            if row is None:
                continue
            article_id = row["article_id"]
            stored = next(
                (prior.ids[k] for k in (row["canonical_url"], row["text_hash"]) if k in prior.ids), None
            )
            if stored is not None:
                counts["skipped"] += 1
                rejects.append(
                    _reject(
                        item.ref, item.source, "already_stored", f"same story as {stored}", article_id, day
                    )
                )
                continue
            if article_id in seen_today or row["text_hash"] in seen_today:
                counts["skipped"] += 1
                rejects.append(
                    _reject(
                        item.ref,
                        item.source,
                        "duplicate_in_run",
                        "the same article appears earlier in this run",
                        article_id,
                        day,
                    )
                )
                continue
            seen_today.update((article_id, row["text_hash"]))
            if row["language"] is None:
                row["language"] = detect_language(row["text"])
            text_sketch = sketch(row["text"])
            row["simhash"] = text_sketch.simhash
            first_copy = prior.near.find(text_sketch)
            if first_copy is None:
                prior.near.add(article_id, text_sketch)
            else:
                row["duplicate_of"] = first_copy
                counts["duplicates"] += 1
            if row["language"] not in CODED_LANGUAGES:
                rejects.append(
                    Reject(
                        item.ref,
                        item.source,
                        "language",
                        "not_coded_language",
                        f"language {row['language']!r} has no coder model; the article is stored but not coded",
                        article_id,
                    ).record(day)
                )
            articles.write([row])
            counts["articles"] += 1
        reject_writer.write(rejects)
        articles.close()
        reject_writer.close()
    except BaseException:
        articles.abort()
        reject_writer.abort()
        raise
    log.info(
        "ingest %s: %d articles, %d rejects, %d near-duplicates, %d skipped",
        day,
        counts["articles"],
        len(rejects),
        counts["duplicates"],
        counts["skipped"],
    )
    return IngestResult(
        day,
        articles.staged,
        reject_writer.staged,
        counts["articles"],
        len(rejects),
        counts["duplicates"],
        counts["skipped"],
    )


def _reject(ref: str, source: str, reason: str, detail: str, article_id: str, day: date) -> dict:
    return Reject(ref, source, "dedupe", reason, detail, article_id).record(day)
