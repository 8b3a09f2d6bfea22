"""The fetcher (pipelines/sources/http.py) against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fixtures.sources_site import Gauge, Reply, Site, fetch_page

from pipelines.config import ConfigError, Settings
from pipelines.sources.http import (
    HTML_TYPES,
    Fetcher,
    FetchError,
    FetchOptions,
    Response,
    ResponseCache,
    interleave_by_host,
    parse_retry_after,
)

USER_AGENT = "newsevents-test/1.0 (+https://example.org/newsevents)"
OPTIONS = FetchOptions(
    workers=4, per_host_delay=0.0, retries=2, backoff=0.01, max_retry_wait=5.0, allow_networks=("127.0.0.1",)
)
PAGE = "<html><head><title>T</title></head><body><p>Some words of a page.</p></body></html>"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(warehouse=tmp_path / "warehouse", user_agent=USER_AGENT, http_timeout=1.0)


def fetch(settings: Settings, url: str, **options: object) -> Response | FetchError:
    return fetch_page(settings, dataclasses.replace(OPTIONS, **options), url)


def test_sources_http_fetches_a_page_with_the_project_user_agent(site: Site, settings: Settings) -> None:
    site.page("/a", PAGE)
    result = fetch(settings, site.url("/a"))
    assert isinstance(result, Response)
    assert (result.status, result.content_type, result.body) == (200, "text/html", PAGE.encode())
    assert site.user_agents == {USER_AGENT}


@pytest.mark.parametrize(
    ("replies", "hits"),
    [
        ([Reply(500, b"oops"), Reply(body=PAGE.encode())], 2),
        ([Reply(503), Reply(502), Reply(body=PAGE.encode())], 3),
        ([Reply(429, headers={"Retry-After": "1"}), Reply(body=PAGE.encode())], 2),
    ],
    ids=["500_then_ok", "503_502_then_ok", "429_retry_after"],
)
def test_sources_http_retries_server_errors_until_success(
    site: Site, settings: Settings, replies: list[Reply], hits: int
) -> None:
    site.routes["/flaky"] = replies
    result = fetch(settings, site.url("/flaky"))
    assert isinstance(result, Response) and result.body == PAGE.encode()
    assert site.hits["/flaky"] == hits


@pytest.mark.parametrize(
    ("reply", "reason", "hits"),
    [
        (Reply(404, b"gone"), "http_404", 1),
        (Reply(500, b"down"), "http_500", 3),  # 1 + retries
        (Reply(429, headers={"Retry-After": "3600"}), "http_429", 1),  # asks too much: fail at once
        (Reply(200, b"%PDF-1.7", {"Content-Type": "application/pdf"}), "not_html", 1),
    ],
)
def test_sources_http_failures_say_why(
    site: Site, settings: Settings, reply: Reply, reason: str, hits: int
) -> None:
    site.routes["/x"] = reply
    result = fetch(settings, site.url("/x"))
    assert isinstance(result, FetchError) and result.reason == reason, result
    assert site.hits["/x"] == hits


def test_sources_http_slow_server_times_out(site: Site, settings: Settings) -> None:
    site.routes["/slow"] = Reply(body=PAGE.encode(), delay=3.0)
    result = fetch(settings.replace(http_timeout=0.3), site.url("/slow"), retries=1)
    assert isinstance(result, FetchError) and result.reason == "timeout"
    assert site.hits["/slow"] == 2


def test_sources_http_follows_redirects_to_the_final_url(site: Site, settings: Settings) -> None:
    site.routes["/old"] = Reply(301, headers={"Location": "/middle"})
    site.routes["/middle"] = Reply(302, headers={"Location": site.url("/new")})
    site.page("/new", PAGE)
    result = fetch(settings, site.url("/old"))
    assert isinstance(result, Response)
    assert (result.url, result.final_url) == (site.url("/old"), site.url("/new"))


@pytest.mark.parametrize(
    ("routes", "reason"),
    [
        ({"/loop": "/loop2", "/loop2": "/loop"}, "redirect_loop"),
        ({"/loop": "/r1", **{f"/r{n}": f"/r{n + 1}" for n in range(1, 10)}}, "too_many_redirects"),
    ],
)
def test_sources_http_redirect_loops_and_chains_fail(
    site: Site, settings: Settings, routes: dict[str, str], reason: str
) -> None:
    for path, target in routes.items():
        site.routes[path] = Reply(302, headers={"Location": target})
    result = fetch(settings, site.url("/loop"), max_redirects=5)
    assert isinstance(result, FetchError) and result.reason == reason
    assert sum(n for path, n in site.hits.items() if path != "/robots.txt") <= 6  # 1 + max_redirects


@pytest.mark.parametrize("announced", [True, False])
def test_sources_http_huge_body_is_abandoned(site: Site, settings: Settings, announced: bool) -> None:
    chunk = b"<p>" + b"x" * 65_536 + b"</p>"
    if announced:
        site.routes["/huge"] = Reply(body=chunk * 40)
    else:
        site.routes["/huge"] = Reply(stream=lambda: iter([chunk] * 10_000))  # 650 MB if read whole
    result = fetch(settings, site.url("/huge"), max_page_bytes=200_000)
    assert isinstance(result, FetchError) and result.reason == "too_large"


def test_sources_http_robots_txt_is_read_once_and_obeyed(site: Site, settings: Settings) -> None:
    site.routes["/robots.txt"] = Reply(
        body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
    )
    site.page("/private/a", PAGE)
    site.page("/public/a", PAGE)
    site.page("/public/b", PAGE)
    with Fetcher(settings, OPTIONS) as fetcher:
        results = dict(fetcher.fetch_all([site.url(p) for p in ("/private/a", "/public/a", "/public/b")]))
    assert isinstance(results[site.url("/private/a")], FetchError)
    assert results[site.url("/private/a")].reason == "robots_disallowed"
    assert all(isinstance(results[site.url(p)], Response) for p in ("/public/a", "/public/b"))
    assert site.hits["/robots.txt"] == 1 and site.hits["/private/a"] == 0


def test_sources_http_unreachable_robots_txt_means_no_crawling(site: Site, settings: Settings) -> None:
    site.routes["/robots.txt"] = Reply(503)
    site.page("/a", PAGE)
    result = fetch(settings, site.url("/a"))
    assert isinstance(result, FetchError) and result.reason == "robots_unreachable"
    assert site.hits["/a"] == 0


def test_sources_http_bad_urls_are_refused_without_a_request(settings: Settings) -> None:
    assert fetch(settings, "ftp://example.org/file").reason == "bad_url"  # type: ignore[union-attr]


def test_sources_http_cached_pages_are_not_fetched_again(
    site: Site, settings: Settings, tmp_path: Path
) -> None:
    site.page("/a", PAGE)
    for _run in range(2):
        with Fetcher(settings, OPTIONS, ResponseCache(tmp_path / "cache", keep_days=7)) as fetcher:
            result = fetcher.fetch(site.url("/a"), accept=HTML_TYPES, cache=True)
            assert isinstance(result, Response) and result.body == PAGE.encode()
    assert site.hits["/a"] == 1


def test_sources_http_hosts_are_fetched_side_by_side_within_their_limits(settings: Settings) -> None:
    shared = Gauge()
    with Site(shared) as first, Site(shared) as second:
        urls = []
        for running in (first, second):
            for n in range(4):
                running.routes[f"/{n}"] = Reply(body=PAGE.encode(), delay=0.3)
            urls += [running.url(f"/{n}") for n in range(4)]
        options = dataclasses.replace(OPTIONS, per_host_connections=1)
        with Fetcher(settings, options) as fetcher:
            results = list(fetcher.fetch_all(urls))
    assert all(isinstance(result, Response) for _, result in results)
    assert [url for url, _ in results] == interleave_by_host(urls)
    assert first.gauge.most == 1 and second.gauge.most == 1  # per_host_connections
    assert shared.most == 2  # but the two hosts at once


def test_sources_http_interleave_by_host_keeps_each_hosts_order() -> None:
    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "https://a/1", "http://b/2"]
    assert interleave_by_host(urls) == [
        "http://a/1", "http://b/1", "https://a/1", "http://a/2", "http://b/2", "http://a/3",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 30.0), ("soon", None), (None, None)],
)
def test_sources_http_retry_after_seconds_or_date(header: str | None, seconds: float | None) -> None:
    now = 1445412450.0  # 2015-10-21 07:27:30 UTC
    assert parse_retry_after(header, now=now) == seconds


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"workers": 0}, "at least 1"),
        ({"retries": "three"}, "fetch.retries"),
        ({"per_host_delay": -1}, "fetch.per_host_delay"),
        ({"robots": "no"}, "fetch.robots"),
        ({"speed": 3}, "unknown option"),
    ],
)
def test_sources_http_fetch_options_are_checked(raw: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        FetchOptions.from_mapping(raw)
