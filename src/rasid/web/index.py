"""A query index of the store for the web app: one flat row per report event, in memory.

The store keeps each event as its JSON record; filtering 100,000 of them by actor, outlet,
status or grade needs columns with indexes. The app builds this table when it starts
(and refreshes rows after a review), in an in-memory SQLite database of its own, so the
store itself can stay read-only. Every query is parameterised.
"""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import select

from ..review import apply, load_reviews
from ..store import Store, events, recon_members, reconciled

COLUMNS = ["event_id", "doc_id", "seq", "outlet", "event_type", "sub_event_type", "date_start", "date_end", "actor1",
           "actor2", "status", "lat", "lon", "location", "fatalities", "recon_id", "grade", "quote", "review", "background"]
SORTABLE = {"date": "date_start", "type": "event_type", "outlet": "outlet", "fatalities": "fatalities",
            "actor1": "actor1", "location": "location", "status": "status", "grade": "grade"}
MAP_LIMIT = 5000


@dataclass
class Filters:
    type: str | None = None
    actor: str | None = None
    outlet: str | None = None
    status: str | None = None
    grade: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    doc_id: str | None = None
    recon_id: str | None = None
    background: bool = False  # events told as the past: in an article's or a report group's list, else on request

    def where(self) -> tuple[str, list]:
        parts, args = [], []
        if not (self.background or self.doc_id or self.recon_id):
            parts.append("background = 0")
        for col, val in (("event_type", self.type), ("outlet", self.outlet), ("status", self.status),
                         ("grade", self.grade), ("doc_id", self.doc_id), ("recon_id", self.recon_id)):
            if val:
                parts.append(f"{col} = ?")
                args.append(val)
        if self.actor:
            parts.append("(actor1 = ? OR actor2 = ?)")
            args += [self.actor, self.actor]
        if self.date_from:
            parts.append("date_start >= ?")
            args.append(self.date_from)
        if self.date_to:
            parts.append("date_start <= ?")
            args.append(self.date_to)
        if self.q and len(self.q.strip()) >= 3:  # trigram full-text index over quotes and place names
            parts.append("rowid IN (SELECT rowid FROM ev_text WHERE ev_text MATCH ?)")
            args.append('"' + self.q.strip().replace('"', '""') + '"')
        elif self.q:
            parts.append("(quote LIKE ? OR location LIKE ?)")
            args += [f"%{self.q}%", f"%{self.q}%"]
        return (" WHERE " + " AND ".join(parts)) if parts else "", args


