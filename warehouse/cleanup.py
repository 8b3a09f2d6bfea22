"""Deleting what killed runs and replaced versions leave behind, and nothing a live run is writing.

Run under the publish lock, after the catalog was rebuilt from the manifest (so the live catalog names
none of what is deleted). What goes:

- retired versions (replaced by a rerun of their day) once retired longer than the retention, so that an
  analyst's catalog connection opened before the rerun keeps working that long;
- version folders the manifest does not name and whose writer is gone (its lock is not held): a publish
  killed before it switched the manifest;
- temporary files (``.<name>.<random>.tmp``, DuckDB's ``.wal`` of one) that nobody holds a lock on and
  that have not been touched for `GRACE`: a writer killed mid-file. The catalog's and the manifest's
  temporary files are only ever written under the publish lock, which we hold, so any that exists is dead;
- staged files of days not run for `STAGED_MAX_AGE` (a run killed between its steps and never rerun);
  the fetcher's cache (``_staging/fetch``) is the fetcher's and stays.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from schemas import TABLES
from warehouse.locks import is_held
from warehouse.paths import (
    FETCH,
    PUBLISHING,
    catalog_path,
    is_temp,
    manifest_path,
    partition_dirs,
    staging_dir,
    version_lock_path,
)
from warehouse.published import Manifest, Retired

# A temporary file is created a moment before its writer locks it; younger than this it is left alone.
GRACE = timedelta(seconds=60)
# Staged files of a day untouched this long belong to a run that will not come back.
STAGED_MAX_AGE = timedelta(days=7)


@dataclass
class Cleaned:
    """What one clean-up deleted."""

    retired_versions: int = 0
    orphan_versions: int = 0
    temp_files: int = 0
    staged_files: int = 0
    deleted: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.deleted)

    def summary(self) -> str:
        return (
            f"{self.retired_versions} retired versions, {self.orphan_versions} orphan versions, "
            f"{self.temp_files} temporary files, {self.staged_files} stale staged files"
        )


def clean_warehouse(
    warehouse: Path, manifest: Manifest, now: datetime, keep_retired: timedelta
) -> tuple[Manifest, Cleaned]:
    """Delete the leftovers described above; returns the manifest without the retired versions deleted
    (save it if it changed) and what was deleted. Call under the publish lock."""
    cleaned = Cleaned()
    manifest = _delete_retired(warehouse, manifest, now, keep_retired, cleaned)
    _delete_orphan_versions(warehouse, manifest, cleaned)
    _delete_dead_temp_files(warehouse, cleaned)
    _delete_old_staging(warehouse, cleaned)
    return manifest, cleaned


def _delete_retired(
    warehouse: Path, manifest: Manifest, now: datetime, keep: timedelta, cleaned: Cleaned
) -> Manifest:
    live = {f.path for v in manifest.days.values() for f in v.files}
    gone: list[Retired] = []
    for retired in manifest.retired:
        if now - datetime.fromisoformat(retired.retired_at) < keep:
            continue
        for file in retired.version.files:
            if file.path in live:  # a file both versions share (never the case today): keep it
                continue
            path = warehouse / file.path
            path.unlink(missing_ok=True)
            cleaned.deleted.append(file.path)
            if path.parent.name == retired.version.version:
                _remove_if_empty(path.parent)
        cleaned.retired_versions += 1
        gone.append(retired)
    return manifest.without_retired(gone) if gone else manifest


def _delete_orphan_versions(warehouse: Path, manifest: Manifest, cleaned: Cleaned) -> None:
    named = {
        (warehouse / f.path).parent
        for v in (*manifest.days.values(), *(r.version for r in manifest.retired))
        for f in v.files
    }
    for table in TABLES.values():
        for partition in partition_dirs(warehouse, table):
            for folder in partition.iterdir():
                if not folder.is_dir() or folder in named:
                    continue
                if is_held(version_lock_path(warehouse, folder.name)):
                    continue  # being written by a live publish
                shutil.rmtree(folder, ignore_errors=True)
                cleaned.orphan_versions += 1
                cleaned.deleted.append(str(folder.relative_to(warehouse)))


def _delete_dead_temp_files(warehouse: Path, cleaned: Cleaned) -> None:
    now = time.time()
    only_under_lock = (f".{catalog_path(warehouse).name}.", f".{manifest_path(warehouse).name}.")
    folders = [warehouse]
    for table in TABLES.values():
        for partition in partition_dirs(warehouse, table):
            folders.append(partition)
            folders.extend(p for p in partition.iterdir() if p.is_dir())
    staging = staging_dir(warehouse)
    if staging.is_dir():
        folders.extend(p for p in staging.iterdir() if p.is_dir() and p.name not in (FETCH, PUBLISHING))
    for folder in folders:
        for path in [p for p in folder.iterdir() if is_temp(p)]:
            if not path.name.startswith(only_under_lock):
                if is_held(path) or is_held(_wal_owner(path)):
                    continue
                try:
                    if now - path.stat().st_mtime < GRACE.total_seconds():
                        continue
                except FileNotFoundError:
                    continue
            path.unlink(missing_ok=True)
            cleaned.temp_files += 1
            cleaned.deleted.append(str(path.relative_to(warehouse)))
    locks = staging / PUBLISHING
    if locks.is_dir():  # locks of versions whose writer died before it could remove its lock
        for path in locks.iterdir():
            try:
                old = now - path.stat().st_mtime >= GRACE.total_seconds()
            except FileNotFoundError:
                continue
            if old and not is_held(path):
                path.unlink(missing_ok=True)


def _wal_owner(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".wal")) if path.name.endswith(".wal") else path


def _delete_old_staging(warehouse: Path, cleaned: Cleaned) -> None:
    staging = staging_dir(warehouse)
    if not staging.is_dir():
        return
    oldest = time.time() - STAGED_MAX_AGE.total_seconds()
    for folder in staging.iterdir():
        if not folder.is_dir() or folder.name in (FETCH, PUBLISHING):
            continue
        for path in folder.iterdir():
            if path.is_file() and not is_temp(path) and path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
                cleaned.staged_files += 1
                cleaned.deleted.append(str(path.relative_to(warehouse)))
        _remove_if_empty(folder)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty: something still lives there
        folder.rmdir()
