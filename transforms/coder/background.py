"""Background: what an actor is, or does by habit, told beside the sentence's news. Two filters of
`EVENT_FILTERS` (transforms/coder/clauses.py): a relative clause that describes its noun ("firms that work
with the North", "the chancellor, who has long rejected the label") and an act done by habit or over a
span of time ("has consistently refused", "opens 20,000 companies a year") are no dated events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from transforms.coder.lexicon import Lexicon
from transforms.coder.model import Trigger

if TYPE_CHECKING:
    from transforms.coder.clauses import Clauses


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
    # the verb's children and their relations are read once for the three passes (this runs on most triggers)
    children = [(child, child.dep_) for child in verb.children]
    perfect = any(dep == "aux" and c.lemma_ == "have" for c, dep in children)
    for child, dep in children:
        # "has constantly threatened", but "as often as it can" is a comparison
        if (
            dep == "advmod"
            and child.lower_ in lex.habitual_adverbs
            and not any(g.lower_ == "as" for g in child.children)
        ):
            return True
        if (
            dep == "npadvmod"
            and _is_period(lex, child)
            and any(g.dep_ == "det" and g.lower_ in ("a", "an") for g in child.children)
        ):
            return True  # "20,000 a year" (but "complained every day" tells what happened)
        if perfect and dep in ("prep", "mark") and child.lower_ == "since":
            return True  # "have been guarded since the attacks last year": a state that lasts
        if dep != "prep":
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
        dep == "dobj"
        and any(
            g.dep_ == "prep" and g.lower_ == "per" and any(_is_period(lex, p) for p in g.children)
            for g in child.children
        )
        for child, dep in children
    )


def _is_period(lex: Lexicon, token: Token) -> bool:
    return token.lemma_.lower() in lex.period_nouns or token.lower_ in lex.period_nouns
