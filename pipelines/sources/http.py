"""Fetching feeds and web pages: one shared HTTP client, polite to every host and bounded in every way.

- Timeouts: ``http_timeout`` (settings) for connecting and for each read; ``max_seconds`` for each whole
  request, from connecting to the last byte of the body, so a server dripping headers or body cannot hold a
  worker: every read and write on the connection waits at most until then (see `_DeadlineStream`).
- Addresses: a host is resolved here and connected to only at an address that is globally routable
  (loopback, private, link-local, multicast, reserved and other special addresses are refused,
  ``blocked_address``) unless ``allow_networks`` names it; the check is made at connect time, on every
  redirect hop, on the address actually connected to (no window for DNS rebinding). Proxies from the
  environment are not used: the check must see the address connected to.
- Retries: 429 and 5xx answers and network errors are retried ``retries`` times with exponential backoff;
  a ``Retry-After`` header is honoured (seconds or an HTTP date) unless it asks for more than
  ``max_retry_wait``, in which case the URL fails at once.
- Redirects: followed by hand, up to ``max_redirects``, each hop checked against robots.txt; a loop fails.
- Size: a body larger than ``max_page_bytes`` (announced, or counted while streaming) is abandoned.
- Politeness: at most ``per_host_connections`` requests at a time to one host, and ``per_host_delay``
  seconds between the starts of two requests to it (or the host's robots.txt ``Crawl-delay``, if longer);
  robots.txt is read once per host and run and applied with protego (RFC 9309: the most specific group
  for our user agent, the longest matching rule, ``*`` and ``$``; a missing file allows all, an unreachable
  one disallows all); the user agent names the project.
- Concurrency: `Fetcher.fetch_all` runs ``workers`` threads over URLs interleaved by host, so that hosts
  are fetched side by side, and yields results in that (deterministic) order.
- Restarts: accepted pages may be kept in a response cache (under the warehouse's ``_staging/fetch``) so a
  rerun does not fetch them again; entries older than ``cache_days`` are removed when a fetcher opens it.
"""

from __future__ import annotations

import dataclasses
import email.utils
import gzip
import hashlib
import ipaddress
import json
import os
import random
import re
import socket
import threading
import time
import zlib
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from pipelines.config import ConfigError, Settings
from pipelines.log import get_logger

log = get_logger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FetchOptions:
    """The ``fetch:`` section of a sources file."""

    workers: int = 8
    per_host_connections: int = 2
    per_host_delay: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_wait: float = 120.0
    max_redirects: int = 5
    max_page_bytes: int = 5_000_000
    max_seconds: float = 60.0
    robots: bool = True
    cache_days: int = 7
    allow_networks: tuple[str, ...] = ()
    """CIDR networks (``10.1.0.0/16``, ``127.0.0.1``) and host names (``news.corp.example``, or
    ``.corp.example`` for its subdomains) that may be fetched although their addresses are not public."""

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any] | None) -> FetchOptions:
        raw = raw or {}
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(raw) - set(fields))
        if unknown:
            raise ConfigError(f"fetch: unknown option(s) {unknown}; known: {sorted(fields)}")
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if name == "allow_networks":
                values[name] = NetworkPolicy.check_entries(value)
                continue
            kind = type(getattr(cls(), name))
            if kind is bool:
                ok = isinstance(value, bool)
            elif kind is int:
                ok = isinstance(value, int) and not isinstance(value, bool)
            else:
                ok = isinstance(value, int | float) and not isinstance(value, bool)
            if not ok or (kind is not bool and value < 0):
                raise ConfigError(f"fetch.{name}: expected a non-negative {kind.__name__}, got {value!r}")
            values[name] = kind(value)
        options = cls(**values)
        if options.workers < 1 or options.per_host_connections < 1:
            raise ConfigError("fetch.workers and fetch.per_host_connections must be at least 1")
        return options


