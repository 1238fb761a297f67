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


class Total(int):
    """A count of events; ``estimated``: PostgreSQL's planner estimate of a filter keeping more than
    :attr:`PgEventIndex.EXACT` rows, not an exact count (shown as "about N")."""

    estimated = False

    def __new__(cls, n: int, estimated: bool = False):
        t = super().__new__(cls, n)
        t.estimated = estimated
        return t


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

    def total(self, where: str, args: list) -> Total:
        """How many events the filter keeps: exact here (in memory)."""
        return Total(self.query(f"SELECT COUNT(*) AS n FROM ev{where}", args)[0]["n"])

    def events(self, f: Filters, sort: str = "date", order: str = "desc", limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        where, args = f.where()
        col = SORTABLE.get(sort, "date_start")
        direction = "ASC" if order == "asc" else "DESC"
        total = self.total(where, args)
        rows = self.query(f"SELECT * FROM ev{where} ORDER BY {col} IS NULL, {col} {direction}, event_id LIMIT ? OFFSET ?",
                          args + [max(1, min(limit, 500)), max(0, offset)])
        return total, rows

    def map_points(self, f: Filters, limit: int = MAP_LIMIT) -> tuple[int, list[dict]]:
        where, args = f.where()
        where = (where + " AND " if where else " WHERE ") + "lat IS NOT NULL"
        total = self.total(where, args)
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


# the flat rows of the store (event_index, with each report's group and grade: no join), as ``ev``; rejected
# events out (the condition the web indexes' predicate holds, with background = 0: rasid.store.web_indexes)
_PG_EV = ("(SELECT event_id, doc_id, seq, outlet, event_type, sub_event_type, date_start, date_end, actor1, actor2, "
          "status, lat, lon, location, fatalities, recon_id, grade, quote, review, background FROM event_index "
          "WHERE review IS DISTINCT FROM 'rejected') ev")
_KEPT = "review IS DISTINCT FROM 'rejected'"
_ORDER = re.compile(r"\b(\w+) IS NULL, \1 (ASC|DESC)")
_EV = re.compile(r" FROM ev\b")
_FTS = "rowid IN (SELECT rowid FROM ev_text WHERE ev_text MATCH ?)"


class PgEventIndex(EventIndex):
    """The same queries as :class:`EventIndex`, run in the PostgreSQL store itself: on ``event_index``
    (written with each event, refreshed by each review, its group and grade by the reconciler) through
    its indexes (per filter column in date order, partial to the default views' rows; trigram indexes
    for the text search). Totals above :attr:`EXACT` are estimated (:meth:`total`). Nothing is
    copied into memory at start; answers are kept until the store changes (``version``: PostgreSQL's
    counts of rows written to the tables the app reads, looked at most once every ``check`` seconds),
    so writes by other processes (a run, a reconcile, another app's reviews) show without a restart."""

    CACHE = 256
    EXACT = 10_000  # a filter keeping more rows than this: its total is the planner's estimate (Total.estimated)

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

    def total(self, where: str, args: list) -> Total:
        """Counted exactly up to :attr:`EXACT` rows (the first entries of an index); above, PostgreSQL's
        estimate of the filter's rows (from its statistics, no scan), marked estimated: counting every
        one of hundreds of thousands of matching rows was most of a first query's time."""
        n = self.query(f"SELECT COUNT(*) AS n FROM (SELECT 1 FROM ev{where} LIMIT {self.EXACT + 1}) AS kept", args)[0]["n"]
        if n <= self.EXACT:
            return Total(n)
        est = self.estimate(where, args)
        if est <= self.EXACT:  # the planner thinks fewer (columns it takes as independent): counted, up to 10 times more
            big = 10 * self.EXACT
            n = self.query(f"SELECT COUNT(*) AS n FROM (SELECT 1 FROM ev{where} LIMIT {big + 1}) AS kept", args)[0]["n"]
            return Total(n) if n <= big else Total(big, estimated=True)
        return Total(est, estimated=True)

    def map_points(self, f: Filters, limit: int = MAP_LIMIT) -> tuple[int, list[dict]]:
        """As :meth:`EventIndex.map_points`, the points first: fewer than ``limit`` of them are the exact total; a
        full map's total is the planner's estimate (counting past the points shown reads a row of the table per
        event, for its coordinates), marked estimated, at least the points shown."""
        where, args = f.where()
        where = (where + " AND " if where else " WHERE ") + "lat IS NOT NULL"
        limit = max(1, min(int(limit), MAP_LIMIT))
        rows = self.query(f"SELECT event_id, doc_id, event_type, date_start, lat, lon, location, fatalities, outlet, status, "
                          f"grade, actor1, actor2, recon_id FROM ev{where} ORDER BY date_start IS NULL, date_start DESC, "
                          f"event_id LIMIT ?", args + [limit])
        if len(rows) < limit:
            return Total(len(rows)), rows
        return Total(max(self.estimate(where, args), len(rows)), estimated=True), rows

    def estimate(self, where: str, args: list) -> int:
        """PostgreSQL's planner estimate of the rows a filter keeps (its statistics; nothing scanned)."""
        plan = self.query(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM ev{where}", args)[0]
        plan = next(iter(plan.values()))
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def facets(self) -> dict:
        """As :meth:`EventIndex.facets`, read from the indexes: each column's values one index probe apiece (a
        skip scan: the next value above the last, tens of values among a million rows), the date span from the
        date index's ends, the number of events from the smallest index less the rejected ones'. (DISTINCT and
        COUNT over every row took seconds at a million events, at every start and after every write.)"""
        out = {}
        for name, col in (("types", "event_type"), ("outlets", "outlet"), ("statuses", "status"), ("grades", "grade"),
                          ("actors", "actor1"), ("actors2", "actor2")):
            out[name] = [r["v"] for r in self.query(
                f"WITH RECURSIVE t(v) AS ((SELECT {col} FROM event_index WHERE {col} IS NOT NULL AND {_KEPT} ORDER BY {col} "
                f"LIMIT 1) UNION ALL SELECT (SELECT {col} FROM event_index WHERE {col} > t.v AND {_KEPT} ORDER BY {col} "
                f"LIMIT 1) FROM t WHERE t.v IS NOT NULL) SELECT v FROM t WHERE v IS NOT NULL")]
        out["actors"] = sorted(set(out["actors"]) | set(out.pop("actors2")))
        span = self.query(
            f"SELECT (SELECT date_start FROM event_index WHERE date_start IS NOT NULL AND {_KEPT} ORDER BY date_start "
            f"LIMIT 1) AS lo, (SELECT date_start FROM event_index WHERE date_start IS NOT NULL AND {_KEPT} ORDER BY "
            f"date_start DESC LIMIT 1) AS hi, (SELECT COUNT(*) FROM event_index) - (SELECT COUNT(*) FROM event_index "
            f"WHERE review = 'rejected') AS n")[0]
        out.update(date_min=span["lo"], date_max=span["hi"], events=span["n"])
        return out

    def timeline(self, f: Filters) -> list[dict]:
        """As :meth:`EventIndex.timeline`, counted in the order of the web indexes (latest day first, then type
        descending: each filter column's index gives it, so the counts stream from the index with no sort), reversed."""
        where, args = f.where()
        where = (where + " AND " if where else " WHERE ") + "date_start IS NOT NULL"
        return self.query(f"SELECT date_start AS day, event_type, COUNT(*) AS n FROM ev{where} GROUP BY date_start, "
                          f"event_type ORDER BY date_start DESC NULLS LAST, event_type DESC", args)[::-1]

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
