"""Where everything lives in a warehouse: the one module that knows the layout.

```
<warehouse>/
  <table>/ingest_date=<D>/<part>.parquet       published partition files (part: the step that wrote it)
  events.duckdb                                 the analysts' catalog
  _staging/                                     work area, beside (never inside) the tables' folders
    ingest_date=<D>/<table>.<part>.parquet      a day's staged articles and ingest rejects
    ingest_date=<D>/shard-<i>-of-<n>.<table>.parquet   an extract shard's staged output
    fetch/                                      the fetcher's response cache and feed-entry journals
```

Every other module asks this one for a path; none builds one by hand.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from schemas import ARTICLES, EVENTS, REJECTS, UNRESOLVED, TableSchema

STAGING = "_staging"
CATALOG_NAME = "events.duckdb"
PARQUET = ".parquet"
TEMP_SUFFIX = ".tmp"

# The files of one day: (table, part). A part names the step that wrote the file.
DAY_FILES: tuple[tuple[TableSchema, str], ...] = (
    (ARTICLES, "articles"),
    (REJECTS, "ingest"),
    (EVENTS, "events"),
    (UNRESOLVED, "extract"),
    (REJECTS, "extract"),
)
# What an extract shard stages, by name: the table and the part its rows are published under.
SHARD_OUTPUTS: dict[str, tuple[TableSchema, str]] = {
    "events": (EVENTS, "events"),
    "unresolved": (UNRESOLVED, "extract"),
    "rejects": (REJECTS, "extract"),
}


def table_dir(warehouse: Path, table: TableSchema) -> Path:
    return warehouse / table.name


def partition_dir(warehouse: Path, table: TableSchema, day: date) -> Path:
    return table_dir(warehouse, table) / f"ingest_date={day.isoformat()}"


def partition_path(warehouse: Path, table: TableSchema, day: date, part: str) -> Path:
    """The published file `part` of `table` for `day`."""
    return partition_dir(warehouse, table, day) / f"{part}{PARQUET}"


def partition_files(warehouse: Path, table: TableSchema) -> list[Path]:
    """Every published file of `table`, in day order (listed by Python, never globbed by DuckDB)."""
    folder = table_dir(warehouse, table)
    return sorted(folder.glob(f"ingest_date=*/*{PARQUET}")) if folder.is_dir() else []


def table_glob(warehouse: Path, table: TableSchema) -> str:
    """A DuckDB glob of every published file of `table`."""
    return str(table_dir(warehouse, table).resolve() / "ingest_date=*" / f"*{PARQUET}")


def staging_dir(warehouse: Path) -> Path:
    return warehouse / STAGING


def staging_day_dir(warehouse: Path, day: date) -> Path:
    return staging_dir(warehouse) / f"ingest_date={day.isoformat()}"


def staged_path(warehouse: Path, table: TableSchema, day: date, part: str) -> Path:
    """Where the file `part` of `table` for `day` is staged before the day is published."""
    return staging_day_dir(warehouse, day) / f"{table.name}.{part}{PARQUET}"


def shard_paths(warehouse: Path, day: date, shard: int, shards: int) -> dict[str, Path]:
    """The staged outputs of extract shard `shard` of `shards`, by name (events, unresolved, rejects)."""
    stem = f"shard-{shard:04d}-of-{shards:04d}"
    folder = staging_day_dir(warehouse, day)
    return {name: folder / f"{stem}.{name}{PARQUET}" for name in SHARD_OUTPUTS}


def fetch_dir(warehouse: Path) -> Path:
    """The fetcher's response cache and feed-entry journals (kept across runs, for restarts)."""
    return staging_dir(warehouse) / "fetch"


def catalog_path(warehouse: Path) -> Path:
    return warehouse / CATALOG_NAME


def temp_path(final: Path) -> Path:
    """A hidden, unique name beside `final` to write it under before it is moved into place."""
    return final.with_name(f".{final.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")
