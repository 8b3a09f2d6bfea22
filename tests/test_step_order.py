"""The order of a day's steps is written once (pipelines.steps.DAY_STEPS): `run_day` iterates it, and the
Airflow DAG's and the Dagster job's graphs are checked against it here, so an orchestrator wired in another
order fails these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from pipelines.steps import DAY_STEPS, IN_ONE_PROCESS, order_problems

REPO = Path(__file__).resolve().parents[1]
STEP_NAMES = [step.name for step in DAY_STEPS]
RESULT = "RESULT:"

# The DAG's task graph, parsed by Airflow itself (no database needed to parse a dags folder).
AIRFLOW_GRAPH = """
import json
from airflow.dag_processing.dagbag import DagBag

bag = DagBag()
dag = bag.dags["news_events"]
print("RESULT:" + json.dumps({
    "import_errors": bag.import_errors,
    "upstream": {task.task_id: sorted(task.upstream_task_ids) for task in dag.tasks},
}))
"""


def test_the_day_is_ingest_extract_audit_publish_with_extract_fanned_out() -> None:
    assert STEP_NAMES == ["ingest", "extract", "audit", "publish"]
    assert [step.name for step in DAY_STEPS if step.per_shard] == ["extract"]


def test_run_day_has_a_runner_for_each_step_and_no_other() -> None:
    assert sorted(IN_ONE_PROCESS) == sorted(STEP_NAMES)


IN_ORDER = {"ingest": [], "plan": ["ingest"], "extract": ["plan"], "audit": ["extract"], "publish": ["audit"]}
NODES = {name: name for name in STEP_NAMES}


@pytest.mark.parametrize(
    ("upstream", "problem"),
    [
        pytest.param(IN_ORDER, None, id="in-order"),
        pytest.param(
            {**IN_ORDER, "audit": ["ingest"], "publish": ["audit", "extract"]},
            "audit (audit) does not wait for extract (extract)",
            id="audit-beside-extract",
        ),
        pytest.param(
            {**IN_ORDER, "audit": ["publish"], "publish": ["extract"]},
            "audit (audit) waits for the later step publish",
            id="publish-before-audit",
        ),
        pytest.param({k: v for k, v in IN_ORDER.items() if k != "audit"}, "no node runs the step audit", id="no-audit"),
    ],
)
def test_order_problems_finds_a_graph_in_another_order(upstream: dict, problem: str | None) -> None:
    problems = order_problems(upstream, NODES)
    assert (problem in problems) if problem else problems == []


def test_dagster_job_runs_the_steps_in_their_order() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pipelines.definitions import DAY_STEP_NODES, daily_job, defs

    graph = defs.resolve_job_def(daily_job.name).graph
    structure = graph.dependency_structure
    upstream = {
        node.name: {output.node_name for output in structure.all_upstream_outputs_from_node(node.name)}
        for node in graph.nodes
    }
    assert order_problems(upstream, DAY_STEP_NODES) == []


@pytest.mark.timeout(300)
def test_airflow_dag_runs_the_steps_in_their_order(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSEVENTS_"))}
    env.update(
        AIRFLOW_HOME=str(tmp_path / "airflow"),
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p),
    )
    proc = subprocess.run(
        [sys.executable, "-c", AIRFLOW_GRAPH], env=env, capture_output=True, text=True, timeout=280, cwd=REPO
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith(RESULT)]
    assert proc.returncode == 0 and lines, f"exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    found = json.loads(lines[-1][len(RESULT) :])
    assert found["import_errors"] == {}
    # each step is the task of its name (plan_shards and volume_check are the DAG's own helpers)
    assert order_problems(found["upstream"], NODES) == []
