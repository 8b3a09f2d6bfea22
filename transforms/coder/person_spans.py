"""Where the article names a person: the spans of a title and a name ("Mr Clarke", "Sir Digby Jones"), a
dictionary person, a full name (a person entity of two or more words, or a known first name and a
surname). transforms/coder/people.py links them into the article's people.

A dictionary person's name inside a longer name is another person's ("Irene Khan", "Sharon Judy"); one
inside a hyphenated word or a place's name ("Mazar-e-Sharif", "Kennedy Airport") is no person.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress, count

from spacy.tokens import Doc

from transforms.actors import NameMatch
from transforms.coder.lexicon import Lexicon
from transforms.doc_memo import DocWords


@dataclass(eq=False)
class PersonSpan:
    """Words of the article that name one person, before they are linked to the person they name."""

    start: int
    end: int
    words: tuple[str, ...]
    gender: str
    match: NameMatch | None  # the dictionary person match the span holds, if any
    honorific: bool


def name_word_flags(lex: Lexicon, words: DocWords) -> list[bool]:
    """Whether each word of a document can be part of a person's name: capitalised, a proper noun (or
    tagged a person), not a title ("Chancellor Gordon Brown")."""
    text = words.text
    found = [False] * len(text)
    doc, role_in, honorifics = words.doc, lex.actors.role_in, lex.honorific_gender
    # the proper nouns and person words first, picked out in C: most words are neither
    for i in compress(range(len(text)), words.proper_or_person):
        word = text[i]
        if (
            len(word) > 1
            and word[0].isupper()
            and word.replace("-", "").replace("'", "").replace(".", "").isalpha()
            and word.lower() not in honorifics
            and not word.isupper()
        ):
            found[i] = role_in(doc, i) is None
    return found


def person_spans(
    lex: Lexicon, words: DocWords, name_word: list[bool], names: dict[int, NameMatch], sentence_of: list[int]
) -> list[PersonSpan]:
    """The spans that name a person: a title and a name ("Mr Clarke", "Sir Digby Jones"), a dictionary
    person, a full name (a person entity of two or more words, or a known first name and a surname).
    `name_word` says which words can be part of a name (`name_word_flags`)."""
    doc, text, lower, ent_type = words.doc, words.text, words.lower, words.ent_type
    honorifics = lex.honorific_gender
    spans: list[PersonSpan] = []
    # a span starts only at a dictionary name, a title or a name word: the loop jumps from one such word
    # to the next (bisect) rather than taking a Python step over every word between them
    titles = compress(count(), map(honorifics.__contains__, lower))
    stops = sorted({*names, *compress(count(), name_word), *titles})
    i = 0
    n = len(doc)
    while (k := bisect_left(stops, i)) < len(stops) and (i := stops[k]) < n:
        match = names.get(i)
        if match is not None and match.start == i and person_match(lex, match):
            end = match.end
            start = i
            honorific = lower[start] in honorifics
            gender = honorifics.get(lower[start], "")
            if in_compound_word(words, start, end) or _in_place_entity(doc, start, end):
                i = end
                continue
            # "Irene Khan": a first name before the dictionary's surname makes another person's name
            while (
                start > 0
                and not honorific
                and name_word[start - 1]
                and start - 1 not in names
                and ent_type[start - 1] not in ("ORG", "GPE", "NORP", "LOC", "FAC")
            ):
                if sentence_of[start - 1] != sentence_of[i]:
                    break
                start -= 1
            # "Sharon Judy": a name word after the dictionary's surname, in one person entity, makes
            # another person's name too
            while (
                end < n
                and not honorific
                and match.end - match.start == 1
                and ent_type[end] == "PERSON"
                and doc[end].ent_iob_ == "I"
                and name_word[end]
                and end not in names
                and sentence_of[end] == sentence_of[i]
            ):
                end += 1
            found = tuple(text[j] for j in range(start, end) if lower[j] not in honorifics and _word(text[j]))
            spans.append(PersonSpan(start, end, found, gender, match, honorific))
            i = end
            continue
        if (
            lower[i] in honorifics
            and i + 1 < n
            and name_word[i + 1]
            and not (i > 0 and lower[i - 1] == "first")  # "First Lady Michelle Obama"
        ):
            end = i + 1
            while end < n and end - i <= 3 and name_word[end] and sentence_of[end] == sentence_of[i]:
                end += 1
            found = tuple(text[i + 1 : end])
            spans.append(PersonSpan(i, end, found, honorifics[lower[i]], names.get(i + 1), True))
            i = end
            continue
        if name_word[i] and i not in names and not in_compound_word(words, i):
            end = i
            while (
                end < n
                and name_word[end]
                and end not in names
                and sentence_of[end] == sentence_of[i]
                and end - i < 4
            ):
                end += 1
            found = tuple(text[i:end])
            kinds = ent_type[i:end]
            person_entity = "PERSON" in kinds
            first_name = lex.first_names.get(found[0])
            if len(found) >= 2 and (person_entity or first_name is not None):
                if not any(kind in ("GPE", "LOC", "FAC", "NORP") for kind in kinds):
                    spans.append(PersonSpan(i, end, found, first_name or "", None, False))
                i = end
                continue
            i = max(end, i + 1)  # a lone capitalised word is a person only as the surname of one named
            continue
        i += 1
    return spans


def in_compound_word(words: DocWords, start: int, end: int | None = None) -> bool:
    """ "Sharif" in "Mazar-e-Sharif": the words from `start` to `end` are part of a hyphenated word (read
    from the document's word lists: no Token made)."""
    text, space_after = words.text, words.space_after
    last = (end or start + 1) - 1
    return bool(
        (start > 0 and text[start - 1] in ("-", "–") and not space_after[start - 1] and start >= 2)
        or (last + 1 < len(text) and text[last + 1] in ("-", "–") and not space_after[last])
    )


def _word(text: str) -> bool:
    return text[:1].isalpha() or text in ("-", "–")  # "Park Geun-hye": the hyphen kept


def person_match(lex: Lexicon, match: NameMatch) -> bool:
    return any(lex.actors.entries[ref.entry].kind == "person" for ref in match.refs)


def _in_place_entity(doc: Doc, start: int, end: int) -> bool:
    """A name inside a longer place's name ("Kennedy Airport", "Mazar-e-Sharif")."""
    tokens = doc[start:end]
    if not all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens):
        return False
    longer_before = doc[start].ent_iob_ == "I"
    longer_after = end < len(doc) and doc[end].ent_iob_ == "I"
    return longer_before or longer_after
