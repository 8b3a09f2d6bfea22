"""Gold event files: plain, or annotated by reference to a sentence of a shared corpus.

A gold file is JSON Lines, one document per line, in the format of ``../shared/gold/README.md``::

    {"id": "d01", "published": "2021-06-16", "title": "", "text": "...", "events": [...]}

A line that has a ``text`` passes through unchanged. The project's own annotations cannot carry corpus
texts (the texts belong to their publishers), so a line may instead point at one sentence of a corpus
under ``<shared>/corpora/``::

    {"id": "g5-0007-s3", "corpus": "giveme5w1h_news.jsonl.gz", "article": "<the corpus article's id>",
     "sentence": 3, "check": "1a2b3c4d", "published": "2017-09-15", "split": "dev", "events": [...]}

It resolves to a document whose ``text`` is that sentence and whose ``title`` is ""; the other keys
(``split``, ``corpus``, ``article``, ``sentence``, ...) are kept, ``check`` is dropped.

Sentence index (fixed here so that references never move with a model or a library upgrade):

1. The article's ``text`` field, line endings normalised to ``\\n``, is cut into paragraphs. A blank line
   always ends a paragraph. A text is *hard-wrapped* when some line starts with spaces or a tab (Reuters
   bodies: each paragraph starts indented and its lines are wrapped at ~70 characters); there an indented
   line starts a new paragraph and any other line continues the previous one. In every other text each
   line is a paragraph of its own.
2. Each paragraph's lines are joined with a space and runs of white space folded to one space.
3. Each paragraph is split by spaCy's rule-based ``sentencizer`` on a blank English pipeline (no trained
   model); sentence texts are stripped, empty ones dropped.
4. ``sentence`` is the 0-based position of the sentence in the whole article, counting across paragraphs.
   ``check`` is the first 8 hex digits of the SHA-1 of the sentence's UTF-8 text.

The shared folder is the ``shared`` argument when given, else ``../shared`` beside the repository root
(the folder holding ``pyproject.toml``) when it exists, else ``$NEWSEVENTS_SHARED``. When none is found,
resolving a reference raises ``SharedMissingError`` (tests catch it to skip); an unknown corpus or
article, a sentence out of range or a ``check`` mismatch raise ``GoldError``.

Annotating: ``python -m pipelines.gold articles CORPUS [--where category=world] [--grep WORD]`` lists
candidate articles; ``python -m pipelines.gold sentences CORPUS ARTICLE_ID`` prints the indexed sentences
with their check values; ``python -m pipelines.gold resolve FILE`` resolves a whole gold file and counts
documents per corpus and split.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import click
from spacy.language import Language

SHARED_ENV = "NEWSEVENTS_SHARED"
REFERENCE_KEYS = ("corpus", "article", "sentence", "check")

_INDENTED_LINE = re.compile(r"^[ \t]+\S", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_WS = re.compile(r"\s+")


class GoldError(ValueError):
    """A gold file that cannot be read or a reference that does not resolve."""


class SharedMissingError(GoldError):
    """No shared folder was found, so references to its corpora cannot be resolved."""


def load_gold(path: Path, shared: Path | None = None, split: str | None = None) -> list[dict]:
    """The documents of the gold file `path`, references resolved against `shared`/corpora; with `split`,
    only the documents whose ``split`` equals it."""
    lines = list(_read_lines(path))
    if split is not None:
        lines = [(number, item) for number, item in lines if item.get("split") == split]
    wanted: dict[str, set[str]] = {}
    for number, item in lines:
        if "text" not in item:
            _validate_reference(path, number, item)
            wanted.setdefault(item["corpus"], set()).add(item["article"])
    texts: dict[str, dict[str, str]] = {}
    if wanted:
        corpora = find_shared(shared) / "corpora"
        texts = {corpus: _article_texts(corpora / corpus, ids) for corpus, ids in wanted.items()}
    return [
        item if "text" in item else _resolve(path, number, item, texts[item["corpus"]])
        for number, item in lines
    ]


def find_shared(shared: Path | None = None) -> Path:
    """The shared folder: `shared`, else ../shared beside the repository root, else $NEWSEVENTS_SHARED."""
    if shared is not None:
        if not shared.is_dir():
            raise SharedMissingError(f"shared folder {shared} does not exist")
        return shared
    root = _repo_root()
    if root is not None and (root.parent / "shared").is_dir():
        return root.parent / "shared"
    env = os.environ.get(SHARED_ENV)
    if env and Path(env).is_dir():
        return Path(env)
    raise SharedMissingError(
        f"no shared folder: neither ../shared beside the repository nor ${SHARED_ENV} points at one"
    )


def article_sentences(text: str) -> list[str]:
    """The sentences of a corpus article's text, in the order the ``sentence`` index counts them."""
    sentencizer = _sentencizer()
    return [
        sentence.text.strip()
        for paragraph in paragraphs(text)
        for sentence in sentencizer(paragraph).sents
        if sentence.text.strip()
    ]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a corpus text (see the module docstring), white space folded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    hard_wrapped = _INDENTED_LINE.search(text) is not None
    found: list[str] = []
    for block in _BLANK_LINES.split(text):
        current: list[str] = []
        for line in block.split("\n"):
            starts_paragraph = not hard_wrapped or line[:1] in (" ", "\t")
            if starts_paragraph and current:
                found.append(" ".join(current))
                current = []
            if line.strip():
                current.append(line)
        if current:
            found.append(" ".join(current))
    folded = (_WS.sub(" ", paragraph).strip() for paragraph in found)
    return [paragraph for paragraph in folded if paragraph]


