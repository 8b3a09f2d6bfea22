"""Configured sources through the ingest step (pipelines/ingest.py): language, near-duplicates, reruns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fixtures.sources_site import Reply, Site

from pipelines.config import Settings
from pipelines.ingest import ingest
from schemas import ARTICLES, REJECTS
from warehouse.versions import VersionWriter

DAY = date(2022, 8, 2)
STORY = [
    "The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss the disputed maritime "
    "border between the two countries, officials said after the meeting.",
    "Both governments agreed to set up a joint commission that will report within six months, and to "
    "refrain from sending naval patrols into the contested waters while it works.",
]
FRENCH = [
    "Les ministres des Affaires étrangères du Chili et du Pérou se sont réunis mardi à Lima pour "
    "discuter de la frontière maritime contestée entre les deux pays, ont indiqué des responsables.",
]


def page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        items = "".join(
            f"<item><title>{path}</title><link>{path}</link><pubDate>Tue, 02 Aug 2022 08:00:00 GMT</pubDate></item>"
            for path in ("/lima", "/lima-wire", "/lima-fr")
        )
        running.routes["/rss.xml"] = Reply(
            body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode(),
            headers={"Content-Type": "application/rss+xml"},
        )
        running.page("/lima", page("Talks", STORY))
        running.page("/lima-wire", page("Talks (AP)", ["LIMA, Peru (AP) \u2014 " + STORY[0], STORY[1]]))
        running.page("/lima-fr", page("Pourparlers", FRENCH))
        yield running


def test_sources_ingest_stores_the_days_articles_with_language_and_duplicates_linked(
    tmp_path: Path, site: Site
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "fetch: {per_host_delay: 0, allow_networks: [127.0.0.1]}\nsources:\n"
        f"  - {{name: world, kind: feed, url: '{site.url('/rss.xml')}'}}\n",
        encoding="utf-8",
    )
    settings = Settings(warehouse=tmp_path / "warehouse", sources=sources, http_timeout=2.0)
    for _run in range(2):  # the second run of the day replaces the first, without fetching again
        result = ingest(DAY, [], settings)
        rows = {r["url"].rsplit("/", 1)[1]: r for r in pq.read_table(result.articles_path).to_pylist()}
        rejects = pq.read_table(result.rejects_path).to_pylist()
        assert sorted(rows) == ["lima", "lima-fr", "lima-wire"]
        assert (rows["lima"]["language"], rows["lima-fr"]["language"]) == ("en", "fr")
        assert rows["lima-wire"]["duplicate_of"] == rows["lima"]["article_id"]
        assert rows["lima"]["origin"].startswith("world:")
        assert [(r["stage"], r["reason"]) for r in rejects] == [("language", "not_coded_language")]
    assert site.hits["/lima"] == 1
    with VersionWriter(settings.warehouse, DAY) as version:  # publish the day's articles alone
        version.link(ARTICLES, "articles", result.articles_path)
        version.link(REJECTS, "ingest", result.rejects_path)
        version.publish(timedelta(hours=24))

    # The next day a reading list points at the same story: already stored, not stored again.
    (tmp_path / "next.txt").write_text(site.url("/lima") + "\n", encoding="utf-8")
    sources.write_text(
        "fetch: {per_host_delay: 0, allow_networks: [127.0.0.1]}\nsources: [{name: list, kind: urls, path: next.txt}]\n", encoding="utf-8"
    )
    result = ingest(date(2022, 8, 3), [], settings)
    assert result.articles == 0 and result.skipped == 1
    reasons = [r["reason"] for r in pq.read_table(result.rejects_path).to_pylist()]
    assert reasons == ["missing_date", "already_stored"]  # the page states no date
