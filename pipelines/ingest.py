"""The ingest step: sources in, one day's `articles` partition (and its ingest rejects) out."""

from __future__ import annotations

import uuid
from collections import Counter
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
from warehouse.paths import duckdb_path, staged_path
from warehouse.published import Manifest, absolute, load_manifest, published_path
from warehouse.writer import STAMP_INGEST_RUN, STAMP_SEEN_SEQ, ParquetFileWriter, file_metadata

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
    already_stored: dict[str, int]  # of the skipped: how many stories are stored on which day (ISO date)


@dataclass
class PriorArticles:
    """What other days have published, to skip re-ingested stories and link near-duplicates."""

    ids: dict[str, tuple[str, date]]  # canonical URL or text hash -> (article_id, its ingest_date)
    near: NearDuplicateIndex

    @classmethod
    def load(cls, warehouse: Path, manifest: Manifest, day: date) -> PriorArticles:
        ids: dict[str, tuple[str, date]] = {}
        near = NearDuplicateIndex()
        files = [
            duckdb_path(absolute(warehouse, f))
            for d, v in sorted(manifest.days.items())
            if d != day
            for f in v.files
            if f.table == ARTICLES.name
        ]
        if not files:
            return cls(ids, near)
        con = duckdb.connect()
        try:
            rows = con.execute(
                """SELECT article_id, canonical_url, text_hash, ingest_date,
                          CASE WHEN duplicate_of IS NULL AND abs(date_diff('day', ingest_date, ?)) <= ?
                               THEN text END AS first_copy_text
                    FROM read_parquet(?, union_by_name = true)
                    ORDER BY ingest_date, article_id""",
                [day, NEAR_DUPLICATE_DAYS, files],
            ).fetchall()
        finally:
            con.close()
        for article_id, url, thash, stored_on, first_copy_text in rows:
            for key in (url, thash):
                if key:
                    ids.setdefault(key, (article_id, stored_on))
            if first_copy_text is not None:
                near.add(article_id, sketch(first_copy_text))
        return cls(ids, near)


def day_inputs(warehouse: Path, day: date) -> tuple[Path | None, Path | None]:
    """The day's articles and ingest rejects that extract and publish read: the staged files of a run in
    progress, else the published ones (re-coding a published day); (None, None) when there are neither."""
    staged = staged_path(warehouse, ARTICLES, day, "articles")
    if staged.is_file():
        rejects = staged_path(warehouse, REJECTS, day, "ingest")
        run = file_metadata(staged).get(STAMP_INGEST_RUN)
        if not rejects.is_file() or file_metadata(rejects).get(STAMP_INGEST_RUN) != run:
            raise RuntimeError(
                f"the staged articles and ingest rejects of {day} come from different ingest runs "
                "(one was stopped midway); run the ingest step again"
            )
        return staged, rejects
    current = load_manifest(warehouse).days.get(day)
    if current is None:
        return None, None
    articles, rejects = current.file(ARTICLES, "articles"), current.file(REJECTS, "ingest")
    return (
        absolute(warehouse, articles) if articles is not None else None,
        absolute(warehouse, rejects) if rejects is not None else None,
    )


def articles_file(warehouse: Path, day: date) -> Path | None:
    """The day's articles the extract step reads: the staged file of a run in progress, else the published
    one; None when the day has neither."""
    staged = staged_path(warehouse, ARTICLES, day, "articles")
    return staged if staged.is_file() else published_path(warehouse, ARTICLES, day, "articles")


def ingest(day: date, inputs: Sequence[Path], settings: Settings) -> IngestResult:
    """Read every input of `day` into staged ``articles`` and ingest ``rejects`` files.

    Nothing is visible to readers until the publish step publishes the day. The staged articles record
    which manifest this run checked for stories stored on other days, so the publish step can check the
    days published since (two days run at once must not both keep a story)."""
    manifest = load_manifest(settings.warehouse)
    prior = PriorArticles.load(settings.warehouse, manifest, day)
    seen_today: set[str] = set()
    counts = {"articles": 0, "duplicates": 0, "skipped": 0, "rejects": 0}
    stored_on: Counter[str] = Counter()
    run = {STAMP_INGEST_RUN: uuid.uuid4().hex}  # pairs the two staged files of this run
    articles = ParquetFileWriter(
        ARTICLES, staged_path(settings.warehouse, ARTICLES, day, "articles"),
        metadata={**run, STAMP_SEEN_SEQ: str(manifest.seq)},
    )  # fmt: skip
    reject_writer = ParquetFileWriter(
        REJECTS, staged_path(settings.warehouse, REJECTS, day, "ingest"), metadata=run
    )

    def reject(*records: dict) -> None:  # streamed to the staged file: a million bad lines cost no memory
        reject_writer.write(records)
        counts["rejects"] += len(records)

    try:
        for item in iter_raw_articles(inputs, day, settings):
            if isinstance(item, Reject):
                reject(item.record(day))
                continue
            row, problems = normalize_article(item, day, settings.max_article_chars)
            reject(*(p.record(day) for p in problems))
            if row is None:
                continue
            article_id = row["article_id"]
            stored = next(
                (prior.ids[k] for k in (row["canonical_url"], row["text_hash"]) if k in prior.ids), None
            )
            if stored is not None:
                counts["skipped"] += 1
                stored_on[stored[1].isoformat()] += 1
                reject(
                    _reject(item.ref, item.source, "already_stored", stored_detail(*stored), article_id, day)
                )
                continue
            if article_id in seen_today or row["text_hash"] in seen_today:
                counts["skipped"] += 1
                reject(
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
                reject(
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
        reject_writer.close()
        articles.close()  # last: staged articles mean a complete ingest
    except BaseException:
        articles.abort()
        reject_writer.abort()
        raise
    log.info(
        "ingest %s: %d articles, %d rejects, %d near-duplicates, %d skipped",
        day,
        counts["articles"],
        counts["rejects"],
        counts["duplicates"],
        counts["skipped"],
    )
    return IngestResult(
        day,
        articles.path,
        reject_writer.path,
        counts["articles"],
        counts["rejects"],
        counts["duplicates"],
        counts["skipped"],
        dict(sorted(stored_on.items())),
    )


def stored_detail(article_id: str, stored_on: date) -> str:
    """The detail of an ``already_stored`` reject: which stored article it repeats."""
    return f"same story as {article_id} (ingested {stored_on})"


def _reject(ref: str, source: str, reason: str, detail: str, article_id: str, day: date) -> dict:
    return Reject(ref, source, "dedupe", reason, detail, article_id).record(day)
