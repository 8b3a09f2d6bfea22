"""Publishing a day: all or nothing for readers, whatever kills the run; each story stored once when days
run at once; killed runs' leftovers cleaned up; warehouses at paths DuckDB would read as globs; warehouses
written before versions. Kills are real SIGKILLs of real `newsevents run` processes at chosen points."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from fixtures.warehouse import publish_rows
from spacy.language import Language

from pipelines import orchestration
from pipelines.cli import main
from pipelines.config import load_settings
from pipelines.steps import run_day
from schemas import ARTICLES, EVENTS, REJECTS, TABLES
from warehouse.catalog import build_catalog, connect_read_only
from warehouse.locks import is_held
from warehouse.paths import (
    catalog_path,
    is_temp,
    partition_dir,
    shard_paths,
    staged_path,
    staging_day_dir,
    version_lock_path,
)
from warehouse.published import load_manifest, published_path
from warehouse.versions import VersionWriter
from warehouse.writer import ParquetFileWriter, write_file

REPO = Path(__file__).resolve().parents[1]
DAY = date(2022, 8, 2)
NEXT_DAY = date(2022, 8, 3)
RUN_TIMEOUT = 300  # seconds for one `newsevents run` subprocess (spaCy loads in each)


def story(key: str, text: str) -> dict:
    return {"id": key, "url": f"https://news.example.org/{key}", "published": "2022-08-01", "text": text}


STORIES = {
    "kharkiv": story("kharkiv", "Russian forces shelled the Ukrainian city of Kharkiv on Monday."),
    "un": story("un", "The United Nations condemned the attack on Kharkiv. China called for a ceasefire."),
    "germany": story("germany", "Germany will send air defence systems to Ukraine, Olaf Scholz said."),
    "kenya": story("kenya", "Kenya and Uganda signed a trade agreement in Nairobi on Monday."),
    "japan": story("japan", "Japan and South Korea agreed to resume defence talks."),
    "peru": story("peru", "Peru recalled its ambassador from Mexico after a row over the election."),
}
FIRST = ["kharkiv", "un", "germany", "kenya"]  # what the day holds before the rerun
SECOND = ["kharkiv", "japan", "peru"]  # what the rerun publishes


def write_input(path: Path, keys: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(STORIES[k]) + "\n" for k in keys), encoding="utf-8")
    return path


def day_in_catalog(warehouse: Path, day: date = DAY) -> tuple[frozenset[str], frozenset[str]]:
    """(source ids of the day's articles, ids of its events) as an analyst sees them; every event must
    belong to one of the day's articles."""
    con = connect_read_only(warehouse)
    try:
        articles = con.execute("SELECT article_id, source_id FROM articles WHERE ingest_date = ?", [day]).fetchall()
        events = con.execute("SELECT event_id, article_id FROM events WHERE ingest_date = ?", [day]).fetchall()
    finally:
        con.close()
    ids = {a for a, _ in articles}
    assert {a for _, a in events} <= ids, "events of articles the day does not hold"
    return frozenset(s for _, s in articles), frozenset(e for e, _ in events)


def day_in_manifest(warehouse: Path, day: date = DAY) -> tuple[frozenset[str], frozenset[str]]:
    """The same as the pipeline sees the day: the files the manifest names."""
    articles_file = published_path(warehouse, ARTICLES, day, "articles")
    events_file = published_path(warehouse, EVENTS, day, "events")
    assert articles_file is not None and events_file is not None
    articles = pq.read_table(articles_file, columns=["article_id", "source_id"]).to_pylist()
    events = pq.read_table(events_file, columns=["event_id", "article_id"]).to_pylist()
    assert {e["article_id"] for e in events} <= {a["article_id"] for a in articles}
    return frozenset(a["source_id"] for a in articles), frozenset(e["event_id"] for e in events)


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, object]:
    """A warehouse holding DAY from FIRST (the old day), and what DAY looks like rerun from SECOND."""
    root = tmp_path_factory.mktemp("publish")
    old = root / "old"
    run_day(DAY, [write_input(root / "first.jsonl", FIRST)], load_settings(warehouse=old, processes=1))
    new = root / "new"
    shutil.copytree(old, new)
    build_catalog(new)
    run_day(DAY, [write_input(root / "second.jsonl", SECOND)], load_settings(warehouse=new, processes=1))
    return {"warehouse": old, "old": day_in_catalog(old), "new": day_in_catalog(new), "root": root}


