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
    BigInteger, Column, Integer, LargeBinary, MetaData, String, Table, Text, create_engine, delete, event, func, insert, select,
    update,
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
    Column("language", String),
    Column("text", Text, nullable=False),
    Column("raw", Text),
    Column("removed", Text),  # JSON list
    Column("duplicate_of", String),
    Column("source", Text),
    Column("places", Text),  # JSON list of place mentions (geoparsing audit)
    Column("n_events", Integer, default=0),
    Column("run_id", Integer),
)

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
    Column("key", BigInteger, index=True, nullable=False),
    Column("doc_id", String, nullable=False),
)

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
)

recon_members = Table(
    "recon_members", metadata,
    Column("event_id", String, primary_key=True),
    Column("recon_id", String, index=True, nullable=False),
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


class Store:
    def __init__(self, db: str | Path):
        self.engine = make_engine(db)
        for attempt in range(5):  # two processes creating the tables at once: the loser finds them made
            try:
                metadata.create_all(self.engine)
                break
            except OperationalError as e:
                if attempt == 4 or not any(w in str(e) for w in ("already exists", "locked")):
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
        handle = self._lock_sqlite(key[0], what, wait, on_wait) if dialect == "sqlite" else self._lock_pg(wait, on_wait)
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

    def _lock_pg(self, wait: float, on_wait):
        from sqlalchemy import text

        conn = self.engine.connect()

        def taken() -> bool:
            if conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar():
                return True
            conn.rollback()
            return False

        def holder() -> str:
            pid = conn.execute(text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                    "AND ((classid::bigint << 32) | objid::bigint) = :k LIMIT 1"), {"k": PG_LOCK_KEY}).scalar()
            return f"PID {pid} (a PostgreSQL session)" if pid else "another session"

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
    def known(self) -> tuple[dict[str, str], set[str], set[str]]:
        """doc_id -> content hash, the set of content hashes, the set of raw hashes stored."""
        with self.engine.connect() as c:
            rows = c.execute(select(documents.c.doc_id, documents.c.content_hash, documents.c.raw_hash)).all()
        return {r[0]: r[1] for r in rows}, {r[1] for r in rows}, {r[2] for r in rows if r[2]}

    def write(self, conn, doc: Document, run_id: int | None, raw_hash: str | None = None, places: list | None = None,
              fresh: bool = False) -> list[dict]:
        """Write one document with its events (inside the caller's transaction).

        ``fresh``: the caller knows no version of this document is stored, so nothing is deleted first.
        Another version stored: reviewers' decisions on its events are carried to the new events
        (:func:`rasid.review.carry`); returns the ``carry`` rows written.
        """
        carried: list[dict] = []
        if not fresh:
            old = [json.loads(r) for (r,) in conn.execute(select(events.c.record).where(events.c.doc_id == doc.doc_id))]
            if old:
                from .review import carry

                carried = carry(conn, doc.doc_id, old, [e.flat() for e in doc.events])
            conn.execute(delete(events).where(events.c.doc_id == doc.doc_id))
            conn.execute(delete(documents).where(documents.c.doc_id == doc.doc_id))
            conn.execute(delete(signatures).where(signatures.c.doc_id == doc.doc_id))
            conn.execute(delete(lsh_bands).where(lsh_bands.c.doc_id == doc.doc_id))
        rec = doc.record()
        conn.execute(insert(documents).values(
            doc_id=doc.doc_id, content_hash=doc.content_hash, raw_hash=raw_hash, outlet=doc.outlet, url=doc.url,
            title=doc.title, published=doc.published, language=doc.language, text=doc.text, raw=doc.raw,
            removed=json.dumps(rec["removed"]), duplicate_of=doc.duplicate_of, source=doc.source,
            places=json.dumps(places or [], ensure_ascii=False), n_events=len(doc.events), run_id=run_id,
        ))
        if doc.events:
            conn.execute(insert(events), [
                {"event_id": e.event_id, "doc_id": e.doc_id, "seq": i, "outlet": e.outlet, "event_type": e.event_type,
                 "sub_event_type": e.sub_event_type, "date_start": (e.date or {}).get("start"),
                 "record": json.dumps(e.flat(), ensure_ascii=False)}
                for i, e in enumerate(doc.events)
            ])
        return carried

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
