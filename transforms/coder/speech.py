"""What a saying says of someone: the criticism, praise or plan in what an actor says.

The content of a verb of saying ("X said ...", "X told BBC News: '...'", '"...," X said') is read for a
judgement of an actor it names, or for the speaker's own plan:

- an attribute: "said the launch was unacceptable" (111), "He is a very fine man" (051), "Labour and the
  Tories are not being straight with people" (a negated praise: 111);
- a verb of the `said` rows of verbs.tsv: "Blair has failed" (111), "has broken the pledges he made" (112),
  "are doing a very good job" (051);
- a judged encounter: "had an excellent conversation with Trump" (051);
- the speaker's priority: "my top priority is to ensure our president-elect is successful" (030).

The judged actor is the one the content names (the subject, the party to the encounter); what the content
reports as done ("said Russia attacked Ukraine") is coded as its own event, not judged. A quote that
goes on past the sentence of its attribution is read in transforms/coder/quotes.py.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from transforms.actors import Actor
from transforms.cameo import code_tagged, is_feeling
from transforms.coder.lexicon import Lexicon
from transforms.coder.mentions import resolve, resolve_all
from transforms.coder.mode import is_hypothetical, is_negated
from transforms.coder.model import ArticleState, Trigger
from transforms.coder.names import PRONOUNS_PERSON, PRONOUNS_SPEAKER, head_role
from transforms.coder.parse import prep_objects
from transforms.coder.slots import resolve_target
from transforms.coder.triggers import object_words
from transforms.verbs import Pattern

# The codes of a judgement of an actor (the praise and criticism tags of code_tags.tsv) and of a denial
# ("there was no violation").
PRAISE, CRITICISM, DENIAL = code_tagged("praise"), code_tagged("criticism"), code_tagged("denial")
# The pattern a judgement's subject is resolved with ("the launch" stands for whoever launched).
JUDGED = Pattern(CRITICISM, "V", "say", "", (), ("dobj",), "", False, False, False, 0)
# Subjects that stand for a thing said before: "It is unacceptable", "This is a criminal act by X".
IMPERSONAL = frozenset({"it", "this", "that"})

Judgement = tuple[str, list[Actor]]


def statement_judgements(
    lex: Lexicon, token: Token, speakers: list[Actor], sent: Span, state: ArticleState, triggers: set[int]
) -> list[Judgement]:
    """The judgements and plans that the content of the saying `token` expresses, with their targets, one
    per clause. `triggers` are the sentence's trigger tokens: a clause that reports an act is coded as that
    act, not judged."""
    return judge_clauses(lex, content_clauses(token), speakers, sent, state, triggers)


def content_clauses(token: Token) -> list[Token]:
    """What a verb of saying says: its clausal complements and the clauses coordinated with them."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    clauses += [conj for c in clauses for conj in c.conjuncts if conj.i > c.i]
    # "trust is breaking down because Labour and Tories are not being straight with people": the reason
    # the speaker gives is said too
    return [*clauses, *(r for c in clauses for r in c.children if r.dep_ == "advcl" and _is_reason(r))]


def _is_reason(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "because" for c in clause.children)


# --- the readers of one clause, in order ------------------------------------------------------------------


def attribute(
    lex: Lexicon, clause: Token, speakers: list[Actor], sent: Span, state: ArticleState
) -> Judgement | None:
    """ "the launch was unacceptable", "he is a very fine man", "are not being straight with people"."""
    if clause.lemma_.lower() != "be":
        return None
    attributes = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    attributes += [conj for a in attributes for conj in a.conjuncts if conj.i > a.i]  # "a liar and a thug"
    words = {
        w.lemma_.lower()
        for a in attributes
        for w in (a, *(g for g in a.children if g.dep_ in ("amod", "compound")))
    }
    polarity = _polarity(lex, words)
    if polarity is None:
        return None
    if any(g.lower_ == "no" for a in attributes for g in a.children):
        return DENIAL, []  # "there was no violation": a denial
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if _negated_judgement(lex, clause):
        if polarity != PRAISE or any(s.lower_ in IMPERSONAL for s in subjects):
            return None  # "was not wrong", "it is not important to": no judgement
        polarity = CRITICISM  # "are not being straight with people"
    for subject in subjects:
        if subject.lower_ in IMPERSONAL:
            # "This is a criminal act by the North Korean regime": the attribute names whose it is;
            # "it was a great honour to meet Mr Obama": the one met is praised
            targets = [
                a for attr in attributes if attr.pos_ == "NOUN" for a in resolve(lex, attr, sent, state)
            ]
            if not targets and any(a.lemma_.lower() in lex.honour_nouns for a in attributes):
                targets = _met_in_clause(lex, clause, attributes, sent, state)
            others = _others(targets, speakers)
            return (polarity, others) if others or polarity == CRITICISM else None
        targets = resolve_target(lex, subject, Trigger(clause, JUDGED, []), sent, state)
        others = _others(targets, speakers)
        if targets and not others:
            return None  # the speaker on itself: "its actions were legitimate"
        if not others and (subject.pos_ in ("PRON", "PROPN") or polarity == PRAISE):
            return None  # someone the article does not name; praise of no one
        return polarity, others
    return None


