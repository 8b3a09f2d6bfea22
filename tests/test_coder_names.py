"""What the article names (transforms/coder/names.py and the name matcher of transforms/actors.py), on
hand-made parses: the longest dictionary name wins, roles read from a head and its modifiers, "pro-"
and "anti-" names, coordinated modifiers."""

from __future__ import annotations

import pytest
from handparse import parsed
from spacy.tokens import Doc

from transforms.actors import NameMatch
from transforms.coder.lexicon import Lexicon
from transforms.coder.names import coordinated, head_role, modifier_role, pro_or_anti

NORTH_AND_SOUTH_KOREA = parsed(
    "North   PROPN  compound  Korea#1  ent=GPE",
    "Korea   PROPN  nsubj     met      ent=I-GPE",
    "and     CCONJ  cc        Korea#1",
    "South   PROPN  compound  Korea#2  ent=GPE",
    "Korea   PROPN  conj      Korea#1  ent=I-GPE",
    "met     VERB   ROOT      -       lemma=meet",
)
STUDENT_PROTESTERS = parsed(
    "student     NOUN  compound  protesters",
    "protesters  NOUN  nsubj     marched     lemma=protester tag=NNS",
    "marched     VERB  ROOT      -           lemma=march",
)
RIOT_POLICE = parsed(
    "riot     NOUN  compound  police",
    "police   NOUN  nsubj     fired   lemma=police",
    "fired    VERB  ROOT      -       lemma=fire",
)
PEOPLE_PROTESTING = parsed(
    "people      NOUN  nsubj  blocked  lemma=people tag=NNS",
    "protesting  VERB  acl    people   lemma=protest tag=VBG",
    "blocked     VERB  ROOT   -        lemma=block",
)
MILITARY_CONVOY = parsed(
    "military  ADJ   amod   convoy",
    "convoy    NOUN  nsubj  crossed",
    "crossed   VERB  ROOT   -        lemma=cross",
)
PRO_IRANIAN = parsed(
    "pro      ADJ    amod   militias",
    "-        PUNCT  punct  militias",
    "Iranian  ADJ    amod   militias  ent=NORP",
    "militias NOUN   nsubj  attacked  lemma=militia tag=NNS",
    "attacked VERB   ROOT   -         lemma=attack",
)
UKRAINIAN_AND_RUSSIAN = parsed(
    "Ukrainian  ADJ    amod   officials  ent=NORP",
    "and        CCONJ  cc     Ukrainian",
    "Russian    ADJ    conj   Ukrainian  ent=NORP",
    "officials  NOUN   nsubj  met        lemma=official tag=NNS",
    "met        VERB   ROOT   -          lemma=meet",
)


def head(doc: Doc, text: str) -> int:
    return next(t.i for t in doc if t.text == text)


def spans(matches: dict[int, NameMatch]) -> list[tuple[int, int]]:
    return sorted({(m.start, m.end) for m in matches.values()})


def test_names_longest_dictionary_name_wins(lex: Lexicon) -> None:
    # "North Korea" and "South Korea", not "Korea" twice; every covered word points at its name
    found = lex.actors.find_names(NORTH_AND_SOUTH_KOREA)
    assert spans(found) == [(0, 2), (3, 5)]
    assert found[0] is found[1]
    assert 2 not in found  # "and"


@pytest.mark.parametrize(
    ("doc", "word", "role"),
    [
        (STUDENT_PROTESTERS, "protesters", "EDU"),  # a modifier's role is more specific than civilians
        (RIOT_POLICE, "police", "COP"),  # a role phrase ending at the head
        (PEOPLE_PROTESTING, "people", "CVL"),  # @CIVILIAN_ACT: people protesting are civilians
        (MILITARY_CONVOY, "convoy", None),  # no role of its own ...
    ],
)
def test_names_head_role(lex: Lexicon, doc: Doc, word: str, role: str | None) -> None:
    assert head_role(lex, doc[head(doc, word)]) == role


def test_names_modifier_role(lex: Lexicon) -> None:
    # ... but a modifier names one, used with a country ("a Russian military convoy")
    assert modifier_role(lex, MILITARY_CONVOY[head(MILITARY_CONVOY, "convoy")]) == "MIL"
    assert modifier_role(lex, RIOT_POLICE[head(RIOT_POLICE, "fired")]) is None


def test_names_pro_or_anti(lex: Lexicon) -> None:
    iranian = head(PRO_IRANIAN, "Iranian")
    assert pro_or_anti(NameMatch(iranian, iranian + 1, ()), PRO_IRANIAN[:])
    assert not pro_or_anti(NameMatch(0, 1, ()), UKRAINIAN_AND_RUSSIAN[:])


def test_names_coordinated_modifiers_are_all_kept() -> None:
    doc = UKRAINIAN_AND_RUSSIAN
    officials = doc[head(doc, "officials")]
    both = [NameMatch(0, 1, ()), NameMatch(2, 3, ())]
    assert coordinated(both, officials) == both
    # without a coordination the nearest name before the head is the one
    doc = PRO_IRANIAN
    militias = doc[head(doc, "militias")]
    assert coordinated([NameMatch(0, 1, ()), NameMatch(2, 3, ())], militias) == [NameMatch(2, 3, ())]
