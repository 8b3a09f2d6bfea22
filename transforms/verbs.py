"""Verb and noun patterns (transforms/data/verbs.tsv): which words code which CAMEO event.

The file format is documented in transforms/data/README.md. Patterns are compiled once into a dict keyed by
(pos, lemma), most specific first, so that matching a token costs one dict lookup plus a few set tests.
This module also holds the CAMEO knowledge of how a complement changes a code: "will send arms" is an
intent (0332), "urged X to release" an appeal (0253), "refused to release" a rejection (1243).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from transforms.cameo import cameo_codes

POS = ("V", "N")
# What a verb does to the event in its complement ("agreed to send" -> intent of sending).
MODES = ("intent", "appeal", "demand", "reject", "threat", "say", "accuse", "deny", "support", "plain")
SLOT_WORDS = ("dobj", "dative", "-")
# The code of rows that stop a match: "met the deadline", "launched a website" are no events.
NO_EVENT = "none"
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

    @property
    def specificity(self) -> int:
        return (2 if self.particle else 0) + (1 if self.objects else 0)

    def object_matches(self, words: frozenset[str]) -> bool:
        return not self.objects or any(alternative <= words for alternative in self.objects)

    def object_score(self, words: frozenset[str]) -> int:
        """How many words of its object the pattern matched ("humanitarian aid" beats "aid"); -1: none."""
        if not self.objects:
            return 0
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
    if path is None:
        text = files("transforms.data").joinpath("verbs.tsv").read_text(encoding="utf-8")
        origin = "verbs.tsv"
    else:
        text = path.read_text(encoding="utf-8")
        origin = str(path)
    return parse_verbs(text.splitlines(), origin)


def parse_verbs(lines: Iterable[str], origin: str = "verbs.tsv") -> VerbDictionary:
    codes = cameo_codes()
    classes: dict[str, frozenset[str]] = {}
    patterns: dict[tuple[str, str], list[Pattern]] = {}
    said_patterns: dict[tuple[str, str], list[Pattern]] = {}
    header_seen = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{origin}:{number}"
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
        for flag in flag_cell.split():
            if flag == "sym":
                symmetric = True
            elif flag == "req":
                needs_target = True
            elif flag == "rev":
                reverse = True
            elif flag == "said":
                said = True
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


# --- how a governing verb changes the code of its complement -------------------------------------------

# Keys are looked up longest first: the full code, then its base (3 digits), then its root.
_INTENT = {
    "04": "036", "041": "036", "042": "036", "043": "036", "044": "036", "045": "039", "046": "036",
    "05": "032", "057": "030", "051": "032",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342",
    "0833": "0343", "0834": "0344", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "14": "133",
    "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
    "17": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "18": "1383", "19": "138", "191": "1381", "192": "1382", "193": "1384", "194": "1384",
    "195": "1384", "20": "1385",
}  # fmt: skip
_APPEAL = {
    "03": "020", "04": "026", "05": "022",
    "06": "021", "061": "0211", "062": "0212", "063": "0213", "064": "0214",
    "07": "023", "071": "0231", "072": "0232", "073": "0233", "074": "0234",
    "08": "025", "081": "0251", "082": "0252", "084": "0253", "085": "0254", "086": "0255",
    "087": "0256", "083": "024", "0831": "0241", "0832": "0242", "0833": "0243", "0834": "0244",
    "037": "027", "039": "028", "045": "028", "057": "027",
}  # fmt: skip
_DEMAND = {
    "03": "100", "04": "106", "05": "102",
    "06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
    "07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
    "08": "105", "081": "1051", "082": "1052", "084": "1053", "085": "1054", "086": "1055",
    "087": "1056", "083": "104", "0831": "1041", "0832": "1042", "0833": "1043", "0834": "1044",
    "037": "107", "039": "108", "045": "108", "057": "107",
}  # fmt: skip
_REJECT = {
    # what was asked for, demanded or offered: rejecting it is rejecting the thing itself
    "021": "121", "0211": "1211", "0212": "1212", "0213": "1213", "023": "122", "0231": "1221",
    "0232": "1222", "0233": "1223", "0234": "1224", "024": "123", "0241": "1231", "0242": "1232",
    "0243": "1233", "0244": "1234", "025": "124", "0251": "1241", "0252": "1242", "0253": "1243",
    "0254": "1244", "0255": "1245", "0256": "1246", "026": "125", "027": "127", "028": "126",
    "101": "121", "1011": "1211", "1012": "1212", "1013": "1213", "103": "122", "1031": "1221",
    "1032": "1222", "1033": "1223", "1034": "1224", "104": "123", "1041": "1231", "1042": "1232",
    "1043": "1233", "1044": "1234", "105": "124", "1051": "1241", "1052": "1242", "1053": "1243",
    "1054": "1244", "1055": "1245", "1056": "1246", "106": "125", "107": "127", "108": "126",
    "031": "121", "0311": "1211", "0312": "1212", "0313": "1213", "033": "122", "0331": "1221",
    "0332": "1222", "0333": "1223", "0334": "1224", "034": "123", "035": "124", "0351": "1241",
    "0352": "1242", "0353": "1243", "0354": "1244", "0355": "1245", "0356": "1246", "036": "125",
    "037": "127", "038": "126", "039": "126", "057": "127",
    "02": "120", "03": "120", "04": "125", "05": "120", "10": "120",
    "06": "121", "061": "1211", "062": "1212", "063": "1213",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
    "08": "124", "081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245",
    "087": "1246", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234",
    "045": "126",
}  # fmt: skip
_THREAT = {
    "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
    "17": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "18": "1383", "19": "138", "191": "1381", "192": "1382", "193": "1384", "194": "1384",
    "195": "1384", "20": "1385", "14": "133", "15": "138", "0831": "1313",
}  # fmt: skip
_MODE_TABLES = {
    "intent": (_INTENT, "030"),
    "appeal": (_APPEAL, "020"),
    "demand": (_DEMAND, "100"),
    "reject": (_REJECT, "120"),
    "threat": (_THREAT, "130"),
}
# Codes a mode leaves as they are: what is said, asked or refused about words is itself verbal.
_KEEP_ROOTS = {
    "intent": ("01", "02", "03", "09", "10", "11", "12", "13", "15"),
    "appeal": ("02",),
    "demand": ("10",),
    "reject": ("12",),
    "threat": ("13",),
}


def apply_mode(mode: str, code: str | None) -> str:
    """The code of "<mode verb> to <complement coded `code`>"; `code` None: the complement codes nothing."""
    table, default = _MODE_TABLES[mode]
    if code is None:
        return default
    for key in (code, code[:3]):
        if key in table:
            return table[key]
    if code[:2] in _KEEP_ROOTS[mode]:
        return code
    if code[:2] in table:
        return table[code[:2]]
    return default
