"""The one scheduler of a day's batches, whatever the engine (local worker processes, Ray actors).

It reads the batches with a bounded read-ahead, hands them to the engine's workers one batch per worker,
and yields each batch's rows in the order of the batches, so the output is the same whatever the number of
workers, their speed or their faults. The engines (pipelines/workers.py, pipelines/ray_engine.py) only
start a batch on a worker, wait for what comes back, and kill a worker.

A worker is lost when it dies while coding (the kernel's OOM killer on a huge document, a crash in native
code, ``kill -9``, a lost Ray node) or when its batch runs longer than ``article_timeout_seconds`` per
article of the batch (a coder that never returns): then it is killed. Either way:

- the batch is coded again on a fresh worker: a loss that had nothing to do with the batch costs a restart
  and changes nothing in the output;
- a batch lost twice is coded article by article, each article alone;
- an article lost when coded alone becomes a reject row (stage ``extract``, reason ``worker_died`` or
  ``coder_timeout``) and the day goes on without it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from pipelines.coding import Coded, WorkItem, reject_article
from pipelines.log import get_logger

log = get_logger(__name__)

# A batch whose worker was lost this many times is split into single articles; an article alone, rejected.
LOSSES_BEFORE_ISOLATION = 2
# Batches read ahead per worker: enough to keep every worker busy, few enough that memory stays flat.
READ_AHEAD_PER_WORKER = 2


@dataclass(eq=False)
class Job:
    """A batch, or the part of one, given to one worker."""

    unit: int  # the batch's position among the day's batches (the order results are written in)
    offset: int  # position of its first article in that batch
    items: list[WorkItem]
    losses: int = 0  # workers lost (died or timed out) coding it
    deadline: float = 0.0  # time.monotonic() after which its worker is killed

    def describe(self) -> str:
        if len(self.items) > 1:
            return f"batch {self.unit}"
        return f"article {self.items[0][0]} (batch {self.unit})"


@dataclass
class Done:
    job: Job
    coded: Coded


@dataclass
class Lost:
    """A job whose worker died: `worker` names it (``worker pid 123``), `how` says how (``signal 9``)."""

    job: Job
    worker: str
    how: str


class Engine(Protocol):
    """What the scheduler needs of an engine. `size` is how many workers it runs at most."""

    size: int

    def grow(self, wanted: int) -> None:
        """Have min(`wanted`, size) workers, starting (not waiting for) the missing ones."""

    def start(self, job: Job) -> str | None:
        """Start `job` on an idle, ready worker and return the worker's name, or None if there is none."""

    def wait(self, timeout: float | None) -> list[Done | Lost]:
        """Block until a worker finishes or dies (or a worker becomes ready, or `timeout` seconds pass)."""

    def kill(self, job: Job) -> str:
        """Kill the worker coding `job` (it is gone when this returns) and return its name."""


@dataclass
class _Unit:
    size: int
    parts: list[tuple[int, Coded]] = field(default_factory=list)
    done: int = 0  # articles coded (or rejected) so far

    def add(self, offset: int, coded: Coded, articles: int) -> None:
        self.parts.append((offset, coded))
        self.done += articles

    def result(self) -> Coded:
        return Coded.concat([coded for _, coded in sorted(self.parts, key=lambda part: part[0])])


class Scheduler:
    """One day's batches through `engine`, each batch bounded to `article_seconds` per article."""

    def __init__(self, engine: Engine, day: date, article_seconds: float) -> None:
        self.engine = engine
        self.day = day
        self.article_seconds = article_seconds
        self.todo: deque[Job] = deque()
        self.running: list[Job] = []
        self.units: dict[int, _Unit] = {}

    def code(self, batches: Iterable[list[WorkItem]]) -> Iterator[tuple[int, Coded]]:
        """(articles, coded) for each batch, in the order of `batches`."""
        source = enumerate(batches)
        exhausted = False
        next_unit = 0
        while True:
            while not exhausted and len(self.units) < READ_AHEAD_PER_WORKER * self.engine.size:
                try:
                    unit, batch = next(source)
                except StopIteration:
                    exhausted = True
                    break
                self.units[unit] = _Unit(len(batch))
                self.todo.append(Job(unit, 0, batch))
            # work is handed out before a finished batch is yielded: the workers code while the caller
            # writes that batch
            self._dispatch()
            head = self.units.get(next_unit)
            if head is not None and head.done == head.size:
                del self.units[next_unit]
                next_unit += 1
                yield head.size, head.result()
                continue
            if exhausted and not self.units:
                return
            self._wait()

    def bound(self, job: Job) -> float:
        return self.article_seconds * len(job.items)

    def _dispatch(self) -> None:
        self.engine.grow(len(self.running) + len(self.todo))
        while self.todo:
            job = self.todo[0]
            worker = self.engine.start(job)
            if worker is None:
                return
            self.todo.popleft()
            job.deadline = time.monotonic() + self.bound(job)
            self.running.append(job)
            log.debug("batch %d (articles %d-%d) to %s",
                      job.unit, job.offset, job.offset + len(job.items) - 1, worker)  # fmt: skip

    def _wait(self) -> None:
        timeout = None
        if self.running:
            timeout = max(0.0, min(job.deadline for job in self.running) - time.monotonic())
        for event in self.engine.wait(timeout):
            self.running.remove(event.job)
            if isinstance(event, Done):
                self.units[event.job.unit].add(event.job.offset, event.coded, len(event.job.items))
            else:
                self._lost(event.job, f"{event.worker} died ({event.how})", "worker_died",
                           f"the worker process coding this article died ({event.how}), also when retried")  # fmt: skip
        now = time.monotonic()
        for job in [job for job in self.running if job.deadline <= now]:
            worker = self.engine.kill(job)
            self.running.remove(job)
            bound = f"{self.bound(job):g} s"
            self._lost(job, f"{worker} was killed after {bound}", "coder_timeout",
                       f"coding this article took longer than {bound} (article_timeout_seconds), also "
                       "when retried")  # fmt: skip

    def _lost(self, job: Job, what: str, reason: str, detail: str) -> None:
        """`job`'s worker is gone: code it again, or its articles one by one, or reject its article."""
        job.losses += 1
        if job.losses < LOSSES_BEFORE_ISOLATION:
            log.warning("%s coding %s; coding it again on a fresh worker", what, job.describe())
            self.todo.appendleft(job)
        elif len(job.items) > 1:
            log.warning("%s coding %s again; coding its %d articles one by one",
                        what, job.describe(), len(job.items))  # fmt: skip
            singles = [
                Job(job.unit, job.offset + i, [item], LOSSES_BEFORE_ISOLATION - 1)
                for i, item in enumerate(job.items)
            ]
            self.todo.extendleft(reversed(singles))
        else:
            log.warning("%s coding %s alone; rejecting it", what, job.describe())
            reject = reject_article(self.day, job.items[0][0], reason, detail)
            self.units[job.unit].add(job.offset, Coded.from_records(self.day, [], [], [reject]), 1)
