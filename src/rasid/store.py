"""The embedded store: SQLite by default, through SQLAlchemy Core.

Tables: ``documents``, ``events``, ``runs``, ``input_errors``. A document and
its events are written in one transaction, so a killed run leaves either both
or neither; re-running skips what is already stored (same ``doc_id`` and
content hash) and so finishes the job with nothing lost or doubled.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import (
    BigInteger, Column, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text, create_engine, delete, event, func, insert,
    select, update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from .model import Document

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("doc_id", String, primary_key=True),
    Column("content_hash", String, index=True, nullable=False),
    Column("raw_hash", String, index=True),
    Column("outlet", String),
    Column("url", String),
    Column("title", Text),
    Column("published", String),
    Column("published_source", String),  # metadata | stamp | dateline | none (rasid.published); schema 0003
    Column("language", String),
    Column("text", Text, nullable=False),
    Column("raw", Text),
    Column("removed", Text),  # JSON list
    Column("duplicate_of", String),
    Column("source", Text),
    Column("places", Text),  # JSON list of place mentions (geoparsing audit)
    Column("n_events", Integer, default=0),
    Column("run_id", Integer, index=True),  # (indexed from schema 0004: a run's exports append its documents)
    # what coded it (schema 0009): the lexicon's fingerprint and rasid's version (rasid.lexicon.coded_by); NULL:
    # unknown (stored before 0009, or stored without coding), read as another lexicon: `rasid run` codes it again
    Column("lexicon", String),
    Column("rasid_version", String),
)
# what is stored and what coded it, read from the index alone (a run's start, the control update's diff);
# schema 0004, with what coded each document from 0009
Index("ix_documents_known", documents.c.doc_id, documents.c.content_hash, documents.c.raw_hash, documents.c.lexicon,
      documents.c.rasid_version)

events = Table(
    "events", metadata,
    Column("event_id", String, primary_key=True),
    Column("doc_id", String, index=True, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("outlet", String),
    Column("event_type", String, index=True),
    Column("sub_event_type", String),
    Column("date_start", String, index=True),
    Column("record", Text, nullable=False),  # the export record as JSON
)

runs = Table(
    "runs", metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("started", String),
    Column("finished", String),
    Column("args", Text),
    Column("lexicon", String),
    Column("summary", Text),
)

input_errors = Table(
    "input_errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer),
    Column("path", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
)


# near-duplicate detection: one MinHash signature per stored document (NULL: too short to judge)
signatures = Table(
    "signatures", metadata,
    Column("doc_id", String, primary_key=True),
    Column("sig", LargeBinary),
)

lsh_bands = Table(
    "lsh_bands", metadata,
    Column("key", BigInteger, nullable=False),
    Column("doc_id", String, nullable=False),
)
# (schema 0008) a run's lookup of the stored documents sharing a band reads the index alone, not a table row
# per hit; a document stored again drops its bands without scanning the table
Index("ix_lsh_bands_key_doc_id", lsh_bands.c.key, lsh_bands.c.doc_id)
Index("ix_lsh_bands_doc_id", lsh_bands.c.doc_id)

# the reconciled layer: groups of report events told by one or more outlets
reconciled = Table(
    "reconciled", metadata,
    Column("recon_id", String, primary_key=True),
    Column("event_type", String, index=True),
    Column("grade", String, index=True),
    Column("day_start", Integer, index=True),  # proleptic ordinals, for range queries
    Column("day_end", Integer),
    Column("match", Text, nullable=False),  # compact JSON the reconciler matches new reports against
    Column("record", Text, nullable=False),  # the export record as JSON
    # the days the reconciler indexes the group under (its match range, capped): a run loads only the groups
    # whose block meets its new reports' days (schema 0004); NULL: never a candidate (undated, no place)
    Column("block_start", Integer, index=True),
    Column("block_end", Integer),
)

recon_members = Table(
    "recon_members", metadata,
    Column("event_id", String, primary_key=True),
    Column("recon_id", String, index=True, nullable=False),
)


# control timelines kept up to date document by document (rasid.control.update; schema 0004): the claims
# each document makes (in the order the full computation meets them), the places they name with the
# timeline (root place key) each belongs to, and each timeline's record
control_docs = Table(
    "control_docs", metadata,
    Column("doc_id", String, primary_key=True),
    Column("content_hash", String, nullable=False),  # the version of the document its claims were read from
)

control_claims = Table(
    "control_claims", metadata,
    Column("doc_id", String, primary_key=True),
    Column("ord", Integer, primary_key=True),
    Column("place_key", String, nullable=False, index=True),
    Column("record", Text, nullable=False),
)

control_places = Table(
    "control_places", metadata,
    Column("place_key", String, primary_key=True),
    Column("root", String, nullable=False, index=True),
    Column("place", Text, nullable=False),
)

# a timeline is kept in pieces (schema 0007), so a run naming a place rewrites only the days its claims fall on:
# the head (the place, its claims' outlets counted, how many say more than fighting) and one row per day (its
# claims in timeline order and its conflicts; the undated claims by action and actor, rasid.control._day_key).
# rasid.control.control puts them together (the intervals are made from the claims then)
control_timelines = Table(
    "control_timelines", metadata,
    Column("root", String, primary_key=True),
    Column("record", Text, nullable=False),
)

control_days = Table(
    "control_days", metadata,
    Column("root", String, primary_key=True),
    Column("day", String, primary_key=True),
    Column("record", Text, nullable=False),
)


# human review: every change with who, when, the old and the new value (an audit trail; never updated)
reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String, nullable=False),  # "event" or "reconciled"
    Column("target_id", String, index=True, nullable=False),
    Column("action", String, nullable=False),  # confirm | correct | reject | merge | split
    Column("field", String),
    Column("old", Text),  # JSON
    Column("new", Text),  # JSON
    Column("who", String, nullable=False),
    Column("at", String, nullable=False),
    Column("note", Text),
)


# one flat row per report event, as reviewed (review = "rejected" for a rejected one), for filtering
# in the database: the web app on PostgreSQL queries it instead of a copy in memory. Written with the
# event (Store.write), refreshed by every review (schema 0002); its report group and the group's grade
# (recon_id, grade: those of recon_members/reconciled, schema 0006) written by the reconciler whenever
# it builds a group's record again (placing, merges, splits), so no query joins the groups.
event_index = Table(
    "event_index", metadata,
    Column("event_id", String, primary_key=True),
    Column("doc_id", String, nullable=False, index=True),
    Column("seq", Integer),
    Column("outlet", String, index=True),
    Column("event_type", String, index=True),
    Column("sub_event_type", String),
    Column("date_start", String, index=True),
    Column("date_end", String),
    Column("actor1", String, index=True),
    Column("actor2", String, index=True),
    Column("status", String, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("location", Text),
    Column("fatalities", Integer),
    Column("quote", Text),
    Column("review", String),
    Column("background", Integer, nullable=False, server_default="0"),
    Column("recon_id", String, index=True),  # schema 0006
    Column("grade", String, index=True),
)

# the web app's filters in date order on PostgreSQL (schema 0006): per filter column, the rows of the
# default views (not told as the past, not rejected) in the map's and lists' order (latest first; each
# day's rows then sorted by id, a few dozen), so a filtered page or map is the first entries of one index,
# and its timeline (events per day and type) is counted from the index alone in its order (no sort)
WEB_FILTERS = ("event_type", "outlet", "status", "grade", "actor1", "actor2")
_WEB_ROWS = "background = 0 AND review IS DISTINCT FROM 'rejected'"


def web_indexes(conn) -> None:
    """On PostgreSQL, the web app's partial composite indexes (filter column, latest first, type), the
    toll order, and the unfiltered timeline's; nothing on SQLite (the app copies events into memory)."""
    from sqlalchemy import text

    if conn.dialect.name != "postgresql":
        return
    for col in WEB_FILTERS:
        key = f"{col}, date_start DESC NULLS LAST" + (", event_type DESC" if col != "event_type" else "")
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_event_index_web_{col} ON event_index "
                          f"({key}, event_id) WHERE {_WEB_ROWS}"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_event_index_web_days ON event_index "
                      f"(date_start DESC NULLS LAST, event_type DESC) WHERE {_WEB_ROWS}"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_event_index_web_toll ON event_index "
                      f"(fatalities DESC NULLS LAST, event_id) WHERE {_WEB_ROWS}"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_event_index_rejected ON event_index (event_id) "
                      "WHERE review = 'rejected'"))  # (the number of events: all rows less these)