def copy_of(warehouse: Path, to: Path) -> Path:
    shutil.copytree(warehouse, to)
    build_catalog(to)  # the copy's catalog must name the copy's files
    return to


# Runs `newsevents run` with one function replaced by a SIGKILL of the process, before or after it runs.
KILLED_RUN = """
import importlib, os, signal, sys
module_name, name, when = sys.argv[1:4]
owner, _, attribute = name.rpartition(".")
target = importlib.import_module(module_name)
holder = getattr(target, owner) if owner else target
original = getattr(holder, attribute)
def killed(*args, **kwargs):
    if when == "after":
        original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(holder, attribute, killed)
from pipelines.cli import main
sys.exit(main(sys.argv[4:]))
"""

# (module, function, before/after, what readers must see after the kill: catalog, manifest)
KILL_POINTS = [
    pytest.param("pipelines.publish", "merge_files", "after", "old", "old", id="events-half-written"),
    pytest.param("warehouse.versions", "publish_lock", "before", "old", "old", id="version-written"),
    pytest.param("warehouse.versions", "save_manifest", "before", "old", "old", id="before-switch"),
    pytest.param("warehouse.versions", "build_catalog", "before", "old", "new", id="after-switch"),
    pytest.param("warehouse.catalog", "lookup_tables", "before", "old", "new", id="catalog-half-built"),
    pytest.param("warehouse.versions", "clean_warehouse", "before", "new", "new", id="before-clean-up"),
]


@pytest.mark.parametrize(("module", "function", "when", "catalog_sees", "pipeline_sees"), KILL_POINTS)
def test_publish_killed_at_any_point_leaves_the_old_day_or_the_new(
    states: dict, tmp_path: Path, module: str, function: str, when: str, catalog_sees: str, pipeline_sees: str
) -> None:
    warehouse = copy_of(states["warehouse"], tmp_path / "warehouse")
    second = write_input(tmp_path / "second.jsonl", SECOND)
    args = ["run", "--quiet", "--processes", "1", "--input", str(second), "--date", DAY.isoformat(),
            "--warehouse", str(warehouse)]  # fmt: skip
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, module, function, when, *args],
        cwd=REPO, capture_output=True, text=True, timeout=RUN_TIMEOUT,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert day_in_catalog(warehouse) == states[catalog_sees]
    assert day_in_manifest(warehouse) == states[pipeline_sees]

    # What the killed run left goes with the next publish or catalog rebuild (once no longer fresh).
    _age_everything(warehouse, seconds=300)
    assert main(["catalog", "--warehouse", str(warehouse)]) == 0
    assert day_in_catalog(warehouse) == states[pipeline_sees]
    assert _leftovers(warehouse) == []
    run_day(DAY, [second], load_settings(warehouse=warehouse, processes=1))
    assert day_in_catalog(warehouse) == day_in_manifest(warehouse) == states["new"]


def _age_everything(warehouse: Path, seconds: float) -> None:
    past = time.time() - seconds
    for path in warehouse.rglob("*"):
        os.utime(path, (past, past), follow_symlinks=False)


def _leftovers(warehouse: Path) -> list[str]:
    """Temporary files, version folders the manifest does not name, and version locks."""
    manifest = load_manifest(warehouse)
    named = {
        (warehouse / f.path).parent
        for v in (*manifest.days.values(), *(r.version for r in manifest.retired))
        for f in v.files
    }
    found = [p for p in warehouse.rglob("*") if is_temp(p)]
    for table in TABLES.values():
        found += [p for p in (warehouse / table.name).glob("ingest_date=*/*") if p.is_dir() and p not in named]
    found += list((warehouse / "_staging" / "publishing").glob("*"))
    return sorted(str(p.relative_to(warehouse)) for p in found)