@dataclass(frozen=True)
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters; "" when the server sent none
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class FetchError:
    url: str
    reason: str  # http_404, timeout, network_error, robots_disallowed, too_large, not_html, ...
    detail: str
    retry_after: float | None = None  # seconds the server asked to wait (429/503)

    @property
    def retryable(self) -> bool:
        return self.reason in ("timeout", "network_error") or (
            self.reason.startswith("http_") and int(self.reason[5:]) in RETRY_STATUSES
        )


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def interleave_by_host(urls: Sequence[str]) -> list[str]:
    """`urls` reordered round-robin over their hosts (each host's URLs in their order), so that a window
    of consecutive URLs spans many hosts and per-host limits do not serialise the whole run."""
    queues: dict[str, deque[str]] = defaultdict(deque)
    for url in urls:
        queues[host_of(url)].append(url)
    order: list[str] = []
    while queues:
        for host in list(queues):
            order.append(queues[host].popleft())
            if not queues[host]:
                del queues[host]
    return order


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


_HOST_NAME = re.compile(r"^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def _network(entry: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        return None


class BlockedAddress(httpcore.ConnectError):
    """A host whose addresses are all refused by the `NetworkPolicy`."""


class NetworkPolicy:
    """Which addresses may be connected to: the globally routable ones, and those `allow_networks` names."""

    def __init__(self, allow: Sequence[str] = ()) -> None:
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.hosts: set[str] = set()
        for entry in allow:
            network = _network(entry)
            if network is not None:
                self.networks.append(network)
            else:
                self.hosts.add(entry.lower().rstrip("."))

    @staticmethod
    def check_entries(value: object) -> tuple[str, ...]:
        """`value` as allow_networks entries, or a `ConfigError` naming the bad one."""
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f"fetch.allow_networks: expected a list of networks or host names, got {value!r}"
            )
        for entry in value:
            if _network(entry) is None and not _HOST_NAME.match(entry.lower().rstrip(".")):
                raise ConfigError(
                    f"fetch.allow_networks: {entry!r} is neither a network (10.0.0.0/8, 127.0.0.1) nor a host name"
                )
        return tuple(value)

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return host in self.hosts or any(h.startswith(".") and host.endswith(h) for h in self.hosts)

    def refusal(self, host: str, address: str) -> str | None:
        """Why `address` (one of `host`'s) may not be connected to; None when it may."""
        ip = ipaddress.ip_address(address.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if self.host_allowed(host) or any(ip in network for network in self.networks):
            return None
        for kind in ("loopback", "private", "link_local", "multicast", "unspecified", "reserved"):
            if getattr(ip, f"is_{kind}"):
                return f"a {kind.replace('_', '-')} address"
        return None if ip.is_global else "not a public address"


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy allows, resolving the host itself: the address checked is the
    address connected to."""

    def __init__(self, policy: NetworkPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        refused: list[str] = []
        failure: Exception | None = None
        for *_, sockaddr in infos:
            address = str(sockaddr[0])
            why = self.policy.refusal(host, address)
            if why is not None:
                refused.append(f"{address} is {why}")
                continue
            try:
                stream = super().connect_tcp(
                    address, port, _time_left(timeout), local_address, socket_options
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        if failure is not None:
            raise failure
        raise BlockedAddress(
            f"{host}: {'; '.join(dict.fromkeys(refused))} (fetch.allow_networks can allow it)"
        )


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: NetworkPolicy, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx takes no network backend of its own; its connection pool does.
        self._pool._network_backend = _GuardedBackend(policy)


# The deadline of the request the current thread is making (sync httpx does a request's I/O in the thread
# that sends it). httpcore computes a read timeout once per response phase, so a server dripping one byte
# per second would never trip it; the connection's own reads and writes look the deadline up instead.
_request_deadline = threading.local()


def _time_left(timeout: float | None) -> float | None:
    deadline: float | None = getattr(_request_deadline, "at", None)
    if deadline is None:
        return timeout
    left = max(0.001, deadline - time.monotonic())
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake waits at most until the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class TooLarge(Exception):
    """A body that would be larger than the limit once decoded."""


class BadEncoding(Exception):
    """A Content-Encoding that is not gzip, deflate or identity."""


class _Inflater:
    """One gzip or deflate layer, undone without ever producing more than `limit` bytes in all."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding
        self.limit = limit
        self.size = 0
        self._zlib = self._new(first=True)
        self._started = False

    def _new(self, first: bool) -> zlib._Decompress:
        if self.coding == "deflate":  # a zlib stream, or (from some servers) raw deflate
            return zlib.decompressobj(zlib.MAX_WBITS if first else -zlib.MAX_WBITS)
        return zlib.decompressobj(zlib.MAX_WBITS | 16)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            if self._zlib.eof:  # gzip: another member follows
                if self.coding == "deflate":
                    break  # trailing bytes after a deflate stream are ignored, as browsers do
                self._zlib = self._new(first=False)
            try:
                chunk = self._zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                if self.coding != "deflate" or self._started:
                    raise
                self._zlib = self._new(first=False)
                self._started = True
                continue
            self._started = True
            self.size += len(chunk)
            if self.size > self.limit or self._zlib.unconsumed_tail:
                raise TooLarge(f"more than {self.limit:,} bytes once decoded ({self.coding})")
            out.append(chunk)
            data = self._zlib.unused_data if self._zlib.eof else b""
        return b"".join(out)

    def finish(self) -> bytes:
        rest = self._zlib.flush()
        self.size += len(rest)
        if self.size > self.limit:
            raise TooLarge(f"more than {self.limit:,} bytes once decoded ({self.coding})")
        return rest


class BoundedDecoder:
    """Undoes a response's Content-Encoding chain (``gzip``, ``deflate``, ``identity``; several in turn,
    last applied first) chunk by chunk, so that no layer ever holds more than about `limit` bytes."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = ["gzip" if c == "x-gzip" else c for c in codings if c != "identity"]
        unknown = sorted({c for c in codings if c not in ("gzip", "deflate")})
        if unknown:
            raise BadEncoding(f"unsupported Content-Encoding {', '.join(unknown)}")
        # An inner layer is compressed data of the final body: barely larger than it even when the body
        # does not compress at all.
        slack = limit // 100 + 4096
        layers = list(reversed(codings))
        self.layers = [
            _Inflater(c, limit if i == len(layers) - 1 else limit + slack) for i, c in enumerate(layers)
        ]
        self.limit = limit
        self.size = 0

    def feed(self, data: bytes) -> bytes:
        for layer in self.layers:
            data = layer.feed(data)
        return self._count(data)

    def finish(self) -> bytes:
        data = b""
        for layer in self.layers:
            data = layer.feed(data) + layer.finish() if data else layer.finish()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(f"more than {self.limit:,} bytes received")
        return data


class _HostGate:
    """Concurrency and pacing for one host."""

    def __init__(self, connections: int, delay: float) -> None:
        self.slots = threading.Semaphore(connections)
        self.delay = delay
        self._lock = threading.Lock()
        self._next_start = 0.0

    def __enter__(self) -> None:
        self.slots.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.delay
        if start > now:
            time.sleep(start - now)

    def __exit__(self, *exc: object) -> None:
        self.slots.release()


class ResponseCache:
    """Accepted responses by URL, one gzip file each: a JSON header line, then the body."""

    def __init__(self, folder: Path, keep_days: int) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        cutoff = time.time() - keep_days * 86_400
        for file in folder.glob("*/*.gz"):
            try:
                if file.stat().st_mtime < cutoff:
                    file.unlink()
            except FileNotFoundError:
                continue

    def _path(self, url: str) -> Path:
        key = hashlib.sha1(url.encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.gz"

    def get(self, url: str) -> Response | None:
        try:
            data = gzip.decompress(self._path(url).read_bytes())
        except (OSError, EOFError):  # absent, or cut short by a crash: fetch again
            return None
        header, _, body = data.partition(b"\n")
        meta = json.loads(header)
        return Response(url, meta["final_url"], meta["status"], meta["content_type"], meta["headers"], body)

    def put(self, response: Response) -> None:
        path = self._path(response.url)
        path.parent.mkdir(exist_ok=True)
        meta = {
            "final_url": response.final_url,
            "status": response.status,
            "content_type": response.content_type,
            "headers": response.headers,
            "fetched_at": datetime.now(UTC).isoformat(),
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(gzip.compress(json.dumps(meta).encode("utf-8") + b"\n" + response.body, 5))
        os.replace(tmp, path)


class Fetcher:
    """One HTTP client for a run. Use as a context manager."""

    KEPT_HEADERS = ("content-type", "content-location", "last-modified", "etag")

    def __init__(self, settings: Settings, options: FetchOptions, cache: ResponseCache | None = None) -> None:
        self.settings = settings
        self.options = options
        self.cache = cache
        limits = httpx.Limits(max_connections=options.workers * 2, max_keepalive_connections=options.workers)
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.http_timeout),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=_GuardedTransport(NetworkPolicy(options.allow_networks), limits),
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Protego | FetchError | None] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.client.close()

    # -- public ----------------------------------------------------------------------------------------

    def fetch(self, url: str, accept: tuple[str, ...] = (), cache: bool = False) -> Response | FetchError:
        """GET `url`. `accept`: media types (prefixes) the body must have, else ``not_html`` without the
        body being read; empty accepts any. With `cache`, an accepted response is kept and reused."""
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            return FetchError(url, "bad_url", "not an http(s) URL")
        if cache and self.cache is not None and (cached := self.cache.get(url)) is not None:
            return cached
        result = self._request(url, accept, check_robots=self.options.robots)
        if cache and self.cache is not None and isinstance(result, Response):
            self.cache.put(result)
        return result

    def fetch_all(
        self, urls: Sequence[str], accept: tuple[str, ...] = (), cache: bool = False
    ) -> Iterator[tuple[str, Response | FetchError]]:
        """(url, result) for every URL, fetched concurrently, in `interleave_by_host` order."""
        order = interleave_by_host(list(dict.fromkeys(urls)))
        window = self.options.workers * 4  # results waiting for the consumer stay bounded
        with ThreadPoolExecutor(self.options.workers, thread_name_prefix="fetch") as pool:
            pending: deque[tuple[str, Future[Response | FetchError]]] = deque()
            upcoming = iter(order)
            try:
                for url in upcoming:
                    pending.append((url, pool.submit(self.fetch, url, accept, cache)))
                    if len(pending) >= window:
                        done_url, future = pending.popleft()
                        yield done_url, future.result()
                while pending:
                    done_url, future = pending.popleft()
                    yield done_url, future.result()
            finally:
                for _, future in pending:  # the consumer stopped early: do not fetch the rest
                    future.cancel()

    # -- one attempt -----------------------------------------------------------------------------------

    def _gate(self, url: str) -> _HostGate:
        host = host_of(url)
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(
                    self.options.per_host_connections, self.options.per_host_delay
                )
            return gate

    def _request(self, url: str, accept: tuple[str, ...], check_robots: bool) -> Response | FetchError:
        """`url` with retries on 429, 5xx and network errors."""
        for attempt in range(self.options.retries + 1):
            result = self._follow_redirects(url, accept, check_robots)
            if isinstance(result, Response) or not result.retryable:
                return result
            if attempt == self.options.retries:
                break
            wait = result.retry_after
            if wait is None:
                wait = self.options.backoff * 2**attempt * random.uniform(1.0, 1.25)
            elif wait > self.options.max_retry_wait:
                return dataclasses.replace(
                    result,
                    detail=f"{result.detail}; the server asked to wait {wait:.0f}s, more than "
                    f"max_retry_wait ({self.options.max_retry_wait:.0f}s)",
                )
            log.debug("retrying %s in %.1fs after %s", url, wait, result.reason)
            time.sleep(wait)
        if self.options.retries:
            result = dataclasses.replace(
                result, detail=f"{result.detail} (after {self.options.retries} retries)"
            )
        return result

    def _follow_redirects(
        self, url: str, accept: tuple[str, ...], check_robots: bool
    ) -> Response | FetchError:
        current = url
        visited = {url}
        for _hop in range(self.options.max_redirects + 1):
            refusal = self._robots_refusal(current) if check_robots else None
            if refusal is not None:
                return refusal
            result = self._get(url, current, accept)
            if not isinstance(result, str):
                return result
            if result in visited:
                return FetchError(url, "redirect_loop", f"{current} redirects back to {result}")
            visited.add(result)
            current = result
        return FetchError(url, "too_many_redirects", f"more than {self.options.max_redirects} redirects")

    def _get(self, url: str, current: str, accept: tuple[str, ...]) -> Response | FetchError | str:
        """One request: the response, an error, or the URL a redirect points to."""
        deadline = 0.0
        try:
            with self._gate(current):
                deadline = _request_deadline.at = time.monotonic() + self.options.max_seconds
                try:
                    with self.client.stream("GET", current) as response:
                        return self._read(url, current, accept, response, deadline)
                finally:
                    _request_deadline.at = None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                return FetchError(
                    url,
                    "timeout",
                    f"{current}: no whole answer within max_seconds ({self.options.max_seconds}s)",
                )
            return FetchError(
                url, "timeout", f"{current}: {type(exc).__name__} after {self.settings.http_timeout}s"
            )
        except httpx.TransportError as exc:
            if isinstance(exc.__cause__, BlockedAddress):
                return FetchError(url, "blocked_address", f"{current}: not fetched, {exc}")
            return FetchError(url, "network_error", f"{current}: {type(exc).__name__}: {exc}")

    def _read(
        self, url: str, current: str, accept: tuple[str, ...], response: httpx.Response, deadline: float
    ) -> Response | FetchError | str:
        if response.is_redirect and "location" in response.headers:
            target = urljoin(current, response.headers["location"])
            if urlsplit(target).scheme not in ("http", "https"):
                return FetchError(url, "bad_redirect", f"{current} redirects to {target}")
            return target
        if response.status_code >= 400:
            return FetchError(
                url,
                f"http_{response.status_code}",
                f"{current} answered {response.status_code} {response.reason_phrase}",
                parse_retry_after(response.headers.get("retry-after")),
            )
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if accept and content_type and not content_type.startswith(accept):
            return FetchError(url, "not_html", f"{current} is {content_type}, not a web page")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.options.max_page_bytes:
            return self._too_large(url, f"announced {int(declared):,} bytes")
        limit = self.options.max_page_bytes
        try:
            decoder = BoundedDecoder(response.headers.get("content-encoding", ""), limit)
            chunks: list[bytes] = []
            # Raw bytes, decoded here: httpx would inflate each chunk whole before any size check
            # ("gzip, gzip" turns a few KB into gigabytes).
            for raw in response.iter_raw():
                chunks.append(decoder.feed(raw))
                if time.monotonic() > deadline:
                    return FetchError(
                        url,
                        "timeout",
                        f"{current}: no whole answer within max_seconds ({self.options.max_seconds}s)",
                    )
            chunks.append(decoder.finish())
        except TooLarge as exc:
            return self._too_large(url, str(exc))
        except (BadEncoding, zlib.error) as exc:
            return FetchError(url, "bad_encoding", f"{current}: {exc}")
        headers = {k: response.headers[k] for k in self.KEPT_HEADERS if k in response.headers}
        return Response(url, current, response.status_code, content_type, headers, b"".join(chunks))

    def _too_large(self, url: str, what: str) -> FetchError:
        return FetchError(
            url, "too_large", f"{what}; the limit is {self.options.max_page_bytes:,} (max_page_bytes)"
        )

    # -- robots.txt ------------------------------------------------------------------------------------

    def _robots_refusal(self, url: str) -> FetchError | None:
        host = host_of(url)
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:  # one robots.txt request per host, however many workers wait for it
            if host not in self._robots:
                self._robots[host] = self._read_robots(host)
        rules = self._robots[host]
        if isinstance(rules, FetchError):
            return FetchError(url, rules.reason, rules.detail)
        if rules is not None and not rules.can_fetch(url, self.settings.user_agent):
            return FetchError(url, "robots_disallowed", f"{host}/robots.txt disallows it for our user agent")
        return None

    def _read_robots(self, host: str) -> Protego | FetchError | None:
        robots_url = f"{host}/robots.txt"
        result = self._request(robots_url, (), check_robots=False)
        if isinstance(result, FetchError):
            if result.reason.startswith("http_") and 400 <= int(result.reason[5:]) < 500:
                return None  # no robots.txt: everything is allowed
            if result.reason == "blocked_address":
                return result
            return FetchError(
                robots_url,
                "robots_unreachable",
                f"robots.txt could not be read ({result.detail}); not crawling",
            )
        parser = Protego.parse(result.body.decode("utf-8", errors="replace"))
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            gate = self._gate(host)
            gate.delay = max(gate.delay, float(delay))
        return parser
