"""Ingest benchmarks: WARC reading speed and memory, and the quality of near-duplicate detection.

    .venv/bin/python bench/ingest_bench.py warc [--records 200 2000]
    .venv/bin/python bench/ingest_bench.py dedupe [--sample 300]

warc: for each N, writes a gzipped WARC file of N HTML responses (articles of ../shared/corpora wrapped in
a news page with navigation, related links and a footer; repeated when N exceeds the corpora), then reads
it through the `warc` source (streamed records, trafilatura extraction) in a fresh process. Prints
records/s and the reader's peak resident memory, which must stay flat as the file grows 10x.

dedupe: (1) recall on synthetic wire copies: `--sample` articles of each corpus are edited (a dateline, a
reporter's tagline, word substitutions, a dropped sentence, a cut to the first 60% of the sentences,
spelling restyled, and all of those at once) and looked up in an index holding every article of the
corpora; a copy counts as found when it is linked to its original (or to an earlier identical text).
(2) links between different stories: every article of the corpora is looked up before being added, and
links between two Giveme5W1H articles of different `event_cluster`s are counted: there must be none. The
other links are printed by corpus, with `--show N` examples each, for review.

Both skip, saying so, when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms.dedupe import NearDuplicateIndex, sketch  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
CORPUS_FILES = (
    "giveme5w1h_news.jsonl.gz",
    "ecbplus.jsonl.gz",
    "bbc_fulltext.jsonl.gz",
    "reuters21578.jsonl.gz",
    "ag_news_test.jsonl.gz",
)
DAY = date(2024, 5, 2)


def read_corpus(name: str) -> list[dict]:
    with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
        return [row for row in map(json.loads, fh) if (row.get("text") or "").strip()]


# ---- WARC -------------------------------------------------------------------------------------------


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Bench Daily"><meta name="author" content="Staff Reporter">
<meta property="article:published_time" content="{published}"></head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/business">Business</a></nav></header>
<main><article><h1>{title}</h1>{paragraphs}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather</a></li></ul></aside>
</main><footer><p>Copyright Bench Daily. All rights reserved.</p></footer></body></html>"""


def bench_pages() -> Iterator[tuple[str, bytes]]:
    """(url, html) of corpus articles wrapped in a news page, endlessly."""
    rows = [row for name in CORPUS_FILES[:4] for row in read_corpus(name)]
    round_number = 0
    while True:
        for number, row in enumerate(rows):
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in re.split(r"\n+", row["text"]) if p.strip())
            html = PAGE.format(
                title=escape(row.get("title") or "News"),
                published=f"{DAY.isoformat()}T08:00:00Z",
                paragraphs=paragraphs,
            )
            yield f"https://bench.example/{round_number}/{number}", html.encode("utf-8")
        round_number += 1


def write_warc(path: Path, records: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        start = datetime.combine(DAY, datetime.min.time(), UTC)
        for number, (url, body) in zip(range(records), bench_pages(), strict=False):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            stamp = (start + timedelta(seconds=number % 86_000)).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": stamp},
            )
            writer.write_record(record)


READER = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, {repo!r})
from pipelines.sources.http import FetchOptions
from pipelines.sources.warc import iter_warc
from transforms.articles import RawArticle
start = time.perf_counter()
counts = {{"articles": 0, "rejects": 0}}
for item in iter_warc(Path({path!r}), date.fromisoformat({day!r}), "bench", FetchOptions().max_page_bytes):
    counts["articles" if isinstance(item, RawArticle) else "rejects"] += 1
