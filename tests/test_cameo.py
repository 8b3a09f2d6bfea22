"""The CAMEO table and the predicates the coder's rules read from it (transforms/cameo.py)."""

from __future__ import annotations

import pytest

from transforms.cameo import (
    cameo_codes,
    is_material,
    is_material_conflict,
    is_protest,
    is_verbal,
    is_violent,
    root_of,
)


@pytest.mark.parametrize(
    ("code", "verbal", "material", "violent", "material_conflict"),
    [
        ("010", True, False, False, False),  # a statement
        (
            "046",
            False,
            False,
            False,
            False,
        ),  # talks: a meeting needs a party, and happens nowhere in particular
        ("042", False, True, False, False),  # a visit happens somewhere
        ("0332", True, False, False, False),  # an intent to give military aid is words
        ("073", False, True, False, False),  # humanitarian aid
        ("1412", False, True, False, True),  # a demonstration for policy change
        ("163", False, False, False, True),  # an embargo reduces relations: material conflict, done nowhere
        ("195", False, True, True, True),  # an air strike
        ("none", False, False, False, False),  # no CAMEO code at all
    ],
)
def test_cameo_predicates_read_the_table(
    code: str, verbal: bool, material: bool, violent: bool, material_conflict: bool
) -> None:
    assert (is_verbal(code), is_material(code), is_violent(code)) == (verbal, material, violent)
    assert is_material_conflict(code) is material_conflict


def test_cameo_properties_are_consistent_within_each_root() -> None:
    codes = cameo_codes().values()
    for code in codes:
        assert not (code.verbal and code.material), code.code
        assert not code.violent or (code.material and code.quad_class == 4), code.code
        assert code.verbal == cameo_codes()[code.root].verbal, code.code  # verbal is a property of the root
        assert code.violent == cameo_codes()[code.root].violent, code.code


def test_cameo_roots_of_codes_and_of_codes_not_in_the_table() -> None:
    assert root_of("1412") == "14" and is_protest("1412")
    assert root_of("0999") == "09" and is_verbal("0999")  # unknown code: its root's properties
