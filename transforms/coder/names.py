"""What the article names: dictionary names and their actors, the roles nouns name, the actors named
before a pronoun or a definite description, and the phrases nothing names.

The article's memory lives in `ArticleState`: every actor resolved so far, in order, so that "he", "the
minister" and "the country" can look back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from transforms.actors import Actor, NameMatch
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.parse import phrase_tokens, sentence_text
from transforms.coder.setting import is_city

PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers", "herself"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS_OTHER = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
PRONOUNS_SPEAKER = frozenset({"we", "us", "our", "i", "me", "my"})
PRONOUNS_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Modifiers that say whom an office-holder belongs to, not what they deal with: they win over the head noun.
AFFILIATION_ROLES = frozenset({"REB", "OPP", "SEP", "ELI"})


def resolve_name(lex: Lexicon, match: NameMatch, sent: Span, state: ArticleState) -> list[Actor]:
    """The actor a dictionary name stands for on the article's date, remembered as named here."""
    day = state.ctx.published
    ref = lex.actors.pick(match.refs, day)
    text = sent.doc[match.start : match.end].text
    if state.sport_context and ref.how == "government" and is_city(lex, text):
        return []  # a capital's team, not its government: "Real Madrid beat Dortmund"
    actor = lex.actors.actor(ref, day, text)
    if actor.kind == "person":
        state.resolved_people.append((match.start, actor))
    else:
        state.resolved_other.append((match.start, actor))
    return [actor]


def head_role(lex: Lexicon, head: Token) -> str | None:
    """The role a noun phrase's head names ("troops", "riot police"), a modifier's role taking over
    where it is more specific ("student protesters" are students, "opposition leader" opposition)."""
    found = lex.actors.role_of(head)
    if found is None:
        if head.dep_ != "pobj" or head.head.lower_ != "of":
            for child in head.children:
                # "people protesting", "men who attacked": the verb gives the role
                if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in lex.civilian_acts:
                    return "CVL"
        return None
    role, start = found
    keeps = lex.actors.keeps_role(head)  # "courts minister": the head noun decides
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < start:
            if child.lower_ == "shadow":
                return "OPP"  # "shadow home secretary": the opposition's
            modifier = lex.actors.role_of(child)
            if modifier is None:
                continue
            if modifier[0] in AFFILIATION_ROLES or (
                role in ("CVL", "GOV") and modifier[0] != "GOV" and not keeps
            ):
                role = modifier[0]
    return role


def modifier_role(lex: Lexicon, head: Token) -> str | None:
    """A role among a phrase's modifiers ("naval vessels", "military aircraft"), used with a country."""
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            found = lex.actors.role_of(child)
            if found is not None:
                return found[0]
    return None


def definite_person(lex: Lexicon, head: Token, state: ArticleState) -> Actor | None:
    """ "the chancellor", "the Tory leader", "the president-elect": the person the article gave that
    title before ("Chancellor Gordon Brown", "Tory leader Michael Howard"), if any; not whoever else
    holds a role of the same code. A party or country among the modifiers must be the person's own."""
    if head.pos_ not in ("NOUN", "PROPN") or not any(c.lower_ == "the" for c in head.children):
        return None
    found = lex.actors.role_of(head)
    if found is None:
        return None
    doc = head.doc
    day = state.ctx.published
    owners: list[Actor] = []
    for j in range(head.left_edge.i, head.i):
        match = state.names.get(j)
        if match is not None and match.start == j:
            owners.append(lex.actors.actor(lex.actors.pick(match.refs, day), day, ""))
    if any(owner.kind == "person" for owner in owners):
        return None  # "Putin's spokesman" is not Putin
    title = " ".join(doc[j].lemma_.lower() for j in range(found[1], head.i + 1))
    for mention in reversed(state.person_mentions):
        person = mention.person
        actor = person.actor
        if (
            mention.start < head.i
            and title in person.titles
            and actor is not None
            and all(_owns(owner, actor) for owner in owners)
        ):
            return actor
    parties = [owner for owner in owners if owner.kind == "group"]
    if head.lemma_.lower() == "leader" and len(parties) == 1:
        # "the Tory leader" in an article that names one Tory, Michael Howard, without the title
        members = {
            mention.person.actor.name: mention.person.actor
            for mention in state.person_mentions
            if mention.start < head.i
            and mention.person.actor is not None
            and mention.person.entry is not None
            and mention.person.actor.code == parties[0].code
        }
        if len(members) == 1:
            return next(iter(members.values()))
    return None


