"""The local engine: a day's batches coded in worker processes of this machine.

Each worker is a spawned process that loads spaCy once and receives the coder once, then codes the batches
the parent sends it over its own pipe, one at a time. The parent builds the coder while its first workers
import spaCy and load the model, and sends each worker the coder pickled: loading that takes a worker
about a sixth of the time building the dictionaries would, and the parent builds them once, not once per
worker. The parent knows which batch each worker holds, so the death of
a worker (the kernel's OOM killer on a huge document, a crash in native code, ``kill -9``) is pinned on
that batch, and a worker whose batch runs too long can be killed, while the other workers go on
undisturbed. What becomes of such a batch (coded again, article by article, a reject row) is decided by the
scheduler every engine shares (pipelines/scheduler.py). Coding always happens in a worker process, even
with one process: only a process can be killed when the coder never returns.

Nothing restarts forever: problems of the set-up (no such model, a broken actor file) are found in the
parent before any worker starts (`check_setup`); a worker that still cannot load the model ends the run
with its error; and workers dying before they could take work, `MAX_START_DEATHS` times in a row, end it too.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from pipelines.coding import Coded, WorkItem
from pipelines.config import ConfigError, Settings
from pipelines.log import get_logger
from pipelines.scheduler import Done, Job, Lost, Scheduler

log = get_logger(__name__)

# Workers that die before they take any work, this many times in a row, end the run.
MAX_START_DEATHS = 3
# How long a worker may take to exit after being told to, before it is killed.
EXIT_GRACE_SECONDS = 5.0


def check_setup(settings: Settings) -> str:
    """Check what every worker will load, without loading it: the spaCy model exists and the user's actor
    dictionaries parse. Returns the model to load. Raises ConfigError or ActorFileError (a ValueError)
    with a message saying what to fix, before any worker process is started."""
    from pipelines.nlp import resolve_model
    from transforms.actors import ActorDictionary, ActorFileError

    model = resolve_model(settings.model)
    sources = []
    for path in settings.actors:
        try:
            sources.append((str(path), Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ActorFileError(f"{path}: {exc}") from None
    if sources:  # (an empty dictionary needs no check, and building one costs spaCy's tokenizer)
        ActorDictionary(sources)  # raises on the first bad entry, naming file and entry
    return model


def _receive_coder(conn: Connection, received: list[bytes]) -> None:
    with contextlib.suppress(EOFError, OSError):  # the parent is gone: the worker ends on its own
        received.append(conn.recv_bytes())


def _worker_main(conn: Connection, model: str) -> None:
    """A worker: load the model, take the coder from the parent, then code each (day, batch) received
    until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    # The pickled coder (megabytes) is taken off the pipe by a thread while spaCy loads, so that the
    # parent's send never waits for this worker's start-up.
    received: list[bytes] = []
    reader = threading.Thread(target=_receive_coder, args=(conn, received), daemon=True)
    reader.start()
    from pipelines.coding import code_batch
    from pipelines.nlp import keep_freed_memory, load_nlp

    keep_freed_memory()
    try:
        try:
            nlp = load_nlp(model)
            reader.join()
            if not received:
                return
            coder = pickle.loads(received.pop())
        except Exception as exc:
            conn.send(("failed", str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)))
            return
        conn.send(("ready", None))
        while (job := conn.recv()) is not None:
            day, items = job
            try:
                coded = code_batch(items, day, nlp, coder)
            except Exception as exc:
                conn.send(("error", repr(exc)[:500]))
                continue
            conn.send(("done", coded))
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the parent is gone or stopping us: nothing left to do
    # Told to stop: exit at once. Freeing the model and the dictionaries object by object at interpreter
    # exit takes a worker a good part of a second, which the parent would spend waiting for it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    job: Job | None = None

    @property
    def name(self) -> str:
        return f"worker pid {self.process.pid}"


