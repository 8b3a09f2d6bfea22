"""The pipeline's steps, shared by the CLI, Dagster and Airflow: each takes a partition date and paths
(through Settings) and returns paths and counts; no step hands article data to an orchestrator.

A day runs them in the order of `DAY_STEPS`, write-audit-publish:

    ingest -> extract (one or more shards) -> audit -> publish (which rebuilds the catalog)

`DAY_STEPS` is the one place that order is written. `run_day` runs it in one process (`newsevents run`,
`newsevents backfill`, tests, benchmarks) by iterating it; the Airflow DAG and the Dagster assets run the
same functions (through pipelines/orchestration.py) as separate tasks, fanning the extract step out over
shards, and `order_problems` is how their graphs are checked against `DAY_STEPS` (tests/test_step_order.py:
a task or asset wired in another order fails the suite).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from pipelines.audit import AuditFailed, CheckOutcome, audit_day, require_passed
from pipelines.config import Settings
from pipelines.extract import ShardResult, count_work, extract
from pipelines.ingest import IngestResult, ingest
from pipelines.publish import PublishResult, publish
from pipelines.workers import check_setup

__all__ = [
    "DAY_STEPS",
    "AuditFailed",
    "DayProgress",
    "DayResult",
    "DayStep",
    "IngestResult",
    "PublishResult",
    "ShardResult",
    "audit_day",
    "check_setup",
    "count_work",
    "extract",
    "ingest",
    "order_problems",
    "publish",
    "run_day",
]


@dataclass(frozen=True)
class DayStep:
    """One step of a day. `name` is what run_day's progress, the Airflow task and tests/test_step_order.py
    call it; a step `per_shard` codes the day's articles and fans out over shards in the orchestrators."""

    name: str
    per_shard: bool = False


# The order of a day's steps, written once: write (ingest, extract), audit, publish.
DAY_STEPS: tuple[DayStep, ...] = (
    DayStep("ingest"),
    DayStep("extract", per_shard=True),
    DayStep("audit"),
    DayStep("publish"),
)


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


@dataclass
class _Day:
    """One day run in this process: its arguments and each finished step's result, by step name."""

    day: date
    inputs: Sequence[Path]
    settings: Settings
    progress: DayProgress | None
    results: dict[str, Any] = field(default_factory=dict)


def _ingest(run: _Day) -> IngestResult:
    return ingest(run.day, run.inputs, run.settings)


def _extract(run: _Day) -> ShardResult:
    return extract(run.day, run.settings, progress=run.progress.advance if run.progress is not None else None)


def _audit(run: _Day) -> dict[str, CheckOutcome]:
    checks = audit_day(run.settings, run.day, shards=1)
    require_passed(checks)
    return checks


def _publish(run: _Day) -> PublishResult:
    return publish(run.day, run.settings)


# How each step of DAY_STEPS runs in one process (one extract shard, settings.processes workers).
IN_ONE_PROCESS: dict[str, Callable[[_Day], Any]] = {
    "ingest": _ingest,
    "extract": _extract,
    "audit": _audit,
    "publish": _publish,
}


def run_day(
    day: date, inputs: Sequence[Path], settings: Settings, progress: DayProgress | None = None
) -> DayResult:
    """Run one day in this process, the steps of DAY_STEPS in their order: ingest, extract (one shard,
    settings.processes workers), audit, publish and rebuild the catalog. A failed check raises
    `AuditFailed` and publishes nothing."""
    check_setup(settings)  # a wrong model or actor file fails now, before any work or worker
    run = _Day(day, inputs, settings, progress)
    for step in DAY_STEPS:
        if progress is not None:
            progress.step(step.name, count_work(day, settings) if step.per_shard else 0)
        run.results[step.name] = IN_ONE_PROCESS[step.name](run)
    results = run.results
    return DayResult(results["ingest"], results["extract"], results["audit"], results["publish"])


def order_problems(upstream: Mapping[str, Collection[str]], step_nodes: Mapping[str, str]) -> list[str]:
    """How an orchestrator's graph departs from DAY_STEPS (empty: it runs them in that order).

    `upstream` maps each node of the graph (an Airflow task, a Dagster op or asset) to the nodes it
    directly waits for; `step_nodes` names the node that runs each step. Each step's node must wait,
    directly or through others, for the node of the step before it, and no node of a later step may run
    before it."""
    names = [step.name for step in DAY_STEPS]
    missing = [name for name in names if step_nodes.get(name) not in upstream]
    if missing:
        return [f"no node runs the step {name}" for name in missing]

    def before(node: str) -> set[str]:  # every node `node` waits for, directly or not
        seen: set[str] = set()
        todo = list(upstream[node])
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(upstream.get(current, ()))
        return seen

    problems = []
    for earlier, later in pairwise(names):
        if step_nodes[earlier] not in before(step_nodes[later]):
            problems.append(f"{later} ({step_nodes[later]}) does not wait for {earlier} ({step_nodes[earlier]})")
    for index, name in enumerate(names):
        for later in names[index + 1 :]:
            if step_nodes[later] in before(step_nodes[name]):
                problems.append(f"{name} ({step_nodes[name]}) waits for the later step {later}")
    return problems
