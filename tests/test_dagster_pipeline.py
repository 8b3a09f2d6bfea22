"""The Dagster definitions run in-process on the demo articles: assets, blocking checks, schedule, sensor."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipelines import audit, orchestration
from pipelines.cli import DEMO_ARTICLES
from pipelines.config import ConfigError, load_settings
from pipelines.definitions import (
    ASSET_CHECKS,
    DAILY,
    NewsEventsSettings,
    RayCluster,
    articles,
    defs,
    events,
    inbox_sensor,
    settings_from_environment,
    warehouse_catalog,
)
from pipelines.steps import run_day
from schemas import ARTICLES, EVENTS, TABLES
from warehouse.catalog import connect_read_only
from warehouse.published import published_path

DAY = "2022-08-01"
ALL_ASSETS = [articles, events, warehouse_catalog, *ASSET_CHECKS]
ALL_CHECK_KEYS = {key for checks in ASSET_CHECKS for key in checks.check_keys}

pytestmark = pytest.mark.filterwarnings("ignore::dagster.PreviewWarning", "ignore::dagster.BetaWarning")


def make_inbox(root: Path, day: str = DAY) -> Path:
    """An inbox holding the demo articles in the folder of `day`."""
    folder = root / day
    folder.mkdir(parents=True)
    shutil.copy(DEMO_ARTICLES, folder / "articles.jsonl")
    return root


def resources(warehouse: Path, inbox: Path, shards: int = 2) -> dict[str, Any]:
    settings = NewsEventsSettings(warehouse=str(warehouse), inbox=str(inbox), shards=shards)
    return {"settings": settings, "ray_cluster": RayCluster(settings=settings)}


def materialize_day(
    warehouse: Path, inbox: Path, selection: Any = None, shards: int = 2
) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        ALL_ASSETS,
        partition_key=DAY,
        resources=resources(warehouse, inbox, shards),
        selection=selection,
        raise_on_error=False,
    )


def run_subset(
    warehouse: Path,
    inbox: Path,
    checks: set[dg.AssetCheckKey],
    assets: set[dg.AssetKey] | None = None,
) -> dg.ExecuteInProcessResult:
    """Run only these checks (and assets) of the day, as a re-check from the UI would: nothing upstream."""
    job = defs.resolve_implicit_global_asset_job_def().get_subset(
        asset_selection=assets or set(), asset_check_selection=checks
    )
    return job.execute_in_process(
        partition_key=DAY, resources=resources(warehouse, inbox), raise_on_error=False
    )


def catalog_rows(warehouse: Path, sql: str) -> list[tuple]:
    con = connect_read_only(warehouse)
    try:
        return con.execute(sql, [date.fromisoformat(DAY)]).fetchall()
    finally:
        con.close()


def all_events(warehouse: Path) -> list[tuple]:
    return catalog_rows(warehouse, "SELECT * FROM events WHERE ingest_date = ? ORDER BY event_id")


def check_results(result: dg.ExecuteInProcessResult) -> dict[str, bool]:
    return {
        f"{e.asset_key.to_user_string()}.{e.check_name}": e.passed
        for e in result.get_asset_check_evaluations()
    }


@pytest.fixture(scope="module")
def demo_run(
    tmp_path_factory: pytest.TempPathFactory, nlp: Language
) -> tuple[Path, Path, dg.ExecuteInProcessResult]:
    """The demo day materialized once for the module: (warehouse, inbox, the run's result)."""
    root = tmp_path_factory.mktemp("dagster")
    inbox = make_inbox(root / "inbox")
    warehouse = root / "warehouse"
    result = materialize_day(warehouse, inbox)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return warehouse, inbox, result


@pytest.fixture(scope="module")
def demo_day(demo_run: tuple[Path, Path, dg.ExecuteInProcessResult]) -> tuple[Path, Path]:
    """The materialized demo day: (warehouse, inbox)."""
    return demo_run[0], demo_run[1]


@pytest.fixture
def published_copy(demo_day: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the published demo day, for a test to damage."""
    warehouse, inbox = demo_day
    copy = tmp_path / "warehouse"
    shutil.copytree(warehouse, copy)
    return copy, inbox


def test_dagster_materializes_one_partition_into_the_catalog(demo_day: tuple[Path, Path]) -> None:
    warehouse, _ = demo_day
    demo_lines = sum(1 for line in DEMO_ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip())
    ((stored,),) = catalog_rows(warehouse, "SELECT count(*) FROM articles WHERE ingest_date = ?")
    ((rejected,),) = catalog_rows(
        warehouse, "SELECT count(*) FROM rejects WHERE ingest_date = ? AND stage <> 'extract'"
    )
    assert stored + rejected >= demo_lines and stored > 0
    ((n_events, n_articles),) = catalog_rows(
        warehouse, "SELECT count(*), count(DISTINCT article_id) FROM events WHERE ingest_date = ?"
    )
    assert n_events > 0 and n_articles > 1
    assert not list((warehouse / "_staging").rglob("*.parquet")), "published: nothing left staged"


def test_dagster_partition_matches_the_pipeline_run_directly(
    demo_day: tuple[Path, Path], tmp_path: Path
) -> None:
    warehouse, inbox = demo_day
    direct = load_settings(warehouse=tmp_path / "direct", processes=1)
    run_day(date.fromisoformat(DAY), [inbox / DAY], direct)
    assert all_events(warehouse) == all_events(direct.warehouse)


def test_dagster_rerun_of_a_partition_leaves_the_same_rows(published_copy: tuple[Path, Path]) -> None:
    warehouse, inbox = published_copy
    before = all_events(warehouse)
    result = materialize_day(warehouse, inbox, shards=3)  # another shard count: the same day
    assert result.success
    assert all_events(warehouse) == before
    ((rows, distinct),) = catalog_rows(
        warehouse, "SELECT count(*), count(DISTINCT article_id) FROM articles WHERE ingest_date = ?"
    )
    assert rows == distinct > 0


def test_dagster_checks_pass_on_the_demo_day(demo_day: tuple[Path, Path]) -> None:
    warehouse, inbox = demo_day
    result = run_subset(warehouse, inbox, ALL_CHECK_KEYS)
    assert result.success
    expected = {f"articles.{n}" for n in audit.ARTICLE_CHECKS} | {
        f"events.{n}" for n in audit.EVENT_CHECKS
    }
    assert check_results(result) == dict.fromkeys(expected, True)


def rewrite(path: Path, change: Callable[[pa.Table], pa.Table]) -> None:
    """Replace a Parquet file with a changed copy, keeping its schema metadata unless `change` drops it."""
    table = pq.read_table(path)
    pq.write_table(change(table), path)


def _set(column: str, value: Any) -> Callable[[pa.Table], pa.Table]:
    def change(table: pa.Table) -> pa.Table:
        index = table.schema.get_field_index(column)
        field = table.schema.field(index).with_nullable(True)
        values = table.column(column).to_pylist()
        values[0] = value
        loose = table.schema.set(index, field)
        return table.cast(loose).set_column(index, field, pa.array(values, field.type))

    return change


def _drop(column: str) -> Callable[[pa.Table], pa.Table]:
    return lambda table: table.drop_columns([column])


def _retype(column: str, to: pa.DataType) -> Callable[[pa.Table], pa.Table]:
    def change(table: pa.Table) -> pa.Table:
        index = table.schema.get_field_index(column)
        return table.set_column(index, table.schema.field(index).with_type(to), pc.cast(table[column], to))

    return change


def _duplicate_first_row(table: pa.Table) -> pa.Table:
    return pa.concat_tables([table, table.slice(0, 1)])


def _many_events_for_one_article(table: pa.Table) -> pa.Table:
    """200 distinct events of a single article: more than any article of the demo can carry."""
    first = table.slice(0, 1).to_pylist()[0]
    rows = [{**first, "event_id": f"{first['event_id']}-{i}"} for i in range(200)]
    return pa.concat_tables([table, pa.Table.from_pylist(rows, schema=table.schema)])


def _orphan_event(table: pa.Table) -> pa.Table:
    return _set("article_id", "no-such-article")(table)


BROKEN = [
    pytest.param("articles", "schema", _drop("word_count"), id="articles-missing-column"),
    pytest.param("articles", "no_null_keys", _set("text", None), id="articles-null-text"),
    pytest.param("events", "schema", _retype("goldstein", pa.string()), id="events-wrong-type"),
    pytest.param("events", "no_null_keys", _set("cameo_code", None), id="events-null-cameo-code"),
    pytest.param("events", "cameo_codes_known", _set("cameo_code", "999"), id="events-unknown-code"),
    pytest.param("events", "unique_event_id", _duplicate_first_row, id="events-duplicate-id"),
    pytest.param("events", "events_per_article_in_range", _many_events_for_one_article, id="events-too-many"),
    pytest.param("events", "events_per_article_in_range", _orphan_event, id="events-orphan"),
]


@pytest.mark.parametrize(("table", "check", "damage"), BROKEN)
def test_dagster_check_fails_on_broken_data(
    published_copy: tuple[Path, Path], table: str, check: str, damage: Callable[[pa.Table], pa.Table]
) -> None:
    warehouse, inbox = published_copy
    schema = {"articles": ARTICLES, "events": EVENTS}[table]
    rewrite(published_path(warehouse, schema, date.fromisoformat(DAY), table), damage)
    result = run_subset(warehouse, inbox, {dg.AssetCheckKey(dg.AssetKey(table), check)})
    assert check_results(result) == {f"{table}.{check}": False}


def test_dagster_check_reports_the_schema_stamp(published_copy: tuple[Path, Path]) -> None:
    warehouse, _ = published_copy
    rewrite(
        published_path(warehouse, EVENTS, date.fromisoformat(DAY), "events"),
        lambda t: t.replace_schema_metadata(None),
    )
    outcome = audit.EVENT_CHECKS["schema"].run(
        load_settings(warehouse=warehouse), date.fromisoformat(DAY), 2
    )
    assert not outcome.passed and "schema stamp 'missing'" in outcome.description


def test_dagster_failing_check_blocks_publish(tmp_path: Path, nlp: Language) -> None:
    inbox = make_inbox(tmp_path / "inbox")
    warehouse = tmp_path / "warehouse"
    staged = materialize_day(warehouse, inbox, selection=dg.AssetSelection.assets(articles, events))
    assert staged.success
    shards = sorted((warehouse / "_staging" / f"ingest_date={DAY}").glob("shard-*.events.parquet"))
    shard = max(shards, key=lambda p: pq.read_metadata(p).num_rows)
    rewrite(shard, _duplicate_first_row)
    event_checks = {k for k in ALL_CHECK_KEYS if k.asset_key == events.key}
    result = run_subset(warehouse, inbox, event_checks, set(warehouse_catalog.keys))
    assert not result.success
    assert False in check_results(result).values()
    assert not result.get_asset_materialization_events()
    assert published_path(warehouse, EVENTS, date.fromisoformat(DAY), "events") is None
    assert not (warehouse / "events.duckdb").exists()


def test_dagster_schedule_requests_the_day_just_ended() -> None:
    schedule = defs.get_schedule_def("news_events_daily_schedule")
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2022, 8, 2, 0, 0, tzinfo=UTC))
    requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in requests or []] == [DAY]
    assert schedule.cron_schedule == "0 0 * * *"


def _age(folder: Path, seconds: float = 3600) -> None:
    """Make the files of `folder` look settled (written `seconds` ago)."""
    past = datetime.now(UTC).timestamp() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def run_sensor(inbox: Path, cursor: str | None = None) -> dg.SensorResult:
    context = dg.build_sensor_context(
        cursor=cursor, resources={"settings": NewsEventsSettings(inbox=str(inbox))}
    )
    result = inbox_sensor(context)
    assert isinstance(result, dg.SensorResult)
    return result


def test_dagster_sensor_requests_a_run_per_new_or_changed_day(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path / "inbox")
    make_inbox(inbox, "2022-08-02")
    (inbox / "not-a-day").mkdir()
    (inbox / "not-a-day" / "x.jsonl").write_text("{}\n")
    _age(inbox)
    first = run_sensor(inbox)
    assert [r.partition_key for r in first.run_requests or []] == [DAY, "2022-08-02"]
    assert len({r.run_key for r in first.run_requests or []}) == 2
    quiet = run_sensor(inbox, first.cursor)
    assert not quiet.run_requests and quiet.skip_reason is not None
    (inbox / DAY / "late.txt").write_text("Kenya and Uganda signed a trade agreement on Monday.\n")
    _age(inbox / DAY)
    late = run_sensor(inbox, first.cursor)
    assert [r.partition_key for r in late.run_requests or []] == [DAY]
    assert late.run_requests[0].run_key not in {r.run_key for r in first.run_requests or []}  # type: ignore[index]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        pytest.param({"2022-08-01/a.jsonl": 0}, [], id="still-being-written"),
        pytest.param({"2022-08-01/.a.jsonl.part": 3600}, [], id="hidden-partial-file"),
        pytest.param({"2022-08-01/a.pdf": 3600}, [], id="unsupported-kind"),
        pytest.param({"2122-08-01/a.jsonl": 3600}, [], id="not-yet-a-partition"),
        pytest.param({"2022-08-01/sub/a.html": 3600}, ["2022-08-01"], id="nested-html"),
    ],
)
def test_dagster_sensor_waits_for_settled_supported_files(
    tmp_path: Path, layout: dict[str, float], expected: list[str]
) -> None:
    inbox = tmp_path / "inbox"
    for name, age in layout.items():
        path = inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<html><body><p>text</p></body></html>")
        _age(path.parent, age) if age else None
    result = run_sensor(inbox)
    assert [r.partition_key for r in result.run_requests or []] == expected


def test_dagster_sensor_skips_without_an_inbox() -> None:
    context = dg.build_sensor_context(resources={"settings": NewsEventsSettings()})
    result = inbox_sensor(context)
    assert isinstance(result, dg.SensorResult) and not result.run_requests
    assert "NEWSEVENTS_INBOX" in (result.skip_reason.skip_message if result.skip_reason else "")


@pytest.mark.parametrize(
    ("inbox", "sources", "expected"),
    [
        pytest.param("inbox", None, ["inbox/2022-08-01"], id="inbox-day-folder"),
        pytest.param("empty-inbox", None, [], id="inbox-without-the-day"),
        pytest.param(None, "sources.yaml", [], id="sources-only-read-by-ingest"),
    ],
)
def test_dagster_inputs_for_day_follow_the_inbox_rule(
    tmp_path: Path, inbox: str | None, sources: str | None, expected: list[str]
) -> None:
    make_inbox(tmp_path / "inbox")
    (tmp_path / "empty-inbox").mkdir()
    settings = load_settings(
        inbox=tmp_path / inbox if inbox else None, sources=tmp_path / sources if sources else None
    )
    found = orchestration.inputs_for_day(settings, date.fromisoformat(DAY))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == expected


def test_dagster_inputs_for_day_needs_an_inbox_or_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSEVENTS_INBOX", "NEWSEVENTS_SOURCES", "NEWSEVENTS_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match="NEWSEVENTS_INBOX"):
        orchestration.inputs_for_day(load_settings(), date.fromisoformat(DAY))


def test_dagster_settings_resource_takes_environment_overrides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSEVENTS_WAREHOUSE", str(tmp_path / "from-env"))
    monkeypatch.setenv("NEWSEVENTS_SHARDS", "5")
    assert NewsEventsSettings().get().warehouse == tmp_path / "from-env"
    assert NewsEventsSettings(shards=3).get().shards == 3
    assert NewsEventsSettings().get().shards == 5


def test_dagster_definitions_load_with_daily_partitions() -> None:
    job = defs.resolve_job_def("news_events_daily")
    assert job.partitions_def == DAILY
    assert {k.to_user_string() for k in defs.resolve_all_asset_keys()} == {
        "articles",
        "events",
        "warehouse/articles",
        "warehouse/events",
        "warehouse/rejects",
        "warehouse/unresolved",
        "warehouse_catalog",
    }
    assert DAILY.has_partition_key(DAY)


def test_dagster_materializations_carry_table_metadata(
    demo_run: tuple[Path, Path, dg.ExecuteInProcessResult],
) -> None:
    """Row count, column schema and table name on each materialization, as Dagster's catalog shows them."""
    warehouse, _, result = demo_run
    metadata = {
        e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()
    }
    assert set(metadata) >= {"articles", "events", "warehouse_catalog", *(f"warehouse/{t}" for t in TABLES)}
    for name, table in TABLES.items():
        published = metadata[f"warehouse/{name}"]
        ((rows,),) = catalog_rows(warehouse, f"SELECT count(*) FROM {name} WHERE ingest_date = ?")
        assert published["dagster/row_count"].value == rows
        assert published["dagster/table_name"].value == f"events.main.{name}"
        assert [c.name for c in published["dagster/column_schema"].schema.columns] == table.columns
    assert metadata["warehouse/events"]["dagster/row_count"].value > 0
    assert metadata["events"]["dagster/row_count"].value == metadata["warehouse/events"]["dagster/row_count"].value
    assert metadata["articles"]["dagster/row_count"].value == metadata["warehouse/articles"]["dagster/row_count"].value


def test_dagster_settings_resource_shows_the_environment_variables_it_reads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSEVENTS_WAREHOUSE", str(tmp_path / "from-env"))
    monkeypatch.setenv("NEWSEVENTS_SHARDS", "3")
    monkeypatch.delenv("NEWSEVENTS_INBOX", raising=False)
    resource = settings_from_environment()
    assert isinstance(resource.warehouse, dg.EnvVar) and resource.warehouse.env_var_name == "NEWSEVENTS_WAREHOUSE"
    assert resource.inbox is None  # unset variables stay unset, and so keep the settings' own default
    settings = resource.process_config_and_initialize().get()
    assert (settings.warehouse, settings.shards) == (tmp_path / "from-env", 3)


def test_dagster_definitions_load_without_preview_warnings() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", "import pipelines.definitions"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PreviewWarning" not in done.stderr and "BetaWarning" not in done.stderr, done.stderr[-2000:]
