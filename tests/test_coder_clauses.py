"""Which triggers of a sentence are events of their own (transforms/coder/clauses.py, and the no-event rows
of verbs.tsv): elections, conceding them and pleading guilty are no events between actors. Background
and acts told but not done are tested in test_coder_background.py and test_coder_unrealised.py.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce on the
trained model, with the bundled dictionaries.

Beside them, hand-made parses (tests/handparse.py), without the parser: the clause a verb governs is
coded through it, and one act told with two verbs is one event.
"""

from __future__ import annotations

from datetime import date

import pytest
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder
from transforms.coder.clauses import Clauses, is_own_event
from transforms.coder.lexicon import Lexicon
from transforms.coder.triggers import find_triggers

PUBLISHED = date(2023, 3, 8)


def triples(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    "text",
    [
        "Hillary Clinton conceded defeat on Wednesday.",
        "Several EU members will hold a referendum on the treaty.",
        "Scotland will hold a referendum on independence next year.",
        "The Kenyan man admitted manslaughter at the Old Bailey.",
    ],
)
def test_clauses_elections_and_pleas_are_no_events(nlp: Language, coder: Coder, text: str) -> None:
    assert triples(nlp, coder, text) == set()


AGREED_TO_SEND = parsed(
    "Japan    PROPN  nsubj  agreed  ent=GPE",
    "agreed   VERB   ROOT   -       lemma=agree",
    "to       PART   aux    send    tag=TO",
    "send     VERB   xcomp  agreed  tag=VB",
    "tanks    NOUN   dobj   send    lemma=tank tag=NNS",
    "to       ADP    prep   send",
    "Ukraine  PROPN  pobj   to#2    ent=GPE",
)
STRUCK_KILLING = parsed(
    "Libyan     ADJ    amod    rebels     ent=NORP",
    "rebels     NOUN   nsubj   struck     lemma=rebel tag=NNS",
    "struck     VERB   ROOT    -          lemma=strike",
    "the        DET    det     consulate",
    "consulate  NOUN   dobj    struck",
    ",          PUNCT  punct   struck",
    "killing    VERB   advcl   struck     lemma=kill tag=VBG",
    "two        NUM    nummod  guards",
    "guards     NOUN   dobj    killing    lemma=guard tag=NNS",
)
SHOT_AND_KILLED = parsed(
    "Israeli  ADJ    amod   police  ent=NORP",
    "police   NOUN   nsubj  shot",
    "shot     VERB   ROOT   -       lemma=shoot",
    "and      CCONJ  cc     shot",
    "killed   VERB   conj   shot    lemma=kill",
    "a        DET    det    driver",
    "driver   NOUN   dobj   killed",
)
SENT_FOOD_TO_HELP = parsed(
    "the     DET    det       Nations",
    "United  PROPN  compound  Nations  ent=ORG",
    "Nations PROPN  nsubj     sent     ent=I-ORG",
    "sent    VERB   ROOT      -        lemma=send",
    "food    NOUN   dobj      sent",
    "to      PART   aux       help     tag=TO",
    "help    VERB   advcl     sent     tag=VB",
    "Yemen   PROPN  dobj      help     ent=GPE",
)


def test_clauses_a_governed_clause_is_coded_by_its_governor(lex: Lexicon, coder: Coder) -> None:
    sent = AGREED_TO_SEND[:]
    clauses = Clauses.of(find_triggers(lex, sent), sent)
    agreed, send = (clauses.by_token[i] for i in (1, 3))
    assert clauses.complement(agreed) is send
    assert is_own_event(lex, agreed, clauses, sent) and not is_own_event(lex, send, clauses, sent)
    assert code(AGREED_TO_SEND, coder) == {("JPN", "UKR", "0332")}  # the intent to send arms


AGREED_AFTER_A_WARNING = parsed(
    "Following  VERB   prep   agreed   lemma=follow tag=VBG",
    "a          DET    det    warning",
    "warning    NOUN   pobj   Following",
    "from       ADP    prep   warning",
    "Russia     PROPN  pobj   from     ent=GPE",
    "Poland     PROPN  nsubj  agreed   ent=GPE",
    "agreed     VERB   ROOT   -        lemma=agree",
)


def test_clauses_an_occasion_is_not_what_is_agreed_to(lex: Lexicon, coder: Coder) -> None:
    """ "Following a warning from Russia, Poland agreed": the warning is no argument of the agreeing (as
    "agreed to a ceasefire" is), so it is no warning by Poland."""
    sent = AGREED_AFTER_A_WARNING[:]
    clauses = Clauses.of(find_triggers(lex, sent), sent)
    assert 2 not in clauses.governed
    assert not {c for _, _, c in code(AGREED_AFTER_A_WARNING, coder) if c.startswith("13")}


@pytest.mark.parametrize(
    ("doc", "second", "events"),
    [
        (STRUCK_KILLING, "killing", {("LBYREB", "LBYGOV", "190")}),  # ", killing ...": the strike's outcome
        # two violent verbs, one object; the unnamed driver is a civilian of the police's country (@VICTIM)
        (SHOT_AND_KILLED, "killed", {("ISRCOP", "ISRCVL", "193")}),
        (SENT_FOOD_TO_HELP, "help", {("IGOUNO", "YEM", "073")}),  # @PURPOSE: the aid's purpose
    ],
)
def test_clauses_one_act_told_with_two_verbs_is_one_event(
    lex: Lexicon, coder: Coder, doc: Doc, second: str, events: set
) -> None:
    sent = doc[:]
    clauses = Clauses.of(find_triggers(lex, sent), sent)
    trigger = next(t for t in clauses.triggers if t.token.text == second)
    assert not is_own_event(lex, trigger, clauses, sent)
    assert code(doc, coder) == events


@pytest.mark.parametrize(
    "text",
    [
        # accidents and disasters are no event between actors, and neither is what they cause
        "A small plane crash Sunday in northwest Costa Rica killed 12 people, officials said.",
        "A plane carrying 10 foreigners crashed in a wooded area in Costa Rica, killing all aboard.",
        "A tram derailed in Croydon, killing seven people.",
        "A tourist ship struck a highway bridge in Germany and 25 people were injured, police said.",
        "An earthquake in Iran killed 300 people.",
        # a capability is no act either
        "North Korea has a missile able to strike American cities.",
    ],
)
def test_clauses_accidents_are_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert not {code for _, _, code in triples(nlp, coder, text) if code[:2] in ("18", "19", "20")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islamic State militants killed 130 people in Paris.", ("IMGMOSISI", "FRACVL", "1823")),
        # firing is no accident, so what follows it is no mishap's result
        (
            "Palestinian militants fired rockets at Israel, and Israeli jets struck targets in Gaza.",
            ("ISRMIL", "PSE", "190"),
        ),
    ],
)
def test_clauses_an_attack_is_still_one(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(nlp, coder, text)
