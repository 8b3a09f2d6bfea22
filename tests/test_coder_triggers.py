"""Trigger matching (transforms/coder/triggers.py): which row of verbs.tsv a verb or noun matches, with its
particle, its object, a light verb, a corrected lemma (on hand-made parses); and word sense: a verb codes its
CAMEO event only in the sense that means it; what its object must be (someone, a policy option, a
settlement, a flag) is data in verbs.tsv (@ACTOR, @ACT, @PREDICATE, @MEDIA, @OPTION, ...), and the senses
that are no event are `none` rows (end to end, on the trained model)."""

from __future__ import annotations

from datetime import date

import pytest
from handparse import parsed
from spacy.language import Language
from spacy.tokens import Doc

from transforms.coder import ArticleContext, Coder
from transforms.coder.lexicon import Lexicon
from transforms.coder.triggers import find_triggers, match_verb

PUBLISHED = date(2017, 11, 16)

FIRED_TEAR_GAS_AT = parsed(
    "police      NOUN   nsubj     fired",
    "fired       VERB   ROOT      -          lemma=fire",
    "tear        NOUN   compound  gas",
    "gas         NOUN   dobj      fired",
    "at          ADP    prep      fired",
    "protesters  NOUN   pobj      at         lemma=protester tag=NNS",
)
SENT_TANKS_TO = parsed(
    "Germany  PROPN  nsubj  sent  ent=GPE",
    "sent     VERB   ROOT   -     lemma=send",
    "tanks    NOUN   dobj   sent  lemma=tank tag=NNS",
    "to       ADP    prep   sent",
    "Ukraine  PROPN  pobj   to    ent=GPE",
)
SENT_FOOD_TO = parsed(
    "Japan    PROPN  nsubj  sent  ent=GPE",
    "sent     VERB   ROOT   -     lemma=send",
    "food     NOUN   dobj   sent",
    "to       ADP    prep   sent",
    "Turkey   PROPN  pobj   to    ent=GPE",
)
HELD_TALKS_WITH = parsed(
    "Russia  PROPN  nsubj  held   ent=GPE",
    "held    VERB   ROOT   -      lemma=hold",
    "talks   NOUN   dobj   held   lemma=talk tag=NNS",
    "with    ADP    prep   talks",
    "China   PROPN  pobj   with   ent=GPE",
)
# The small model reads "staged" as a form of "stag": @LEMMA:stage says which verb it is.
STAGED_RALLIES = parsed(
    "students  NOUN   nsubj  staged  lemma=student tag=NNS",
    "staged    VERB   ROOT   -       lemma=stag",
    "rallies   NOUN   dobj   staged  lemma=rally tag=NNS",
)
MET_THE_DEADLINE = parsed(
    "Iran      PROPN  nsubj  met       ent=GPE",
    "met       VERB   ROOT   -         lemma=meet",
    "the       DET    det    deadline",
    "deadline  NOUN   dobj   met",
)


@pytest.mark.parametrize(
    ("doc", "verb", "code", "words"),
    [
        (FIRED_TEAR_GAS_AT, "fired", "175", ["fired", "gas", "tear"]),  # the object picks the row
        (SENT_TANKS_TO, "sent", "072", ["sent", "tanks"]),  # @WEAPON
        (SENT_FOOD_TO, "sent", "073", ["sent", "food"]),  # @HUMANITARIAN
        (HELD_TALKS_WITH, "held", "046", ["held", "talks"]),  # a @LIGHT verb: the noun's row
        (STAGED_RALLIES, "staged", "141", ["staged", "rallies"]),
    ],
)
def test_triggers_verb_rows(lex: Lexicon, doc: Doc, verb: str, code: str, words: list[str]) -> None:
    trigger = match_verb(lex, next(t for t in doc if t.text == verb))
    assert trigger is not None
    assert trigger.pattern.code == code
    assert [t.text for t in trigger.words] == words


def test_triggers_no_event_rows_stop_a_match(lex: Lexicon) -> None:
    assert match_verb(lex, MET_THE_DEADLINE[1]) is None  # "none ... meet deadline": no meeting


