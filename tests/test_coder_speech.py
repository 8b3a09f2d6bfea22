"""What a saying says of someone (transforms/coder/speech.py): criticism, praise, optimism and the
speaker's own priority in what an actor says, judged of the actor the content names. A quote that goes on
past its attribution is tested in test_coder_quotes.py.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce on the
trained model, with the bundled dictionaries; the construction tests after them are on hand-made parses
(tests/handparse.py), coded end to end or given to the module's functions.
"""

from __future__ import annotations

import pytest
from coded import triples
from handparse import code, parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.actors import Actor
from transforms.coder import Coder
from transforms.coder.speech import _negated_judgement, _same, content_clauses


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb that, said of an actor, criticises or accuses it (the `said` rows of verbs.tsv)
        ("Emmanuel Macron said Vladimir Putin has failed.", {("FRAGOV", "RUSGOV", "111")}),
        (
            'Emmanuel Macron said: "Vladimir Putin has forgotten the interests of Russians, and has broken '
            'the pledges he made."',
            {("FRAGOV", "RUSGOV", "111")},  # two judgements of one root between the same actors: one row
        ),
        ("Vladimir Putin said German businesses are doing a very good job.", {("RUSGOV", "DEUBUS", "051")}),
        # an attribute of the actor, a negated praise
        ('Vladimir Putin said: "Olaf Scholz is a very fine man."', {("RUSGOV", "DEUGOV", "051")}),
        (
            "Vladimir Putin said Germany and France are not being straight with people about the war.",
            {("RUSGOV", "DEU", "111"), ("RUSGOV", "FRA", "111")},
        ),
        (  # ... also in the reason the speaker gives
            "Public trust is breaking down because Germany and France are not being straight with people, "
            "Vladimir Putin has said.",
            {("RUSGOV", "DEU", "111"), ("RUSGOV", "FRA", "111")},
        ),
        # a judged encounter, an honour
        ("Joe Biden said that he had an excellent conversation with Xi Jinping.", {("USAGOV", "CHNGOV", "051")}),
        (
            "Joe Biden said it was a great honour to meet Xi Jinping.",
            {("USAGOV", "CHNGOV", "051"), ("USAGOV", "CHNGOV", "036")},
        ),
        # "this" is what the attribute says it is: an act by someone
        (
            '"This is another reckless, criminal act by the North Korean regime," James Cleverly said.',
            {("GBRGOV", "PRKGOV", "111")},
        ),
        # the speaker's own priority is an intent toward whom it names
        (
            '"My priority is to ensure that Volodymyr Zelensky is successful," Joe Biden said.',
            {("USAGOV", "UKRGOV", "030")},
        ),
    ],
)
def test_speech_judgements_of_named_actors(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an act the content reports is that act, not a judgement
        ("Emmanuel Macron said Russia attacked Ukraine.", {("RUS", "UKR", "190")}),
        # the speaker on itself or on its own country
        ("Russia said its actions were legitimate.", set()),
        ("Emmanuel Macron said France is a great democracy.", set()),
        # what is important or good, said of no one
        ('"It is very important that we safeguard public health," Rishi Sunak said.', set()),
        ('"It\'s not just good for the workers, it is good for the economy," Rishi Sunak said.', set()),
        # things do damage, actors are judged
        ("Lula said the country's lending margins were damaging the economy.", set()),
        # what may happen is no judgement
        ("Emmanuel Macron said Vladimir Putin could fail.", set()),
    ],
)
def test_speech_no_judgement(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker's optimism, toward the actor its phrase names one level down
        (
            "Joe Biden said he was very encouraged following a meeting with Xi Jinping.",
            {("USAGOV", "CHNGOV", "013"), ("USAGOV", "CHNGOV", "044")},  # and the meeting itself
        ),
        ("Joe Biden said he was optimistic about China.", {("USAGOV", "CHN", "013")}),
        # what the speaker is confident of is no event of its own
        (
            "Joe Biden said he was confident Xi Jinping would meet his commitments.",
            {("USAGOV", "CHNGOV", "013")},
        ),
        # encouraged to do something is still an appeal
        ("Iran was encouraged by Russia to attack Israel.", {("RUS", "IRN", "020")}),
    ],
)
def test_speech_feelings(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected


# --- on hand-made parses (tests/handparse.py), without the parser ---------------------------------------------


def macron_said(*content: str) -> Doc:
    """ "Emmanuel Macron said <content>", the content's root a ccomp of "said"."""
    return parsed(
        "Emmanuel  PROPN  compound  Macron  ent=PERSON",
        "Macron    PROPN  nsubj     said    ent=I-PERSON",
        "said      VERB   ROOT      -       lemma=say",
        *content,
    )


def putin(*verb: str) -> Doc:
    """ "Emmanuel Macron said Vladimir Putin <verb>", the verb's last line its head "V"."""
    return macron_said(
        "Vladimir  PROPN  compound  Putin  ent=PERSON",
        "Putin     PROPN  nsubj     V      ent=I-PERSON",
        *verb,
    )


def scholz_is(*attribute: str) -> Doc:
    """ "Emmanuel Macron said Olaf Scholz is <attribute>" """
    return macron_said(
        "Olaf    PROPN  compound  Scholz  ent=PERSON",
        "Scholz  PROPN  nsubj     is      ent=I-PERSON",
        "is      AUX    ccomp     said    lemma=be tag=VBZ",
        *attribute,
    )


def country_is_a_great_democracy(country: str) -> Doc:
    return macron_said(
        f"{country}  PROPN  nsubj  is  ent=GPE",
        "is          AUX    ccomp  said       lemma=be tag=VBZ",
        "a           DET    det    democracy",
        "great       ADJ    amod   democracy",
        "democracy   NOUN   attr   is",
    )


HAS_FAILED = ("has  AUX  aux  V  lemma=have tag=VBZ", "V  VERB  ccomp  said  lemma=fail tag=VBN")
HAS_NOT_FAILED = (HAS_FAILED[0], "not  PART  neg  V  tag=RB", HAS_FAILED[1])
COULD_FAIL = ("could  AUX  aux  V", "V  VERB  ccomp  said  lemma=fail tag=VB")
A_FINE_MAN = ("a  DET  det  man", "fine  ADJ  amod  man", "man  NOUN  attr  is")
NOT = "not  PART  neg  is  tag=RB"


@pytest.mark.parametrize(
    ("doc", "events"),
    [
        # a verb that, said of an actor, judges it (judging_verb, the `said` rows of verbs.tsv)
        (putin(*HAS_FAILED), {("FRAGOV", "RUSGOV", "111")}),
        (putin(*HAS_NOT_FAILED), {("FRAGOV", "RUSGOV", "010")}),  # "has not failed": no judgement
        (putin(*COULD_FAIL), set()),  # what may happen is no judgement
        # an attribute of the actor (attribute): praise; its negation criticism; "not just" is no negation
        (scholz_is(*A_FINE_MAN), {("FRAGOV", "DEUGOV", "051")}),
        (scholz_is(NOT, *A_FINE_MAN), {("FRAGOV", "DEUGOV", "111")}),
        (scholz_is(NOT, "just  ADV  advmod  fine", "fine  ADJ  acomp  is"), {("FRAGOV", "DEUGOV", "051")}),
        (scholz_is("wrong  ADJ  acomp  is"), {("FRAGOV", "DEUGOV", "111")}),
        # the speaker on its own country is no judgement; on another country it is
        (country_is_a_great_democracy("France"), set()),
        (country_is_a_great_democracy("Germany"), {("FRAGOV", "DEU", "051")}),
    ],
)
def test_speech_what_a_saying_judges(coder: Coder, doc: Doc, events: set) -> None:
    assert code(doc, coder) == events


def test_speech_content_clauses_are_the_complements_and_their_conjuncts() -> None:
    doc = macron_said(
        "Putin  PROPN  nsubj  failed  ent=PERSON",
        "failed  VERB   ccomp  said    lemma=fail",
        "and     CCONJ  cc     failed",
        "Scholz  PROPN  nsubj  lied    ent=PERSON",
        "lied    VERB   conj   failed  lemma=lie",
        "to      ADP    prep   said",
        "reporters  NOUN  pobj  to  lemma=reporter tag=NNS",
    )
    assert [t.text for t in content_clauses(doc[2])] == ["failed", "lied"]


def test_speech_content_clauses_include_the_reason_given() -> None:
    """ "Macron said trust is breaking down because Putin lied": the "because" clause is said too."""
    doc = macron_said(
        "trust    NOUN   nsubj  breaking",
        "is       AUX    aux    breaking  lemma=be tag=VBZ",
        "breaking VERB   ccomp  said      lemma=break tag=VBG",
        "because  SCONJ  mark   lied",
        "Putin    PROPN  nsubj  lied      ent=PERSON",
        "lied     VERB   advcl  breaking  lemma=lie",
        "while    SCONJ  mark   rose",
        "prices   NOUN   nsubj  rose      lemma=price tag=NNS",
        "rose     VERB   advcl  breaking  lemma=rise",
    )
    assert [t.text for t in content_clauses(doc[2])] == ["breaking", "lied"]


@pytest.mark.parametrize(
    ("attribute", "negated"),
    [
        ((NOT, "fit  ADJ  acomp  is"), True),  # "is not fit": the judgement negated
        ((NOT, "just  ADV  advmod  good", "good  ADJ  acomp  is"), False),  # "not just good": its degree
        (("fit  ADJ  acomp  is",), False),
    ],
)
def test_speech_negated_judgement(coder: Coder, attribute: tuple[str, ...], negated: bool) -> None:
    # (this module's `coder` fixture is its own, so the lexicon is read from it, not from `lex`)
    doc = scholz_is(*attribute)
    assert _negated_judgement(coder.lex, doc[5]) is negated


MACRON = Actor("FRAGOV", "Emmanuel Macron", "FRA", "GOV", "person")


@pytest.mark.parametrize(
    ("judged", "same"),
    [
        (Actor("FRA", "France", "FRA", "", "state"), True),  # the speaker's own country
        (Actor("FRAGOV", "Emmanuel Macron", "FRA", "GOV", "person"), True),  # the speaker
        (Actor("FRAGOV", "Elisabeth Borne", "FRA", "GOV", "person"), False),  # another person of one code
        (Actor("FRAGOV", "French government", "FRA", "GOV", "state"), False),  # a body is not a person
        (Actor("DEU", "Germany", "DEU", "", "state"), False),
    ],
)
def test_speech_the_speaker_does_not_judge_itself(judged: Actor, same: bool) -> None:
    assert _same(judged, MACRON) is same
