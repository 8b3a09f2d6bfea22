"""engine: ray on a real two-node Ray cluster started on loopback addresses of this machine.

The cluster (the module fixture `ray_cluster`: a head node and a second node joining it, one CPU each,
the dashboard off) is shared by these tests and stopped, every process of it, at the end of the module,
whatever happened. A node that cannot start fails the tests (with Ray's reason), after bounded tries. Runs go through the CLI in subprocesses (each its
own Ray driver). Each run must publish exactly the rows, in the same order, that a local run publishes;
so must a run during which a Ray worker process is killed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fixtures.faults import HANG_MARKER, faulty_model, with_faulty_article
from spacy.language import Language

from pipelines.config import load_settings
from pipelines.ray_local import (
    ENVIRONMENT,
    START_ATTEMPTS,
    START_SECONDS,
    ClusterError,
    LocalCluster,
    session_processes,
    stop_session,
)
from pipelines.steps import run_day
from schemas import ARTICLES, EVENTS, REJECTS, UNRESOLVED, TableSchema
from warehouse.published import published_path

pytest.importorskip("ray", reason="the ray extra is not installed (make test installs it)")

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "pipelines" / "demo" / "articles.jsonl"
DAY = date(2022, 8, 1)
# A test's bound includes the cluster's start for the first (at most 2 nodes x START_ATTEMPTS x START_SECONDS)
TEST_SECONDS = 2 * START_ATTEMPTS * START_SECONDS + 600
# What a day publishes: (table, part) of each file.
DAY_FILES = [(ARTICLES, "articles"), (EVENTS, "events"), (UNRESOLVED, "extract"), (REJECTS, "ingest"),
             (REJECTS, "extract")]  # fmt: skip


def published(warehouse: Path, day: date = DAY) -> dict[str, list[dict]]:
    """Every published file of the day, as rows (in file order)."""
    rows = {}
    for table, part in DAY_FILES:
        path = published_path(warehouse, table, day, part)
        assert path is not None, f"{table.name}/{part} of {day} is not published in {warehouse}"
        rows[f"{table.name}/{part}"] = pq.read_table(path).to_pylist()
    return rows


def rows(warehouse: Path, table: TableSchema, part: str, day: date = DAY) -> list[dict]:
    path = published_path(warehouse, table, day, part)
    assert path is not None
    return pq.read_table(path).to_pylist()


@pytest.fixture(scope="module")
def faults_plugin(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> tuple[Path, Path]:
    """(a folder to put on PYTHONPATH, a model folder): the trained pipeline with the faults component."""
    return faulty_model(tmp_path_factory.mktemp("faults"), nlp)


@pytest.fixture(scope="module")
def ray_cluster(faults_plugin: tuple[Path, Path]) -> Iterator[LocalCluster]:
    """The two-node cluster (its workers can load the faults component); a node that does not start in its
    tries fails the tests (never skips them)."""
    path = os.pathsep.join(p for p in (str(faults_plugin[0]), os.environ.get("PYTHONPATH", "")) if p)
    with LocalCluster({"PYTHONPATH": path}) as cluster:
        try:
            cluster.add_node()
            cluster.add_node()
        except ClusterError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield cluster


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, list[dict]]:
    """The demo day run locally, in this process."""
    warehouse = tmp_path_factory.mktemp("reference") / "warehouse"
    run_day(DAY, [DEMO], load_settings(warehouse=warehouse, processes=1))
    return published(warehouse)


@contextlib.contextmanager
def cli(*args: str, batch_size: int = 4, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """`newsevents ARGS` in a subprocess (a Ray driver), killed on the way out if still running."""
    env = {**os.environ, **ENVIRONMENT, "NEWSEVENTS_BATCH_SIZE": str(batch_size), "PYTHONUNBUFFERED": "1",
           **(env or {})}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args], cwd=REPO, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        yield proc
    finally:
        if proc.poll() is None:
            stop_session(proc.pid, grace=5.0)
        proc.wait(timeout=30)


def finish(proc: subprocess.Popen, timeout: float) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"the run did not finish in {timeout} s: {err[-2000:]}")
    return proc.returncode, out, err


def run_args(warehouse: Path, cluster: LocalCluster, *extra: str) -> list[str]:
    return ["run", "--quiet", "--input", str(DEMO), "--date", DAY.isoformat(), "--warehouse", str(warehouse),
            "--engine", "ray", "--ray-address", cluster.address, *extra]  # fmt: skip


def coder_actors(cluster: LocalCluster) -> list[int]:
    """The cluster's Ray worker processes that run the coder's actors (titled ray::CoderActor...)."""
    pids = []
    for node in cluster.nodes:
        for pid in session_processes(node.pid):
            with contextlib.suppress(OSError):
                if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"ray::CoderActor"):
                    pids.append(pid)
    return pids


@pytest.mark.timeout(TEST_SECONDS)
def test_a_day_on_two_ray_nodes_publishes_the_rows_of_a_local_run(
    ray_cluster: LocalCluster, reference: dict[str, list[dict]], tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    with cli(*run_args(warehouse, ray_cluster)) as run:
        status, _, err = finish(run, timeout=400)
    assert status == 0, err[-2000:]
    assert published(warehouse) == reference
    assert reference["events/events"] and reference["rejects/extract"] == []


@pytest.mark.timeout(TEST_SECONDS)
def test_killing_a_ray_worker_mid_run_changes_nothing(
    ray_cluster: LocalCluster, reference: dict[str, list[dict]], tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    with cli("--log-level", "DEBUG", *run_args(warehouse, ray_cluster), batch_size=2) as run:
        assert run.stderr is not None
        lines = []
        for line in run.stderr:  # the driver logs each batch it hands to an actor
            lines.append(line)
            if " to Ray actor " in line and "batch 4 " in line:
                break
        actors = coder_actors(ray_cluster)
        assert actors and run.poll() is None, "".join(lines)[-3000:]
        os.kill(actors[0], signal.SIGKILL)  # batches 0..4 are dispatched, at least 8 of 12 are not done
        status, _, err = finish(run, timeout=400)
    assert status == 0, ("".join(lines) + err)[-3000:]
    assert published(warehouse) == reference
    assert rows(warehouse, REJECTS, "extract") == []


@pytest.mark.timeout(TEST_SECONDS)
def test_an_article_the_coder_never_finishes_becomes_a_reject_on_ray(
    ray_cluster: LocalCluster,
    reference: dict[str, list[dict]],
    faults_plugin: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    """The coder loops forever on one article: the driver kills its actor at the bound (5 s per article:
    20 s for a batch of 4), codes the batch again on a new actor, then article by article, and rejects it."""
    _, model = faults_plugin
    source = with_faulty_article(DEMO, tmp_path, HANG_MARKER)
    warehouse = tmp_path / "warehouse"
    args = ["--log-level", "DEBUG", "run", "--quiet", "--input", str(source), "--date", DAY.isoformat(),
            "--warehouse", str(warehouse), "--engine", "ray", "--ray-address", ray_cluster.address,
            "--model", str(model)]  # fmt: skip
    with cli(*args, env={"NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS": "5"}) as run:
        status, _, err = finish(run, timeout=400)
    assert status == 0, err[-3000:]
    assert err.count("was killed after 20 s coding batch 1") == 2, err[-3000:]
    assert err.count("was killed after 5 s coding article") == 1, err[-3000:]
    assert [(r["stage"], r["reason"]) for r in rows(warehouse, REJECTS, "extract")] == [
        ("extract", "coder_timeout")
    ]
    assert rows(warehouse, EVENTS, "events") == reference["events/events"]


@pytest.mark.timeout(TEST_SECONDS)
def test_a_three_day_backfill_on_ray_matches_local_runs_and_resumes(
    ray_cluster: LocalCluster, tmp_path: Path, nlp: Language
) -> None:
    articles = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    inbox = tmp_path / "inbox"
    days = [DAY + timedelta(days=n) for n in range(3)]
    for n, day in enumerate(days):
        (inbox / day.isoformat()).mkdir(parents=True)
        lines = [json.dumps(a) for a in articles[n * 8 : (n + 1) * 8]]
        (inbox / day.isoformat() / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = tmp_path / "local"
    settings = load_settings(warehouse=local, inbox=inbox, processes=1)
    for day in days:
        run_day(day, [inbox / day.isoformat()], settings)
    warehouse = tmp_path / "warehouse"
    args = ["backfill", "--from", days[0].isoformat(), "--to", days[-1].isoformat(), "--inbox", str(inbox),
            "--warehouse", str(warehouse), "--engine", "ray", "--ray-address", ray_cluster.address]  # fmt: skip
    with cli(*args, "--quiet") as run:
        status, out, err = finish(run, timeout=400)
    assert status == 0, err[-2000:]
    assert f"backfill {days[0]}..{days[-1]}: 3 days run" in out
    for day in days:
        assert published(warehouse, day) == published(local, day)
    with cli(*args, "--quiet") as run:
        status, out, err = finish(run, timeout=200)
    assert status == 0, err[-2000:]
    assert f"resumed after {days[-1]}" in out and "0 days run" in out
