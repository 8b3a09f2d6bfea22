"""Sport words of an article (transforms/coder/sport.py): phrases counted once and read greedily, words
by their lemmas, hyphens left out; a sentence with two sport words or a score is sport."""

from __future__ import annotations

import pytest
from handparse import parsed

from transforms.coder.lexicon import Lexicon

WORLD_CUP_SEMI_FINAL = parsed(
    "the     DET    det       final",
    "World   PROPN  compound  Cup     ent=EVENT",
    "Cup     PROPN  compound  final   ent=I-EVENT",
    "semi    ADJ    amod      final",
    "-       PUNCT  punct     final",
    "final   NOUN   ROOT      -",
)
SCORED_GOALS = parsed(
    "Kane    PROPN  nsubj  scored  ent=PERSON",
    "scored  VERB   ROOT   -       lemma=score",
    "two     NUM    nummod goals",
    "goals   NOUN   dobj   scored  lemma=goal tag=NNS",
)
WON_TWO_NIL = parsed(
    "Madrid  PROPN  nsubj  won     ent=GPE",
    "won     VERB   ROOT   -       lemma=win",
    "2-0     NUM    dobj   won",
)


@pytest.mark.parametrize(
    ("doc", "hits"),
    [
        (WORLD_CUP_SEMI_FINAL, ["world cup", "semi final"]),  # a phrase once; "semi-final" as "semi final"
        (SCORED_GOALS, ["score", "goal"]),  # a word by its lemma
        (WON_TWO_NIL, []),
    ],
)
def test_sport_hits(lex: Lexicon, doc, hits: list[str]) -> None:
    assert lex.sport.find(doc).hits() == hits


@pytest.mark.parametrize(
    ("doc", "sport"),
    [(WORLD_CUP_SEMI_FINAL, True), (SCORED_GOALS, True), (WON_TWO_NIL, False)],
)
def test_sport_sentences(lex: Lexicon, doc, sport: bool) -> None:
    sent = doc[:]
    assert lex.sport.find(doc).sentence_is_sport(sent) is sport


def test_sport_a_score_counts_as_a_sport_word(lex: Lexicon) -> None:
    doc = parsed(
        "Madrid   PROPN  nsubj  won     ent=GPE",
        "won      VERB   ROOT   -       lemma=win",
        "the      DET    det    match",
        "match    NOUN   dobj   won",
        "2-0      NUM    npadvmod won",
    )
    assert lex.sport.find(doc).sentence_is_sport(doc[:])  # "match" and "2-0"