class EventIndex:
    def __init__(self, store: Store):
        self.store = store
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.lock = threading.Lock()
        self.version = 0
        self.db.execute(f"CREATE TABLE ev ({', '.join(c + (' PRIMARY KEY' if c == 'event_id' else '') for c in COLUMNS)})")
        for col in ("date_start", "event_type", "outlet", "actor1", "actor2", "status", "grade", "doc_id", "recon_id"):
            self.db.execute(f"CREATE INDEX ix_{col} ON ev ({col})")
        self.db.execute("CREATE VIRTUAL TABLE ev_text USING fts5(quote, location, content='ev', tokenize='trigram')")
        self.rebuild()

    @staticmethod
    def row(rec: dict, recon: tuple[str, str] | None) -> tuple:
        loc = (rec.get("locations") or [{}])[0]
        d = rec.get("date") or {}
        return (rec["event_id"], rec["doc_id"], rec.get("_seq", 0), rec.get("outlet"), rec.get("event_type"),
                rec.get("sub_event_type"), d.get("start"), d.get("end"), (rec.get("actor1") or {}).get("id"),
                (rec.get("actor2") or {}).get("id"), rec.get("status"), loc.get("lat"), loc.get("lon"),
                loc.get("name") or loc.get("name_ar") or loc.get("text"), (rec.get("fatalities") or {}).get("value"),
                recon[0] if recon else None, recon[1] if recon else None,
                ((rec.get("evidence") or [{}])[0]).get("quote"), (rec.get("review") or {}).get("status"),
                int(bool(rec.get("background"))))

    def rebuild(self) -> None:
        revs = load_reviews(self.store)
        with self.store.engine.connect() as c:
            grades = dict(c.execute(select(reconciled.c.recon_id, reconciled.c.grade)).all())
            member = {e: (r, grades.get(r)) for e, r in c.execute(select(recon_members.c.event_id, recon_members.c.recon_id))}
            rows = []
            for rec_json, seq in c.execute(select(events.c.record, events.c.seq)):
                rec = json.loads(rec_json)
                rec["_seq"] = seq
                rec = apply(rec, revs.get(rec["event_id"], []))
                if rec is not None:
                    rows.append(self.row(rec, member.get(rec["event_id"])))
        with self.lock:
            self.version += 1  # what is derived from the store (the places' timelines) is computed again
            self.db.execute("DELETE FROM ev")
            self.db.executemany(f"INSERT INTO ev VALUES ({', '.join('?' * len(COLUMNS))})", rows)
            self.db.execute("INSERT INTO ev_text(ev_text) VALUES ('rebuild')")
            self.db.commit()

    def query(self, sql: str, args: list | tuple = ()) -> list[dict]:
        with self.lock:
            cur = self.db.execute(sql, args)
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def events(self, f: Filters, sort: str = "date", order: str = "desc", limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        where, args = f.where()
        col = SORTABLE.get(sort, "date_start")
        direction = "ASC" if order == "asc" else "DESC"
        total = self.query(f"SELECT COUNT(*) AS n FROM ev{where}", args)[0]["n"]
        rows = self.query(f"SELECT * FROM ev{where} ORDER BY {col} IS NULL, {col} {direction}, event_id LIMIT ? OFFSET ?",
                          args + [max(1, min(limit, 500)), max(0, offset)])
        return total, rows

    def map_points(self, f: Filters, limit: int = MAP_LIMIT) -> tuple[int, list[dict]]:
        where, args = f.where()
        where = (where + " AND " if where else " WHERE ") + "lat IS NOT NULL"
        total = self.query(f"SELECT COUNT(*) AS n FROM ev{where}", args)[0]["n"]
        rows = self.query(f"SELECT event_id, doc_id, event_type, date_start, lat, lon, location, fatalities, outlet, status, "
                          f"grade, actor1, actor2, recon_id FROM ev{where} ORDER BY date_start IS NULL, date_start DESC, "
                          f"event_id LIMIT ?", args + [max(1, min(int(limit), MAP_LIMIT))])
        return total, rows

    def timeline(self, f: Filters) -> list[dict]:
        where, args = f.where()
        where = (where + " AND " if where else " WHERE ") + "date_start IS NOT NULL"
        return self.query(f"SELECT date_start AS day, event_type, COUNT(*) AS n FROM ev{where} "
                          f"GROUP BY date_start, event_type ORDER BY date_start", args)

    def facets(self) -> dict:
        out = {}
        for name, col in (("types", "event_type"), ("outlets", "outlet"), ("statuses", "status"), ("grades", "grade")):
            out[name] = [r["v"] for r in self.query(f"SELECT DISTINCT {col} AS v FROM ev WHERE {col} IS NOT NULL ORDER BY v")]
        out["actors"] = [r["v"] for r in self.query(
            "SELECT v FROM (SELECT actor1 AS v FROM ev UNION SELECT actor2 FROM ev) AS a WHERE v IS NOT NULL ORDER BY v")]
        span = self.query("SELECT MIN(date_start) AS lo, MAX(date_start) AS hi, COUNT(*) AS n FROM ev")[0]
        out.update(date_min=span["lo"], date_max=span["hi"], events=span["n"])
        return out


# the flat rows of the store (event_index) with their report group and its grade, as ``ev``; rejected events out
_PG_EV = ("(SELECT e.event_id, e.doc_id, e.seq, e.outlet, e.event_type, e.sub_event_type, e.date_start, e.date_end, "
          "e.actor1, e.actor2, e.status, e.lat, e.lon, e.location, e.fatalities, m.recon_id, r.grade, e.quote, e.review, "
          "e.background FROM event_index e LEFT JOIN recon_members m ON m.event_id = e.event_id "
          "LEFT JOIN reconciled r ON r.recon_id = m.recon_id WHERE e.review IS DISTINCT FROM 'rejected') ev")
_ORDER = re.compile(r"\b(\w+) IS NULL, \1 (ASC|DESC)")
_EV = re.compile(r" FROM ev\b")
_FTS = "rowid IN (SELECT rowid FROM ev_text WHERE ev_text MATCH ?)"


class PgEventIndex(EventIndex):
    """The same queries as :class:`EventIndex`, run in the PostgreSQL store itself: on ``event_index``
    (written with each event, refreshed by each review) and the report groups, through their indexes
    (a b-tree per filter, date order with NULLS LAST, trigram indexes for the text search). Nothing is
    copied into memory at start; answers are kept until the store changes (``version``: PostgreSQL's
    counts of rows written to the tables the app reads, looked at most once every ``check`` seconds),
    so writes by other processes (a run, a reconcile, another app's reviews) show without a restart."""

    CACHE = 256

    def __init__(self, store: Store, check: float = 2.0):
        self.store = store
        self.lock = threading.Lock()
        self.check = check
        self._version, self._seen, self._bump = None, 0.0, 0
        self._cache: OrderedDict = OrderedDict()

    @property
    def version(self):
        import time

        now = time.monotonic()
        if self._version is None or now - self._seen > self.check:
            from sqlalchemy import text

            with self.store.engine.connect() as c:
                v = c.execute(text("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables "
                                   "WHERE relname IN ('event_index', 'recon_members', 'reconciled', 'reviews', 'events')"
                                   )).scalar()
            self._version, self._seen = (int(v), self._bump), now
        return self._version

    def rebuild(self) -> None:
        """After a change made by this app: answers are computed again (the rows are the store's own)."""
        self._bump += 1
        self._version = None
        with self.lock:
            self._cache.clear()

    def query(self, sql: str, args: list | tuple = ()) -> list[dict]:
        if _FTS in sql:  # trigram indexes serve ILIKE '%...%' on PostgreSQL
            args, i = list(args), sql[:sql.index(_FTS)].count("?")
            sql = sql.replace(_FTS, "(quote ILIKE ? OR location ILIKE ?)")
            q = "%" + args[i][1:-1].replace('""', '"').replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args[i:i + 1] = [q, q]
        sql = _EV.sub(lambda _m: " FROM " + _PG_EV, _ORDER.sub(r"\1 \2 NULLS LAST", sql)).replace("?", "%s")
        key = (self.version, sql, tuple(args))
        with self.lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        with self.store.engine.connect() as c:
            res = c.exec_driver_sql(sql, tuple(args))
            cols = list(res.keys())
            rows = [dict(zip(cols, r)) for r in res.fetchall()]
        with self.lock:
            self._cache[key] = rows
            while len(self._cache) > self.CACHE:
                self._cache.popitem(last=False)
        return rows


def event_index_for(store: Store) -> EventIndex:
    """The web app's query index: in the PostgreSQL store itself, else an in-memory copy (SQLite)."""
    return PgEventIndex(store) if store.engine.dialect.name == "postgresql" else EventIndex(store)
