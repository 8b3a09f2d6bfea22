"""Dagster definitions: the daily pipeline as partitioned assets, with blocking checks, a schedule and an
inbox sensor. Start the UI with ``dagster dev -m pipelines.definitions`` (or ``dg dev``).

One partition is one ingest day (UTC). The assets run the steps of pipelines/orchestration.py and the
checks of pipelines/audit.py, the same functions the Airflow DAG and `newsevents run` call, in
write-audit-publish order:

- ``articles``: ingest the day's inputs into staged (not yet visible) articles and ingest rejects;
- ``events``: code the staged articles, one op per shard (``Settings.shards``), into staged shards;
- blocking checks on both (schema, null keys, CAMEO codes, events per article, unique event ids): a
  failing check stops the run before anything is published;
- ``warehouse_catalog``: publish the day (a new version of its files, switched to in one atomic replace of
  the manifest) and rebuild the catalog.

Every step writes only files of its day and replaces them whole, so rerunning a partition (a backfill, a
sensor run after late files) leaves exactly what a single run would.
"""

# No `from __future__ import annotations`: Dagster reads the context and resource types of the
# decorated functions at definition time.
import json
import os
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines import audit, orchestration
from pipelines.config import Settings, load_settings
from schemas import ARTICLES, EVENTS, TABLES, TableSchema

# The first partition; earlier days can not be launched. Same variable as the Airflow DAG's start date.
# The checks are partitioned like their assets, so each day keeps its own check results: a Dagster preview
# feature (AssetCheckSpec.partitions_def) that would otherwise print a PreviewWarning for every check in
# every process of every run.
warnings.filterwarnings(
    "ignore", message="Specifying a partitions_def on an AssetCheckSpec", category=dg.PreviewWarning
)

START_DATE = os.environ.get("NEWSEVENTS_START_DATE", "2020-01-01")
DAILY = dg.DailyPartitionsDefinition(start_date=START_DATE, timezone="UTC")
GROUP = "newsevents"


class NewsEventsSettings(dg.ConfigurableResource):  # type: ignore[type-arg]
    """The pipeline's Settings (pipelines.config.load_settings): defaults, then the YAML file
    ``config_file`` or $NEWSEVENTS_CONFIG, then $NEWSEVENTS_* variables, then the fields set here."""

    config_file: str | None = None
    warehouse: str | None = None
    inbox: str | None = None
    sources: str | None = None
    model: str | None = None
    shards: int | None = None
    engine: str | None = None
    ray_address: str | None = None

    def get(self) -> Settings:
        return load_settings(
            Path(self.config_file) if self.config_file else None,
            warehouse=self.warehouse,
            inbox=self.inbox,
            sources=self.sources,
            model=self.model,
            shards=self.shards,
            engine=self.engine,
            ray_address=self.ray_address,
        )


class RayCluster(dg.ConfigurableResource):  # type: ignore[type-arg]
    """The Ray cluster of ``engine: ray`` (``ray_address``), connected once per process when a step that
    codes starts; nothing happens with ``engine: local``. The extract step then sends the day's batches
    to actors on the cluster (pipelines/ray_engine.py)."""

    settings: NewsEventsSettings

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        settings = self.settings.get()
        if settings.engine == "ray":
            from pipelines.ray_engine import connect

            connect(settings)


def column_schema(table: TableSchema) -> dg.TableSchema:
    """The table's columns as Dagster shows them (the asset's Columns tab)."""
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                field.name,
                str(field.type),
                constraints=dg.TableColumnConstraints(nullable=field.nullable),
            )
            for field in table.schema
        ]
    )


def table_metadata(table: TableSchema, rows: int | None = None, qualified: str | None = None) -> dict[str, Any]:
    """Dagster's standard table metadata: column schema, row count, table name (as the catalog names it)."""
    metadata: dict[str, Any] = {"dagster/column_schema": column_schema(table)}
    if rows is not None:
        metadata["dagster/row_count"] = dg.MetadataValue.int(rows)
    if qualified is not None:
        metadata["dagster/table_name"] = qualified
    metadata["schema_version"] = f"{table.name}/v{table.version}"
    return metadata


def partition_day(context: dg.OpExecutionContext | dg.AssetExecutionContext) -> date:
    return date.fromisoformat(context.partition_key)


