"""The Airflow DAG, run by Airflow itself: DagBag import, `dag.test()` of one day, and a rerun.

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
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipelines.cli import DEMO_ARTICLES
from pipelines.config import load_settings
from pipelines.steps import run_day
from schemas import EVENTS
from warehouse.catalog import connect_read_only
from warehouse.writer import partition_path

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
DAY = "2022-08-01"
# A manual run's data interval is the last whole day before its logical date: 2022-08-02 codes 2022-08-01.
LOGICAL_DATE = "2022-08-02"
RESULT = "RESULT:"

pytestmark = pytest.mark.slow

RUN_DAG = """
import json, shutil, sys
from datetime import datetime
from pathlib import Path

from airflow.dag_processing.dagbag import DagBag
from airflow.models.asset import AssetEvent, AssetModel
from airflow.utils.session import create_session

warehouse, day, logical, runs = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
dag = DagBag().get_dag("news_events")
report = []
for attempt in range(runs):
    run = dag.test(logical_date=datetime.fromisoformat(logical + "T00:00:00+00:00"))
    events = warehouse / "events" / f"ingest_date={day}" / "events.parquet"
    if events.exists():
        shutil.copy(events, warehouse.parent / f"events-run{attempt}.parquet")
    report.append({
        "state": str(run.state),
        "interval_start": run.data_interval_start.isoformat(),
        "tasks": sorted([ti.task_id, ti.map_index, str(ti.state)] for ti in run.get_task_instances()),
    })
with create_session() as session:
    emitted = session.query(AssetModel.name, AssetEvent.extra).join(AssetEvent.asset).all()
print("RESULT:" + json.dumps({"runs": report, "asset_events": [[n, e] for n, e in emitted]}))
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


def sorted_events(path: Path) -> pa.Table:
    return pq.read_table(path).sort_by("event_id")


def test_airflow_dag_test_runs_a_day_and_reruns_it_identically(
    airflow: dict[str, str], tmp_path: Path, nlp: Language
) -> None:
    warehouse = Path(airflow["NEWSEVENTS_WAREHOUSE"])
    report = run_python(RUN_DAG, airflow, str(warehouse), DAY, LOGICAL_DATE, "2")
    for run in report["runs"]:
        assert run["state"] == "success"
        assert run["interval_start"].startswith(DAY)
        assert {task for task, _, _ in run["tasks"]} == {
            "ingest",
            "plan_shards",
            "extract",
            "audit",
            "publish",
        }
        assert {state for _, _, state in run["tasks"]} == {"success"}
        assert sorted(i for task, i, _ in run["tasks"] if task == "extract") == [0, 1]  # one task per shard

    first, second = (sorted_events(warehouse.parent / f"events-run{i}.parquet") for i in range(2))
    assert first.num_rows > 0
    assert second.equals(first)

    con = connect_read_only(warehouse)
    try:
        in_catalog = con.execute(
            "SELECT count(*) FROM events WHERE ingest_date = ?", [date.fromisoformat(DAY)]
        ).fetchone()
    finally:
        con.close()
    assert in_catalog == (first.num_rows,)

    direct = load_settings(warehouse=tmp_path / "direct", processes=1)
    run_day(date.fromisoformat(DAY), [Path(airflow["NEWSEVENTS_INBOX"]) / DAY], direct)
    expected = sorted_events(partition_path(direct.warehouse, EVENTS, date.fromisoformat(DAY), "events"))
    assert first.equals(expected)

    emitted = {name: extra for name, extra in report["asset_events"]}
    assert set(emitted) == {
        f"newsevents.{t}" for t in ("articles", "events", "rejects", "unresolved", "catalog")
    }
    assert emitted["newsevents.events"] == {"ingest_date": DAY, "events": first.num_rows}
