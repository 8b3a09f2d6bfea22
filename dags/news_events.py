"""news_events: the daily newsevents pipeline for Airflow 3 (task SDK).

Each run processes one day, the UTC date of its logical date. A scheduled run's logical date is the
start of its one-day data interval ("process yesterday": the run that starts after 2022-08-02T00:00 UTC,
logical date 2022-08-01, codes the partition 2022-08-01); backfill runs and `airflow dags test news_events
2022-08-01` alike process their logical date, so one logical date is one day whatever made the run. A
manual run without a logical date processes its data interval, the last whole day before it started.
The steps:

    ingest -> extract (one mapped task per shard) -> audit -> publish
           -> volume_check (warns when the day before had articles and this day has none)

The order is pipelines.steps.DAY_STEPS, each step a task of its name; this file can not import it (the
DAG processor parses it without the pipeline), so tests/test_step_order.py checks the DAG against it.

Every task has an execution_timeout (1 hour; extract 3 hours, audit 30 minutes, the small ones 5
minutes). A shard without articles (an empty day) does not load spaCy.

The tasks call pipelines/orchestration.py and pipelines/audit.py, the same functions the Dagster assets
and `newsevents run` call, and pass only
paths and counts between them. Settings come from pipelines.config.load_settings (NEWSEVENTS_CONFIG,
NEWSEVENTS_WAREHOUSE, NEWSEVENTS_INBOX, NEWSEVENTS_SOURCES, NEWSEVENTS_SHARDS, ...), read by each task.
`publish` emits the Assets newsevents.articles/.events/.rejects/.unresolved/.catalog, so downstream DAGs
can be scheduled on them; each event's extra says which day was published.

Scheduling knobs (environment, read when the file is parsed):
- NEWSEVENTS_START_DATE (default 2020-01-01): the first day a run may process;
- NEWSEVENTS_CATCHUP (true/false): create runs for past intervals; unset, Airflow's
  [scheduler] catchup_by_default decides. `airflow backfill create` works either way.

This file imports only the task SDK at parse time; the pipeline (spaCy, pyarrow, DuckDB) is imported
inside the tasks, so the DAG processor stays fast.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from typing import Any

from airflow.sdk import Asset, CronDataIntervalTimetable, dag, get_current_context, task

TABLE_ASSETS = {
    name: Asset(name=f"newsevents.{name}", uri=f"x-newsevents://warehouse/{name}", group="newsevents")
    for name in ("articles", "events", "rejects", "unresolved")
}
CATALOG_ASSET = Asset(
    name="newsevents.catalog", uri="x-newsevents://warehouse/events.duckdb", group="newsevents"
)
START_DATE = datetime.fromisoformat(os.environ.get("NEWSEVENTS_START_DATE", "2020-01-01")).replace(tzinfo=UTC)


def _catchup() -> dict[str, bool]:
    raw = os.environ.get("NEWSEVENTS_CATCHUP", "").strip().lower()
    if not raw:
        return {}
    if raw not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        raise ValueError(f"NEWSEVENTS_CATCHUP={raw!r}: use true or false")
    return {"catchup": raw in ("1", "true", "yes", "on")}


def _partition_day() -> date:
    """The run's partition: the UTC date of its logical date (of its data interval without one)."""
    from pipelines.orchestration import run_partition_day

    context = get_current_context()
    return run_partition_day(context.get("logical_date"), context.get("data_interval_start"))


def _settings() -> Any:
    from pipelines.config import load_settings

    return load_settings()


@dag(
    dag_id="news_events",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=START_DATE,
    # One day at a time, for memory: each running day loads spaCy in each extract task. Days run at once
    # (a backfill with more active runs) would still store a story they share once: publish checks.
    max_active_runs=1,
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
        # A hung task (a stuck fetch, a wedged worker) fails and retries instead of holding the day forever.
        "execution_timeout": timedelta(hours=1),
    },
    tags=["newsevents"],
    doc_md=__doc__,
    **_catchup(),
)
def news_events() -> None:
    @task
    def ingest() -> dict[str, Any]:
        """The day's inbox folder and sources into staged articles, and how many shards to code them in."""
        from pipelines import orchestration

        settings = _settings()
        shards = orchestration.extract_shards(settings)  # one with engine: ray (the cluster fans out)
        return {**orchestration.ingest_day(_partition_day(), settings), "shards": shards}

    @task(execution_timeout=timedelta(minutes=5))
    def plan_shards(ingested: dict[str, Any]) -> list[dict[str, int]]:
        """The extract step's mapped arguments: one task per shard."""
        return [{"shard": shard, "shards": ingested["shards"]} for shard in range(ingested["shards"])]

    @task(execution_timeout=timedelta(minutes=5))
    def volume_check(ingested: dict[str, Any]) -> dict[str, Any]:
        """Warns (in the task log and its result) when the day before had articles and this day has none."""
        from pipelines import orchestration

        return orchestration.volume_check(_partition_day(), _settings())

    @task(map_index_template="shard {{ shard }} of {{ shards }}", execution_timeout=timedelta(hours=3))
    def extract(shard: int, shards: int) -> dict[str, Any]:
        """One shard of the day's articles through spaCy and the coder, into staged files."""
        from pipelines import orchestration

        return orchestration.extract_shard(_partition_day(), _settings(), shard, shards)

    @task(retries=0, execution_timeout=timedelta(minutes=30))  # deterministic: a retry would fail the same way
    def audit(ingested: dict[str, Any]) -> dict[str, str]:
        """The blocking checks on the staged day; any failure stops the run before publish."""
        from airflow.sdk.exceptions import AirflowFailException

        from pipelines.audit import AuditFailed, audit_day, require_passed

        outcomes = audit_day(_settings(), _partition_day(), ingested["shards"])
        try:
            require_passed(outcomes)
        except AuditFailed as exc:
            raise AirflowFailException(str(exc)) from None
        return {name: o.description for name, o in outcomes.items()}

    @task(outlets=[*TABLE_ASSETS.values(), CATALOG_ASSET])
    def publish(ingested: dict[str, Any]) -> dict[str, Any]:
        """Publishes the day's files as a new version, switched to at once, and rebuilds events.duckdb."""
        from pipelines import orchestration

        day = _partition_day()
        result = orchestration.publish_day(day, _settings(), ingested["shards"])
        outlet_events = get_current_context()["outlet_events"]
        for asset in (*TABLE_ASSETS.values(), CATALOG_ASSET):
            outlet_events[asset].extra = {"ingest_date": day.isoformat(), "events": result["events"]}
        return result

    ingested = ingest()
    volume_check(ingested)
    extracted = extract.expand_kwargs(plan_shards(ingested))
    extracted >> audit(ingested) >> publish(ingested)


news_events()
