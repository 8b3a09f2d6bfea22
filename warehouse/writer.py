"""The one Parquet writer: stream rows to a staged file, then move it into place atomically.

Where files go is warehouse/paths.py's business. Files are first written under ``<warehouse>/_staging/``
(beside the tables, never inside them, so a reader can not see a half-written file) and then
``os.replace``d over the previous file. A reader sees the old file or the new one, never a mix; a crash
before the replace leaves the old one untouched.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TableSchema
from warehouse.paths import partition_path, staged_path, temp_path

ROW_GROUP_ROWS = 10_000
# Metadata key of a staged shard: the stamp of the articles file it was coded from.
STAMP_ARTICLES = "newsevents.articles"


def check_keys(table: TableSchema, data: pa.Table) -> None:
    for column in table.key:
        if data.column(column).null_count:
            raise ValueError(
                f"{table.name}: {data.column(column).null_count} null values in key column {column!r}"
            )


class StagedParquet:
    """A Parquet file of one table written in batches to `staged`, moved to `final` on commit.

    Use as a context manager: leaving it by an exception deletes the staged file and keeps the old final
    file; leaving it normally commits."""

    def __init__(
        self,
        table: TableSchema,
        staged: Path,
        final: Path | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        self.table = table
        self.staged = staged
        self.final = final
        self.rows = 0
        self._buffer: list[dict] = []
        self._schema = table.with_metadata()
        if metadata:
            extra = {k.encode(): v.encode() for k, v in metadata.items()}
            self._schema = self._schema.with_metadata({**self._schema.metadata, **extra})
        self._tmp = temp_path(staged)
        self._writer: pq.ParquetWriter | None = None
        self._closed = False

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            self.staged.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        return self._writer

    def write(self, records: Iterable[dict]) -> None:
        self._buffer.extend(records)
        if len(self._buffer) >= ROW_GROUP_ROWS:
            self._flush()

    def write_table(self, data: pa.Table) -> None:
        self._flush()
        data = data.select(self.table.columns)
        check_keys(self.table, data)
        data = data.cast(self.table.with_metadata())
        self._open().write_table(data, row_group_size=ROW_GROUP_ROWS)
        self.rows += data.num_rows

    def _flush(self) -> None:
        if self._buffer:
            data = self.table.from_records(self._buffer)
            self._buffer = []
            self.write_table(data)

    def close(self) -> Path:
        """Finish the staged file (still not visible to readers) and return its path."""
        if not self._closed:
            self._flush()
            self._open().close()
            self._writer = None
            self._closed = True
            _fsync(self._tmp)
            os.replace(self._tmp, self.staged)
        return self.staged

    def commit(self) -> Path:
        """Close and move the file over the final path; returns the final path."""
        self.close()
        if self.final is None:
            return self.staged
        return publish_file(self.staged, self.final)

    def abort(self) -> None:
        """Drop what this writer wrote; the final file, if any, stays as it was."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._tmp.unlink(missing_ok=True)
        if self._closed:
            self.staged.unlink(missing_ok=True)

    def __enter__(self) -> StagedParquet:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def publish_file(staged: Path, final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    _fsync_dir(final.parent)
    return final


def partition_writer(warehouse: Path, table: TableSchema, day: date, part: str) -> StagedParquet:
    """A writer whose commit replaces `table`'s file `part` for `day`."""
    staged = staged_path(warehouse, table, day, part)
    return StagedParquet(table, staged, partition_path(warehouse, table, day, part))


def write_partition(
    warehouse: Path, table: TableSchema, day: date, part: str, records: Iterable[dict]
) -> Path:
    with partition_writer(warehouse, table, day, part) as writer:
        writer.write(records)
    assert writer.final is not None
    return writer.final


def merge_files(table: TableSchema, sources: list[Path], writer: StagedParquet) -> None:
    """Stream the rows of `sources`, in order, into `writer` (row group by row group: memory stays flat)."""
    for source in sources:
        parquet = pq.ParquetFile(source)
        for group in range(parquet.num_row_groups):
            writer.write_table(parquet.read_row_group(group))


def file_metadata(path: Path) -> dict[str, str]:
    """The key-value metadata of a Parquet file's schema."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items()}


def file_stamp(path: Path) -> str:
    """Identifies one version of a file: what a derived file was made from."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
