"""The local worker pool under faults, with real signals on real processes.

A worker killed with SIGKILL (what the kernel's OOM killer does) must neither hang the run nor change its
output; an article that kills every worker coding it, or that the coder never finishes, becomes a reject
row while the day goes on; a model or actor file that cannot be loaded fails the run with one line instead
of restarting workers forever. Every test has a timeout that fails it, and checks that no process it
started is left behind.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fixtures.faults import FAULTY_TEXT, HANG_MARKER, KILL_MARKER, faulty_model, with_faulty_article
from spacy.language import Language

from pipelines import orchestration
from pipelines.config import load_settings
from pipelines.ray_local import session_processes
from pipelines.steps import run_day
from pipelines.workers import WorkerPool
from schemas import EVENTS, REJECTS
from warehouse.published import published_path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "pipelines" / "demo" / "articles.jsonl"
DAY = date(2022, 8, 1)


def published(warehouse: Path, table=EVENTS, part: str = "events") -> list[dict]:
    path = published_path(warehouse, table, DAY, part)
    assert path is not None, f"{table.name}/{part} of {DAY} is not published"
    return pq.read_table(path).to_pylist()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> list[dict]:
    """The demo day's events, run from this process: what every run below must publish."""
    warehouse = tmp_path_factory.mktemp("reference") / "warehouse"
    run_day(DAY, [DEMO], load_settings(warehouse=warehouse, processes=1))
    rows = published(warehouse)
    assert len(rows) > 50
    return rows