class WorkerPool:
    """Up to `processes` worker processes coding one day's batches (the engine of the `Scheduler`); use
    as a context manager, which stops every worker on the way out (normally, on an error or on Ctrl-C)."""

    def __init__(self, settings: Settings, day: date) -> None:
        self.day = day
        self.size = settings.processes
        self.article_seconds = settings.article_timeout_seconds
        self.model = check_setup(settings)
        self.actors = settings.actors
        self.coder: bytes | None = None  # pickled, built once with the first workers
        self.workers: list[_Worker] = []
        self.start_deaths = 0
        self._context = multiprocessing.get_context("spawn")  # fork would copy the parent's threads

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(graceful=exc_type is None)

    def code(self, batches: Iterable[list[WorkItem]]) -> Iterator[tuple[int, Coded]]:
        """(articles, coded) for each batch, in the order of `batches` (pipelines/scheduler.py)."""
        return Scheduler(self, self.day, self.article_seconds).code(batches)

    def grow(self, wanted: int) -> None:
        started = []
        while len(self.workers) < min(self.size, wanted):
            started.append(self._start_worker())
        if started and self.coder is None:
            from transforms.coder import Coder

            # built while the workers just started import spaCy and load the model
            self.coder = pickle.dumps(Coder(self.actors), protocol=pickle.HIGHEST_PROTOCOL)
        for worker in started:
            with contextlib.suppress(OSError):  # it died already: its death is handled by wait
                worker.conn.send_bytes(self.coder)

    def start(self, job: Job) -> str | None:
        for worker in self.workers:
            if worker.ready and worker.job is None:
                try:
                    worker.conn.send((self.day, job.items))
                except OSError:  # it died while idle: its death is handled by wait
                    continue
                worker.job = job
                return worker.name
        return None

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child_end, self.model),
            name="newsevents-worker",
            daemon=True,
        )
        process.start()
        child_end.close()  # only the child holds it now: its death shows as end-of-file on parent_end
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        log.debug("started worker pid %s", process.pid)
        return worker

    def wait(self, timeout: float | None) -> list[Done | Lost]:
        """Block until a worker sends something or dies (or `timeout` s pass), and handle it."""
        by_handle: dict[object, _Worker] = {}
        for worker in self.workers:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        events: list[Done | Lost] = []
        for handle in wait(list(by_handle), timeout):
            worker = by_handle[handle]
            if worker not in self.workers:
                continue  # already handled through its other handle
            try:
                if handle is worker.conn or worker.conn.poll():
                    events.extend(self._receive(worker, *worker.conn.recv()))
                    continue
            except (EOFError, OSError):
                pass
            events.extend(self._bury(worker))
        return events

    def _receive(self, worker: _Worker, kind: str, payload: object) -> list[Done | Lost]:
        if kind == "ready":
            worker.ready = True
            self.start_deaths = 0
            return []
        if kind == "failed":
            raise ConfigError(f"a worker could not start: {payload}")
        job, worker.job = worker.job, None
        assert job is not None
        if kind == "error":
            raise RuntimeError(f"coding batch {job.unit} failed in a worker: {payload}")
        assert kind == "done"
        return [Done(job, payload)]  # type: ignore[arg-type]

    def _bury(self, worker: _Worker) -> list[Done | Lost]:
        """A worker died: forget it (the scheduler has another started) and say what it was coding."""
        self.workers.remove(worker)
        worker.conn.close()
        worker.process.join()
        code = worker.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        if worker.job is not None:
            return [Lost(worker.job, worker.name, how)]
        self.start_deaths += 1
        if self.start_deaths >= MAX_START_DEATHS:
            raise RuntimeError(
                f"{self.start_deaths} worker processes in a row died before coding anything (last: "
                f"{how}); is the machine out of memory?"
            )
        log.warning("%s died (%s) before taking work; starting another", worker.name, how)
        return []

    def kill(self, job: Job) -> str:
        worker = next(w for w in self.workers if w.job is job)
        self.workers.remove(worker)
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        return worker.name

    def close(self, graceful: bool = True) -> None:
        """Stop every worker: asked to exit when the work is done, killed otherwise; always reaped."""
        workers, self.workers = self.workers, []
        for worker in workers:
            if graceful and worker.process.is_alive():
                with contextlib.suppress(OSError):  # it died meanwhile: reaped below all the same
                    worker.conn.send(None)
            else:
                worker.process.kill()
        for worker in workers:
            worker.process.join(EXIT_GRACE_SECONDS if graceful else None)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
