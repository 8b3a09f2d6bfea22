"""Page furniture (transforms/coder/furniture.py, transforms/data/furniture.tsv): photo credits, caption
labels, slideshow galleries, adverts and links glued into an article's text are in no event's evidence
sentence, and no actor is read from them; a news agency named in a real sentence is no furniture."""

from __future__ import annotations

import re
from datetime import date

import pytest
import spacy
from coded import code_text
from spacy.language import Language

from transforms.coder import Coder
from transforms.coder.furniture import page_furniture, required_words
from transforms.coder.lexicon import Lexicon

US_2016 = date(2016, 11, 11)
GLUED = (
    "EPA 6 Clinton was investigated by the FBI in the days before the election over her use of private "
    "emails Splash News 6 FBI director James Comey cleared Clinton of wrongdoing days before Americans went "
    "to the polls AP:Associated Press 6 Clinton fans wept as she conceded defeat in the US election."
)


def furniture_text(lex: Lexicon, text: str) -> str:
    """The words of `text` that are furniture, as a tokenizer alone cuts them (no parse is needed)."""
    doc = spacy.blank("en")(text)
    runs: list[list[int]] = []
    for i in sorted(page_furniture(lex.furniture, doc)):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " | ".join(doc[run[0] : run[-1] + 1].text for run in runs)


FOUND = [
    (GLUED, "EPA 6 | Splash News 6 | AP:Associated Press 6"),
    (
        "Image copyright Getty Images Image caption The consulate was attacked on Thursday.",
        "Image copyright Getty Images Image caption",
    ),
    (
        "Many concertgoers jumped fences. David Becker/Getty Images The gunfire interrupted the show.",
        "David Becker/Getty Images",
    ),
    (
        "Enlarge this image toggle caption Alastair Grant/AP Alastair Grant/AP Nigeria's president spoke.",
        "Enlarge this image toggle caption Alastair Grant/AP Alastair Grant/AP",
    ),
    (
        "Officials met on Monday. Advertisement Continue reading the main story The talks went on.",
        "Advertisement Continue reading the main story",
    ),
    (
        "The envoy left. Hide Caption 2 of 8 Photos: Rocket launch The leader watched. Hide Caption 3 of 8",
        "Hide Caption 2 of 8 Photos: Rocket launch The leader watched. Hide Caption 3 of 8",
    ),
    ("(Photo: Getty Images) Following the meeting, Obama spoke.", "(Photo: Getty Images)"),
    ("Photo SEOUL, South Korea — The North fired a missile.", "Photo"),
    ("READ MORE: Police boosted security at the fair.", "READ MORE:"),
    ("Updated at 9:50 p.m. ET Thursday Officials confirmed a test.", "Updated at 9:50 p.m. ET Thursday"),
]


@pytest.mark.parametrize(("text", "furniture"), FOUND)
def test_furniture_rows_find_credits_captions_and_adverts(lex: Lexicon, text: str, furniture: str) -> None:
    assert furniture_text(lex, text) == furniture


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bPlay slideshow\b", {"Play slideshow"}),
        (r"\bHide Caption \d+ of \d+", {"Hide Caption "}),  # the longest literal run
        (r"(?:Read more|Click here):?(?= [A-Z])", {"Read more", "Click here"}),  # every alternative
        (r"(?:^|(?<=[.!?] ))(?:Photo|Video)(?= [A-Z])", {"Photo", "Video"}),  # not "^"
        (r"\((?:CNN|AP)\)", {"CNN", "AP"}),  # the literal runs that narrow most
        (r"(?:Getty )+Images", {"Getty "}),  # a repeat of at least once
        (r"(?:Getty )?Images", {"Images"}),  # an optional part is not required
        (r"(?i)getty images", None),  # a pattern ignoring case is always searched
        (r"\d+:\d+", {":"}),
        (r"\d+\s\d+", None),  # no literal text
        (r"(?:Photo|\d+)", None),  # an alternative with none
    ],
)
def test_furniture_required_words_are_in_every_match(pattern: str, needs: set[str] | None) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    assert required_words(compiled) == (None if needs is None else frozenset(needs))


def test_furniture_every_row_names_words_its_matches_hold(lex: Lexicon) -> None:
    # rows without such words are searched in every article, which costs: keep them rare
    assert sum(row.needs is None for row in lex.furniture) <= 1
    texts = [row[0] for row in FOUND] + [GLUED]
    for row in lex.furniture:
        for text in texts:
            if row.pattern.search(text):  # (a lookaround's words are in the text, not in the match)
                assert row.needs is None or any(word in text for word in row.needs), row.pattern


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported that Russia attacked Ukraine on Monday.",
        "Russia attacked Ukraine, Reuters said.",
        "The Reuters news agency said the talks had ended.",
        "Video footage showed Russian troops attacking Ukrainian positions.",
        "Photographs of the summit were released. More talks are planned.",
        "The AP reported that 21 girls were freed.",
        "The rules were announced by EPA Administrator Scott Pruitt on Monday.",
        "A Japanese envoy told Reuters Prime Minister Abe said the talks had failed.",
    ],
)
def test_furniture_a_news_agency_in_a_sentence_is_no_furniture(lex: Lexicon, text: str) -> None:
    assert furniture_text(lex, text) == ""


def test_furniture_is_in_no_evidence_sentence(nlp: Language, coder: Coder) -> None:
    events = code_text(nlp, coder, GLUED, US_2016)
    assert events
    for event in events:
        assert "Splash" not in event["sentence"] and "Associated Press" not in event["sentence"]
        assert not event["sentence"].startswith("EPA")


def test_furniture_a_caption_button_and_credit_are_cut_from_the_evidence(nlp: Language, coder: Coder) -> None:
    text = (
        "Enlarge this image toggle caption Alastair Grant/AP Alastair Grant/AP Nigerian President Muhammadu "
        "Buhari says 21 of the schoolgirls abducted by the militant group Boko Haram have been released."
    )
    events = code_text(nlp, coder, text, US_2016)
    assert events
    assert all(e["sentence"].startswith("Nigerian President") for e in events)


def test_furniture_a_slideshow_codes_nothing(nlp: Language, coder: Coder) -> None:
    text = (
        "Hide Caption 3 of 8 Photos: North Korea launches rocket U.N. Secretary-General Ban Ki-moon called "
        'the launch "deeply deplorable". Hide Caption 4 of 8'
    )
    assert code_text(nlp, coder, text, US_2016) == []