def _owns(owner: Actor, person: Actor) -> bool:
    """Whether a modifier's actor is the person's own: their party ("the Tory leader": GBROPP) or their
    country ("the British prime minister")."""
    if owner.kind == "group":
        return owner.code == person.code
    return bool(owner.country) and owner.country == person.country


def earlier_names(
    lex: Lexicon, token: Token, state: ArticleState, after: int = -1
) -> Iterator[tuple[NameMatch, Actor]]:
    """The dictionary names of the article before `token` and after token index `after`, nearest first,
    with the actor each stands for on the article's date; adjectives are no names an anaphor refers to
    ("it" does not refer to "American" in "an American air base")."""
    day = state.ctx.published
    for match in reversed(state.name_starts):
        if match.start >= token.i:
            continue
        if match.start <= after:
            return
        ref = lex.actors.pick(match.refs, day)
        if ref.how != "adjective":
            yield match, lex.actors.actor(ref, day, "")


def earlier_actor(lex: Lexicon, token: Token, state: ArticleState, kinds: tuple[str, ...]) -> Actor | None:
    """The last actor of one of `kinds` named before `token` in the article."""
    best: tuple[int, Actor] | None = None
    pool = state.resolved_people if kinds == ("person",) else state.resolved_other
    for position, actor in pool:
        if position < token.i and actor.kind in kinds and (best is None or position > best[0]):
            best = (position, actor)
    for match, actor in earlier_names(lex, token, state, best[0] if best else -1):
        if actor.kind in kinds:
            best = (match.start, actor)
            break
    return replace(best[1], text=token.text) if best else None


def note_unresolved(head: Token, sent: Span, state: ArticleState, role: str) -> None:
    """Remember a source or target phrase no dictionary resolved, for `newsevents actors --unresolved`."""
    if not role or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return
    phrase = " ".join(t.text for t in phrase_tokens(head, sent) if t.dep_ not in ("det", "poss", "case"))
    key = (sent.start, role, phrase)
    if phrase and key not in state.unresolved:
        state.unresolved[key] = {
            "article_id": state.ctx.article_id,
            "sentence_index": state.sentence_index,
            "sentence": sentence_text(sent).strip(),
            "role": role,
            "phrase": phrase,
            "head": head.lemma_.lower(),
        }


def pro_or_anti(match: NameMatch, sent: Span) -> bool:
    """ "pro-Iranian", "anti-American": the name says whom the actor is for or against, not who it is."""
    doc = sent.doc
    return (
        match.start >= 2
        and doc[match.start - 1].text == "-"
        and doc[match.start - 2].lower_ in ("pro", "anti")
    )


def coordinated(matches: list[NameMatch], head: Token) -> list[NameMatch]:
    """Among modifier names, the coordinated ones ("Ukrainian and Russian") or else the nearest the head."""
    doc = head.doc
    if len(matches) > 1:
        linked = [
            m
            for m in matches
            if any(
                doc[i].dep_ == "conj" or any(c.dep_ == "conj" for c in doc[i].children)
                for i in range(m.start, m.end)
            )
        ]
        if len(linked) > 1:
            return linked
    before = [m for m in matches if m.start < head.i]
    return [before[-1]] if before else matches[:1]


def role_name(head: Token) -> str:
    """What a role phrase names, for the name column: the noun and the words that qualify it
    ("courts minister", "riot police"), without determiners, numbers or possessives."""
    doc = head.doc
    start = head.i
    while (
        start > head.sent.start
        and doc[start - 1].dep_ in ("compound", "amod", "nmod")
        and start <= doc[start - 1].head.i <= head.i
    ):
        start -= 1
    return doc[start : head.i + 1].text
