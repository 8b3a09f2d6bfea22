"""The pipeline's steps, shared by the CLI, Dagster and Airflow: each takes a partition date and paths
(through Settings) and returns paths and counts; no step hands article data to an orchestrator.

A day runs them in this order, write-audit-publish:

    ingest -> extract (one or more shards) -> audit -> publish (which rebuilds the catalog)

`run_day` is that order for one process (`newsevents run`, tests, benchmarks); the Airflow DAG and the
Dagster assets run the same functions (through pipelines/orchestration.py) as separate tasks, fanning the
extract step out over shards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from pipelines.audit import AuditFailed, CheckOutcome, audit_day, require_passed
from pipelines.config import Settings
from pipelines.extract import ShardResult, count_work, extract
from pipelines.ingest import IngestResult, ingest
from pipelines.publish import PublishResult, publish
from pipelines.workers import check_setup

__all__ = [
    "AuditFailed",
    "DayProgress",
    "DayResult",
    "IngestResult",
    "PublishResult",
    "ShardResult",
    "audit_day",
    "check_setup",
    "count_work",
    "extract",
    "ingest",
    "publish",
    "run_day",
]


class DayProgress(Protocol):
    """What `run_day` reports while it runs (the CLI draws it; nothing else depends on it)."""

    def step(self, name: str, total: int) -> None:
        """Step `name` starts; `total` is its units of work when known (articles to code), else 0."""

    def advance(self, done: int) -> None:
        """`done` more units of the current step are finished."""


@dataclass(frozen=True)
class DayResult:
    ingest: IngestResult
    shard: ShardResult
    checks: dict[str, CheckOutcome]
    publish: PublishResult


def run_day(
    day: date, inputs: Sequence[Path], settings: Settings, progress: DayProgress | None = None
) -> DayResult:
    """Run one day in this process: ingest, extract (one shard, settings.processes workers), audit,
    publish and rebuild the catalog. A failed check raises `AuditFailed` and publishes nothing."""
    check_setup(settings)  # a wrong model or actor file fails now, before any work or worker
    if progress is not None:
        progress.step("ingest", 0)
    ingested = ingest(day, inputs, settings)
    if progress is not None:
        progress.step("extract", count_work(day, settings))
    shard = extract(day, settings, progress=progress.advance if progress is not None else None)
    if progress is not None:
        progress.step("audit", 0)
    checks = audit_day(settings, day, shards=1)
    require_passed(checks)
    if progress is not None:
        progress.step("publish", 0)
    published = publish(day, settings)
    return DayResult(ingested, shard, checks, published)
