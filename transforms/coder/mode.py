"""Clause mode: whether a verb's clause reports an act, and how: negated, refused, intended, demanded,
conditional or speculated.

"did not send" is negated, "will not release" a refusal, "will send" and "talks next week" an intent, "said
Russia must withdraw" a demand; "if", "could", "analysts expect", "would have been", a poll's finding, an
expert's reading, a denied report and a question make a clause no event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from transforms.coder.lexicon import Lexicon
from transforms.coder.model import Trigger
from transforms.doc_memo import doc_words, per_document

# Complement modes whose governor is coded in place of the clause it governs.
GOVERNING_MODES = ("intent", "appeal", "demand", "reject", "threat")
# Governors whose clause is not a fact: "accused X of attacking Y" codes only the accusation.
BLOCKING_MODES = ("accuse", "deny")
MODAL_INTENT = frozenset({"will", "wo", "shall", "'ll", "would", "'d"})
MODAL_HYPOTHETICAL = frozenset({"could", "might", "may", "can", "should", "must", "ought"})
HYPOTHETICAL_MARKS = frozenset({"if", "whether", "lest", "unless"})
# The words that make an act one announced for later (`is_future`).
FUTURE_WORDS = frozenset({"tomorrow", "next", "coming"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "conj", "csubj"})
# How the content of a verb of believing or denying hangs from it ("denied reports he would quit").
CONTENT_DEPS = frozenset(
    {"xcomp", "ccomp", "pcomp", "acl", "relcl", "dobj", "pobj", "prep", "acomp", "csubj"}
)


def clause_mode(lex: Lexicon, trigger: Trigger, complement: Trigger | None) -> str:
    """How a trigger reads its complement: its pattern's mode, except that "X said Y must ..." is a
    demand and "vowed to resign if ..." a threat: a conditional intent to do what a threat row of
    modes.tsv rewrites (material conflict, stepping down 0831) is a threat."""
    if trigger.pattern.mode == "say" and (
        (complement is not None and is_obliged(complement.token)) or obliged_clause(trigger.token) is not None
    ):
        return "demand"
    if (
        trigger.pattern.mode == "intent"
        and complement is not None
        and lex.rewrites.rewrites("threat", complement.pattern.code)
        and (is_conditional(complement.token) or is_conditional(trigger.token))
    ):
        return "threat"
    return trigger.pattern.mode


def is_conditional(token: Token) -> bool:
    """Whether a clause has an "if" or "unless" condition of its own."""
    return any(
        child.dep_ == "advcl"
        and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children)
        for child in token.children
    )


def is_negated(lex: Lexicon, token: Token) -> bool:
    if _negated_here(token):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    if any(
        c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        for c in token.children
    ):
        return True  # "provided no evidence", "sent no troops"
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in lex.negating_verbs:
        return True  # "failed to reach an agreement"
    # "did not agree to send", "nor am I going to quit": the governing verb's negation covers its clause
    return token.dep_ in ("xcomp",) and _negated_here(token.head)


def _negated_here(token: Token) -> bool:
    """A verb's own negation: "not", "never", or "nor" before it ("..., nor am I going to quit")."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ == "nor" and c.i < token.i for c in token.head.children
    )


def is_refusal(token: Token) -> bool:
    """ "will not release", "would never accept": a negation that announces a refusal."""
    current = token
    for _ in range(3):
        children = list(current.children)
        if any(c.dep_ == "neg" and c.lower_ == "never" for c in children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODAL_INTENT for c in children) and any(
            c.dep_ == "neg" for c in children
        ):
            return True
        if current.dep_ != "xcomp":
            return False
        current = current.head
    return False


def has_intent_modal(lex: Lexicon, token: Token) -> bool:
    """ "will send", "is going to send", "wants to send": an act announced or wanted, not done."""
    current = token
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in MODAL_INTENT:
                return True
            if child.dep_ == "aux" and child.lower_ == "going":
                return True
        if current.dep_ == "conj":
            current = current.head
            continue
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in ("be", "go"):
            return True
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in lex.wanting_verbs:
            return True
        if current.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            current = current.head  # "will travel to Beijing to meet": the purpose shares the future
            continue
        break
    return False


