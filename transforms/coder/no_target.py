"""No target found: is it still an event? The rules of `NO_TARGET_RULES`, tried in order when neither the
pattern's slots nor the fallbacks of `TARGET_FALLBACKS` (transforms/coder/targets.py) named a target; the
first that holds means no event. `empty_warning` is checked before the fallbacks: a warning that says no
act and is addressed to no one is no threat.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from transforms.cameo import is_force_posture, is_protest, is_verbal
from transforms.coder.model import Trigger
from transforms.coder.setting import GEO_ENTS
from transforms.coder.slots import target_heads, unnamed_object
from transforms.coder.targets import TargetSearch, own_slots


def act_on_the_unknown(s: TargetSearch, slot_seen: str) -> bool:
    """A material act on something the dictionaries do not know is not coded; a verbal one ("condemned
    the test", "welcomed the deal"), a protest, or an act on an unnamed person or ground is, with no target."""
    pattern = s.trigger.pattern
    verbal = is_verbal(pattern.code) and is_verbal(s.code)
    unnamed = slot_seen == "thing" and (verbal or unnamed_object(s.lex, s.trigger) or is_protest(s.code))
    unnamed = unnamed or (slot_seen != "" and _shown_over_a_place(s))
    return (pattern.needs_target and not unnamed) or bool(slot_seen and not pattern.mode and not unnamed)


def _shown_over_a_place(s: TargetSearch) -> bool:
    """ "troops patrolled the northern Copperbelt": force shown over a place the gazetteer lacks is shown
    there, at no one (a place it knows is a country's and a target already)."""
    return is_force_posture(s.code) and any(head.ent_type_ in GEO_ENTS for head in target_heads(s.trigger, s.sent))


def bare_nominal(s: TargetSearch, slot_seen: str) -> bool:
    """ "the war": an event noun without a light verb reports no new event unless it has a target (or,
    symmetric, two parties: "talks between Iran and the United States")."""
    if s.trigger.pattern.symmetric and len(s.sources) >= 2:
        return False
    return s.trigger.noun is not None and s.trigger.light is None


def empty_intent(s: TargetSearch, slot_seen: str) -> bool:
    """ "is prepared", "asked to use the phone": no content, no one acted on."""
    if s.mode not in ("intent", "appeal") or s.code != s.lex.rewrites.apply(s.mode, None):
        return False
    governor = s.trigger.token if s.mode == "appeal" else None
    return not _has_content(governor, s.complement)


def symmetric_alone(s: TargetSearch, slot_seen: str) -> bool:
    """ "met", "talked", "signed" with no one named."""
    return s.trigger.pattern.symmetric and len(s.sources) < 2 and s.complement is None


def roles_without_country(s: TargetSearch, slot_seen: str) -> bool:
    """ "the minister said" with no country anywhere in the article."""
    return (
        all(source.kind == "role" and not source.country for source in s.sources)
        and not s.state.dominant_country
    )


NoTargetRule = Callable[[TargetSearch, str], bool]
# Tried when no target was found; the first that holds means no event.
NO_TARGET_RULES: tuple[NoTargetRule, ...] = (
    act_on_the_unknown,
    bare_nominal,
    empty_intent,
    symmetric_alone,
    roles_without_country,
)


def empty_warning(s: TargetSearch) -> bool:
    """ "warned that the death toll may increase", "warned against disunity", "warning of the dangers of
    ...": a warning that says no act of its own (no clause coded as one) and is addressed to no one is a
    forecast or a worry, no threat (130). Checked before the fallbacks, which would read a target out of
    what is foreseen. "threatened to stand against Labour" (an act), "warned against stoking confrontation"
    (an act warned against) and "warned Pyongyang it would ..." (an addressee) stay threats; "warned of
    retaliation" is a threat of force by its verbs.tsv row. Addressed to someone, a bare warning is no
    threat either unless it says what will be ("warned Pyongyang it would pay a price"): "warned Blair that
    the war could be illegal" and "warned Mr Blair about the dangers of disunity" foresee."""
    if not (
        s.trigger.pattern.mode == "threat"
        and s.mode == "threat"
        and s.complement is None
        and not _against_doing(s.trigger.token)
    ):
        return False
    if not own_slots(s)[0]:
        return True
    pattern = s.trigger.pattern
    return pattern.lemma == "warn" and not pattern.objects and _foresees_or_advises(s.trigger.token)


def _foresees_or_advises(token: Token) -> bool:
    """Whether what a warning says is a forecast: a clause that does not say what will be done ("that the
    war could be illegal"; not "that it would pay a price", nor what a party named by a pronoun may do:
    "warned the US it may take retaliatory measures") or what it is about ("about the dangers of
    disunity"). A bare "warned North Korea" says neither; "warned Mr Brown not to be tempted" (an appeal
    or a threat) is kept."""
    said = False
    for child in token.children:
        if child.dep_ == "ccomp":
            modals = {c.lower_ for c in child.children if c.dep_ == "aux"}
            if modals & {"will", "would", "'ll", "shall"} and not modals & {"could", "might", "may"}:
                return False
            if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in child.children):
                return False  # "warned the US it may take retaliatory measures": what the warner may do
            said = True
        elif child.dep_ == "prep" and child.lower_ in ("about", "of", "over"):
            said = True
    return said


def _against_doing(token: Token) -> bool:
    """ "warned against stoking confrontation": a warning against an act dissuades from it."""
    return any(
        p.dep_ == "prep" and p.lower_ == "against" and any(c.dep_ == "pcomp" for c in p.children)
        for p in token.children
    )


def _has_content(governor: Token | None, complement: Trigger | None) -> bool:
    """Whether the clause a verb governs says what will be done to what ("to set up a centre")."""
    clauses = [complement.token] if complement is not None else []
    if governor is not None:
        clauses += [c for c in governor.children if c.dep_ in ("xcomp", "ccomp")]
    return any(c.dep_ == "dobj" for clause in clauses for c in clause.children)
