"""Docs parsed by hand, for the coder's construction tests: a rule is tested on the parse it is written
for, without the trained parser (whose mistakes the end-to-end tests of test_coder_*.py meet anyway).

    doc = parsed(
        "Russia    PROPN  nsubj  attacked  ent=GPE",
        "attacked  VERB   ROOT   -         lemma=attack",
        "Ukraine   PROPN  dobj   attacked  ent=GPE",
        ".         PUNCT  punct  attacked",
    )

One string a token: its word, its part of speech (POS), its dependency label and its head, then any of
`lemma=`, `tag=` (the fine tag) and `ent=`. The head is a word of the same doc (`word#2`: the second of
two equal words) or `-` for the root of a sentence; every root starts a sentence. The lemma defaults to the
word in lower case (as written for PROPN), the fine tag to the usual one of the POS (VERB: VBD, NOUN: NN
...). `ent=GPE` begins a named entity; `ent=I-GPE` continues the one before ("North Korea").
"""

from __future__ import annotations

from datetime import date
from functools import cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from transforms.coder import ArticleContext, Coder

TAGS = {
    "VERB": "VBD", "AUX": "MD", "NOUN": "NN", "PROPN": "NNP", "PRON": "PRP", "ADJ": "JJ", "ADV": "RB",
    "ADP": "IN", "DET": "DT", "NUM": "CD", "PART": "RP", "CCONJ": "CC", "SCONJ": "IN", "PUNCT": ".",
    "SYM": "SYM", "SPACE": "_SP", "X": "XX",
}  # fmt: skip
PUBLISHED = date(2023, 3, 8)  # a Wednesday


@cache
def english_vocab() -> Vocab:
    """A vocab with English lexical attributes (is_punct, like_num ...), as the trained pipeline has."""
    return spacy.blank("en").vocab


def parsed(*tokens: str) -> Doc:
    """A Doc of the tokens, one string each (see the module's docstring)."""
    rows = [_row(number, line) for number, line in enumerate(tokens)]
    words = [row["word"] for row in rows]
    heads = [_head_index(number, row, words) for number, row in enumerate(rows)]
    return Doc(
        english_vocab(),
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        heads=heads,
        deps=[row["dep"] for row in rows],
        pos=[row["pos"] for row in rows],
        tags=[row.get("tag") or TAGS[row["pos"]] for row in rows],
        lemmas=[
            row.get("lemma") or (row["word"] if row["pos"] == "PROPN" else row["word"].lower())
            for row in rows
        ],
        ents=[_iob(row.get("ent")) for row in rows],
    )


def code(doc: Doc, coder: Coder, published: date = PUBLISHED) -> set[tuple[str, str, str]]:
    """The (source, target, code) triples the coder gives `doc`, negated events left out; no target is ""
    (whether the row holds "" or NULL)."""
    events = coder.code(doc, ArticleContext("hand", published, published)).events
    return {
        (e["source_code"], e["target_code"] or "", e["cameo_code"]) for e in events if not e["is_negated"]
    }


def _row(number: int, line: str) -> dict[str, str]:
    cells = line.split()
    if len(cells) < 4:
        raise ValueError(f"token {number} {line!r}: expected word, POS, dependency and head")
    row = {"word": cells[0], "pos": cells[1], "dep": cells[2], "head": cells[3]}
    for cell in cells[4:]:
        key, sep, value = cell.partition("=")
        if not sep or key not in ("lemma", "tag", "ent"):
            raise ValueError(f"token {number} {line!r}: {cell!r} is not lemma=, tag= or ent=")
        row[key] = value
    if row["pos"] not in TAGS:
        raise ValueError(f"token {number} {line!r}: unknown POS {row['pos']!r}")
    return row


def _head_index(number: int, row: dict[str, str], words: list[str]) -> int:
    """The head's index: `-` the token itself (a root), `word#n` the n-th occurrence of word."""
    if row["head"] == "-":
        return number
    word, _, nth = row["head"].partition("#")
    found = [i for i, w in enumerate(words) if w == word]
    wanted = int(nth) if nth else 1
    if len(found) < wanted or (not nth and len(found) > 1):
        raise ValueError(f"head {row['head']!r} of {row['word']!r}: name it word#n among {len(found)}")
    return found[wanted - 1]


def _iob(ent: str | None) -> str:
    if not ent:
        return "O"
    if ent.startswith(("B-", "I-")):
        return ent
    return f"B-{ent}"
