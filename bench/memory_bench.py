"""Peak memory of the readers on hostile, large inputs: each case in a fresh child process.

    .venv/bin/python bench/memory_bench.py [--scale 1.0] [--case NAME ...] [--keep DIR]

Cases (sizes at --scale 1):
  jsonl_long_line   a JSON Lines file whose second line is one 400 MB JSON object (max_input_bytes 50 MB:
                    the line is a too_large reject, the lines around it are read)
  bad_lines         1,000,000 malformed JSON lines through the whole ingest step (rejects stream to disk)
  warc_header_bomb  a ~2 MB gzipped WARC file whose record header line inflates to 2 GiB
  gzip_gzip_page    a page served on 127.0.0.1 with ``Content-Encoding: gzip, gzip`` that inflates to 1 GiB
  jsonl_big_file    for comparison: a 500 MB JSON Lines file of ordinary 5 KB articles, read by the
                    files reader (streamed line by line: memory stays flat however large the file)

For each case the child reports its resident size before the work, the peak during it (VmHWM, reset before
the work through /proc/self/clear_refs), the growth, the seconds taken and the outcome. The child runs
under an address-space limit (--limit-gb, default 8), so a regression ends as a MemoryError rather than
taking the machine's memory. Linux only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MB = 2**20
DAY = date(2024, 5, 2)
GOOD = {"id": "g", "url": "https://example.org/g", "text": "Chile and Peru held talks in Lima on Monday."}


def status(field: str) -> int:
    with open("/proc/self/status") as fh:
        match = re.search(field + r":\s+(\d+)", fh.read())
    return int(match.group(1)) * 1024 if match else 0


# -- inputs (built by the parent) -------------------------------------------------------------------------


def build_jsonl_long_line(folder: Path, scale: float) -> dict:
    path = folder / "long.jsonl"
    size = int(400 * MB * scale)
    block = b"word " * (MB // 5)
    with path.open("wb") as fh:
        fh.write(json.dumps(GOOD).encode() + b"\n" + b'{"id": "long", "text": "')
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(b'"}\n' + json.dumps({**GOOD, "id": "g2", "url": "https://example.org/g2"}).encode() + b"\n")
    return {
        "path": str(path),
        "input": f"{path.stat().st_size / MB:,.0f} MB file, one {size / MB:,.0f} MB line",
    }


def build_bad_lines(folder: Path, scale: float) -> dict:
    path = folder / "bad.jsonl"
    lines = int(1_000_000 * scale)
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + b"{not json\n" * lines)
    return {"path": str(path), "input": f"{lines:,} malformed lines"}


def _gzip_member(parts: Iterator[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return b"".join(packer.compress(part) for part in parts) + packer.flush()


def build_warc_header_bomb(folder: Path, scale: float) -> dict:
    path = folder / "crawl.warc.gz"
    size = int(2048 * MB * scale)
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-02T10:00:00Z\r\nX-Pad: "
    block = b"a" * MB
    path.write_bytes(_gzip_member(iter([head, *(block for _ in range(size // MB)), b"\r\n\r\n"])))
    return {
        "path": str(path),
        "input": f"{path.stat().st_size / MB:.1f} MB file, a {size / MB:,.0f} MB header line",
    }


def build_gzip_gzip_page(folder: Path, scale: float) -> dict:
    size = int(1024 * MB * scale)
    inner = _gzip_member(b"\0" * MB for _ in range(size // MB))
    body = gzip.compress(inner, 9)
    path = folder / "bomb.gz.gz"
    path.write_bytes(body)
    return {"path": str(path), "input": f"{len(body) / 1024:.0f} KB on the wire, {size / MB:,.0f} MB decoded"}


def build_jsonl_big_file(folder: Path, scale: float) -> dict:
    path = folder / "big.jsonl"
    size = int(500 * MB * scale)
    words = "The foreign ministers of Chile and Peru met in Lima to discuss the maritime border. " * 60
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < size:
            fh.write(json.dumps({"id": f"a{count}", "text": f"Story {count}. {words}"}) + "\n")
            count += 1
    return {"path": str(path), "input": f"{count:,} lines, {path.stat().st_size / MB:,.0f} MB"}


BUILDERS: dict[str, Callable[[Path, float], dict]] = {
    "jsonl_long_line": build_jsonl_long_line,
    "bad_lines": build_bad_lines,
    "warc_header_bomb": build_warc_header_bomb,
    "gzip_gzip_page": build_gzip_gzip_page,
    "jsonl_big_file": build_jsonl_big_file,
}


# -- work (in the child) ------------------------------------------------------------------------------------


def _ingest_day(path: Path, folder: Path) -> str:
    from pipelines.config import Settings
    from pipelines.ingest import ingest

    result = ingest(DAY, [path], Settings(warehouse=folder / "warehouse"))
    return f"{result.articles:,} articles, {result.rejects:,} reject rows"


def _warm_up(folder: Path) -> None:
    """Load what every run loads (language model, Parquet writer) before the measure starts."""
    warm = folder / "warm.jsonl"
    warm.write_text(json.dumps(GOOD) + "\n{not json\n", encoding="utf-8")
    from pipelines.config import Settings
    from pipelines.ingest import ingest

    ingest(date(2024, 5, 1), [warm], Settings(warehouse=folder / "warm-warehouse"))


def _serve(body: bytes) -> tuple[str, Callable[[], None]]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            for name, value in (
                ("Content-Type", "text/html"),
                ("Content-Encoding", "gzip, gzip"),
                ("Content-Length", str(len(body))),
            ):
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}/page", stop


def child(case: str, spec: dict, folder: Path) -> dict:
    path = Path(spec["path"])
    if case == "bad_lines":
        _warm_up(folder)
    if case in ("jsonl_long_line", "jsonl_big_file"):
        from pipelines.sources.files import iter_path
        from transforms.articles import Reject

        def work() -> str:
            outcomes: dict[str, int] = {}
            for item in iter_path(path, max_bytes=50_000_000):
                key = item.reason if isinstance(item, Reject) else "article"
                outcomes[key] = outcomes.get(key, 0) + 1
            return ", ".join(f"{n:,} {key}" for key, n in outcomes.items())

    elif case == "warc_header_bomb":
        from pipelines.sources.warc import iter_warc

        def work() -> str:
            items = list(iter_warc(path, DAY, "crawl", 5_000_000))
            return "; ".join(f"{i.reason}: {i.detail[:60]}" for i in items)

    elif case == "gzip_gzip_page":
        from pipelines.config import Settings
        from pipelines.sources.http import HTML_TYPES, Fetcher, FetchOptions

        url, stop = _serve(path.read_bytes())
        options = FetchOptions(per_host_delay=0.0, retries=0, robots=False)
        if "allow_networks" in FetchOptions.__dataclass_fields__:
            options = FetchOptions(per_host_delay=0.0, retries=0, robots=False, allow_networks=("127.0.0.1",))

        def work() -> str:
            try:
                with Fetcher(Settings(http_timeout=10.0), options) as fetcher:
                    result = fetcher.fetch(url, accept=HTML_TYPES)
            finally:
                stop()
            reason = getattr(result, "reason", None)
            return f"{reason}: {result.detail[:60]}" if reason else f"{len(result.body):,} bytes"

    else:

        def work() -> str:
            return _ingest_day(path, folder)

    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    before = status("VmRSS")
    started = time.perf_counter()
    outcome = work()
    return {
        "before": before,
        "peak": status("VmHWM"),
        "seconds": time.perf_counter() - started,
        "outcome": outcome,
    }


# -- parent ---------------------------------------------------------------------------------------------------


def run_case(case: str, folder: Path, scale: float, limit_gb: float) -> dict:
    spec = BUILDERS[case](folder, scale)
    limit = int(limit_gb * 2**30)

    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    done = subprocess.run(
        [sys.executable, __file__, "--child", case, json.dumps(spec), str(folder)],
        capture_output=True,
        text=True,
        preexec_fn=bound,
        timeout=1800,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return {**spec, "error": f"child exited {done.returncode}: {tail[0][:120]}"}
    return {**spec, **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--case", action="append", choices=sorted(BUILDERS), help="default: every case")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every input size")
    parser.add_argument("--limit-gb", type=float, default=8.0, help="the child's address-space limit")
    parser.add_argument("--keep", type=Path, help="build the inputs in this folder and keep them")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, spec, folder = args.child
        print(json.dumps(child(case, json.loads(spec), Path(folder))))
        return
    print(f"{'case':<18} {'input':<42} {'before':>8} {'peak':>8} {'growth':>8} {'secs':>6}  outcome")
    for case in args.case or list(BUILDERS):
        with tempfile.TemporaryDirectory(prefix=f"membench-{case}-") as tmp:
            folder = args.keep / case if args.keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            row = run_case(case, folder, args.scale, args.limit_gb)
        if "error" in row:
            print(f"{case:<18} {row['input']:<42} {row['error']}")
            continue
        print(
            f"{case:<18} {row['input']:<42} {row['before'] / MB:>6.0f}MB {row['peak'] / MB:>6.0f}MB "
            f"{(row['peak'] - row['before']) / MB:>6.0f}MB {row['seconds']:>6.1f}  {row['outcome']}"
        )


if __name__ == "__main__":
    main()
