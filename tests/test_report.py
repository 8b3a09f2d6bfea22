"""`newsevents report`: the HTML file opened in a real headless Chromium, offline, against the catalog."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipelines.cli import main
from pipelines.report import Scope, fetch
from warehouse.catalog import connect_read_only

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags a headless Chromium needs on a machine without a network or a display (and as root in CI).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
BAD_LINES = '{"id": "b1", "text": "unterminated"\nnot json at all\n{"id": "b2", "text": ""}\n'


def _chromium() -> str:
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def warehouse_with_rejects(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo warehouse plus a day whose input holds only bad lines (reject rows, no events)."""
    warehouse = tmp_path_factory.mktemp("report") / "warehouse"
    shutil.copytree(demo_warehouse, warehouse)
    bad = warehouse.parent / "bad.jsonl"
    bad.write_text(BAD_LINES, encoding="utf-8")
    assert main(["run", "--input", str(bad), "--date", "2025-10-18", "--warehouse", str(warehouse), "--quiet"]) == 0
    return warehouse


def _catalog_rows(warehouse: Path, query: str) -> list[tuple[Any, ...]]:
    con = connect_read_only(warehouse)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


@pytest.mark.timeout(300)
def test_report_renders_offline_in_chromium_and_shows_the_catalogs_figures(
    warehouse_with_rejects: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    out = tmp_path / "report.html"
    assert main(["report", "--warehouse", str(warehouse_with_rejects), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html  # nothing to fetch: all inline

    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            offline=True,
            viewport={"width": 1280, "height": 900},
            timeout=60_000,
        )
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(out.as_uri(), timeout=60_000)
            page.wait_for_function("document.body.dataset.rendered !== 'pending'", timeout=60_000)
            rendered = page.evaluate("document.body.dataset.rendered")
            marks = page.evaluate(
                """() => Object.fromEntries(Array.from(document.querySelectorAll('.chart')).map(chart => [
                     chart.id.replace('chart-', ''),
                     Object.fromEntries(Array.from(chart.querySelectorAll('svg g.role-mark')).map(
                       g => [g.getAttribute('class').split(' ').pop(), g.querySelectorAll('path').length]))]))"""
            )
            line_marks = page.locator("#chart-dyad_trend svg g.mark-line.role-mark").count()
            daily_data = page.evaluate("newseventsReport.views.daily.data('daily')")
            places_data = page.evaluate("newseventsReport.views.map.data('places')")
            cards = {
                key: page.locator(f'[data-figure="summary.{key}"] b').inner_text()
                for key in ("events", "articles", "days_with_events", "material_conflict", "rejects")
            }
            tables = {
                name: page.evaluate(
                    f"""Array.from(document.querySelectorAll('table[data-figure="{name}"] tbody tr')).map(
                          tr => Object.fromEntries(Array.from(tr.cells).map(td => [td.dataset.col, td.innerText.trim()])))"""
                )
                for name in ("top_actors", "top_dyads", "most_reported", "rejects")
            }
            links = page.evaluate(
                "Array.from(document.querySelectorAll('table[data-figure=\"most_reported\"] a')).map(a => a.href)"
            )
            screenshot = tmp_path / "report.png"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()  # ends Chromium; leaving the with-block stops the driver

    assert rendered == "done", rendered
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # The figures, recomputed here with plain SQL on the catalog.
    events = _catalog_rows(
        warehouse_with_rejects,
        "SELECT event_id, article_id, event_date, quad_class, source_code, target_code, action_geo_lat "
        "FROM events WHERE NOT is_negated",
    )
    assert events
    assert cards == {
        "events": str(len(events)),
        "articles": str(len({e[1] for e in events})),
        "days_with_events": str(len({e[2] for e in events})),
        "material_conflict": str(sum(1 for e in events if e[3] == 4)),
        "rejects": str(_catalog_rows(warehouse_with_rejects, "SELECT count(*) FROM rejects")[0][0]),
    }

    per_day = Counter((e[2].isoformat(), e[3]) for e in events)
    assert {(r["event_date"], r["quad_class"]): r["events"] for r in daily_data} == per_day
    assert marks["daily"]["marks"] == len(per_day)  # one bar segment per day and QuadClass

    placed = [e for e in events if e[6] is not None]
    assert sum(p["events"] for p in places_data) == len(placed)
    assert marks["map"]["layer_1_marks"] == len(places_data) > 0  # one circle per place
    assert marks["map"]["layer_0_marks"] == 177  # the world's countries, drawn from the inlined TopoJSON

    involved: Counter[str] = Counter()
    for e in events:
        for code in {e[4], e[5]} - {"", None}:
            involved[code] += 1
    expected_actors = sorted(involved.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    assert [(r["code"], int(r["events"])) for r in tables["top_actors"]] == expected_actors

    dyads = Counter((e[4], e[5]) for e in events if e[4] and e[5])
    expected_dyads = sorted(dyads.items(), key=lambda kv: (-kv[1], f"{kv[0][0]} → {kv[0][1]}"))[:15]
    assert [(r["dyad"], int(r["events"])) for r in tables["top_dyads"]] == [
        (f"{s} → {t}", n) for (s, t), n in expected_dyads
    ]
    assert line_marks == min(5, len(dyads))

    reported = _catalog_rows(
        warehouse_with_rejects,
        "SELECT event_date, source_code, cameo_label, num_articles, num_sources, num_mentions FROM events_daily "
        "ORDER BY num_articles DESC, num_sources DESC, num_mentions DESC, event_date DESC, cameo_code, source_code, "
        "target_code LIMIT 15",
    )
    assert [
        (r["event_date"], r["source_code"], r["cameo_label"], int(r["num_articles"]), int(r["num_sources"]),
         int(r["num_mentions"]))
        for r in tables["most_reported"]
    ] == [(d.isoformat(), s, label, a, n, m) for d, s, label, a, n, m in reported]  # fmt: skip
    urls = {u for (u,) in _catalog_rows(warehouse_with_rejects, "SELECT url FROM articles")}
    assert links and set(links) <= urls
    assert all(r["sentence"] for r in tables["most_reported"])

    rejects = _catalog_rows(
        warehouse_with_rejects, "SELECT stage, reason, count(*) FROM rejects GROUP BY ALL ORDER BY 3 DESC, 1, 2"
    )
    assert [(r["stage"], r["reason"], int(r["rejects"])) for r in tables["rejects"]] == rejects
    assert marks["rejects"]["marks"] == len(rejects) >= 2


def test_report_scope_by_dates_and_country_counts_what_sql_counts(warehouse_with_rejects: Path) -> None:
    scope = Scope(date(2024, 6, 1), date(2025, 6, 30), "CHN")
    data = fetch(warehouse_with_rejects, scope)
    (expected,) = _catalog_rows(
        warehouse_with_rejects,
        "SELECT count(*), count(*) FILTER (WHERE quad_class = 3) FROM events "
        "WHERE event_date BETWEEN DATE '2024-06-01' AND DATE '2025-06-30' AND NOT is_negated "
        "AND (source_country = 'CHN' OR target_country = 'CHN')",
    )
    assert (data.summary["events"], data.summary["verbal_conflict"]) == expected
    assert expected[0] > 0
    assert sum(r["events"] for r in data.daily) == expected[0]
    assert data.rejects == []  # ingest days 2024-06-01 .. 2025-06-30 have none


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "2025-02-01", "--to", "2025-01-01"], "--from 2025-02-01 is after --to 2025-01-01"),
        (["--country", "Ukraine"], "is not an ISO alpha-3 code"),
        (["--from", "last week"], "is not a date"),
    ],
)
def test_report_bad_arguments_give_one_line(
    args: list[str], expected: str, warehouse_with_rejects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--warehouse", str(warehouse_with_rejects), *args]) == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1


def test_report_without_a_catalog_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--warehouse", str(tmp_path)]) == 2
    assert "no catalog in" in capsys.readouterr().err
