"""An article coded (transforms/coder/article.py), on hand-made parses (tests/handparse.py), without the
parser: an event told in two sentences is one row, and a sports report codes no event."""

from __future__ import annotations

from handparse import PUBLISHED, code, parsed

from transforms.coder import ArticleContext, Coder

RUSSIA_ATTACKED_UKRAINE = (
    "Russia    PROPN  nsubj  attacked#{n}  ent=GPE",
    "attacked  VERB   ROOT   -             lemma=attack",
    "Ukraine   PROPN  dobj   attacked#{n}  ent=GPE",
    ".         PUNCT  punct  attacked#{n}",
)


def attack(n: int) -> list[str]:
    """ "Russia attacked Ukraine.", its verb the n-th "attacked" of the doc."""
    return [line.format(n=n) for line in RUSSIA_ATTACKED_UKRAINE]


def test_article_event_told_twice_is_one_row(coder: Coder) -> None:
    doc = parsed(*attack(1), *attack(2))
    events = coder.code(doc, ArticleContext("hand", PUBLISHED, PUBLISHED)).events
    assert [(e["source_code"], e["target_code"], e["cameo_code"]) for e in events] == [("RUS", "UKR", "190")]


def test_article_sports_report_codes_nothing(coder: Coder) -> None:
    # @SPORT words: striker, score, goal, match (four or more: the article is a sports report)
    report = (
        "the      DET    det    striker",
        "striker  NOUN   nsubj  scored",
        "scored   VERB   ROOT   -        lemma=score",
        "a        DET    det    goal",
        "goal     NOUN   dobj   scored",
        "in       ADP    prep   scored",
        "the      DET    det    match",
        "match    NOUN   pobj   in",
        ".        PUNCT  punct  scored",
    )
    assert code(parsed(*report, *attack(1)), coder) == set()
    # two of them make no sports report: the attack is coded
    aside = (
        "the DET det striker",
        "striker NOUN nsubj scored",
        "scored VERB ROOT - lemma=score",
        ". PUNCT punct scored",
    )
    assert code(parsed(*aside, *attack(1)), coder) == {("RUS", "UKR", "190")}
