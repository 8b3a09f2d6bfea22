"""Extraction speed and memory: the newsevents pipeline against bare spaCy on the same texts.

    .venv/bin/python bench/extract_bench.py [--articles 1000 4000] [--processes 2] [--corpus PATH]

For each N, the first N Reuters-21578 articles with a body (repeated if N is larger than the corpus) are
run through (a) the pipeline's ingest, extract and publish steps into a temporary warehouse and (b) bare
`nlp.pipe` with the same process count over the same normalised texts. Prints articles/s, words/s and the
peak resident memory of the whole process tree (parent and workers, sampled from /proc), and the ratio of
pipeline to bare speed. Skips, saying so, when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.config import load_settings  # noqa: E402
from pipelines.extract import iter_work  # noqa: E402
from pipelines.ingest import articles_file  # noqa: E402
from pipelines.nlp import load_nlp  # noqa: E402
from pipelines.steps import extract, ingest, publish  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
DAY = date(1987, 3, 1)


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and all its descendants (Linux /proc)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/task/{current}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


class PeakMemory:
    """Samples the process tree's RSS every 50 ms while active."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_bytes(os.getpid()))
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_bytes(os.getpid()))


def corpus_articles(path: Path, n: int) -> Iterator[dict]:
    """The first `n` articles with a body, cycling over the corpus with fresh ids when it runs out."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        base = [json.loads(line) for line in fh]
    base = [a for a in base if (a.get("text") or "").strip()]
    for i in range(n):
        article = base[i % len(base)]
        cycle = i // len(base)
        # later cycles get a marker so that deduplication does not drop the repeats
        text = article["text"] if cycle == 0 else f"(Repeat {cycle}.) {article['text']}"
        yield {"id": f"{article['id']}-{cycle}", "title": article.get("title"), "text": text}


def measure(label: str, work: Callable[[], None], articles: int, words: int) -> dict:
    with PeakMemory() as memory:
        started = time.perf_counter()
        work()
        seconds = time.perf_counter() - started
    result = {
        "run": label, "articles": articles, "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1), "words_per_s": round(words / seconds),
        "peak_mb": round(memory.peak / 2**20),
    }  # fmt: skip
    print(
        f"{label:<28} {articles:>6} articles {seconds:>8.1f} s {result['articles_per_s']:>8.1f} art/s "
        f"{result['words_per_s']:>9,} words/s  peak {result['peak_mb']:>6,} MB",
        flush=True,
    )
    return result


def bench(corpus: Path, n: int, processes: int, batch_size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        source = Path(tmp) / "input.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for article in corpus_articles(corpus, n):
                fh.write(json.dumps(article) + "\n")
        settings = load_settings(
            warehouse=Path(tmp) / "warehouse", processes=processes, batch_size=batch_size
        )
        ingest(DAY, [source], settings)
        # exactly the texts the extract step will code (duplicates and non-English articles are not coded)
        texts = [
            item[1]
            for batch in iter_work(articles_file(settings.warehouse, DAY), 0, 1, 1000)
            for item in batch
        ]
        words = sum(len(t.split()) for t in texts)
        coded = 0

        def pipeline() -> None:
            nonlocal coded
            coded = extract(DAY, settings).articles
            publish(DAY, settings)

        nlp = load_nlp(settings.model)

        def bare() -> None:
            for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
                pass

        results = {
            "bare": measure(f"bare nlp.pipe x{processes}", bare, len(texts), words),
            "pipeline": measure(f"pipeline extract x{processes}", pipeline, len(texts), words),
        }
        assert coded == len(texts), (coded, len(texts))
        ratio = results["pipeline"]["articles_per_s"] / results["bare"]["articles_per_s"]
        print(f"{'ratio pipeline / bare':<28} {ratio:.2f}x  (N={n}, {words:,} words)\n", flush=True)
        return {"n": n, "words": words, "ratio": round(ratio, 2), **results}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is not present (the benchmark reads ../shared/corpora)")
        return 0
    load_nlp()  # the model load is not part of either timing
    figures = [bench(args.corpus, n, args.processes, args.batch_size) for n in args.articles]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
