"""Gold files: plain lines, lines that reference corpus sentences, and the project's own gold data."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pipelines.gold import (
    GoldError,
    SharedMissingError,
    article_sentences,
    load_gold,
    paragraphs,
    sentence_check,
)
from transforms.cameo import cameo_codes

REPO = Path(__file__).resolve().parents[1]
DEMO_ARTICLES = REPO / "pipelines" / "demo" / "articles.jsonl"
CORPUS_GOLD = REPO / "tests" / "gold" / "corpus_gold.jsonl"
ACTOR_CODE = re.compile(r"^(?:[A-Z]{3})+$")

FAKE_ARTICLES = [
    {
        "id": "a1",
        "category": "world",
        "text": "Headline of the day\nPARIS -- France recalled its ambassador. Germany said nothing.\n"
        "Italy protested.",
    },
    {
        "id": "r1",
        "text": "    Iran accused Iraq of attacking\nits ships in the Gulf. Officials\nsaid so.\n"
        "    Kuwait denied it.\n",
    },
]


def make_shared(root: Path) -> Path:
    """A shared folder with one small gzip JSON Lines corpus."""
    corpora = root / "shared" / "corpora"
    corpora.mkdir(parents=True)
    with gzip.open(corpora / "fake.jsonl.gz", "wt", encoding="utf-8") as fh:
        for article in FAKE_ARTICLES:
            fh.write(json.dumps(article) + "\n")
    return root / "shared"


def reference(doc_id: str, article: str, index: int, sentence: str, **extra: object) -> dict:
    return {
        "id": doc_id,
        "corpus": "fake.jsonl.gz",
        "article": article,
        "sentence": index,
        "check": sentence_check(sentence),
        "published": "2017-09-15",
        "events": [{"source": "FRA", "target": "", "code": "010", "alt": []}],
        **extra,
    }


def write_gold(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One line.\nAnother line.", ["One line.", "Another line."]),
        ("First para\n\n  \n\nSecond   para", ["First para", "Second para"]),
        ("    Wrapped line\ncontinues here.\n    Next para.", ["Wrapped line continues here.", "Next para."]),
        ("    Indented start\n\nafter blank\nstill wrapped", ["Indented start", "after blank still wrapped"]),
        ("Windows\r\nline ends", ["Windows", "line ends"]),
        ("\n\n", []),
    ],
)
def test_gold_paragraphs_follow_line_structure(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            FAKE_ARTICLES[0],
            [
                "Headline of the day",
                "PARIS -- France recalled its ambassador.",
                "Germany said nothing.",
                "Italy protested.",
            ],
        ),
        (
            FAKE_ARTICLES[1],
            [
                "Iran accused Iraq of attacking its ships in the Gulf.",
                "Officials said so.",
                "Kuwait denied it.",
            ],
        ),
    ],
)
def test_gold_sentences_count_across_paragraphs(article: dict, expected: list[str]) -> None:
    assert article_sentences(article["text"]) == expected


def test_gold_reference_resolves_to_its_sentence(tmp_path: Path) -> None:
    shared = make_shared(tmp_path)
    line = reference("g1", "a1", 2, "Germany said nothing.", split="dev")
    gold = write_gold(tmp_path / "gold.jsonl", [line])
    (document,) = load_gold(gold, shared)
    assert document["text"] == "Germany said nothing."
    assert document["title"] == ""
    assert document["published"] == "2017-09-15"
    assert document["split"] == "dev"
    assert document["events"] == line["events"]
    assert "check" not in document


def test_gold_hard_wrapped_reference_resolves(tmp_path: Path) -> None:
    shared = make_shared(tmp_path)
    sentence = "Iran accused Iraq of attacking its ships in the Gulf."
    gold = write_gold(tmp_path / "gold.jsonl", [reference("r", "r1", 0, sentence)])
    assert load_gold(gold, shared)[0]["text"] == sentence


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"check": "00000000"}, "does not match sentence 2"),
        ({"sentence": 9}, "out of range"),
        ({"article": "nope"}, "'nope' is not in corpus"),
        ({"corpus": "missing.jsonl.gz"}, "does not exist"),
        ({"sentence": -1}, "non-negative"),
    ],
)
def test_gold_bad_reference_raises(tmp_path: Path, change: dict, message: str) -> None:
    shared = make_shared(tmp_path)
    line = reference("g1", "a1", 2, "Germany said nothing.") | change
    gold = write_gold(tmp_path / "gold.jsonl", [line])
    with pytest.raises(GoldError, match=message):
        load_gold(gold, shared)


def test_gold_missing_shared_raises_catchable_error(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", [reference("g1", "a1", 2, "Germany said nothing.")])
    with pytest.raises(SharedMissingError):
        load_gold(gold, tmp_path / "no-shared-here")


def test_gold_plain_lines_pass_through_without_shared(tmp_path: Path) -> None:
    plain = {
        "id": "d1",
        "published": "2021-06-16",
        "title": "t",
        "text": "Biden met Putin.",
        "extra": [1, 2],
        "events": [{"source": "USAGOV", "target": "RUSGOV", "code": "040", "alt": ["043"]}],
    }
    gold = write_gold(tmp_path / "gold.jsonl", [plain])
    assert load_gold(gold, tmp_path / "no-shared-here") == [plain]


@pytest.mark.parametrize(
    ("split", "expected_ids"), [(None, ["p", "g1", "g2"]), ("dev", ["g1"]), ("test", ["g2"])]
)
def test_gold_split_filter(tmp_path: Path, split: str | None, expected_ids: list[str]) -> None:
    shared = make_shared(tmp_path)
    lines = [
        {"id": "p", "published": "2020-01-01", "title": "", "text": "Plain.", "events": []},
        reference("g1", "a1", 2, "Germany said nothing.", split="dev"),
        reference("g2", "a1", 3, "Italy protested.", split="test"),
    ]
    gold = write_gold(tmp_path / "gold.jsonl", lines)
    assert [document["id"] for document in load_gold(gold, shared, split=split)] == expected_ids


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not JSON"),
        ("[1]", "expected an object"),
        ('{"id": "x", "text": "t"}', "no list of 'events'"),
        ('{"id": "x", "corpus": "fake.jsonl.gz", "events": []}', "missing article, sentence, check"),
    ],
)
def test_gold_malformed_line_raises(tmp_path: Path, line: str, message: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(gold, make_shared(tmp_path))


def assert_valid_events(document: dict) -> None:
    """Every event of a gold document uses defined CAMEO codes and well-formed actor codes."""
    codes = cameo_codes()
    for event in document["events"]:
        assert event["code"] in codes, (document["id"], event)
        assert all(alt in codes for alt in event.get("alt", [])), (document["id"], event)
        assert ACTOR_CODE.match(event["source"]), (document["id"], event)
        assert event["target"] == "" or ACTOR_CODE.match(event["target"]), (document["id"], event)
        assert set(event) <= {"source", "target", "code", "alt", "date", "optional"}, (document["id"], event)


def test_gold_corpus_gold_resolves(shared: Path) -> None:
    documents = load_gold(CORPUS_GOLD, shared)
    assert len({document["id"] for document in documents}) == len(documents)
    splits = Counter(document["split"] for document in documents)
    assert set(splits) == {"dev", "test"}
    assert splits["test"] >= 50
    for document in documents:
        assert document["text"]
        assert_valid_events(document)


def test_gold_demo_articles_are_gold_documents() -> None:
    documents = load_gold(DEMO_ARTICLES)
    assert len({document["id"] for document in documents}) == len(documents)
    for document in documents:
        assert {"id", "url", "title", "text", "published", "events"} <= set(document)
        assert "\n\n" in document["text"] or "\n" not in document["text"]
        assert_valid_events(document)