@dg.asset(
    partitions_def=DAILY,
    group_name=GROUP,
    kinds={"parquet"},
    retry_policy=dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL),
    description="The day's articles from <inbox>/YYYY-MM-DD/ and the sources file, staged until the day "
    "is published (visible in `articles` after warehouse_catalog).",
)
def articles(context: dg.AssetExecutionContext, settings: NewsEventsSettings) -> dg.MaterializeResult:
    config = settings.get()
    day = partition_day(context)
    inputs = orchestration.inputs_for_day(config, day)
    if not inputs and config.sources is None:
        context.log.warning(f"no inbox folder {orchestration.inbox_folder(config, day)}: an empty day")
    result = orchestration.ingest_day(day, config)
    staged = int(result["articles"])
    return dg.MaterializeResult(metadata={**result, **table_metadata(ARTICLES, staged, "staging.articles")})


@dg.op(ins={"articles_staged": dg.In(dg.Nothing)}, out=dg.DynamicOut(int))
def plan_shards(settings: NewsEventsSettings) -> Iterator[dg.DynamicOutput[int]]:
    """One output per shard: the day's extract fans out over them."""
    for shard in range(orchestration.extract_shards(settings.get())):
        yield dg.DynamicOutput(shard, mapping_key=f"shard_{shard}")


@dg.op(retry_policy=dg.RetryPolicy(max_retries=1, delay=10))
def extract_shard(
    context: dg.OpExecutionContext,
    shard: int,
    settings: NewsEventsSettings,
    ray_cluster: RayCluster,
) -> int:
    """Code one shard of the day into staged files, in worker processes with each article's time bounded
    as `newsevents run` does (on the Ray cluster with engine: ray); returns its number of events."""
    config = settings.get()
    shards = orchestration.extract_shards(config)
    result = orchestration.extract_shard(partition_day(context), config, shard, shards)
    context.log.info(f"shard {shard}/{shards}: {result['articles']} articles, {result['events']} events")
    return int(result["events"])


@dg.op(out=dg.Out(dg.Nothing))
def staged_events(context: dg.OpExecutionContext, shard_events: list[int]) -> None:
    """Joins the shards; the events are published by warehouse_catalog once the checks pass."""
    context.add_output_metadata(
        {
            "events": sum(shard_events),
            "shards": len(shard_events),
            **table_metadata(EVENTS, sum(shard_events), "staging.events"),
        }
    )


@dg.graph_asset(
    partitions_def=DAILY,
    group_name=GROUP,
    kinds={"spacy", "parquet"},
    ins={"articles": dg.AssetIn(dagster_type=dg.Nothing)},
    description="The day's events, coded shard by shard (Settings.shards) into staged files.",
)
def events(articles: None) -> None:
    return staged_events(plan_shards(articles).map(extract_shard).collect())


# The published tables, as the catalog (events.duckdb, DuckDB database "events") names them.
PUBLISHED = {name: dg.AssetKey(["warehouse", name]) for name in TABLES}
CATALOG_KEY = dg.AssetKey("warehouse_catalog")


@dg.multi_asset(
    specs=[
        *(
            dg.AssetSpec(
                key,
                deps=[events],
                partitions_def=DAILY,
                group_name=GROUP,
                kinds={"parquet"},
                description=f"The published `{name}` table: one Parquet partition per ingest day, the "
                f"view `{name}` of events.duckdb.",
                metadata=table_metadata(TABLES[name], qualified=f"events.main.{name}"),
            )
            for name, key in PUBLISHED.items()
        ),
        dg.AssetSpec(
            CATALOG_KEY,
            deps=list(PUBLISHED.values()),
            partitions_def=DAILY,
            group_name=GROUP,
            kinds={"duckdb"},
            description="events.duckdb: views over the published tables, lookups and macros, rebuilt after "
            "each published day.",
        ),
    ],
    name="warehouse_catalog",
    description="Publishes the day (articles, events, unresolved, rejects: a new version, switched to at once) "
    "and rebuilds events.duckdb.",
)
def warehouse_catalog(
    context: dg.AssetExecutionContext, settings: NewsEventsSettings
) -> Iterator[dg.MaterializeResult]:
    from warehouse.paths import catalog_path
    from warehouse.published import absolute, load_manifest

    config = settings.get()
    day = partition_day(context)
    result = orchestration.publish_day(day, config, orchestration.extract_shards(config))
    published = load_manifest(config.warehouse).days[day]
    for name, key in PUBLISHED.items():
        files = [f for f in published.files if f.table == name]
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                **table_metadata(TABLES[name], sum(f.rows for f in files), f"events.main.{name}"),
                "files": dg.MetadataValue.json([str(absolute(config.warehouse, f)) for f in files]),
                "version": published.version,
            },
        )
    yield dg.MaterializeResult(
        asset_key=CATALOG_KEY,
        metadata={**result, "path": dg.MetadataValue.path(str(catalog_path(config.warehouse)))},
    )


