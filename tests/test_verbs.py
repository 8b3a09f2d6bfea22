"""The verb pattern file format and the mode rewrites of a governed clause's code (transforms/verbs.py)."""

from __future__ import annotations

import pytest

from transforms.cameo import cameo_codes
from transforms.verbs import (
    NO_EVENT,
    VerbFileError,
    load_mode_rewrites,
    load_verbs,
    parse_mode_rewrites,
    parse_verbs,
)

HEADER = "code\tpos\tlemma\tobject\ttarget\tflags"


def test_verbs_bundled_file_covers_every_root() -> None:
    verbs = load_verbs()
    patterns = [p for found in verbs.patterns.values() for p in found]
    assert len({p.line for p in patterns}) >= 300
    assert {p.code[:2] for p in patterns} >= {f"{root:02d}" for root in range(1, 21)}
    assert all(p.code in cameo_codes() or p.code == NO_EVENT for p in patterns)
    assert {p.code[:2] for p in patterns if p.code != NO_EVENT} >= {f"{root:02d}" for root in range(1, 21)}
    assert any(p.mode == "intent" for p in patterns) and any(p.mode == "say" for p in patterns)


def test_verbs_parse_row_with_class_particle_and_flags() -> None:
    lines = [
        "# a comment",
        "@WEAPON\ttank missile air_defence",
        HEADER,
        "072\tV\tsend|supply\t@WEAPON\tto,dative\t",
        "020\tV\tcall on\t-\ton\tcomp=appeal",
        "046\tN\ttalk\t-\twith\tsym",
        "070\tV\thelp\t-\tdobj\treq",
        "0832\tV\tcut\ttax\t-\tcontent",
        "173\tV\tarrest\t-\tdobj\tagent=COP",
    ]
    verbs = parse_verbs(lines)
    (send,) = verbs.candidates("V", "send")
    assert send.code == "072" and send.targets == ("to", "dative")
    assert send.object_matches(frozenset({"tank", "leopard"}))
    assert send.object_matches(frozenset({"air", "defence", "system"}))  # a phrase needs all its words
    assert not send.object_matches(frozenset({"air"}))
    (call,) = verbs.candidates("V", "call")
    assert call.particle == "on" and call.mode == "appeal" and call.specificity == 2
    assert verbs.candidates("N", "talk")[0].symmetric
    assert verbs.candidates("V", "help")[0].needs_target
    assert verbs.candidates("V", "cut")[0].content and not send.content
    assert verbs.candidates("V", "arrest")[0].agent == "COP" and send.agent == ""


def test_verbs_said_rows_are_kept_apart_from_triggers() -> None:
    verbs = parse_verbs([HEADER, "111\tV\tfail|wreck\t-\t-\tsaid", "112\tV\tbreak\tpledge\t-\tsaid"])
    assert verbs.candidates("V", "fail") == []
    assert [p.code for p in verbs.said_candidates("V", "wreck")] == ["111"]
    assert verbs.said_candidates("V", "break")[0].object_matches(frozenset({"pledge", "the"}))


def test_verbs_hyphenated_object_is_the_words_spacy_splits_it_into() -> None:
    verbs = parse_verbs(
        [HEADER, "0871\tV\tdeclare\tcease-fire|truce\twith\t", "none\tV\tmeet\tdeadline\t-\t"]
    )
    (declare,) = verbs.candidates("V", "declare")
    assert declare.object_matches(frozenset({"cease", "fire", "unilateral"}))
    assert verbs.candidates("V", "meet")[0].code == NO_EVENT


def test_verbs_most_specific_pattern_first() -> None:
    verbs = parse_verbs(
        [HEADER, "190\tV\tfire\t-\tat\t", "175\tV\tfire\ttear_gas\tat\t", "190\tV\tfire on\t-\ton\t"]
    )
    found = verbs.candidates("V", "fire")
    assert [(p.code, p.specificity) for p in found] == [("190", 2), ("175", 1), ("190", 0)]


def test_verbs_object_score_prefers_longer_phrases() -> None:
    verbs = parse_verbs([HEADER, "070\tV\tsend\taid\tto\t", "073\tV\tsend\thumanitarian_aid\tto\t"])
    words = frozenset({"humanitarian", "aid"})
    best = max(verbs.candidates("V", "send"), key=lambda p: p.object_score(words))
    assert best.code == "073"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["072\tV\tsend\t-\tto\t"], "expected the header"),
        ([HEADER, "999\tV\tsend\t-\tto\t"], "not a CAMEO event code"),
        ([HEADER, "072\tX\tsend\t-\tto\t"], "pos must be V or N"),
        ([HEADER, "072\tV\tsend\t@NOPE\tto\t"], "unknown word class"),
        ([HEADER, "072\tV\tsend\t-\tto\tcomp=wish"], "unknown complement mode"),
        ([HEADER, "072\tV\tsend\t-\tto\tloud"], "unknown flag"),
        ([HEADER, "173\tV\tarrest\t-\tdobj\tagent=police"], "agent= takes a role code"),
        ([], "no header"),
    ],
)
def test_verbs_malformed_lines_are_reported(lines: list[str], message: str) -> None:
    with pytest.raises(VerbFileError, match=message):
        parse_verbs(lines, "test.tsv")


