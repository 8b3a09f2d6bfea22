"""Verb and noun patterns (transforms/data/verbs.tsv): which words code which CAMEO event.

The file format is documented in transforms/data/README.md. Patterns are compiled once into a dict keyed by
(pos, lemma), most specific first, so that matching a token costs one dict lookup plus a few set tests.
The mode rewrites (transforms/data/modes.tsv) say how a verb that governs a clause changes its code: "will
send arms" is an intent (0332), "urged X to release" an appeal (0253), "refused to release" a rejection (1243).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path

from transforms.cameo import cameo_codes

POS = ("V", "N")
# What a verb does to the event in its complement ("agreed to send" -> intent of sending).
MODES = ("intent", "appeal", "demand", "reject", "threat", "say", "accuse", "deny", "support", "plain")
SLOT_WORDS = ("dobj", "dative", "-")
# The code of rows that stop a match: "met the deadline", "launched a website" are no events.
NO_EVENT = "none"
# The word a verb's object carries when its head names an actor (a name, a role, a person, a pronoun);
# the class @ACTOR of verbs.tsv holds it, so that a row can require "released him", not "released footage".
ACTOR_OBJECT = "$actor"
# The word a verb's object carries when it is an act (a gerund, a "whether" clause): the class @ACT.
ACT_OBJECT = "$act"
# The word a verb's object carries when the verb says what the object is ("considered it illegal"): @PREDICATE.
PREDICATE_OBJECT = "$predicate"
# Words an object phrase is not matched on ("state of emergency" needs "state" and "emergency").
FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "to", "in", "on", "for"})


class VerbFileError(ValueError):
    """A malformed line of the verb pattern file; the message gives file and line."""


@dataclass(frozen=True)
class Pattern:
    code: str
    pos: str  # V: verb (or predicate adjective), N: event noun
    lemma: str
    particle: str  # "" or the particle/preposition the verb needs ("call on")
    objects: tuple[frozenset[str], ...]  # alternatives, each a set of words that must all occur; () any
    targets: tuple[str, ...]  # where the target is read, in order: dobj, dative, a preposition
    mode: str  # how a complement clause is read; "" when the verb takes none
    symmetric: bool  # a coordinated subject acts on each other ("A and B met")
    needs_target: bool  # without a target the words say too little to be an event ("helped")
    reverse: bool  # the subject receives: "received loans from Japan" is Japan's aid
    line: int
    content: bool = False  # coded only as what is intended, asked or refused: "pledged to cut taxes"
    agent: str = ""  # the role that acts when the passive names no one: "was arrested" (COP)

    # The cached properties are read at every verb with rows (match_verb): computed once per row, kept in
    # the instance's __dict__ (a frozen dataclass allows that; they are no fields, so equality, hashing
    # and `replace` are unchanged).
    @cached_property
    def specificity(self) -> int:
        return (2 if self.particle else 0) + (1 if self.objects else 0)

    @cached_property
    def object_words(self) -> frozenset[str]:
        """Every word an object alternative lists."""
        return frozenset().union(*self.objects)

    @cached_property
    def _unlisted_score(self) -> int:
        """`object_score` of words with none of `object_words`: only an empty alternative matches them."""
        return 0 if any(not alternative for alternative in self.objects) else -1

    def object_matches(self, words: frozenset[str]) -> bool:
        return not self.objects or any(alternative <= words for alternative in self.objects)

    def object_score(self, words: frozenset[str]) -> int:
        """How many words of its object the pattern matched ("humanitarian aid" beats "aid"); -1: none."""
        if not self.objects:
            return 0
        if self.object_words.isdisjoint(words):
            return self._unlisted_score  # most objects: one test, not one per alternative
        return max((len(a) for a in self.objects if a <= words), default=-1)


@dataclass
class VerbDictionary:
    patterns: dict[tuple[str, str], list[Pattern]]
    classes: dict[str, frozenset[str]]
    # rows flagged `said`: what a saying says of the verb's subject ("said Blair has failed"); never triggers
    said: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self.patterns.get((pos, lemma), [])

    def said_candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self.said.get((pos, lemma), [])

    def word_class(self, name: str) -> frozenset[str]:
        return self.classes.get(name, frozenset())

    def __len__(self) -> int:
        return sum(len(p) for p in self.patterns.values())


def load_verbs(path: Path | None = None) -> VerbDictionary:
    """Parse the bundled verbs.tsv (or `path`)."""
    return parse_verbs(*_data_lines("verbs.tsv", path))


def _data_lines(name: str, path: Path | None) -> tuple[list[str], str]:
    """The lines of the bundled data file `name` (or of `path`), and the name errors give it."""
    if path is None:
        return files("transforms.data").joinpath(name).read_text(encoding="utf-8").splitlines(), name
    return path.read_text(encoding="utf-8").splitlines(), str(path)


def _content_lines(lines: Iterable[str], origin: str) -> Iterator[tuple[int, str, str]]:
    """(number, where, line) of every line that is neither blank nor a `#` comment; where is
    "file:number", for error messages."""
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            yield number, f"{origin}:{number}", line


def parse_verbs(lines: Iterable[str], origin: str = "verbs.tsv") -> VerbDictionary:
    codes = cameo_codes()
    classes: dict[str, frozenset[str]] = {}
    patterns: dict[tuple[str, str], list[Pattern]] = {}
    said_patterns: dict[tuple[str, str], list[Pattern]] = {}
    header_seen = False
    for number, where, line in _content_lines(lines, origin):
        if line.startswith("@"):
            name, _, words = line.partition("\t")
            if not words.strip():
                raise VerbFileError(f"{where}: a word class needs a tab and its words")
            # "_" joins the words of a phrase; a hyphenated word is the words spaCy splits it into
            classes[name.strip()] = frozenset(
                w.replace("_", " ").replace("-", " ") if "-" in w and len(w) > 3 else w.replace("_", " ")
                for w in words.lower().split()
            )
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if cells[:5] != ["code", "pos", "lemma", "object", "target"]:
                raise VerbFileError(f"{where}: expected the header code pos lemma object target flags")
            header_seen = True
            continue
        cells += [""] * (6 - len(cells))
        code, pos, lemma_cell, object_cell, target_cell, flag_cell = cells[:6]
        if code not in codes and code != NO_EVENT:
            raise VerbFileError(f"{where}: {code!r} is not a CAMEO event code (or {NO_EVENT!r})")
        if pos not in POS:
            raise VerbFileError(f"{where}: pos must be V or N, got {pos!r}")
        objects = _objects(object_cell, classes, where)
        targets = tuple(t for t in target_cell.lower().split(",") if t and t != "-")
        mode = ""
        symmetric = False
        needs_target = False
        reverse = False
        said = False
        content = False
        agent = ""
        for flag in flag_cell.split():
            if flag == "sym":
                symmetric = True
            elif flag == "req":
                needs_target = True
            elif flag == "rev":
                reverse = True
            elif flag == "said":
                said = True
            elif flag == "content":
                content = True
            elif flag.startswith("agent="):
                agent = flag[6:]
                if not (len(agent) == 3 and agent.isalpha() and agent.isupper()):
                    raise VerbFileError(f"{where}: agent= takes a role code (COP, JUD, ...), got {agent!r}")
            elif flag.startswith("comp="):
                mode = flag[5:]
                if mode not in MODES:
                    raise VerbFileError(f"{where}: unknown complement mode {mode!r}")
            else:
                raise VerbFileError(f"{where}: unknown flag {flag!r}")
        for lemma_alternative in lemma_cell.split("|"):
            words = lemma_alternative.strip().split()
            words = (
                words[:1] + [w.lower() for w in words[1:]]
                if words[:1] and words[0].startswith("@")
                else [w.lower() for w in words]
            )
            if not words:
                raise VerbFileError(f"{where}: empty lemma")
            lemmas = classes[words[0]] if words[0].startswith("@") else frozenset([words[0]])
            for lemma in lemmas:
                pattern = Pattern(
                    code=code,
                    pos=pos,
                    lemma=lemma,
                    particle=" ".join(words[1:]),
                    objects=objects,
                    targets=targets,
                    mode=mode,
                    symmetric=symmetric,
                    needs_target=needs_target,
                    reverse=reverse,
                    line=number,
                    content=content,
                    agent=agent,
                )
                (said_patterns if said else patterns).setdefault((pos, lemma), []).append(pattern)
    if not header_seen:
        raise VerbFileError(f"{origin}: no header line")
    for found in (*patterns.values(), *said_patterns.values()):
        # Most specific first; among equals, the earlier line wins (stable sort).
        found.sort(key=lambda p: -p.specificity)
    return VerbDictionary(patterns, classes, said_patterns)


def _objects(cell: str, classes: dict[str, frozenset[str]], where: str) -> tuple[frozenset[str], ...]:
    if not cell or cell == "-":
        return ()
    alternatives: list[frozenset[str]] = []
    for alternative in cell.split("|"):
        words = alternative.split() if alternative.strip().startswith("@") else alternative.lower().split()
        if len(words) == 1 and words[0].startswith("@"):
            if words[0] not in classes:
                raise VerbFileError(f"{where}: unknown word class {words[0]}")
            alternatives.extend(frozenset(w.split()) - FUNCTION_WORDS for w in classes[words[0]])
        elif words:
            alternatives.append(
                frozenset(w for word in words for w in word.replace("-", "_").split("_") if w)
                - FUNCTION_WORDS
            )
    return tuple(alternatives)


# --- how a governing verb changes the code of its clause (modes.tsv) -----------------------------------

ANY_CODE = "-"  # the `from` of the row giving a mode's code when the clause codes nothing a row names
SAME_CODE = "="  # the `to` of a row keeping the clause's code ("vowed to criticise" stays 111)
REWRITE_MODES = ("intent", "appeal", "demand", "reject", "threat", "accuse")
# Refinements: who does an act, or how, changes what it is ("civilians fighting" riot, 145). A refinement
# has no `-` row: a code without a row of its own stays as it is.
REFINEMENT_MODES = ("peacekeepers", "civilians", "irregulars", "launch", "in_words")


@dataclass(frozen=True)
class ModeRewrites:
    """How a verb that governs a clause rewrites the clause's code: "agreed to send arms" (072) is an
    intent to give military aid (0332), "urged X to release" (0841) an appeal (0253); and how who does an
    act, or how, refines its code (the refinement modes)."""

    rows: dict[str, dict[str, str]]  # mode -> the clause's code (or "-") -> the code of the whole

    def row(self, mode: str, code: str) -> str | None:
        """The `to` of the row of `mode` for `code`, looked up as itself, then its base, then its root;
        None when no row names it (the `-` row is not consulted)."""
        table = self.rows.get(mode, {})
        for key in (code, code[:3], code[:2]):
            found = table.get(key)
            if found is not None:
                return found
        return None

    def apply(self, mode: str, code: str | None) -> str:
        """The code of "<mode verb> <clause coded `code`>"; `code` None: the clause codes nothing."""
        found = self.row(mode, code) if code is not None else None
        if found is None:
            return self.rows[mode][ANY_CODE]
        return code if found == SAME_CODE and code is not None else found

    def rewrites(self, mode: str, code: str) -> bool:
        """Whether a row of `mode` names `code` and changes it ("threatened to resign": the threat rows
        name the acts a conditional intent threatens)."""
        found = self.row(mode, code)
        return found is not None and found != SAME_CODE

    def refine(self, mode: str, code: str) -> str:
        """`code` refined by the refinement `mode` (`code` itself when no row names it)."""
        found = self.row(mode, code)
        return code if found is None or found == SAME_CODE else found


def load_mode_rewrites(path: Path | None = None) -> ModeRewrites:
    """Parse the bundled modes.tsv (or `path`)."""
    return parse_mode_rewrites(*_data_lines("modes.tsv", path))


def parse_mode_rewrites(lines: Iterable[str], origin: str = "modes.tsv") -> ModeRewrites:
    codes = cameo_codes()
    rows: dict[str, dict[str, str]] = {}
    header_seen = False
    for _, where, line in _content_lines(lines, origin):
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if cells[:3] != ["mode", "from", "to"]:
                raise VerbFileError(f"{where}: expected the header mode from to")
            header_seen = True
            continue
        if len(cells) < 3:
            raise VerbFileError(f"{where}: a rewrite needs three cells: mode, from, to")
        mode, source, target = cells[:3]
        if mode not in REWRITE_MODES + REFINEMENT_MODES:
            known = ", ".join(REWRITE_MODES + REFINEMENT_MODES)
            raise VerbFileError(f"{where}: unknown mode {mode!r} (one of {known})")
        if mode in REFINEMENT_MODES and source == ANY_CODE:
            raise VerbFileError(
                f"{where}: the refinement {mode} names the codes it refines, not {ANY_CODE!r}"
            )
        if source != ANY_CODE and source not in codes:
            raise VerbFileError(f"{where}: {source!r} is not a CAMEO event code (or {ANY_CODE!r})")
        if target not in codes and not (target == SAME_CODE and source != ANY_CODE):
            raise VerbFileError(f"{where}: {target!r} is not a CAMEO event code (or {SAME_CODE!r})")
        table = rows.setdefault(mode, {})
        if source in table:
            raise VerbFileError(f"{where}: {mode} {source} is rewritten twice")
        table[source] = target
    if not header_seen:
        raise VerbFileError(f"{origin}: no header line")
    for mode in REWRITE_MODES:
        if ANY_CODE not in rows.get(mode, {}):
            raise VerbFileError(f"{origin}: mode {mode} has no {ANY_CODE!r} row (its code for any clause)")
    return ModeRewrites(rows)
