"""What a saying says of someone (transforms/coder/speech.py): criticism, praise, optimism and the
speaker's own priority in what an actor says, judged of the actor the content names.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce on the
trained model, with the bundled dictionaries.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2023, 3, 8)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def triples(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str, str]]:
    events = coder.code(nlp(text), ArticleContext("test", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote that goes on past the sentence of its attribution is still the speaker's
        (
            'Emmanuel Macron told reporters: "The talks were useful. Vladimir Putin is a liar and a thug."',
            {("FRAGOV", "RUSGOV", "111")},
        ),
        (
            '"We are working hard," Emmanuel Macron said. "Vladimir Putin has failed."',
            {("FRAGOV", "RUSGOV", "111")},
        ),
        # the quote closed, the writer speaks again
        ('Emmanuel Macron said: "The talks were useful." Olaf Scholz is a very fine man.', set()),
        # a pronoun so far from its quote's start names no one for sure
        ('Emmanuel Macron said: "The talks were long. They are good people."', set()),
    ],
)
def test_speech_quote_carries_on(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(nlp, coder, text) == expected