def _blocking_checks(
    asset: dg.AssetsDefinition, checks: dict[str, audit.DayCheck]
) -> dg.AssetChecksDefinition:
    """The asset's checks in one step (one process, not one per check), each reported on its own and
    blocking: a failure keeps every downstream asset of the run from running, so nothing is published."""
    specs = [
        dg.AssetCheckSpec(
            name,
            asset=asset,
            blocking=True,
            partitions_def=DAILY,
            description=check.description,
        )
        for name, check in checks.items()
    ]

    @dg.multi_asset_check(name=f"{asset.key.to_python_identifier()}_checks", specs=specs, can_subset=True)
    def _checks(
        context: dg.AssetCheckExecutionContext, settings: NewsEventsSettings
    ) -> Iterator[dg.AssetCheckResult]:
        config = settings.get()
        day = date.fromisoformat(context.partition_key)
        for key in sorted(context.selected_asset_check_keys, key=lambda k: k.name):
            outcome = checks[key.name].run(config, day, orchestration.extract_shards(config))
            yield dg.AssetCheckResult(
                asset_key=key.asset_key,
                check_name=key.name,
                passed=outcome.passed,
                description=outcome.description,
                metadata=dict(outcome.metadata),
            )

    return _checks


ASSET_CHECKS = [
    _blocking_checks(articles, audit.ARTICLE_CHECKS),
    _blocking_checks(events, audit.EVENT_CHECKS),
]

# The node of the daily job that runs each step of pipelines.steps.DAY_STEPS, the one declaration of their
# order (the articles' own checks run early, between ingest and extract); tests/test_step_order.py checks
# the job's graph against it.
DAY_STEP_NODES = {
    "ingest": "articles",
    "extract": "events",
    "audit": "events_checks",
    "publish": "warehouse_catalog",
}

daily_job = dg.define_asset_job(
    "news_events_daily",
    selection=dg.AssetSelection.assets(articles, events, warehouse_catalog),
    description="One day: ingest, extract (fanned out over shards), checks, publish and catalog.",
)

# At 00:00 UTC the partition of the day just ended ("process yesterday"), like the Airflow DAG.
daily_schedule = dg.build_schedule_from_partitioned_job(daily_job, name="news_events_daily_schedule")


@dg.sensor(job=daily_job, minimum_interval_seconds=60)
def inbox_sensor(context: dg.SensorEvaluationContext, settings: NewsEventsSettings) -> dg.SensorResult:
    """A run for a day whenever the files of its inbox folder <inbox>/YYYY-MM-DD/ change (new, replaced,
    removed), once they have settled. The cursor keeps each day's last fingerprint."""
    config = settings.get()
    if config.inbox is None:
        return dg.SensorResult(skip_reason="no inbox configured (NEWSEVENTS_INBOX)")
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    requests = []
    for day, fingerprint in orchestration.inbox_days(config).items():
        key = day.isoformat()
        if seen.get(key) == fingerprint:
            continue
        if not DAILY.has_partition_key(key):  # today, or before START_DATE: the day is not a partition yet
            continue
        seen[key] = fingerprint
        requests.append(dg.RunRequest(run_key=f"{key}:{fingerprint}", partition_key=key))
    if not requests:
        return dg.SensorResult(
            skip_reason="no new or changed day folders in the inbox", cursor=context.cursor
        )
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))


def settings_from_environment() -> NewsEventsSettings:
    """The settings resource with every field whose NEWSEVENTS_* variable is set given as an ``EnvVar``:
    the UI (Deployment > Resources) then shows each setting and the variable it comes from, not a value
    copied at load time."""
    fields = {
        "config_file": "NEWSEVENTS_CONFIG", "warehouse": "NEWSEVENTS_WAREHOUSE", "inbox": "NEWSEVENTS_INBOX",
        "sources": "NEWSEVENTS_SOURCES", "model": "NEWSEVENTS_MODEL", "engine": "NEWSEVENTS_ENGINE",
        "ray_address": "NEWSEVENTS_RAY_ADDRESS",
    }  # fmt: skip
    values: dict[str, Any] = {f: dg.EnvVar(var) for f, var in fields.items() if os.environ.get(var)}
    if os.environ.get("NEWSEVENTS_SHARDS"):
        values["shards"] = dg.EnvVar.int("NEWSEVENTS_SHARDS")
    return NewsEventsSettings(**values)


settings_resource = settings_from_environment()
defs = dg.Definitions(
    assets=[articles, events, warehouse_catalog],
    asset_checks=ASSET_CHECKS,
    jobs=[daily_job],
    schedules=[daily_schedule],
    sensors=[inbox_sensor],
    resources={
        "settings": settings_resource,
        "ray_cluster": RayCluster(settings=settings_resource),
    },
)
