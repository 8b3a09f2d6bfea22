"""The Airflow DAG, run by Airflow itself: DagBag import, `dag.test()` of one day, and reruns of the day by
Dagster and by Airflow that leave the same rows.

Airflow reads its configuration when it is imported, so every Airflow step runs in a subprocess with
AIRFLOW_HOME in a temporary folder (its own migrated SQLite database) and the repository's dags folder;
nothing of it leaks into the other tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipelines.cli import DEMO_ARTICLES
from pipelines.config import load_settings
from pipelines.orchestration import run_partition_day
from pipelines.steps import run_day
from schemas import EVENTS
from warehouse.catalog import connect_read_only
from warehouse.published import published_path

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
DAY = "2022-08-01"
# A run processes the day of its logical date, manual (`dag.test()`) runs included.
LOGICAL_DATE = DAY
RESULT = "RESULT:"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::dagster.PreviewWarning", "ignore::dagster.BetaWarning"),
]

RUN_DAG = """
import json, sys
from datetime import datetime

from airflow.dag_processing.dagbag import DagBag
from airflow.models.asset import AssetEvent, AssetModel
from airflow.utils.session import create_session

logical = sys.argv[1]
run = DagBag().get_dag("news_events").test(logical_date=datetime.fromisoformat(logical + "T00:00:00+00:00"))
report = {
    "state": str(run.state),
    "logical_date": run.logical_date.isoformat(),
    "tasks": sorted([ti.task_id, ti.map_index, str(ti.state)] for ti in run.get_task_instances()),
}
with create_session() as session:
    emitted = session.query(AssetModel.name, AssetEvent.extra).join(AssetEvent.asset).all()
print("RESULT:" + json.dumps({"run": report, "asset_events": [[n, e] for n, e in emitted]}))
"""

IMPORT_DAG = """
import json, sys
from airflow.dag_processing.dagbag import DagBag

bag = DagBag()
dag = bag.get_dag("news_events")
task = dag.get_task("extract")
print("RESULT:" + json.dumps({
    "import_errors": bag.import_errors,
    "dag_ids": sorted(bag.dag_ids),
    "timetable": type(dag.timetable).__name__,
    "max_active_runs": dag.max_active_runs,
    "retries": task.retries,
    "backoff": task.retry_exponential_backoff,
    "heavy_modules": sorted(m for m in ("spacy", "pipelines", "duckdb", "pyarrow") if m in sys.modules),
    "timeouts": {t.task_id: t.execution_timeout and t.execution_timeout.total_seconds() for t in dag.tasks},
}))
"""

# A day with no inbox folder and no sources, after a day with articles: the run succeeds, its extract tasks
# never load spaCy (dag.test runs every task in this process, so load_nlp's cache tells), and the volume
# check warns.
RUN_EMPTY_DAY = """
import json, sys
from datetime import date, datetime

from airflow.dag_processing.dagbag import DagBag

day = sys.argv[1]
run = DagBag().get_dag("news_events").test(logical_date=datetime.fromisoformat(day + "T00:00:00+00:00"))

from pipelines import orchestration
from pipelines.config import load_settings
from pipelines.nlp import load_nlp

print("RESULT:" + json.dumps({
    "state": str(run.state),
    "tasks": sorted([ti.task_id, str(ti.state)] for ti in run.get_task_instances()),
    "spacy_loaded": load_nlp.cache_info().currsize,
    "volume": orchestration.volume_check(date.fromisoformat(day), load_settings()),
}))
"""


def airflow_env(home: Path, warehouse: Path, inbox: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSEVENTS_"))}
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        NEWSEVENTS_WAREHOUSE=str(warehouse),
        NEWSEVENTS_INBOX=str(inbox),
        NEWSEVENTS_SHARDS="2",
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p),
    )
    return env


def run_python(script: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=600, cwd=REPO
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith(RESULT)]
    assert proc.returncode == 0 and lines, (
        f"exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return json.loads(lines[-1][len(RESULT) :])


@pytest.fixture(scope="module")
def airflow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An Airflow home with a migrated database, and the environment of a day in a fresh warehouse."""
    root = tmp_path_factory.mktemp("airflow")
    inbox = root / "inbox"
    (inbox / DAY).mkdir(parents=True)
    shutil.copy(DEMO_ARTICLES, inbox / DAY / "articles.jsonl")
    env = airflow_env(root / "home", root / "warehouse", inbox)
    migrate = subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    return env


def test_airflow_dags_folder_imports_cheaply(airflow: dict[str, str]) -> None:
    found = run_python(IMPORT_DAG, airflow)
    assert found["import_errors"] == {}
    assert found["dag_ids"] == ["news_events"]
    assert found["timetable"] == "CronDataIntervalTimetable"
    assert found["max_active_runs"] == 1
    assert found["retries"] == 2 and found["backoff"] > 1
    assert found["heavy_modules"] == []
    assert set(found["timeouts"]) == {"ingest", "volume_check", "plan_shards", "extract", "audit", "publish"}
    assert all(found["timeouts"].values()), found["timeouts"]  # every task has an execution_timeout


UTC_MIDNIGHT = datetime(2022, 8, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("logical_date", "interval_start", "expected"),
    [
        pytest.param(UTC_MIDNIGHT, UTC_MIDNIGHT, DAY, id="scheduled-or-backfill"),
        pytest.param(UTC_MIDNIGHT, UTC_MIDNIGHT - timedelta(days=1), DAY, id="manual-with-logical-date"),
        pytest.param(None, UTC_MIDNIGHT, DAY, id="manual-without-logical-date"),
        pytest.param(
            datetime(2022, 8, 1, 20, tzinfo=timezone(timedelta(hours=-5))), None, "2022-08-02", id="utc-day"
        ),
    ],
)
def test_airflow_run_processes_the_day_of_its_logical_date(
    logical_date: datetime | None, interval_start: datetime | None, expected: str
) -> None:
    assert run_partition_day(logical_date, interval_start) == date.fromisoformat(expected)