def is_future(token: Token) -> bool:
    """ "talks tomorrow", "next week": an act announced for later."""
    if token.i not in _future_heads(token.doc):
        return False  # no "tomorrow" below it, nor a "next" or "coming" where one can count
    for child in token.children:
        if child.lower_ == "tomorrow":
            return True
        words = [child, *(g for g in child.children if g.dep_ == "pobj")]
        for word in words:
            if word.lower_ in ("week", "month", "year", "weekend") and any(
                g.lower_ in ("next", "coming") for g in word.children
            ):
                return True
    return False


@per_document
def _future_heads(doc: Doc) -> frozenset[int]:
    """The tokens `is_future` may hold for: the head of a "tomorrow", and the tokens two and three steps
    above a "next" or "coming" (it modifies a child of the verb, or the object of a child's preposition).
    Most documents have none of the three words: their verbs' children are not read."""
    lower = doc_words(doc).lower
    if not FUTURE_WORDS.intersection(lower):
        return frozenset()
    found: set[int] = set()
    for i, word in enumerate(lower):
        if word == "tomorrow":
            found.add(doc[i].head.i)
        elif word in FUTURE_WORDS:
            above = doc[i].head.head
            found.update((above.i, above.head.i))
    return frozenset(found)


def is_hypothetical(lex: Lexicon, token: Token, sent: Span) -> bool:
    """Whether `token`'s clause is a condition, a possibility, a speculation or a question: no event."""
    dep = token.dep_  # (each relation and head is read once: this runs on every trigger)
    if dep == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # "a resolution to impose sanctions": proposed, not done
    if dep == "pcomp" and token.head.lower_ in ("towards", "toward"):
        return True  # "work towards lifting the ban"
    if (dep == "xcomp" and token.head.lemma_.lower() in lex.capable_words) or (
        dep == "pcomp" and token.head.head.lemma_.lower() in lex.capable_words
    ):
        return True  # "a missile able to strike American cities", "capable of striking": what could be done
    current = token
    reached_by = ""  # how the clause below `current` hangs from it
    conditions = _conditions(lex, token.doc)
    start, end = sent.start, sent.end
    for _ in range(6):
        here = conditions.get(current.i)
        if here is None:
            here = conditions[current.i] = _condition_here(lex, current)
        if here:
            return True
        if reached_by in CONTENT_DEPS:
            lemma = current.lemma_.lower()
            if lemma in lex.speculation or lemma in lex.disputing_verbs:
                return True  # "analysts expect ...", "dismissed reports he would quit" (not "believe X and do Y")
        dep = current.dep_
        head = current.head
        if dep == "ROOT" or not (start <= head.i < end):
            break
        if dep == "advcl" and is_contrast_clause(current):  # (a contrast clause is an advcl)
            break  # "the plan could let extreme groups run policing, while Labour criticised ...": its own assertion
        if dep not in CLAUSE_DEPS and dep not in ("dobj", "pobj", "prep", "acomp"):
            break
        reached_by = dep
        current = head  # through "acomp": "shouldn't be too quick to impose"
    return doc_words(token.doc).text[end - 1] == "?" if end > start else False


@per_document
def _found_conditions(doc: Doc) -> list[tuple[Lexicon, dict[int, bool]]]:
    """What `_condition_here` found for the tokens of a document, by lexicon (the coder has one): the walks
    up from a sentence's clauses meet at the same governors, read once."""
    return []


def _conditions(lex: Lexicon, doc: Doc) -> dict[int, bool]:
    found = _found_conditions(doc)
    for owner, conditions in found:
        if owner is lex:
            return conditions
    found.append((lex, {}))
    return found[-1][1]


