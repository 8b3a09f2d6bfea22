"""The judged event audit: the pipeline on real politics and world news, 100 events judged by a person.

    .venv/bin/python bench/event_audit.py draw                    # run the pipeline, draw the sample, write the sheet
    .venv/bin/python bench/event_audit.py draw --conflict --reuse # every material-conflict event, its own sheet
    .venv/bin/python bench/event_audit.py judge bench/audit/coder-X.tsv   # judge each event in its article
    .venv/bin/python bench/event_audit.py show bench/audit/coder-X.tsv [N ...]   # the same display, no prompts
    .venv/bin/python bench/event_audit.py score bench/audit/coder-X.tsv [--json]
    .venv/bin/python bench/event_audit.py select [--write]        # the fixed article selection

`draw` runs the project's own pipeline (ingest, extract, publish: `pipelines.steps.run_day`, as `newsevents
run` does) on the articles listed in bench/audit/articles.tsv, read from ../shared/corpora, into a
warehouse under data/audit/. It then draws SAMPLE events at random with the fixed SEED and writes the
judgement sheet bench/audit/coder-<version>.tsv. The sheet holds references and event fields only, never
corpus text. `judge` and `show` read each event's sentence back from the corpus at run time. bench/audit/
README.md gives the verdict rules, how a new coder version is drawn, and the measured figures.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import re
import shutil
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

AUDIT_DIR = REPO / "bench" / "audit"
SELECTION_FILE = AUDIT_DIR / "articles.tsv"
WORK_DIR = REPO / "data" / "audit"  # git-ignored: the audit's own warehouse and input file
CORPUS_GOLD = REPO / "tests" / "gold" / "corpus_gold.jsonl"

SEED = "newsevents-audit-1"
SAMPLE = 100
AUDIT_DAY = date(2020, 1, 1)  # the ingest partition; event dates come from each article's own date
BBC_PUBLISHED = "2005-01-01"  # the BBC set has no dates; the gold files use this placeholder too
MATERIAL_CONFLICT_ROOTS = ("18", "19", "20")


@dataclass(frozen=True)
class CorpusRule:
    """Which articles of one corpus the audit takes: field values, then the first `limit` in hash order."""

    corpus: str
    where: tuple[tuple[str, str], ...]
    limit: int | None  # None: every article that qualifies


SELECTION_RULES = (
    CorpusRule("bbc_fulltext.jsonl.gz", (("category", "politics"),), 100),
    CorpusRule("giveme5w1h_news.jsonl.gz", (("category", "world"),), None),
)

SHEET_FIELDS = (
    "n", "corpus", "article", "sentence", "check", "span", "source", "target", "code", "date",
    "date_source", "trigger", "coder",
)  # fmt: skip
VERDICT_FIELDS = ("real", "source_ok", "target_ok", "code_ok", "date_ok", "note")
VERDICT_VALUES = ("y", "n", "-")


class AuditError(Exception):
    """A problem the user must fix (a missing corpus, a sheet that does not read); printed as one line."""


# --- text references ---------------------------------------------------------------------------------


def folded(text: str) -> tuple[str, list[int]]:
    """`text` in NFC with runs of white space as one space and control characters dropped, and for each
    character of the result its offset in the NFC text (so a match maps back to the corpus text)."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                offsets.append(i)
            in_space = True
            continue
        if unicodedata.category(ch)[0] == "C":
            continue
        in_space = False
        out.append(ch)
        offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def sentence_check(sentence: str) -> str:
    """First 8 hex digits of the SHA-1 of the sentence, white space folded."""
    return hashlib.sha1(folded(sentence)[0].encode("utf-8")).hexdigest()[:8]


def locate(text: str, sentence: str) -> tuple[int, int] | None:
    """(start, end) of `sentence` in the NFC form of the corpus `text`, white space and control
    characters ignored; the first occurrence. None when it does not occur."""
    haystack, offsets = folded(text)
    needle = folded(sentence)[0]
    if not needle:
        return None
    at = haystack.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- the selection -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selected:
    corpus: str
    article: str
    check: str  # of the whole text: a changed corpus file is noticed


def shared_corpora(shared: Path | None = None) -> Path:
    from pipelines.gold import SharedMissingError, find_shared

    try:
        return find_shared(shared) / "corpora"
    except SharedMissingError as exc:
        raise AuditError(str(exc)) from None