def test_airflow_run_without_any_date_is_refused() -> None:
    with pytest.raises(ValueError, match="logical date"):
        run_partition_day(None, None)


def published_events(warehouse: Path) -> Path:
    """The demo day's events file that the warehouse publishes now."""
    path = published_path(warehouse, EVENTS, date.fromisoformat(DAY), "events")
    assert path is not None, f"{DAY} is not published in {warehouse}"
    return path


def sorted_events(path: Path) -> pa.Table:
    return pq.read_table(path).sort_by("event_id")


def event_ids(table: pa.Table) -> list[str]:
    return table.column("event_id").to_pylist()


def dagster_rerun(warehouse: Path, inbox: Path, shards: int) -> None:
    """The same day materialized by Dagster, in-process, over what Airflow published."""
    import dagster as dg

    from pipelines.definitions import (
        ASSET_CHECKS,
        NewsEventsSettings,
        RayCluster,
        articles,
        events,
        warehouse_catalog,
    )

    settings = NewsEventsSettings(warehouse=str(warehouse), inbox=str(inbox), shards=shards)
    result = dg.materialize(
        [articles, events, warehouse_catalog, *ASSET_CHECKS],
        partition_key=DAY,
        resources={"settings": settings, "ray_cluster": RayCluster(settings=settings)},
        raise_on_error=False,
    )
    assert result.success, [e.message for e in result.all_events if e.is_failure]


@pytest.fixture(scope="module")
def day_runs(airflow: dict[str, str], nlp: Language) -> dict[str, Any]:
    """The demo day run three times into one warehouse: by Airflow (`dag.test()`) on a fresh warehouse,
    rerun by Dagster with another shard count, rerun by Airflow; the published events after each."""
    warehouse, inbox = Path(airflow["NEWSEVENTS_WAREHOUSE"]), Path(airflow["NEWSEVENTS_INBOX"])
    reports, events = [], {}
    reports.append(run_python(RUN_DAG, airflow, LOGICAL_DATE))
    events["airflow"] = sorted_events(published_events(warehouse))
    dagster_rerun(warehouse, inbox, shards=3)
    events["dagster_rerun"] = sorted_events(published_events(warehouse))
    reports.append(run_python(RUN_DAG, airflow, LOGICAL_DATE))
    events["airflow_rerun"] = sorted_events(published_events(warehouse))
    return {"warehouse": warehouse, "inbox": inbox, "reports": reports, "events": events}


def test_airflow_dag_test_runs_every_task_of_the_day(day_runs: dict[str, Any]) -> None:
    for report in day_runs["reports"]:
        run = report["run"]
        assert run["state"] == "success"
        assert run["logical_date"].startswith(DAY)
        assert {task for task, _, _ in run["tasks"]} == {
            "ingest",
            "volume_check",
            "plan_shards",
            "extract",
            "audit",
            "publish",
        }
        assert {state for _, _, state in run["tasks"]} == {"success"}
        assert sorted(i for task, i, _ in run["tasks"] if task == "extract") == [0, 1]  # one task per shard


def test_airflow_day_matches_the_pipeline_run_directly(day_runs: dict[str, Any], tmp_path: Path) -> None:
    first = day_runs["events"]["airflow"]
    assert first.num_rows > 0
    con = connect_read_only(day_runs["warehouse"])
    try:
        in_catalog = con.execute(
            "SELECT count(*) FROM events WHERE ingest_date = ?", [date.fromisoformat(DAY)]
        ).fetchone()
    finally:
        con.close()
    assert in_catalog == (first.num_rows,)

    direct = load_settings(warehouse=tmp_path / "direct", processes=1)  # what `newsevents run` does
    run_day(date.fromisoformat(DAY), [day_runs["inbox"] / DAY], direct)
    expected = sorted_events(published_events(direct.warehouse))
    assert first.equals(expected)


def test_rerun_from_either_orchestrator_leaves_the_same_rows(day_runs: dict[str, Any]) -> None:
    events = day_runs["events"]
    assert event_ids(events["dagster_rerun"]) == event_ids(events["airflow"])
    assert event_ids(events["airflow_rerun"]) == event_ids(events["airflow"])
    assert events["dagster_rerun"].equals(events["airflow"])
    assert events["airflow_rerun"].equals(events["airflow"])
    assert not list((day_runs["warehouse"] / "_staging").rglob("*.parquet")), "nothing left staged"


def test_airflow_publish_emits_the_table_assets(day_runs: dict[str, Any]) -> None:
    emitted = {name: extra for name, extra in day_runs["reports"][-1]["asset_events"]}
    assert set(emitted) == {
        f"newsevents.{t}" for t in ("articles", "events", "rejects", "unresolved", "catalog")
    }
    assert emitted["newsevents.events"] == {
        "ingest_date": DAY,
        "events": day_runs["events"]["airflow"].num_rows,
    }


def test_airflow_empty_day_loads_no_spacy_and_the_volume_check_warns(
    airflow: dict[str, str], day_runs: dict[str, Any]
) -> None:
    report = run_python(RUN_EMPTY_DAY, airflow, "2022-08-02")  # after the demo day (day_runs); no inbox folder
    assert report["state"] == "success"
    assert {state for _, state in report["tasks"]} == {"success"}
    assert report["spacy_loaded"] == 0
    volume = report["volume"]
    assert volume["articles"] == 0 and volume["previous_day_articles"] > 0
    assert "2022-08-02: no articles, while 2022-08-01 had" in volume["warning"]
