"""The publish step: a day's staged files become a new published version of the day, all at once.

1. Outside any lock, the new version's files are written whole under new version folders (see
   warehouse/versions.py): the day's articles and ingest rejects (hard links of the staged files) and the
   extract shards merged into events, unresolved and extract rejects.
2. Under the publish lock: stories that another day published after this day's ingest looked for them (two
   days run at once) are taken out of this version (``already_stored`` rejects; their events, unresolved
   phrases and extract rejects dropped); the manifest is switched to the new version (one ``os.replace``);
   the catalog is rebuilt from it; what killed runs left and long-replaced versions are deleted.
3. The staged files this publish used are deleted.

A process killed before the switch leaves the previous version published (its half-written version is
deleted by a later clean-up); killed after it, the new one. The first publish to a warehouse written before
versions existed writes the manifest naming its files (warehouse/published.py).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines.config import Settings
from pipelines.ingest import day_inputs, stored_detail
from pipelines.log import get_logger
from schemas import ARTICLES, EVENTS, REJECTS, UNRESOLVED, TableSchema
from transforms.articles import Reject
from warehouse.paths import SHARD_OUTPUTS, duckdb_path, shard_paths, staged_path, staging_day_dir
from warehouse.published import Manifest, absolute
from warehouse.versions import VersionWriter
from warehouse.writer import (
    STAMP_ARTICLES,
    STAMP_SEEN_SEQ,
    ParquetFileWriter,
    file_metadata,
    file_stamp,
    merge_files,
    write_file,
)

log = get_logger(__name__)


@dataclass(frozen=True)
class PublishResult:
    day: date
    version: str
    events_path: Path
    rejects_path: Path
    unresolved_path: Path
    articles: int
    events: int
    rejects: int  # extract rejects, and the already_stored rejects of this step
    already_stored: dict[str, int]  # stories another day published meanwhile: how many, by that day
    catalog: Path


def publish(day: date, settings: Settings, shards: int = 1) -> PublishResult:
    """Publish the day as a new version: its articles and ingest rejects (staged by this run's ingest, else
    the published ones) and its staged extract shards; then rebuild the catalog.

    Every shard must be staged and coded from the current articles."""
    warehouse = settings.warehouse
    staged = [shard_paths(warehouse, day, s, shards) for s in range(shards)]
    missing = [str(p["events"]) for p in staged if not p["events"].is_file()]
    if missing:
        raise FileNotFoundError(
            f"extract shards missing for {day}: {', '.join(missing)}; run the extract step"
        )
    articles_in, ingest_rejects_in = day_inputs(warehouse, day)
    if articles_in is None:
        raise FileNotFoundError(f"no articles for {day}, staged or published; run the ingest step first")
    consumed = file_stamp(articles_in)
    stale = [str(p["events"]) for p in staged if file_metadata(p["events"]).get(STAMP_ARTICLES) != consumed]
    if stale:
        raise RuntimeError(
            f"extract shards of {day} were coded from other articles: {', '.join(stale)}; rerun extract"
        )
    seen_seq = int(file_metadata(articles_in).get(STAMP_SEEN_SEQ, "-1"))

    dropped: dict[str, int] = {}

    def drop_stories_published_meanwhile(manifest: Manifest) -> None:
        dropped.update(_drop_stories_published_meanwhile(warehouse, version, manifest, day, seen_seq))

    with VersionWriter(warehouse, day) as version:
        version.link(ARTICLES, "articles", articles_in)
        if ingest_rejects_in is not None:
            version.link(REJECTS, "ingest", ingest_rejects_in)
        else:
            write_file(REJECTS, version.path(REJECTS, "ingest"), [])
        for name, (table, part) in SHARD_OUTPUTS.items():
            with version.writer(table, part) as writer:
                merge_files(table, [p[name] for p in staged], writer)
        published = version.publish(
            timedelta(hours=settings.keep_replaced_hours), before_switch=drop_stories_published_meanwhile
        )
    if published.cleaned:
        log.info("publish %s: cleaned up %s", day, published.cleaned.summary())
    _remove_consumed_staging(warehouse, day, staged, articles_in, consumed)

    rows = {f"{f.table}.{f.part}": f.rows for f in published.version.files}
    paths = {f"{f.table}.{f.part}": absolute(warehouse, f) for f in published.version.files}
    log.info("publish %s: version %s, %d events", day, published.version.version, rows["events.events"])
    return PublishResult(
        day=day,
        version=published.version.version,
        events_path=paths["events.events"],
        rejects_path=paths["rejects.extract"],
        unresolved_path=paths["unresolved.extract"],
        articles=rows["articles.articles"],
        events=rows["events.events"],
        rejects=rows["rejects.extract"] + sum(dropped.values()),
        already_stored=dropped,
        catalog=published.catalog,
    )


def _drop_stories_published_meanwhile(
    warehouse: Path, version: VersionWriter, manifest: Manifest, day: date, seen_seq: int
) -> dict[str, int]:
    """Take out of `version` the stories (same canonical URL or text) that days published after this day's
    ingest looked (manifest sequence `seen_seq`) already hold: the first day to publish a story keeps it,
    as if the two days had run one after the other. Returns how many were dropped, by the day holding them.
    """
    others = [
        duckdb_path(absolute(warehouse, f))
        for v in manifest.published_since(seen_seq, other_than=day)
        for f in v.files
        if f.table == ARTICLES.name
    ]
    if not others:
        return {}
    ours = version.path(ARTICLES, "articles")
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        rows = con.execute(
            """WITH ours AS (SELECT article_id, canonical_url, text_hash, origin FROM read_parquet(?)),
                    theirs AS (SELECT article_id, canonical_url, text_hash, ingest_date
                               FROM read_parquet(?, union_by_name = true)),
                    matches AS (
                        SELECT o.article_id, o.origin, t.article_id AS stored_id, t.ingest_date
                        FROM ours o JOIN theirs t ON o.canonical_url = t.canonical_url
                        UNION ALL
                        SELECT o.article_id, o.origin, t.article_id, t.ingest_date
                        FROM ours o JOIN theirs t ON o.text_hash = t.text_hash)
               SELECT article_id, any_value(origin), arg_min(stored_id, ingest_date), min(ingest_date)
               FROM matches GROUP BY article_id ORDER BY article_id""",
            [duckdb_path(ours), others],
        ).fetchall()
    finally:
        con.close()
    if not rows:
        return {}
    dropped = pa.array([article_id for article_id, _, _, _ in rows])
    for table, part in ((ARTICLES, "articles"), (EVENTS, "events"), (UNRESOLVED, "extract"), (REJECTS, "extract")):
        _rewrite_without(version.path(table, part), table, dropped)
    already = [
        Reject(origin or "", "", "dedupe", "already_stored", stored_detail(stored_id, stored_on), article_id)
        .record(day)
        for article_id, origin, stored_id, stored_on in rows
    ]  # fmt: skip
    ingest_rejects = version.path(REJECTS, "ingest")
    with ParquetFileWriter(REJECTS, ingest_rejects) as writer:
        _copy_rows(ingest_rejects, writer)
        writer.write(already)
    by_day = Counter(stored_on.isoformat() for _, _, _, stored_on in rows)
    log.warning(
        "publish %s: %d stories were published meanwhile by %s; dropped here as already_stored",
        day, len(rows), ", ".join(sorted(by_day)),
    )  # fmt: skip
    return dict(sorted(by_day.items()))


def _rewrite_without(path: Path, table: TableSchema, article_ids: pa.Array) -> None:
    """Replace the file `path` by its rows whose ``article_id`` is not one of `article_ids`."""
    with ParquetFileWriter(table, path) as writer:
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            data = parquet.read_row_group(group)
            keep = pc.invert(pc.fill_null(pc.is_in(data["article_id"], value_set=article_ids), False))
            writer.write_table(data.filter(keep))


def _copy_rows(path: Path, writer: ParquetFileWriter) -> None:
    parquet = pq.ParquetFile(path)
    for group in range(parquet.num_row_groups):
        writer.write_table(parquet.read_row_group(group))


def _remove_consumed_staging(
    warehouse: Path, day: date, staged: list[dict[str, Path]], articles: Path, consumed: str
) -> None:
    """Delete the staged files this publish used. The staged articles and ingest rejects go only if they
    are still the ones it published (another run of the day may have staged new ones meanwhile)."""
    for paths in staged:
        for path in paths.values():
            path.unlink(missing_ok=True)
    folder = staging_day_dir(warehouse, day)
    if articles.parent == folder:
        with contextlib.suppress(FileNotFoundError):
            if file_stamp(articles) == consumed:
                articles.unlink()
                staged_path(warehouse, REJECTS, day, "ingest").unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # only when empty: another run's files may still be there
        folder.rmdir()
