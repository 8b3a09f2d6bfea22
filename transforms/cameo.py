"""The CAMEO event code table: label, Goldstein score and QuadClass of every code, and the properties the
coder's rules read (verbal, material, violent; the tags of code_tags.tsv), each through a named predicate."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType


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


# --- code_tags.tsv: what the coder's rules make of particular codes ----------------------------------------

# Tags naming the one code a rule gives: a bare saying, a denial, praise, criticism.
GIVEN_TAGS = ("statement", "denial", "praise", "criticism")
# Tags naming the codes a rule reads or treats in its own way (any number of codes each).
READING_TAGS = (
    "feeling", "state_of_mind", "claim", "protest", "force", "meeting", "place_from", "border", "yielding",
    "threat", "helps", "purpose", "refusable", "protest_for", "protest_demand", "reform_demand", "intent",
    "posture",
)  # fmt: skip
# A row's code ending in this names the code and every code under it (`17*`: the root 17 and all its codes).
UNDER = "*"


class CodeTagError(ValueError):
    """code_tags.tsv names an unknown tag or code, or gives a rule's code more than once."""


@dataclass(frozen=True)
class CodeTags:
    """The tags of code_tags.tsv: per tag, the codes it names alone and the roots and bases (`14*`, `087*`)
    whose codes all carry it."""

    exact: MappingProxyType[str, frozenset[str]]
    under: MappingProxyType[str, frozenset[str]]

    def has(self, tag: str, code: str) -> bool:
        """Whether `code` carries `tag`: the tag names the code itself, or names its root or base with `*`."""
        under = self.under[tag]
        return code in self.exact[tag] or code[:2] in under or code[:3] in under

    def given(self, tag: str) -> str:
        """The one code a rule gives for `tag` (one of GIVEN_TAGS)."""
        (code,) = self.exact[tag]
        return code


@cache
def code_tags() -> CodeTags:
    """The bundled code_tags.tsv."""
    return parse_code_tags(read_tsv("code_tags.tsv"))


def parse_code_tags(rows: list[dict[str, str]]) -> CodeTags:
    """The tags of the rows (tag, code) of code_tags.tsv, checked against the CAMEO table."""
    table = cameo_codes()
    tags = (*GIVEN_TAGS, *READING_TAGS)
    exact: dict[str, set[str]] = {tag: set() for tag in tags}
    under: dict[str, set[str]] = {tag: set() for tag in tags}
    for row in rows:
        tag, code = row["tag"], row["code"]
        if tag not in exact:
            raise CodeTagError(f"code_tags.tsv: unknown tag {tag!r} (one of {', '.join(tags)})")
        named = code.removesuffix(UNDER)
        if named not in table:
            raise CodeTagError(f"code_tags.tsv: {code!r} ({tag}) is not a CAMEO event code")
        if named == code:
            exact[tag].add(code)
        elif len(named) in (2, 3):
            under[tag].add(named)
        else:
            raise CodeTagError(f"code_tags.tsv: {code!r} ({tag}): only a root or base (2 or 3 digits) takes {UNDER}")
    for tag in GIVEN_TAGS:
        if len(exact[tag]) != 1 or under[tag]:
            rows_of_tag = sorted(exact[tag]) + [f"{c}{UNDER}" for c in sorted(under[tag])]
            raise CodeTagError(f"code_tags.tsv: {tag} names one code, not {rows_of_tag}")
    return CodeTags(
        MappingProxyType({tag: frozenset(codes) for tag, codes in exact.items()}),
        MappingProxyType({tag: frozenset(codes) for tag, codes in under.items()}),
    )


def code_tagged(tag: str) -> str:
    """The code a rule gives for `tag` (one of GIVEN_TAGS): code_tagged("praise") is 051."""
    return code_tags().given(tag)


def is_statement(code: str) -> bool:
    """A bare saying (010): coded only when nothing more specific is in the sentence."""
    return code_tags().has("statement", code)


def is_feeling(code: str) -> bool:
    """Pessimism, optimism (012, 013): the subject's, also in the passive; its target one level down."""
    return code_tags().has("feeling", code)


def is_state_of_mind(code: str) -> bool:
    """Feelings and considering (012-014): the passive subject is who holds them ("Russia is worried")."""
    return code_tags().has("state_of_mind", code)


def is_claim_of_responsibility(code: str) -> bool:
    """Claiming an act (015): its target is the act's target, not its doer."""
    return code_tags().has("claim", code)


def is_protest(code: str) -> bool:
    """Protest (14): "began a hunger strike to protest the decision" is one protest, whose purpose names
    its target; protests joined by "and" are one."""
    return code_tags().has("protest", code)


def is_force(code: str) -> bool:
    """Coercion and violence (17-20): unnamed people it is used on are its targets ("police shot the
    driver"); a passive that happened in it ("were killed in Israeli shelling") is its doer's act."""
    return code_tags().has("force", code)


def is_meeting(code: str) -> bool:
    """Consultation (04): the parties "between X and Y" of its noun are its actors, both ways."""
    return code_tags().has("meeting", code)


def is_from_a_place(code: str) -> bool:
    """Yielding, protest, force posture, reducing relations, coercion (08, 14-17): what its noun comes
    "from" is a place ("withdrawal from Iraq", "release from prison"), not its actor."""
    return code_tags().has("place_from", code)


def is_at_a_border(code: str) -> bool:
    """Force shown, used or withdrawn (15-20, de-escalation 087): at a border it is aimed at the country
    across it ("massed troops on its border with Ukraine")."""
    return code_tags().has("border", code)


def is_yielding(code: str) -> bool:
    """Yielding (08): done "in the face of opposition from X" or "under pressure from X", it is to X."""
    return code_tags().has("yielding", code)


def is_intent(code: str) -> bool:
    """An expression of intent (03): announced for later ("will pledge to", "will offer") it is still
    coded, as the intent it states."""
    return code_tags().has("intent", code)


def is_force_posture(code: str) -> bool:
    """Force shown (15): over a place the gazetteer lacks ("troops patrolled the northern Copperbelt") it is
    shown there, at no one."""
    return code_tags().has("posture", code)


def is_threat(code: str) -> bool:
    """A threat (13): aimed at the one whose act its condition names ("threatened sanctions unless Iran
    stops")."""
    return code_tags().has("threat", code)


def is_help(code: str) -> bool:
    """Intents and aid (03, 07): the one its purpose clause helps is its target ("pledged aid to help
    Jordan cope")."""
    return code_tags().has("helps", code)


def has_purpose(code: str) -> bool:
    """Intents, material cooperation, aid (03, 06, 07): the help its purpose clause names ("sent aid to
    help Jordan") is no event of its own."""
    return code_tags().has("purpose", code)


def is_refusable(code: str) -> bool:
    """Intents and cooperation (03-08): negated, a refusal ("will not release", "did not accept") is itself
    an event (the reject rows of modes.tsv)."""
    return code_tags().has("refusable", code)


def is_protest_for_a_demand(code: str) -> bool:
    """Protests whose 4th digit says what they demand (141-144, themselves only): a demand in their
    purpose clause refines them ("staged demonstrations to demand reforms": 1412)."""
    return code_tags().has("protest_for", code)


def is_protest_demand(code: str) -> bool:
    """Demands (100, 104) that, in a protest's purpose clause, are what the protest is for, no event of
    their own."""
    return code_tags().has("protest_demand", code)


def is_reform_demand(code: str) -> bool:
    """Demands for reform (104): the 4th digit of one (1041-1044) says what the protest is for (1411-1414)."""
    return code_tags().has("reform_demand", code)