@pytest.fixture(scope="module")
def faults_plugin(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> tuple[Path, Path]:
    """(a folder to put on PYTHONPATH, a model folder): the trained pipeline with the faults component."""
    return faulty_model(tmp_path_factory.mktemp("faults"), nlp)



class CliRun:
    """`newsevents ...` in its own session; on exit every process of the session is killed, and a test
    that left one running fails."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}, cwd=REPO,
        )  # fmt: skip
        self.stderr_lines: list[str] = []

    def stderr(self) -> Iterator[str]:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr_lines.append(line)
            yield line

    def finish(self, timeout: float) -> int:
        """Wait for the run (failing the test after `timeout` s); returns its exit status."""
        try:
            _, rest = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the run did not finish in {timeout} s: {''.join(self.stderr_lines)[-2000:]}")
        self.stderr_lines.extend(rest.splitlines(keepends=True))
        return self.proc.returncode

    def __enter__(self) -> CliRun:
        return self

    def __exit__(self, *exc: object) -> None:
        # multiprocessing's resource tracker exits when it sees its parent gone: give it a moment
        deadline = time.monotonic() + 10
        while (left := session_processes(self.proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        self.proc.kill()
        self.proc.wait()
        assert not left, f"processes left behind: {left}"


def run_args(warehouse: Path, *extra: str) -> list[str]:
    return ["--log-level", "DEBUG", "run", "--quiet", "--input", str(DEMO), "--date", DAY.isoformat(),
            "--warehouse", str(warehouse), "--processes", "2", *extra]  # fmt: skip


@pytest.mark.timeout(300)
def test_a_worker_killed_mid_run_costs_a_retry_not_the_run(tmp_path: Path, reference: list[dict]) -> None:
    warehouse = tmp_path / "warehouse"
    with CliRun(run_args(warehouse), env={"NEWSEVENTS_BATCH_SIZE": "4"}) as run:
        for line in run.stderr():
            if "batch 2 (" in line and "to worker pid" in line:
                os.kill(int(line.rsplit("pid", 1)[1]), signal.SIGKILL)
                break
        else:
            pytest.fail(f"batch 2 never went to a worker: {''.join(run.stderr_lines)[-2000:]}")
        status = run.finish(timeout=240)
    log = "".join(run.stderr_lines)
    assert status == 0, log[-2000:]
    assert "died (signal 9)" in log
    assert published(warehouse) == reference
    assert published(warehouse, REJECTS, "extract") == []


@pytest.mark.timeout(400)
def test_an_article_that_kills_every_worker_becomes_a_reject(
    tmp_path: Path, reference: list[dict], faults_plugin: tuple[Path, Path]
) -> None:
    plugin, model = faults_plugin
    source = with_faulty_article(DEMO, tmp_path, KILL_MARKER)
    warehouse = tmp_path / "warehouse"
    args = ["--log-level", "DEBUG", "run", "--quiet", "--input", str(source), "--date", DAY.isoformat(),
            "--warehouse", str(warehouse), "--processes", "2", "--model", str(model)]  # fmt: skip
    env = {"NEWSEVENTS_BATCH_SIZE": "4", "PYTHONPATH": str(plugin)}
    with CliRun(args, env=env) as run:
        status = run.finish(timeout=360)
    log = "".join(run.stderr_lines)
    assert status == 0, log[-3000:]
    assert log.count("died (signal 9)") == 3, log[-3000:]  # the batch, its retry, the article alone
    rejects = published(warehouse, REJECTS, "extract")
    assert [(r["stage"], r["reason"]) for r in rejects] == [("extract", "worker_died")]
    killer_id = rejects[0]["article_id"]
    assert killer_id and "also when retried" in rejects[0]["detail"]
    assert published(warehouse) == reference  # every other article coded, in the same order


# Per article of a batch: a batch of 4 has 20 s (the demo's take well under a second each), so the hang
# costs 20 s, 20 s for the retry, 5 s alone.
TEST_ARTICLE_SECONDS = "5"


@pytest.mark.timeout(400)
@pytest.mark.parametrize("processes", ["2", "1"])
def test_an_article_the_coder_never_finishes_becomes_a_reject(
    tmp_path: Path, reference: list[dict], faults_plugin: tuple[Path, Path], processes: str
) -> None:
    """The coder loops forever on one article: its worker is killed at the bound (with one process too:
    coding happens in a worker all the same), the article becomes a reject, every other one is coded."""
    plugin, model = faults_plugin
    source = with_faulty_article(DEMO, tmp_path, HANG_MARKER)
    warehouse = tmp_path / "warehouse"
    args = ["--log-level", "DEBUG", "run", "--quiet", "--input", str(source), "--date", DAY.isoformat(),
            "--warehouse", str(warehouse), "--processes", processes, "--model", str(model)]  # fmt: skip
    env = {
        "NEWSEVENTS_BATCH_SIZE": "4",
        "NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS": TEST_ARTICLE_SECONDS,
        "PYTHONPATH": str(plugin),
    }
    with CliRun(args, env=env) as run:
        status = run.finish(timeout=360)
    log = "".join(run.stderr_lines)
    assert status == 0, log[-3000:]
    # the batch (20 s), its retry, the article alone (5 s)
    assert log.count("was killed after 20 s coding batch 1") == 2, log[-3000:]
    assert log.count("was killed after 5 s coding article") == 1, log[-3000:]
    rejects = published(warehouse, REJECTS, "extract")
    assert [(r["stage"], r["reason"]) for r in rejects] == [("extract", "coder_timeout")]
    assert "longer than 5 s" in rejects[0]["detail"] and "also when retried" in rejects[0]["detail"]
    assert published(warehouse) == reference  # every other article coded, in the same order


@pytest.mark.timeout(120)
@pytest.mark.parametrize("problem", ["no_such_model", "broken_actors"])
def test_a_setup_error_fails_before_any_worker_starts(tmp_path: Path, problem: str) -> None:
    if problem == "no_such_model":
        extra = ["--model", "no_such_model"]
    else:
        actors = tmp_path / "actors.yaml"
        actors.write_text("- code: XYZ\n  kind: state\n  names: [Xyzland\n", encoding="utf-8")
        extra = ["--actors", str(actors)]
    with CliRun(run_args(tmp_path / "warehouse", *extra)) as run:
        status = run.finish(timeout=90)
    assert status == 1
    lines = run.stderr_lines
    assert lines and lines[-1].startswith("newsevents: error: ")
    assert not any("worker" in line for line in lines), lines
    assert not any("Traceback" in line for line in lines), lines


@pytest.mark.timeout(180)
def test_a_model_that_fails_in_the_workers_fails_the_run_once(tmp_path: Path, nlp: Language) -> None:
    model = tmp_path / "model"
    nlp.to_disk(model)
    shutil.rmtree(model / "ner")  # the folder checks pass; loading the weights fails
    with CliRun(run_args(tmp_path / "warehouse", "--model", str(model))) as run:
        status = run.finish(timeout=150)
    lines = run.stderr_lines
    assert status == 1
    assert lines[-1].startswith("newsevents: error: a worker could not start: "), lines
    assert sum("started worker" in line for line in lines) <= 2, lines  # none restarted
    assert not any("Traceback" in line for line in lines), lines


@pytest.mark.timeout(300)
def test_a_worker_of_this_process_killed_mid_run_leaves_no_process_behind(
    tmp_path: Path, reference: list[dict]
) -> None:
    """In-process, as the test suite itself runs the pool: the run completes and no child remains."""
    killed: list[int] = []

    class KillOnBatch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not killed and record.getMessage().startswith("batch 3 "):
                pid = int(record.getMessage().rsplit("pid", 1)[1])
                killed.append(pid)
                threading.Timer(0.3, os.kill, (pid, signal.SIGKILL)).start()

    logger = logging.getLogger("newsevents.pipelines.scheduler")
    handler = KillOnBatch(logging.DEBUG)
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        warehouse = tmp_path / "warehouse"
        run_day(DAY, [DEMO], load_settings(warehouse=warehouse, processes=2, batch_size=3))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert killed
    assert published(warehouse) == reference
    assert multiprocessing.active_children() == []


@pytest.mark.timeout(180)
def test_workers_code_with_the_coder_this_process_built_once(tmp_path: Path) -> None:
    """The pool builds the coder (the user's actor file included) once, here, and sends it pickled to each
    worker it starts, a worker started after another was killed too; a stopped worker exits at once."""
    user = tmp_path / "actors.yaml"
    user.write_text("- code: UKRREB\n  kind: group\n  names: [Zorblax Front]\n", encoding="utf-8")
    settings = load_settings(warehouse=tmp_path / "warehouse", processes=1, actors=[user])
    batch = [("a1", "The Zorblax Front attacked Ukraine.", DAY, None)]
    with WorkerPool(settings, DAY) as pool:
        [(articles, first)] = pool.code([batch])
        built, [worker] = pool.coder, pool.workers
        assert built is not None
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(30)
        [(_, second)] = pool.code([batch])  # coded again on a fresh worker (the loss costs a retry)
        assert pool.coder is built
        [fresh] = pool.workers
        assert fresh.process.pid != worker.process.pid
    assert articles == 1
    for coded in (first, second):
        events = coded.events.to_pylist()
        assert {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events} == {
            ("UKRREB", "UKR", "190")
        }
    assert fresh.process.exitcode == 0
    assert multiprocessing.active_children() == []


@pytest.mark.timeout(400)
def test_an_orchestrators_extract_task_bounds_each_article_too(
    tmp_path: Path, faults_plugin: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The extract task of Airflow and Dagster (orchestration.extract_shard, engine: local) codes as
    `newsevents run` does, in worker processes: an article the coder never finishes becomes a
    `coder_timeout` reject instead of holding the task until the orchestrator's own timeout."""
    plugin, model = faults_plugin
    monkeypatch.syspath_prepend(str(plugin))  # the spawned workers start with this process's sys.path
    inbox = tmp_path / "inbox"
    folder = inbox / DAY.isoformat()
    folder.mkdir(parents=True)
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()[:3]]
    rows.append({"id": "faulty", "published": "2022-07-31", "text": FAULTY_TEXT.format(marker=HANG_MARKER)})
    (folder / "articles.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    settings = load_settings(
        warehouse=tmp_path / "warehouse", inbox=inbox, model=str(model), processes=1, batch_size=1,
        article_timeout_seconds=float(TEST_ARTICLE_SECONDS),
    )  # fmt: skip
    orchestration.ingest_day(DAY, settings)
    shard = orchestration.extract_shard(DAY, settings, 0, 1)
    orchestration.publish_day(DAY, settings, 1)
    assert shard["articles"] == 4 and shard["rejects"] == 1 and shard["events"] > 0
    rejects = published(settings.warehouse, REJECTS, "extract")
    assert [(r["stage"], r["reason"]) for r in rejects] == [("extract", "coder_timeout")]