@pytest.mark.parametrize(
    ("mode", "code", "expected"),
    [
        ("intent", "072", "0332"),  # will send arms
        ("intent", "073", "0333"),
        ("intent", "0841", "0353"),  # will release prisoners
        ("intent", "0871", "0356"),
        ("intent", "042", "036"),  # will visit
        ("intent", "051", "032"),  # will support
        ("intent", "195", "1384"),  # will bomb: a threat
        ("intent", "111", "111"),  # verbal acts keep their code
        ("intent", None, "030"),
        ("appeal", "0841", "0253"),  # urged X to release
        ("appeal", "074", "0234"),
        ("appeal", "046", "026"),
        ("appeal", None, "020"),
        ("demand", "0831", "1041"),  # demanded that X resign
        ("demand", "087", "1056"),
        ("reject", "046", "125"),  # refused to negotiate
        ("reject", "0231", "1221"),  # rejected calls for economic aid
        ("reject", "085", "1244"),
        ("threat", "163", "1312"),  # threatened sanctions
        ("threat", "190", "138"),
        ("threat", None, "130"),
    ],
)
def test_verbs_complement_modes(mode: str, code: str | None, expected: str) -> None:
    assert load_mode_rewrites().apply(mode, code) == expected
    assert expected in cameo_codes()


def test_verbs_mode_rewrites_refine_an_accusation_by_what_is_alleged() -> None:
    rewrites = load_mode_rewrites()
    assert rewrites.apply("accuse", "190") == "1123"  # accused of attacking: of aggression
    assert rewrites.apply("accuse", "1821") == "1122"  # of a sexual assault: of human rights abuses
    assert rewrites.apply("accuse", "171") == "1121"  # of seizing property: of crime
    assert rewrites.apply("accuse", "042") == rewrites.apply("accuse", None) == "112"


MODES_HEADER = "mode\tfrom\tto"
ANY_ROWS = [f"{mode}\t-\t{code}" for mode, code in
            (("intent", "030"), ("appeal", "020"), ("demand", "100"), ("reject", "120"), ("threat", "130"),
             ("accuse", "112"))]  # fmt: skip


def test_verbs_mode_rewrites_look_up_code_then_base_then_root() -> None:
    rewrites = parse_mode_rewrites(
        [MODES_HEADER, *ANY_ROWS, "intent\t07\t033", "intent\t072\t0332", "intent\t11\t="]
    )
    assert rewrites.apply("intent", "0721") == "0332"  # no row for the code: its base
    assert rewrites.apply("intent", "074") == "033"  # no row for the base: its root
    assert rewrites.apply("intent", "112") == "112"  # "=": the clause's code as it is
    assert rewrites.apply("intent", "190") == rewrites.apply("intent", None) == "030"


def test_verbs_refinements_keep_a_code_no_row_names() -> None:
    """A refinement (who does an act, or how) has no `-` row: a code no row names stays as it is."""
    rewrites = parse_mode_rewrites([MODES_HEADER, *ANY_ROWS, "civilians\t19\t145", "launch\t195\t150"])
    assert rewrites.refine("civilians", "1951") == "145"  # looked up as code, base, root
    assert rewrites.refine("civilians", "173") == "173"
    assert rewrites.refine("launch", "190") == "190"
    assert rewrites.refine("in_words", "190") == "190"  # a refinement without rows refines nothing


def test_verbs_threat_rows_name_what_can_be_threatened() -> None:
    """rewrites("threat", code): a row other than `-` and `=` names the code (a conditional intent to do it
    is a threat, transforms/coder/mode.py)."""
    rewrites = load_mode_rewrites()
    assert rewrites.rewrites("threat", "0831")  # stepping down
    assert rewrites.rewrites("threat", "1823")  # material conflict, through its root
    assert not rewrites.rewrites("threat", "130")  # "threat 13 =": a threat stays what it is
    assert not rewrites.rewrites("threat", "072")  # only the `-` row


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["intent\t-\t030"], "expected the header"),
        ([MODES_HEADER, *ANY_ROWS, "wish\t07\t033"], "unknown mode"),
        ([MODES_HEADER, *ANY_ROWS, "intent\t999\t033"], "not a CAMEO event code"),
        ([MODES_HEADER, *ANY_ROWS, "intent\t07\t9999"], "not a CAMEO event code"),
        ([MODES_HEADER, *ANY_ROWS, "intent\t07"], "three cells"),
        ([MODES_HEADER, *ANY_ROWS, "intent\t07\t033", "intent\t07\t031"], "rewritten twice"),
        ([MODES_HEADER, *ANY_ROWS[1:]], "no '-' row"),
        ([MODES_HEADER, *ANY_ROWS, "launch\t-\t150"], "names the codes it refines"),
        ([], "no header"),
    ],
)
def test_verbs_malformed_mode_rewrites_are_reported(lines: list[str], message: str) -> None:
    with pytest.raises(VerbFileError, match=message):
        parse_mode_rewrites(lines, "modes.tsv")
