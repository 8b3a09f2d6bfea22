"""Coding a day's batches in local worker processes, surviving the death of any of them.

Each worker is a spawned process that loads spaCy and the coder once, then codes the batches the parent
sends it over its own pipe, one at a time. The parent knows which batch each worker holds, so the death of
a worker (the kernel's OOM killer on a huge document, a crash in native code, ``kill -9``) is pinned on
that batch, and the other workers go on undisturbed:

- the batch is coded again on a fresh worker: a death that had nothing to do with the batch costs a
  restart and changes nothing in the output;
- a batch that killed its worker twice is coded article by article, each article alone;
- an article whose worker dies when it is coded alone becomes a reject row (stage ``extract``, reason
  ``worker_died``) and the day goes on without it.

Nothing restarts forever: problems of the set-up (no such model, a broken actor file) are found in the
parent before any worker starts (`check_setup`); a worker that still cannot load the model ends the run
with its error; and workers dying before they could take work, `MAX_START_DEATHS` times in a row, end it too.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from pipelines.coding import Coded, WorkItem, reject_article
from pipelines.config import ConfigError, Settings
from pipelines.log import get_logger

log = get_logger(__name__)

# A batch whose worker died this many times is split into single articles; an article alone, rejected.
DEATHS_BEFORE_ISOLATION = 2
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
    ActorDictionary(sources)  # raises on the first bad entry, naming file and entry
    return model


def _worker_main(conn: Connection, model: str, actors: tuple[Path, ...]) -> None:
    """A worker: load once, then code each (day, batch) received until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    from pipelines.coding import code_batch
    from pipelines.nlp import load_nlp
    from transforms.coder import Coder

    try:
        try:
            nlp, coder = load_nlp(model), Coder(actors)
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


@dataclass
class _Job:
    unit: int  # the batch's position among the day's batches (the order results are written in)
    offset: int  # position of its first article in that batch
    items: list[WorkItem]
    deaths: int = 0  # workers that died coding it


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    job: _Job | None = None


@dataclass
class _Unit:
    size: int
    parts: list[tuple[int, Coded]] = field(default_factory=list)
    done: int = 0  # articles coded (or rejected) so far

    def result(self) -> Coded:
        return Coded.concat([coded for _, coded in sorted(self.parts, key=lambda part: part[0])])


