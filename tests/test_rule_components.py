"""pipelines/rule_components.py: the attribute ruler and the rule lemmatizer give spaCy's own annotations."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipelines import rule_components
from pipelines.nlp import resolve_model
from pipelines.rule_components import PatternIndex, speed_up_rules

DEMO = Path(__file__).resolve().parents[1] / "pipelines" / "demo" / "articles.jsonl"

# Texts for the ruler's word-specific and two-word rules, spaces, contractions and common news prose.
TEXTS = [
    "There is a plan, and there were two others.",
    "They're gonna win, y'all, and we gotta go.",
    "Let's go. C'mon, it ain't over.",
    "He gets what he got; she has got it.",
    "Workers saw the logs and will saw more.",  # one word and part of speech, two morphologies and lemmas
    "Two\n\nparagraphs   with  odd   spacing.\n",
    "U.S. officials said on Tuesday that Iran's foreign minister would visit Moscow.",
    "“We will not negotiate,” the rebels' spokesman told Reuters by phone from Aden.",
    "The ministers' talks, which began Monday, broke down; neither side'd say why.",
    "",
]


def annotations(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The same trained pipeline with spaCy's own rule components."""
    return spacy.load(resolve_model())


@pytest.fixture(scope="module")
def fast(stock: Language) -> Language:
    nlp = spacy.load(resolve_model())
    assert speed_up_rules(nlp) == ["attribute_ruler", "lemmatizer"]
    return nlp


def demo_texts() -> list[str]:
    with DEMO.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


@pytest.mark.parametrize("text", TEXTS)
def test_rule_components_annotate_as_spacy(stock: Language, fast: Language, text: str) -> None:
    assert annotations(next(fast.pipe([text]))) == annotations(next(stock.pipe([text])))


def test_rule_components_annotate_demo_articles_as_spacy(stock: Language, fast: Language) -> None:
    texts = demo_texts()
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert annotations(ours) == annotations(theirs)


def test_rule_components_find_the_matchers_matches(stock: Language, fast: Language) -> None:
    ruler, index = stock.get_pipe("attribute_ruler"), fast.get_pipe("attribute_ruler").match.__self__
    assert isinstance(index, PatternIndex)
    for doc in stock.pipe(demo_texts() + TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert index.match(doc) == sorted(set(ruler.match(doc)))


def test_rule_components_small_memos_change_nothing(stock: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_components, "MEMO_ENTRIES", 3)  # emptied again and again
    nlp = spacy.load(resolve_model())
    speed_up_rules(nlp)
    texts = demo_texts()[:6]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert annotations(ours) == annotations(theirs)


def custom_doc(nlp: Language) -> Doc:
    words = ["Y'", "all", "gonna", "see", "it", ",", "aren't", "you", "?", " ", "WE", "DO", "!"]
    tags = ["PRP", "DT", "VBG", "VB", "PRP", ",", "VBP", "PRP", ".", "_SP", "PRP", "VBP", "."]
    deps = ["nsubj", "det", "aux", "ROOT", "dobj", "punct", "aux", "nsubj", "punct", "dep", "nsubj"]
    deps += ["ROOT", ""]  # "": no label
    heads = [3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 11, 11, 11]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


CUSTOM_PATTERNS = [
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {
        "patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "DEP": {"NOT_IN": ["ROOT", ""]}}]],
        "attrs": {"POS": "AUX"},
    },
    {"patterns": [[{"TEXT": "gonna"}, {}]], "attrs": {"LEMMA": "see"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}], [{"IS_UPPER": True, "TAG": "PRP"}]], "attrs": {"MORPH": "Case=Nom"}},
    {"patterns": [[{"IS_PUNCT": True}, {"IS_SPACE": True}, {"is_upper": True}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"DEP": "ROOT"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"DEP": "ROOT"}]], "attrs": {"POS": "AUX"}},  # a later rule wins
]


def test_rule_components_patterns_of_every_kind_match_as_the_matcher() -> None:
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add_patterns(CUSTOM_PATTERNS)
    index = PatternIndex.of(stock)
    assert index is not None
    doc = custom_doc(nlp)
    assert index.match(doc) == sorted(set(stock.match(doc)))
    assert len(index.match(doc)) >= 9
    ours, theirs = custom_doc(nlp), custom_doc(nlp)
    index.set_annotations(ours, index.match(ours))
    stock(theirs)
    assert annotations(ours) == annotations(theirs)


@pytest.mark.parametrize(
    "token",
    [
        {"LOWER": "a", "OP": "+"},
        {"LENGTH": 3},
        {"LOWER": {"FUZZY": "tree"}},
        {"_": {"x": 1}},
        {"MORPH": "Case=Nom"},
    ],
)
def test_rule_components_unknown_patterns_keep_spacys_code(token: dict) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "b"}], [token]], {"LEMMA": "x"})
    assert PatternIndex.of(ruler) is None
    assert speed_up_rules(nlp) == []


def test_rule_components_sped_up_pipeline_saves_and_loads(fast: Language, tmp_path: Path) -> None:
    fast.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    text = TEXTS[3]  # words the ruler has rules of its own for
    assert annotations(again(text)) == annotations(next(fast.pipe([text])))
    assert pickle.loads(pickle.dumps(fast)).get_pipe("lemmatizer").lookups.to_bytes()
