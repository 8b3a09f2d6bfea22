"""The Parquet writer and the DuckDB catalog (warehouse/)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fixtures.warehouse import publish_rows

from schemas import ARTICLES, EVENTS, REJECTS, TABLES
from warehouse.catalog import build_catalog, connect_read_only
from warehouse.locks import is_held
from warehouse.paths import is_temp
from warehouse.published import load_manifest
from warehouse.versions import VersionWriter
from warehouse.writer import ParquetFileWriter, write_file

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


def test_writer_replaces_the_file_only_when_complete(warehouse: Path) -> None:
    path = warehouse / "some" / "articles.parquet"
    write_file(ARTICLES, path, [article("a"), article("b")])
    assert write_file(ARTICLES, path, [article("c")]) == path
    assert pq.read_table(path).column("article_id").to_pylist() == ["c"]
    assert pq.read_schema(path).metadata[b"newsevents.schema"] == b"articles/v1"


def test_writer_failure_midway_keeps_the_previous_file(warehouse: Path) -> None:
    path = warehouse / "some" / "articles.parquet"
    write_file(ARTICLES, path, [article("a")])
    with pytest.raises(RuntimeError), ParquetFileWriter(ARTICLES, path) as writer:
        writer.write([article("b")] * 20_000)  # flushed to the temporary file, not yet in place
        temp = next(p for p in path.parent.iterdir() if is_temp(p))
        assert is_held(temp), "a live writer holds its temporary file"
        raise RuntimeError("crash")
    assert pq.read_table(path).column("article_id").to_pylist() == ["a"]
    assert not any(p.name.endswith(".tmp") for p in warehouse.rglob("*"))


def test_writer_refuses_null_keys(warehouse: Path) -> None:
    with pytest.raises(ValueError, match="null values in key column 'reason'"):
        write_file(REJECTS, warehouse / "r.parquet", [{"stage": "read", "reason": None, "ingest_date": DAY}])


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
    publish_rows(warehouse, DAY, {
        (ARTICLES, "articles"): [
            article("a1", "Daily A"), article("a2", "Daily B"), article("a3", "Daily C", duplicate_of="a1"),
        ],
        (EVENTS, "events"): [
            event("e1", "a1", "RUSMIL", "UKR", "190", 4, -10.0, mentions=2),
            event("e2", "a2", "RUSMIL", "UKR", "190", 4, -10.0),
            event("e3", "a2", "UKRGOV", "RUSGOV", "111", 3, -2.0),
            event("e4", "a2", "USAGOV", "UKRGOV", "0332", 1, 5.2, event_date=date(2022, 7, 30)),
        ],
    })  # fmt: skip
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
    # publishing a day rebuilds the catalog, while the reader is connected
    publish_rows(filled, date(2022, 8, 2), {(EVENTS, "events"): [event("e9", "a9", "CHN", "TWN", "150", 4, -7.2)]})
    assert reader.execute("SELECT count(*) FROM events").fetchone() == (4,)  # its own catalog keeps working
    reader.close()  # (connections of one process share the catalog file they opened first)
    fresh = connect_read_only(filled)
    assert fresh.execute("SELECT count(*) FROM events").fetchone() == (5,)
    with pytest.raises(duckdb.Error):
        fresh.execute("CREATE TABLE scratch (x INTEGER)")


def test_catalog_leaves_negated_events_out_of_events_daily_and_the_macros(warehouse: Path) -> None:
    negated = {**event("e2", "a1", "USAGOV", "RUSGOV", "163", 4, -8.0), "is_negated": True}
    publish_rows(warehouse, DAY, {
        (ARTICLES, "articles"): [article("a1", "Daily A")],
        (EVENTS, "events"): [event("e1", "a1", "USAGOV", "RUSGOV", "111", 3, -2.0), negated],
    })  # fmt: skip
    con = connect_read_only(warehouse)
    assert con.execute("SELECT count(*) FROM events WHERE is_negated").fetchone() == (1,)  # still there
    assert con.execute("SELECT cameo_code FROM events_daily").fetchall() == [("111",)]
    between = "SELECT cameo_code FROM events_between('USA', 'RUS', DATE '2022-08-01', DATE '2022-08-01')"
    assert con.sql(between).fetchall() == [("111",)]
    assert con.sql("SELECT events FROM daily_quad_counts('RUS', DAY_, DAY_)".replace("DAY_", "DATE '2022-08-01'")).fetchall() == [(1,)]
    assert con.sql("SELECT events FROM dyad_goldstein('USA', 'RUS', DAY_, DAY_)".replace("DAY_", "DATE '2022-08-01'")).fetchall() == [(1,)]


def _events_v1(rows: list[dict]) -> pa.Table:
    """Events as schema v1 wrote them: float goldstein and confidence, "" for no target, no
    date_precision, stamped v1."""
    fields = [
        f.with_type(pa.float32()) if f.name in ("goldstein", "confidence") else f
        for f in EVENTS.schema
        if f.name != "date_precision"
    ]
    schema = pa.schema(fields, metadata={b"newsevents.schema": b"events/v1"})
    full = [{name: row.get(name) for name in schema.names} for row in rows]
    return pa.Table.from_pylist(full, schema=pa.schema([f.with_nullable(True) for f in schema], schema.metadata))


def _events_v2(rows: list[dict]) -> pa.Table:
    """Events as schema v2 wrote them: v3 without date_precision, stamped v2."""
    fields = [f.with_nullable(True) for f in EVENTS.schema if f.name != "date_precision"]
    schema = pa.schema(fields, metadata={b"newsevents.schema": b"events/v2"})
    return pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows], schema=schema)


def test_catalog_reads_events_v1_v2_and_v3_files_as_v3(warehouse: Path) -> None:
    """Days written before v3 (no date_precision) read with it NULL: they never said how exact their
    dates were; days written since say it."""
    days = {1: date(2022, 7, 30), 2: date(2022, 7, 31)}
    for version_number, table in ((1, _events_v1), (2, _events_v2)):
        rows = [{**event(f"v{version_number}", "a0", "RUSMIL", "UKR", "190", 4, -10.0), "confidence": 0.7,
                 "date_source": "sentence", "ingest_date": days[version_number]}]  # fmt: skip
        with VersionWriter(warehouse, days[version_number]) as version:
            pq.write_table(table(rows), version.path(EVENTS, "events"))
            version.publish(timedelta(hours=24))
        assert load_manifest(warehouse).days[days[version_number]].files[0].schema == version_number
    publish_rows(warehouse, DAY, {(EVENTS, "events"): [
        {**event("v3", "a1", "RUSMIL", "UKR", "190", 4, -10.0), "date_source": "sentence", "date_precision": "week"},
    ]})  # fmt: skip
    con = connect_read_only(warehouse)
    try:
        rows = con.execute(
            "SELECT event_id, date_source, date_precision, goldstein FROM events ORDER BY event_id"
        ).fetchall()
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE events)").fetchall())
        plover = con.execute("SELECT count(date_precision) FROM events_plover").fetchone()
    finally:
        con.close()
    assert rows == [("v1", "sentence", None, -10.0), ("v2", "sentence", None, -10.0), ("v3", "sentence", "week", -10.0)]
    assert types["date_precision"] == "VARCHAR"
    assert plover == (1,)


def test_catalog_reads_events_v1_scores_and_targets_as_current(warehouse: Path) -> None:
    """Days published before the v2 step (float scores, "" for no target) and after it query alike."""
    old_day, new_day = date(2022, 7, 31), DAY
    no_target = {f"target_{c}": "" for c in ("code", "name", "text", "country", "role", "kind")}
    v1_rows = [
        {**event("old1", "a0", "RUSMIL", "UKR", "190", 4, -10.0), "confidence": 0.7, "ingest_date": old_day},
        {**event("old2", "a0", "TURCVL", "", "141", 3, -6.5), **no_target, "confidence": 0.55,
         "ingest_date": old_day},
        {**event("old3", "a0", "USAGOV", "IGOUNO", "0332", 1, 5.2), "target_country": "", "confidence": 0.7,
         "ingest_date": old_day},
    ]  # fmt: skip
    with VersionWriter(warehouse, old_day) as version:
        pq.write_table(_events_v1(v1_rows), version.path(EVENTS, "events"))
        version.publish(timedelta(hours=24))
    assert load_manifest(warehouse).days[old_day].files[0].schema == 1
    no_target_v2 = dict.fromkeys(no_target)
    publish_rows(warehouse, new_day, {(ARTICLES, "articles"): [article("a1", "Daily A")], (EVENTS, "events"): [
        {**event("new1", "a1", "RUSMIL", "UKR", "190", 4, -10.0), "confidence": 0.7},
        {**event("new2", "a1", "TURCVL", "", "141", 3, -6.5), **no_target_v2, "confidence": 0.55},
    ]})  # fmt: skip
    con = connect_read_only(warehouse)
    try:
        rows = con.execute(
            "SELECT event_id, goldstein, confidence, target_code, target_name, target_country FROM events "
            "ORDER BY event_id"
        ).fetchall()
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE events)").fetchall())
        targetless = con.execute("SELECT count(*) FROM events WHERE target_code IS NULL").fetchone()
        daily = con.execute(
            "SELECT num_articles FROM events_daily WHERE target_code IS NULL AND event_date = ?", [DAY]
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("new1", -10.0, 0.7, "UKR", None, "UKR"),
        ("new2", -6.5, 0.55, None, None, None),
        ("old1", -10.0, 0.7, "UKR", None, "UKR"),
        ("old2", -6.5, 0.55, None, None, None),
        ("old3", 5.2, 0.7, "IGOUNO", None, ""),  # a target with no country keeps its ""
    ]
    assert types["goldstein"] == types["confidence"] == "DOUBLE"
    assert targetless == (2,)
    assert daily == [(1,)]  # an event with no target is counted with its article, like any other
