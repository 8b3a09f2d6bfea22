"""Where everything lives in a warehouse: the one module that knows the layout.

```
<warehouse>/
  <table>/ingest_date=<D>/<version>/<part>.parquet   a published version of a day (part: the step that
                                                      wrote the file); _published.json says which is current
  _published.json                                     the manifest: each day's current version and its files
  _published.lock                                     held while a publish replaces the manifest
  events.duckdb                                       the analysts' catalog
  _staging/                                           work area, beside (never inside) the tables' folders
    ingest_date=<D>/<table>.<part>.parquet            a day's staged articles and ingest rejects
    ingest_date=<D>/shard-<i>-of-<n>.<table>.parquet  an extract shard's staged output
    publishing/<version>.lock                         held while that version is being written
    fetch/                                            the fetcher's response cache and feed-entry journals
```

A warehouse written before versions had ``<table>/ingest_date=<D>/<part>.parquet`` and no manifest; it is
still read (warehouse/published.py). Every other module asks this one for a path; none builds one by hand.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from schemas import ARTICLES, EVENTS, REJECTS, UNRESOLVED, TableSchema

STAGING = "_staging"
CATALOG_NAME = "events.duckdb"
MANIFEST_NAME = "_published.json"
PUBLISH_LOCK_NAME = "_published.lock"
PUBLISHING = "publishing"
FETCH = "fetch"
PARQUET = ".parquet"
TEMP_SUFFIX = ".tmp"
PARTITION_PREFIX = "ingest_date="

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
    return table_dir(warehouse, table) / f"{PARTITION_PREFIX}{day.isoformat()}"


def partition_day(folder: Path) -> date | None:
    """The day of a partition folder ``ingest_date=<D>``; None for any other folder."""
    if not folder.name.startswith(PARTITION_PREFIX):
        return None
    try:
        return date.fromisoformat(folder.name.removeprefix(PARTITION_PREFIX))
    except ValueError:
        return None


def partition_dirs(warehouse: Path, table: TableSchema) -> list[Path]:
    """Every partition folder of `table`, in day order."""
    folder = table_dir(warehouse, table)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and partition_day(p) is not None)


def new_version() -> str:
    """A fresh version name: when it was made (UTC) and a random suffix, so names never collide."""
    return f"v{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def version_dir(warehouse: Path, table: TableSchema, day: date, version: str) -> Path:
    return partition_dir(warehouse, table, day) / version


def version_path(warehouse: Path, table: TableSchema, day: date, version: str, part: str) -> Path:
    """The file `part` of `table` in version `version` of `day`."""
    return version_dir(warehouse, table, day, version) / f"{part}{PARQUET}"


def legacy_partition_files(warehouse: Path, table: TableSchema) -> list[Path]:
    """The files of `table` in the layout before versions: ``ingest_date=<D>/<part>.parquet``."""
    return [
        path
        for folder in partition_dirs(warehouse, table)
        for path in sorted(folder.glob(f"*{PARQUET}"))
        if path.is_file() and not path.name.startswith(".")
    ]


def manifest_path(warehouse: Path) -> Path:
    return warehouse / MANIFEST_NAME


def publish_lock_path(warehouse: Path) -> Path:
    return warehouse / PUBLISH_LOCK_NAME


def staging_dir(warehouse: Path) -> Path:
    return warehouse / STAGING


def staging_day_dir(warehouse: Path, day: date) -> Path:
    return staging_dir(warehouse) / f"{PARTITION_PREFIX}{day.isoformat()}"


def staged_path(warehouse: Path, table: TableSchema, day: date, part: str) -> Path:
    """Where the file `part` of `table` for `day` is staged before the day is published."""
    return staging_day_dir(warehouse, day) / f"{table.name}.{part}{PARQUET}"


def shard_paths(warehouse: Path, day: date, shard: int, shards: int) -> dict[str, Path]:
    """The staged outputs of extract shard `shard` of `shards`, by name (events, unresolved, rejects)."""
    stem = f"shard-{shard:04d}-of-{shards:04d}"
    folder = staging_day_dir(warehouse, day)
    return {name: folder / f"{stem}.{name}{PARQUET}" for name in SHARD_OUTPUTS}


def version_lock_path(warehouse: Path, version: str) -> Path:
    """Held by the process writing `version`; a version folder without a held lock is an orphan."""
    return staging_dir(warehouse) / PUBLISHING / f"{version}.lock"


def fetch_dir(warehouse: Path) -> Path:
    """The fetcher's response cache and feed-entry journals (kept across runs, for restarts)."""
    return staging_dir(warehouse) / FETCH


def catalog_path(warehouse: Path) -> Path:
    return warehouse / CATALOG_NAME


def temp_path(final: Path) -> Path:
    """A hidden, unique name beside `final` to write it under before it is moved into place."""
    return final.with_name(f".{final.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")


def is_temp(path: Path) -> bool:
    """A temporary file of ours (`temp_path`), or DuckDB's write-ahead log of one."""
    name = path.name
    return name.startswith(".") and (name.endswith(TEMP_SUFFIX) or name.endswith(f"{TEMP_SUFFIX}.wal"))


_GLOB_CHARACTERS = re.compile(r"([*?\[])")


def duckdb_path(path: Path) -> str:
    """`path` as DuckDB's file readers take it literally: they expand ``*``, ``?`` and ``[...]`` in every
    file name they are given (a warehouse at ``/data/w[1]/`` would match ``/data/w1/``), so each of those
    characters is bracketed (``[[]``), which matches exactly itself."""
    return _GLOB_CHARACTERS.sub(r"[\1]", str(path))
