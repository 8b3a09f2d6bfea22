"""Local inputs (pipelines/sources/files.py): JSON Lines files and folders of .jsonl/.html/.txt files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.sources.files import iter_path
from transforms.articles import RawArticle, Reject

ARTICLE = {
    "id": "a1",
    "url": "https://example.org/a1",
    "title": "Talks",
    "text": "Chile and Peru held talks.",
    "published": "2022-08-01",
}
PAGE = """<html><head><title>Ministers meet</title>
<meta property="article:published_time" content="2022-07-30T08:00:00Z"><meta name="author" content="A. Writer">
</head><body><nav>Home | World | Sport</nav><article><h1>Ministers meet</h1>
<p>The foreign ministers of Chile and Peru met in Lima on Saturday to discuss the disputed maritime border
between the two countries, officials said after the meeting.</p>
<p>Both governments agreed to set up a joint commission that will report within six months.</p>
</article><footer>Contact us</footer></body></html>"""


def items(path: Path) -> tuple[list[RawArticle], list[Reject]]:
    out = list(iter_path(path, max_bytes=1_000_000))
    return [i for i in out if isinstance(i, RawArticle)], [i for i in out if isinstance(i, Reject)]


def test_inputs_jsonl_lines_become_articles_with_their_fields(tmp_path: Path) -> None:
    file = tmp_path / "in.jsonl"
    file.write_text(
        json.dumps(ARTICLE) + "\n\n" + json.dumps({"text": "Only text."}) + "\n", encoding="utf-8"
    )
    articles, rejects = items(file)
    assert rejects == []
    assert [(a.source_id, a.url, a.title, a.published, a.ref) for a in articles] == [
        ("a1", "https://example.org/a1", "Talks", "2022-08-01", f"{file}:1"),
        (None, None, None, None, f"{file}:3"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"{not json", "malformed_json"),
        (b"[1, 2]", "malformed_json"),
        (b'{"title": "no text"}', "empty_text"),
        (b'{"text": 42}', "malformed_json"),
        (b'{"text": "caf\xe9 au lait"}', "not_utf8"),
    ],
)
def test_inputs_jsonl_bad_lines_are_rejected_and_the_rest_read(
    tmp_path: Path, line: bytes, reason: str
) -> None:
    file = tmp_path / "in.jsonl"
    good = json.dumps(ARTICLE).encode()
    file.write_bytes(good + b"\n" + line + b"\n" + good + b"\n")
    articles, rejects = items(file)
    assert len(articles) == 2
    assert [(r.reason, r.ref, r.stage) for r in rejects] == [(reason, f"{file}:2", "read")]


def test_inputs_folder_reads_every_supported_file_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Kenya and Uganda signed a trade agreement.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    articles, rejects = items(tmp_path)
    assert [a.source_id for a in articles] == ["a1", "b", "c"]
    page = articles[2]
    assert page.title == "Ministers meet"
    assert page.published == "2022-07-30"
    assert page.published_source == "page"
    assert "joint commission" in page.text and "Home | World" not in page.text
    assert [r.reason for r in rejects] == ["unsupported_file"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Le président a parlé à l'Élysée.".encode("latin-1"), "not_utf8"),
        (
            "empty.html",
            b"<html><head><title>Nothing</title></head><body><script>x=1</script></body></html>",
            "no_text",
        ),
        ("big.txt", b"word " * 300_000, "too_large"),
    ],
)
def test_inputs_bad_files_are_rejected_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    file = tmp_path / name
    file.write_bytes(content)
    articles, rejects = items(file)
    assert articles == []
    assert [r.reason for r in rejects] == [reason]
    assert rejects[0].detail
