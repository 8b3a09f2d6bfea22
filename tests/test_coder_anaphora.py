"""Whom a pronoun refers back to (transforms/coder/anaphora.py): "he" and "she" the most salient earlier
person of their gender (a subject over an object, the nearer sentence first, never one named in the
pronoun's own clause, the speaker after "said"), "it" and "they" a near compatible state, body or group
("they" never a state), "it is important that ..." no one.

End-to-end cases are crafted sentences and the rows the coder must produce on the trained model, with the
bundled dictionaries; the construction tests after them are on hand-made parses (tests/handparse.py).
"""

from __future__ import annotations

from datetime import date

import pytest
from coded import UK_2005, US_2017, code_text
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder
from transforms.coder.anaphora import _expletive, _gender_of, _salience, office_holder
from transforms.coder.lexicon import Lexicon


def sources_of(nlp: Language, coder: Coder, text: str, trigger: str, published: date = UK_2005) -> set[str]:
    events = coder.code(nlp(text), ArticleContext("test", published, published)).events
    return {e["source_name"] for e in events if e["trigger"].startswith(trigger)}


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # "he" is not the person named in its own clause: Mr Brown is whom he accuses
        (
            "Tory leader Michael Howard spoke in London.\n\n"
            "Mr Brown's Budget was a con, the Tory leader said.\n\n"
            "He went on to accuse Mr Brown of lying.",
            "accuse",
            {"Michael Howard"},
        ),
        # the subject before the object: "Tony Blair met Gordon Brown. He urged the Tories ..."
        ("Tony Blair met Gordon Brown in London.\n\nHe urged the Tories to resign.", "urged", {"Tony Blair"}),
        # the speaker of an earlier sentence is no longer "he" once another person has been named
        (
            "Nigel Yeo said police would act.\n\n"
            "The Attorney General, Lord Goldsmith, has issued no instructions.\n\n"
            "He said he will consult the police in the near future.",
            "consult",
            {"Lord Goldsmith"},
        ),
        # no one named inside a quote is the "he" who says it
        (
            "Foreign Secretary Jack Straw spoke in London.\n\n"
            "Home Secretary Charles Clarke vowed to keep the men in prison.\n\n"
            "Mr Straw denied it was a crisis.\n\n"
            '"The law lords are simply wrong to imply this is a decision on the whim of the home secretary," '
            "he told the BBC.",
            "told",
            {"Jack Straw"},
        ),
        # "he" goes on referring to whom the "he" before it referred to
        (
            "Michael Howard spoke in Britain on Monday.\n\n"
            "He said the plans were wrong.\n\n"
            "He said taxes would rise.\n\n"
            "He also criticised the government.",
            "criticised",
            {"Michael Howard"},
        ),
        # the owner of a sentence's subject is its topic: "Michael Howard's entry is ... He ..."
        (
            "Tony Blair's entry lists a holiday.\n\n"
            "David Blunkett earns a fee as an adviser.\n\n"
            "Tory leader Michael Howard's only entry is a hamper.\n\n"
            "He also criticised the government.",
            "criticised",
            {"Michael Howard"},
        ),
    ],
)
def test_mentions_he_is_the_most_salient_person_outside_its_clause(
    nlp: Language, coder: Coder, text: str, trigger: str, expected: set[str]
) -> None:
    assert sources_of(nlp, coder, text, trigger) == expected


def test_mentions_an_office_named_alone_is_a_person_for_he(nlp: Language, coder: Coder) -> None:
    # "the prime minister" is the one "he" refers to, not Mr Howard named in an object's phrase
    text = (
        "Tony Blair spoke in London.\n\n"
        "The prime minister shrugged off claims from Tory leader Michael Howard.\n\n"
        "He rejected the Tories' call for a quota."
    )
    assert sources_of(nlp, coder, text, "rejected") <= {"Tony Blair", "prime minister"}
    assert sources_of(nlp, coder, text, "rejected")


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


def test_people_she_is_never_a_man(nlp: Language, coder: Coder) -> None:
    text = (
        "Tory leader Michael Howard unveiled the plans in Britain.\n\n"
        "Jan Berry, chairman of the Police Federation, said they were a mistake.\n\n"
        "She accused the Conservatives of lying."
    )
    events = code_text(nlp, coder, text)
    assert all(e["source_name"] != "Michael Howard" for e in events if e["source_text"] == "she")


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
    ("word", "gender"),
    [("she", "f"), ("her", "f"), ("he", "m"), ("him", "m"), ("it", ""), ("they", ""), ("Blair", "")],
)
def test_anaphora_gender_a_pronoun_says(word: str, gender: str) -> None:
    assert _gender_of(parsed(f"{word}  PRON  ROOT  -")[0]) == gender


BLAIR_MET_BROWN = parsed(
    "Tony    PROPN  compound  Blair  ent=PERSON",
    "Blair   PROPN  nsubj     met    ent=I-PERSON",
    "met     VERB   ROOT      -      lemma=meet",
    "Gordon  PROPN  compound  Brown  ent=PERSON",
    "Brown   PROPN  dobj      met    ent=I-PERSON",
    "in      ADP    prep      met",
    "London  PROPN  pobj      in     ent=GPE",
)
HOWARDS_ENTRY = parsed(
    "Howard  PROPN  poss   entry  ent=PERSON",
    "'s      PART   case   Howard  tag=POS",
    "entry   NOUN   nsubj  lists",
    "lists   VERB   ROOT   -      lemma=list tag=VBZ",
    "Brown   PROPN  poss   hamper  ent=PERSON",
    "'s      PART   case   Brown   tag=POS",
    "hamper  NOUN   dobj   lists",
)


def test_anaphora_salience_subject_over_object_nearer_sentence_first() -> None:
    tony, blair, brown, london = (BLAIR_MET_BROWN[i] for i in (0, 1, 4, 6))
    assert _salience(tony, 0) == _salience(blair, 0)  # a name's compound counts as its head
    assert _salience(blair, 0) > _salience(brown, 0) > _salience(london, 0)  # subject, object, pobj
    assert _salience(blair, 1) < _salience(blair, 0)  # recency halves with each sentence back
    assert _salience(brown, 0) > _salience(blair, 1)  # the nearer sentence's object over an older subject
    # the owner of the subject is the sentence's topic; the owner of the object is a mere modifier
    howard, brown_of_object = HOWARDS_ENTRY[0], HOWARDS_ENTRY[4]
    assert _salience(howard, 0) >= _salience(blair, 0) > _salience(brown_of_object, 0)


@pytest.mark.parametrize(
    ("det", "noun", "tag", "holder"),
    [
        ("the", "minister", "NN", True),  # one office-holder: "he" may refer to them later
        ("his", "minister", "NN", True),
        ("a", "minister", "NN", False),  # anyone
        ("the", "ministers", "NNS", False),  # several
        ("the", "government", "NN", False),  # a body, not a person's office
    ],
)
def test_anaphora_office_holder(lex: Lexicon, det: str, noun: str, tag: str, holder: bool) -> None:
    doc = parsed(
        f"{det}  DET  det  {noun}",
        f"{noun}  NOUN  nsubj  spoke  tag={tag} lemma={noun.removesuffix('s')}",
        "spoke  VERB  ROOT  -  lemma=speak",
    )
    assert office_holder(lex, doc[1]) is holder


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
