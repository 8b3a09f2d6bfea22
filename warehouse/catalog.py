"""The DuckDB catalog analysts open read-only: views over the Parquet tables, lookups and macros.

DuckDB lets one read-write process exclude every other, and a read-only reader blocks writers. So the
pipeline never opens the live ``events.duckdb`` for writing: it builds a new catalog in a temporary file
beside it and ``os.replace``s it in. An analyst's open session keeps reading the old file (its inode lives
on until they disconnect) and never stops a run; the next connection sees the new catalog.

The views read exactly the files the manifest names (warehouse/published.py), by absolute path.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import duckdb
import pyarrow as pa
import yaml

from schemas import TABLES, TableSchema
from transforms.cameo import cameo_codes
from warehouse.paths import CATALOG_NAME, catalog_path, duckdb_path, table_dir, temp_path
from warehouse.published import Manifest, absolute, load_manifest

SQL_FILE = files("warehouse").joinpath("sql", "catalog.sql")
CATALOG_ALIAS = "events_catalog"  # the name the catalog is attached under in an analyst's connection
# Written in the storage format of DuckDB 1.0 (format number 64), which every DuckDB from 1.0 on reads:
# notebooks and BI tools often pin a 1.x client, and DuckDB 2's own format (69) is unreadable to them.
STORAGE_VERSION = "v1.0.0"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# How a file of an older schema version reads as the current version: column -> SQL expression on the file.
_TARGETS = ("code", "name", "text", "country", "role", "kind")
# v3 added date_precision: older files never said how exact their dates were, so NULL (not a guess).
_V3_DATE_PRECISION = {"date_precision": "CAST(NULL AS VARCHAR)"}
READ_AS_CURRENT: dict[tuple[str, int], dict[str, str]] = {
    ("events", 1): {
        # float32 in v1: the float's shortest decimal (what was written, 0.7), not its binary value (0.6999999)
        "goldstein": "CAST(CAST(goldstein AS VARCHAR) AS DOUBLE)",
        "confidence": "CAST(CAST(confidence AS VARCHAR) AS DOUBLE)",
        # "" for no target in v1
        **{f"target_{c}": f"CASE WHEN target_code <> '' THEN target_{c} END" for c in _TARGETS},
        **_V3_DATE_PRECISION,
    },
    ("events", 2): _V3_DATE_PRECISION,
}


def _table_view_sql(table: TableSchema, files: list[tuple[Path, int]]) -> str:
    """A view over exactly these files, (path, schema version) pairs: no glob (DuckDB reads each name
    literally, see `duckdb_path`), and the files of each older schema version read as the current one
    (`READ_AS_CURRENT`). It selects the schema's columns by name, so a ``key=value`` folder above the
    warehouse, which hive partitioning would read as a column, adds none."""
    by_version: dict[int, list[Path]] = {}
    for path, version in files:
        by_version.setdefault(version, []).append(path)
    selects = []
    for version, paths in sorted(by_version.items()):
        upgrade = READ_AS_CURRENT.get((table.name, version), {}) if version != table.version else {}
        columns = ", ".join(f'{upgrade[c]} AS "{c}"' if c in upgrade else f'"{c}"' for c in table.columns)
        listed = ", ".join(_quote(duckdb_path(p)) for p in paths)
        selects.append(
            f"SELECT {columns} FROM read_parquet([{listed}], hive_partitioning = true, "
            f"hive_types = {{'ingest_date': DATE}}, union_by_name = true)"
        )
    return f"CREATE VIEW {table.name} AS " + "\nUNION ALL\n".join(selects)


def _data_rows(name: str) -> list[dict[str, str]]:
    resource = files("transforms.data").joinpath(name)
    if not resource.is_file():
        return []
    lines = [
        ln
        for ln in resource.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def lookup_tables() -> dict[str, pa.Table]:
    """The lookup tables of the catalog, from the coder's own dictionaries."""
    codes = sorted(cameo_codes().values(), key=lambda c: c.code)
    cameo = pa.table(
        {
            "code": [c.code for c in codes],
            "root": [c.root for c in codes],
            "base": [c.base for c in codes],
            "label": [c.label for c in codes],
            "goldstein": pa.array([c.goldstein for c in codes], pa.float64()),
            "quad_class": pa.array([c.quad_class for c in codes], pa.int8()),
        }
    )
    roles = _data_rows("role_codes.tsv")
    actor_roles = pa.table(
        {"code": [r["code"] for r in roles], "label": [r["label"] for r in roles]},
        schema=pa.schema([("code", pa.string()), ("label", pa.string())]),
    )
    countries_file = files("transforms.data").joinpath("countries.yaml")
    entries = yaml.safe_load(countries_file.read_text(encoding="utf-8")) if countries_file.is_file() else []
    states = sorted({(e["code"], e["names"][0]) for e in entries or [] if e.get("names")})
    countries = pa.table(
        {"code": [c for c, _ in states], "name": [n for _, n in states]},
        schema=pa.schema([("code", pa.string()), ("name", pa.string())]),
    )
    plover = _data_rows("cameo_plover.tsv")
    plover_codes = pa.table(
        {
            column: [r[column] or None for r in plover]
            for column in ("cameo_code", "plover_event", "plover_mode", "plover_context")
        },
        schema=pa.schema(
            [(c, pa.string()) for c in ("cameo_code", "plover_event", "plover_mode", "plover_context")]
        ),
    )
    return {
        "cameo_codes": cameo,
        "actor_roles": actor_roles,
        "countries": countries,
        "plover_codes": plover_codes,
    }


