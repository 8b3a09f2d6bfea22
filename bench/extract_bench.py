"""Extraction speed: the newsevents pipeline on each engine against bare spaCy on the same texts.

    .venv/bin/python bench/extract_bench.py [--articles 3000] [--runs local1 local2 ray1 ray2] [--repeat 3]

For each N, the first N Reuters-21578 articles with a body (repeated if N is larger than the corpus) are
ingested into a temporary warehouse, then coded by each run: the pipeline's extract and publish steps on
local worker processes (1 or 2) or on a Ray cluster of 1 or 2 nodes of one CPU each (started here on
loopback addresses), each timing paired with bare `nlp.pipe` on as many processes over the same texts, the
two alternating `--repeat` times. Bare `nlp.pipe` is the model as `spacy.load` gives it (the pipeline's
workers run its attribute ruler and lemmatizer through pipelines/rule_components.py: the same annotations,
sooner). It runs in a fresh process, its model loaded before the clock starts, as each of the pipeline's
workers is fresh: here a process that has parsed before parses the next texts 10-15% faster, so a bare run
in this long-lived process would be timed warm against cold workers. Prints every timing (articles/s,
words/s, peak memory of the process tree), then a table of the runs side by side with the median ratio to
bare `nlp.pipe`. Skips, saying so, when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The pipeline's modules are imported where they are used: a spawned worker imports this script again as
# its main module, and should pay for no more than a worker started by the `newsevents` command does.
if TYPE_CHECKING:
    from pipelines.config import Settings
    from pipelines.ray_local import LocalCluster

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
DAY = date(1987, 3, 1)


def tree_rss_bytes(pid: int, skip: frozenset[int] = frozenset()) -> int:
    """Resident memory of `pid` and all its descendants (Linux /proc), the subtrees of `skip` left out."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        if current in skip:
            continue
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
    """Samples the RSS of this process's tree (the Ray nodes this script started included, unless in
    `skip`) every 50 ms while active."""

    def __init__(self, skip: frozenset[int] = frozenset()) -> None:
        self.skip = skip
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_bytes(os.getpid(), self.skip))
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_bytes(os.getpid(), self.skip))


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


def measure(
    label: str,
    work: Callable[[], float | None],
    articles: int,
    words: int,
    skip: frozenset[int] = frozenset(),
) -> dict:
    """Time `work` (or take the seconds it returns: the part it timed itself) and its tree's peak memory."""
    with PeakMemory(skip) as memory:
        started = time.perf_counter()
        timed = work()
        seconds = time.perf_counter() - started if timed is None else timed
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


def bare_pipe(texts_file: Path, model: str, batch_size: int, cpus: int) -> float:
    """Seconds bare `nlp.pipe` takes over the texts of `texts_file` in a fresh process (`--bare`), the
    model loaded before its clock starts."""
    command = [sys.executable, __file__, "--bare", str(texts_file), model, str(batch_size), str(cpus)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=3600)
    return float(done.stdout.split()[-1])


def bare_main(texts_file: Path, model: str, batch_size: int, cpus: int) -> int:
    import spacy

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    nlp = spacy.load(model)  # spaCy's own components: not load_nlp, whose rule components are sped up
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=cpus):
        pass
    print(time.perf_counter() - started)
    return 0


