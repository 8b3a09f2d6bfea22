"""Dependency-tree helpers: sentences, phrases, prepositional objects, entities.

Pure functions of the parse; they know no dictionary.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from transforms.doc_memo import doc_words, per_document

DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def sentences(doc: Doc, furniture: frozenset[int] = frozenset()) -> Iterator[Span]:
    """The sentences of `doc`, also cut at blank lines (a paragraph or headline never joins the next;
    a single line break is wrapping) and around the tokens of `furniture` (page furniture glued into the
    text: "... private emails Splash News 6 FBI director James Comey cleared ..."), which belong to none.
    `words` are the words of `doc` if the caller has them."""
    words = doc_words(doc)
    text = words.doc_text
    for sent in doc.sents:
        start = sent.start
        # a token with two line breaks needs two in the sentence's text: most sentences have none
        lines = text.count("\n", sent.start_char, sent.end_char) >= 2
        cut = lines or (bool(furniture) and any(i in furniture for i in range(sent.start, sent.end)))
        for i in range(sent.start, sent.end) if cut else ():
            if (words.is_space[i] and words.text[i].count("\n") >= 2) or i in furniture:
                if _has_words(doc, start, i):
                    yield doc[start:i]
                start = i + 1
        if _has_words(doc, start, sent.end):
            yield doc[start : sent.end]


def _has_words(doc: Doc, start: int, end: int) -> bool:
    # (a sentence's first token is a word nearly always: reading tokens beats reading the whole article)
    return any(not (doc[i].is_punct or doc[i].is_space) for i in range(start, end))


def sentence_text(span: Span) -> str:
    """`span.text`, cut from the document's text (joined once per document) rather than joined again from a
    Token object per word at each call."""
    return doc_words(span.doc).doc_text[span.start_char : span.end_char] if len(span) else ""


def dateline_end(sent: Span) -> int:
    """The first token after a dateline ("TOKYO/SEOUL (Reuters) -", "KUNDUZ, Afghanistan —"), else the
    sentence's start."""
    first = sent[0]
    if not ((first.text.isupper() and len(first.text) > 1 and first.is_alpha) or "/" in first.text):
        return sent.start
    for token in sent[:14]:
        if token.text in DATELINE_DASHES:
            return token.i + 1
    return sent.start


def is_passive(token: Token) -> bool:
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def act_lemma(token: Token) -> str:
    """One key for a verb and its noun: "launches"/"launch", "bombed"/"bombing"."""
    lemma = token.lemma_.lower()
    return lemma[:-3] if lemma.endswith("ing") and len(lemma) > 5 else lemma


def phrase_tokens(head: Token, sent: Span) -> list[Token]:
    """The words of the noun phrase headed by `head`: its modifiers, not its clauses or coordinates.
    Remembered for the document (a phrase is read again as the source of several triggers, and when no
    dictionary resolves it); callers only read the list."""
    known = _phrases(head.doc)
    key = (head.i, sent.start, sent.end)
    found = known.get(key)
    if found is None:
        found = known[key] = _phrase_tokens(head, sent)
    return found


@per_document
def _phrases(doc: Doc) -> dict[tuple[int, int, int], list[Token]]:
    """The phrases `phrase_tokens` read in a document, by head and sentence."""
    return {}


def _phrase_tokens(head: Token, sent: Span) -> list[Token]:
    tokens = [head]
    stack = [c for c in head.children if _in_phrase(c, head)]
    while stack:
        token = stack.pop()
        if not (sent.start <= token.i < sent.end):
            continue
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "advcl", "appos", "punct"))
    return sorted(tokens, key=lambda t: t.i)


def _in_phrase(child: Token, head: Token) -> bool:
    dep = child.dep_
    if dep in ("relcl", "acl", "advcl", "conj", "cc", "punct", "appos"):
        return False
    if dep == "prep":
        return child.lower_ in ("of", "in", "from") and head.pos_ == "NOUN"
    return True


def text_of(tokens: list[Token]) -> str:
    """The text of a phrase's tokens: the doc's own text when they are contiguous."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    if end - start == len(tokens):
        return doc[start:end].text
    return " ".join(t.text for t in tokens)


# Particles that stand alone after their verb ("gave in", "backed down"); followed by an object of their own
# they are a preposition of place or time, not the particle.
ADVERB_PARTICLES = frozenset({"in", "out", "down", "up", "off", "back", "away"})


def particle(token: Token, wanted: str) -> Token | None:
    """The particle or preposition of `token` that a pattern names ("call on"), if it has it."""
    words = wanted.split()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "dative", "agent") and child.lower_ == words[0]:
            if any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                continue
            if (
                child.dep_ == "prep"
                and child.lower_ in ADVERB_PARTICLES
                and any(g.dep_ == "pobj" for g in child.children)
            ):
                continue  # "give contraceptives out in schools", "In one case ... was given": a place, not "give in"
            return child
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ == words[0]:
        return following
    return None


def prep_objects(head: Token, preps: tuple[str, ...]) -> Iterator[Token]:
    """The objects of `head`'s prepositions among `preps`."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")


def target_prep(head: Token) -> list[Token]:
    """The preposition a target phrase hangs from, as a word of the action ("fired at")."""
    if head.dep_ == "pobj" and head.head.pos_ == "ADP":
        return [head.head]
    return []


def governing_verb(token: Token, sent: Span) -> Token | None:
    """The nearest verb (or root) above `token` in its sentence."""
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i or not (sent.start <= head.i < sent.end):
            return None
        if head.pos_ in ("VERB", "AUX", "ADJ") or head.dep_ == "ROOT":
            return head
        current = head
    return None


def maybe_city(token: Token) -> bool:
    """A capitalised word the small model did not tag as a place but may be one ("Kharkiv was attacked");
    the gazetteer decides, for large cities only."""
    if (
        not token.text[:1].isupper()
        or token.pos_ not in ("PROPN", "NOUN")
        or token.ent_type_ in ("ORG", "NORP")
    ):
        return False
    if token.ent_type_ == "PERSON":
        doc = token.doc
        single = token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")
        return single
    return True


def entity_text(token: Token) -> str:
    """The text of the entity starting at `token`, a leading "the" dropped."""
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    text = doc[token.i : end].text
    return text[4:] if text.lower().startswith("the ") else text


def entity_root(token: Token) -> Token:
    """The syntactic head of the entity starting at `token`."""
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[token.i : end].root


def name_text(head: Token) -> str:
    """A person's name: the head and its PERSON compounds ("Emmanuel Macron")."""
    words = [c for c in head.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"] + [head]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
