"""Fetching done politely and defensively: httpx with timeouts, retries with backoff, conditional GET,
robots.txt (protego), a per-host rate limit, a size cap and bounded redirects, under a User-Agent that
names rasid. A fault never raises: it is a :class:`Response` whose ``fault`` says what went wrong, so
the watcher logs it against its source and goes on.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted before it is read again
RETRY_STATUS = {429, 500, 502, 503, 504}
HOP_HEADERS = {"transfer-encoding", "connection", "keep-alive"}  # not what the body in the WARC is


@dataclass
class Response:
    """One fetch: the last response received (if any) and what went wrong (``fault``, ``message``)."""

    url: str  # asked for
    final_url: str  # after redirects
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)  # as received, less hop-by-hop ones
    raw: bytes = b""  # the body as sent (still gzip'd if the server compressed it): what the WARC keeps
    body: bytes = b""  # the body decoded from its Content-Encoding
    truncated: bool = False  # cut at the size cap
    fault: str | None = None  # timeout | network | http_NNN | too_large | redirect_loop | too_many_redirects | robots
    message: str = ""
    fetched: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    hops: list["Response"] = field(default_factory=list)  # redirect responses on the way (kept as evidence too)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def ok(self) -> bool:
        return self.fault is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One HTTP client for the watcher, shared by all sources (connections are kept alive)."""

    def __init__(self, user_agent: str, timeout: float = 20.0, retries: int = 2, backoff: float = 2.0,
                 max_bytes: int = 5 * 1024 * 1024, max_redirects: int = 5, rate_limit: float = 1.0,
                 stop: threading.Event | None = None, transport: httpx.BaseTransport | None = None):
        self.ua, self.retries, self.backoff = user_agent, retries, backoff
        self.max_bytes, self.max_redirects, self.rate_limit = max_bytes, max_redirects, rate_limit
        self.stop = stop or threading.Event()
        self.client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport,
                                   headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})
        self._next: dict[str, float] = {}  # host -> monotonic time of its next allowed request
        self._robots: dict[str, tuple[float, object | None, float]] = {}  # host -> (read at, parser, crawl delay)
        self.on_response: Callable[[Response], None] | None = None  # every response received (robots.txt too)

    def close(self) -> None:
        self.client.close()

    # -------------------------------------------------------------- manners
    def _wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again (rate limit, or robots.txt's Crawl-delay if longer)."""
        host = urlsplit(url).netloc
        delay = max(self.rate_limit, self._robots.get(host, (0, None, 0.0))[2])
        now = time.monotonic()
        at = self._next.get(host, now)
        if at > now:
            self.stop.wait(at - now)
        self._next[host] = max(at, now) + delay

    def allowed(self, url: str) -> bool:
        """robots.txt lets rasid fetch ``url`` (no robots.txt, or one that cannot be read: allowed)."""
        parts = urlsplit(url)
        host = parts.netloc
        cached = self._robots.get(host)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            from protego import Protego

            robots_url = f"{parts.scheme}://{host}/robots.txt"
            r = self._get_once(robots_url, {}, self.max_bytes)
            parser, delay = None, 0.0
            if r.ok and r.body:
                parser = Protego.parse(r.body.decode("utf-8", "replace"))
                delay = float(parser.crawl_delay(self.ua) or 0.0)
            self._robots[host] = cached = (time.monotonic(), parser, delay)
        parser = cached[1]
        return parser is None or parser.can_fetch(url, self.ua)

    # -------------------------------------------------------------- fetching
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` following at most ``max_redirects`` redirects, each hop checked against robots.txt;
        retried after a timeout, a network error, 429 or 5xx; conditional when validators are given."""
        cond = {}
        if etag:
            cond["If-None-Match"] = etag
        if last_modified:
            cond["If-Modified-Since"] = last_modified
        seen, hops, here = {url}, [], url
        while True:
            if not self.allowed(here):
                return Response(url, here, fault="robots", message=f"robots.txt forbids {here}", hops=hops)
            r = self._get_retried(here, cond if here == url else {})
            r.url, r.hops = url, hops
            if r.fault or r.status is None or r.status not in (301, 302, 303, 307, 308):
                return r
            loc = r.header("location")
            if not loc:
                return r
            nxt = urljoin(here, loc)
            hops.append(r)
            if nxt in seen:
                return Response(url, nxt, status=r.status, fault="redirect_loop", hops=hops,
                                message=f"redirect loop: {here} -> {nxt} (seen before)")
            if len(hops) > self.max_redirects:
                return Response(url, nxt, status=r.status, fault="too_many_redirects", hops=hops,
                                message=f"more than {self.max_redirects} redirects")
            seen.add(nxt)
            here = nxt

    def _get_retried(self, url: str, headers: dict) -> Response:
        for attempt in range(self.retries + 1):
            r = self._get_once(url, headers, self.max_bytes)
            transient = r.fault in ("timeout", "network") or (r.status in RETRY_STATUS)
            if not transient or attempt == self.retries or self.stop.is_set():
                return r
            wait = self.backoff * (2 ** attempt)
            if r.status == 429 and (r.header("retry-after") or "").isdigit():
                wait = max(wait, min(float(r.header("retry-after")), 300.0))
            self.stop.wait(wait)
        return r  # pragma: no cover - the loop always returns

    def _get_once(self, url: str, headers: dict, cap: int) -> Response:
        self._wait_turn(url)
        out = Response(url, url)
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                out.status, out.reason = resp.status_code, resp.reason_phrase
                out.http_version = resp.http_version or "HTTP/1.1"
                out.headers = [(k, v) for k, v in resp.headers.multi_items() if k.lower() not in HOP_HEADERS]
                out.request_headers = list(resp.request.headers.multi_items())
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    out.truncated = True
                else:
                    chunks, size = [], 0
                    for chunk in resp.iter_raw():
                        chunks.append(chunk)
                        size += len(chunk)
                        if size > cap:
                            out.truncated = True
                            break
                    out.raw = b"".join(chunks)[:cap]
        except httpx.TimeoutException as e:
            out.fault, out.message = "timeout", f"timed out ({type(e).__name__})"
            return out
        except httpx.HTTPError as e:
            out.fault, out.message = "network", f"{type(e).__name__}: {str(e)[:200]}"
            return out
        if out.truncated:
            out.fault, out.message = "too_large", f"response over the size cap ({cap:,} bytes): cut, not coded"
        else:
            try:
                out.body = _decode_body(out.raw, (out.header("content-encoding") or "").lower().strip(), cap)
            except ValueError as e:
                out.fault, out.message = "too_large" if "cap" in str(e) else "malformed", str(e)
        if out.fault is None and out.status is not None and out.status >= 400:
            out.fault, out.message = f"http_{out.status}", f"HTTP {out.status} {out.reason}".strip()
        if self.on_response is not None:
            self.on_response(out)
        return out


def _decode_body(raw: bytes, encoding: str, cap: int) -> bytes:
    """The body under its Content-Encoding (gzip, deflate), inflated no further than ``cap`` bytes."""
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported Content-Encoding {encoding[:20]!r}")
    try:
        d = zlib.decompressobj(47 if encoding != "deflate" else 15)
        body = d.decompress(raw, cap + 1)
    except zlib.error as e:
        raise ValueError(f"malformed compressed body ({e})") from None
    if len(body) > cap:
        raise ValueError(f"response over the size cap ({cap:,} bytes) once inflated")
    return body