def sentence_check(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:8]


def iter_corpus(corpus_file: Path) -> Iterator[dict]:
    """The articles of a gzip JSON Lines corpus."""
    with gzip.open(corpus_file, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@cache
def _sentencizer() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def _repo_root() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    return None


def _read_lines(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8") as fh:
            raw_lines = list(fh)
    except OSError as exc:
        raise GoldError(f"gold file {path}: {exc}") from None
    for number, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: not JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(item, dict):
            raise GoldError(f"{path}:{number}: expected an object, got {type(item).__name__}")
        if not isinstance(item.get("events"), list):
            raise GoldError(f"{path}:{number}: no list of 'events'")
        yield number, item


def _validate_reference(path: Path, number: int, item: dict) -> None:
    missing = [key for key in REFERENCE_KEYS if key not in item]
    if missing:
        raise GoldError(
            f"{path}:{number}: a line needs either 'text' or a reference ({', '.join(REFERENCE_KEYS)}); "
            f"missing {', '.join(missing)}"
        )
    if not isinstance(item["sentence"], int) or isinstance(item["sentence"], bool) or item["sentence"] < 0:
        raise GoldError(f"{path}:{number}: 'sentence' must be a non-negative integer")


def _article_texts(corpus_file: Path, ids: Iterable[str]) -> dict[str, str]:
    if not corpus_file.is_file():
        raise GoldError(f"corpus {corpus_file} does not exist")
    wanted = set(ids)
    texts = {}
    for article in iter_corpus(corpus_file):
        if article.get("id") in wanted:
            texts[article["id"]] = article.get("text") or ""
    return texts


def _resolve(path: Path, number: int, item: dict, texts: dict[str, str]) -> dict:
    where = f"{path}:{number} ({item.get('id')})"
    if item["article"] not in texts:
        raise GoldError(f"{where}: article {item['article']!r} is not in corpus {item['corpus']}")
    sentences = article_sentences(texts[item["article"]])
    index = item["sentence"]
    if index >= len(sentences):
        raise GoldError(f"{where}: sentence {index} is out of range; the article has {len(sentences)}")
    sentence = sentences[index]
    if sentence_check(sentence) != item["check"]:
        raise GoldError(
            f"{where}: check {item['check']} does not match sentence {index} "
            f"(check {sentence_check(sentence)}): {sentence[:120]!r}"
        )
    document = {key: value for key, value in item.items() if key != "check"}
    document.update(text=sentence, title=item.get("title", ""), published=item.get("published"))
    return document


@click.group()
def main() -> None:
    """Helpers for annotating gold events by reference to corpus sentences."""


@main.command()
@click.argument("corpus")
@click.option("--where", "conditions", multiple=True, help="KEY=VALUE: the field equals or lists VALUE.")
@click.option("--grep", default=None, help="Only articles whose title or text contains this (any case).")
@click.option("--limit", default=50, show_default=True)
@click.option("--shared", type=click.Path(path_type=Path), default=None)
def articles(
    corpus: str, conditions: tuple[str, ...], grep: str | None, limit: int, shared: Path | None
) -> None:
    """List articles of CORPUS (a file name under corpora/): id, date, title."""
    pairs = [condition.split("=", 1) for condition in conditions]
    shown = 0
    for article in iter_corpus(find_shared(shared) / "corpora" / corpus):
        if not all(_field_matches(article.get(key), value) for key, value in pairs):
            continue
        if grep and grep.lower() not in f"{article.get('title')}\n{article.get('text')}".lower():
            continue
        click.echo(f"{article['id']}\t{article.get('date', '')}\t{(article.get('title') or '')[:100]}")
        shown += 1
        if shown >= limit:
            break


@main.command()
@click.argument("corpus")
@click.argument("article_id")
@click.option("--shared", type=click.Path(path_type=Path), default=None)
def sentences(corpus: str, article_id: str, shared: Path | None) -> None:
    """Print the indexed sentences of one article with their check values."""
    texts = _article_texts(find_shared(shared) / "corpora" / corpus, [article_id])
    if article_id not in texts:
        raise click.ClickException(f"article {article_id!r} is not in {corpus}")
    for index, sentence in enumerate(article_sentences(texts[article_id])):
        click.echo(f"{index}\t{sentence_check(sentence)}\t{sentence}")


@main.command()
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--shared", type=click.Path(path_type=Path), default=None)
def resolve(gold_file: Path, shared: Path | None) -> None:
    """Resolve every line of GOLD_FILE; print documents and events per corpus and split."""
    try:
        documents = load_gold(gold_file, shared)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from None
    counts: Counter[tuple[str, str]] = Counter()
    events: Counter[tuple[str, str]] = Counter()
    for document in documents:
        key = (document.get("corpus", "(text)"), document.get("split", "-"))
        counts[key] += 1
        events[key] += len(document["events"])
    for key in sorted(counts):
        click.echo(f"{key[0]}\t{key[1]}\t{counts[key]} documents\t{events[key]} events")
    click.echo(f"total\t\t{len(documents)} documents\t{sum(events.values())} events")


def _field_matches(field: object, value: str) -> bool:
    if isinstance(field, list):
        return value in (str(item) for item in field)
    return str(field) == value


if __name__ == "__main__":
    main()