def _condition_here(lex: Lexicon, token: Token) -> bool:
    """Whether a clause's own words make it no fact: a counterfactual, a poll's or an expert's reading, an
    inverted condition, an "if" or a modal of possibility, or a condition it sets ("will attack if ...";
    but "will not accept refugees if ..." refuses). Its children are read once for all of them."""
    children = [(child, child.dep_) for child in token.children]
    auxes = [child.lower_ for child, dep in children if dep == "aux"]
    if any(a in MODAL_HYPOTHETICAL for a in auxes) or is_counterfactual(auxes):
        return True
    if opinion_source(lex, children) or is_inverted_condition(token, children):
        return True
    for child, dep in children:
        if dep == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
            return True
        if (
            dep == "advcl"
            and any(g.dep_ == "mark" and g.lower_ in HYPOTHETICAL_MARKS for g in child.children)
            and not is_refusal(token)
            and token.lemma_.lower() not in lex.conditional_verbs
            and not (
                token.dep_ in ("xcomp", "ccomp", "advcl")
                and token.head.lemma_.lower() in lex.conditional_verbs
            )
        ):
            return True
    return False


def is_contrast_clause(token: Token) -> bool:
    """ "the plan could let extremists run policing, while Labour criticised Tory promises": a past-tense
    clause with a subject of its own that sets another statement beside its governor's; the parser hangs
    it from the governor, but it is not under the governor's modal or condition (a present-tense "while"
    is as often the time of a possibility: "could attack while talks continue")."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBD"
        and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in token.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        and not any(c.dep_ == "aux" and c.lower_ in MODAL_HYPOTHETICAL | MODAL_INTENT for c in token.children)
    )


def is_inverted_condition(token: Token, children: list[tuple[Token, str]]) -> bool:
    """ "had we ignored our commitment, ...", "were they to attack, ...": a condition without "if"
    (`children`: the token's children with their relations)."""
    auxes = [c for c, dep in children if dep in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")]
    subjects = [c for c, dep in children if dep in ("nsubj", "nsubjpass")]
    return bool(
        auxes
        and subjects
        and auxes[0].i < subjects[0].i
        and auxes[0].i == token.sent.start + (1 if token.sent[0].dep_ == "cc" else 0)
    )


def is_counterfactual(auxes: list[str]) -> bool:
    """ "would have been safer to seek": what would have happened did not (`auxes`: a verb's auxiliaries,
    lower case)."""
    return any(a in ("have", "'ve") for a in auxes) and any(a in MODAL_INTENT for a in auxes)


def opinion_source(lex: Lexicon, children: list[tuple[Token, str]]) -> bool:
    """Whether a clause is a poll's finding or an expert's reading: "voters would reject it, according to a
    poll", "a survey found", "experts note", "Kim, a professor at ..., said" (`children`: the clause's
    children with their relations)."""
    for child, dep in children:
        if (
            dep == "prep"
            and child.lower_ == "according"
            and any(_is_opinion_source(lex, pobj) for to in child.children for pobj in to.children)
        ):
            return True
        if dep in ("nsubj", "nsubjpass") and _is_opinion_source(lex, child):
            return True
    return False


def _is_opinion_source(lex: Lexicon, head: Token) -> bool:
    words = [head, *(c for c in head.children if c.dep_ in ("appos", "compound"))]
    return any(w.lemma_.lower() in lex.opinion_sources or w.lower_ in lex.opinion_sources for w in words)


def obliged_clause(token: Token) -> Token | None:
    """The clause of a saying verb that says what someone must or should do."""
    for child in token.children:
        if child.dep_ == "ccomp" and is_obliged(child):
            return child
    return None


def is_obliged(token: Token) -> bool:
    """ "must", "should", "has to": what is said to be owed is demanded."""
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in ("must", "should", "ought"):
            return True
    return (
        token.dep_ == "xcomp" and token.head.lemma_.lower() in ("have", "need") and token.head.dep_ == "ccomp"
    )
