"""A new version of a day: its files written whole under folders no reader looks at yet, then published.

Readers only see a version once the manifest names it (warehouse/published.py). Until then the writing
process holds ``_staging/publishing/<version>.lock``: a version folder whose lock nobody holds, and that the
manifest does not name, is the leftover of a killed publish, and the clean-up deletes it.

`VersionWriter.publish` is the switch: under the publish lock it replaces the manifest (one ``os.replace``),
rebuilds the catalog from it and cleans up (warehouse/cleanup.py). Killed before the replace, the previous
version stays published; after it, the new one is.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType

import pyarrow.parquet as pq

from schemas import TABLES, TableSchema
from warehouse.catalog import build_catalog
from warehouse.cleanup import Cleaned, clean_warehouse
from warehouse.locks import create_locked
from warehouse.paths import new_version, version_dir, version_lock_path, version_path
from warehouse.published import (
    DayVersion,
    Manifest,
    PublishedFile,
    load_manifest,
    publish_lock,
    save_manifest,
)
from warehouse.writer import ParquetFileWriter, schema_version


class VersionError(RuntimeError):
    """The version being written was damaged from outside (its lock or a file removed)."""


@dataclass(frozen=True)
class Published:
    """What a publish switched to, and what it did after."""

    version: DayVersion
    manifest: Manifest
    catalog: Path
    cleaned: Cleaned


class VersionWriter:
    """The files of one new version of `day`. Use as a context manager: leaving it by an exception before
    `publish` switched the manifest deletes the version; leaving it any way lets go of its lock."""

    def __init__(self, warehouse: Path, day: date) -> None:
        self.warehouse = warehouse
        self.day = day
        self.version = new_version()
        self._lock_path = version_lock_path(warehouse, self.version)
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock: int | None = create_locked(self._lock_path)
        self._files: dict[tuple[str, str], Path] = {}
        self.published = False

    def path(self, table: TableSchema, part: str) -> Path:
        """Where the file `part` of `table` goes in this version (its folder is created)."""
        path = version_path(self.warehouse, table, self.day, self.version, part)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._files[(table.name, part)] = path
        return path

    def writer(self, table: TableSchema, part: str) -> ParquetFileWriter:
        return ParquetFileWriter(table, self.path(table, part))

    def link(self, table: TableSchema, part: str, source: Path) -> Path:
        """Put the complete file `source` in this version: a hard link (no copy) where the file system
        allows it. `source` itself stays where it is."""
        target = self.path(table, part)
        try:
            os.link(source, target)
        except OSError:  # another file system, or no hard links: copy, under a temporary name first
            with ParquetFileWriter(table, target) as writer:
                parquet = pq.ParquetFile(source)
                for group in range(parquet.num_row_groups):
                    writer.write_table(parquet.read_row_group(group))
        return target

    def published_files(self) -> tuple[PublishedFile, ...]:
        """The files written so far, as the manifest will name them."""
        out = []
        for (table_name, part), path in self._files.items():
            metadata = pq.read_metadata(path)
            out.append(
                PublishedFile(
                    table_name, part, path.relative_to(self.warehouse).as_posix(),
                    schema_version(metadata.schema.to_arrow_schema(), TABLES[table_name]), metadata.num_rows,
                )
            )  # fmt: skip
        return tuple(out)

    def verify(self) -> None:
        """Raise `VersionError` unless every file is there and the lock is still ours (call under the
        publish lock, just before the manifest names this version)."""
        assert self._lock is not None, "version already released"
        try:
            ours = os.fstat(self._lock).st_ino == os.stat(self._lock_path).st_ino
        except FileNotFoundError:
            ours = False
        missing = [str(p) for p in self._files.values() if not p.is_file()]
        if not ours or missing:
            raise VersionError(
                f"version {self.version} of {self.day} was removed while it was written "
                f"({', '.join(missing) or 'its lock'}); run the day again"
            )

    def publish(
        self, keep_replaced: timedelta, before_switch: Callable[[Manifest], None] | None = None
    ) -> Published:
        """Make this version the day's published one. Under the publish lock: `before_switch` sees the
        current manifest (and may still rewrite this version's files), the manifest is replaced, the
        catalog rebuilt from it, and the warehouse cleaned up (replaced versions kept `keep_replaced`)."""
        with publish_lock(self.warehouse):
            manifest = load_manifest(self.warehouse)
            if before_switch is not None:
                before_switch(manifest)
            self.verify()
            now = datetime.now(UTC)
            manifest = manifest.with_day(self.day, self.version, self.published_files(), now)
            save_manifest(self.warehouse, manifest)
            self.published = True
            catalog = build_catalog(self.warehouse, manifest)
            cleaned_manifest, cleaned = clean_warehouse(self.warehouse, manifest, now, keep_replaced)
            if cleaned_manifest is not manifest:
                save_manifest(self.warehouse, cleaned_manifest)
        return Published(manifest.days[self.day], cleaned_manifest, catalog, cleaned)

    def folders(self) -> list[Path]:
        return [version_dir(self.warehouse, TABLES[t], self.day, self.version) for t in TABLES]

    def discard(self) -> None:
        """Delete everything of this version (it was never published) and let go of its lock."""
        for folder in self.folders():
            shutil.rmtree(folder, ignore_errors=True)
        self.release()

    def release(self) -> None:
        """Let go of the lock: the version is published (or discarded)."""
        if self._lock is not None:
            self._lock_path.unlink(missing_ok=True)
            os.close(self._lock)
            self._lock = None

    def __enter__(self) -> VersionWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None and not self.published:
            self.discard()
        self.release()


def rebuild_catalog(warehouse: Path, keep_replaced: timedelta) -> Path:
    """Rebuild ``events.duckdb`` from what is published (after moving a warehouse, say), and clean up."""
    with publish_lock(warehouse):
        manifest = load_manifest(warehouse)
        catalog = build_catalog(warehouse, manifest)
        cleaned_manifest, _ = clean_warehouse(warehouse, manifest, datetime.now(UTC), keep_replaced)
        if cleaned_manifest is not manifest:
            save_manifest(warehouse, cleaned_manifest)
    return catalog
