"""Fixtures shared by the whole suite."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

if TYPE_CHECKING:
    from fixtures.sources_site import Site

    from transforms.coder import Coder
    from transforms.coder.lexicon import Lexicon

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO_ARTICLES = REPO / "pipelines" / "demo" / "articles.jsonl"
# Every process this test run starts inherits this variable (worker pools, CLI runs, servers, Ray nodes and
# the workers of their raylets, daemons that leave their parent included), so the run can find, at its end,
# any process it left behind.
RUN_MARKER = ("NEWSEVENTS_TEST_RUN", f"{os.getpid()}-{time.time_ns()}")
os.environ[RUN_MARKER[0]] = RUN_MARKER[1]
LEFT_BEHIND_GRACE = 30.0


def processes_of_this_run() -> dict[int, str]:
    """pid -> command line of the live processes (zombies aside) that carry this run's marker."""
    marker = f"{RUN_MARKER[0]}={RUN_MARKER[1]}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if stat[stat.rindex(")") + 2] == "Z":
            continue
        if "multiprocessing.resource_tracker" in command and int(stat[stat.rindex(")") + 2 :].split()[1]) == os.getpid():
            continue  # this test process's own tracker (a process pool was used in-process): it ends with us
        found[int(entry.name)] = command.strip()[:200]
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind() -> Iterator[None]:
    """Fails the run if a process it started is still alive at its end (after a grace period for those
    shutting down); such processes are killed."""
    yield
    deadline = time.monotonic() + LEFT_BEHIND_GRACE
    while (left := processes_of_this_run()) and time.monotonic() < deadline:
        time.sleep(0.5)
    if left:
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        listing = "\n".join(f"  {pid}: {command}" for pid, command in sorted(left.items()))
        pytest.fail(f"{len(left)} processes started by the tests were still running at the end:\n{listing}")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained English pipeline, loaded once for the session."""
    from pipelines.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The coder with the bundled dictionaries, built once for the session."""
    from transforms.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def lex(coder: Coder) -> Lexicon:
    """What the session's coder knows: for tests of one stage of the coder (transforms/coder/*.py)."""
    return coder.lex


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (corpora, gold, CAMEO tables); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse `newsevents demo` makes, built once for the session. Tests only read it."""
    from pipelines.cli import main

    warehouse = tmp_path_factory.mktemp("demo") / "warehouse"
    assert main(["demo", "--warehouse", str(warehouse)]) == 0
    return warehouse


@pytest.fixture
def site() -> Iterator[Site]:
    """A web site on 127.0.0.1 (tests/fixtures/sources_site.py) with no routes yet; stopped after the test."""
    from fixtures.sources_site import Site

    with Site() as running:
        yield running
