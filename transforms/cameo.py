"""The CAMEO event code table: label, Goldstein score and QuadClass of every code, and the properties the
coder's rules read (verbal, material, violent; the tags of code_tags.tsv), each through a named predicate."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType

# The roots the coder's rules name.
INTENT = "03"
CONSULT = "04"
DIPLOMATIC_COOPERATION = "05"
MATERIAL_COOPERATION = "06"
AID = "07"
YIELD = "08"
PROTEST = "14"
FIGHT = "19"


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int
    verbal: bool = False  # said, asked, promised, demanded, refused, threatened
    material: bool = False  # done to someone somewhere: cooperation, aid, visits, protest, force, violence
    violent: bool = False  # assault, fight, mass violence (roots 18-20)

    @property
    def base(self) -> str:
        return self.code[:3]


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a bundled TSV dictionary file, skipping `#` comment lines."""
    text = files("transforms.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def cameo_codes() -> dict[str, CameoCode]:
    return {
        row["code"]: CameoCode(
            code=row["code"],
            root=row["root"],
            label=row["label"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            verbal=row["verbal"] == "1",
            material=row["material"] == "1",
            violent=row["violent"] == "1",
        )
        for row in read_tsv("cameo_codes.tsv")
    }


def lookup(code: str) -> CameoCode:
    """The table entry of `code`; raises KeyError for a code CAMEO does not define."""
    return cameo_codes()[code]


def _entry(code: str) -> CameoCode | None:
    """The entry of `code`, else of its base, else of its root (None for what is no CAMEO code)."""
    table = cameo_codes()
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def root_of(code: str) -> str:
    entry = _entry(code)
    return entry.root if entry is not None else code[:2]


def is_verbal(code: str) -> bool:
    """Words only: statements, appeals, intents, diplomatic cooperation, demands, disapproval, rejection,
    threats (roots 01-03, 05, 09-13; not 04: a meeting needs a party)."""
    entry = _entry(code)
    return entry is not None and entry.verbal


def is_material(code: str) -> bool:
    """An act done to someone somewhere: material cooperation, aid, yielding, visits and meetings (042-044),
    protest, force posture, coercion, assault, fight, mass violence (not 16: reducing relations)."""
    entry = _entry(code)
    return entry is not None and entry.material


def is_violent(code: str) -> bool:
    """Assault, fight, mass violence (roots 18-20)."""
    entry = _entry(code)
    return entry is not None and entry.violent


def is_material_conflict(code: str) -> bool:
    """CAMEO's QuadClass 4 (roots 14-20, reducing relations included)."""
    entry = _entry(code)
    return entry is not None and entry.quad_class == 4


def is_protest(code: str) -> bool:
    return root_of(code) == PROTEST


# --- code_tags.tsv: what the coder's rules make of particular codes ----------------------------------------

# Tags naming the one code a rule gives: a bare saying, a denial, praise, criticism.
GIVEN_TAGS = ("statement", "denial", "praise", "criticism")
# Tags naming the codes whose triggers a rule reads in its own way.
READING_TAGS = ("feeling", "state_of_mind", "claim")


class CodeTagError(ValueError):
    """code_tags.tsv names an unknown tag or code, or gives a rule's code more than once."""


@cache
def code_tags() -> MappingProxyType[str, frozenset[str]]:
    """Tag -> the codes carrying it (the bundled code_tags.tsv)."""
    return parse_code_tags(read_tsv("code_tags.tsv"))


def parse_code_tags(rows: list[dict[str, str]]) -> MappingProxyType[str, frozenset[str]]:
    """Tag -> the codes carrying it, from the rows (tag, code) of code_tags.tsv; checked against the
    CAMEO table."""
    table = cameo_codes()
    tagged: dict[str, set[str]] = {tag: set() for tag in (*GIVEN_TAGS, *READING_TAGS)}
    for row in rows:
        tag, code = row["tag"], row["code"]
        if tag not in tagged:
            raise CodeTagError(f"code_tags.tsv: unknown tag {tag!r} (one of {', '.join(tagged)})")
        if code not in table:
            raise CodeTagError(f"code_tags.tsv: {code!r} ({tag}) is not a CAMEO event code")
        tagged[tag].add(code)
    for tag in GIVEN_TAGS:
        if len(tagged[tag]) != 1:
            raise CodeTagError(f"code_tags.tsv: {tag} names one code, not {sorted(tagged[tag])}")
    return MappingProxyType({tag: frozenset(codes) for tag, codes in tagged.items()})


def code_tagged(tag: str) -> str:
    """The code a rule gives for `tag` (one of GIVEN_TAGS): code_tagged("praise") is 051."""
    (code,) = code_tags()[tag]
    return code


def is_statement(code: str) -> bool:
    """A bare saying (010): coded only when nothing more specific is in the sentence."""
    return code in code_tags()["statement"]


def is_feeling(code: str) -> bool:
    """Pessimism, optimism (012, 013): the subject's, also in the passive; its target one level down."""
    return code in code_tags()["feeling"]


def is_state_of_mind(code: str) -> bool:
    """Feelings and considering (012-014): the passive subject is who holds them ("Russia is worried")."""
    return code in code_tags()["state_of_mind"]


def is_claim_of_responsibility(code: str) -> bool:
    """Claiming an act (015): its target is the act's target, not its doer."""
    return code in code_tags()["claim"]
