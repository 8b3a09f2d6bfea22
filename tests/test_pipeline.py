"""End to end: `newsevents run` on articles written for these tests, then read-only DuckDB queries."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from spacy.language import Language

from pipelines.cli import main
from pipelines.config import load_settings
from pipelines.steps import run_day
from schemas import ARTICLES, EVENTS
from warehouse.catalog import connect_read_only

DAY = "2022-08-02"
ARTICLES_IN = [
    {
        "id": "t1", "url": "https://news.example.org/world/kharkiv-shelling?utm_source=rss", "published": "2022-08-01",
        "title": "Kharkiv shelled",
        "text": "Russian forces shelled the Ukrainian city of Kharkiv on Monday, Ukrainian officials said.\n\n"
                "Ukraine accused Russia of targeting civilians.",
    },
    {
        "id": "t2", "url": "https://news.example.org/world/un-condemns", "published": "2022-08-01T18:00:00+02:00",
        "title": "UN condemns attack",
        "text": "The United Nations condemned the attack on Kharkiv. China and France called for an immediate "
                "ceasefire.",
    },
    {
        "id": "t3", "url": "https://other.example.com/germany-air-defence", "published": "2022-08-01",
        "title": "Germany to send air defence",
        "text": "Germany will send air defence systems to Ukraine, Chancellor Olaf Scholz said on Monday.",
    },
    {
        "id": "t4", "url": "https://news.example.org/sport/derby", "published": "2022-07-31",
        "title": "Derby",
        "text": "Manchester United beat Chelsea 2-1 on Sunday with a late goal from a substitute.",
    },
]  # fmt: skip
BAD_LINES = [
    "{this is not json",
    json.dumps({"id": "empty", "text": "   "}),
    json.dumps(
        {"id": "baddate", "text": "Kenya and Uganda signed a trade agreement.", "published": "31/07/2022"}
    ),
]


def write_input(folder: Path, articles: list[dict], extra_lines: list[str] = ()) -> Path:  # type: ignore[assignment]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    lines = [json.dumps(a) for a in articles] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args: str) -> int:
    return main(["run", "--quiet", "--processes", "1", *args])


def events_of(warehouse: Path, day: str = DAY) -> list[tuple]:
    con = connect_read_only(warehouse)
    try:
        return con.execute(
            "SELECT event_id, article_id, source_code, target_code, cameo_code FROM events "
            "WHERE ingest_date = ? ORDER BY event_id",
            [date.fromisoformat(day)],
        ).fetchall()
    finally:
        con.close()


@pytest.fixture
def day_one(tmp_path: Path, warehouse: Path, nlp: Language) -> Path:
    source = write_input(tmp_path / "in", ARTICLES_IN, BAD_LINES)
    assert run_cli("--input", str(source), "--date", DAY, "--warehouse", str(warehouse)) == 0
    return warehouse


def test_pipeline_run_writes_articles_events_rejects_and_catalog(day_one: Path) -> None:
    con = duckdb.connect(str(day_one / "events.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert con.execute(
        "SELECT source_id FROM articles WHERE published_at_source = 'ingest_date'"
    ).fetchall() == [("baddate",)]
    reasons = con.execute("SELECT stage, reason FROM rejects ORDER BY reason").fetchall()
    assert reasons == [("ingest", "bad_date"), ("ingest", "empty_text"), ("read", "malformed_json")]
    events = con.execute("SELECT * FROM events").fetchall()
    assert len(events) >= 4
    assert con.sql("SELECT * FROM events").columns == EVENTS.columns
    # every event is explainable: its article, sentence, trigger words and coder version
    orphans = con.execute("SELECT count(*) FROM events e ANTI JOIN articles a USING (article_id)").fetchone()
    assert orphans == (0,)
    assert con.execute(
        "SELECT count(*) FROM events WHERE sentence = '' OR trigger = '' OR coder_version = '' OR event_date IS NULL"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT count(*) FROM events WHERE article_id = (SELECT article_id FROM articles WHERE source_id = 't4')"
    ).fetchone() == (0,)
    codes = {row[0] for row in con.execute("SELECT DISTINCT cameo_code FROM events").fetchall()}
    assert codes <= {row[0] for row in con.execute("SELECT code FROM cameo_codes").fetchall()}
    assert con.execute("SELECT count(*) FROM articles WHERE canonical_url LIKE '%utm_%'").fetchone() == (0,)


def test_pipeline_rerun_of_a_day_replaces_it_exactly(day_one: Path, tmp_path: Path) -> None:
    before = events_of(day_one)
    assert before
    source = write_input(tmp_path / "in", ARTICLES_IN, BAD_LINES)
    assert run_cli("--input", str(source), "--date", DAY, "--warehouse", str(day_one)) == 0
    assert events_of(day_one) == before
    con = connect_read_only(day_one)
    assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (5, 5)
    assert con.execute("SELECT count(*) FROM rejects").fetchone() == (3,)


def test_pipeline_next_day_skips_articles_already_stored(day_one: Path, tmp_path: Path) -> None:
    fresh = {
        "id": "t5",
        "text": "Japan and South Korea agreed to resume defence talks.",
        "published": "2022-08-02",
    }
    source = write_input(tmp_path / "in2", [*ARTICLES_IN[:2], fresh])
    assert run_cli("--input", str(source), "--date", "2022-08-03", "--warehouse", str(day_one)) == 0
    con = connect_read_only(day_one)
    assert con.execute("SELECT source_id FROM articles WHERE ingest_date = DATE '2022-08-03'").fetchall() == [
        ("t5",)
    ]
    skipped = con.execute(
        "SELECT reason, count(*) FROM rejects WHERE ingest_date = DATE '2022-08-03' GROUP BY ALL"
    ).fetchall()
    assert skipped == [("already_stored", 2)]
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)


def test_pipeline_worker_processes_give_the_same_events(day_one: Path, tmp_path: Path) -> None:
    other = tmp_path / "parallel"
    source = write_input(tmp_path / "in", ARTICLES_IN, BAD_LINES)
    settings = load_settings(warehouse=other, processes=2, batch_size=1)
    run_day(date.fromisoformat(DAY), [source], settings)
    assert events_of(other) == events_of(day_one)


def test_pipeline_killed_run_leaves_the_previous_day_readable(day_one: Path, tmp_path: Path) -> None:
    before = events_of(day_one)
    con = connect_read_only(day_one)
    articles_before = con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
    con.close()
    many = [
        {
            "id": f"m{i}",
            "text": f"Report {i}. " + " ".join(a["text"] for a in ARTICLES_IN[:3]),
            "published": "2022-08-01",
        }
        for i in range(400)
    ]
    source = write_input(tmp_path / "big", many)
    staged = day_one / "_staging" / f"ingest_date={DAY}" / "articles.articles.parquet"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--quiet", "--processes", "1", "--input", str(source),
         "--date", DAY, "--warehouse", str(day_one)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not staged.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
    time.sleep(1.0)  # well into coding the 400 articles
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert events_of(day_one) == before
    con = connect_read_only(day_one)
    assert con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall() == articles_before
    assert not list((day_one / ARTICLES.name).rglob("*.tmp"))


def test_pipeline_codes_most_gold_dev_articles(
    shared: Path, tmp_path: Path, warehouse: Path, nlp: Language
) -> None:
    gold = shared / "gold" / "dev.jsonl"
    assert run_cli("--input", str(gold), "--date", "2022-08-01", "--warehouse", str(warehouse)) == 0
    con = connect_read_only(warehouse)
    with_events = con.execute(
        "SELECT count(DISTINCT a.source_id) FROM articles a JOIN events e USING (article_id)"
    ).fetchone()[0]
    expected = sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if json.loads(line)["events"])
    assert with_events >= 0.6 * expected


class RecordedProgress:
    """A DayProgress that remembers what run_day reported."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int]] = []
        self.done = 0

    def step(self, name: str, total: int) -> None:
        self.steps.append((name, total))

    def advance(self, done: int) -> None:
        self.done += done


def test_pipeline_run_day_reports_its_steps_in_order(tmp_path: Path, nlp: Language) -> None:
    source = write_input(tmp_path / "in", ARTICLES_IN, BAD_LINES)
    progress = RecordedProgress()
    settings = load_settings(warehouse=tmp_path / "warehouse", processes=1)
    result = run_day(date.fromisoformat(DAY), [source], settings, progress)
    assert [name for name, _ in progress.steps] == ["ingest", "extract", "audit", "publish"]
    assert dict(progress.steps)["extract"] == progress.done == result.shard.articles > 0
    assert all(outcome.passed for outcome in result.checks.values())
    assert result.publish.catalog == tmp_path / "warehouse" / "events.duckdb"


def test_pipeline_summary_says_which_stories_were_already_stored(
    day_one: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_input(tmp_path / "again", ARTICLES_IN, BAD_LINES)
    capsys.readouterr()
    assert main(["run", "--processes", "1", "--input", str(source), "--date", "2022-08-03",
                 "--warehouse", str(day_one)]) == 0  # fmt: skip
    summary = capsys.readouterr().out.splitlines()[0]
    assert summary.startswith(f"2022-08-03: 0 articles stored (0 near-duplicates), 5 already stored on {DAY}; ")
