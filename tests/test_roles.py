"""Role phrases found in a parse (transforms/roles.py), on hand-made parses (tests/handparse.py): the words
before a phrase's last word as lemmas or as written, its last word as lemma, as written or an acronym's
plural, the longest phrase first."""

from __future__ import annotations

import pickle

import pytest
from handparse import parsed

from transforms.roles import RolePhrases

PHRASES = [
    ("minister", "GOV"),
    ("foreign minister", "GOV"),
    ("former foreign minister", "ELI"),
    ("security force", "COP"),
    ("armed force", "MIL"),
    ("strike worker", "LAB"),
    ("mp", "LEG"),
]


@pytest.fixture(scope="module")
def roles() -> RolePhrases:
    return RolePhrases(PHRASES)


def test_roles_longest_phrase_ending_at_the_noun_wins(roles: RolePhrases) -> None:
    doc = parsed(
        "the       DET   det       minister",
        "former    ADJ   amod      minister",
        "foreign   ADJ   amod      minister",
        "minister  NOUN  nsubj     resigned",
        "resigned  VERB  ROOT      -",
    )
    assert roles.ending_at(doc[3]) == ("ELI", 1)
    assert roles.ending_at(doc[2]) is None  # no phrase ends at "foreign"


def test_roles_last_word_through_its_lemma_after_words_as_written(roles: RolePhrases) -> None:
    # "armed" read as the verb "arm": the phrase's first word is the word as written, its last the lemma
    doc = parsed(
        "armed   VERB  amod   forces  lemma=arm",
        "forces  NOUN  nsubj  fired   lemma=force",
        "fired   VERB  ROOT   -",
    )
    assert roles.ending_at(doc[1]) == ("MIL", 0)


def test_roles_words_before_the_last_through_their_lemmas(roles: RolePhrases) -> None:
    doc = parsed(
        "striking  VERB  amod   workers  lemma=strike",
        "workers   NOUN  nsubj  marched  lemma=worker",
        "marched   VERB  ROOT   -",
    )
    assert roles.ending_at(doc[1]) == ("LAB", 0)


def test_roles_an_acronyms_plural_the_lemmatiser_keeps(roles: RolePhrases) -> None:
    doc = parsed("MPs PROPN nsubj voted", "voted VERB ROOT -")
    assert roles.ending_at(doc[0]) == ("LEG", 0)


def test_roles_capitalised_words_as_lower_case(roles: RolePhrases) -> None:
    doc = parsed(
        "Security  PROPN  compound  Force",
        "Force     PROPN  nsubj     fired",
        "fired     VERB   ROOT      -",
    )
    assert roles.ending_at(doc[1]) == ("COP", 0)


def test_roles_pickled_after_use_find_the_same(roles: RolePhrases) -> None:
    first = parsed("minister NOUN nsubj spoke", "spoke VERB ROOT -")
    assert roles.ending_at(first[0]) == ("GOV", 0)
    copy = pickle.loads(pickle.dumps(roles))
    other = parsed("foreign ADJ amod minister", "minister NOUN nsubj spoke", "spoke VERB ROOT -")
    assert copy.ending_at(other[1]) == roles.ending_at(other[1]) == ("GOV", 0)
