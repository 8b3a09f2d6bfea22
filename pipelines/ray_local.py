"""A Ray cluster of one-CPU nodes on this machine's loopback addresses: what the tests and the benchmark
run ``engine: ray`` on.

Each node is ``ray start --block`` in a session of its own, on an address of its own (127.0.0.2 for the
head, 127.0.0.3, ... for the others: Ray would rewrite 127.0.0.1 to the machine's outward address). Every
port is chosen free or left to the OS, so two clusters (two test runs) can share the machine. Stopping a
node ends every process of its session (its raylet, agents and workers: Ray puts each worker in a process
group of its own, so signalling the node's process group is not enough).

A node's raylet waits a fixed 15 s (not configurable in Ray 2.60) for its dashboard agent to write its port
files, and aborts the node when that fails: on a machine busy with other work the agent's start (a Python
process importing Ray) can take longer. So a node that fails to come up is stopped and started again, up to
`START_ATTEMPTS` times; after that the error carries Ray's own reason (the raylet's failed check and the
last lines of ``ray start``). Installing with compiled bytecode (the Makefile does) makes that start about
three times faster.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

START_ATTEMPTS = 3
START_SECONDS = 90.0  # a node that is not up after this is stopped (then tried again); a quiet machine: 5 s
STOP_SECONDS = 30.0  # SIGTERM grace of a node's processes before SIGKILL
# The cluster listens on loopback only, for one test or benchmark run: no token (Ray would otherwise write
# one to ~/.ray), no usage statistics, no metrics collected or exported (nobody scrapes them; less work for
# the nodes). The dashboard is off (--include-dashboard false); a raylet always starts its dashboard agent,
# which runs in Ray's minimal mode without the ray[default] extras (not installed).
ENVIRONMENT = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0", "RAY_enable_metrics_collection": "0"}


class ClusterError(RuntimeError):
    """A node did not start (the message says why, in Ray's words) or did not stop."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_processes(session: int) -> list[int]:
    """Live processes of a session (Linux /proc), zombies left out."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[3]) == session:
            found.append(int(entry.name))
    return found


def stop_session(session: int, grace: float = STOP_SECONDS) -> list[int]:
    """Stop a node: SIGTERM to its `ray start --block` (the session leader, which stops the node's
    processes in order; Ray's GCS and monitor ignore a SIGTERM of their own), or to every process of the
    session if the leader is gone; then SIGKILL to what is left after `grace` seconds. Returns the
    processes still alive after that (none, unless the kernel keeps one)."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        alive = session_processes(session)
        targets = [session] if sig == signal.SIGTERM and session in alive else alive
        for pid in targets:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while session_processes(session) and time.monotonic() < deadline:
            time.sleep(0.2)
    return session_processes(session)


class LocalCluster:
    """Nodes of one CPU each, added one by one with `add_node` (the first is the head); a context
    manager that stops every node on the way out, whatever happened."""

    def __init__(self, environment: dict[str, str] | None = None) -> None:
        # short: Ray's socket paths under it must stay under 108 bytes
        self.temp = Path(tempfile.mkdtemp(prefix="nray-"))
        self.port = free_port()
        self.address = f"127.0.0.2:{self.port}"
        self.environment = {**os.environ, **ENVIRONMENT, **(environment or {})}
        self.nodes: list[subprocess.Popen] = []

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def add_node(self) -> None:
        """Start the next node and return once it has joined; `ClusterError` if it cannot start."""
        failures = []
        for attempt in range(1, START_ATTEMPTS + 1):
            log = self.temp / f"node{len(self.nodes)}-try{attempt}.log"
            started = time.time()
            proc = self._start(log)
            try:
                failure = self._wait_until_up(proc, log, started)
            except BaseException:  # interrupted while the node starts: it must not outlive the run
                stop_session(proc.pid)
                raise
            if failure is None:
                self.nodes.append(proc)
                return
            stop_session(proc.pid)
            proc.wait(timeout=10)
            failures.append(f"try {attempt}: {failure}")
        raise ClusterError(
            f"Ray node {len(self.nodes)} of the local cluster did not start in {START_ATTEMPTS} tries:\n"
            + "\n".join(failures)
        )

    def _start(self, log: Path) -> subprocess.Popen:
        n = len(self.nodes)
        command = [str(Path(sys.executable).with_name("ray")), "start", "--block", "--num-cpus", "1",
                   "--node-ip-address", f"127.0.0.{2 + n}", "--disable-usage-stats",
                   "--object-store-memory", str(200 * 2**20)]  # fmt: skip
        if n == 0:
            command += ["--head", "--port", str(self.port), "--temp-dir", str(self.temp / "ray"),
                        "--include-dashboard", "false", "--dashboard-port", str(free_port()),
                        "--ray-client-server-port", str(free_port())]  # fmt: skip
        else:
            command += ["--address", self.address]
        with log.open("wb") as out:
            return subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=self.environment, start_new_session=True
            )

    def _wait_until_up(self, proc: subprocess.Popen, log: Path, started: float) -> str | None:
        """None once the node is up; else why not (Ray's words)."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if "block forever" in log.read_text(errors="replace"):
                return None
            if proc.poll() is not None:
                return self._why(log, started, f"ray start exited with status {proc.returncode}")
            time.sleep(0.5)
        return self._why(log, started, f"not up after {START_SECONDS:.0f} s")

    def _why(self, log: Path, started: float, what: str) -> str:
        """`what`, the raylet's failed check (the usual cause) and the last lines of ray start."""
        reasons = [what]
        for raylet_log in sorted(self.temp.glob("ray/session_*/logs/raylet*.out")):
            if raylet_log.stat().st_mtime < started:  # an earlier try's
                continue
            text = raylet_log.read_text(errors="replace")
            fatal = [line for line in text.splitlines() if "Check failed" in line]
            reasons += [line.split("Check failed:", 1)[-1].strip()[:300] for line in fatal[-1:]]
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
        reasons.append(" | ".join(lines[-4:])[-600:])
        return "; ".join(reasons)

    def stop(self) -> None:
        """Stop every node (the last added first) and remove the cluster's files."""
        left: list[int] = []
        for proc in reversed(self.nodes):
            left += stop_session(proc.pid)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        self.nodes = []
        shutil.rmtree(self.temp, ignore_errors=True)
        if left:
            raise ClusterError(f"Ray processes {left} survived SIGKILL")