def bench(corpus: Path, n: int, runs: list[str], batch_size: int, repeat: int) -> dict:
    """Every run of `runs` on the same N texts, each paired with bare `nlp.pipe` on as many CPUs, the
    two alternating `repeat` times; the ratio is the median of the pairs' ratios."""
    from pipelines.config import load_settings
    from pipelines.extract import iter_work
    from pipelines.ingest import articles_file
    from pipelines.nlp import resolve_model
    from pipelines.ray_local import LocalCluster
    from pipelines.steps import extract, ingest, publish

    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp, contextlib.ExitStack() as stack:
        source = Path(tmp) / "input.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for article in corpus_articles(corpus, n):
                fh.write(json.dumps(article) + "\n")
        base = load_settings(warehouse=Path(tmp) / "warehouse", batch_size=batch_size)
        ingest(DAY, [source], base)
        # exactly the texts the extract step will code (duplicates and non-English articles are not coded)
        texts = [
            item[1] for batch in iter_work(articles_file(base.warehouse, DAY), 0, 1, 1000) for item in batch
        ]
        words = sum(len(t.split()) for t in texts)
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        model = resolve_model(base.model)
        cluster: LocalCluster | None = None
        rows = []
        for run in runs:
            engine, cpus = run[:-1], int(run[-1])
            if engine == "ray":
                if cluster is None:
                    cluster = stack.enter_context(LocalCluster())
                while len(cluster.nodes) < cpus:
                    cluster.add_node()
                settings = base.replace(engine="ray", ray_address=cluster.address)
            else:
                settings = base.replace(processes=cpus)

            def pipeline(settings: Settings = settings) -> None:
                from pipelines.ray_engine import release_actors

                release_actors()  # each timing pays for loading its actors, like local workers do
                assert extract(DAY, settings).articles == len(texts)
                publish(DAY, settings)

            def bare(cpus: int = cpus) -> float:
                return bare_pipe(texts_file, model, batch_size, cpus)

            if engine == "ray":
                label = f"Ray {cpus} node{'s' if cpus > 1 else ''}"
            else:
                label = f"local {cpus} process{'es' if cpus > 1 else ''}"
            ratios, speeds, bares = [], [], []
            for _ in range(repeat):
                # bare spaCy's memory without the Ray nodes (children of this process), Ray's with them
                nodes = frozenset(node.pid for node in cluster.nodes) if cluster else frozenset()
                b = measure(f"bare nlp.pipe x{cpus}", bare, len(texts), words, skip=nodes)
                p = measure(f"pipeline, {label}", pipeline, len(texts), words,
                            skip=frozenset() if engine == "ray" else nodes)  # fmt: skip
                bares.append(b["articles_per_s"])
                speeds.append(p["articles_per_s"])
                ratios.append(p["articles_per_s"] / b["articles_per_s"])
            rows.append({
                "run": label, "articles_per_s": statistics.median(speeds),
                "bare_articles_per_s": statistics.median(bares), "ratio": round(statistics.median(ratios), 3),
                "ratios": [round(r, 3) for r in ratios],
            })  # fmt: skip
        print(f"\nN={n} ({len(texts)} texts coded, {words:,} words), medians of {repeat} alternating pairs:")
        print(f"{'run':<22} {'articles/s':>11} {'bare nlp.pipe, same CPUs':>26} {'ratio':>7}")
        for row in rows:
            print(f"{row['run']:<22} {row['articles_per_s']:>11.1f} {row['bare_articles_per_s']:>26.1f} "
                  f"{row['ratio']:>6.2f}x")  # fmt: skip
        print(flush=True)
        return {"n": n, "texts": len(texts), "words": words, "runs": rows}


def main() -> int:
    if sys.argv[1:2] == ["--bare"]:  # the fresh process of one bare timing (bare_pipe)
        texts_file, model, batch_size, cpus = sys.argv[2:6]
        return bare_main(Path(texts_file), model, int(batch_size), int(cpus))
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[3000])
    parser.add_argument(
        "--runs", nargs="+", default=["local1", "local2", "ray1", "ray2"],
        choices=["local1", "local2", "ray1", "ray2"],
        help="local1 local2 (worker processes), ray1 ray2 (Ray nodes of one CPU on this machine)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="alternating pairs per run (median)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is not present (the benchmark reads ../shared/corpora)")
        return 0
    if any(r.startswith("ray") for r in args.runs) and importlib.util.find_spec("ray") is None:
        print("the ray runs need the ray extra: pip install -e '.[ray]'")
        return 2
    # local runs first, then Ray runs by growing number of nodes: the cluster only ever grows
    runs = sorted(set(args.runs), key=lambda run: (run.startswith("ray"), run))
    figures = [bench(args.corpus, n, runs, args.batch_size, args.repeat) for n in args.articles]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
