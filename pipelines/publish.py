"""The publish step: a day's staged files become its published partition, then the catalog is rebuilt."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.config import Settings
from pipelines.ingest import articles_file
from pipelines.log import get_logger
from schemas import ARTICLES, REJECTS
from warehouse.catalog import build_catalog
from warehouse.paths import SHARD_OUTPUTS, shard_paths, staging_day_dir
from warehouse.writer import (
    STAMP_ARTICLES,
    file_metadata,
    file_stamp,
    merge_files,
    partition_writer,
    publish_file,
)

log = get_logger(__name__)


@dataclass(frozen=True)
class PublishResult:
    day: date
    events_path: Path
    rejects_path: Path
    unresolved_path: Path
    events: int
    rejects: int
    catalog: Path


def commit_articles(warehouse: Path, day: date) -> bool:
    """Move the day's staged articles and ingest rejects into place; False when nothing was staged."""
    moved = False
    for table, part in ((ARTICLES, "articles"), (REJECTS, "ingest")):
        writer = partition_writer(warehouse, table, day, part)
        if writer.staged.is_file():
            assert writer.final is not None
            publish_file(writer.staged, writer.final)
            moved = True
    return moved


def publish(day: date, settings: Settings, shards: int = 1) -> PublishResult:
    """Publish the day: the staged articles and ingest rejects (if this run staged them), and the staged
    shards merged into the `events`, `unresolved` and extract `rejects` partitions; then rebuild the catalog.

    Every shard must be staged and coded from the current articles. All files are fully written before
    the first is moved into place; the moves are a handful of renames, each atomic."""
    staged = [shard_paths(settings.warehouse, day, s, shards) for s in range(shards)]
    missing = [str(p["events"]) for p in staged if not p["events"].is_file()]
    if missing:
        raise FileNotFoundError(
            f"extract shards missing for {day}: {', '.join(missing)}; run the extract step"
        )
    current = file_stamp(articles_file(settings.warehouse, day))
    stale = [str(p["events"]) for p in staged if file_metadata(p["events"]).get(STAMP_ARTICLES) != current]
    if stale:
        raise RuntimeError(
            f"extract shards of {day} were coded from other articles: {', '.join(stale)}; rerun extract"
        )
    outputs = {
        name: (partition_writer(settings.warehouse, table, day, part), table)
        for name, (table, part) in SHARD_OUTPUTS.items()
    }
    try:
        for name, (writer, table) in outputs.items():
            merge_files(table, [p[name] for p in staged], writer)
            writer.close()
    except BaseException:
        for writer, _ in outputs.values():
            writer.abort()
        raise
    commit_articles(settings.warehouse, day)  # all staged and closed: now the quick replaces
    finals = {name: writer.commit() for name, (writer, _) in outputs.items()}
    counts = {name: writer.rows for name, (writer, _) in outputs.items()}
    for paths in staged:
        for path in paths.values():
            path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # only when empty: another shard count's files may still be there
        staging_day_dir(settings.warehouse, day).rmdir()
    log.info("publish %s: %d events, %d extract rejects", day, counts["events"], counts["rejects"])
    catalog = build_catalog(settings.warehouse)
    return PublishResult(
        day, finals["events"], finals["rejects"], finals["unresolved"], counts["events"], counts["rejects"],
        catalog,
    )  # fmt: skip
