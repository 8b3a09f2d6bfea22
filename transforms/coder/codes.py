"""The event code of a trigger: its pattern's code, rewritten by the mode of the clause it governs
("agreed to send arms" is 0332) and refined by its words and actors ("a drone strike killed" is 195,
civilians fighting is 145).
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.actors import Actor
from transforms.cameo import (
    is_protest_demand,
    is_protest_for_a_demand,
    is_reform_demand,
    is_refusable,
    is_violent,
)
from transforms.coder.clauses import Clauses
from transforms.coder.lexicon import Lexicon
from transforms.coder.mode import GOVERNING_MODES, has_intent_modal, is_future, is_negated, is_refusal
from transforms.coder.model import Candidate, Trigger
from transforms.coder.parse import prep_objects
from transforms.coder.triggers import match_noun, verb_lemma

OVERFLIGHT_PREPS = frozenset({"over", "across", "past", "overhead"})
# Roles whose force is words: offices, parties, courts, companies, media, unions (not armed or police).
CIVIL_ROLES = frozenset(
    {"GOV", "LEG", "OPP", "PTY", "JUD", "ELI", "MED", "BUS", "MNC", "LAB", "EDU", "HRI", "ENV", "NGO", "REL",
     "HLH", "DEV", "MOD"}
)  # fmt: skip
# Who does it changes what it is (the civilians and irregulars rows of modes.tsv): civilians storming or
# fighting riot (145), rebels seizing people abduct (181).
IRREGULAR_ROLES = frozenset({"REB", "UAF", "CRM", "INS", "SEP"})
CIVILIAN_ROLES = frozenset({"CVL", "EDU", "LAB", "AGR", "REF"})
# Organs of a state that arrest: a police department the article names ("the Cincinnati Police Department") is
# no armed group abducting.
ARRESTING_ROLES = frozenset({"COP", "GOV", "MIL", "JUD", "SPY"})


def trigger_code(
    lex: Lexicon, trigger: Trigger, mode: str, complement: Trigger | None, clauses: Clauses
) -> str:
    """The code of a trigger read in `mode` with its governed clause `complement`."""
    pattern = trigger.pattern
    code = pattern.code
    if mode in GOVERNING_MODES:
        if complement is not None:
            complement_code = clause_code(lex, complement, clauses)
            if complement.pattern.pos == "N" and complement.light is None:
                # "agreed to a ceasefire" codes the ceasefire; "promised aid" the intent to give it
                accepted = mode == "intent" and complement.token.dep_ == "pobj"
                return complement_code if accepted else lex.rewrites.apply(mode, complement_code)
            return lex.rewrites.apply(mode, complement_code)
        if mode != pattern.mode:
            return lex.rewrites.apply(mode, None)
        return code
    if pattern.mode == "accuse" and complement is not None:
        return accusation_code(lex, pattern.code, clause_code(lex, complement, clauses))
    if pattern.mode:
        return code
    token = trigger.token
    deployed = lex.rewrites.refine("peacekeepers", code)
    if deployed != code and trigger.noun is None and _peacekeeping_subject(lex, token):
        code = deployed  # "peacekeepers arrived in Sierra Leone" deploys them, it is no visit
    code = _plain_code(lex, trigger, code)
    subject_code = _subject_noun_code(lex, token)
    if subject_code and is_violent(code) and is_violent(subject_code):
        code = subject_code
    return code


def clause_code(lex: Lexicon, trigger: Trigger, clauses: Clauses) -> str:
    """The code a complement clause contributes to its governor."""
    pattern = trigger.pattern
    complement = clauses.complement(trigger)
    if pattern.mode in GOVERNING_MODES and complement is not None:
        return lex.rewrites.apply(pattern.mode, clause_code(lex, complement, clauses))
    return pattern.code


def negation(lex: Lexicon, trigger: Trigger, code: str) -> tuple[str, bool]:
    """The code and whether it is negated: "did not attack" is a negated 190, but "will not release" a
    refusal (a rejection, not negated)."""
    token = trigger.token
    negated = is_negated(lex, token) or (trigger.noun is not None and is_negated(lex, trigger.noun))
    if negated and trigger.noun is None and is_refusable(code) and is_refusal(token):
        # "will not release", "did not accept": a refusal is itself an event
        return lex.rewrites.apply("reject", code), False
    return code, negated


def accusation_code(lex: Lexicon, code: str, clause_code: str) -> str:
    """ "accused X of <clause>": what is alleged refines the generic accusation (the accuse rows of
    modes.tsv: aggression 1123, rights abuses 1122, crimes 1121); a row with a code of its own keeps it."""
    if code != lex.rewrites.apply("accuse", None):
        return code
    return lex.rewrites.apply("accuse", clause_code)


def launch_code(lex: Lexicon, trigger: Trigger, code: str, targets: list[Actor]) -> str:
    """A launch or a test shows force (the launch rows of modes.tsv: 150) unless something is hit: with no
    one fired at, when it is a test ("test-fired a missile"), or when the missile flies over or toward a
    country rather than at it ("fired a missile over Japan"); the country flown over stays the target."""
    token = trigger.token
    shown = lex.rewrites.refine("launch", code)
    if shown == code or token.lemma_.lower() not in lex.launch_verbs or trigger.noun is not None:
        return code
    if not targets or _is_test(lex, token) or _flies_over(lex, token):
        return shown
    return code


def _is_test(lex: Lexicon, token: Token) -> bool:
    """ "test-fired", "fired in a test", "a test missile"."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    words = [*token.children, *(g for o in objects for g in o.children)]
    words += [p for w in token.children if w.dep_ == "prep" for p in w.children if p.dep_ == "pobj"]
    return any(w.lemma_.lower() in lex.test_words for w in words)


