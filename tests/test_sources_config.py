"""The sources file (pipelines/sources/config.py): checking it, and local sources through it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipelines.config import ConfigError, Settings
from pipelines.sources.config import iter_configured, load_sources
from transforms.articles import RawArticle, Reject

DAY = date(2022, 8, 2)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: {}", "a list under 'sources:'"),
        ("- a\n- b", "a list under 'sources:'"),
        ("sources: []\nfeeds: []", "unknown key"),
        ("sources: [{name: x, kind: rss, url: 'https://a.example/f'}]", "'kind' must be one of"),
        ("sources: [{name: x, kind: feed}]", "needs 'url'"),
        ("sources: [{name: x, kind: feed, url: 'ftp://a.example/f'}]", "http\\(s\\) URL"),
        ("sources: [{name: x, kind: files, url: 'https://a.example/f'}]", "unknown key"),
        ("sources: [{name: 'a b', kind: files, path: x}]", "'name' must be"),
        ("sources: [{name: x, kind: files, path: a}, {name: x, kind: warc, path: b}]", "repeated: \\['x'\\]"),
        ("sources: [{name: x, kind: files, path: '{day}/in'}]", "only use \\{date\\}"),
        (
            "sources: [{name: a, kind: feed, url: 'https://a.example/f'}, {name: b, kind: feed, url: 'http://a.example/f'}]",
            "feeds \\['a', 'b'\\] have the same URL",
        ),
        ("fetch: {retries: many}\nsources: []", "fetch.retries"),
        ("sources: [unclosed", "sources file"),
    ],
)
def test_sources_config_mistakes_are_reported_with_the_fix(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_sources(write(tmp_path, text))


def test_sources_config_example_file_is_valid() -> None:
    example = load_sources(Path(__file__).resolve().parents[1] / "sources.example.yaml")
    assert {s.kind for s in example.sources} == {"feed", "urls", "warc", "files"}


def test_sources_config_files_sources_expand_date_templates_and_globs(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox" / "2022" / "08" / "02"
    inbox.mkdir(parents=True)
    (inbox / "a.jsonl").write_text(json.dumps({"id": "a", "text": "Kenya and Uganda signed a deal."}) + "\n")
    (inbox / "b.txt").write_text("Chile and Peru held talks.", encoding="utf-8")
    (tmp_path / "other.jsonl").write_text(json.dumps({"id": "o", "text": "Another day."}) + "\n")
    path = write(
        tmp_path,
        "sources:\n"
        "  - {name: inbox, kind: files, path: 'inbox/{date:%Y/%m/%d}'}\n"
        "  - {name: jsonl, kind: files, path: 'inbox/**/*.jsonl'}\n"
        "  - {name: absent, kind: files, path: 'nowhere/{date}'}\n",
    )
    items = list(iter_configured(path, DAY, Settings(warehouse=tmp_path / "warehouse")))
    assert [(i.source, i.source_id) for i in items if isinstance(i, RawArticle)] == [
        ("inbox", "a"), ("inbox", "b"), ("jsonl", "a"),
    ]  # fmt: skip
    assert [(r.source, r.reason, r.ref) for r in items if isinstance(r, Reject)] == [
        ("absent", "no_input", "nowhere/{date}")
    ]