THE_RUSSIAN_ATTACK = parsed(
    "the       DET    det    attack",
    "Russian   ADJ    amod   attack    ent=NORP",
    "attack    NOUN   nsubj  killed",
    "on        ADP    prep   attack",
    "Kharkiv   PROPN  pobj   on        ent=GPE",
    "killed    VERB   ROOT   -         lemma=kill",
    "civilians NOUN   dobj   killed    lemma=civilian tag=NNS",
)


def test_triggers_event_nouns_and_verbs_of_a_sentence(lex: Lexicon) -> None:
    triggers = find_triggers(lex, THE_RUSSIAN_ATTACK[:])
    assert [(t.token.text, t.pattern.pos) for t in triggers] == [("killed", "V"), ("attack", "N")]


def codes(nlp: Language, coder: Coder, text: str) -> set[tuple[str, str | None, str]]:
    events = coder.code(nlp(text), ArticleContext("senses", PUBLISHED, PUBLISHED)).events
    return {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # things made public or recorded are not people released or ground taken
        ("Zimbabwe released footage of the soldiers.", "08"),
        ("Russian troops captured photos of the Ukrainian soldiers in Kharkiv.", "19"),
        # "consider" as a judgement, a state, or a quantity weighed
        ("The law is considered illegal by Germany.", "01"),
        ("Israel considers the West Bank territory to be disputed.", "01"),
        ("The tram weighs about 37 tonnes, Britain said.", "01"),
        ("Japanese companies are looking into new markets.", "01"),  # a market is no policy option
        # no one visited, no one joined, no force shown
        ("They traveled extensively, the Costa Rican government said.", "04"),
        ("We are joined now by Vivienne Walt, a reporter with Time magazine in Paris.", "06"),
        ("Mr Kennedy fired up his campaign in London.", "15"),
        ("Britain will mobilise world opinion against North Korea.", "15"),
        ("Mr Trump, who stormed to a shock election victory, met Barack Obama.", "19"),
        # "charged that ..." is no legal charge of anyone
        ("Egypt's opposition charged that the election was rigged.", "17"),
        # a crime scene cordoned off is no blockade
        ("Seattle police have cordoned off the scene.", "19"),
        ("It took place in the mountainous area of Punta Islita in Costa Rica.", "19"),
        # sheltering is no riot or seizure, a new year rung in no telephone call, a budget no aid, workers
        # hosted no visit, a word to the press no consultation
        ("Syrian civilians took cover near the grounds of the airport.", "14"),
        ("Britons will ring in the new year with fireworks.", "03"),
        ("The British chancellor will deliver his budget to parliament in March.", "03"),
        ("China hosts thousands of North Korean workers.", "04"),
        ("A senior Russian official, speaking to a BBC correspondent, said the talks had failed.", "04"),
        # people freed from a wreck are rescued, not released: what the object is, said by its participle
        # or relative clause
        ("British firefighters worked to free three people trapped in the wreckage in London.", "08"),
        ("Police in London freed passengers who were trapped inside the train.", "08"),
        # "in" with an object of its own is a place or a time, not the particle of "give in"
        ("The British chancellor gave more details of the reforms in a speech to Labour MPs.", "08"),
        ("In one case, a Russian bank was given $1 billion by the Kremlin.", "08"),
    ],
)
def test_triggers_senses_that_are_no_event(nlp: Language, coder: Coder, text: str, root: str) -> None:
    assert not {code for _, _, code in codes(nlp, coder, text) if code[:2] == root}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # "as opposed to" links two phrases: no one disapproves
        ("Britain wants a binding treaty with France, as opposed to a declaration.", "11"),
        # noting a thing observes it: no statement to the country it names
        ("Chinese censors noted Russian links to the scandal.", "01"),
        # a crowd dispersing eases no dissent
        ("Scrambling for safety, the crowd in Nice dispersed.", "08"),
        # conceding that something is so admits a point: no yielding
        ("The British government concedes that it is responsible for the prisoners.", "08"),
        # refusing to respond to a provocation, or to deny a claim, rejects no proposal
        ("Israeli troops refused to respond.", "12"),
        ("Gordon Brown refused to deny claims that Tony Blair had reneged on a deal.", "12"),
        # what someone is challenged to do is not done: no denial
        ("A British MP challenged Gordon Brown to deny reports that he had quit.", "01"),
    ],
)
def test_triggers_statement_senses_that_are_no_act(nlp: Language, coder: Coder, text: str, root: str) -> None:
    assert not {code for _, _, code in codes(nlp, coder, text) if code[:2] == root}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dismissing a claim, a report or a suggestion denies it (016), rejecting a proposal rejects (120)
        ("The Kremlin dismissed the report as nothing concrete.", ("RUSGOV", None, "016")),
        ("Tony Blair dismissed the suggestion that he would quit.", ("GBRELI", None, "016")),
        ("Russia dismissed the proposal from France.", ("RUS", None, "120")),
        # refusing to confirm or deny declines comment
        ("The Kremlin refused to confirm or deny the reports.", ("RUSGOV", None, "011")),
        # police dispersing protesters suppress them
        ("Police dispersed protesters in Cairo.", ("EGYCOP", "EGYCVL", "175")),
        # opposing a plan disapproves of it; noting that something happened is a statement
        ("Russia opposed the plan of the United States.", ("RUS", "USA", "110")),
        ("Russia noted that the United States had broken the treaty.", ("RUS", "USA", "010")),
    ],
)
def test_triggers_statement_senses_that_are_acts(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str | None, str]
) -> None:
    assert expected in codes(nlp, coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sense that is an event still codes, with its object
        ("Iran released the British sailors.", ("IRN", "GBRMIL", "0841")),
        ("Russian troops encircled the city of Mariupol.", ("RUSMIL", "UKR", "191")),
        ("Russian troops captured the town of Bakhmut.", ("RUSMIL", "UKR", "192")),
        ("Germany is considering new sanctions on Russia.", ("DEU", None, "014")),
        ("Japan said it was considering buying missile defense systems.", ("JPN", None, "014")),
        # burning a flag is a protest against its country, not destroying property
        ("Crowds burn American flag in Portland.", ("USACVL", "USA", "141")),
        # a number stands for the people counted
        ("The US has agreed to release the four after talks.", ("USA", None, "0353")),
        ("Iran freed the four Britons on Tuesday.", ("IRN", "GBR", "084")),
        ("Iran freed two British sailors who were held in Tehran.", ("IRN", "GBRMIL", "0841")),
        ("Putin spoke to Merkel by phone.", ("RUSGOV", "DEUGOV", "041")),
        ("Iran gave in to the demands of the European Union.", ("IRN", "IGOEUREEC", "080")),
        # "looking into" investigates; "hitting back at" is words
        ("Costa Rican investigators are looking into the crash.", ("CRI", None, "090")),
        ("Panama's president hit back at the reports.", ("PANGOV", None, "111")),
        # regret: for deaths it is sympathy (018), expressed over an act it is disapproval (110)
        ("The government of Costa Rica regrets the deaths of ten US passengers.", ("CRIGOV", "USA", "018")),
        ("Japan expressed regret over America's decision to impose tariffs.", ("JPN", "USA", "110")),
        ("Japan expressed dismay at China's decision.", ("JPN", "CHN", "110")),
    ],
)
def test_triggers_senses_that_are_events(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str | None, str]
) -> None:
    assert expected in codes(nlp, coder, text)


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # "demonstrated that it could reach Guam": a clause shown, no protest
        (
            (
                "Russia        PROPN  nsubj  demonstrated  ent=GPE",
                "demonstrated  VERB   ROOT   -             lemma=demonstrate",
                "that          SCONJ  mark   reach",
                "it            PRON   nsubj  reach",
                "could         AUX    aux    reach",
                "reach         VERB   ccomp  demonstrated  tag=VB",
                "Guam          PROPN  dobj   reach         ent=GPE",
                ".             PUNCT  punct  demonstrated",
            ),
            set(),
        ),
        # "demonstrated against the war": a protest
        (
            (
                "Russians      PROPN  nsubj  demonstrated  ent=NORP",
                "demonstrated  VERB   ROOT   -             lemma=demonstrate",
                "against       ADP    prep   demonstrated",
                "the           DET    det    war",
                "war           NOUN   pobj   against",
                ".             PUNCT  punct  demonstrated",
            ),
            {"141"},
        ),
    ],
)
def test_triggers_demonstrating_that_is_no_protest(coder: Coder, tokens: tuple[str, ...], expected: set[str]) -> None:
    events = coder.code(parsed(*tokens), ArticleContext("hand", date(2023, 3, 8), date(2023, 3, 8))).events
    assert {e["cameo_code"] for e in events if e["trigger"].startswith("demonstrat")} == expected