def _flies_over(lex: Lexicon, token: Token) -> bool:
    """ "fired a missile over Japan", "launched a ballistic missile toward Japan": a flight, not a strike
    (rockets or shells fired toward a place do hit it)."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    missile = any(w.lemma_.lower() in lex.missile_words for o in objects for w in (o, *o.children))
    subjects = {t.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    for word in token.subtree:
        if word.i in subjects or word.dep_ != "prep":
            continue
        if word.lower_ in OVERFLIGHT_PREPS or (missile and word.lower_ in ("toward", "towards")):
            return True
    return False


def force_in_words(
    lex: Lexicon, trigger: Trigger, code: str, sources: list[Actor], targets: list[Actor]
) -> str:
    """ "Kennedy attacked Brown", "clashed with the Tories": force between politicians, parties or
    institutions, with no weapon and no casualty in the sentence, is criticism (the in_words rows of
    modes.tsv: 111)."""
    token = trigger.token
    criticism = lex.rewrites.refine("in_words", code)
    if criticism == code or trigger.noun is not None or verb_lemma(lex, token) not in lex.force_in_words:
        return code
    if not sources or not all(_civil(a) for a in (*sources, *targets)):
        return code  # "the minister was attacked outside his home": whoever did it, it was no speech
    sent = token.sent
    if any(t.lemma_.lower() in lex.physical_words or t.lower_ in lex.physical_words for t in sent):
        return code
    return criticism


def _civil(actor: Actor) -> bool:
    """An actor that fights with words: a politician, a party, an office, a court, a company, the media."""
    return actor.kind in ("igo", "ngo") or actor.role in CIVIL_ROLES


def refine_by_actor(lex: Lexicon, code: str, source: Actor) -> str:
    """Who does it changes what it is: civilians fighting riot (145), rebels seizing people abduct (181)."""
    if source.role in CIVILIAN_ROLES:
        rioted = lex.rewrites.refine("civilians", code)
        if rioted != code:
            return rioted
    if source.role in IRREGULAR_ROLES or (source.kind == "group" and source.role not in ARRESTING_ROLES):
        return lex.rewrites.refine("irregulars", code)
    return code


def merge_protest_demands(candidates: list[Candidate]) -> list[Candidate]:
    """ "staged demonstrations to demand political reforms": the demand is what the protest is for (1412),
    not an event of its own; the protest takes the demand's target when it has none (the protest_for,
    protest_demand and reform_demand tags of code_tags.tsv)."""
    kept = []
    for candidate in candidates:
        token = candidate.trigger.token
        protest = next(
            (
                c
                for c in candidates
                if is_protest_for_a_demand(c.code)
                and token.dep_ in ("advcl", "xcomp")
                and token.head.i == c.trigger.token.i
                and c.sources == candidate.sources
            ),
            None,
        )
        if protest is None or not is_protest_demand(candidate.code):
            kept.append(candidate)
            continue
        if is_reform_demand(candidate.code) and len(candidate.code) == 4:  # its 4th digit: what it is for
            protest.code += candidate.code[3]
        if not protest.targets:
            protest.targets = candidate.targets
    return kept


def _plain_code(lex: Lexicon, trigger: Trigger, code: str) -> str:
    token = trigger.light or trigger.token
    if has_intent_modal(lex, token) or is_future(token):  # "will send", "talks tomorrow"
        return lex.rewrites.apply("intent", code)
    return code


def _peacekeeping_subject(lex: Lexicon, token: Token) -> bool:
    return any(
        word.lemma_.lower() in lex.peacekeeping_words or word.lower_ in lex.peacekeeping_words
        for child in token.children
        if child.dep_ == "nsubj"
        for word in child.subtree
    )


def _subject_noun_code(lex: Lexicon, token: Token) -> str | None:
    """The code of the weapon or attack a violent act was done by ("a drone strike killed", "killed
    in a bomb attack")."""
    nouns = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    nouns.extend(prep_objects(token, ("in", "with", "by")))
    for child in nouns:
        if child.pos_ == "NOUN":
            noun = match_noun(lex, child)
            if noun is not None:
                return noun.pattern.code
    return None