def build_catalog(warehouse: Path, manifest: Manifest | None = None) -> Path:
    """(Re)build ``<warehouse>/events.duckdb`` over the files `manifest` names (default: what is published
    now) and swap it in atomically; returns its path. The publish step calls it under the publish lock,
    so that catalogs are swapped in the order their manifests were."""
    manifest = manifest if manifest is not None else load_manifest(warehouse)
    warehouse.mkdir(parents=True, exist_ok=True)
    final = catalog_path(warehouse)
    if "?" in str(final.resolve()):  # DuckDB reads "?" in a database path as the start of options
        with tempfile.TemporaryDirectory(prefix="newsevents-catalog-") as elsewhere:
            built = _write_catalog(warehouse, manifest, Path(elsewhere) / CATALOG_NAME)
            tmp = temp_path(final)
            try:
                shutil.copyfile(built, tmp)
                os.replace(tmp, final)
            finally:
                tmp.unlink(missing_ok=True)
        return final
    tmp = temp_path(final)
    try:
        _write_catalog(warehouse, manifest, tmp)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return final


def _write_catalog(warehouse: Path, manifest: Manifest, path: Path) -> Path:
    """A new catalog database at `path`, complete and checkpointed."""
    con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})
    try:
        for table in TABLES.values():
            files = [(absolute(warehouse.resolve(), f), f.schema) for f in manifest.files(table)]
            if files:
                con.execute(_table_view_sql(table, files))
            else:  # no partition yet: an empty table of the right shape, so queries still bind
                empty = table.empty()
                con.register("empty_arrow", empty)
                con.execute(f"CREATE TABLE {table.name} AS SELECT * FROM empty_arrow")
                con.unregister("empty_arrow")
        for name, data in lookup_tables().items():
            con.register("lookup_arrow", data)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM lookup_arrow")
            con.unregister("lookup_arrow")
        con.execute(SQL_FILE.read_text(encoding="utf-8"))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


# What an analyst's query may be: SELECT (with DESCRIBE, SHOW, SUMMARIZE, FROM-first, WITH) and EXPLAIN.
READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class NotAQuery(ValueError):
    """A statement other than a query (COPY, INSTALL, ATTACH, SET, CREATE, PRAGMA, ...)."""


