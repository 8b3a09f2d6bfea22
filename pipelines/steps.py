"""The pipeline's steps, shared by the CLI, Dagster and Airflow: each takes a partition date and paths
(through Settings) and returns paths and counts; no step hands article data to an orchestrator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.config import Settings
from pipelines.extract import Progress, PublishResult, ShardResult, count_work, extract, publish
from pipelines.ingest import IngestResult, ingest
from warehouse.catalog import build_catalog

__all__ = [
    "DayResult",
    "IngestResult",
    "PublishResult",
    "ShardResult",
    "build_catalog",
    "count_work",
    "extract",
    "ingest",
    "publish",
    "run_day",
]


@dataclass(frozen=True)
class DayResult:
    ingest: IngestResult
    shard: ShardResult
    publish: PublishResult
    catalog: Path


def run_day(
    day: date, inputs: Sequence[Path], settings: Settings, progress: Progress | None = None
) -> DayResult:
    """Ingest, extract (one shard, settings.processes workers), publish, rebuild the catalog."""
    ingested = ingest(day, inputs, settings)
    shard = extract(day, settings, progress=progress)
    published = publish(day, settings)
    return DayResult(ingested, shard, published, build_catalog(settings.warehouse))
