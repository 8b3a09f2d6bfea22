"""A quote that goes on past its attribution ('X said: "A. B."', '"A," X said. "B."'): whose quote a
sentence carries on, and the judgements in it, read with `QUOTE_READERS` as the content of the saying.
What a saying judges in its own sentence is transforms/coder/speech.py.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy
from spacy.attrs import TAG
from spacy.tokens import Doc, Span, Token

from transforms.actors import Actor
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState
from transforms.coder.names import PRONOUNS_OTHER, PRONOUNS_PERSON
from transforms.coder.speech import (
    ClauseReader,
    Judgement,
    attribute,
    judge_clauses,
    judged_encounter,
    judging_verb,
    own_priority,
)
from transforms.doc_memo import per_document

# The tags of quote marks: opening, closing.
QUOTE_TAGS = frozenset({"``", "''"})
# Tried in order, as `CLAUSE_READERS` are on what is said, on a sentence of a quote whose attribution is
# in an earlier sentence: only "my" or "our" priority is the speaker's.
QUOTE_READERS: tuple[ClauseReader, ...] = (own_priority, attribute, judging_verb, judged_encounter)


def quoted_speakers(sent: Span, state: ArticleState) -> list[Actor]:
    """Whose quote a sentence is, when it carries on the quote of the sentence before ('X said: "A. B."',
    '"A," X said. "B."'): the speakers of that quote, else none."""
    if not state.quote_speakers:
        return []
    first = next((t for t in sent if not t.is_space), None)
    if first is not None and first.tag_ == "``" and _opens(first):
        return state.quote_speakers  # '"A," X said. "B."'
    before = sent.doc[sent.start - 1] if sent.start > 0 else None
    new_paragraph = before is not None and before.is_space and "\n" in before.text
    if state.quote_open and not new_paragraph:
        return state.quote_speakers  # 'X said: "A. B."'
    return []


def note_quote(sent: Span, speakers: list[Actor], state: ArticleState) -> None:
    """Remember who the quote still open at the end of `sent` (or just closed) is by. `speakers` are the
    ones the sentence attributes a saying to, or the speakers it carries on quoting."""
    opened = state.quote_open if speakers == state.quote_speakers else False
    quoted = False
    doc = sent.doc
    for i in quote_marks(sent):
        token = doc[i]
        if token.tag_ == "``" and _opens(token):
            opened, quoted = True, True
        elif token.tag_ == "''":
            opened, quoted = False, True
    state.quote_speakers = speakers if speakers and (quoted or opened) else []
    state.quote_open = opened and bool(state.quote_speakers)


def quote_marks(sent: Span) -> list[int]:
    """The indices of the quote marks (opening and closing) of a sentence, in order."""
    marks = _quote_marks(sent.doc)
    first = bisect_left(marks, sent.start)
    return marks[first : bisect_left(marks, sent.end, first)]


@per_document
def _quote_marks(doc: Doc) -> list[int]:
    """The indices of the quote marks of `doc`, read from an array of its tags (no Token object per word)."""
    if not len(doc):
        return []
    tags = doc.to_array(TAG)
    marks = numpy.zeros(len(tags), dtype=bool)
    for tag in QUOTE_TAGS:
        marks |= tags == doc.vocab.strings[tag]
    return numpy.flatnonzero(marks).tolist()


def _opens(mark: Token) -> bool:
    """Whether a quote mark opens a quote (not one closing the paragraph before, left at the line's end)."""
    after = mark.nbor(1) if mark.i + 1 < len(mark.doc) else None
    return not ("\n" in mark.whitespace_ or (after is not None and after.is_space and "\n" in after.text))


def quote_judgements(
    lex: Lexicon, sent: Span, speakers: list[Actor], state: ArticleState, triggers: set[int]
) -> list[Judgement]:
    """The judgements in a sentence of a quote whose attribution is in an earlier sentence: its main
    clauses are read as the content of the saying."""
    root = sent.root
    clauses = [root, *(c for c in root.conjuncts if c.i > root.i)]
    found: list[Judgement] = []
    for code, targets in judge_clauses(lex, clauses, speakers, sent, state, triggers, QUOTE_READERS):
        named = [t for t in targets if t.text.lower() not in PRONOUNS_PERSON | PRONOUNS_OTHER]
        if named:
            found.append((code, named))  # "they are good people": too far from whom they are
    return found
