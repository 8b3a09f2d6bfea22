"""What the coder knows (transforms/coder/lexicon.py): every word list its rules read is a row of the
bundled data, read once into the Lexicon."""

from __future__ import annotations

from transforms.coder.lexicon import DEFINITE_CLASSES, Lexicon
from transforms.verbs import load_verbs


def test_lexicon_word_lists_are_the_class_rows_of_verbs_tsv(lex: Lexicon) -> None:
    verbs = load_verbs()
    assert lex.launch_verbs == verbs.word_class("@LAUNCH")
    assert lex.unnamed_objects == verbs.word_class("@VICTIM") | verbs.word_class("@TERRAIN")
    assert {"stage", "wage"} <= set(lex.lemma_fixes.values())  # @LEMMA:<lemma> rows
    assert lex.lemma_fixes["staged"] == "stage"


def test_lexicon_definite_descriptions_by_kind(lex: Lexicon) -> None:
    verbs = load_verbs()
    for kind, name in DEFINITE_CLASSES.items():
        for word in verbs.word_class(name):
            assert kind in lex.definite_kinds[word]
    assert "state" in lex.definite_kinds["country"]


def test_lexicon_say_verbs_are_the_say_rows(lex: Lexicon) -> None:
    verbs = load_verbs()
    assert "say" in lex.say_verbs
    for (_pos, lemma), patterns in verbs.patterns.items():
        if any(p.mode == "say" for p in patterns):
            assert lemma in lex.say_verbs