def recon_of(conn, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """event id -> (its report group, the group's grade), for the events of ``ids`` placed in a group."""
    out: dict[str, tuple[str, str | None]] = {}
    for i in range(0, len(ids), 500):
        q = select(recon_members.c.event_id, recon_members.c.recon_id, reconciled.c.grade).select_from(
            recon_members.outerjoin(reconciled, reconciled.c.recon_id == recon_members.c.recon_id)).where(
            recon_members.c.event_id.in_(ids[i:i + 500]))
        out.update({e: (r, g) for e, r, g in conn.execute(q)})
    return out


_INSERT_DOCUMENT = insert(documents)  # :meth:`Store.write`'s, given each document's values
_ANY_EVENT_REVIEW = select(reviews.c.id).where(reviews.c.target == "event").limit(1)


def event_row(rec: dict, seq: int, revs: list[dict] | None = None) -> dict:
    """The ``event_index`` row of an event's machine record ``rec`` with its reviews applied."""
    from .review import apply

    reviewed = apply(rec, revs) if revs else rec
    r = reviewed or rec
    loc = (r.get("locations") or [{}])[0]
    d = r.get("date") or {}
    fat = (r.get("fatalities") or {}).get("value")
    return {"event_id": rec["event_id"], "doc_id": rec["doc_id"], "seq": seq, "outlet": r.get("outlet"),
            "event_type": r.get("event_type"), "sub_event_type": r.get("sub_event_type"), "date_start": d.get("start"),
            "date_end": d.get("end"), "actor1": (r.get("actor1") or {}).get("id"), "actor2": (r.get("actor2") or {}).get("id"),
            "status": r.get("status"), "lat": loc.get("lat"), "lon": loc.get("lon"),
            "location": loc.get("name") or loc.get("name_ar") or loc.get("text"),
            "fatalities": fat if isinstance(fat, int) else None, "quote": ((r.get("evidence") or [{}])[0]).get("quote"),
            "review": "rejected" if reviewed is None else (r.get("review") or {}).get("status"),
            "background": int(bool(r.get("background")))}


def trigram_indexes(conn) -> bool:
    """On PostgreSQL, trigram (pg_trgm) indexes for the web app's text search over quotes and place
    names; False where the extension cannot be made (searches then scan)."""
    from sqlalchemy import text

    if conn.dialect.name != "postgresql":
        return False
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            for col in ("quote", "location"):
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_event_index_{col}_trgm ON event_index "
                                  f"USING gin ({col} gin_trgm_ops)"))
        return True
    except Exception:  # no pg_trgm (postgresql-contrib) or no right to create it
        return False
    finally:  # the map's and lists' order, latest first (an index scan stops at the page's end)
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_event_index_latest ON event_index "
                          "(date_start DESC NULLS LAST, event_id)"))


