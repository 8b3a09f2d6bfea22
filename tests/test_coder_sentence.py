"""One sentence coded (transforms/coder/sentence.py), on hand-made parses (tests/handparse.py), without the
parser: a reversed pattern swaps who acts and who undergoes, a negated event is kept as negated with a low
confidence, and what a saying reports is coded rather than the saying."""

from __future__ import annotations

from handparse import PUBLISHED, code, parsed
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder


def rows(coder: Coder, doc: Doc) -> list[dict]:
    return coder.code(doc, ArticleContext("hand", PUBLISHED, PUBLISHED)).events


def test_sentence_reversed_pattern_swaps_source_and_target(coder: Coder) -> None:
    doc = parsed(
        "China     PROPN  nsubj  received  ent=GPE",
        "received  VERB   ROOT   -         lemma=receive",
        "loans     NOUN   dobj   received  lemma=loan",
        "from      ADP    prep   received",
        "Japan     PROPN  pobj   from      ent=GPE",
        ".         PUNCT  punct  received",
    )
    assert code(doc, coder) == {("JPN", "CHN", "071")}  # the lender gives the aid


def test_sentence_negated_event_is_kept_negated_with_low_confidence(coder: Coder) -> None:
    doc = parsed(
        "Russia   PROPN  nsubj  attack  ent=GPE",
        "did      AUX    aux    attack  lemma=do tag=VBD",
        "not      PART   neg    attack  tag=RB",
        "attack   VERB   ROOT   -       tag=VB",
        "Ukraine  PROPN  dobj   attack  ent=GPE",
        ".        PUNCT  punct  attack",
    )
    [event] = rows(coder, doc)
    assert (event["source_code"], event["target_code"], event["cameo_code"]) == ("RUS", "UKR", "190")
    assert event["is_negated"] and event["confidence"] <= 0.3


def test_sentence_what_a_saying_reports_is_the_event(coder: Coder) -> None:
    doc = parsed(
        "Russia    PROPN  nsubj  said      ent=GPE",
        "said      VERB   ROOT   -         lemma=say",
        "it        PRON   nsubj  attacked",
        "attacked  VERB   ccomp  said      lemma=attack",
        "Ukraine   PROPN  dobj   attacked  ent=GPE",
        ".         PUNCT  punct  said",
    )
    assert code(doc, coder) == {("RUS", "UKR", "190")}
