"""What a function computes from a whole parsed document, remembered for the last document it was asked about.

The coder reads a document one sentence (or one word) at a time, and several of its steps need something of
the whole document: where its quote marks or the words that can start a date stand, read once as arrays of
token attributes rather than a Token object per word per sentence. `per_document` keeps the answer for the
last document only (the coder codes one document after another), holding no more than that one document.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")


def per_document(compute: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """`compute(doc)`, computed again only when asked about another document than the last one."""
    last: tuple[Doc, T] | None = None

    @wraps(compute)
    def remembered(doc: Doc) -> T:
        nonlocal last
        found = last  # one read: the document and its answer stay a pair whoever else calls
        if found is None or found[0] is not doc:
            found = last = (doc, compute(doc))
        return found[1]

    return remembered
