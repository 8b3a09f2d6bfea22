"""`newsevents export`: GDELT 2.0, ICEWS and PLOVER tables, CSV and Parquet, checked against the catalog."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.cli import main
from schemas import EVENTS
from warehouse.catalog import connect_read_only

ICEWS_HEADER = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
]  # fmt: skip


def _sql(warehouse: Path, query: str) -> list[tuple[Any, ...]]:
    con = connect_read_only(warehouse)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    return header, [dict(zip(header, row, strict=True)) for row in body]


def _export(warehouse: Path, fmt: str, out: Path, *extra: str) -> None:
    assert main(["export", "--format", fmt, "--warehouse", str(warehouse), *extra, str(out)]) == 0


def test_export_gdelt_has_the_61_columns_and_events_dailys_counts(
    demo_warehouse: Path, tmp_path: Path, shared: Path
) -> None:
    out = tmp_path / "events.gdelt.tsv"
    _export(demo_warehouse, "gdelt", out)
    header, rows = _tsv(out)
    gdelt_header = (shared / "gdelt" / "GDELT_2.0_events_header.tsv").read_text(encoding="utf-8").split()
    assert header == gdelt_header and len(header) == 61
    daily = _sql(
        demo_warehouse,
        "SELECT strftime(event_date, '%Y%m%d'), source_code, coalesce(target_code, ''), cameo_code, num_mentions, "
        "num_sources, num_articles, quad_class FROM events_daily",
    )
    assert sorted(
        (r["SQLDATE"], r["Actor1Code"], r["Actor2Code"], r["EventCode"], int(r["NumMentions"]),
         int(r["NumSources"]), int(r["NumArticles"]), int(r["QuadClass"]))
        for r in rows
    ) == sorted(daily)  # fmt: skip
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    assert all(r["GLOBALEVENTID"].isdigit() and r["SOURCEURL"].startswith("http") for r in rows)
    assert all(r["AvgTone"] == "" and r["Actor1Geo_Type"] == "" for r in rows)
    sanctions = next(r for r in rows if r["Actor1Code"] == "IGOEUREEC" and r["EventCode"] == "163")
    assert (sanctions["Actor1KnownGroupCode"], sanctions["Actor1Type1Code"], sanctions["GoldsteinScale"]) == (
        "EEC", "IGO", "-8.0",
    )  # fmt: skip
    placed = [r for r in rows if r["ActionGeo_Type"]]
    assert placed and {r["ActionGeo_Type"] for r in placed} == {"1", "4"}
    russia = next(r for r in placed if r["ActionGeo_FullName"] == "Russia")
    assert (russia["ActionGeo_Type"], russia["ActionGeo_CountryCode"]) == ("1", "RS")  # FIPS, like GDELT
    manila = next(r for r in placed if r["ActionGeo_FullName"].startswith("Manila"))
    assert (manila["ActionGeo_Type"], manila["ActionGeo_CountryCode"], manila["ActionGeo_FullName"]) == (
        "4", "RP", "Manila, Philippines",
    )  # fmt: skip


def test_export_icews_and_plover_hold_every_event_that_happened(demo_warehouse: Path, tmp_path: Path) -> None:
    _export(demo_warehouse, "icews", tmp_path / "e.icews.tsv")
    header, icews = _tsv(tmp_path / "e.icews.tsv")
    assert header == ICEWS_HEADER
    happened = _sql(demo_warehouse, "SELECT event_id, cameo_code FROM events WHERE NOT is_negated")
    assert sorted(r["Event ID"] for r in icews) == sorted(e for e, _ in happened)
    sample = next(r for r in icews if r["Source Country"] == "Russia")
    assert sample["Source Name"] and sample["Story ID"] and int(sample["Sentence Number"]) >= 1

    _export(demo_warehouse, "plover", tmp_path / "e.plover.tsv")
    _, plover = _tsv(tmp_path / "e.plover.tsv")
    typed = _sql(
        demo_warehouse,
        "SELECT event_id, plover_event FROM events_plover WHERE NOT is_negated AND plover_event IS NOT NULL",
    )
    assert sorted((r["Event ID"], r["Event Type"]) for r in plover) == sorted(typed)
    assert len(typed) < len(happened)  # the public statements and appeals (01, 02) have no PLOVER type
    visit = _sql(demo_warehouse, "SELECT plover_event, plover_mode FROM plover_codes WHERE cameo_code = '042'")
    assert visit == [("CONSULT", "visit")]


def test_export_csv_and_parquet_are_the_events_table(demo_warehouse: Path, tmp_path: Path) -> None:
    _export(demo_warehouse, "parquet", tmp_path / "e.parquet", "--from", "2025-01-01", "--to", "2025-06-30")
    table = pq.read_table(tmp_path / "e.parquet")
    expected = _sql(
        demo_warehouse,
        "SELECT count(*) FROM events WHERE event_date BETWEEN DATE '2025-01-01' AND DATE '2025-06-30'",
    )[0][0]
    assert table.num_rows == expected > 0
    assert table.column_names == EVENTS.columns

    _export(demo_warehouse, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == _sql(demo_warehouse, "SELECT count(*) FROM events")[0][0]  # negated ones included
    assert any(r["is_negated"] == "true" for r in rows)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "acled", "out.tsv"], "'acled' is not one of"),
        (["--format", "gdelt"], "Missing argument 'OUT'"),
        (["--format", "csv", "--from", "2025-02-01", "--to", "2025-01-01", "out.csv"], "is after --to"),
    ],
)
def test_export_bad_arguments_give_one_line(
    args: list[str], expected: str, demo_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    assert main(["export", "--warehouse", str(demo_warehouse), *args]) == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1
