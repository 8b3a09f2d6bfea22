"""Acts told but not done: announced for later ("will attack"), asked about ("asked whether"), asked for
deep in an appeal ("urged all states to play their part in changing ..."), hoped for as a possibility
("hoped mediation could help"). Filters of `EVENT_FILTERS` (transforms/coder/clauses.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from transforms.cameo import is_intent, is_verbal
from transforms.coder.lexicon import Lexicon
from transforms.coder.mode import has_intent_modal, is_future, is_negated
from transforms.coder.model import Trigger
from transforms.verbs import SAME_CODE

if TYPE_CHECKING:
    from transforms.coder.clauses import Clauses

# Modes of verbs whose act, announced for later ("will urge X to", "will demand"), has not happened and has
# no intent code (for other verbs the intent rows of modes.tsv say it: "will criticise" keeps 111).
ANNOUNCED_MODES = frozenset({"say", "appeal", "demand", "deny"})
# What could happen, as against what should ("agreed that their countries should cooperate" is a plan).
POSSIBILITY_MODALS = frozenset({"could", "might", "may"})
# How an act hangs below the appeal that asks for it: "urge all states to play their part in changing ...".
ASKED_DEPS = frozenset({"xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "dobj"})


def announced_words(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "will attack Labour's record in a speech", "ministers will invite observers", "will demand", "is to
    investigate": an act in words announced for later that CAMEO has no intent code for (its intent row
    in modes.tsv keeps its code) has not happened. An announced act that has one is coded as the intent
    ("will send troops" 0332, "will meet" 036); "will not accept" refuses; an accusation ("is going to
    blame Russia") keeps whom it blames."""
    token = trigger.light or trigger.token
    announced = (token.tag_ == "VB" and has_intent_modal(lex, token)) or is_future(token)
    if not announced or is_negated(lex, token):
        return False  # "would set out plans ... and attacked the Tory plans": the second verb is done
    pattern = trigger.pattern
    if pattern.mode:
        return pattern.mode in ANNOUNCED_MODES
    # an act in words whose intent row in modes.tsv keeps its code ("="): CAMEO has no intent code for it
    # ("will deploy troops" stays a show of force, 154, as the actor's stated plan)
    code = pattern.code
    return is_verbal(code) and not is_intent(code) and lex.rewrites.row("intent", code) == SAME_CODE


def question_asked(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "asked whether ministers had looked at measures", "asked what the government had to hide": a
    question is no appeal (an appeal asks someone to do something: "asked him to confirm")."""
    if trigger.pattern.mode != "appeal":
        return False
    token = trigger.light or trigger.token
    children = list(token.children)
    if any(c.dep_ == "xcomp" for c in children):
        return False
    return any(c.dep_ == "ccomp" and is_question_clause(c) for c in children)


def is_question_clause(clause: Token) -> bool:
    """ "whether ministers had looked", "if they would be happy", "what the government had to hide"."""
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return True
    first = clause.doc[clause.left_edge.i]
    return first.tag_ in ("WDT", "WP", "WP$", "WRB")


def asked_for(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "urge all states to play their part in changing the course", "called on the leadership to cease
    testing, comply with the resolutions and allow space to explore talks": an act deep in what an appeal
    or demand asks for is part of what is asked, not done (the clause it governs directly is coded
    through it: `governed_by_another`)."""
    current = trigger.token
    for _ in range(6):
        if current.dep_ not in ASKED_DEPS or not (sent.start <= current.head.i < sent.end):
            return False
        reached_by = current.dep_
        current = current.head
        governor = clauses.by_token.get(current.i)
        if governor is not None and governor is not trigger:
            # what is asked is the appeal's object or clause ("urged X to ..."), not an act beside it
            return governor.pattern.mode in ("appeal", "demand") and reached_by in ("xcomp", "ccomp", "dobj")
    return False


def hoped_possibility(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "hoped voluntary mediation could help solve disputes": an intent verb whose clause is what could or
    might happen states a hope, not the actor's own plan ("agreed that their countries should cooperate"
    is one)."""
    complement = clauses.complement(trigger)
    if trigger.pattern.mode != "intent" or complement is None or complement.token.dep_ != "ccomp":
        return False
    return any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for c in complement.token.children)
