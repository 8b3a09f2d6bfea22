"""The Parquet writer and the DuckDB catalog (warehouse/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from schemas import ARTICLES, EVENTS, REJECTS, TABLES
from warehouse.catalog import build_catalog, connect_read_only
from warehouse.paths import partition_path
from warehouse.writer import partition_writer, write_partition

DAY = date(2022, 8, 1)


def article(article_id: str, publisher: str | None = None, duplicate_of: str | None = None) -> dict:
    return {
        "article_id": article_id, "text": f"text of {article_id}", "publisher": publisher,
        "duplicate_of": duplicate_of, "ingest_date": DAY,
    }  # fmt: skip


def event(event_id: str, article_id: str, source: str, target: str, code: str, quad: int, goldstein: float,
          event_date: date = DAY, mentions: int = 1) -> dict:  # fmt: skip
    return {
        "event_id": event_id, "article_id": article_id, "event_date": event_date, "source_code": source,
        "source_country": source[:3], "target_code": target, "target_country": target[:3], "cameo_code": code,
        "quad_class": quad, "goldstein": goldstein, "num_mentions": mentions, "coder_version": "test",
        "ingest_date": DAY,
    }  # fmt: skip


def test_writer_commit_replaces_the_partition_file(warehouse: Path) -> None:
    write_partition(warehouse, ARTICLES, DAY, "articles", [article("a"), article("b")])
    path = write_partition(warehouse, ARTICLES, DAY, "articles", [article("c")])
    assert path == warehouse / "articles" / "ingest_date=2022-08-01" / "articles.parquet"
    assert pq.read_table(path).column("article_id").to_pylist() == ["c"]
    assert pq.read_schema(path).metadata[b"newsevents.schema"] == b"articles/v1"


def test_writer_failure_midway_keeps_the_previous_file(warehouse: Path) -> None:
    write_partition(warehouse, ARTICLES, DAY, "articles", [article("a")])
    with pytest.raises(RuntimeError), partition_writer(warehouse, ARTICLES, DAY, "articles") as writer:
        writer.write([article("b")] * 20_000)  # flushed to the staged file, not yet committed
        raise RuntimeError("crash")
    path = partition_path(warehouse, ARTICLES, DAY, "articles")
    assert pq.read_table(path).column("article_id").to_pylist() == ["a"]
    assert not any(p.name.endswith(".tmp") for p in warehouse.rglob("*"))


def test_writer_stages_outside_the_tables_folders(warehouse: Path) -> None:
    writer = partition_writer(warehouse, EVENTS, DAY, "events")
    writer.write([event("e1", "a", "RUS", "UKR", "190", 4, -10)])
    staged = writer.close()
    assert (warehouse / "_staging") in staged.parents
    assert not (warehouse / "events").exists()
    writer.commit()
    assert (warehouse / "events" / "ingest_date=2022-08-01" / "events.parquet").is_file()


def test_writer_refuses_null_keys(warehouse: Path) -> None:
    with pytest.raises(ValueError, match="null values in key column 'reason'"):
        write_partition(
            warehouse, REJECTS, DAY, "ingest", [{"stage": "read", "reason": None, "ingest_date": DAY}]
        )


def test_catalog_without_data_has_empty_tables_of_the_right_shape(warehouse: Path) -> None:
    build_catalog(warehouse)
    con = connect_read_only(warehouse)
    for table in TABLES.values():
        assert con.execute(f"SELECT count(*) FROM {table.name}").fetchone() == (0,)
        assert [c for c in con.sql(f"SELECT * FROM {table.name}").columns] == table.columns
    assert con.execute("SELECT count(*) FROM cameo_codes").fetchone()[0] == 312
    assert con.execute("SELECT label, quad_class FROM cameo_codes WHERE code = '0332'").fetchone() == (
        "Express intent to provide military aid", 1,
    )  # fmt: skip


@pytest.fixture
def filled(warehouse: Path) -> Path:
    write_partition(warehouse, ARTICLES, DAY, "articles", [
        article("a1", "Daily A"), article("a2", "Daily B"), article("a3", "Daily C", duplicate_of="a1"),
    ])  # fmt: skip
    write_partition(warehouse, EVENTS, DAY, "events", [
        event("e1", "a1", "RUSMIL", "UKR", "190", 4, -10.0, mentions=2),
        event("e2", "a2", "RUSMIL", "UKR", "190", 4, -10.0),
        event("e3", "a2", "UKRGOV", "RUSGOV", "111", 3, -2.0),
        event("e4", "a2", "USAGOV", "UKRGOV", "0332", 1, 5.2, event_date=date(2022, 7, 30)),
    ])  # fmt: skip
    build_catalog(warehouse)
    return warehouse


def test_catalog_views_read_the_partitions(filled: Path) -> None:
    con = connect_read_only(filled)
    assert con.execute("SELECT count(*), min(ingest_date) FROM events").fetchone() == (4, DAY)
    assert con.execute("SELECT count(*) FROM articles WHERE ingest_date = DATE '2022-08-01'").fetchone() == (
        3,
    )


def test_catalog_events_daily_counts_mentions_articles_and_outlets(filled: Path) -> None:
    con = connect_read_only(filled)
    row = con.execute(
        "SELECT num_mentions, num_articles, num_sources FROM events_daily WHERE source_code = 'RUSMIL'"
    ).fetchone()
    assert row == (3, 3, 3)  # a1 (2 mentions) + a2 (1); a3 is a1's near-copy from a third outlet


def test_catalog_macros_answer_analyst_questions(filled: Path) -> None:
    con = connect_read_only(filled)
    between = con.sql(
        "SELECT direction, cameo_code FROM events_between('UKR', 'RUS', DATE '2022-08-01', DATE '2022-08-01') ORDER BY event_id"
    ).fetchall()
    assert between == [("RUS -> UKR", "190"), ("RUS -> UKR", "190"), ("UKR -> RUS", "111")]
    quads = con.sql("SELECT * FROM daily_quad_counts('UKR', DATE '2022-07-01', DATE '2022-08-31')").fetchall()
    assert [(q[0], q[1], q[4], q[5]) for q in quads if q[5]] == [(date(2022, 7, 30), 1, 0, 1), (DAY, 0, 2, 3)]
    # zero-filled: every day of the range is a row, quiet days with 0 events and no mean
    assert len(quads) == 62 and quads[0] == (date(2022, 7, 1), 0, 0, 0, 0, 0, None)
    everything = con.sql("SELECT sum(events) FROM daily_quad_counts(NULL, DATE '2022-07-01', DATE '2022-08-31')")
    assert everything.fetchall() == [(4,)]
    series = con.sql(
        "SELECT events, mean_goldstein FROM dyad_goldstein('RUS', 'UKR', DATE '2022-08-01', DATE '2022-08-01')"
    ).fetchall()
    assert series == [(2, -10.0)]


def test_catalog_open_reader_never_blocks_a_rebuild(filled: Path) -> None:
    reader = connect_read_only(filled)
    assert reader.execute("SELECT count(*) FROM events").fetchone() == (4,)
    write_partition(
        filled, EVENTS, date(2022, 8, 2), "events", [event("e9", "a9", "CHN", "TWN", "150", 4, -7.2)]
    )
    build_catalog(filled)  # while the reader is connected
    assert reader.execute("SELECT count(*) FROM events").fetchone()[0] in (
        4,
        5,
    )  # its own snapshot keeps working
    fresh = connect_read_only(filled)
    assert fresh.execute("SELECT count(*) FROM events").fetchone() == (5,)
    with pytest.raises(duckdb.Error):
        fresh.execute("CREATE TABLE scratch (x INTEGER)")


def test_catalog_leaves_negated_events_out_of_events_daily_and_the_macros(warehouse: Path) -> None:
    write_partition(warehouse, ARTICLES, DAY, "articles", [article("a1", "Daily A")])
    negated = {**event("e2", "a1", "USAGOV", "RUSGOV", "163", 4, -8.0), "is_negated": True}
    write_partition(warehouse, EVENTS, DAY, "events", [event("e1", "a1", "USAGOV", "RUSGOV", "111", 3, -2.0), negated])
    build_catalog(warehouse)
    con = connect_read_only(warehouse)
    assert con.execute("SELECT count(*) FROM events WHERE is_negated").fetchone() == (1,)  # still there
    assert con.execute("SELECT cameo_code FROM events_daily").fetchall() == [("111",)]
    between = "SELECT cameo_code FROM events_between('USA', 'RUS', DATE '2022-08-01', DATE '2022-08-01')"
    assert con.sql(between).fetchall() == [("111",)]
    assert con.sql("SELECT events FROM daily_quad_counts('RUS', DAY_, DAY_)".replace("DAY_", "DATE '2022-08-01'")).fetchall() == [(1,)]
    assert con.sql("SELECT events FROM dyad_goldstein('USA', 'RUS', DAY_, DAY_)".replace("DAY_", "DATE '2022-08-01'")).fetchall() == [(1,)]