def story_key(article_id: str) -> str:
    """What identifies a story across a corpus: Giveme5W1H files one story under several subsets
    ("g5-gold_standard-<hash>" and "g5-news_cluster-<hash>" are the same article), so there the hash."""
    if article_id.startswith("g5-"):
        return "g5:" + article_id.rsplit("-", 1)[-1]
    return article_id


def excluded_articles(shared: Path | None = None) -> set[str]:
    """Story keys of the articles the coder is developed on: the shared news_dev set and the project's
    corpus gold."""
    from pipelines.gold import find_shared

    ids: set[str] = set()
    news_dev = find_shared(shared) / "gold" / "news_dev.jsonl"
    for line in news_dev.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.add(story_key(str(json.loads(line)["id"])))
    for line in CORPUS_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.add(story_key(str(json.loads(line)["article"])))
    return ids


def iter_corpus(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def select_articles(shared: Path | None = None) -> list[Selected]:
    """The selection by SELECTION_RULES: articles with text whose fields match, that are not excluded,
    ordered by SHA-1 of "newsevents-audit:" + id, the first `limit` of each corpus."""
    corpora = shared_corpora(shared)
    excluded = excluded_articles(shared)
    chosen: list[Selected] = []
    for rule in SELECTION_RULES:
        found = [
            article
            for article in iter_corpus(corpora / rule.corpus)
            if (article.get("text") or "").strip()
            and all(str(article.get(key)) == value for key, value in rule.where)
            and story_key(str(article["id"])) not in excluded
        ]
        found.sort(key=lambda a: hashlib.sha1(f"newsevents-audit:{a['id']}".encode()).hexdigest())
        for article in found[: rule.limit]:
            chosen.append(Selected(rule.corpus, str(article["id"]), text_check(article["text"])))
    return chosen


def text_check(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def write_selection(selected: Sequence[Selected], path: Path = SELECTION_FILE) -> None:
    counts = Counter(s.corpus for s in selected)
    lines = [
        "# The judged audit's fixed article selection (bench/event_audit.py select; see README.md here).",
        "# Rule: BBC politics (first 100) and every Giveme5W1H world article, excluding the stories of",
        "# ../shared/gold/news_dev.jsonl and tests/gold/corpus_gold.jsonl (a Giveme5W1H story filed under",
        '# two subsets is one story), ordered by SHA-1 of "newsevents-audit:" + id. check: first 8 hex',
        "# digits of the SHA-1 of the article text.",
        "# " + ", ".join(f"{corpus}: {n}" for corpus, n in sorted(counts.items())),
        "corpus\tarticle\tcheck",
        *(f"{s.corpus}\t{s.article}\t{s.check}" for s in selected),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_selection(path: Path = SELECTION_FILE) -> list[Selected]:
    if not path.is_file():
        raise AuditError(f"{path} does not exist; run `bench/event_audit.py select --write`")
    rows = _tsv_rows(path.read_text(encoding="utf-8"))
    return [Selected(r["corpus"], r["article"], r["check"]) for r in rows]


def load_articles(selected: Sequence[Selected], shared: Path | None = None) -> dict[str, dict]:
    """The selected corpus articles by id, checked against the selection's text checks."""
    corpora = shared_corpora(shared)
    wanted: dict[str, set[str]] = {}
    for s in selected:
        wanted.setdefault(s.corpus, set()).add(s.article)
    articles: dict[str, dict] = {}
    for corpus, ids in wanted.items():
        path = corpora / corpus
        if not path.is_file():
            raise AuditError(f"corpus {path} does not exist")
        for article in iter_corpus(path):
            if str(article.get("id")) in ids:
                articles[str(article["id"])] = {**article, "corpus": corpus}
    for s in selected:
        article = articles.get(s.article)
        if article is None:
            raise AuditError(f"article {s.article} is not in {s.corpus}")
        if text_check(article["text"]) != s.check:
            raise AuditError(f"article {s.article} of {s.corpus} has changed (text check {s.check})")
    return articles


def published(article: dict) -> str:
    if article["corpus"].startswith("bbc_"):
        return BBC_PUBLISHED
    return str(article.get("date") or "")[:10]


# --- draw ----------------------------------------------------------------------------------------------


@dataclass
class Population:
    coder: str
    model: str
    articles: int
    coded: int
    events: list[dict] = field(default_factory=list)  # non-negated rows, with their references
    negated: int = 0


def run_pipeline(articles: dict[str, dict], work_dir: Path, processes: int) -> Path:
    """Ingest, extract and publish the selected articles into a fresh warehouse under `work_dir`."""
    from pipelines.config import load_settings
    from pipelines.steps import run_day

    warehouse = work_dir / "warehouse"
    if warehouse.exists():
        shutil.rmtree(warehouse)
    work_dir.mkdir(parents=True, exist_ok=True)
    inputs = work_dir / "articles.jsonl"
    with inputs.open("w", encoding="utf-8") as fh:
        for article in articles.values():
            item = {
                "id": article["id"],
                "title": article.get("title") or "",
                "text": article["text"],
                "published": published(article),
            }
            if article.get("url"):
                item["url"] = article["url"]
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    settings = load_settings(warehouse=warehouse, processes=processes, actors=())
    run_day(AUDIT_DAY, [inputs], settings)
    return warehouse


def read_population(warehouse: Path, articles: dict[str, dict], model: str = "") -> Population:
    """The published events of the audit day, each with its corpus reference (sentence located in the
    corpus text); negated rows are counted, not sampled."""
    import pyarrow.parquet as pq

    from pipelines.nlp import load_nlp, model_label
    from schemas import ARTICLES, EVENTS
    from warehouse.published import published_path

    articles_file = published_path(warehouse, ARTICLES, AUDIT_DAY, "articles")
    events_file = published_path(warehouse, EVENTS, AUDIT_DAY, "events")
    if articles_file is None or events_file is None:
        raise AuditError(f"{AUDIT_DAY} is not published in {warehouse}")
    stored = pq.read_table(articles_file).to_pylist()
    source_of = {row["article_id"]: row["source_id"] for row in stored}
    coded = {row["article_id"] for row in stored if row["duplicate_of"] is None}
    rows = pq.read_table(events_file).to_pylist()
    versions = {row["coder_version"] for row in rows}
    if len(versions) > 1:
        raise AuditError(f"the audit day holds events of several coder versions: {sorted(versions)}")
    population = Population(
        coder=versions.pop() if versions else "",
        model=model_label(load_nlp(model)),
        articles=len(stored),
        coded=len(coded),
    )
    for row in rows:
        if row["is_negated"]:
            population.negated += 1
            continue
        article = articles[source_of[row["article_id"]]]
        where = locate(article["text"], row["sentence"])
        if where is None:
            raise AuditError(f"sentence {row['sentence_index']} of {article['id']} not found in the corpus text")
        population.events.append(
            {
                "corpus": article["corpus"],
                "article": article["id"],
                "sentence": str(row["sentence_index"]),
                "check": sentence_check(row["sentence"]),
                "span": f"{where[0]}-{where[1]}",
                "source": row["source_code"],
                "target": row["target_code"] or "",
                "code": row["cameo_code"],
                "date": row["event_date"].isoformat() if row["event_date"] else "",
                "date_source": row["date_source"] or "",
                "trigger": _one_line(row["trigger"] or ""),
                "coder": row["coder_version"],
            }
        )
    return population


def repeats(events: Iterable[dict]) -> int:
    """Rows that repeat an earlier row of the same article with the same source and target countries
    (or IGO codes) and the same CAMEO root: one happening counted more than once."""
    seen: set[tuple[str, ...]] = set()
    repeated = 0
    for event in events:
        key = (event["corpus"], event["article"], _actor_key(event["source"]), _actor_key(event["target"]),
               event["code"][:2])  # fmt: skip
        repeated += key in seen
        seen.add(key)
    return repeated


def _actor_key(code: str) -> str:
    """The scoring key of ../shared/gold/README.md, roughly: the country of a state actor, else the code."""
    return code if code.startswith(("IGO", "NGO", "IMG", "MNC")) else code[:3]


def sample_rank(event: dict, seed: str = SEED) -> str:
    """The event's place in the random order: a SHA-1 of the seed and what identifies the event in any
    coder version (corpus, article, sentence text, actors, code, trigger), so that an event two versions
    both produce has the same rank in both."""
    identity = [seed, event["corpus"], event["article"], event["check"], event["source"], event["target"],
                event["code"], event["trigger"]]  # fmt: skip
    return hashlib.sha1("\x1f".join(identity).encode("utf-8")).hexdigest()


def draw_sample(events: Sequence[dict], size: int = SAMPLE, seed: str = SEED) -> list[dict]:
    """`size` events drawn at random with `seed`: the lowest ranks (all events when there are fewer),
    in rank order."""
    return sorted(events, key=lambda e: sample_rank(e, seed))[:size]


def _newest_first(sheet: Path) -> tuple[int, ...]:
    """A sort key putting sheets of later coder versions first ("coder-0.10.0.tsv" before "coder-0.9.1")."""
    found = re.match(r"coder-(\d+(?:\.\d+)*)", sheet.name)
    return tuple(-int(part) for part in found.group(1).split(".")) if found else ()


def carry_verdicts(sample: Sequence[dict], sheets: Iterable[Path], into: Path | None = None) -> int:
    """Copy the verdicts of identical events (every field but coder version and sentence index equal)
    from judged sheets, the sheet `into` itself first (a sheet drawn again keeps its verdicts); the note
    of a verdict from another sheet says where it came from. Returns how many rows got verdicts."""
    known: dict[tuple[str, ...], tuple[dict, str]] = {}
    # the newest judgement of an event wins: a later sheet may have re-judged a row an older one holds
    ordered = sorted(sheets, key=lambda p: (into is None or p.resolve() != into.resolve(), _newest_first(p)))
    for path in ordered:
        for row in read_sheet(path).rows:
            if row.get("real") in VERDICT_VALUES:
                known.setdefault(_identity(row), (row, path.stem))
    carried = 0
    for event in sample:
        found = known.get(_identity(event))
        if found is None:
            continue
        row, origin = found
        for name in VERDICT_FIELDS:
            event[name] = row.get(name, "")
        note = event["note"]
        if into is not None and origin != into.stem and not note.startswith("[from "):
            event["note"] = f"[from {origin}] {note}".strip()
        carried += 1
    return carried


def _identity(row: dict) -> tuple[str, ...]:
    return tuple(row[name] for name in ("corpus", "article", "check", "span", "source", "target", "code",
                                        "date", "date_source", "trigger"))  # fmt: skip


def draw(args: argparse.Namespace) -> int:
    selected = read_selection()
    articles = load_articles(selected, args.shared)
    if args.reuse and (args.work_dir / "warehouse").is_dir():
        warehouse = args.work_dir / "warehouse"
    else:
        print(f"running the pipeline on {len(selected)} articles into {args.work_dir / 'warehouse'} ...")
        warehouse = run_pipeline(articles, args.work_dir, args.processes)
    from pipelines.config import load_settings

    population = read_population(warehouse, articles, load_settings().model)
    if args.conflict:
        # every material-conflict row, in the same random order: the roots analysts watch most closely
        conflict_rows = [e for e in population.events if e["code"][:2] in MATERIAL_CONFLICT_ROOTS]
        sample = draw_sample(conflict_rows, len(conflict_rows))
    else:
        sample = draw_sample(population.events, args.size)
    suffix = "-conflict" if args.conflict else ""
    sheet = args.sheet or AUDIT_DIR / f"coder-{population.coder}{suffix}.tsv"
    if sheet.exists() and not args.force and any(r.get("real") for r in read_sheet(sheet).rows):
        raise AuditError(f"{sheet} already holds verdicts; give --force to draw it again")
    carried = carry_verdicts(sample, sorted(AUDIT_DIR.glob("coder-*.tsv")), into=sheet)
    roots = Counter(e["code"][:2] for e in population.events)
    conflict = sum(roots[r] for r in MATERIAL_CONFLICT_ROOTS)
    header = [
        f"newsevents judged event audit: coder {population.coder}, model {population.model}",
        f"selection {SELECTION_FILE.relative_to(REPO)}: {len(selected)} articles, {population.articles} stored "
        f"(the others repeat a stored one), {population.coded} coded (the others are near-duplicates or not "
        f"English); seed {SEED}",
        f"population: {len(population.events)} events (negated rows left out: {population.negated}); "
        f"material conflict (roots 18-20): {conflict}; rows repeating a happening of the same article "
        f"(same actors' countries and root): {repeats(population.events)}; drawn {len(sample)}"
        + (" (every material-conflict row)" if args.conflict else ""),
        "verdicts y / n / - (not applicable); rules in bench/audit/README.md",
    ]
    for n, event in enumerate(sample, start=1):
        event["n"] = str(n)
    write_sheet(sheet, header, sample)
    print("\n".join(header))
    print(f"wrote {sheet} ({len(sample)} events, verdicts carried over from judged sheets: {carried})")
    return 0


# --- the sheet -----------------------------------------------------------------------------------------


@dataclass
class Sheet:
    path: Path
    header: list[str]
    rows: list[dict]


def _tsv_rows(text: str) -> list[dict]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_sheet(path: Path) -> Sheet:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuditError(f"sheet {path}: {exc.strerror}") from None
    header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    rows = _tsv_rows(text)
    missing = [name for name in SHEET_FIELDS + VERDICT_FIELDS if rows and name not in rows[0]]
    if missing:
        raise AuditError(f"sheet {path}: missing columns {', '.join(missing)}")
    for row in rows:
        for name in VERDICT_FIELDS:
            row[name] = (row.get(name) or "").strip()
    return Sheet(path, header, rows)


def write_sheet(path: Path, header: Sequence[str], rows: Sequence[dict]) -> None:
    """Write atomically (a judge's work is never half-saved)."""
    columns = SHEET_FIELDS + VERDICT_FIELDS
    lines = [f"# {line}" for line in header]
    lines.append("\t".join(columns))
    for row in rows:
        lines.append("\t".join(_one_line(str(row.get(name, "") or "")) for name in columns))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _one_line(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text).strip()


# --- show and judge ------------------------------------------------------------------------------------


class Describer:
    """Labels for codes: CAMEO code labels, actor names (countries, organisations) and role labels."""

    def __init__(self) -> None:
        from transforms.actors import ActorDictionary
        from transforms.cameo import cameo_codes, read_tsv

        self.codes = cameo_codes()
        self.roles = {row["code"]: row["label"].split(":")[0] for row in read_tsv("role_codes.tsv")}
        self.actors = ActorDictionary.load()
        self.names: dict[str, str] = {}
        for entry in self.actors.entries:
            if entry.kind != "person":
                self.names.setdefault(entry.code, entry.name)

    def code(self, code: str) -> str:
        known = self.codes.get(code)
        return f"{code} {known.label}" if known else code

    def actor(self, code: str) -> str:
        if not code:
            return "(none)"
        if code in self.names:
            return f"{code} ({self.names[code]})"
        country, role = code[:3], code[3:]
        name = self.actors.country_name(country) if len(code) >= 3 else code
        if len(code) == 3 and code in self.roles:
            return f"{code} (role only: {self.roles[code]})"
        label = f", {self.roles.get(role, role)}" if role else ""
        return f"{code} ({name}{label})"


def event_context(row: dict, article: dict, color: bool) -> str:
    """The event's sentence marked in its article's neighbouring lines, read from the corpus text."""
    text = nfc(article["text"])
    start, end = (int(x) for x in row["span"].split("-"))
    if sentence_check(text[start:end]) != row["check"]:
        return "  (the corpus text no longer holds this sentence at the recorded place: the check differs)"
    mark_on, mark_off = ("\033[1;4m", "\033[0m") if color else ("⟦", "⟧")
    lines: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((at, at + len(line)))
        at += len(line) + 1
    first = next(i for i, (a, b) in enumerate(lines) if b > start)
    last = next(i for i, (a, b) in enumerate(lines) if b >= end)
    shown: list[str] = []
    for i in range(max(0, first - 2), first):
        a, b = lines[i]
        shown.append("  " + _tail(text[a:b], 400))
    a, b = lines[first][0], lines[last][1]
    before, sentence, after = text[a:start], text[start:end], text[end:b]
    shown.append("  " + _tail(before, 500) + mark_on + sentence + mark_off + _head(after, 300))
    for i in range(last + 1, min(len(lines), last + 2)):
        a, b = lines[i]
        shown.append("  " + _head(text[a:b], 300))
    return "\n".join(_fold_ws(s) for s in shown)


def _tail(text: str, limit: int) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


def _head(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _fold_ws(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


def render(row: dict, article: dict, describe: Describer, color: bool) -> str:
    title = _one_line(article.get("title") or "")
    date_note = " (BBC: no date in the corpus)" if article["corpus"].startswith("bbc_") else ""
    lines = [
        f"== {row['n']}. {row['corpus']} {row['article']} sentence {row['sentence']}   published "
        f"{published(article)}{date_note}",
        f"   title: {title}",
        event_context(row, article, color),
        f"   source  {describe.actor(row['source'])}",
        f"   code    {describe.code(row['code'])}   trigger: {row['trigger']}",
        f"   target  {describe.actor(row['target'])}",
        f"   date    {row['date']} ({row['date_source']})",
    ]
    verdicts = [f"{name}={row[name]}" for name in VERDICT_FIELDS if row.get(name)]
    if verdicts:
        lines.append("   judged  " + "  ".join(verdicts))
    return "\n".join(lines)


def show(args: argparse.Namespace) -> int:
    sheet = read_sheet(args.sheet)
    articles = load_articles(_selected_of(sheet.rows), args.shared)
    describe = Describer()
    wanted = set(args.rows)
    color = sys.stdout.isatty() and not args.plain
    for row in sheet.rows:
        if wanted and int(row["n"]) not in wanted:
            continue
        print(render(row, articles[row["article"]], describe, color))
        print()
    return 0


def _selected_of(rows: Iterable[dict]) -> list[Selected]:
    """The selection entries of the sheet's articles (a sheet refers only to selected articles)."""
    by_id = {s.article: s for s in read_selection()}
    missing = sorted({row["article"] for row in rows if row["article"] not in by_id})
    if missing:
        raise AuditError(f"articles not in {SELECTION_FILE.name}: {', '.join(missing[:5])}")
    return list({row["article"]: by_id[row["article"]] for row in rows}.values())


PROMPTS = (
    ("real", "a real event of the coded root (see the rules)? [y/n]", ("y", "n")),
    ("source_ok", "source right? [y/n]", ("y", "n")),
    ("target_ok", "target right (none when the sentence names none)? [y/n]", ("y", "n")),
    ("code_ok", "code right (or an acceptable neighbour)? [y/n]", ("y", "n")),
    ("date_ok", "date right? [y/n/-]", ("y", "n", "-")),
)


def judge(args: argparse.Namespace, stdin: TextIO = sys.stdin) -> int:
    sheet = read_sheet(args.sheet)
    articles = load_articles(_selected_of(sheet.rows), args.shared)
    describe = Describer()
    redo = set(args.rows)
    todo = [r for r in sheet.rows if int(r["n"]) in redo] if redo else [r for r in sheet.rows if not r["real"]]
    print(f"{len(todo)} events to judge; answer y/n (- where allowed), s to skip, q to save and stop")
    color = sys.stdout.isatty()
    for row in todo:
        article = articles[row["article"]]
        print()
        print(render(row, article, describe, color))
        answers: dict[str, str] = {}
        stop = skip = False
        for name, question, allowed in PROMPTS:
            if answers.get("real") == "n":
                # no event of this root: the code cannot be right, and the other fields are not judged
                answers[name] = "n" if name == "code_ok" else "-"
                continue
            if name == "date_ok" and article["corpus"].startswith("bbc_"):
                answers[name] = "-"
                continue
            answer = _ask(question, (*allowed, "s", "q"), stdin)
            if answer in ("s", "q"):
                stop, skip = answer == "q", answer == "s"
                break
            answers[name] = answer
        if stop:
            break
        if skip:
            continue
        print("   note (a few words, Enter for none): ", end="", flush=True)
        answers["note"] = _one_line(stdin.readline())
        row.update(answers)
        write_sheet(sheet.path, sheet.header, sheet.rows)
    print(f"saved {sheet.path}")
    return 0


def _ask(question: str, allowed: Sequence[str], stdin: TextIO) -> str:
    while True:
        print(f"   {question} ", end="", flush=True)
        line = stdin.readline()
        if not line:
            return "q"
        answer = line.strip().lower()
        if answer in allowed:
            return answer


# --- score ---------------------------------------------------------------------------------------------


def all_right(row: dict) -> bool:
    return (
        row["real"] == "y"
        and row["source_ok"] == "y"
        and row["target_ok"] == "y"
        and row["code_ok"] == "y"
        and row["date_ok"] in ("y", "-")
    )


def score_rows(rows: Sequence[dict]) -> dict[str, Any]:
    """The audit's figures for judged rows."""
    problems = [
        f"row {row['n']}: {name}={row[name]!r}"
        for row in rows
        for name in VERDICT_FIELDS[:-1]
        if row[name] not in VERDICT_VALUES
    ]
    if problems:
        raise AuditError("unjudged or malformed verdicts: " + "; ".join(problems[:10]))
    real = [r for r in rows if r["real"] == "y"]
    conflict = [r for r in rows if r["code"][:2] in MATERIAL_CONFLICT_ROOTS]

    def share(items: Sequence[dict], name: str) -> dict[str, int]:
        judged = [r for r in items if r[name] in ("y", "n")]
        return {"right": sum(r[name] == "y" for r in judged), "judged": len(judged)}

    by_corpus: dict[str, dict[str, int]] = {}
    for corpus in sorted({r["corpus"] for r in rows}):
        part = [r for r in rows if r["corpus"] == corpus]
        by_corpus[corpus] = {
            "events": len(part),
            "real": sum(r["real"] == "y" for r in part),
            "all_right": sum(all_right(r) for r in part),
        }
    return {
        "events": len(rows),
        "real": len(real),
        "all_right": sum(all_right(r) for r in rows),
        "among_real": {name: share(real, name) for name in ("source_ok", "target_ok", "code_ok", "date_ok")},
        "material_conflict": {
            "events": len(conflict),
            "real": sum(r["real"] == "y" for r in conflict),
            "all_right": sum(all_right(r) for r in conflict),
        },
        "by_corpus": by_corpus,
        "by_root": {
            root: {"events": n, "real": sum(r["real"] == "y" for r in rows if r["code"][:2] == root)}
            for root, n in sorted(Counter(r["code"][:2] for r in rows).items())
        },
    }


def score(args: argparse.Namespace) -> int:
    sheet = read_sheet(args.sheet)
    coders = sorted({row["coder"] for row in sheet.rows})
    figures = {"sheet": str(args.sheet), "coder": ", ".join(coders), **score_rows(sheet.rows)}
    if args.json:
        print(json.dumps(figures))
        return 0
    n = figures["events"]
    print(f"{args.sheet}: coder {figures['coder']}, {n} events judged")
    print(f"real events of the coded root: {figures['real']}/{n}")
    print(f"every field right (real, source, target, code, date): {figures['all_right']}/{n}")
    among = figures["among_real"]
    print(
        "among real events: "
        + ", ".join(f"{k[:-3]} {v['right']}/{v['judged']}" for k, v in among.items())
        + " (date: undated BBC rows not judged)"
    )
    mc = figures["material_conflict"]
    print(
        f"material conflict (roots 18-20): {mc['events']} events, {mc['real']} real, {mc['all_right']} all right"
    )
    for corpus, c in figures["by_corpus"].items():
        print(f"  {corpus}: {c['events']} events, {c['real']} real, {c['all_right']} all right")
    print("by root: " + ", ".join(f"{root} {c['real']}/{c['events']}" for root, c in figures["by_root"].items()))
    return 0


# --- select --------------------------------------------------------------------------------------------


def select(args: argparse.Namespace) -> int:
    chosen = select_articles(args.shared)
    if args.write:
        write_selection(chosen)
        print(f"wrote {SELECTION_FILE} ({len(chosen)} articles)")
        return 0
    current = read_selection() if SELECTION_FILE.is_file() else []
    same = current == chosen
    print(f"{len(chosen)} articles by the rule; {SELECTION_FILE.name} {'matches' if same else 'DIFFERS'}")
    return 0 if same else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("draw", help="run the pipeline on the selection and write a new judgement sheet")
    p.add_argument("--size", type=int, default=SAMPLE)
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--work-dir", type=Path, default=WORK_DIR)
    p.add_argument("--sheet", type=Path, default=None, help="default bench/audit/coder-<version>.tsv")
    p.add_argument("--reuse", action="store_true", help="use the warehouse of the last draw, do not rerun")
    p.add_argument("--force", action="store_true", help="overwrite a sheet that holds verdicts")
    p.add_argument(
        "--conflict",
        action="store_true",
        help="every material-conflict event (roots 18-20) instead of the sample: coder-<version>-conflict.tsv",
    )
    p.set_defaults(run=draw)
    for name, run, text in (
        ("judge", judge, "judge the sheet's unjudged events (or the rows given) one by one"),
        ("show", show, "print events in their article context (all, or the rows given)"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("sheet", type=Path)
        p.add_argument("rows", type=int, nargs="*")
        if name == "show":
            p.add_argument("--plain", action="store_true", help="mark the sentence with ⟦ ⟧, no colours")
        p.set_defaults(run=run)
    p = sub.add_parser("score", help="the figures of a judged sheet")
    p.add_argument("sheet", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=score)
    p = sub.add_parser("select", help="check (or --write) the fixed article selection")
    p.add_argument("--write", action="store_true")
    p.set_defaults(run=select)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except AuditError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