# Runs `newsevents run`, but lets the extract step start only once every run of the test has ingested:
# the two days are surely at once (both ingest before either publishes).
BARRIER_RUN = """
import os, sys, time
barrier, parties = sys.argv[1], int(sys.argv[2])
from pipelines import steps
original = steps.extract
def extract_after_everyone_ingested(*args, **kwargs):
    open(os.path.join(barrier, str(os.getpid())), "w").close()
    deadline = time.monotonic() + 240
    while len(os.listdir(barrier)) < parties:
        if time.monotonic() > deadline:
            sys.exit("the other run never ingested")
        time.sleep(0.05)
    return original(*args, **kwargs)
steps.extract = extract_after_everyone_ingested
from pipelines.cli import main
sys.exit(main(sys.argv[3:]))
"""


def stories_stored(warehouse: Path) -> list[tuple[str, date]]:
    con = connect_read_only(warehouse)
    try:
        return con.execute("SELECT source_id, ingest_date FROM articles ORDER BY 1, 2").fetchall()
    finally:
        con.close()


def test_two_days_run_at_once_store_each_story_once(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    inputs = {
        DAY: write_input(tmp_path / "one.jsonl", ["kharkiv", "un", "germany", "kenya"]),
        NEXT_DAY: write_input(tmp_path / "two.jsonl", ["un", "germany", "japan", "peru"]),
    }
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    runs = []
    for day, path in inputs.items():
        args = ["run", "--processes", "1", "--input", str(path), "--date", day.isoformat(), "--warehouse", str(warehouse)]
        command = [sys.executable, "-c", BARRIER_RUN, str(barrier), "2", *args]
        runs.append(subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = []
    try:
        for run in runs:
            out, err = run.communicate(timeout=RUN_TIMEOUT)
            assert run.returncode == 0, err[-2000:]
            outputs.append(out)
    finally:
        for run in runs:
            run.kill()
    stored = stories_stored(warehouse)
    assert sorted({s for s, _ in stored}) == ["germany", "japan", "kenya", "kharkiv", "peru", "un"]
    assert len(stored) == 6, f"a story stored on two days: {stored}"
    shared_day = {d for s, d in stored if s in ("un", "germany")}
    assert len(shared_day) == 1, "both shared stories are kept by the day that published first"
    (first,) = shared_day
    later = NEXT_DAY if first == DAY else DAY
    con = connect_read_only(warehouse)
    try:
        rejected = con.execute(
            "SELECT reason, detail FROM rejects WHERE ingest_date = ? AND reason = 'already_stored'", [later]
        ).fetchall()
        orphans = con.execute(
            "SELECT count(*) FROM events e ANTI JOIN articles a USING (article_id, ingest_date)"
        ).fetchone()
    finally:
        con.close()
    assert len(rejected) == 2 and all(f"(ingested {first})" in d for _, d in rejected)
    assert orphans == (0,), "an event whose article is not stored on its day"
    summary = outputs[[DAY, NEXT_DAY].index(later)]
    assert f"2 already stored on {first}" in summary


def test_orchestrated_days_interleaved_store_each_story_once(
    tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dagster and Airflow run the steps as separate tasks: a backfill can ingest a day while another
    is between its ingest and its publish."""
    inbox = tmp_path / "inbox"
    write_input(inbox / DAY.isoformat() / "a.jsonl", ["kharkiv", "un", "germany"])
    write_input(inbox / NEXT_DAY.isoformat() / "a.jsonl", ["germany", "un", "peru"])
    settings = load_settings(warehouse=tmp_path / "warehouse", inbox=inbox, processes=1)
    for day in (DAY, NEXT_DAY):
        orchestration.ingest_day(day, settings)
    for day in (NEXT_DAY, DAY):
        orchestration.extract_shard(day, settings, 0, 1)
    first = orchestration.publish_day(NEXT_DAY, settings, 1)
    second = orchestration.publish_day(DAY, settings, 1)
    assert first["articles"] == 3 and second["articles"] == 1
    assert second["already_stored"] == str({NEXT_DAY.isoformat(): 2})
    stored = stories_stored(settings.warehouse)
    assert stored == [("germany", NEXT_DAY), ("kharkiv", DAY), ("peru", NEXT_DAY), ("un", NEXT_DAY)]


@pytest.mark.parametrize(
    "folder", ["w[1]", "w*", "w?x", "k=v"], ids=["brackets", "star", "question-mark", "key-value"]
)
def test_a_warehouse_path_with_glob_characters_works_end_to_end(
    tmp_path: Path, folder: str, nlp: Language
) -> None:
    warehouse = tmp_path / folder / "warehouse"
    decoy = tmp_path / folder.replace("[1]", "1").replace("*", "1").replace("?", "1") / "warehouse"
    if decoy != warehouse:  # another warehouse that the path, read as a glob, would match
        run_day(DAY, [write_input(tmp_path / "decoy.jsonl", ["japan"])], load_settings(warehouse=decoy, processes=1))
    run_day(DAY, [write_input(tmp_path / "first.jsonl", ["kharkiv", "un"])],
            load_settings(warehouse=warehouse, processes=1))  # fmt: skip
    second = write_input(tmp_path / "next.jsonl", ["un", "peru"])
    assert main(["run", "--quiet", "--processes", "1", "--input", str(second), "--date", NEXT_DAY.isoformat(),
                 "--warehouse", str(warehouse)]) == 0  # fmt: skip
    assert stories_stored(warehouse) == [("kharkiv", DAY), ("peru", NEXT_DAY), ("un", DAY)]
    con = connect_read_only(warehouse)
    try:
        for table in TABLES.values():  # no column from a key=value folder above the warehouse
            assert con.sql(f"SELECT * FROM {table.name}").columns == table.columns
    finally:
        con.close()


def test_a_replaced_version_is_kept_for_open_catalog_connections_then_deleted(warehouse: Path) -> None:
    article = {"article_id": "a1", "text": "text", "ingest_date": DAY}
    publish_rows(warehouse, DAY, {(ARTICLES, "articles"): [article]})
    analyst = connect_read_only(warehouse)
    assert analyst.execute("SELECT article_id FROM articles").fetchall() == [("a1",)]
    publish_rows(warehouse, DAY, {(ARTICLES, "articles"): [{**article, "article_id": "a2"}]})  # a rerun
    assert analyst.execute("SELECT article_id FROM articles").fetchall() == [("a1",)], "still readable"
    (retired,) = load_manifest(warehouse).retired
    assert all((warehouse / f.path).is_file() for f in retired.version.files)
    # a later publish with no retention deletes it: the analyst's old catalog can no longer read it
    publish_rows(warehouse, NEXT_DAY, {(ARTICLES, "articles"): [{**article, "ingest_date": NEXT_DAY}]},
                 keep_replaced=timedelta(0))  # fmt: skip
    assert load_manifest(warehouse).retired == ()
    assert not any((warehouse / f.path).exists() for f in retired.version.files)
    with pytest.raises(duckdb.Error):
        analyst.execute("SELECT article_id FROM articles").fetchall()
    analyst.close()
    fresh = connect_read_only(warehouse)
    assert fresh.execute("SELECT article_id FROM articles ORDER BY 1").fetchall() == [("a1",), ("a2",)]
    fresh.close()


def test_clean_up_deletes_what_dead_runs_left_and_keeps_what_live_runs_write(warehouse: Path) -> None:
    publish_rows(warehouse, DAY, {(ARTICLES, "articles"): [{"article_id": "a1", "text": "t", "ingest_date": DAY}]})
    # what runs in progress are writing, or have staged for their next step, stays
    live_writer = ParquetFileWriter(REJECTS, staged_path(warehouse, REJECTS, NEXT_DAY, "ingest"))
    live_writer.write_table(REJECTS.empty())  # its temporary file exists, and is held
    live_version = VersionWriter(warehouse, NEXT_DAY)
    write_file(ARTICLES, live_version.path(ARTICLES, "articles"), [])
    _age_everything(warehouse, seconds=3600)  # long untouched, but alive
    hour_ago = time.time() - 3600

    def leftover(path: Path, age: float = hour_ago) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"partial")
        os.utime(path, (age, age))
        return path

    fresh_temp = leftover(staging_day_dir(warehouse, NEXT_DAY) / ".rejects.extract.parquet.9f9f.tmp", time.time())
    staged = leftover(shard_paths(warehouse, NEXT_DAY, 0, 1)["events"])
    cache = leftover(warehouse / "_staging" / "fetch" / "pages" / ".page.tmp")
    # a writer killed mid-file, in staging and in a version folder; a half-built catalog and its log; a
    # day staged long ago and never published; the lock file of a killed publish
    dead = [
        leftover(staging_day_dir(warehouse, NEXT_DAY) / ".articles.articles.parquet.0a1b.tmp"),
        leftover(partition_dir(warehouse, EVENTS, DAY) / "v20220101T000000-deadbeef" / "events.parquet"),
        leftover(warehouse / ".events.duckdb.0a1b2c.tmp"),
        leftover(warehouse / ".events.duckdb.0a1b2c.tmp.wal"),
        leftover(staged_path(warehouse, ARTICLES, date(2022, 7, 1), "articles"), time.time() - 8 * 86400),
        leftover(version_lock_path(warehouse, "v20220101T000000-deadbeef")),
    ]
    try:
        assert main(["catalog", "--warehouse", str(warehouse)]) == 0
        assert [p for p in dead if p.exists()] == []
        assert not (partition_dir(warehouse, EVENTS, DAY) / "v20220101T000000-deadbeef").exists()
        assert fresh_temp.exists() and staged.exists() and cache.exists()
        assert live_writer.close().is_file()
        assert live_version.path(ARTICLES, "articles").is_file()
        assert is_held(version_lock_path(warehouse, live_version.version))
    finally:
        live_writer.abort()
        live_version.discard()
    assert catalog_path(warehouse).is_file()


def test_a_warehouse_written_before_versions_opens_and_migrates(tmp_path: Path, nlp: Language) -> None:
    """The old layout (<table>/ingest_date=D/<part>.parquet, no manifest) is read as it is; the first
    publish writes a manifest naming its files, and a rerun of an old day replaces them."""
    warehouse = tmp_path / "warehouse"
    old_day = date(2022, 8, 1)
    row = {"article_id": "old1", "source_id": "kharkiv", "url": STORIES["kharkiv"]["url"],
           "canonical_url": "https://news.example.org/kharkiv", "text": STORIES["kharkiv"]["text"],
           "text_hash": "x", "ingest_date": old_day}  # fmt: skip
    write_file(ARTICLES, partition_dir(warehouse, ARTICLES, old_day) / "articles.parquet", [row])
    write_file(REJECTS, partition_dir(warehouse, REJECTS, old_day) / "ingest.parquet", [])
    assert main(["catalog", "--warehouse", str(warehouse)]) == 0
    assert stories_stored(warehouse) == [("kharkiv", old_day)]
    assert not (warehouse / "_published.json").exists()

    settings = load_settings(warehouse=warehouse, processes=1, keep_replaced_hours=0)
    run_day(DAY, [write_input(tmp_path / "day.jsonl", ["kharkiv", "peru"])], settings)
    assert stories_stored(warehouse) == [("kharkiv", old_day), ("peru", DAY)]  # kharkiv: already stored
    manifest = load_manifest(warehouse)
    assert manifest.days[old_day].version == "legacy"
    run_day(old_day, [write_input(tmp_path / "old.jsonl", ["kenya"])], settings)
    assert stories_stored(warehouse) == [("kenya", old_day), ("peru", DAY)]
    assert not (partition_dir(warehouse, ARTICLES, old_day) / "articles.parquet").exists(), "replaced, deleted"
