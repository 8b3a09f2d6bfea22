"""Where a trigger's source is read (transforms/coder/sources.py): on hand-made parses, the subject or the
passive's agent, the object of a controlling verb, "X is to blame"; end to end, whose act it is: an act
whose own subject names no actor is no one's, not the reporter's; an unnamed person using force is a
criminal of the place."""

from __future__ import annotations

from datetime import date

import pytest
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.sources import subject_heads

PUBLISHED = date(2017, 12, 27)

SHELLED_BY = parsed(
    "Kharkiv  PROPN  nsubjpass  shelled  ent=GPE",
    "was      AUX    auxpass    shelled  lemma=be",
    "shelled  VERB   ROOT       -        lemma=shell tag=VBN",
    "by       ADP    agent      shelled",
    "Russian  ADJ    amod       troops   ent=NORP",
    "troops   NOUN   pobj       by       lemma=troop tag=NNS",
)
WAS_SHELLED = parsed(
    "Kharkiv  PROPN  nsubjpass  shelled  ent=GPE",
    "was      AUX    auxpass    shelled  lemma=be",
    "shelled  VERB   ROOT       -        lemma=shell tag=VBN",
)
URGED_TO_RELEASE = parsed(
    "Britain   PROPN  nsubj  urged    ent=GPE",
    "urged     VERB   ROOT   -        lemma=urge",
    "Iran      PROPN  dobj   urged    ent=GPE",
    "to        PART   aux    release  tag=TO",
    "release   VERB   xcomp  urged    tag=VB",
    "the       DET    det    sailors",
    "sailors   NOUN   dobj   release  lemma=sailor tag=NNS",
)


@pytest.mark.parametrize(
    ("doc", "verb", "heads"),
    [
        (SHELLED_BY, "shelled", ["troops"]),  # the passive's agent
        (WAS_SHELLED, "shelled", []),  # "was shelled" names no one who shelled
        (URGED_TO_RELEASE, "release", ["Iran", "Britain"]),  # @OBJECT_CONTROL: Iran is to release
    ],
)
def test_sources_subject_heads(lex: Lexicon, doc: Doc, verb: str, heads: list[str]) -> None:
    token = next(t for t in doc if t.text == verb)
    assert [t.text for t in subject_heads(lex, token, doc[:])] == heads


def coded(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("slots", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    "text",
    [
        # the subject is a thing, not an actor: the one reporting it did not do it
        "A tourist ship struck a highway bridge in Germany and 25 people were injured, police said.",
        "Police said a tram derailed in Croydon, killing seven people.",
    ],
)
def test_sources_act_of_an_unknown_subject_is_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert not {code for _, _, code in coded(nlp, coder, text) if code[:2] in ("17", "18", "19", "20")}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a pronoun may still be the one who reports
        ("Russia said it would send troops to Syria.", "RUS"),
        ("The Seattle police said they detained two protesters.", "USACOP"),
        # no subject of its own: the clause above gives it ("agreed to")
        ("Israel agreed to release Palestinian prisoners.", "ISR"),
        # "extended by three months" names no agent: the soldiers are still deployed by the speaker
        (
            "Mr. Hollande said the measure would be extended by three months and that additional "
            "soldiers would be deployed.",
            "FRAELI",
        ),
    ],
)
def test_sources_subject_of_the_clause_above_when_the_act_has_none(
    nlp: Language, coder: Coder, text: str, source: str
) -> None:
    assert source in {found for found, _, _ in coded(nlp, coder, text)}


RUSSIA_IS_TO_BLAME = parsed(
    "Britain   PROPN  nsubj   said    ent=GPE",
    "said      VERB   ROOT    -       lemma=say",
    "Russia    PROPN  nsubj   is      ent=GPE",
    "is        AUX    ccomp   said    lemma=be tag=VBZ",
    "to        PART   aux     blame   tag=TO",
    "blame     VERB   xcomp   is      tag=VB",
)
RUSSIA_IS_TO_BLAME_ALONE = parsed(
    "Russia    PROPN  nsubj   is      ent=GPE",
    "is        AUX    ROOT    -       lemma=be tag=VBZ",
    "to        PART   aux     blame   tag=TO",
    "blame     VERB   xcomp   is      tag=VB",
)
BRITAIN_IS_GOING_TO_BLAME_RUSSIA = parsed(
    "Britain   PROPN  nsubj   going   ent=GPE",
    "is        AUX    aux     going   lemma=be tag=VBZ",
    "going     VERB   ROOT    -       lemma=go tag=VBG",
    "to        PART   aux     blame   tag=TO",
    "blame     VERB   xcomp   going   tag=VB",
    "Russia    PROPN  dobj    blame   ent=GPE",
)


@pytest.mark.parametrize(
    ("doc", "blamers"),
    [
        (RUSSIA_IS_TO_BLAME, set()),  # "Russia is to blame": Russia is blamed, it blames no one
        (RUSSIA_IS_TO_BLAME_ALONE, set()),
        (BRITAIN_IS_GOING_TO_BLAME_RUSSIA, {"GBR"}),
    ],
)
def test_sources_subject_of_is_to_blame_is_not_the_blamer(coder: Coder, doc: Doc, blamers: set) -> None:
    assert {source for source, _, code in code(doc, coder) if code.startswith("112")} == blamers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man stabbed three people in London on Monday.", ("GBRCRM", "GBRCVL", "18")),
        ("At least 84 people were killed in Nice by the driver of a truck.", ("FRACRM", "FRACVL", "18")),
    ],
)
def test_sources_unnamed_perpetrator_is_a_criminal_of_the_place(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    """unnamed_perpetrators: an unnamed person (@VICTIM word) using force, as its own subject or agent."""
    assert expected in {(s, t, c[:2]) for s, t, c in coded(nlp, coder, text)}


@pytest.mark.parametrize(
    "text",
    [
        "A man spoke to three people in London on Monday.",  # no force: no perpetrator
        "Police in London said a man was stabbed.",  # the man is the victim
        "A driver crashed his car into a wall in London.",  # a mishap verb: an accident, no one's act
    ],
)
def test_sources_unnamed_person_is_no_perpetrator_otherwise(nlp: Language, coder: Coder, text: str) -> None:
    assert not {s for s, _, _ in coded(nlp, coder, text) if s.endswith("CRM")}
