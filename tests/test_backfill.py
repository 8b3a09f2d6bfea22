"""`newsevents backfill`: days in order, a summary, a failed day stops it by name, a rerun resumes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipelines.cli import main
from schemas import EVENTS
from warehouse.paths import partition_dir
from warehouse.published import published_path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "pipelines" / "demo" / "articles.jsonl"
DAYS = [date(2022, 8, 1) + timedelta(days=n) for n in range(3)]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The demo articles spread over three day folders, 8 a day."""
    articles = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path / "inbox"
    for n, day in enumerate(DAYS):
        (folder / day.isoformat()).mkdir(parents=True)
        lines = [json.dumps(a) for a in articles[n * 8 : (n + 1) * 8]]
        (folder / day.isoformat() / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def backfill(inbox: Path, warehouse: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`newsevents backfill` over DAYS: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = main(["backfill", "--from", DAYS[0].isoformat(), "--to", DAYS[-1].isoformat(), "--inbox",
                   str(inbox), "--warehouse", str(warehouse), "--processes", "1", "--quiet"])  # fmt: skip
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def events(warehouse: Path, day: date) -> list[dict]:
    path = published_path(warehouse, EVENTS, day, "events")
    assert path is not None, f"{day} is not published"
    return pq.read_table(path).to_pylist()


def test_backfill_stops_at_the_failed_day_and_resumes_after_the_last_published(
    inbox: Path, tmp_path: Path, nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = tmp_path / "warehouse"
    # Day two cannot be published: a file stands where its events folder must go.
    blocker = partition_dir(warehouse, EVENTS, DAYS[1])
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a folder")
    status, out, err = backfill(inbox, warehouse, capsys)
    assert status == 1
    assert f"{DAYS[0]}: 8 articles" in out
    assert f"stopped at {DAYS[1]}" in out
    err = err.strip().splitlines()
    assert (
        len(err) == 1 and err[-1].startswith(f"newsevents: error: {DAYS[1]} failed: ") and "rerun" in err[-1]
    )
    assert events(warehouse, DAYS[0])
    assert published_path(warehouse, EVENTS, DAYS[2], "events") is None

    blocker.unlink()
    status, out, _ = backfill(inbox, warehouse, capsys)
    assert status == 0, out
    assert f"resumed after {DAYS[0]}" in out and "2 days run" in out and "done" in out
    assert f"{DAYS[0]}:" not in out.split("resumed", 1)[1].split("\n", 1)[1]  # day one is not run again

    # The result is the days run one by one with `newsevents run`.
    single = tmp_path / "single"
    for day in DAYS:
        assert main(["run", "--quiet", "--processes", "1", "--input", str(inbox / day.isoformat()),
                     "--date", day.isoformat(), "--warehouse", str(single)]) == 0  # fmt: skip
    for day in DAYS:
        assert events(warehouse, day) == events(single, day)


def test_backfill_refuses_a_range_backwards_and_an_unknown_engine(inbox: Path, tmp_path: Path) -> None:
    base = ["backfill", "--inbox", str(inbox), "--warehouse", str(tmp_path / "w")]
    assert main([*base, "--from", "2022-08-03", "--to", "2022-08-01"]) == 2
    assert main([*base, "--from", "2022-08-01", "--to", "2022-08-03", "--engine", "spark"]) == 2


def test_engine_settings_come_from_file_environment_and_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.config import ConfigError, load_settings
    from pipelines.orchestration import extract_shards

    config = tmp_path / "newsevents.yaml"
    config.write_text("engine: ray\nray_address: head.example:6379\nshards: 3\n", encoding="utf-8")
    from_file = load_settings(config)
    assert (from_file.engine, from_file.ray_address, extract_shards(from_file)) == (
        "ray",
        "head.example:6379",
        1,
    )
    monkeypatch.setenv("NEWSEVENTS_ENGINE", "local")
    monkeypatch.setenv("NEWSEVENTS_RAY_ADDRESS", "auto")
    from_env = load_settings(config)
    assert (from_env.engine, from_env.ray_address, extract_shards(from_env)) == ("local", "auto", 3)
    assert load_settings(config, engine="ray", ray_address="other:6379").ray_address == "other:6379"
    with pytest.raises(ConfigError, match="engine"):
        load_settings(engine="spark")
