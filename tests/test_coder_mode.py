"""How sure a clause is (transforms/coder/mode.py): what is hedged, counterfactual, found by a poll, read
by an expert, denied or negated is no event; what is wanted, purposed or vowed on a condition is an intent
or a threat, not the act.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce on the
trained model, with the bundled dictionaries.

Beside them, rules tested on hand-made parses (tests/handparse.py), without the parser: negation,
refusal, intent, condition, speculation, obligation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from importlib.resources import files

import pytest
from handparse import parsed
from spacy.language import Language

from transforms.coder import ArticleContext, Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.mode import (
    clause_mode,
    has_intent_modal,
    is_future,
    is_hypothetical,
    is_negated,
    is_refusal,
)
from transforms.coder.triggers import match_verb
from transforms.verbs import parse_mode_rewrites

PUBLISHED = date(2023, 3, 8)


def triples(nlp: Language, coder: Coder, text: str, negated: bool = False) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {
        (e["source_code"], e["target_code"], e["cameo_code"]) for e in events if e["is_negated"] is negated
    }


@pytest.mark.parametrize(
    "text",
    [
        # a hedge on the clause that governs the act ("quick to", "safer to")
        "Britain should not be too quick to impose sanctions on Russia, the foreign minister said.",
        "Britain shouldn't be too quick to impose sanctions on Russia.",
        "It would have been safer to seek a second UN resolution.",
        "Britain would have imposed sanctions on Russia.",
        # what is likely is a forecast
        "Experts say China is likely to impose sanctions on Japan.",
        "China is unlikely to impose sanctions on Japan.",
        # what a poll finds, what an expert reads
        "British voters would reject the European constitution, according to a poll.",
        "A survey found that Germans oppose sending weapons to Ukraine.",
        "Kim Dong-yup, a professor at Kyungnam University, said North Korea was confident in the missile's stability.",
        # a condition without "if"
        "Had Russia attacked Ukraine, NATO would have responded.",
        "Should Iran attack Israel, the United States would respond.",
        # a scam's pretence
        "The scam begins with an email purporting to be from a Nigerian official who seeks financial assistance from Britain.",
    ],
)
def test_mode_irrealis_is_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert triples(nlp, coder, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the denial or dismissal is coded, what it denies is not
        ("Serbia denied reports that Serbian ammunition had been shipped to Ukraine.", {("SRB", None, "016")}),
        ("Tony Blair dismissed reports he told Gordon Brown he would quit.", {("GBRELI", None, "016")}),
        # but an act told beside a denial, not inside it, is still an event
        (
            "We believe peace is possible now and we are ready to negotiate with Israel, Mr Abbas said.",
            {("PSEGOV", "ISR", "036")},
        ),
    ],
)
def test_mode_disputed_content_is_no_event(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The Islamic State group provided no evidence.", {("IMGMOSISI", None, "064")}),
        (
            "Russia did not attack Ukraine, nor did it bomb Kyiv.",
            {("RUS", "UKRGOV", "195")},  # one happening told twice: one row
        ),
    ],
)
def test_mode_no_and_nor_negate(nlp: Language, coder: Coder, text: str, negated: set) -> None:
    assert triples(nlp, coder, text) == set()
    assert triples(nlp, coder, text, negated=True) == negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is wanted is intended (03x; force threatened, 138), not done
        ("Germany wants to send weapons to Ukraine.", {("DEU", "UKR", "0332")}),
        ("Iran wants to attack Israel.", {("IRN", "ISR", "138")}),
        # a purpose clause shares the future of the clause it serves
        (
            "The European Union will meet next week to impose sanctions on Russia.",
            {("IGOEUREEC", "RUS", "1312")},
        ),
        # a vow on a condition to resign or to use force is a threat
        ("Roh Tae-woo vowed to resign if the reforms were rejected.", {("KORELI", None, "1313")}),
        ("Russia vowed to attack Ukraine if NATO expanded.", {("RUS", "UKR", "138")}),
        # a promise of help on a condition stays a promise
        ("Japan pledged to send aid to Turkey if the damage was confirmed.", {("JPN", "TUR", "033")}),
    ],
)
def test_mode_wanted_purposed_and_conditional_acts(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(nlp, coder, text) == expected


DID_NOT_ATTACK = parsed(
    "Russia    PROPN  nsubj  attack",
    "did       AUX    aux    attack  lemma=do",
    "not       PART   neg    attack",
    "attack    VERB   ROOT   -       tag=VB",
    "Ukraine   PROPN  dobj   attack  ent=GPE",
)
FAILED_TO_REACH = parsed(
    "talks     NOUN   nsubj  failed  lemma=talk tag=NNS",
    "failed    VERB   ROOT   -       lemma=fail",
    "to        PART   aux    reach   tag=TO",
    "reach     VERB   xcomp  failed  tag=VB",
    "a         DET    det    deal",
    "deal      NOUN   dobj   reach",
)
WILL_NOT_RELEASE = parsed(
    "Iran      PROPN  nsubj  release  ent=GPE",
    "will      AUX    aux    release",
    "not       PART   neg    release",
    "release   VERB   ROOT   -        tag=VB",
    "the       DET    det    sailors",
    "sailors   NOUN   dobj   release  lemma=sailor tag=NNS",
)
WOULD_NEVER_ACCEPT = parsed(
    "Iran      PROPN  nsubj  accept  ent=GPE",
    "would     AUX    aux    accept",
    "never     ADV    neg    accept",
    "accept    VERB   ROOT   -       tag=VB",
    "it        PRON   dobj   accept",
)


@pytest.mark.parametrize(
    ("doc", "word", "negated"),
    [
        (DID_NOT_ATTACK, "attack", True),  # a "not" under the verb
        (FAILED_TO_REACH, "reach", True),  # a @NEGATING verb governs it
        (WILL_NOT_RELEASE, "release", True),
        (FAILED_TO_REACH, "failed", False),
    ],
)
def test_mode_negation(lex: Lexicon, doc, word: str, negated: bool) -> None:
    token = next(t for t in doc if t.text == word)
    assert is_negated(lex, token) is negated


@pytest.mark.parametrize(
    ("doc", "word", "refusal"),
    [
        (WILL_NOT_RELEASE, "release", True),  # "will not": announced, so a refusal
        (WOULD_NEVER_ACCEPT, "accept", True),
        (DID_NOT_ATTACK, "attack", False),  # "did not": only negated
    ],
)
def test_mode_refusal(doc, word: str, refusal: bool) -> None:
    token = next(t for t in doc if t.text == word)
    assert is_refusal(token) is refusal


IF_ATTACKED = parsed(
    "NATO      PROPN  nsubj  respond  ent=ORG",
    "will      AUX    aux    respond",
    "respond   VERB   ROOT   -        tag=VB",
    "if        SCONJ  mark   attacks",
    "Russia    PROPN  nsubj  attacks  ent=GPE",
    "attacks   VERB   advcl  respond  lemma=attack tag=VBZ",
)
COULD_ATTACK = parsed(
    "Russia    PROPN  nsubj  attack  ent=GPE",
    "could     AUX    aux    attack",
    "attack    VERB   ROOT   -       tag=VB",
    "Ukraine   PROPN  dobj   attack  ent=GPE",
)
EXPECT_TO_ATTACK = parsed(
    "analysts  NOUN   nsubj  expect  lemma=analyst tag=NNS",
    "expect    VERB   ROOT   -       tag=VBP",
    "Russia    PROPN  nsubj  attack  ent=GPE",
    "to        PART   aux    attack  tag=TO",
    "attack    VERB   ccomp  expect  tag=VB",
)
QUESTION = parsed(
    "Did       AUX    aux    attack  lemma=do",
    "Russia    PROPN  nsubj  attack  ent=GPE",
    "attack    VERB   ROOT   -       tag=VB",
    "Ukraine   PROPN  dobj   attack  ent=GPE",
    "?         PUNCT  punct  attack",
)
THREATENED_UNLESS = parsed(
    "Iran        PROPN  nsubj  threatened  ent=GPE",
    "threatened  VERB   ROOT   -           lemma=threaten",
    "to          PART   aux    retaliate   tag=TO",
    "retaliate   VERB   xcomp  threatened  tag=VB",
    "unless      SCONJ  mark   withdrew",
    "Israel      PROPN  nsubj  withdrew    ent=GPE",
    "withdrew    VERB   advcl  retaliate   lemma=withdraw",
)


COULD_WHILE_CRITICISED = parsed(
    "plan        NOUN   nsubj  hurt        ",
    "could       AUX    aux    hurt",
    "hurt        VERB   ROOT   -           tag=VB",
    "Russia      PROPN  dobj   hurt        ent=GPE",
    ",           PUNCT  punct  hurt",
    "while       SCONJ  mark   criticised",
    "Britain     PROPN  nsubj  criticised  ent=GPE",
    "criticised  VERB   advcl  hurt        lemma=criticise",
    "Iran        PROPN  dobj   criticised  ent=GPE",
)
COULD_WHILE_TALKS_GO_ON = parsed(
    "Russia    PROPN  nsubj  attack  ent=GPE",
    "could     AUX    aux    attack",
    "attack    VERB   ROOT   -       tag=VB",
    "while     SCONJ  mark   meets",
    "Ukraine   PROPN  nsubj  meets   ent=GPE",
    "meets     VERB   advcl  attack  lemma=meet tag=VBZ",
    "NATO      PROPN  dobj   meets   ent=ORG",
)


@pytest.mark.parametrize(
    ("doc", "word", "hypothetical"),
    [
        (COULD_WHILE_CRITICISED, "hurt", True),
        (COULD_WHILE_CRITICISED, "criticised", False),  # a contrasting statement of its own
        (COULD_WHILE_TALKS_GO_ON, "meets", True),  # present tense: the time of the possibility
    ],
)
def test_mode_contrast_clause_is_not_under_the_modal(lex: Lexicon, doc, word: str, hypothetical: bool) -> None:
    token = next(t for t in doc if t.text == word)
    assert is_hypothetical(lex, token, token.sent) is hypothetical


@pytest.mark.parametrize(
    ("doc", "word", "hypothetical"),
    [
        (IF_ATTACKED, "attacks", True),  # the condition itself
        (IF_ATTACKED, "respond", True),  # "will respond if ...": what follows from a condition
        (COULD_ATTACK, "attack", True),  # a possibility
        (EXPECT_TO_ATTACK, "attack", True),  # a @SPECULATE verb governs it
        (QUESTION, "attack", True),
        (THREATENED_UNLESS, "retaliate", False),  # a threat is conditional by nature (@CONDITIONAL)
        (DID_NOT_ATTACK, "attack", False),
    ],
)
def test_mode_hypothetical(lex: Lexicon, doc, word: str, hypothetical: bool) -> None:
    token = next(t for t in doc if t.text == word)
    assert is_hypothetical(lex, token, token.sent) is hypothetical


WILL_SEND_TOMORROW = parsed(
    "Japan     PROPN  nsubj     send  ent=GPE",
    "will      AUX    aux       send",
    "send      VERB   ROOT      -     tag=VB",
    "aid       NOUN   dobj      send",
    "tomorrow  NOUN   npadvmod  send  ent=DATE",
)


def test_mode_intent_from_modal_and_future(lex: Lexicon) -> None:
    send = WILL_SEND_TOMORROW[2]
    assert has_intent_modal(lex, send) and is_future(send)
    assert not has_intent_modal(lex, DID_NOT_ATTACK[3]) and not is_future(DID_NOT_ATTACK[3])


SAID_SHOULD_FREE = parsed(
    "Britain  PROPN  nsubj  said     ent=GPE",
    "said     VERB   ROOT   -        lemma=say",
    "Tehran   PROPN  nsubj  free     ent=GPE",
    "should   AUX    aux    free",
    "free     VERB   ccomp  said     tag=VB",
    "the      DET    det    sailors",
    "sailors  NOUN   dobj   free     lemma=sailor tag=NNS",
)


def test_mode_said_should_is_a_demand(lex: Lexicon) -> None:
    said = match_verb(lex, SAID_SHOULD_FREE[1])
    assert said is not None and said.pattern.mode == "say"
    assert clause_mode(lex, said, None) == "demand"


VOWED_TO_RESIGN_IF = parsed(
    "Roh       PROPN  nsubj      vowed     ent=PERSON",
    "vowed     VERB   ROOT       -         lemma=vow tag=VBD",
    "to        PART   aux        resign",
    "resign    VERB   xcomp      vowed     tag=VB",
    "if        SCONJ  mark       rejected",
    "the       DET    det        reforms",
    "reforms   NOUN   nsubjpass  rejected  lemma=reform tag=NNS",
    "were      AUX    auxpass    rejected  lemma=be",
    "rejected  VERB   advcl      resign    lemma=reject tag=VBN",
)


def test_mode_conditional_intent_is_a_threat_where_a_threat_row_names_the_act(lex: Lexicon) -> None:
    """ "vowed to resign if ...": a conditional intent to do what a threat row of modes.tsv rewrites is a
    threat; without the row (a user's modes.tsv) it stays an intent."""
    vowed = match_verb(lex, VOWED_TO_RESIGN_IF[1])
    resign = match_verb(lex, VOWED_TO_RESIGN_IF[3])
    assert vowed is not None and resign is not None and resign.pattern.code == "0831"
    assert clause_mode(lex, vowed, resign) == "threat"
    bundled = files("transforms.data").joinpath("modes.tsv").read_text(encoding="utf-8").splitlines()
    without = replace(lex, rewrites=parse_mode_rewrites([r for r in bundled if r != "threat\t0831\t1313"]))
    assert clause_mode(without, vowed, resign) == "intent"
