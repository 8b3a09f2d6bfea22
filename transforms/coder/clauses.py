"""How the triggers of one sentence relate, and which of them are events of their own.

A trigger may be the clause another governs ("agreed to send": the sending is coded through the
agreeing), the argument of a coded verb ("condemned the attack"), the purpose of another act ("sent aid
to help Jordan"), or a second verb of one act ("shot and killed"). `EVENT_FILTERS` lists, in order, the
reasons a trigger is not coded as an event of its own; a new one goes there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.cameo import has_purpose, is_intent, is_protest, is_verbal, is_violent
from transforms.coder.lexicon import Lexicon
from transforms.coder.mode import (
    clause_mode,
    has_intent_modal,
    is_future,
    is_hypothetical,
    is_negated,
    is_obliged,
)
from transforms.coder.model import Trigger
from transforms.coder.nominal import OCCASION_PREPS
from transforms.verbs import SAME_CODE

# Modes of verbs whose act, announced for later ("will urge X to", "will demand"), has not happened and has
# no intent code (for other verbs the intent rows of modes.tsv say it: "will criticise" keeps 111).
ANNOUNCED_MODES = frozenset({"say", "appeal", "demand", "deny"})
# What could happen, as against what should ("agreed that their countries should cooperate" is a plan).
POSSIBILITY_MODALS = frozenset({"could", "might", "may"})
# How an act hangs below the appeal that asks for it: "urge all states to play their part in changing ...".
ASKED_DEPS = frozenset({"xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "dobj"})


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


def standing_relation(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "firms that work with the North", "goals that are opposed by Obama": a relative clause in the simple
    present describes what its noun is, not an event (but "the group, which later claims responsibility"
    narrates); so does one in the perfect or progressive on a person or group ("the chancellor, who has
    long rejected the label", "Trump, who has vowed not to let ...", "the MP, who is consulting his
    lawyers, told ..."): what the actor is known for, told beside the sentence's news."""
    token = trigger.token
    if token.dep_ != "relcl" or token.head.lemma_.lower() in lex.time_nouns:
        return False
    children = list(token.children)
    if any(c.dep_ == "advmod" and c.lower_ in lex.narrative_adverbs for c in children):
        return False
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return token.tag_ in ("VBZ", "VBP")
    if describes_an_actor(token) and (
        any(a.dep_ == "aux" and a.lemma_ == "have" for a in auxes)
        or (token.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_ == "be" for a in auxes))
    ):
        return True  # "the chancellor, who has long rejected the label", "the MP, who is consulting lawyers"
    return (
        token.tag_ == "VBN"
        and len(auxes) == 1
        and auxes[0].dep_ == "auxpass"
        and auxes[0].tag_ in ("VBZ", "VBP")
    )


def describes_an_actor(token: Token) -> bool:
    """Whether a relative clause is about a person or group: "Trump, who has vowed ...", "people who had
    supported ..." (not "the attack, which killed ...")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "whom") for c in token.children) or (
        token.head.ent_type_ in ("PERSON", "ORG", "NORP")
    )


def habitual(lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span) -> bool:
    """ "has consistently refused", "has constantly threatened", "have protested weekly", "opens 20,000
    companies a year", "has carried out tests in recent months", "have been guarded since the attacks":
    what an actor does by habit or has done over a span of time is background, no dated event (but "has
    been conducting exercises for two weeks" is one going on)."""
    token = trigger.light or trigger.token
    verbs = [token]
    if token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        verbs.append(token.head)  # "opens 20,000 companies a year but also rejects 80": one habit
    return any(_habit_of(lex, verb) for verb in verbs)


def _habit_of(lex: Lexicon, verb: Token) -> bool:
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    for child in verb.children:
        # "has constantly threatened", but "as often as it can" is a comparison
        if (
            child.dep_ == "advmod"
            and child.lower_ in lex.habitual_adverbs
            and not any(g.lower_ == "as" for g in child.children)
        ):
            return True
        if (
            child.dep_ == "npadvmod"
            and _is_period(lex, child)
            and any(g.dep_ == "det" and g.lower_ in ("a", "an") for g in child.children)
        ):
            return True  # "20,000 a year" (but "complained every day" tells what happened)
        if perfect and child.dep_ in ("prep", "mark") and child.lower_ == "since":
            return True  # "have been guarded since the attacks last year": a state that lasts
        if child.dep_ != "prep":
            continue
        for pobj in (g for g in child.children if g.dep_ == "pobj" and _is_period(lex, g)):
            modifiers = {g.lower_ for g in pobj.children}
            if child.lower_ == "per":
                return True  # "20,000 per year"
            if (
                perfect
                and child.lower_ == "in"
                and ("recent" in modifiers or ("past" in modifiers and pobj.tag_ == "NNS"))
            ):
                return True  # "has carried out tests in recent months", "in the past few years"
    # "opens 20,000 companies per year": the rate hangs from the object
    return any(
        child.dep_ == "dobj"
        and any(
            g.dep_ == "prep" and g.lower_ == "per" and any(_is_period(lex, p) for p in g.children)
            for g in child.children
        )
        for child in verb.children
    )


def _is_period(lex: Lexicon, token: Token) -> bool:
    return token.lemma_.lower() in lex.period_nouns or token.lower_ in lex.period_nouns


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
