"""How the triggers of one sentence relate, and which of them are events of their own.

A trigger may be the clause another governs ("agreed to send": the sending is coded through the
agreeing), the argument of a coded verb ("condemned the attack"), the purpose of another act ("sent aid
to help Jordan"), or a second verb of one act ("shot and killed"). `EVENT_FILTERS` lists, in order, the
reasons a trigger is not coded as an event of its own; a new one goes there. Background (what an actor is
or does by habit) is read in transforms/coder/background.py, acts told but not done (announced, asked
for, hoped) in transforms/coder/unrealised.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.cameo import has_purpose, is_protest, is_violent
from transforms.coder.background import habitual, standing_relation
from transforms.coder.lexicon import Lexicon
from transforms.coder.mode import (
    clause_mode,
    has_intent_modal,
    is_future,
    is_hypothetical,
    is_obliged,
)
from transforms.coder.model import Trigger
from transforms.coder.nominal import OCCASION_PREPS
from transforms.coder.unrealised import announced_words, asked_for, hoped_possibility, question_asked


@dataclass
class Clauses:
    """The triggers of a sentence by token, and which trigger codes each governed one."""

    triggers: list[Trigger]
    by_token: dict[int, Trigger]  # a trigger's token (and its event noun) -> the trigger
    governed: dict[int, Trigger]  # a governed trigger's token -> the trigger that codes it

    @classmethod
    def of(cls, triggers: list[Trigger], sent: Span) -> Clauses:
        by_token = {t.token.i: t for t in triggers}
        for trigger in triggers:
            if trigger.noun is not None:
                by_token.setdefault(trigger.noun.i, trigger)
        # Nouns and verbs that are arguments or clauses of another trigger are coded through it.
        governed: dict[int, Trigger] = {}
        for trigger in triggers:
            governor = governor_of(trigger, by_token, sent)
            if governor is not None and governor is not trigger:
                governed[trigger.token.i] = governor
        return cls(triggers, by_token, governed)

    def complement(self, trigger: Trigger) -> Trigger | None:
        """The trigger whose clause `trigger` governs."""
        for index, governor in self.governed.items():
            if governor is trigger:
                return self.by_token[index]
        return None


def governor_of(trigger: Trigger, by_token: dict[int, Trigger], sent: Span) -> Trigger | None:
    """The trigger whose clause or argument `trigger` is, when that one codes it."""
    token = trigger.token
    if trigger.pattern.pos == "N" and trigger.light is None:
        # "agreed to a ceasefire", "condemned the attack": the noun is the verb's argument.
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in ("in", "of") and is_quantity(head.head):
            token, head = head.head, head.head.head  # "plans for $300 million in tariffs": the tariffs
        if token.dep_ == "pobj" and head.lower_ in OCCASION_PREPS:
            return None  # "Following a warning from the unions, the government agreed": no warning agreed to
        if token.dep_ == "pobj" and head.head.i in by_token and not is_own_topic(token):
            return by_token[head.head.i]
        return None
    current = token
    for _ in range(4):
        if current.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "conj", "acl") and not _infinitival(
            current
        ):
            return None
        head = current.head
        if current.dep_ == "pcomp":
            head = head.head  # "accused X of attacking": pcomp -> prep -> verb
        if not (sent.start <= head.i < sent.end):
            return None
        if current.dep_ == "conj":
            current = head
            continue
        governor = by_token.get(head.i)
        if governor is not None and governor.pattern.mode:
            return governor
        if head.pos_ == "AUX" and head.dep_ in ("ccomp", "xcomp", "conj"):
            current = head
            continue
        return None
    return None


def _infinitival(token: Token) -> bool:
    """ "vow to destroy X" parsed as a relative clause: an infinitive on a noun is its content."""
    return token.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def is_quantity(token: Token) -> bool:
    """ "$300 million", "300 mln dlrs", "billions": an amount, whose "in"/"of" phrase says of what."""
    return token.ent_type_ == "MONEY" or any(child.dep_ == "nummod" for child in token.children)


def is_own_topic(token: Token) -> bool:
    """ "sent a report to Congress on his plan to protect ...": what the object of a verb is about, with an
    actor of its own, is an event of its own, not the verb's argument ("reneged on his commitment" is)."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in ("on", "about")
        and any(child.dep_ == "dobj" for child in token.head.head.children)
        and any(child.dep_ == "poss" for child in token.children)
    )


def is_argument(trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
    """Whether an event noun is the subject or object of a coded verb (coded through that verb); a noun
    that only dates the verb's clause is not ("After talks with X, Y said ...")."""
    token = trigger.token
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "dobj") and head.i in by_token:
        return True
    if token.dep_ == "pobj" and head.lower_ in OCCASION_PREPS:
        return False
    if is_own_topic(token):
        return False
    if token.dep_ == "pobj" and (head.head.i in by_token or head.head.head.i in by_token):
        return True
    return token.dep_ == "conj" and is_argument(Trigger(head, trigger.pattern, []), by_token)