counts["seconds"] = time.perf_counter() - start
counts["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(counts))
"""


def bench_warc(sizes: list[int]) -> None:
    print(f"{'records':>8} {'file MB':>8} {'articles':>8} {'rejects':>7} {'records/s':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"bench-{size}.warc.gz"
            write_warc(path, size)
            # A fresh process per size, so each peak is the reader's own and not the previous run's.
            script = READER.format(repo=str(REPO), path=str(path), day=DAY.isoformat())
            result = subprocess.run(
                [sys.executable, "-c", script], check=True, capture_output=True, text=True
            )
            counts = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{size:>8} {path.stat().st_size / 1e6:>8.1f} {counts['articles']:>8} {counts['rejects']:>7}"
                f" {size / counts['seconds']:>9.1f} {counts['peak_mb']:>8.0f}"
            )


# ---- Near-duplicates --------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_SWAPS = ["reportedly", "officials", "country", "announced", "week", "group", "leaders", "local"]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(" ".join(text.split())) if s]


def _substitute(text: str, rng: random.Random) -> str:
    words = text.split()
    candidates = [i for i, w in enumerate(words) if w.isalpha() and len(w) > 3]
    for i in rng.sample(candidates, min(len(candidates), max(1, len(words) // 60))):
        words[i] = rng.choice(_SWAPS)
    return " ".join(words)


def _drop_sentence(text: str, rng: random.Random) -> str:
    sentences = _sentences(text)
    if len(sentences) < 4:
        return text
    del sentences[rng.randrange(1, len(sentences))]
    return " ".join(sentences)


def _truncate(text: str, rng: random.Random) -> str:
    sentences = _sentences(text)
    return " ".join(sentences[: max(2, round(len(sentences) * 0.6))])


def _restyle(text: str, rng: random.Random) -> str:
    return text.replace('"', "\u201c").replace("U.S.", "US").replace("per cent", "percent").replace("  ", " ")


EDITS: dict[str, Callable[[str, random.Random], str]] = {
    "dateline": lambda text, rng: "WASHINGTON (AP) \u2014 " + text,
    "tagline": lambda text, rng: text + "\n\nReporting by Ann Writer; editing by Bob Desk.",
    "substitute": _substitute,
    "drop_sentence": _drop_sentence,
    "truncate": _truncate,
    "restyle": _restyle,
    "all": lambda text, rng: (
        "LONDON (Reuters) - " + _substitute(_restyle(_drop_sentence(text, rng), rng), rng) + " (Reuters)"
    ),
}


def bench_dedupe(sample: int, show: int) -> None:
    corpora = {name.split(".")[0]: read_corpus(name) for name in CORPUS_FILES}
    index = NearDuplicateIndex()
    first_with_text: dict[str, str] = {}
    links: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[tuple[str, str]]] = {}
    cross_cluster = 0
    clusters: dict[str, str | None] = {}
    texts: dict[str, str] = {}
    first_copy: dict[str, str] = {}  # article id -> the stored article it was linked to, or itself
    started = time.perf_counter()
    for corpus, rows in corpora.items():
        for row in rows:
            article_id = f"{corpus}/{row['id']}"
            norm = " ".join(row["text"].lower().split())
            if norm in first_with_text:  # the ingest step's text hash catches these before the index
                continue
            first_with_text[norm] = article_id
            texts[article_id] = row["text"]
            clusters[article_id] = row.get("event_cluster")
            row_sketch = sketch(row["text"])
            stored = index.find(row_sketch)
            first_copy[article_id] = stored or article_id
            if stored is None:
                index.add(article_id, row_sketch)
                continue
            key = (corpus, stored.split("/")[0])
            links[key] += 1
            examples.setdefault(key, []).append((article_id, stored))
            if clusters[article_id] and clusters[stored] and clusters[article_id] != clusters[stored]:
                cross_cluster += 1
    seconds = time.perf_counter() - started
    print(f"index: {len(index):,} first copies of {len(texts):,} distinct texts in {seconds:.1f}s")
    print(f"links between Giveme5W1H articles of different event clusters: {cross_cluster}")
    for (new, old), count in sorted(links.items()):
        print(f"links {new} -> {old}: {count}")
        for article_id, stored in examples[(new, old)][:show]:
            print(f"    {article_id}: {' '.join(texts[article_id].split())[:110]}")
            print(f"    {stored}: {' '.join(texts[stored].split())[:110]}")

    rng = random.Random(7)
    print(f"\nrecall on synthetic copies ({sample} articles of each corpus, each edit):")
    print("(share linked to their original; in brackets, copies linked to another article)")
    print(f"{'edit':>14} " + " ".join(f"{name[:12]:>14}" for name in corpora))
    for edit_name, edit in EDITS.items():
        cells = []
        for rows in corpora.values():
            found = elsewhere = 0
            picked = rng.sample(rows, min(sample, len(rows)))
            for row in picked:
                original = first_copy[first_with_text[" ".join(row["text"].lower().split())]]
                stored = index.find(sketch(edit(row["text"], rng)))
                found += stored == original
                elsewhere += stored is not None and stored != original
            cells.append(f"{found / len(picked):>9.3f} [{elsewhere:>2}]")
        print(f"{edit_name:>14} " + " ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    warc = sub.add_parser("warc")
    warc.add_argument("--records", type=int, nargs="+", default=[200, 2000])
    dedupe = sub.add_parser("dedupe")
    dedupe.add_argument("--sample", type=int, default=300)
    dedupe.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is not present (the benchmark reads ../shared/corpora)")
        return
    if args.part == "warc":
        bench_warc(args.records)
    else:
        bench_dedupe(args.sample, args.show)


if __name__ == "__main__":
    main()