def judging_verb(
    lex: Lexicon, clause: Token, speakers: list[Actor], sent: Span, state: ArticleState
) -> Judgement | None:
    """ "Blair has failed", "has broken the pledges he made", "are doing a very good job": a verb that,
    said of an actor, judges it (the `said` rows of verbs.tsv)."""
    for verb in (clause, *(c for c in clause.conjuncts if c.i > clause.i)):
        pattern = _said_pattern(lex, verb)
        if pattern is None:
            continue
        code = pattern.code
        if _negated_judgement(lex, verb):
            if code != PRAISE:
                continue  # "has not failed"
            code = CRITICISM  # "are not doing a good job"
        subject = _subject(verb)
        if subject is None or not _names_an_actor(lex, subject, state):
            continue  # "the margins were damaging the economy": things fail, actors are judged
        targets = _others(resolve_all(lex, subject, sent, state, ""), speakers)
        if targets:
            return code, targets
    return None


def judged_encounter(
    lex: Lexicon, clause: Token, speakers: list[Actor], sent: Span, state: ArticleState
) -> Judgement | None:
    """ "had an excellent conversation with Trump": praise (or criticism) of the other party."""
    for noun in (c for c in clause.children if c.dep_ in ("dobj", "attr")):
        polarity = _polarity(lex, {m.lemma_.lower() for m in noun.children if m.dep_ in ("amod", "compound")})
        if polarity is None:
            continue
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    targets = _others(resolve_all(lex, pobj, sent, state, ""), speakers)
                    if targets:
                        return polarity, targets
    return None


def stated_priority(
    lex: Lexicon, clause: Token, speakers: list[Actor], sent: Span, state: ArticleState
) -> Judgement | None:
    """ "my top priority is to ensure our president-elect is successful": the speaker's intent (030),
    toward the actor the plan names."""
    if clause.lemma_.lower() != "be":
        return None
    nouns = [c for c in clause.children if c.dep_ == "nsubj"]
    nouns += [g for c in clause.children if c.dep_ == "csubj" for g in c.children if g.dep_ == "dobj"]
    noun = next((n for n in nouns if n.lemma_.lower() in lex.priority_nouns), None)
    if noun is None or not _speakers_own(lex, noun, speakers, sent, state):
        return None
    plans = [c for c in clause.children if c.dep_ in ("xcomp", "ccomp")]
    if not plans:
        return None
    for word in (w for plan in plans for w in plan.subtree):
        if word.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and word.pos_ in ("PROPN", "NOUN"):
            targets = _others(resolve(lex, word, sent, state), speakers)
            if targets:
                return lex.rewrites.apply("intent", None), targets
    return None  # a plan for no one named


def own_priority(
    lex: Lexicon, clause: Token, speakers: list[Actor], sent: Span, state: ArticleState
) -> Judgement | None:
    """ "My priority is ...", in a quote: only "my" and "our" are the speaker's ("their aim is to ..." in a
    quote is someone else's)."""
    if not any(t.dep_ == "poss" and t.lower_ in ("my", "our") for t in clause.subtree):
        return None
    return stated_priority(lex, clause, speakers, sent, state)


ClauseReader = Callable[[Lexicon, Token, list[Actor], Span, ArticleState], "Judgement | None"]
# Tried in order on each clause of what is said; the first that finds something answers for it.
CLAUSE_READERS: tuple[ClauseReader, ...] = (stated_priority, attribute, judging_verb, judged_encounter)


def judge_clauses(
    lex: Lexicon,
    clauses: list[Token],
    speakers: list[Actor],
    sent: Span,
    state: ArticleState,
    triggers: set[int],
    readers: tuple[ClauseReader, ...] | None = None,
) -> list[Judgement]:
    """One judgement per clause that reports no act of its own, by the first reader that finds one."""
    found: list[Judgement] = []
    for clause in clauses:
        if clause.i in triggers or is_hypothetical(lex, clause, sent):
            continue
        for reader in readers or CLAUSE_READERS:
            judged = reader(lex, clause, speakers, sent, state)
            if judged is not None:
                if judged not in found:
                    found.append(judged)
                break
    return found


# --- what a feeling is about ------------------------------------------------------------------------------