def protest_governor(trigger: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """The protest whose purpose a protest clause is: "staged a sit-in to protest the ruling"."""
    token = trigger.token
    if not is_protest(trigger.pattern.code) or token.dep_ not in ("advcl", "xcomp"):
        return None
    governor = by_token.get(token.head.i)
    if governor is None or governor is trigger or not is_protest(governor.pattern.code):
        return None
    return governor


# --- why a trigger is not an event of its own --------------------------------------------------------


def governed_by_another(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "agreed to send": the sending is coded by the agreeing (a said clause is coded on its own, unless
    it says what someone must do)."""
    governor = clauses.governed.get(trigger.token.i)
    return governor is not None and (governor.pattern.mode != "say" or is_obliged(trigger.token))


def argument_of_a_verb(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "condemned the attack": a bare event noun that a coded verb takes is coded through it."""
    return trigger.pattern.pos == "N" and trigger.light is None and is_argument(trigger, clauses.by_token)


def hypothetical(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "if", "could", "analysts expect", a question: what may happen is no event."""
    return is_hypothetical(lex, trigger.token, sent)


def purpose_of_another(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "pledged aid to help Jordan": the help is the aid's purpose, not an event of its own."""
    token = trigger.token
    by_token = clauses.by_token
    if protest_governor(trigger, by_token) is not None:
        return True  # "began a hunger strike to protest the decision": one protest, coded by the first
    if token.lemma_.lower() not in lex.purpose_verbs or token.dep_ not in ("advcl", "xcomp", "acl", "relcl"):
        return False
    head = token.head
    if head.dep_ == "pobj":
        head = head.head.head
    governor = by_token.get(head.i)
    return governor is not None and has_purpose(governor.pattern.code)


def participle_of_another(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "struck the consulate, killing two people": one act, coded once."""
    token = trigger.token
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and token.head.i in clauses.by_token
        and not protest_saying_demand(lex, trigger, clauses)
    )


def protest_saying_demand(lex: Lexicon, trigger: Trigger, clauses: Clauses) -> bool:
    """ "rallied against the leader, saying he must resign": the saying gives the protest's demand."""
    head = clauses.by_token[trigger.token.head.i]
    return (
        is_protest(head.pattern.code)
        and trigger.pattern.mode == "say"
        and clause_mode(lex, trigger, clauses.complement(trigger)) == "demand"
    )


def same_act_as_conjunct(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "shot and killed the driver", "marched and staged rallies": one act, coded once."""
    token = trigger.token
    if token.dep_ != "conj":
        return False
    first = clauses.by_token.get(token.head.i)
    if first is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False  # the second verb has a subject of its own
    if is_protest(first.pattern.code) and is_protest(trigger.pattern.code):
        return True  # "blocked roads and staged rallies": one protest
    if not is_violent(trigger.pattern.code) or not is_violent(first.pattern.code):
        return False
    # only when one of the two has no object of its own
    return not (
        any(c.dep_ == "dobj" for c in token.children) and any(c.dep_ == "dobj" for c in first.token.children)
    )


def only_as_content(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "cut taxes last year": a policy act is an event only as what an actor intends ("would cut
    taxes", "pledged to abolish the agency"), asks or refuses (rows flagged `content`)."""
    if not trigger.pattern.content:
        return False
    token = trigger.light or trigger.token
    if any(child.dep_ == "nsubj" and child.tag_ == "WDT" for child in token.children):
        return True  # "regulations which would raise the pension age": what a measure does, no one's plan
    return not (has_intent_modal(lex, token) or is_future(token))


def result_of_an_accident(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "the tram derailed, killing seven", "the ship capsized and 20 were injured": harm done by an
    accident is no one's violence."""
    token = trigger.token
    if not is_violent(trigger.pattern.code) or token.dep_ not in ("advcl", "conj", "xcomp"):
        return False
    return token.head.pos_ == "VERB" and token.head.lemma_.lower() in lex.mishap_verbs


EventFilter = Callable[[Lexicon, Trigger, Clauses, Span], bool]
# Tried in order on every trigger; the first that holds keeps the trigger from being coded on its own.
EVENT_FILTERS: tuple[EventFilter, ...] = (
    governed_by_another,
    argument_of_a_verb,
    hypothetical,
    purpose_of_another,
    participle_of_another,
    same_act_as_conjunct,
    standing_relation,
    habitual,
    announced_words,
    question_asked,
    asked_for,
    hoped_possibility,
    only_as_content,
    result_of_an_accident,
)


def is_own_event(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """Whether `trigger` is coded as an event of its own (no filter of `EVENT_FILTERS` holds)."""
    return not any(keep_out(lex, trigger, clauses, sent) for keep_out in EVENT_FILTERS)
