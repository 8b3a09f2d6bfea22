"""The CAMEO event code table: label, Goldstein score and QuadClass of every code."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int

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
        )
        for row in read_tsv("cameo_codes.tsv")
    }


def lookup(code: str) -> CameoCode:
    """The table entry of `code`; raises KeyError for a code CAMEO does not define."""
    return cameo_codes()[code]