def feeling_cause(
    lex: Lexicon, token: Token, pattern: Pattern, sent: Span, state: ArticleState
) -> list[Actor]:
    """Who an optimistic or pessimistic feeling is about: the actor its phrase names, one level down
    ("encouraged following a meeting with Trump", "by the interest in Trump's wanting to work"), or the
    subject of what the speaker is confident of ("confident the chancellor would meet his rules")."""
    if not is_feeling(pattern.code):
        return []
    holders = [token, token.head] if token.dep_ == "acomp" else [token]  # "was encouraged following ..."
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "prep" and child.lower_ in pattern.targets:
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                inner = list(prep_objects(pobj, ("with", "in", "of", "between")))
                for head in (pobj, *inner, *(g for i in inner for g in i.children if g.dep_ == "poss")):
                    actors = resolve_all(lex, head, sent, state, "target")
                    if actors:
                        return actors
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            actors = resolve_all(lex, subject, sent, state, "target")
            if actors:
                return actors
    return []


# --- helpers ------------------------------------------------------------------------------------------------


def _polarity(lex: Lexicon, words: set[str]) -> str | None:
    if words & lex.negative_words:
        return CRITICISM
    if words & lex.positive_words:
        return PRAISE
    return None


def _met_in_clause(
    lex: Lexicon, clause: Token, attributes: list[Token], sent: Span, state: ArticleState
) -> list[Actor]:
    """The one an extraposed "to" clause acts on: "it was an honour to meet Mr Obama"."""
    verbs = [c for h in (clause, *attributes) for c in h.children if c.dep_ in ("xcomp", "acl", "relcl")]
    for verb in verbs:
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue
        heads = [c for c in verb.children if c.dep_ == "dobj"] + list(prep_objects(verb, ("with",)))
        for head in heads:
            actors = resolve_all(lex, head, sent, state, "target")
            if actors:
                return actors
    return []


def _negated_judgement(lex: Lexicon, token: Token) -> bool:
    """A negation of the judgement itself ("is not fit"), not of its degree ("not just good")."""
    if not is_negated(lex, token):
        return False
    for neg in (c for c in token.children if c.dep_ == "neg"):
        following = neg.nbor(1) if neg.i + 1 < len(neg.doc) else None
        if following is not None and following.lower_ in ("just", "only", "merely", "simply"):
            return False
    return True


def _said_pattern(lex: Lexicon, verb: Token) -> Pattern | None:
    """The most specific `said` row of verbs.tsv matching a verb and its object."""
    candidates = lex.verbs.said_candidates("V", verb.lemma_.lower())
    if not candidates:
        return None
    _, words = object_words(verb, False)
    words = words | {m.lemma_.lower() for c in verb.children if c.dep_ == "dobj" for m in c.subtree}
    ranked = sorted(candidates, key=lambda p: (-p.specificity, -p.object_score(words)))
    return next((p for p in ranked if p.object_matches(words)), None)


def _subject(verb: Token) -> Token | None:
    """A verb's subject, or its coordinated head's ("has had the chance ... and has failed")."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "nsubj":
                return child
        if current.dep_ not in ("conj", "xcomp", "ccomp"):
            return None
        current = current.head
    return None


def _others(targets: list[Actor], speakers: list[Actor]) -> list[Actor]:
    """The judged actors that are not the speakers themselves (a person by name, anyone else by code)."""
    return [t for t in targets if not any(_same(t, s) for s in speakers)]


def _same(judged: Actor, speaker: Actor) -> bool:
    """Whether the judged actor is the speaker, or the speaker's own country ("France is a great
    democracy", said the French president)."""
    if judged.kind == "state" and not judged.role and judged.country == speaker.country:
        return True
    if judged.kind == "person" or speaker.kind == "person":
        return judged.kind == speaker.kind and judged.name == speaker.name
    return judged.code == speaker.code


def _names_an_actor(lex: Lexicon, head: Token, state: ArticleState) -> bool:
    """Whether a phrase names an actor (a name, a pronoun, a role: "Blair", "he", "the government") or
    its conduct ("another announcement by the FBI"), not a thing that belongs to one ("the country's
    lending margins")."""
    return (
        head.pos_ in ("PROPN", "PRON")
        or head.i in state.names
        or head_role(lex, head) is not None
        or head.lemma_.lower() in lex.conduct_nouns
    )


def _speakers_own(lex: Lexicon, noun: Token, speakers: list[Actor], sent: Span, state: ArticleState) -> bool:
    """Whether a noun is the speaker's ("my priority", "his top priority")."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in PRONOUNS_SPEAKER | PRONOUNS_PERSON:
                return True
            owners = resolve(lex, child, sent, state)
            return any(o.code in {s.code for s in speakers} for o in owners)
    return False
