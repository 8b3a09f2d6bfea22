"""Extraction on a Ray cluster (``engine: ray``).

The driver (the process running the extract step: ``newsevents run``/``backfill``, an Airflow task, a
Dagster op) reads the day's staged articles and sends them, batch by batch, to `CoderActor`s: one actor
per CPU of the cluster, each loading spaCy and the coder once. Each batch comes back as Arrow tables, and
the driver writes the staged files exactly as a local run does, in the order of the batches, so the output
is the same whatever the number of nodes, the placement of the actors or the retries. The articles travel
with the tasks and the user's actor dictionaries with the actors: the nodes share no filesystem.

Faults: an actor whose process or node dies is restarted by Ray (on any node with a free CPU) and the
batches it held are run again there (``max_task_retries``): a lost worker changes nothing in the output.
A batch that still fails (it killed its actor twice) is coded article by article, each alone on an actor,
and an article that kills its actor alone becomes a ``worker_died`` reject, as with local workers
(pipelines/workers.py). An actor that cannot start (the model missing on a node, another coder version)
fails the run with its error.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.coding import Coded, WorkItem, reject_article
from pipelines.config import ConfigError, Settings
from pipelines.log import get_logger
from pipelines.workers import check_setup

log = get_logger(__name__)

# Ray reruns a batch this many times on the restarted actor when the actor's process dies.
TASK_RETRIES = 1
# An actor's process is restarted this many times before the actor is replaced by a new one.
ACTOR_RESTARTS = 4
# Batches queued on each actor, so that it never waits for the driver between two batches.
IN_FLIGHT_PER_ACTOR = 2
# Actors replaced in one run (beyond their restarts) before the run gives up: they keep dying.
MAX_REPLACED_PER_ACTOR = 2


# Actors left loaded by the previous day of this process (a backfill), by what they loaded: the next day
# uses them instead of loading the model again. Ray ends them with this driver.
_idle_actors: dict[tuple[str, str, str], list[Any]] = {}


def release_actors() -> None:
    """End the actors kept loaded for the next day of this process."""
    if not _idle_actors:
        return
    import ray

    for handles in _idle_actors.values():
        for handle in handles:
            ray.kill(handle, no_restart=True)
    _idle_actors.clear()


def connect(settings: Settings) -> None:
    """Connect this process to the cluster of ``settings.ray_address`` (once per process).

    An empty address means $RAY_ADDRESS, else a Ray instance started here for this process, with
    ``settings.processes`` CPUs."""
    try:
        import ray
    except ImportError:
        raise ConfigError("engine 'ray' needs Ray: pip install 'newsevents[ray]'") from None
    if ray.is_initialized():
        return
    address = settings.ray_address or None
    options: dict[str, Any] = {
        "namespace": "newsevents",
        "log_to_driver": False,
        "logging_level": logging.WARNING,
    }
    if address is None and not os.environ.get("RAY_ADDRESS"):
        options.update(num_cpus=settings.processes, include_dashboard=False)
    try:
        ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
        where = f"at {address}" if address else "on this machine"
        message = " ".join(str(exc).split())[:300]
        raise ConfigError(f"cannot connect to the Ray cluster {where}: {message}") from None
    log.info("connected to Ray: %s CPUs", ray.cluster_resources().get("CPU", 0))


class CoderActor:
    """spaCy and the coder, loaded once on a node; codes batch after batch (one CPU)."""

    def __init__(self, model: str, actor_files: list[tuple[str, str]], coder_version: str) -> None:
        from pipelines.nlp import load_nlp
        from transforms.coder import CODER_VERSION, Coder

        if coder_version != CODER_VERSION:
            raise ConfigError(
                f"this node has coder {CODER_VERSION}, the driver {coder_version}: install the same "
                "newsevents on every node"
            )
        # The user's dictionaries come as text (no shared filesystem); the coder reads them once, here.
        folder = Path(tempfile.mkdtemp(prefix="newsevents-actors-"))
        try:
            paths = []
            for index, (name, text) in enumerate(actor_files):
                path = folder / f"{index:03d}-{Path(name).name}"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            self.nlp = load_nlp(model)
            self.coder = Coder(tuple(paths))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def pid(self) -> int:
        return os.getpid()

    def code(self, day: date, items: list[WorkItem]) -> Coded:
        from pipelines.coding import code_batch

        return code_batch(items, day, self.nlp, self.coder)


@dataclass
class _Job:
    unit: int  # the batch's position among the day's batches
    offset: int  # position of its first article in that batch
    items: list[WorkItem]
    alone: bool = False  # an article of a batch that killed its actor: coded alone, no retry


@dataclass
class _Actor:
    handle: Any
    jobs: dict[Any, _Job] = field(default_factory=dict)  # in flight, by object ref

    def can_take(self, job: _Job) -> bool:
        if any(j.alone for j in self.jobs.values()):
            return False
        return not self.jobs if job.alone else len(self.jobs) < IN_FLIGHT_PER_ACTOR


@dataclass
class _Unit:
    size: int
    parts: list[tuple[int, Coded]] = field(default_factory=list)
    done: int = 0

    def result(self) -> Coded:
        return Coded.concat([coded for _, coded in sorted(self.parts, key=lambda part: part[0])])


class RayPool:
    """The day's batches coded by actors on the cluster; use as a context manager (the actors are
    killed on the way out: they hold a model each)."""

    def __init__(self, settings: Settings, day: date) -> None:
        import ray

        from transforms.coder import CODER_VERSION

        self.day = day
        self.model = check_setup(settings)
        connect(settings)
        self.actor_files = [(str(p), Path(p).read_text(encoding="utf-8")) for p in settings.actors]
        self.size = int(ray.cluster_resources().get("CPU", 0))
        if self.size < 1:
            raise ConfigError("the Ray cluster has no CPU for the coder's actors")
        self.coder_version = CODER_VERSION
        self.remote_class = ray.remote(
            num_cpus=1, max_restarts=ACTOR_RESTARTS, max_task_retries=TASK_RETRIES
        )(CoderActor)
        self.key = (self.model, repr(self.actor_files), self.coder_version)
        self.actors: list[_Actor] = [_Actor(handle) for handle in _idle_actors.pop(self.key, [])]
        self.todo: deque[_Job] = deque()
        self.units: dict[int, _Unit] = {}
        self.replaced = 0

    def __enter__(self) -> RayPool:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        import ray

        if exc_type is None:  # all batches done: the loaded actors serve the next day of this process
            _idle_actors[self.key] = [actor.handle for actor in self.actors]
        else:
            for actor in self.actors:
                ray.kill(actor.handle, no_restart=True)
        self.actors = []

    def code(self, batches: Iterable[list[WorkItem]]) -> Iterator[tuple[int, Coded]]:
        """(articles, coded) for each batch, in the order of `batches`, with a bounded read-ahead."""
        source = enumerate(batches)
        exhausted = False
        next_unit = 0
        while True:
            while not exhausted and len(self.units) < (IN_FLIGHT_PER_ACTOR + 1) * self.size:
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
        queued = len(self.todo) + sum(len(a.jobs) for a in self.actors)
        while len(self.actors) < min(self.size, queued):
            handle = self.remote_class.remote(self.model, self.actor_files, self.coder_version)
            self.actors.append(_Actor(handle))
        for actor in sorted(self.actors, key=lambda a: len(a.jobs)):
            while self.todo and actor.can_take(self.todo[0]):
                job = self.todo.popleft()
                retries = 0 if job.alone else TASK_RETRIES
                ref = actor.handle.code.options(max_task_retries=retries).remote(self.day, job.items)
                actor.jobs[ref] = job
                log.debug("batch %d (articles %d-%d) to a Ray actor", job.unit, job.offset,
                          job.offset + len(job.items) - 1)  # fmt: skip

    def _wait(self) -> None:
        import ray
        from ray.exceptions import RayActorError, RayTaskError

        refs = [ref for actor in self.actors for ref in actor.jobs]
        (ready,), _ = ray.wait(refs, num_returns=1)
        actor = next(a for a in self.actors if ready in a.jobs)
        job = actor.jobs.pop(ready)
        try:
            coded = ray.get(ready)
        except RayActorError as exc:
            if exc.actor_init_failed:
                raise ConfigError(f"a Ray actor could not start: {_cause(exc)}") from None
            self._lost(actor, job, exc)
            return
        except RayTaskError as exc:
            raise RuntimeError(f"coding batch {job.unit} failed on Ray: {_cause(exc)}") from None
        unit = self.units[job.unit]
        unit.parts.append((job.offset, coded))
        unit.done += len(job.items)

    def _lost(self, actor: _Actor, job: _Job, exc: Exception) -> None:
        """The batch's actor died running it, and again on the retry (or once, for an article alone)."""
        import ray
        from ray.exceptions import RayActorError

        if len(job.items) > 1:
            log.warning("batch %d killed its Ray actor twice; coding its %d articles one by one",
                        job.unit, len(job.items))  # fmt: skip
            singles = [_Job(job.unit, job.offset + i, [item], alone=True) for i, item in enumerate(job.items)]
            self.todo.extendleft(reversed(singles))
        else:
            article_id = job.items[0][0]
            log.warning("article %s killed its Ray actor alone; rejecting it", article_id)
            detail = f"the Ray actor coding this article died, also when retried ({_cause(exc)})"
            unit = self.units[job.unit]
            unit.parts.append(
                (
                    job.offset,
                    Coded.from_records(
                        self.day, [], [], [reject_article(self.day, article_id, "worker_died", detail)]
                    ),
                )
            )
            unit.done += 1
        try:  # restarted by Ray, or gone for good (restarts used up): then a new actor takes its place
            ray.get(actor.handle.pid.remote())
        except RayActorError:
            self.replaced += 1
            if self.replaced > MAX_REPLACED_PER_ACTOR * self.size:
                raise RuntimeError(
                    f"Ray actors keep dying ({self.replaced} replaced): {_cause(exc)}"
                ) from None
            self.todo.extendleft(reversed(list(actor.jobs.values())))
            self.actors.remove(actor)
            ray.kill(actor.handle, no_restart=True)


def _cause(exc: BaseException) -> str:
    """The root error's first line: what went wrong on the node, without Ray's framing."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException) and cause is not exc:
        return _cause(cause)
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else repr(exc)
