"""The extract step: one day's articles through spaCy and the CAMEO coder into staged `events`.

The extract step works on a shard of the day's articles (a stable hash of the article id picks the shard),
so an orchestrator can fan it out; each shard's events are staged outside the tables, for the publish step
(pipelines/publish.py) to merge.
"""

from __future__ import annotations

import contextlib
import itertools
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from pipelines.coding import Coded, WorkItem
from pipelines.config import Settings
from pipelines.ingest import CODED_LANGUAGES, articles_file
from pipelines.log import get_logger
from pipelines.workers import WorkerPool
from schemas import EVENTS, REJECTS, UNRESOLVED
from warehouse.paths import shard_paths
from warehouse.writer import STAMP_ARTICLES, ParquetFileWriter, file_stamp

log = get_logger(__name__)

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ShardResult:
    day: date
    shard: int
    shards: int
    events_path: Path
    rejects_path: Path
    unresolved_path: Path
    articles: int
    events: int
    rejects: int


def shard_of(article_id: str, shards: int) -> int:
    return zlib.crc32(article_id.encode()) % shards


def iter_work(articles_file: Path, shard: int, shards: int, batch_size: int) -> Iterator[list[WorkItem]]:
    """Batches of the shard's codable articles, read row group by row group (memory stays flat)."""
    parquet = pq.ParquetFile(articles_file)
    batch: list[WorkItem] = []
    columns = ["article_id", "text", "published_at", "publisher", "language", "duplicate_of"]
    for record_batch in parquet.iter_batches(batch_size=1024, columns=columns):
        for row in record_batch.to_pylist():
            if row["duplicate_of"] is not None or (row["language"] or "") not in CODED_LANGUAGES:
                continue
            if shard_of(row["article_id"], shards) != shard:
                continue
            batch.append((row["article_id"], row["text"], row["published_at"].date(), row["publisher"]))
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def extract(
    day: date,
    settings: Settings,
    shard: int = 0,
    shards: int = 1,
    *,
    progress: Progress | None = None,
) -> ShardResult:
    """Code shard `shard` of `shards` of the day's articles into staged files (not yet visible).

    With ``settings.engine == "ray"`` the batches go to actors on a Ray cluster (pipelines/ray_engine.py);
    else to ``settings.processes`` local worker processes (pipelines/workers.py), each loading spaCy once.
    Both are run by the same scheduler (pipelines/scheduler.py), which bounds each article's time: coding
    never happens in this process, which could not be killed when the coder never returns. Both write the
    same rows in the same order."""
    if not 0 <= shard < shards:
        raise ValueError(f"shard {shard} is not in 0..{shards - 1}")
    source = articles_file(settings.warehouse, day)
    if source is None:
        raise FileNotFoundError(f"no articles for {day}, staged or published; run the ingest step first")
    paths = shard_paths(settings.warehouse, day, shard, shards)
    batches = iter_work(source, shard, shards, settings.batch_size)
    first = next(batches, None)
    with contextlib.ExitStack() as stack:
        if first is None:  # an empty day or shard: nothing to parse, so neither spaCy nor a pool is started
            coded: Iterable[tuple[int, Coded]] = ()
        elif settings.engine == "ray":
            from pipelines.ray_engine import RayPool  # Ray is an optional dependency

            coded = stack.enter_context(RayPool(settings, day)).code(itertools.chain([first], batches))
        else:
            coded = stack.enter_context(WorkerPool(settings, day)).code(itertools.chain([first], batches))
        done, rows, rejected = _write_staged(day, source, paths, coded, progress)
    log.info("extract %s shard %d/%d: %d articles, %d events", day, shard, shards, done, rows)
    return ShardResult(
        day, shard, shards, paths["events"], paths["rejects"], paths["unresolved"], done, rows, rejected
    )


def _write_staged(
    day: date,
    source: Path,
    paths: dict[str, Path],
    coded: Iterable[tuple[int, Coded]],
    progress: Progress | None,
) -> tuple[int, int, int]:
    """Write the coded batches to the shard's staged files; returns (articles, events, rejects)."""
    stamp = {STAMP_ARTICLES: file_stamp(source)}  # publish checks shards match the articles
    writers = {
        "events": ParquetFileWriter(EVENTS, paths["events"], metadata=stamp),
        "unresolved": ParquetFileWriter(UNRESOLVED, paths["unresolved"]),
        "rejects": ParquetFileWriter(REJECTS, paths["rejects"]),
    }
    done = 0
    try:
        for size, tables in coded:
            for name, writer in writers.items():
                writer.append(getattr(tables, name))
            done += size
            if progress is not None:
                progress(size)
        for writer in writers.values():
            writer.close()
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    return done, writers["events"].rows, writers["rejects"].rows


def count_work(day: date, settings: Settings, shard: int = 0, shards: int = 1) -> int:
    """How many articles the extract step of this shard will code (for progress bars)."""
    path = articles_file(settings.warehouse, day)
    return sum(len(b) for b in iter_work(path, shard, shards, 10_000)) if path is not None else 0
