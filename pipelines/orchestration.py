"""What the Dagster definitions and the Airflow DAG share, so both run the pipeline the same way.

- Where a day's inputs come from (`inputs_for_day`): the inbox folder ``<inbox>/YYYY-MM-DD/`` and, when
  configured, the sources file (read by the ingest step itself, which takes each source's items of the day).
- The steps of pipelines/steps.py as an orchestrator runs them (`ingest_day`, `extract_shard`,
  `publish_day`), returning plain records of paths and counts: no article data goes through an
  orchestrator. The audit between extract and publish is pipelines/audit.py.
- What the Dagster sensor watches (`inbox_days`) and which day an Airflow run processes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pipelines.config import ConfigError, Settings
from pipelines.log import get_logger
from pipelines.sources.files import SUFFIXES

# A file younger than this may still be being copied into the inbox; the sensor waits for it to settle.
INBOX_SETTLE_SECONDS = 30.0

Record = dict[str, str | int]


def inbox_folder(settings: Settings, day: date) -> Path | None:
    """``<inbox>/YYYY-MM-DD/``: where another system drops the files of partition `day`."""
    return None if settings.inbox is None else settings.inbox / day.isoformat()


def inputs_for_day(settings: Settings, day: date) -> list[Path]:
    """The local inputs of partition `day`: its inbox folder, when it exists.

    Files of any kind the ingest step reads (.jsonl, .html, .htm, .txt, in subfolders too) go in
    ``<inbox>/YYYY-MM-DD/``; other files become ``unsupported_file`` rejects. The sources file
    (``settings.sources``) is not listed here: the ingest step reads it for `day` itself. A day with
    neither is an empty day (empty partitions), not an error; having neither configured is."""
    if settings.inbox is None and settings.sources is None:
        raise ConfigError(
            "no inputs configured: set NEWSEVENTS_INBOX (a folder with one subfolder per day) "
            "or NEWSEVENTS_SOURCES (a sources.yaml)"
        )
    folder = inbox_folder(settings, day)
    return [folder] if folder is not None and folder.is_dir() else []


def inbox_days(settings: Settings, now: float | None = None) -> dict[date, str]:
    """Each day folder of the inbox whose files have settled, with a fingerprint of those files.

    The fingerprint (names, sizes, modification times) changes when a file is added, replaced or
    removed, so a sensor can start one run per new state of a day. Folders whose name is not a date,
    hidden files and files of unsupported kinds are ignored; a folder with a file modified in the last
    `INBOX_SETTLE_SECONDS` is left for a later look."""
    if settings.inbox is None or not settings.inbox.is_dir():
        return {}
    now = time.time() if now is None else now
    days: dict[date, str] = {}
    for folder in sorted(p for p in settings.inbox.iterdir() if p.is_dir()):
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
        )
        stats = [(p.relative_to(folder).as_posix(), p.stat()) for p in files]
        if not stats or any(now - st.st_mtime < INBOX_SETTLE_SECONDS for _, st in stats):
            continue
        digest = hashlib.sha1()
        for name, st in stats:
            digest.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        days[day] = digest.hexdigest()[:16]
    return days


def run_partition_day(logical_date: datetime | None, data_interval_start: datetime | None) -> date:
    """The day an Airflow run processes: the UTC date of its logical date.

    Scheduled and backfill runs have a logical date at the start of their one-day data interval, so
    the run after 2022-08-02T00:00 (logical date 2022-08-01) processes 2022-08-01. A manual run with a
    logical date (``airflow dags test news_events 2022-08-01``) processes that date too, so that each
    day has one logical date whatever created the run, and a backfill over a day reruns that day. A
    manual run without a logical date processes its data interval: the last whole day before it started.
    """
    moment = logical_date if logical_date is not None else data_interval_start
    if moment is None:
        raise ValueError("this run has neither a logical date nor a data interval: trigger it with a date")
    if moment.tzinfo is None:
        raise ValueError(f"{moment} has no time zone")
    return moment.astimezone(UTC).date()


def record(result: Any) -> Record:
    """A step's result as a plain record (str and int values), for XCom and asset metadata."""
    out: Record = {}
    for key, value in dataclasses.asdict(result).items():
        out[key] = value if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return out


def ingest_day(day: date, settings: Settings) -> Record:
    """The ingest step on the day's inputs: staged articles and ingest rejects (visible after publish)."""
    from pipelines.steps import ingest

    return record(ingest(day, inputs_for_day(settings, day), settings))


def extract_shards(settings: Settings) -> int:
    """How many extract tasks a day fans out over: ``settings.shards`` on local workers; one on Ray,
    whose driver spreads the day's batches over the whole cluster itself."""
    return 1 if settings.engine == "ray" else settings.shards


def extract_shard(day: date, settings: Settings, shard: int, shards: int) -> Record:
    """Code one shard of the day the way `newsevents run` codes a day: in ``settings.processes`` worker
    processes of this machine (``engine: local``), each article bounded by
    ``settings.article_timeout_seconds`` (an article the coder never finishes becomes a ``coder_timeout``
    reject, its worker killed: only a process can be), or on the Ray cluster's actors (``engine: ray``).
    A shard without articles (an empty day) starts no worker and loads no model."""
    from pipelines.steps import extract

    return record(extract(day, settings, shard, shards))


def volume_check(day: date, settings: Settings) -> Record:
    """Articles stored for the day and for the day before; ``warning`` says so when the day before had
    articles and this one has none (a feed, crawl or inbox that stopped), and is logged. Never fails: an
    empty day can be real."""
    import pyarrow.parquet as pq

    from pipelines.ingest import articles_file

    def stored(on: date) -> int:
        path = articles_file(settings.warehouse, on)
        return pq.read_metadata(path).num_rows if path is not None else 0

    previous = day - timedelta(days=1)
    today, before = stored(day), stored(previous)
    warning = ""
    if before and not today:
        warning = f"{day}: no articles, while {previous} had {before}: check the inbox, feeds and sources"
        get_logger(__name__).warning(warning)
    return {"articles": today, "previous_day_articles": before, "warning": warning}


def publish_day(day: date, settings: Settings, shards: int) -> Record:
    """Publish the day's staged articles and shards, then rebuild the catalog."""
    from pipelines.steps import publish

    return record(publish(day, settings, shards))
