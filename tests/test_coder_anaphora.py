"""Whom a pronoun refers back to (transforms/coder/anaphora.py): "he" after "said" the speaker, "it" and
"they" a near compatible state, body or group ("they" never a state), "it is important that ..." no one;
"the North" the country named before. Whom "he" and "she" refer to otherwise (the most salient earlier
person) is tested in test_coder_person_pronouns.py.

End-to-end cases are crafted sentences and the rows the coder must produce on the trained model, with the
bundled dictionaries; the construction tests after them are on hand-made parses (tests/handparse.py).
"""

from __future__ import annotations

import pytest
from coded import US_2017, code_text
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder
from transforms.coder.anaphora import _expletive


def test_people_he_after_said_is_the_speaker(nlp: Language, coder: Coder) -> None:
    # "he" after "Mr Hobbs ... said" is Mr Hobbs (a Labour MP: GBRLEG), not the chancellor named before
    text = (
        "Chancellor Gordon Brown spoke in London.\n\n"
        "But Mr Hobbs, a prospective Labour MP, said he had accused the Conservatives of lying."
    )
    events = code_text(nlp, coder, text)
    assert ("GBRLEG", "Mr Hobbs", "GBROPP", "112") in {
        (e["source_code"], e["source_name"], e["target_code"], e["cameo_code"]) for e in events
    }


@pytest.mark.parametrize(
    "text",
    [
        # "they" is a group or a plural, never a state named before
        "Australia criticised Japan on Monday.\n\nThey accused China of lying.",
        # "it" looks back one sentence at most
        "Australia criticised Japan on Monday.\n\nMarkets fell.\n\nPrices rose.\n\nIt accused China of lying.",
        # "it" in "it is important that" stands for the clause, and "BAA said it" for BAA
        "Australia spoke on Monday.\n\nIt is important that China stops lying, BAA said.",
        "Australia spoke on Monday.\n\nBAA said it accused China of lying.",
    ],
)
def test_people_it_and_they_only_for_a_near_compatible_antecedent(
    nlp: Language, coder: Coder, text: str
) -> None:
    events = code_text(nlp, coder, text, US_2017)
    assert not [e for e in events if e["source_text"].lower() in ("they", "it") and e["source_code"] == "AUS"]


def test_people_they_refers_to_a_plural(nlp: Language, coder: Coder) -> None:
    text = "The Tories unveiled their plans in Britain.\n\nThey accused Labour of lying."
    assert ("GBROPP", "GBRGOV") in {(e["source_code"], e["target_code"]) for e in code_text(nlp, coder, text)}


# --- on hand-made parses (tests/handparse.py), without the parser ---------------------------------------------


def person_then(pronoun: str) -> Doc:
    """ "In Beijing Vladimir Putin spoke. <pronoun> criticised Japan." """
    return parsed(
        "In          ADP    prep      spoke",
        "Beijing     PROPN  pobj      In          ent=GPE",
        "Vladimir    PROPN  compound  Putin       ent=PERSON",
        "Putin       PROPN  nsubj     spoke       ent=I-PERSON",
        "spoke       VERB   ROOT      -           lemma=speak",
        ".           PUNCT  punct     spoke",
        f"{pronoun:<11} PRON   nsubj     criticised",
        "criticised  VERB   ROOT      -           lemma=criticise",
        "Japan       PROPN  dobj      criticised  ent=GPE",
        ".           PUNCT  punct     criticised",
    )


@pytest.mark.parametrize(
    ("pronoun", "events"),
    [
        ("He", {("RUSGOV", "JPN", "111")}),  # the man named before
        ("She", set()),  # never a man: no one the coder knows
        ("It", {("CHNGOV", "JPN", "111")}),  # a state or body: Beijing, not the nearer person
    ],
)
def test_anaphora_a_pronoun_refers_to_an_earlier_actor_of_its_gender_and_kind(
    coder: Coder, pronoun: str, events: set
) -> None:
    assert code(person_then(pronoun), coder) == events


def states_then(pronoun: str, sentences_between: int) -> Doc:
    """ "Australia criticised Japan. [Markets fell.]* <pronoun> accused China." """
    between = []
    for n in range(1, sentences_between + 1):
        between += [
            f"Markets  NOUN   nsubj  fell#{n}  lemma=market tag=NNS",
            "fell      VERB   ROOT   -         lemma=fall",
            f".        PUNCT  punct  fell#{n}",
        ]
    return parsed(
        "Australia   PROPN  nsubj  criticised  ent=GPE",
        "criticised  VERB   ROOT   -           lemma=criticise",
        "Japan       PROPN  dobj   criticised  ent=GPE",
        ".           PUNCT  punct  criticised",
        *between,
        f"{pronoun:<11} PRON   nsubj  accused",
        "accused     VERB   ROOT   -           lemma=accuse",
        "China       PROPN  dobj   accused     ent=GPE",
        ".           PUNCT  punct  accused",
    )


@pytest.mark.parametrize(
    ("pronoun", "sentences_between", "accusations"),
    [
        # the nearest state named before, in the sentence before at most (BODY_REACH): Japan, not Australia
        ("It", 0, {("JPN", "CHN", "112")}),
        ("It", 1, set()),  # two sentences back is too far
        ("They", 0, set()),  # "they" is a group or a plural, never a state
    ],
)
def test_anaphora_it_and_they_refer_to_a_near_compatible_body(
    coder: Coder, pronoun: str, sentences_between: int, accusations: set
) -> None:
    events = code(states_then(pronoun, sentences_between), coder)
    assert {e for e in events if e[2] == "112"} == accusations


IT_IS_IMPORTANT = parsed(
    "It         PRON   nsubj  is  tag=PRP",
    "is         AUX    ROOT   -   lemma=be tag=VBZ",
    "important  ADJ    acomp  is",
    "that       SCONJ  mark   stops",
    "China      PROPN  nsubj  stops  ent=GPE",
    "stops      VERB   ccomp  is     lemma=stop tag=VBZ",
)
IT_IS_A_COUNTRY = parsed(
    "It       PRON  nsubj  is  tag=PRP",
    "is       AUX   ROOT   -   lemma=be tag=VBZ",
    "a        DET   det    country",
    "country  NOUN  attr   is",
)
IT_ATTACKED = parsed(
    "It        PRON   nsubj  attacked  tag=PRP",
    "attacked  VERB   ROOT   -         lemma=attack",
    "Japan     PROPN  dobj   attacked  ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "expletive"),
    [
        (IT_IS_IMPORTANT, True),  # "it is important that ...": it stands for the clause after it
        (IT_IS_A_COUNTRY, False),  # an attribute without a clause: "it" is someone
        (IT_ATTACKED, False),
    ],
)
def test_anaphora_it_that_stands_for_a_clause(doc: Doc, expletive: bool) -> None:
    assert _expletive(doc[0]) is expletive


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the North", "the South": the country named before whose name begins with the word
        ("North Korea fired a missile on Monday.\n\nThe North threatened Japan again.", {"PRK"}),
        ("Seoul and Pyongyang spoke on Monday.\n\nThe South criticised Japan.", {"KOR"}),
        # no such country named: "the North" is no one
        ("Britain criticised France on Monday.\n\nThe North threatened Japan again.", set()),
    ],
)
def test_anaphora_the_north_is_the_country_named_before(
    nlp: Language, coder: Coder, text: str, expected: set[str]
) -> None:
    events = coder.code(nlp(text), ArticleContext("test", US_2017, US_2017)).events
    assert {e["source_code"] for e in events if e["source_text"].startswith("The ")} == expected