# web app accounts (`rasid users`): a password hash only (argon2id), never the password
users = Table(
    "users", metadata,
    Column("name", String, primary_key=True),
    Column("role", String, nullable=False),  # viewer | reviewer | admin
    Column("password_hash", String, nullable=False),
    Column("created", String, nullable=False),
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def make_engine(db: str | Path) -> Engine:
    """An engine for a path (SQLite) or a SQLAlchemy URL."""
    url = str(db)
    if "://" not in url:
        Path(url).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{url}"
    eng = create_engine(url, future=True)
    if eng.dialect.name == "sqlite":
        @event.listens_for(eng, "connect")
        def _pragmas(conn, _rec):  # pragma: no cover - trivial
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()
    return eng


def _wait_for(taken, holder, give_up, wait: float, on_wait, poll: float) -> None:
    """Try ``taken()`` until it holds the lock or ``wait`` seconds pass (then ``give_up()`` and StoreBusy naming
    ``holder()``); ``on_wait`` hears once that the store is busy."""
    deadline, told = time.monotonic() + max(wait, 0), False
    while not taken():
        who = holder()
        if time.monotonic() >= deadline:
            give_up()
            raise StoreBusy(f"store in use by {who}; try again when it is done, or pass --wait SECONDS")
        if on_wait and not told:
            on_wait(f"store in use by {who}; waiting up to {wait:.0f} s")
            told = True
        time.sleep(poll)


class StoreBusy(RuntimeError):
    """Another process writes to this store (``rasid run``, ``reconcile`` ...)."""


# (lock key, thread) -> [open lock file or connection, depth]: a thread may nest its own writes; another thread
# of the process (the web app's) takes the lock through its own file or connection, so it waits like a process
_HELD: dict[tuple[str, int], list] = {}
PG_LOCK_KEY = 0x72617369  # "rasi": the advisory lock every rasid writer takes on PostgreSQL


def _tell(message: str) -> None:
    import sys

    print(f"rasid: {message}", file=sys.stderr)


class Store:
    def __init__(self, db: str | Path, upgrade: bool = True, on_message: Callable[[str], None] | None = _tell):
        """Open (or make) the store at ``db``, a SQLite path or a SQLAlchemy URL. A store made by an earlier
        rasid is upgraded to the current schema (``on_message`` told so) unless ``upgrade`` is False
        (:mod:`rasid.schema`)."""
        from .schema import ensure

        self.engine = make_engine(db)
        for attempt in range(5):  # (SQLite busy past its timeout while another process makes the tables)
            try:
                self.schema_version = ensure(self.engine, on_message, upgrade)
                break
            except OperationalError as e:
                if attempt == 4 or "locked" not in str(e):
                    raise
                time.sleep(0.2 * (attempt + 1))

    # -------------------------------------------------------------- one writer at a time
    @contextmanager
    def writer(self, what: str = "rasid", wait: float = 0.0, on_wait: Callable[[str], None] | None = None):
        """Hold the store's writer lock for the block: one writing command at a time, never two.

        SQLite: an exclusive ``flock`` on ``DB.lock`` (the kernel frees it if the holder dies; the file
        names the holder's PID). PostgreSQL: a session advisory lock. Another holder: wait up to
        ``wait`` seconds (``on_wait`` told once), then :class:`StoreBusy` "store in use by PID ...".
        """
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            path = self.engine.url.database
            if not path or path == ":memory:":
                yield
                return
            key = os.path.abspath(path) + ".lock"
        elif dialect == "postgresql":
            key = f"pg:{self.engine.url!r}"
        else:
            yield
            return
        import threading

        key = (key, threading.get_ident())
        if key in _HELD:
            _HELD[key][1] += 1
            try:
                yield
            finally:
                _HELD[key][1] -= 1
            return
        handle = self._lock_sqlite(key[0], what, wait, on_wait) if dialect == "sqlite" else self._lock_pg(what, wait, on_wait)
        _HELD[key] = [handle, 1]
        try:
            yield
        finally:
            del _HELD[key]
            if dialect == "sqlite":
                if handle is not None:  # (None: no flock on this system)
                    import fcntl

                    fcntl.flock(handle, fcntl.LOCK_UN)
                    handle.close()
            else:
                from sqlalchemy import text

                handle.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_LOCK_KEY})
                handle.close()

    def _lock_sqlite(self, path: str, what: str, wait: float, on_wait):
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock file, SQLite's own locking only
            return None
        f = open(path, "a+", encoding="utf-8")

        def taken() -> bool:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError:
                return False

        def holder() -> str:
            try:
                who = Path(path).read_text(encoding="utf-8").strip() or "another process"
            except OSError:
                who = "another process"
            return f"{who}: {path[:-5]}"

        _wait_for(taken, holder, f.close, wait, on_wait, 0.1)
        f.seek(0)
        f.truncate()
        f.write(f"PID {os.getpid()} ({what}, since {_now()})\n")
        f.flush()
        return f

    def _lock_pg(self, what: str, wait: float, on_wait):
        from sqlalchemy import text

        conn = self.engine.connect()
        # the lock's session names its holder as the SQLite lock file does (others read it in pg_stat_activity)
        conn.execute(text("SELECT set_config('application_name', :n, false)"),
                     {"n": f"PID {os.getpid()} ({what}, since {_now()})"[:63]})
        conn.commit()

        def taken() -> bool:
            if conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar():
                return True
            conn.rollback()
            return False

        def holder() -> str:
            row = conn.execute(text(
                "SELECT l.pid, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database "
                "WHERE datname = current_database()) AND ((l.classid::bigint << 32) | l.objid::bigint) = :k LIMIT 1"),
                {"k": PG_LOCK_KEY}).first()
            if row is None:
                return "another session"
            name = row[1] or ""
            return name if name.startswith("PID ") else f"PostgreSQL session {row[0]}"

        _wait_for(taken, holder, conn.close, wait, on_wait, 0.2)
        conn.commit()  # the lock is the session's: it outlives this transaction
        return conn

    # -------------------------------------------------------------- runs
    def start_run(self, args: dict, lexicon: str) -> int:
        with self.engine.begin() as c:
            r = c.execute(insert(runs).values(started=_now(), args=json.dumps(args, ensure_ascii=False), lexicon=lexicon))
            return int(r.inserted_primary_key[0])

    def finish_run(self, run_id: int, summary: dict) -> None:
        with self.engine.begin() as c:
            c.execute(update(runs).where(runs.c.run_id == run_id).values(finished=_now(), summary=json.dumps(summary, ensure_ascii=False)))

    # -------------------------------------------------------------- documents
    def known(self, coder: tuple[str, str] | None = None) -> tuple[dict[str, str], set[str], set[str], set[str]]:
        """doc_id -> content hash, the set of content hashes, the set of raw hashes stored, and the documents
        coded by another than ``coder`` (lexicon fingerprint, rasid version; NULL: another): stale, to be coded
        again, so their raw hashes are left out of the third set. ``coder`` None: none is stale."""
        with self.engine.connect() as c:
            rows = c.execute(select(documents.c.doc_id, documents.c.content_hash, documents.c.raw_hash,
                                    documents.c.lexicon, documents.c.rasid_version)).all()
        stale = {r[0] for r in rows if coder is not None and (r[3], r[4]) != tuple(coder)}
        return ({r[0]: r[1] for r in rows}, {r[1] for r in rows}, {r[2] for r in rows if r[2] and r[0] not in stale},
                stale)

    def write(self, conn, doc: Document, run_id: int | None, raw_hash: str | None = None, places: list | None = None,
              fresh: bool = False, coded_by: tuple[str | None, str | None] | None = None) -> list[dict]:
        """Write one document with its events (inside the caller's transaction).

        ``fresh``: the caller knows no version of this document is stored, so nothing is deleted first.
        Another version stored (an edited text, or the same text coded again by another lexicon or rasid):
        reviewers' decisions on its events are carried to the new events (:func:`rasid.review.carry`), and its
        control claims are read again at the end of the run (its ``control_docs`` mark dropped); returns the
        ``carry`` rows written. ``coded_by``: (lexicon fingerprint, rasid version) that coded it, recorded with
        it; None: this process's (:func:`rasid.lexicon.coded_by`); (None, None) for a document not coded.
        """
        if coded_by is None:
            from .lexicon import coded_by as current

            coded_by = current()
        carried: list[dict] = []
        if not fresh:
            old = [json.loads(r) for (r,) in conn.execute(select(events.c.record).where(events.c.doc_id == doc.doc_id))]
            if old:
                from .review import carry

                carried = carry(conn, doc.doc_id, old, [e.flat() for e in doc.events])
            conn.execute(delete(events).where(events.c.doc_id == doc.doc_id))
            conn.execute(delete(event_index).where(event_index.c.doc_id == doc.doc_id))
            conn.execute(delete(documents).where(documents.c.doc_id == doc.doc_id))
            conn.execute(delete(signatures).where(signatures.c.doc_id == doc.doc_id))
            conn.execute(delete(lsh_bands).where(lsh_bands.c.doc_id == doc.doc_id))
            # (its events change even where its text does not: its claims and reports are read again)
            conn.execute(delete(control_docs).where(control_docs.c.doc_id == doc.doc_id))
        rec = doc.record()
        conn.execute(_INSERT_DOCUMENT, dict(  # (parameters to one statement: no statement built per document)
            doc_id=doc.doc_id, content_hash=doc.content_hash, raw_hash=raw_hash, outlet=doc.outlet, url=doc.url,
            title=doc.title, published=doc.published, published_source=doc.published_source, language=doc.language,
            text=doc.text, raw=doc.raw,
            removed=json.dumps(rec["removed"]), duplicate_of=doc.duplicate_of, source=doc.source,
            places=json.dumps(places or [], ensure_ascii=False), n_events=len(doc.events), run_id=run_id,
            lexicon=coded_by[0], rasid_version=coded_by[1],
        ))
        if doc.events:
            flat = [e.flat() for e in doc.events]
            conn.execute(insert(events), [
                {"event_id": e.event_id, "doc_id": e.doc_id, "seq": i, "outlet": e.outlet, "event_type": e.event_type,
                 "sub_event_type": e.sub_event_type, "date_start": (e.date or {}).get("start"),
                 "record": json.dumps(f, ensure_ascii=False)}
                for i, (e, f) in enumerate(zip(doc.events, flat))
            ])
            ids = [e.event_id for e in doc.events]
            revs = self._event_reviews(conn, ids)  # (ids outlive a re-ingest)
            groups = {} if fresh else recon_of(conn, ids)  # (an event stored again stays in its report group)
            rows = [event_row(f, i, revs.get(f["event_id"])) for i, f in enumerate(flat)]
            for r in rows:
                r["recon_id"], r["grade"] = groups.get(r["event_id"], (None, None))
            conn.execute(insert(event_index), rows)
        return carried

    @staticmethod
    def _event_reviews(conn, ids: list[str]) -> dict[str, list[dict]]:
        from .review import event_reviews  # with the decisions carried from an edited article's events

        if conn.execute(_ANY_EVENT_REVIEW).first() is None:  # (most stores: none at all, told in one small query
            return {}  # instead of reading the carry rows and then the reviews of each event)
        return event_reviews(conn, ids)

    def refresh_event_rows(self, conn, ids: list[str]) -> None:
        """Make the ``event_index`` rows of these events again from their records and reviews (after a review)."""
        revs = self._event_reviews(conn, ids)
        groups = recon_of(conn, ids)
        for rec_json, seq in conn.execute(select(events.c.record, events.c.seq).where(events.c.event_id.in_(ids))).all():
            rec = json.loads(rec_json)
            row = event_row(rec, seq, revs.get(rec["event_id"]))
            row["recon_id"], row["grade"] = groups.get(row["event_id"], (None, None))
            conn.execute(delete(event_index).where(event_index.c.event_id == row["event_id"]))
            conn.execute(insert(event_index).values(**row))

    def add_error(self, conn, run_id: int | None, path: str, reason: str, line: int | None = None) -> None:
        """Record an input error once (a resumed run does not double it)."""
        q = select(func.count()).select_from(input_errors).where(
            input_errors.c.path == path, input_errors.c.reason == reason,
            (input_errors.c.line == line) if line is not None else input_errors.c.line.is_(None))
        if conn.execute(q).scalar():
            return
        conn.execute(insert(input_errors).values(run_id=run_id, path=path, line=line, reason=reason))

    def error_paths(self) -> set[str]:
        """Paths with a stored input error (a run clears an error only where there is one)."""
        with self.engine.connect() as c:
            return {r[0] for r in c.execute(select(input_errors.c.path).distinct())}

    def clear_error(self, conn, path: str, line: int | None) -> None:
        """An input that now reads fine loses its old error."""
        q = delete(input_errors).where(input_errors.c.path == path)
        q = q.where(input_errors.c.line == line) if line is not None else q.where(input_errors.c.line.is_(None))
        conn.execute(q)

    # -------------------------------------------------------------- reading
    def iter_documents(self) -> Iterator[dict]:
        with self.engine.connect() as c:
            for r in c.execute(select(documents).order_by(documents.c.doc_id)).mappings():
                yield dict(r)

    def iter_events(self, reviewed: bool = False) -> Iterator[dict]:
        """Report events in document order; with ``reviewed``, as corrected by reviewers (rejected ones left out)."""
        from .review import apply, load_reviews

        revs = load_reviews(self) if reviewed else {}
        with self.engine.connect() as c:
            q = select(events.c.record).order_by(events.c.doc_id, events.c.seq)
            for (rec,) in c.execute(q):
                r = json.loads(rec)
                if revs:
                    r = apply(r, revs.get(r["event_id"], []))
                    if r is None:
                        continue
                yield r

    def iter_errors(self) -> Iterator[dict]:
        with self.engine.connect() as c:
            # by input, not by when the error was met: the same inputs give the same file
            order = (input_errors.c.path, func.coalesce(input_errors.c.line, 0), input_errors.c.id)
            for r in c.execute(select(input_errors).order_by(*order)).mappings():
                d = {"path": r["path"], "reason": r["reason"]}
                if r["line"] is not None:
                    d["line"] = r["line"]
                yield d

    def iter_reconciled(self) -> Iterator[dict]:
        with self.engine.connect() as c:
            for (rec,) in c.execute(select(reconciled.c.record).order_by(reconciled.c.day_start, reconciled.c.recon_id)):
                yield json.loads(rec)

    def counts(self) -> dict:
        with self.engine.connect() as c:
            return {
                "documents": c.execute(select(func.count()).select_from(documents)).scalar(),
                "events": c.execute(select(func.count()).select_from(events)).scalar(),
                "errors": c.execute(select(func.count()).select_from(input_errors)).scalar(),
                "reconciled": c.execute(select(func.count()).select_from(reconciled)).scalar(),
            }
