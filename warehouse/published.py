"""What is published: the pointer every reader of published data goes through.

A day is published as a *version*: its files (articles, events, rejects, unresolved) are written whole under
``<table>/ingest_date=<D>/<version>/``, and then one file, ``_published.json`` (the manifest), is replaced
with ``os.replace`` to name them. Readers (the catalog's views, ingest's look-up of stories stored on other
days, the audit, the orchestrators' steps) read exactly the files the manifest names, so a day changes for
them all at once: they see the previous version or the new one, never a mix. A process killed at any point
leaves the manifest naming the old version or the new.

The manifest is only replaced under the publish lock (``_published.lock``), so two publishes never lose
each other's days. A version that a publish replaces is *retired*: listed with the time it was replaced, and
deleted by a later publish once it has been retired longer than the retention (analysts' open catalog
connections keep reading it meanwhile).

A warehouse written before versions existed (``<table>/ingest_date=<D>/<part>.parquet``, no manifest) is
read as it is: its files are the published days. The first publish writes the manifest naming them.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq

from schemas import TABLES, TableSchema
from warehouse.locks import exclusive
from warehouse.paths import (
    legacy_partition_files,
    manifest_path,
    partition_day,
    publish_lock_path,
    temp_path,
)
from warehouse.writer import fsync_dir, schema_version

FORMAT = 1
LEGACY = "legacy"
# A publish holds the lock for seconds (the switch and the catalog rebuild); waiting longer means trouble.
PUBLISH_LOCK_TIMEOUT = 600.0


class ManifestError(RuntimeError):
    """The manifest can not be read."""


@dataclass(frozen=True)
class PublishedFile:
    table: str
    part: str
    path: str  # relative to the warehouse, with / separators
    schema: int  # the table's schema version the file was written with
    rows: int


@dataclass(frozen=True)
class DayVersion:
    """One published version of a day: its files, and when and in which order it was published."""

    day: date
    version: str
    seq: int  # the manifest's sequence number when this version was published
    published_at: str
    files: tuple[PublishedFile, ...]

    def file(self, table: TableSchema, part: str) -> PublishedFile | None:
        return next((f for f in self.files if f.table == table.name and f.part == part), None)


@dataclass(frozen=True)
class Retired:
    """A version replaced by a later one, kept until `retired_at` + the retention."""

    version: DayVersion
    retired_at: str


@dataclass(frozen=True)
class Manifest:
    seq: int
    days: dict[date, DayVersion]
    retired: tuple[Retired, ...] = ()
    stored: bool = True  # False: read from a warehouse without a manifest (before versions)

    def files(self, table: TableSchema) -> list[PublishedFile]:
        """The published files of `table`, in day order."""
        return [f for day in sorted(self.days) for f in self.days[day].files if f.table == table.name]

    def day_file(self, day: date, table: TableSchema, part: str) -> PublishedFile | None:
        current = self.days.get(day)
        return current.file(table, part) if current is not None else None

    def published_since(self, seq: int, other_than: date) -> list[DayVersion]:
        """Days (other than `other_than`) whose current version was published after sequence `seq`."""
        return [v for d, v in sorted(self.days.items()) if d != other_than and v.seq > seq]

    def with_day(self, day: date, version: str, files: tuple[PublishedFile, ...], now: datetime) -> Manifest:
        """This manifest with `version` as the day's current version (the previous one retired)."""
        seq = self.seq + 1
        stamp = now.astimezone(UTC).isoformat(timespec="seconds")
        days = dict(self.days)
        retired = list(self.retired)
        if day in days:
            retired.append(Retired(days[day], stamp))
        days[day] = DayVersion(day, version, seq, stamp, files)
        return Manifest(seq, days, tuple(retired))

    def without_retired(self, gone: list[Retired]) -> Manifest:
        return dataclasses.replace(self, retired=tuple(r for r in self.retired if r not in gone))


def absolute(warehouse: Path, file: PublishedFile) -> Path:
    return warehouse / file.path


def published_path(warehouse: Path, table: TableSchema, day: date, part: str) -> Path | None:
    """The file `part` of `table` that `day` publishes now, or None."""
    file = load_manifest(warehouse).day_file(day, table, part)
    return absolute(warehouse, file) if file is not None else None


def load_manifest(warehouse: Path) -> Manifest:
    """What is published now: the manifest, or, in a warehouse written before manifests, its files."""
    path = manifest_path(warehouse)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _legacy_manifest(warehouse)
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise ManifestError(f"{path}: format {data.get('format')!r}, this newsevents reads {FORMAT}")
        return Manifest(
            seq=int(data["seq"]),
            days={date.fromisoformat(d): _day_version(v) for d, v in data["days"].items()},
            retired=tuple(Retired(_day_version(r["version"]), r["retired_at"]) for r in data["retired"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"{path} is not a newsevents manifest: {exc}") from None


def save_manifest(warehouse: Path, manifest: Manifest) -> None:
    """Replace the manifest (call under `publish_lock`): written whole to a temporary file, synced, moved."""
    path = manifest_path(warehouse)
    data = {
        "format": FORMAT,
        "seq": manifest.seq,
        "days": {d.isoformat(): _plain(v) for d, v in sorted(manifest.days.items())},
        "retired": [{"version": _plain(r.version), "retired_at": r.retired_at} for r in manifest.retired],
    }
    tmp = temp_path(path)
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(warehouse)


@contextmanager
def publish_lock(warehouse: Path) -> Iterator[None]:
    """Held while the manifest is replaced and the catalog rebuilt from it: one publish at a time."""
    with exclusive(publish_lock_path(warehouse), PUBLISH_LOCK_TIMEOUT, "publish"):
        yield


def _day_version(data: dict) -> DayVersion:
    return DayVersion(
        day=date.fromisoformat(data["day"]),
        version=str(data["version"]),
        seq=int(data["seq"]),
        published_at=str(data["published_at"]),
        files=tuple(PublishedFile(**f) for f in data["files"]),
    )


def _plain(version: DayVersion) -> dict:
    data = dataclasses.asdict(version)
    data["day"] = version.day.isoformat()
    data["files"] = [dataclasses.asdict(f) for f in version.files]
    return data


def _legacy_manifest(warehouse: Path) -> Manifest:
    """The days of a warehouse written before manifests: ``<table>/ingest_date=<D>/<part>.parquet``."""
    found: dict[date, list[PublishedFile]] = {}
    for table in TABLES.values():
        for path in legacy_partition_files(warehouse, table):
            day = partition_day(path.parent)
            assert day is not None  # legacy_partition_files lists partition folders only
            meta = pq.read_metadata(path)
            found.setdefault(day, []).append(
                PublishedFile(
                    table.name, path.stem, path.relative_to(warehouse).as_posix(),
                    schema_version(meta.schema.to_arrow_schema(), table), meta.num_rows,
                )
            )  # fmt: skip
    days = {d: DayVersion(d, LEGACY, 0, "", tuple(files)) for d, files in found.items()}
    return Manifest(0, days, (), stored=False)