class WorkerPool:
    """`processes` worker processes coding one day's batches; use as a context manager, which stops every
    worker on the way out (normally, on an error or on Ctrl-C)."""

    def __init__(self, settings: Settings, day: date) -> None:
        self.day = day
        self.processes = settings.processes
        self.model = check_setup(settings)
        self.actors = settings.actors
        self.workers: list[_Worker] = []
        self.todo: deque[_Job] = deque()
        self.units: dict[int, _Unit] = {}
        self.start_deaths = 0
        self.deaths = 0
        self._context = multiprocessing.get_context("spawn")  # fork would copy the parent's threads

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(graceful=exc_type is None)

    def code(self, batches: Iterable[list[WorkItem]]) -> Iterator[tuple[int, Coded]]:
        """(articles, coded) for each batch, in the order of `batches`; at most about two batches per
        worker are read ahead, so memory stays flat whatever the day's size."""
        source = enumerate(batches)
        exhausted = False
        next_unit = 0
        while True:
            while not exhausted and len(self.units) < 2 * self.processes:
                try:
                    unit, batch = next(source)
                except StopIteration:
                    exhausted = True
                    break
                self.units[unit] = _Unit(len(batch))
                self.todo.append(_Job(unit, 0, batch))
            head = self.units.get(next_unit)
            if head is not None and head.done == head.size:
                del self.units[next_unit]
                next_unit += 1
                yield head.size, head.result()
                continue
            if exhausted and not self.units:
                return
            self._dispatch()
            self._wait()

    def _dispatch(self) -> None:
        busy = sum(1 for w in self.workers if w.job is not None)
        while len(self.workers) < min(self.processes, busy + len(self.todo)):
            self._start_worker()
        for worker in self.workers:
            if worker.ready and worker.job is None and self.todo:
                worker.job = self.todo.popleft()
                log.debug(
                    "batch %d (articles %d-%d) to worker pid %s",
                    worker.job.unit, worker.job.offset, worker.job.offset + len(worker.job.items) - 1,
                    worker.process.pid,
                )  # fmt: skip
                try:
                    worker.conn.send((self.day, worker.job.items))
                except OSError:  # it died while idle: its death is handled by _wait, the job goes back
                    self.todo.appendleft(worker.job)
                    worker.job = None

    def _start_worker(self) -> None:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child_end, self.model, self.actors),
            name="newsevents-worker",
            daemon=True,
        )
        process.start()
        child_end.close()  # only the child holds it now: its death shows as end-of-file on parent_end
        self.workers.append(_Worker(process, parent_end))
        log.debug("started worker pid %s", process.pid)

    def _wait(self) -> None:
        """Block until a worker sends something or dies, and handle it."""
        by_handle: dict[object, _Worker] = {}
        for worker in self.workers:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        for handle in wait(list(by_handle)):
            worker = by_handle[handle]
            if worker not in self.workers:
                continue  # already handled through its other handle
            try:
                if handle is worker.conn or worker.conn.poll():
                    self._receive(worker, *worker.conn.recv())
                    continue
            except (EOFError, OSError):
                pass
            self._bury(worker)

    def _receive(self, worker: _Worker, kind: str, payload: object) -> None:
        if kind == "ready":
            worker.ready = True
            self.start_deaths = 0
        elif kind == "failed":
            raise ConfigError(f"a worker could not start: {payload}")
        elif kind == "error":
            assert worker.job is not None
            raise RuntimeError(f"coding batch {worker.job.unit} failed in a worker: {payload}")
        else:
            job, worker.job = worker.job, None
            assert job is not None and kind == "done"
            unit = self.units[job.unit]
            unit.parts.append((job.offset, payload))  # type: ignore[arg-type]
            unit.done += len(job.items)

    def _bury(self, worker: _Worker) -> None:
        """A worker died: replace it (lazily, by _dispatch) and decide what becomes of its batch."""
        self.workers.remove(worker)
        worker.conn.close()
        worker.process.join()
        code = worker.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        self.deaths += 1
        job = worker.job
        if job is None:
            self.start_deaths += 1
            if self.start_deaths >= MAX_START_DEATHS:
                raise RuntimeError(
                    f"{self.start_deaths} worker processes in a row died before coding anything (last: "
                    f"{how}); is the machine out of memory?"
                )
            log.warning(
                "worker pid %s died (%s) before taking work; starting another", worker.process.pid, how
            )
            return
        job.deaths += 1
        what = f"batch {job.unit}" if len(job.items) > 1 else f"article {job.items[0][0]} (batch {job.unit})"
        if job.deaths < DEATHS_BEFORE_ISOLATION:
            log.warning("worker pid %s died (%s) coding %s; coding it again on a fresh worker",
                        worker.process.pid, how, what)  # fmt: skip
            self.todo.appendleft(job)
        elif len(job.items) > 1:
            log.warning("worker pid %s died (%s) coding %s again; coding its %d articles one by one",
                        worker.process.pid, how, what, len(job.items))  # fmt: skip
            singles = [
                _Job(job.unit, job.offset + i, [item], DEATHS_BEFORE_ISOLATION - 1)
                for i, item in enumerate(job.items)
            ]
            self.todo.extendleft(reversed(singles))
        else:
            article_id = job.items[0][0]
            log.warning(
                "worker pid %s died (%s) coding %s alone; rejecting it", worker.process.pid, how, what
            )
            detail = f"the worker process coding this article died ({how}), also when retried"
            reject = reject_article(self.day, article_id, "worker_died", detail)
            unit = self.units[job.unit]
            unit.parts.append((job.offset, Coded.from_records(self.day, [], [], [reject])))
            unit.done += 1

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
