"""The watcher: poll each source when due, fetch what is new, keep it in WARC, code it into the store
by `rasid run`'s path (:func:`rasid.runner._prepare`, :meth:`rasid.store.Store.write`), reconcile.

Only new work is done: a URL already stored is fetched again only when its feed/sitemap marker
changes (conditional GET); a text already stored under any id is skipped; an edited page is stored as
a new version (``<id>.v2`` ...) linked to the one it replaces (``watch_captures.supersedes``). Each
document is committed with its capture and URL state in one transaction, so a watcher killed at any
point and started again loses nothing and doubles nothing.
"""
from __future__ import annotations

import hashlib
import io
import logging
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select, update

from ..ingest import InputError, Limits, read_warc
from ..runner import _prepare, _raw_hash
from ..store import Store, documents
from . import tables as T
from .alerts import Alerts, crash_point
from .config import Source, WatchConfig
from .fetch import Fetcher, Response
from .provenance import WarcLog
from .sources import SITEMAP_DEPTH, Entry, ParseError, entries, sitemap_index, unique

log = logging.getLogger("rasid.watch")
PERMANENT = ("robots", "too_large", "redirect_loop", "too_many_redirects", "malformed", "unreadable")
MAX_ATTEMPTS = 5  # transient failures of one article before it is given up (logged)


@dataclass
class PollResult:
    source: str
    new: int = 0
    faults: int = 0
    status: str = ""


