"""Whom "he" and "she" refer back to (transforms/coder/person_pronouns.py): the most salient earlier person
of their gender (a subject over an object, the nearer sentence first, never one named in the pronoun's own
clause), an office named alone among them.

End-to-end cases are crafted sentences and the rows the coder must produce on the trained model, with the
bundled dictionaries; the construction tests after them are on hand-made parses (tests/handparse.py).
"""

from __future__ import annotations

from datetime import date

import pytest
from coded import UK_2005, code_text
from handparse import parsed
from spacy.language import Language

from transforms.coder import ArticleContext, Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.person_pronouns import _gender_of, _salience, office_holder


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
def test_person_pronouns_he_is_the_most_salient_person_outside_its_clause(
    nlp: Language, coder: Coder, text: str, trigger: str, expected: set[str]
) -> None:
    assert sources_of(nlp, coder, text, trigger) == expected


def test_person_pronouns_an_office_named_alone_is_a_person_for_he(nlp: Language, coder: Coder) -> None:
    # "the prime minister" is the one "he" refers to, not Mr Howard named in an object's phrase
    text = (
        "Tony Blair spoke in London.\n\n"
        "The prime minister shrugged off claims from Tory leader Michael Howard.\n\n"
        "He rejected the Tories' call for a quota."
    )
    assert sources_of(nlp, coder, text, "rejected") <= {"Tony Blair", "prime minister"}
    assert sources_of(nlp, coder, text, "rejected")


def test_person_pronouns_she_is_never_a_man(nlp: Language, coder: Coder) -> None:
    text = (
        "Tory leader Michael Howard unveiled the plans in Britain.\n\n"
        "Jan Berry, chairman of the Police Federation, said they were a mistake.\n\n"
        "She accused the Conservatives of lying."
    )
    events = code_text(nlp, coder, text)
    assert all(e["source_name"] != "Michael Howard" for e in events if e["source_text"] == "she")


# --- on hand-made parses (tests/handparse.py), without the parser ---------------------------------------------


@pytest.mark.parametrize(
    ("word", "gender"),
    [("she", "f"), ("her", "f"), ("he", "m"), ("him", "m"), ("it", ""), ("they", ""), ("Blair", "")],
)
def test_person_pronouns_gender_a_pronoun_says(word: str, gender: str) -> None:
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


def test_person_pronouns_salience_subject_over_object_nearer_sentence_first() -> None:
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
def test_person_pronouns_office_holder(lex: Lexicon, det: str, noun: str, tag: str, holder: bool) -> None:
    doc = parsed(
        f"{det}  DET  det  {noun}",
        f"{noun}  NOUN  nsubj  spoke  tag={tag} lemma={noun.removesuffix('s')}",
        "spoke  VERB  ROOT  -  lemma=speak",
    )
    assert office_holder(lex, doc[1]) is holder
