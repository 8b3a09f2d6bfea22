"""The one Parquet writer: stream rows to a hidden temporary file, then move it into place atomically.

Where files go is warehouse/paths.py's business: staged files under ``_staging/``, published files in a new
version folder of their day (see warehouse/published.py). Either way a file appears under its name only
when complete (``os.replace`` of a synced temporary file), so a reader never sees half a file.

While a temporary file is being written its writer holds a lock on it (warehouse/locks.py): the clean-up
of a later run deletes only temporary files nobody holds, the leftovers of killed runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TableSchema
from warehouse.locks import create_locked
from warehouse.paths import temp_path

ROW_GROUP_ROWS = 10_000
SCHEMA_KEY = "newsevents.schema"
# Metadata key of a staged shard: the stamp of the articles file it was coded from.
STAMP_ARTICLES = "newsevents.articles"
# Metadata key of staged articles: the sequence number of the manifest their ingest checked for stories
# stored on other days.
STAMP_SEEN_SEQ = "newsevents.manifest_seq"
# Metadata key of a day's staged articles and ingest rejects: the ingest run that wrote both.
STAMP_INGEST_RUN = "newsevents.ingest_run"
# Rows are also flushed once their text adds up to this many characters: 10,000 long articles would
# otherwise sit in memory (up to 2 GB at the default max_article_chars).
ROW_GROUP_CHARS = 32_000_000


def check_keys(table: TableSchema, data: pa.Table) -> None:
    for column in table.key:
        if data.column(column).null_count:
            raise ValueError(
                f"{table.name}: {data.column(column).null_count} null values in key column {column!r}"
            )


class ParquetFileWriter:
    """A Parquet file of one table, written in batches and moved to `path` when closed.

    Use as a context manager: leaving it normally closes (publishes) the file; leaving it by an exception
    deletes what was written and leaves whatever was at `path` untouched."""

    def __init__(self, table: TableSchema, path: Path, metadata: dict[str, str] | None = None) -> None:
        self.table = table
        self.path = path
        self.rows = 0
        self._buffer: list[dict] = []
        self._buffered_chars = 0
        self._tables: list[pa.Table] = []  # small tables appended, written as whole row groups
        self._table_rows = 0
        self._schema = table.with_metadata()
        if metadata:
            extra = {k.encode(): v.encode() for k, v in metadata.items()}
            self._schema = self._schema.with_metadata({**self._schema.metadata, **extra})
        self._tmp = temp_path(path)
        self._lock: int | None = None
        self._writer: pq.ParquetWriter | None = None
        self._closed = False

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            for attempt in range(3):  # a clean-up may remove an empty folder between mkdir and create
                self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    self._lock = create_locked(self._tmp)  # held until the file is in place or dropped
                    break
                except FileNotFoundError:
                    if attempt == 2:
                        raise
            self._writer = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        return self._writer

    def write(self, records: Iterable[dict]) -> None:
        for record in records:
            self._buffer.append(record)
            self._buffered_chars += sum(len(v) for v in record.values() if isinstance(v, str | bytes))
        if len(self._buffer) >= ROW_GROUP_ROWS or self._buffered_chars >= ROW_GROUP_CHARS:
            self._flush()

    def append(self, data: pa.Table) -> None:
        """Add a few rows given as a table (one batch's); they are written in row groups of
        ROW_GROUP_ROWS, like `write`'s records."""
        if data.num_rows:
            self._tables.append(data)
            self._table_rows += data.num_rows
        if self._table_rows >= ROW_GROUP_ROWS:
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
            self._buffered_chars = 0
            self.write_table(data)
        if self._tables:
            data = pa.concat_tables(self._tables, promote_options="permissive")
            self._tables, self._table_rows = [], 0
            self.write_table(data)

    def close(self) -> Path:
        """Finish the file and move it to `path` (replacing what was there); returns `path`."""
        if not self._closed:
            self._flush()
            self._open().close()
            self._writer = None
            _fsync(self._tmp)
            os.replace(self._tmp, self.path)
            fsync_dir(self.path.parent)
            self._closed = True
            self._release()
        return self.path

    def abort(self) -> None:
        """Drop what this writer wrote; whatever was at `path` stays as it was."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if not self._closed:
            self._tmp.unlink(missing_ok=True)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def __enter__(self) -> ParquetFileWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_file(table: TableSchema, path: Path, records: Iterable[dict]) -> Path:
    """Write `records` as the whole file `path` of `table`."""
    with ParquetFileWriter(table, path) as writer:
        writer.write(records)
    return path


def merge_files(table: TableSchema, sources: list[Path], writer: ParquetFileWriter) -> None:
    """Stream the rows of `sources`, in order, into `writer` (row group by row group: memory stays flat)."""
    for source in sources:
        parquet = pq.ParquetFile(source)
        for group in range(parquet.num_row_groups):
            writer.write_table(parquet.read_row_group(group))


def file_metadata(path: Path) -> dict[str, str]:
    """The key-value metadata of a Parquet file's schema."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items()}


def schema_version(schema: pa.Schema, table: TableSchema) -> int:
    """The version of `table`'s schema a file was written with, from its stamp (1 when unstamped)."""
    stamp = (schema.metadata or {}).get(SCHEMA_KEY.encode(), b"").decode()
    name, _, version = stamp.partition("/v")
    return int(version) if name == table.name and version.isdigit() else 1


def file_stamp(path: Path) -> str:
    """Identifies one version of a file: what a derived file was made from."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in the folder `path` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
