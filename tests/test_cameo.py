"""The CAMEO table and the predicates the coder's rules read from it (transforms/cameo.py)."""

from __future__ import annotations

import pytest

from transforms.cameo import (
    CodeTagError,
    cameo_codes,
    code_tagged,
    is_at_a_border,
    is_claim_of_responsibility,
    is_feeling,
    is_force,
    is_material,
    is_material_conflict,
    is_protest,
    is_protest_for_a_demand,
    is_refusable,
    is_state_of_mind,
    is_statement,
    is_verbal,
    is_violent,
    parse_code_tags,
    read_tsv,
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


def test_cameo_code_tags_name_what_the_rules_give_and_read() -> None:
    """code_tags.tsv: the codes a rule gives (one each) and the codes it reads a trigger by."""
    assert [code_tagged(t) for t in ("statement", "denial", "praise", "criticism")] == ["010", "016", "051", "111"]
    assert is_statement("010") and not is_statement("01")
    assert is_feeling("012") and is_feeling("013") and not is_feeling("014")
    assert is_state_of_mind("014") and is_state_of_mind("012") and not is_state_of_mind("015")
    assert is_claim_of_responsibility("015") and not is_claim_of_responsibility("none")


def test_cameo_code_tags_name_a_code_alone_or_with_the_codes_under_it() -> None:
    """`141` names 141 alone; `14*` the root 14 and every code under it; `087*` the base 087 and its codes."""
    assert is_protest("14") and is_protest("141") and is_protest("1412") and not is_protest("015")
    assert is_protest_for_a_demand("141") and not is_protest_for_a_demand("1412")
    assert is_at_a_border("087") and is_at_a_border("0871") and is_at_a_border("195")
    assert not is_at_a_border("08") and not is_at_a_border("086")
    assert is_force("1721") and is_force("20") and not is_force("163")
    assert is_refusable("0899") and not is_refusable("0999")  # codes the table lacks: their roots' tags


def test_cameo_code_tags_a_user_adds_take_effect() -> None:
    """A row added to code_tags.tsv tags the code: no code changes."""
    bundled = read_tsv("code_tags.tsv")
    assert not parse_code_tags(bundled).has("feeling", "018")
    assert parse_code_tags([*bundled, {"tag": "feeling", "code": "018"}]).has("feeling", "018")
    extended = parse_code_tags([*bundled, {"tag": "border", "code": "14*"}])
    assert extended.has("border", "1411") and extended.has("border", "0871")  # the bundled rows still hold


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"tag": "mood", "code": "012"}, "unknown tag"),
        ({"tag": "feeling", "code": "999"}, "not a CAMEO event code"),
        ({"tag": "praise", "code": "050"}, "names one code"),
        ({"tag": "praise", "code": "05*"}, "names one code"),
        ({"tag": "force", "code": "99*"}, "not a CAMEO event code"),
        ({"tag": "force", "code": "1411*"}, "only a root or base"),
    ],
)
def test_cameo_malformed_code_tags_are_reported(row: dict[str, str], message: str) -> None:
    with pytest.raises(CodeTagError, match=message):
        parse_code_tags([*read_tsv("code_tags.tsv"), row])
