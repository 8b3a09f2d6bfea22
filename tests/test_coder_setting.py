"""The setting of an event (transforms/coder/setting.py): the date its own clause gives, and the country
a role without one takes from the sentence or the article; hand-made parses."""

from __future__ import annotations

from datetime import date

import pytest
from handparse import PUBLISHED, parsed

from transforms.actors import Actor
from transforms.coder import ArticleContext
from transforms.coder.model import ArticleState
from transforms.coder.setting import event_date, fill_country, note_violence_day, violence_date
from transforms.dates import find_dates
from transforms.places import Place

# "The ministry said on Tuesday that troops attacked the town on Monday."
SAID_TUESDAY_ATTACKED_MONDAY = parsed(
    "ministry  NOUN   nsubj  said",
    "said      VERB   ROOT   -         lemma=say",
    "on        ADP    prep   said",
    "Tuesday   PROPN  pobj   on#1      ent=DATE",
    "troops    NOUN   nsubj  attacked  lemma=troop tag=NNS",
    "attacked  VERB   ccomp  said      lemma=attack",
    "the       DET    det    town",
    "town      NOUN   dobj   attacked",
    "on        ADP    prep   attacked",
    "Monday    PROPN  pobj   on#2      ent=DATE",
)


def state(dominant_country: str = "") -> ArticleState:
    return ArticleState(ArticleContext("hand", PUBLISHED, PUBLISHED), {}, [], dominant_country)


@pytest.mark.parametrize(
    ("word", "day", "source"),
    [
        ("attacked", date(2023, 3, 6), "sentence"),  # its own clause's Monday, not the saying's Tuesday
        ("said", date(2023, 3, 7), "sentence"),
    ],
)
def test_setting_event_date_from_the_clause(word: str, day: date, source: str) -> None:
    sent = SAID_TUESDAY_ATTACKED_MONDAY[:]
    token = next(t for t in sent if t.text == word)
    assert event_date(token, sent, find_dates(sent, PUBLISHED), state()) == (day, source, "day")


def test_setting_event_date_without_one_in_the_sentence() -> None:
    sent = parsed("troops NOUN nsubj attacked lemma=troop", "attacked VERB ROOT - lemma=attack")[:]
    assert event_date(sent[1], sent, [], state()) == (PUBLISHED, "article", "article")


def test_setting_undated_force_takes_the_day_of_the_articles_attack() -> None:
    # "troops attacked the town on Monday" in an article of Wednesday: a later "police shot the driver",
    # undated, happened that Monday night too, not on the publication day; a statement keeps the article's
    sent = SAID_TUESDAY_ATTACKED_MONDAY[:]
    article = state()
    note_violence_day(next(t for t in sent if t.text == "attacked"), sent, find_dates(sent, PUBLISHED), article)
    undated = (PUBLISHED, "article", "article")
    assert violence_date("193", undated, article) == (date(2023, 3, 6), "article", "day")
    assert violence_date("111", undated, article) == undated
    assert violence_date("193", (date(2023, 3, 7), "sentence", "day"), article) == (date(2023, 3, 7), "sentence", "day")


@pytest.mark.parametrize("published", [date(2023, 3, 20), date(2023, 3, 5)])
def test_setting_undated_force_keeps_the_article_date_when_the_attack_is_not_recent(published: date) -> None:
    # Monday the 6th is two weeks before the article (a recalled attack), or after it: no day to borrow
    sent = SAID_TUESDAY_ATTACKED_MONDAY[:]
    article = ArticleState(ArticleContext("hand", published, published), {}, [], "")
    dates = [m for m in find_dates(sent, PUBLISHED) if m.token.text == "Monday"]
    note_violence_day(next(t for t in sent if t.text == "attacked"), sent, dates, article)
    assert article.violence_day is None


POLICE = Actor("COP", "Police", "", "COP", "role")
MINSK = Place("Minsk", "BLR", 53.9, 27.6, 2_000_000)


@pytest.mark.parametrize(
    ("same_side", "other_side", "place", "dominant", "filled"),
    [
        ([Actor("NGA", "Nigeria", "NGA", "", "state")], [], None, "", "NGACOP"),  # a coordinated actor's
        ([], [], MINSK, "RUS", "BLRCOP"),  # "police in Minsk": the place's, before the article's
        ([], [Actor("BLRCVL", "Belarus", "BLR", "CVL", "state")], None, "", "BLRCOP"),  # the other side's
        ([], [], None, "RUS", "RUSCOP"),  # the article's country
        ([], [], None, "", "COP"),  # none: stays a bare role (and makes no row)
    ],
)
def test_setting_country_of_a_role(
    same_side: list[Actor], other_side: list[Actor], place: Place | None, dominant: str, filled: str
) -> None:
    actor = fill_country(POLICE, [POLICE, *same_side], other_side, place, state(dominant))
    assert actor.code == filled


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # the doer of an act whose sentence names no place is of the article's country, not the target's
        (
            "Afghanistan's president condemned an attack in Afghanistan on Thursday, Afghan officials said. "
            '"The suicide attacker rammed his car into the wall of the German consulate," the police chief said.',
            ("AFGUAF", "DEU", "180"),
        ),
        (
            "Nigeria's army said gunmen attacked a village in Nigeria on Sunday. "
            "Nigerian officials said the gunmen later killed three Chinese workers.",
            ("NGAUAF", "CHNLAB", "1823"),
        ),
    ],
)
def test_setting_perpetrator_country_is_the_article_not_the_target(nlp, coder, text: str, event: tuple) -> None:
    events = coder.code(nlp(text), ArticleContext("setting", PUBLISHED, PUBLISHED)).events
    assert event in {(e["source_code"], e["target_code"], e["cameo_code"]) for e in events if not e["is_negated"]}
