"""The fetcher against hostile servers and addresses: whole-request deadline, refused addresses, RFC 9309
robots.txt. Servers run on 127.0.0.1 only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fixtures.sources_site import DrippingServer, Reply, Site, fetch_page

from pipelines.config import ConfigError, Settings
from pipelines.sources.http import FetchError, FetchOptions, NetworkPolicy, Response

LOCAL = ("127.0.0.1",)
OPTIONS = FetchOptions(per_host_delay=0.0, retries=0, backoff=0.01, allow_networks=LOCAL)
PAGE = "<html><head><title>T</title></head><body><p>Some words of a page.</p></body></html>"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(warehouse=tmp_path / "warehouse", http_timeout=1.0)


def fetch(settings: Settings, url: str, **options: object) -> Response | FetchError:
    return fetch_page(settings, dataclasses.replace(OPTIONS, **options), url)


@pytest.mark.timeout(30)
def test_fetch_safety_server_dripping_headers_cannot_hold_a_worker_past_max_seconds(
    settings: Settings,
) -> None:
    """Each header byte arrives within http_timeout; the answer never completes. Without a deadline over
    the whole request the fetch would last the server's 60 s (and this test's timeout fail it)."""
    with DrippingServer() as server:
        result = fetch(settings, server.url, max_seconds=1.5, robots=False)
    assert isinstance(result, FetchError)
    assert result.reason == "timeout" and "max_seconds" in result.detail, result


@pytest.mark.timeout(60)
def test_fetch_safety_loopback_is_refused_by_default_and_never_contacted(
    site: Site, settings: Settings
) -> None:
    site.page("/a", PAGE)
    result = fetch(settings, site.url("/a"), allow_networks=())
    assert isinstance(result, FetchError) and result.reason == "blocked_address", result
    assert "127.0.0.1 is a loopback address" in result.detail
    assert sum(site.hits.values()) == 0  # not even robots.txt was asked for


@pytest.mark.timeout(60)
def test_fetch_safety_every_redirect_hop_is_checked(site: Site, settings: Settings) -> None:
    port = site.server.server_address[1]
    site.routes["/away"] = Reply(302, b"", {"Location": f"http://127.0.0.2:{port}/inside"})
    site.page("/inside", PAGE)
    result = fetch(settings, site.url("/away"))
    assert isinstance(result, FetchError) and result.reason == "blocked_address", result
    assert "127.0.0.2" in result.detail
    assert site.hits["/inside"] == 0


@pytest.mark.timeout(60)
@pytest.mark.parametrize("allow", [("127.0.0.0/8",), ("localhost",)])
def test_fetch_safety_allow_networks_takes_networks_and_host_names(
    site: Site, settings: Settings, allow: tuple[str, ...]
) -> None:
    site.page("/a", PAGE)
    port = site.server.server_address[1]
    result = fetch(settings, f"http://localhost:{port}/a", allow_networks=allow)
    assert isinstance(result, Response), result
    assert result.body == PAGE.encode()


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("127.0.0.2", True),
        ("10.1.2.3", True),
        ("192.168.0.10", True),
        ("172.16.5.4", True),
        ("169.254.169.254", True),
        ("224.0.0.251", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("::1", True),
        ("fe80::1", True),
        ("fd00::1", True),
        ("ff02::1", True),
        ("::ffff:127.0.0.1", True),
    ],
)
def test_fetch_safety_policy_refuses_every_address_that_is_not_public(address: str, refused: bool) -> None:
    assert (NetworkPolicy().refusal("example.org", address) is not None) is refused
    allowed = NetworkPolicy(["0.0.0.0/0", "::/0"])
    assert allowed.refusal("example.org", address) is None


def test_fetch_safety_allow_networks_option_is_checked() -> None:
    options = FetchOptions.from_mapping({"allow_networks": ["10.0.0.0/8", "127.0.0.1", "feeds.corp.example"]})
    assert options.allow_networks == ("10.0.0.0/8", "127.0.0.1", "feeds.corp.example")
    for bad in (["not a host!"], "10.0.0.0/8", [10]):
        with pytest.raises(ConfigError, match="allow_networks"):
            FetchOptions.from_mapping({"allow_networks": bad})


ROBOTS = "User-agent: *\nDisallow: /news/\nAllow: /news/world/\nDisallow: /*.pdf$\n"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/news/world/talks", True),  # the longer Allow wins over Disallow: /news/
        ("/news/sport/match", False),
        ("/files/report.pdf", False),  # `*` and `$`
        ("/files/report.pdf?page=2", True),  # `$` anchors the end
        ("/about", True),
    ],
)
def test_fetch_safety_robots_txt_follows_rfc_9309(
    site: Site, settings: Settings, path: str, allowed: bool
) -> None:
    site.routes["/robots.txt"] = Reply(body=ROBOTS.encode(), headers={"Content-Type": "text/plain"})
    site.page(path, PAGE)
    result = fetch(settings, site.url(path))
    if allowed:
        assert isinstance(result, Response), result
    else:
        assert isinstance(result, FetchError) and result.reason == "robots_disallowed", result
        assert site.hits[path] == 0
