"""Near-duplicate detection (transforms/dedupe.py): wire copies are linked, different stories are not."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from transforms.dedupe import NearDuplicateIndex, is_copy, simhash, sketch

STORY = (
    "The foreign ministers of Chile and Peru met in Lima on Saturday to discuss the disputed maritime "
    "border between the two countries, officials said after the meeting.\n\n"
    "Both governments agreed to set up a joint commission that will report within six months, and to "
    "refrain from sending naval patrols into the contested waters while it works.\n\n"
    "The talks were the first at this level since 2019, when negotiations broke down over fishing rights "
    "off the coast of Tacna. Fishermen from both countries have been detained in the area since then.\n\n"
    "Peru's foreign minister told reporters that the meeting had been frank and constructive. Her Chilean "
    "counterpart said his government would submit new maps to the commission by the end of March."
)
OTHER_STORY = (
    "Flooding in northern Kenya has displaced more than 12,000 people after the Tana River burst its "
    "banks on Thursday, the Kenya Red Cross said.\n\n"
    "Aid workers said roads to the worst-hit villages had been cut and supplies were being flown in by "
    "helicopter. The government has promised emergency funds for the affected counties.\n\n"
    "Officials said the meeting of the county disaster committee would decide on new shelters."
)
BRIEF = "Unions representing workers at a Dutch steel maker said on Tuesday they would strike next week."


def edits() -> dict[str, str]:
    paragraphs = STORY.split("\n\n")
    return {
        "identical": STORY,
        "dateline": "LIMA (Reuters) - " + STORY,
        "tagline": STORY + "\n\nReporting by Ana Ruiz; editing by Tom Hale.",
        "word_changes": STORY.replace("officials said", "officials stated").replace("frank", "open"),
        "dropped_paragraph": "\n\n".join(paragraphs[:2] + paragraphs[3:]),
        "first_half": "\n\n".join(paragraphs[:2]),
        "restyled": STORY.replace("Peru's", "Peru\u2019s").replace("\n\n", " ").upper(),
    }


@pytest.mark.parametrize("edit", list(edits()))
def test_dedupe_wire_copy_with_small_edits_is_linked(edit: str) -> None:
    index = NearDuplicateIndex()
    index.add("original", sketch(STORY))
    index.add("other", sketch(OTHER_STORY))
    assert index.find(sketch(edits()[edit])) == "original"


@pytest.mark.parametrize(
    "copy",
    [
        "AMSTERDAM (AP) - " + BRIEF,
        BRIEF.replace("on Tuesday ", ""),
        BRIEF + " (Reuters)",
    ],
)
def test_dedupe_short_wire_copy_is_linked(copy: str) -> None:
    index = NearDuplicateIndex()
    index.add("brief", sketch(BRIEF))
    assert index.find(sketch(copy)) == "brief"


@pytest.mark.parametrize(
    ("stored", "new"),
    [
        (STORY, OTHER_STORY),
        # A template story: the same words, other facts.
        (
            "The central bank added 1.5 billion dollars of reserves to the banking system through "
            "overnight repurchase agreements, a spokesman said. Funds were trading at 6.25 percent.",
            "The central bank added 2.0 billion dollars of reserves to the banking system through "
            "overnight repurchase agreements, a spokesman said. Funds were trading at 6.10 percent.",
        ),
        # A longer version of a stored story: its extra paragraphs may carry events of their own.
        ("\n\n".join(STORY.split("\n\n")[:2]), STORY),
        # Shared boilerplate is not a shared story.
        (
            BRIEF + " Sign up for our newsletter to get the latest news in your inbox every morning.",
            "Sign up for our newsletter to get the latest news in your inbox every morning. "
            + OTHER_STORY.split("\n\n")[0],
        ),
        ("", BRIEF),
    ],
    ids=["other_story", "template_other_numbers", "longer_version", "boilerplate", "empty_stored"],
)
def test_dedupe_different_stories_are_not_linked(stored: str, new: str) -> None:
    index = NearDuplicateIndex()
    index.add("stored", sketch(stored))
    assert index.find(sketch(new)) is None
    assert not is_copy(sketch(new), sketch(stored))


def test_dedupe_copy_is_linked_to_the_earliest_of_several_stored() -> None:
    index = NearDuplicateIndex()
    index.add("unrelated", sketch(OTHER_STORY))
    index.add("first", sketch(STORY))
    index.add("second", sketch(STORY + " More details later."))
    assert index.find(sketch(edits()["dateline"])) == "first"


def test_dedupe_index_finds_each_of_many_articles_after_its_runs_merged() -> None:
    rng = random.Random(3)
    vocabulary = [f"word{n}" for n in range(2000)]
    texts = [" ".join(rng.choices(vocabulary, k=rng.randrange(20, 300))) for _ in range(400)]
    index = NearDuplicateIndex()
    for number, text in enumerate(texts):
        assert index.find(sketch(text)) is None  # random texts share no 4-word sequence
        index.add(str(number), sketch(text))
    assert len(index) == 400
    assert all(index.find(sketch("BREAKING: " + text)) == str(n) for n, text in enumerate(texts))


def test_dedupe_simhash_is_a_stable_signed_int64_close_for_copies() -> None:
    values = [simhash(STORY), simhash(STORY), simhash(edits()["dateline"]), simhash(OTHER_STORY)]
    assert values[0] == values[1]
    assert all(-(2**63) <= v < 2**63 for v in values)
    distance = [((values[0] ^ v) & (2**64 - 1)).bit_count() for v in values[2:]]
    assert distance[0] < 10 < distance[1]
    assert simhash("") == 0


def test_dedupe_giveme5w1h_stories_of_different_events_are_never_linked(shared: Path) -> None:
    with gzip.open(shared / "corpora" / "giveme5w1h_news.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [r for r in map(json.loads, fh) if r.get("event_cluster") and r["text"].strip()]
    # Identical texts (two CNN video pages that are only the site's boilerplate) are the ingest step's
    # text hash's to skip; what is left are stories.
    rows = list({" ".join(r["text"].split()): r for r in reversed(rows)}.values())[::-1]
    index = NearDuplicateIndex()
    cluster_of: dict[str, str] = {}
    first_copy: dict[str, str] = {}
    linked_across = []
    for row in rows:
        text_sketch = sketch(row["text"])
        stored = index.find(text_sketch)
        first_copy[row["id"]] = stored or row["id"]
        if stored is None:
            index.add(row["id"], text_sketch)
            cluster_of[row["id"]] = row["event_cluster"]
        elif cluster_of[stored] != row["event_cluster"]:
            linked_across.append((row["id"], stored))
    assert linked_across == []
    # Copies of one outlet's story in another are linked: there are some in this corpus.
    assert len(index) < len(rows) - 10
    # Wire copies of these articles with a dateline and a changed word are all found.
    rng = random.Random(5)
    for row in rng.sample(rows, 60):
        copy = "NEW YORK (AP) \u2014 " + row["text"].replace(" said ", " stated ", 1)
        assert index.find(sketch(copy)) == first_copy[row["id"]]