class Watcher:
    def __init__(self, cfg: WatchConfig, store: Store, out: str | Path, pipeline=None, transport=None):
        self.cfg, self.store, self.out = cfg, store, Path(out)
        T.ensure(store.engine)
        self.stop_event = threading.Event()
        self.fetcher = Fetcher(cfg.user_agent, cfg.timeout, cfg.retries, cfg.backoff, cfg.max_bytes, cfg.max_redirects,
                               cfg.rate_limit, stop=self.stop_event, transport=transport)
        self.warc = WarcLog(self.out / "warc", cfg.warc_max_bytes)
        self.pipe = pipeline
        self.limits = Limits()
        self.run_id: int | None = None
        self.totals = {"polls": 0, "new": 0, "faults": 0, "alerts": 0}
        self._validators: list[tuple[str, dict]] = []
        self._retry_later = False
        self.alerts = Alerts(cfg.rules, self.out, getattr(pipeline, "geoparser", None), cfg.webhook, cfg.webhook_timeout,
                             cfg.webhook_retry, cfg.user_agent)

    # -------------------------------------------------------------- state
    def fault(self, conn, source: str, url: str, kind: str, message: str) -> None:
        log.warning("%s: %s: %s (%s)", source, kind, message, url)
        conn.execute(insert(T.faults).values(source=source, url=url, at=T.now(), kind=kind, message=message))
        self.totals["faults"] += 1

    @staticmethod
    def url_row(conn, url: str) -> dict | None:
        r = conn.execute(select(T.urls).where(T.urls.c.url == url)).mappings().first()
        return dict(r) if r else None

    @staticmethod
    def set_url(conn, url: str, **values) -> None:
        if conn.execute(select(T.urls.c.url).where(T.urls.c.url == url)).first():
            conn.execute(update(T.urls).where(T.urls.c.url == url).values(**values))
        else:
            conn.execute(insert(T.urls).values(url=url, **values))

    # -------------------------------------------------------------- one source
    def poll(self, src: Source) -> PollResult:
        res = PollResult(src.name)
        with self.store.engine.begin() as c:
            row = self.url_row(c, src.url) or {}
        r = self.fetcher.get(src.url, row.get("etag"), row.get("last_modified"))
        self._keep(r, "other")
        links: list[Entry] = []
        children: list[Entry] | None = None
        # an index page's validators (ETag, Last-Modified, marker) are kept only once every link it gave was
        # handled: a watcher stopped or killed half-way, or an article to retry, reads the page whole again
        self._validators: list[tuple[str, dict]] = []
        self._retry_later = False
        with self.store.engine.begin() as c:
            if r.fault:
                self.fault(c, src.name, src.url, r.fault, r.message)
                res.faults += 1
                res.status = f"error: {r.fault}"
            elif r.not_modified:
                res.status = "not modified"
            else:
                try:
                    children = sitemap_index(r.body, r.final_url) if src.kind == "sitemap" else None
                    links = entries(src, r.body, r.final_url) if children is None else []
                    self._validators.append((src.url, dict(source=src.name, state="index", etag=r.header("etag"),
                                                           last_modified=r.header("last-modified"), fetched=T.now())))
                except ParseError as e:
                    self.fault(c, src.name, src.url, "malformed", str(e))
                    res.faults += 1
                    res.status = "error: malformed"
        if children:
            links = self._children(src, children, res)
        for e in links:
            if self.stop_event.is_set():
                break
            got = self.article(src, e)
            res.new += got == "stored"
            res.faults += got == "fault"
        if not self.stop_event.is_set() and not self._retry_later:
            with self.store.engine.begin() as c:
                for url, values in self._validators:
                    self.set_url(c, url, **values)
        if not res.status:
            res.status = f"{res.new} new" + (f", {res.faults} faults" if res.faults else "")
        self._source_status(src, res)
        return res

    def _children(self, src: Source, children: list[Entry], res: PollResult, depth: int = 1) -> list[Entry]:
        """A sitemap index followed, with bounds: at most ``max_sitemaps`` child sitemaps a poll (the newest
        first), an index inside an index once more (``SITEMAP_DEPTH``), each child under the size cap
        (gzip'd ones inflated no further), at most ``max_items`` article links in all. A child whose
        ``<lastmod>`` is unchanged since it was read whole is not fetched; the others conditionally."""
        links: list[Entry] = []
        if len(children) > src.max_sitemaps:
            log.info("%s: %d child sitemaps, the newest %d read", src.name, len(children), src.max_sitemaps)
        for ch in children[:src.max_sitemaps]:
            if self.stop_event.is_set() or len(links) >= src.max_items:
                break
            with self.store.engine.begin() as c:
                row = self.url_row(c, ch.url) or {}
            if ch.marker and row.get("state") == "index" and row.get("marker") == ch.marker:
                continue
            r = self.fetcher.get(ch.url, row.get("etag"), row.get("last_modified"))
            self._keep(r, "other")
            sub, got = None, []
            with self.store.engine.begin() as c:
                if r.fault:
                    self.fault(c, src.name, ch.url, r.fault, r.message)
                    res.faults += 1
                    continue
                if not r.not_modified:
                    try:
                        sub = sitemap_index(r.body, r.final_url)
                        got = entries(src, r.body, r.final_url) if sub is None else []
                    except ParseError as e:
                        self.fault(c, src.name, ch.url, "malformed", str(e))
                        res.faults += 1
                        continue
                    if sub is not None and depth >= SITEMAP_DEPTH:
                        self.fault(c, src.name, ch.url, "too_deep", f"a sitemap index {depth + 1} levels down: not followed")
                        res.faults += 1
                        continue
            vals = dict(source=src.name, state="index", marker=ch.marker, fetched=T.now())
            if not r.not_modified:
                vals.update(etag=r.header("etag"), last_modified=r.header("last-modified"))
            self._validators.append((ch.url, vals))
            if sub is not None:
                got = self._children(src, sub, res, depth + 1)
            links.extend(got)
        return unique(links)[:src.max_items]

    def _keep(self, r: Response, kind: str, extra: dict | None = None):
        for hop in r.hops:
            self.warc.write(hop, "other")
        if r.status is not None:
            return self.warc.write(r, kind, extra)
        return None

    def _source_status(self, src: Source, res: PollResult) -> None:
        with self.store.engine.begin() as c:
            cur = c.execute(select(T.sources).where(T.sources.c.name == src.name)).mappings().first()
            now = T.now()
            vals = {"kind": src.kind, "url": src.url, "outlet": src.outlet, "last_poll": now, "last_status": res.status}
            if not res.status.startswith("error"):
                vals["last_ok"] = now
            if cur is None:
                c.execute(insert(T.sources).values(name=src.name, polls=1, new_articles=res.new, errors=res.faults, **vals))
            else:
                c.execute(update(T.sources).where(T.sources.c.name == src.name).values(
                    polls=cur["polls"] + 1, new_articles=cur["new_articles"] + res.new, errors=cur["errors"] + res.faults, **vals))
        self.totals["polls"] += 1
        self.totals["new"] += res.new

    # -------------------------------------------------------------- one article
    def article(self, src: Source, e: Entry) -> str:
        """Fetch, keep and code one linked article: "stored" | "known" | "skipped" | "fault"."""
        with self.store.engine.begin() as c:
            row = self.url_row(c, e.url)
        if row and row["state"] in ("stored", "known", "refused") and row["marker"] == e.marker:
            return "skipped"
        if row and row["state"] == "failed" and row["attempts"] >= MAX_ATTEMPTS and row["marker"] == e.marker:
            return "skipped"
        r = self.fetcher.get(e.url, row and row.get("etag"), row and row.get("last_modified"))
        base = hashlib.sha1(r.final_url.encode()).hexdigest()[:12]
        with self.store.engine.begin() as c:
            versions = (row or {}).get("versions") or (1 if c.execute(select(documents.c.doc_id).where(
                documents.c.doc_id == base)).first() else 0)
        doc_id = base if versions == 0 else f"{base}.v{versions + 1}"
        html = "html" in (r.header("content-type") or "").lower()
        extra = {"WARC-Rasid-Doc-Id": doc_id}
        if src.outlet:
            extra["WARC-Rasid-Outlet"] = src.outlet
        if e.published:
            extra["WARC-Rasid-Published"] = e.published
        cap = self._keep(r, "articles" if r.ok and html else "other", extra if r.ok and html else None)
        with self.store.engine.begin() as c:
            if r.not_modified:
                self.set_url(c, e.url, marker=e.marker, fetched=T.now(), state=(row or {}).get("state") or "known")
                return "known"
            if r.fault or not r.ok or not html:
                kind = r.fault or ("not_html" if r.ok else f"http_{r.status}")
                permanent = kind in PERMANENT or kind == "not_html" or (kind.startswith("http_4") and kind != "http_429")
                attempts = ((row or {}).get("attempts") or 0) + 1
                self.fault(c, src.name, e.url, kind, r.message or kind)
                self.set_url(c, e.url, source=src.name, state="refused" if permanent else "failed", marker=e.marker,
                             attempts=attempts, reason=r.message or kind, fetched=T.now())
                self._retry_later |= not permanent and attempts < MAX_ATTEMPTS
                return "fault"
        items = list(read_warc(cap.warc_file, self.limits, stream=io.BytesIO(cap.record)))
        item = items[0] if items else InputError(e.url, "no HTML response in the record")
        result = ("error", item.reason) if isinstance(item, InputError) else _prepare(
            item, self.pipe, lambda doc: self._stored_text(doc.content_hash), self.limits)
        with self.store.engine.begin() as c:
            common = dict(source=src.name, marker=e.marker, etag=r.header("etag"), last_modified=r.header("last-modified"),
                          fetched=T.now(), attempts=0)
            if result[0] == "known":
                self.set_url(c, e.url, state=(row or {}).get("state") or "known", **common)
                return "known"
            if result[0] != "ok":
                self.fault(c, src.name, e.url, "unreadable", result[1])
                self.set_url(c, e.url, state="refused", reason=result[1], **{**common, "attempts": 1})
                return "fault"
            _, doc, places, _note = result
            store_write_run = self.run_id
            self.store.write(c, doc, store_write_run, raw_hash=_raw_hash(item), places=places, fresh=True,
                             coded_by=None if self.pipe is not None else (None, None))  # (not coded: unknown)
            c.execute(insert(T.captures).values(
                doc_id=doc.doc_id, url=r.final_url, version=versions + 1, source=src.name,
                supersedes=(row or {}).get("doc_id") or (base if versions else None), warc_file=cap.warc_file,
                warc_record_id=cap.record_id, warc_offset=cap.offset, fetched=cap.fetched))
            self.set_url(c, e.url, state="stored", doc_id=doc.doc_id, versions=versions + 1, reason=None, **common)
            if self.alerts.rules and self.pipe is not None:  # its alerts are considered after the poll (or a restart)
                c.execute(insert(T.pending).values(doc_id=doc.doc_id))
        crash_point("after_store")
        return "stored"

    def _stored_text(self, content_hash: str) -> bool:
        with self.store.engine.connect() as c:
            return c.execute(select(documents.c.doc_id).where(documents.c.content_hash == content_hash)).first() is not None

    # -------------------------------------------------------------- the loop
    def run(self, once: bool = False, on_status=None) -> dict:
        """Poll the sources when due until stopped (SIGINT/SIGTERM: the current article is finished)."""
        from ..lexicon import default_lexicon

        def _stop(_sig, _frame):
            self.stop_event.set()

        old = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                old[sig] = signal.signal(sig, _stop)
        self.run_id = self.store.start_run({"command": "watch", "config": str(self.cfg.path)}, default_lexicon().fingerprint)
        due = {s.name: 0.0 for s in self.cfg.sources}
        first = True
        try:
            while not self.stop_event.is_set():
                for src in self.cfg.sources:
                    if self.stop_event.is_set() or time.monotonic() < due[src.name]:
                        continue
                    with self.store.writer("rasid watch", wait=60):
                        if first:  # what a watcher killed before left undone: alerts to consider and deliver
                            self.after_poll(0)
                            first = False
                        res = self.poll(src)
                        self.after_poll(res.new)
                    due[src.name] = time.monotonic() + src.interval
                    if on_status:
                        on_status(res, self.totals)
                if once:
                    break
                self.stop_event.wait(max(0.05, min(due.values()) - time.monotonic()))
        finally:
            for sig, h in old.items():
                signal.signal(sig, h)
            self.store.finish_run(self.run_id, dict(self.totals))
            self.warc.close()
            self.fetcher.close()
            self.alerts.close()
        return dict(self.totals)

    def after_poll(self, new: int) -> None:
        """Reconcile after new articles; fire or update the alerts of the documents stored and not yet
        considered (``watch_pending``, emptied in the same transaction); deliver the queued alerts."""
        from ..reconcile import reconcile

        with self.store.engine.connect() as c:
            pending = [d for (d,) in c.execute(select(T.pending.c.doc_id))]
        if (new or pending) and self.pipe is not None:
            reconcile(self.store)
        if pending:
            with self.store.engine.begin() as c:
                self.totals["alerts"] += len(self.alerts.consider(c, pending))
                for i in range(0, len(pending), 500):
                    c.execute(T.pending.delete().where(T.pending.c.doc_id.in_(pending[i:i + 500])))
            crash_point("before_deliver")
        self.alerts.deliver(self.store.engine)
