"""Every reader has a cap that holds before the bytes are in memory. Each case runs in a fresh child under
an address-space limit, and the growth of its peak resident size is checked (see fixtures/bounded.py)."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.bounded import run_measured
from fixtures.sources_site import Reply, Site

MB = 2**20
GOOD = {"id": "g", "url": "https://example.org/g", "text": "Chile and Peru held talks in Lima."}


def write_long_line_jsonl(path: Path, line_bytes: int) -> Path:
    """A good line, a JSON line of `line_bytes` bytes (one long text), another good line."""
    with path.open("wb") as fh:
        fh.write(json.dumps(GOOD).encode() + b"\n")
        fh.write(b'{"id": "long", "text": "')
        block = b"word " * (MB // 5)
        for _ in range(line_bytes // len(block)):
            fh.write(block)
        fh.write(b'"}\n')
        fh.write(json.dumps({**GOOD, "id": "g2", "url": "https://example.org/g2"}).encode() + b"\n")
    return path


@pytest.mark.timeout(300)
def test_memory_jsonl_line_longer_than_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    file = write_long_line_jsonl(tmp_path / "long.jsonl", 120 * MB)
    measured = run_measured(
        "from pipelines.sources.files import iter_path\nfrom transforms.articles import Reject",
        f"""
        items = list(iter_path(__import__("pathlib").Path({str(file)!r}), max_bytes=1_000_000))
        return [(i.reason, i.ref.rsplit(":", 1)[1]) if isinstance(i, Reject) else i.source_id for i in items]
        """,
    )
    assert measured.result == ["g", ["too_large", "2"], "g2"]
    assert measured.grew_mb < 48, f"reading grew the peak by {measured.grew_mb:.0f} MB"


@pytest.mark.timeout(300)
def test_memory_rejects_stream_to_disk(tmp_path: Path) -> None:
    lines = 300_000
    file = tmp_path / "bad.jsonl"
    file.write_bytes(json.dumps(GOOD).encode() + b"\n" + b"{not json\n" * lines)
    warm = tmp_path / "warm.jsonl"  # a first run loads the language model and the rest, outside the measure
    warm.write_text(json.dumps(GOOD) + "\n{not json\n")
    measured = run_measured(
        "from datetime import date\nfrom pathlib import Path\nfrom pipelines.config import Settings\n"
        f"from pipelines.ingest import ingest\n"
        f"ingest(date(2022, 8, 1), [Path({str(warm)!r})], Settings(warehouse=Path({str(tmp_path / 'warm')!r})))",
        f"""
        result = ingest(date(2022, 8, 2), [Path({str(file)!r})], Settings(warehouse=Path({str(tmp_path / "wh")!r})))
        return [result.articles, result.rejects]
        """,
    )
    assert measured.result == [1, lines + 1]  # and the good line's missing_date
    assert measured.grew_mb < 64, f"{lines:,} rejects grew the peak by {measured.grew_mb:.0f} MB"


def _gzip_member(parts: Iterator[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return b"".join(packer.compress(part) for part in parts) + packer.flush()


def _padding(total: int) -> Iterator[bytes]:
    block = b"a" * MB
    for _ in range(total // MB):
        yield block


@pytest.mark.timeout(300)
@pytest.mark.parametrize("where", ["warc_header", "http_header"])
def test_memory_warc_header_line_inflating_to_hundreds_of_mb_is_refused(tmp_path: Path, where: str) -> None:
    """A few hundred KB of gzip holding a 256 MiB header line: a reject, not a MemoryError."""
    pad = 256 * MB
    if where == "warc_header":
        head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-02T10:00:00Z\r\nX-Pad: "
        member = _gzip_member(iter([head, *_padding(pad), b"\r\n\r\n"]))
    else:
        http = b"HTTP/1.1 200 OK\r\nX-Pad: "
        length = len(http) + pad + 4
        head = (
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-02T10:00:00Z\r\n"
            b"WARC-Target-URI: https://a.example/x\r\nContent-Type: application/http; msgtype=response\r\n"
            b"WARC-Record-ID: <urn:uuid:1>\r\nContent-Length: " + str(length).encode() + b"\r\n\r\n" + http
        )
        member = _gzip_member(iter([head, *_padding(pad), b"\r\n\r\n", b"\r\n\r\n"]))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(member)
    assert path.stat().st_size < 2 * MB
    measured = run_measured(
        "from datetime import date\nfrom pathlib import Path\nfrom pipelines.sources.warc import iter_warc",
        f"""
        items = list(iter_warc(Path({str(path)!r}), date(2024, 5, 2), "crawl", 5_000_000))
        return [(i.reason, i.detail) for i in items]
        """,
    )
    assert len(measured.result) == 1 and measured.result[0][0] == "corrupt_warc", measured.result
    assert "header" in measured.result[0][1]
    assert measured.grew_mb < 48, f"reading grew the peak by {measured.grew_mb:.0f} MB"


@pytest.mark.timeout(300)
def test_memory_page_encoded_twice_is_refused_before_it_inflates() -> None:
    """``Content-Encoding: gzip, gzip``: a few KB on the wire, 1 GiB once decoded; max_page_bytes holds."""
    inner = _gzip_member(iter(b"\0" * MB for _ in range(1024)))
    body = gzip.compress(inner, 9)
    assert len(body) < 64 * 1024
    with Site() as site:
        site.routes["/bomb"] = Reply(
            body=body, headers={"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}
        )
        measured = run_measured(
            "from pipelines.config import Settings\n"
            "from pipelines.sources.http import HTML_TYPES, Fetcher, FetchOptions",
            f"""
            options = FetchOptions(per_host_delay=0.0, retries=0, robots=False, allow_networks=("127.0.0.1",))
            with Fetcher(Settings(http_timeout=5.0), options) as fetcher:
                result = fetcher.fetch({site.url("/bomb")!r}, accept=HTML_TYPES)
            return [result.reason, result.detail]
            """,
        )
    assert measured.result[0] == "too_large", measured.result
    assert measured.grew_mb < 48, f"fetching grew the peak by {measured.grew_mb:.0f} MB"
