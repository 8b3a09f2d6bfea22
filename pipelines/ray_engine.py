"""Extraction on a Ray cluster (``engine: ray``).

The driver (the process running the extract step: ``newsevents run``/``backfill``, an Airflow task, a
Dagster op) reads the day's staged articles and sends them, batch by batch, to `CoderActor`s: one actor
per CPU of the cluster, each loading spaCy and the coder once. Each batch comes back as Arrow tables, and
the driver writes the staged files exactly as a local run does, in the order of the batches, so the output
is the same whatever the number of nodes, the placement of the actors or the retries. The articles travel
with the tasks and the user's actor dictionaries with the actors: the nodes share no filesystem.

Faults are handled by the scheduler local workers use too (pipelines/scheduler.py): an actor whose process
or node dies, or whose batch runs longer than ``article_timeout_seconds`` per article (then it is killed),
is replaced by a new actor (on any node with a free CPU) and its batch is coded again, then article by
article, and an article lost alone becomes a ``worker_died`` or ``coder_timeout`` reject: a lost worker
changes nothing else in the output. An actor that cannot start (the model missing on a node, another coder
version) fails the run with its error.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.coding import Coded, WorkItem
from pipelines.config import ConfigError, Settings
from pipelines.log import get_logger
from pipelines.scheduler import Done, Job, Lost, Scheduler
from pipelines.workers import check_setup

log = get_logger(__name__)

# Actors that die before they take any work, this many times in a row, end the run.
MAX_START_DEATHS = 3


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
        from pipelines.nlp import keep_freed_memory, load_nlp
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
            keep_freed_memory()
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
class _Actor:
    handle: Any
    name: str
    ready: Any  # the object ref of its first call (its pid), None once it answered
    job: Job | None = None
    ref: Any = None  # the object ref of its job's result


class RayPool:
    """The day's batches coded by actors on the cluster, one batch per actor at a time (the engine of the
    `Scheduler`); use as a context manager (the actors are killed on the way out: they hold a model each)."""

    def __init__(self, settings: Settings, day: date) -> None:
        import ray

        from transforms.coder import CODER_VERSION

        self.day = day
        self.article_seconds = settings.article_timeout_seconds
        self.model = check_setup(settings)
        connect(settings)
        self.actor_files = [(str(p), Path(p).read_text(encoding="utf-8")) for p in settings.actors]
        self.size = int(ray.cluster_resources().get("CPU", 0))
        if self.size < 1:
            raise ConfigError("the Ray cluster has no CPU for the coder's actors")
        self.coder_version = CODER_VERSION
        # Ray neither restarts an actor nor retries its task: the scheduler does, on a new actor (Ray
        # places it on any node with a free CPU), so that a death and a time-out are handled alike.
        self.remote_class = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(CoderActor)
        self.key = (self.model, repr(self.actor_files), self.coder_version)
        self.actors: list[_Actor] = []
        self.started = 0
        self.start_deaths = 0
        for handle in _idle_actors.pop(self.key, []):
            self._add(handle)

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
        """(articles, coded) for each batch, in the order of `batches` (pipelines/scheduler.py)."""
        return Scheduler(self, self.day, self.article_seconds).code(batches)

    def _add(self, handle: Any) -> None:
        self.started += 1
        self.actors.append(_Actor(handle, f"Ray actor {self.started}", handle.pid.remote()))

    def grow(self, wanted: int) -> None:
        while len(self.actors) < min(self.size, wanted):
            self._add(self.remote_class.remote(self.model, self.actor_files, self.coder_version))

    def start(self, job: Job) -> str | None:
        for actor in self.actors:
            if actor.ready is None and actor.job is None:
                actor.job, actor.ref = job, actor.handle.code.remote(self.day, job.items)
                return actor.name
        return None

    def wait(self, timeout: float | None) -> list[Done | Lost]:
        import ray
        from ray.exceptions import RayActorError, RayTaskError

        by_ref = {actor.ready if actor.ready is not None else actor.ref: actor for actor in self.actors}
        by_ref.pop(None, None)
        ready, _ = ray.wait(list(by_ref), num_returns=1, timeout=timeout)
        events: list[Done | Lost] = []
        for ref in ready:
            actor = by_ref[ref]
            try:
                result = ray.get(ref)
            except RayActorError as exc:
                if exc.actor_init_failed:
                    raise ConfigError(f"a Ray actor could not start: {_cause(exc)}") from None
                events.extend(self._bury(actor, exc))
                continue
            except RayTaskError as exc:
                assert actor.job is not None
                raise RuntimeError(f"coding batch {actor.job.unit} failed on Ray: {_cause(exc)}") from None
            if actor.ready is not None:
                actor.ready = None
                self.start_deaths = 0
                continue
            job, actor.job, actor.ref = actor.job, None, None
            assert job is not None
            events.append(Done(job, result))
        return events

    def _bury(self, actor: _Actor, exc: Exception) -> list[Done | Lost]:
        """An actor died (its process or its node): forget it and say what it was coding."""
        import ray

        self.actors.remove(actor)
        ray.kill(actor.handle, no_restart=True)
        if actor.job is not None:
            return [Lost(actor.job, actor.name, _cause(exc))]
        self.start_deaths += 1
        if self.start_deaths >= MAX_START_DEATHS:
            raise RuntimeError(
                f"{self.start_deaths} Ray actors in a row died before coding anything: {_cause(exc)}"
            ) from None
        log.warning("%s died before taking work (%s); starting another", actor.name, _cause(exc))
        return []

    def kill(self, job: Job) -> str:
        import ray

        actor = next(a for a in self.actors if a.job is job)
        self.actors.remove(actor)
        ray.kill(actor.handle, no_restart=True)
        return actor.name


def _cause(exc: BaseException) -> str:
    """The root error's first line: what went wrong on the node, without Ray's framing."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException) and cause is not exc:
        return _cause(cause)
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else repr(exc)
