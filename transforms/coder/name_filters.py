"""Which dictionary names stand for their entry in this article: not a name inside a longer name
("Washington" in "Washington Post"), and a local name ("Labour") only in an article about its country.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc

from transforms.actors import NameMatch, split_code
from transforms.coder.lexicon import Lexicon
from transforms.coder.person_spans import person_match

# --- names inside longer names ------------------------------------------------------------------------------

# Entity types of names of things and bodies, inside which a dictionary name is part of another name.
NAMED_THINGS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"})


def whole_names(lex: Lexicon, doc: Doc, names: dict[int, NameMatch]) -> dict[int, NameMatch]:
    """`names` without the dictionary names that are only part of a longer name: "Security Council" in
    "National Security Council" (not the UN's), "Washington" in "Washington Post" (a newspaper, not the
    government). People are left to `find_people`."""
    kept: dict[int, NameMatch] = {}
    for match in {id(m): m for m in names.values()}.values():
        kinds = {lex.actors.entries[ref.entry].kind for ref in match.refs}
        if "person" in kinds or not _part_of_longer_name(lex, doc, match, names, kinds):
            for i in range(match.start, match.end):
                kept[i] = match
    return kept


def _part_of_longer_name(
    lex: Lexicon, doc: Doc, match: NameMatch, names: dict[int, NameMatch], kinds: set[str]
) -> bool:
    first = doc[match.start]
    if first.ent_type_ not in NAMED_THINGS:
        return False
    before = doc[match.start - 1] if match.start > 0 else None
    if (
        before is not None
        and "group" not in kinds  # "Arundel and South Downs Tories" are the Tories
        and first.ent_iob_ == "I"
        and before.i not in names
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and lex.actors.role_of(before) is None
    ):
        return True  # "National Security Council"
    after = doc[match.end] if match.end < len(doc) else None
    # "Washington Post", "Westminster Hour": a capital or an organ of the state that names a newspaper
    # or a programme is not that organ ("the Sudan Armed Forces", "China Daily" keep their country)
    return (
        all(ref.how == "government" or split_code(lex.actors.entries[ref.entry].code)[1] for ref in match.refs)
        and after is not None
        and after.ent_iob_ == "I"
        and after.i not in names
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and lex.actors.role_of(after) is None
    )


# --- names that count only in an article about their country ------------------------------------------------


def local_names(lex: Lexicon, doc: Doc, names: dict[int, NameMatch], day: date) -> dict[int, NameMatch]:
    """`names` with the local names ("Labour", "the Conservatives", "Democrats": `local_names` of an
    entry) kept only where the article is about the entry's country: the country its other names name
    most, or, with no other country named, the one two different local names agree on."""
    counts: Counter[str] = Counter()
    local: dict[str, set[int]] = {}
    for match in {id(m): m for m in names.values()}.values():
        for ref in match.refs:
            country = _country(lex, ref.entry, day)
            if ref.how == "local":
                local.setdefault(country, set()).add(ref.entry)
        if person_match(lex, match) and (
            match.end - match.start == 1 or doc[match.start].lower_ in lex.honorific_gender
        ):
            continue  # a surname is no evidence of the article's country ("Mr Howard")
        if not all(ref.how == "local" for ref in match.refs):
            country = _country(lex, lex.actors.pick(match.refs, day).entry, day)
            if country:
                counts[country] += 1
    if counts:
        top = max(counts.values())
        countries = {c for c, n in counts.items() if n == top}
    else:
        countries = {c for c, entries in local.items() if len(entries) >= 2}
    kept: dict[int, NameMatch] = {}
    for i, match in names.items():
        refs = tuple(r for r in match.refs if r.how != "local" or _country(lex, r.entry, day) in countries)
        if refs:
            kept[i] = match if len(refs) == len(match.refs) else NameMatch(match.start, match.end, refs)
    # one NameMatch object per name, as find_names gives
    by_start: dict[int, NameMatch] = {}
    for i, match in kept.items():
        kept[i] = by_start.setdefault(match.start, match)
    return kept


def _country(lex: Lexicon, entry: int, day: date) -> str:
    return split_code(lex.actors.entries[entry].code_on(day))[0]
