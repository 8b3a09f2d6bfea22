"""The `newsevents` command: one-line errors, formats, help."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from fixtures.warehouse import publish_rows

from pipelines.cli import main
from schemas import EVENTS

GOOD = '{"id": "x", "text": "Peru recalled its ambassador from Mexico.", "published": "2022-08-01"}\n'


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def catalog(warehouse: Path) -> Path:
    day = date(2022, 8, 1)
    publish_rows(warehouse, day, {(EVENTS, "events"): [
        {"event_id": "e1", "article_id": "a1", "cameo_code": "190", "source_code": "RUSMIL", "target_code": "UKR",
         "coder_version": "t", "ingest_date": day, "event_date": day, "quad_class": 4, "goldstein": -10.0},
    ]})  # fmt: skip
    return warehouse


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "--input", "/no/such/file.jsonl"], "Path '/no/such/file.jsonl' does not exist"),
        (["run", "--input", "{jsonl}", "--date", "2022-13-01"], "'2022-13-01' is not a date; use YYYY-MM-DD"),
        (["run", "--input", "{jsonl}", "--date", "yesterday"], "is not a date"),
        (["run", "--input", "{jsonl}", "--warehouse", "{jsonl}/sub"], "cannot write to"),
        (["run", "--input", "{jsonl}", "--processes", "0"], "'--processes'"),
        (["run"], "give --input PATH or --sources FILE"),
        (["sql"], "Missing argument 'QUERY'"),
        (["sql", "SELECT 1", "--format", "xml"], "'xml' is not one of"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["eval"], "Missing option '--gold'"),
    ],
)
def test_cli_bad_arguments_give_one_line_and_status_2(
    args: list[str], expected: str, jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([a.replace("{jsonl}", str(jsonl)) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert expected in err
    assert "--help" in err


def test_cli_sql_without_a_catalog_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sql", "SELECT 1", "--warehouse", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run 'newsevents run'" in err


def test_cli_sql_bad_query_is_one_line(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELEC nothing", "--warehouse", str(catalog)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "query failed" in err


def test_cli_sql_is_read_only(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "DROP VIEW events", "--warehouse", str(catalog)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_cli_sql_formats(fmt: str, catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT event_id, cameo_code, event_date, goldstein FROM events"
    assert main(["sql", query, "--warehouse", str(catalog), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out))) == [
            ["event_id", "cameo_code", "event_date", "goldstein"],
            ["e1", "190", "2022-08-01", "-10.0"],
        ]
    elif fmt == "json":
        assert json.loads(out) == [
            {"event_id": "e1", "cameo_code": "190", "event_date": "2022-08-01", "goldstein": -10.0}
        ]
    else:
        assert "e1" in out and "190" in out


@pytest.mark.parametrize("command", ["run", "demo", "sql", "eval", "actors", "catalog", "report", "export"])
def test_cli_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert "Usage: newsevents " + command in capsys.readouterr().out


def test_cli_console_script_prints_no_traceback(tmp_path: Path) -> None:
    exe = shutil.which("newsevents", path=str(Path(sys.executable).parent))
    assert exe, "the newsevents console script is installed beside the interpreter"
    proc = subprocess.run(
        [exe, "run", "--input", str(tmp_path / "missing.jsonl")], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