def connect_read_only(warehouse: Path, writable: Sequence[Path] = ()) -> duckdb.DuckDBPyConnection:
    """An analyst's connection: the catalog attached read-only (so it never blocks a run's catalog swap),
    reading files only under the warehouse (no ``read_text('/etc/...')``, no URLs, no other databases), no
    extension installed or loaded, and these settings locked. `read_only_query` also refuses every
    statement that is not a query: DuckDB cannot allow reading a folder without allowing ``COPY ... TO``
    into it. `writable`: further folders the pipeline's own code writes to (an export's output folder).

    The catalog is attached to a fresh in-memory database rather than opened directly: DuckDB shares one
    instance (and its locked settings) between the connections of a process to the same file."""
    path = catalog_path(warehouse)
    if not path.is_file():
        raise FileNotFoundError(f"no catalog at {path}; run 'newsevents run' or 'newsevents catalog' first")
    con = duckdb.connect(
        ":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        con.execute(f"ATTACH {_quote(str(path))} AS {CATALOG_ALIAS} (READ_ONLY)")
        con.execute(f"USE {CATALOG_ALIAS}")
        folders = {warehouse.resolve(), *(table_dir(warehouse, t).resolve() for t in TABLES.values())}
        folders |= _view_folders(con)  # a copied or moved warehouse's catalog still reads where it was built
        folders |= {Path(folder).resolve() for folder in writable}
        # DuckDB checks both the name a reader is given and each file it expands to: a folder whose path has
        # a glob character is allowed as itself and as the bracketed name the views give (`duckdb_path`).
        allowed = {name for folder in _outermost(folders) for name in (str(folder), duckdb_path(folder))}
        listed = ", ".join(_quote(name + os.sep) for name in sorted(allowed))
        con.execute(f"SET allowed_directories = [{listed}]")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _view_folders(con: duckdb.DuckDBPyConnection) -> set[Path]:
    """The folders of the files the catalog's own views read (`build_catalog` lists each file of the
    manifest; a catalog built before versions read a glob, allowed up to its first wildcard)."""
    folders: set[Path] = set()
    for (sql,) in con.execute(
        f"SELECT sql FROM duckdb_views() WHERE NOT internal AND database_name = '{CATALOG_ALIAS}'"
    ).fetchall():
        for start in re.finditer(r"read_parquet\(\s*(?:\[|list_value\()?\s*", sql or ""):
            for literal in _string_literals(sql, start.end()):
                folders.add(_literal_folder(literal))
    return folders


def _string_literals(sql: str, at: int) -> list[str]:
    """The SQL string literals starting at `at` and separated by commas (a file or a list of files)."""
    literals: list[str] = []
    while (match := re.compile(r"'((?:[^']|'')*)'\s*(,\s*)?").match(sql, at)) is not None:
        literals.append(match.group(1).replace("''", "'"))
        if not match.group(2):
            break
        at = match.end()
    return literals


def _literal_folder(name: str) -> Path:
    """The folder a file name as DuckDB reads it (see `duckdb_path`) lies in: a bracketed ``[*]``, ``[?]``,
    ``[[]`` is that character; an unbracketed wildcard ends the literal part, whose folder is taken."""
    literal: list[str] = []
    i = 0
    while i < len(name):
        if name[i] == "[" and name[i + 2 : i + 3] == "]" and name[i + 1 : i + 2] in ("*", "?", "["):
            literal.append(name[i + 1])
            i += 3
        elif name[i] in "*?[":
            prefix = "".join(literal)
            return Path(prefix) if prefix.endswith(os.sep) else Path(prefix).parent
        else:
            literal.append(name[i])
            i += 1
    return Path("".join(literal)).parent


def _outermost(folders: set[Path]) -> set[Path]:
    """`folders` without those inside another of them (a year of days is one folder per file otherwise)."""
    return {f for f in folders if not any(other != f and f.is_relative_to(other) for other in folders)}


def read_only_query(con: duckdb.DuckDBPyConnection, query: str) -> duckdb.DuckDBPyRelation | None:
    """Run `query` if every statement of it is a query (`READ_STATEMENTS`); else `NotAQuery`, nothing run."""
    for statement in con.extract_statements(query):
        if statement.type not in READ_STATEMENTS:
            kind = statement.type.name
            raise NotAQuery(
                f"read-only: only queries (SELECT, EXPLAIN) run here, not {kind}; to export, see 'Exporting' in the README"
            )
    return con.sql(query)
