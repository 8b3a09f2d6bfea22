"""The coder over every article of the shared corpora: crashes, events per article, time against the parse.

    .venv/bin/python bench/coder_corpora.py [--limit N] [--corpus NAME ...] [--show-events K]

For each corpus in ../shared/corpora/ (or the named ones), the articles' texts go through `nlp.pipe` and
each Doc through `Coder.code`. Prints per corpus: articles, events, events per article, articles with at
least one event, coder failures (with the first traceback), the seconds spent parsing and coding and the
ratio (parse + code) / parse, which bounds how much the coder slows the pipeline down. With --show-events,
prints K sample events per corpus (code, actors, trigger, sentence) for eyeballing false positives.
Skips, saying so, when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.gold import iter_corpus  # noqa: E402
from pipelines.nlp import load_nlp  # noqa: E402
from transforms.coder import ArticleContext, Coder  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
FALLBACK_DATE = date(2000, 1, 1)


def article_date(article: dict) -> date:
    try:
        return date.fromisoformat(str(article.get("date") or "")[:10])
    except ValueError:
        return FALLBACK_DATE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="at most N articles per corpus (0: all)")
    parser.add_argument("--corpus", nargs="*", default=None, help="corpus file names (default: all)")
    parser.add_argument("--show-events", type=int, default=0, metavar="K")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} does not exist")
        return 0
    nlp = load_nlp()
    started = time.perf_counter()
    coder = Coder()
    print(f"coder built in {time.perf_counter() - started:.2f}s; {len(coder.verbs)} verb patterns")
    names = args.corpus or sorted(p.name for p in CORPORA.glob("*.jsonl.gz"))
    totals: Counter[str] = Counter()
    for name in names:
        articles = [a for a in iter_corpus(CORPORA / name) if (a.get("text") or "").strip()]
        if args.limit:
            articles = articles[: args.limit]
        counts: Counter[str] = Counter()
        roots: Counter[str] = Counter()
        parse_seconds = code_seconds = 0.0
        first_failure = ""
        samples: list[dict] = []
        texts = (a["text"] for a in articles)
        docs = nlp.pipe(texts, batch_size=64)
        for article in articles:
            tick = time.perf_counter()
            doc = next(docs)
            parse_seconds += time.perf_counter() - tick
            day = article_date(article)
            tick = time.perf_counter()
            try:
                result = coder.code(doc, ArticleContext(str(article.get("id")), day, day))
            except Exception:
                counts["failures"] += 1
                first_failure = first_failure or f"{article.get('id')}: {traceback.format_exc()}"
                continue
            finally:
                code_seconds += time.perf_counter() - tick
            counts["articles"] += 1
            counts["events"] += len(result.events)
            counts["with_events"] += bool(result.events)
            counts["unresolved"] += len(result.unresolved)
            roots.update(e["cameo_root"] for e in result.events)
            if len(samples) < args.show_events and result.events:
                samples.append(result.events[0])
        per_article = counts["events"] / counts["articles"] if counts["articles"] else 0.0
        ratio = (parse_seconds + code_seconds) / parse_seconds if parse_seconds else 0.0
        print(
            f"{name}: {counts['articles']} articles, {counts['events']} events ({per_article:.2f}/article), "
            f"{counts['with_events']} with events, {counts['unresolved']} unresolved phrases, "
            f"{counts['failures']} failures; parse {parse_seconds:.1f}s, code {code_seconds:.1f}s, "
            f"(parse+code)/parse {ratio:.3f}"
        )
        print("  roots: " + " ".join(f"{root}:{n}" for root, n in sorted(roots.items())))
        for event in samples:
            print(
                f"  {event['cameo_code']} {event['source_code']}->{event['target_code'] or '-'} "
                f"[{event['trigger']}] {event['sentence'][:140]}"
            )
        if first_failure:
            print("  first failure: " + first_failure)
        totals.update(counts)
        totals["parse_ms"] += int(parse_seconds * 1000)
        totals["code_ms"] += int(code_seconds * 1000)
    if totals["parse_ms"]:
        print(
            f"total: {totals['articles']} articles, {totals['events']} events, {totals['failures']} failures, "
            f"(parse+code)/parse {(totals['parse_ms'] + totals['code_ms']) / totals['parse_ms']:.3f}"
        )
    return 1 if totals["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
