"""`newsevents sql` and `connect_read_only`: analysts read the warehouse and nothing else."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from fixtures.warehouse import publish_rows

from schemas import ARTICLES, EVENTS
from warehouse.catalog import NotAQuery, build_catalog, connect_read_only, read_only_query

DAY = date(2022, 8, 1)


def fill(warehouse: Path) -> Path:
    """Publish one day (an article and its event) to `warehouse`; publishing builds the catalog."""
    publish_rows(warehouse, DAY, {
        (ARTICLES, "articles"): [{"article_id": "a1", "text": "t", "ingest_date": DAY}],
        (EVENTS, "events"): [
            {"event_id": "e1", "article_id": "a1", "event_date": DAY, "cameo_code": "190", "quad_class": 4,
             "goldstein": -10.0, "num_mentions": 1, "coder_version": "test", "ingest_date": DAY},
        ],
    })  # fmt: skip
    return warehouse


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    return fill(tmp_path / "warehouse")


def newsevents(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args], capture_output=True, text=True, timeout=120
    )


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT * FROM events) TO '{events}/ingest_date=2022-08-02/events.parquet'",
        "COPY events TO '{events}/copy.parquet' (FORMAT parquet)",
        "SELECT 1; COPY (SELECT 1) TO '{events}/x.csv'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "ATTACH '{tmp}/other.duckdb' AS other",
        "CREATE TABLE t AS SELECT 1",
        "PRAGMA enable_profiling",
        "EXPORT DATABASE '{tmp}/export'",
    ],
)
def test_sql_statements_other_than_queries_are_refused(filled: Path, tmp_path: Path, statement: str) -> None:
    before = files_under(tmp_path)
    query = statement.format(events=filled / "events", tmp=tmp_path)
    result = newsevents("sql", query, "--warehouse", str(filled))
    assert result.returncode == 1, result.stdout
    assert (
        result.stderr.startswith("newsevents: error: query failed: read-only: only queries")
        and result.stderr.count("\n") == 1
    )
    assert files_under(tmp_path) == before
    con = connect_read_only(filled)
    try:
        assert read_only_query(con, "SELECT count(*) FROM events").fetchall() == [(1,)]
    finally:
        con.close()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('{tmp}/outside.parquet')",
        "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
        "SELECT * FROM glob('/etc/*')",
    ],
)
def test_sql_reads_nothing_outside_the_warehouse(filled: Path, tmp_path: Path, query: str) -> None:
    duckdb.sql(f"COPY (SELECT 42 AS secret) TO '{tmp_path}/outside.parquet'")
    con = connect_read_only(filled)
    try:
        with pytest.raises(duckdb.Error, match=r"(?i)permission|disabled"):
            read_only_query(con, query.format(tmp=tmp_path)).fetchall()
    finally:
        con.close()


def test_sql_settings_are_locked_even_on_the_python_connection(filled: Path) -> None:
    con = connect_read_only(filled)
    try:
        for statement in ("SET enable_external_access = true", "SET allowed_directories = ['/']",
                          "SET autoinstall_known_extensions = true"):  # fmt: skip
            with pytest.raises(duckdb.Error, match="locked"):
                con.execute(statement)
        with pytest.raises(duckdb.Error):
            con.execute("INSTALL httpfs")
        with pytest.raises(NotAQuery):
            read_only_query(con, "COPY (SELECT 1) TO 'x.csv'")
    finally:
        con.close()


def test_sql_queries_still_work(filled: Path) -> None:
    con = connect_read_only(filled)
    try:
        assert read_only_query(con, "SELECT count(*) FROM events").fetchall() == [(1,)]
        assert read_only_query(con, "FROM articles SELECT article_id").fetchall() == [("a1",)]
        assert read_only_query(con, "WITH e AS (SELECT * FROM events) SELECT event_id FROM e").fetchall() == [
            ("e1",)
        ]
        assert ("events",) in read_only_query(con, "SHOW TABLES").fetchall()
        assert read_only_query(con, "DESCRIBE events").fetchall()
        assert read_only_query(con, "EXPLAIN SELECT * FROM events").fetchall()
        assert read_only_query(
            con,
            "SELECT * FROM read_parquet(?)".replace("?", repr(str(filled / "events" / "*" / "*" / "*.parquet"))),
        ).fetchall()
    finally:
        con.close()


def test_sql_reads_where_a_copied_warehouses_catalog_reads_and_nothing_beside(tmp_path: Path) -> None:
    """A copied warehouse's catalog still lists the files where it was built: those folders are allowed, and
    only those (not their parent, nor a sibling)."""
    original = fill(tmp_path / "site" / "warehouse")
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    sibling = tmp_path / "site" / "other"
    sibling.mkdir()
    duckdb.sql(f"COPY (SELECT 42 AS secret) TO '{sibling}/secret.parquet'")
    con = connect_read_only(copy)
    try:
        assert read_only_query(con, "SELECT event_id FROM events").fetchall() == [("e1",)]
        with pytest.raises(duckdb.Error, match=r"(?i)permission|disabled"):
            read_only_query(con, f"SELECT * FROM read_parquet('{sibling}/secret.parquet')").fetchall()
    finally:
        con.close()
    build_catalog(copy)  # rebuilt where it now is: it reads the copy
    con = connect_read_only(copy)
    try:
        assert read_only_query(con, "SELECT event_id FROM events").fetchall() == [("e1",)]
        with pytest.raises(duckdb.Error, match=r"(?i)permission|disabled"):
            read_only_query(con, f"SELECT * FROM read_parquet('{original}/articles/*/*/*.parquet')").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("folder", ["w[1]", "w*", "w?x"], ids=["brackets", "star", "question-mark"])
def test_sql_on_a_warehouse_whose_path_has_glob_characters(tmp_path: Path, folder: str) -> None:
    warehouse = fill(tmp_path / folder / "warehouse")
    result = newsevents("sql", "SELECT event_id, article_id FROM events", "--warehouse", str(warehouse),
                        "--format", "csv")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["event_id,article_id", "e1,a1"]
