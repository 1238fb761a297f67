"""Every response the watcher receives, kept in WARC files (warcio), so an analyst can show exactly
what an outlet published and when rasid saw it, even after the page is edited or deleted.

Two series of gzip'd WARC files, each rotated past a size: ``warc/articles/`` holds the article pages
that were coded (`rasid run warc/articles` makes the same documents again), ``warc/other/`` everything
else (feeds, sitemaps, listing pages, robots.txt, redirects, 304s, error pages, pages cut at the size
cap). Each record is written whole in one write and flushed, and each watcher process begins new
files, so a watcher killed at any moment leaves complete records behind.
"""
from __future__ import annotations

import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import Response

KINDS = ("articles", "other")


@dataclass(frozen=True)
class Capture:
    """Where one response lies: its WARC file, record id and byte offset, and when it was received."""

    warc_file: str
    record_id: str
    offset: int
    fetched: str
    record: bytes  # the response record as written (gzip member): read back to code the article


class WarcLog:
    """Appends response records to size-rotated WARC files under ``folder``/{articles,other}."""

    def __init__(self, folder: str | Path, max_bytes: int = 100 * 1024 * 1024, software: str = "rasid watch"):
        self.folder, self.max_bytes, self.software = Path(folder), max_bytes, software
        self.run = f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self._files: dict[str, tuple[Path, object]] = {}
        self._seq = 0

    def _file(self, kind: str):
        """The open file of this series, a new one when there is none yet or the last is full."""
        cur = self._files.get(kind)
        if cur is not None and cur[1].tell() < self.max_bytes:
            return cur
        if cur is not None:
            cur[1].close()
        folder = self.folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        import datetime as dt

        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
        path = folder / f"rasid-{stamp}-{self.run}-{self._seq:05d}.warc.gz"
        f = open(path, "ab")
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=True, warc_version="1.1")
        w.write_record(w.create_warcinfo_record(path.name, {"software": self.software, "format": "WARC File Format 1.1"}))
        f.write(buf.getvalue())
        f.flush()
        self._files[kind] = (path, f)
        return self._files[kind]

    def write(self, r: Response, kind: str, extra: dict[str, str] | None = None) -> Capture:
        """Write ``r`` (with its request) as records of series ``kind``; ``extra``: WARC-Rasid-* fields."""
        assert kind in KINDS
        path, f = self._file(kind)
        date = r.fetched.strftime("%Y-%m-%dT%H:%M:%SZ")
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=True, warc_version="1.1")
        http = StatusAndHeaders(f"{r.status} {r.reason}".strip(), list(r.headers), protocol=r.http_version)
        head = {"WARC-Date": date, **(extra or {})}
        if r.truncated:
            head["WARC-Truncated"] = "length"
        rec = w.create_warc_record(r.final_url, "response", payload=io.BytesIO(r.raw), http_headers=http,
                                   warc_headers_dict=head, length=None)
        w.write_record(rec)
        record = buf.getvalue()
        if r.request_headers:
            parts = urlsplit(r.final_url)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            req = StatusAndHeaders(f"GET {target} {r.http_version}", list(r.request_headers), is_http_request=True)
            rid = rec.rec_headers.get_header("WARC-Record-ID")
            w.write_record(w.create_warc_record(r.final_url, "request", http_headers=req,
                                                warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": rid}))
        offset = f.tell()
        f.write(buf.getvalue())  # response and request in one write: whole records or (killed before) none
        f.flush()
        return Capture(str(path), rec.rec_headers.get_header("WARC-Record-ID"), offset, date, record)

    def close(self) -> None:
        for _, f in self._files.values():
            f.close()
        self._files.clear()
