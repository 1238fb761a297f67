"""The full-text index of stored reports a claim check searches: SQLite FTS5 (BM25), PostgreSQL full-text.

In an SQLite store the index lives beside the documents (``claim_fts``, one row per document, its
rowid the document's; ``claim_fts_state`` the content hash each row was made from, with the
version of :mod:`.terms`) and is brought
up to date at each check: only documents added or changed since are (re)indexed, nothing
store-wide is rebuilt. A store the check cannot write (read-only, or another engine such as
PostgreSQL before schema 0005, or a role that cannot write) gets an in-memory FTS5 copy, made once per
process and store size. A PostgreSQL store searches with PostgreSQL's own full-text search: ``claim_tsv``
(schema 0005), the same terms as a 'simple' tsvector with a GIN index, kept up to date the same way.
"""
from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import text as sql

from .terms import VERSION, terms

_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5(body, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts_vocab USING fts5vocab(claim_fts, 'row')",
    "CREATE TABLE IF NOT EXISTS claim_fts_state (rowid INTEGER PRIMARY KEY, content_hash TEXT)",
)
_MEMORY: dict[str, tuple[int, sqlite3.Connection]] = {}
_LOCK = threading.Lock()


def body(title: str | None, text: str | None) -> str:
    """What the index holds for a document: the terms of its title and text, space-separated."""
    return " ".join(terms(f"{title or ''}\n{text or ''}"))


def _stale(conn) -> list[tuple]:
    return conn.execute(sql(
        "SELECT d.rowid, :v || d.content_hash, d.title, d.text FROM documents d LEFT JOIN claim_fts_state s "
        "ON s.rowid = d.rowid WHERE s.content_hash IS NULL OR s.content_hash != :v || d.content_hash"),
        {"v": f"v{VERSION}:"}).all()


def _up_to_date(engine) -> bool:
    """Whether the index already holds every document as it is, and no other (read only: no write lock)."""
    with engine.connect() as conn:
        try:
            if _stale(conn):
                return False
            return conn.execute(sql("SELECT (SELECT count(*) FROM claim_fts_state) = (SELECT count(*) FROM documents)")).scalar_one() == 1
        except Exception:  # noqa: BLE001 - no index tables yet
            return False


def _refresh_sqlite(engine) -> None:
    if _up_to_date(engine):
        return
    with engine.begin() as conn:
        for ddl in _DDL:
            conn.execute(sql(ddl))
        gone = sql("DELETE FROM claim_fts WHERE rowid NOT IN (SELECT rowid FROM documents)")
        for rowid, h, title, text in _stale(conn):
            conn.execute(sql("DELETE FROM claim_fts WHERE rowid = :r"), {"r": rowid})
            conn.execute(sql("INSERT INTO claim_fts(rowid, body) VALUES (:r, :b)"), {"r": rowid, "b": body(title, text)})
            conn.execute(sql("INSERT OR REPLACE INTO claim_fts_state(rowid, content_hash) VALUES (:r, :h)"), {"r": rowid, "h": h})
        conn.execute(gone)
        conn.execute(sql("DELETE FROM claim_fts_state WHERE rowid NOT IN (SELECT rowid FROM documents)"))


def _memory_index(engine) -> sqlite3.Connection:
    """An in-memory FTS5 index of the store's documents (rowids numbered here; doc_id kept)."""
    key = str(engine.url)
    with engine.connect() as conn:
        n = conn.execute(sql("SELECT count(*) FROM documents")).scalar_one()
        with _LOCK:
            if key in _MEMORY and _MEMORY[key][0] == n:
                return _MEMORY[key][1]
            mem = sqlite3.connect(":memory:", check_same_thread=False)
            mem.execute("CREATE TABLE documents (doc_id TEXT)")
            for ddl in _DDL:
                mem.execute(ddl)
            for i, (doc_id, title, text) in enumerate(conn.execute(sql("SELECT doc_id, title, text FROM documents")), 1):
                mem.execute("INSERT INTO documents(rowid, doc_id) VALUES (?, ?)", (i, doc_id))
                mem.execute("INSERT INTO claim_fts(rowid, body) VALUES (?, ?)", (i, body(title, text)))
            mem.commit()
            _MEMORY[key] = (n, mem)
            return mem


_PG_DDL = (
    "CREATE TABLE IF NOT EXISTS claim_tsv (doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, tsv TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_claim_tsv_tsv ON claim_tsv USING GIN (tsv)",
)


def postgres_tables(conn) -> None:
    """PostgreSQL's full-text index of the claim check (schema 0005; a new store gets it at once): ``claim_tsv``,
    one row per document, its :func:`body` as a 'simple' tsvector (the terms are normalised and stemmed here,
    not by PostgreSQL), with a GIN index. Nothing on another engine."""
    if conn.dialect.name != "postgresql":
        return
    for ddl in _PG_DDL:
        conn.execute(sql(ddl))


def _refresh_postgres(engine) -> None:
    """Index the documents added or changed since the last check (by content hash and :data:`VERSION`), and
    drop the rows of documents gone. Concurrent checks may index one document twice: the upsert keeps one."""
    with engine.begin() as conn:
        stale = conn.execute(sql(
            "SELECT d.doc_id, :v || d.content_hash, d.title, d.text FROM documents d LEFT JOIN claim_tsv s "
            "ON s.doc_id = d.doc_id WHERE s.content_hash IS NULL OR s.content_hash != :v || d.content_hash"),
            {"v": f"v{VERSION}:"}).all()
        rows = [{"d": doc_id, "h": h, "b": body(title, text)} for doc_id, h, title, text in stale]
        for i in range(0, len(rows), 500):
            conn.execute(sql(
                "INSERT INTO claim_tsv (doc_id, content_hash, tsv) VALUES (:d, :h, to_tsvector('simple', :b)) "
                "ON CONFLICT (doc_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, tsv = EXCLUDED.tsv"),
                rows[i:i + 500])
        if rows or conn.execute(sql("SELECT count(*) FROM claim_tsv")).scalar_one() != \
                conn.execute(sql("SELECT count(*) FROM documents")).scalar_one():
            conn.execute(sql("DELETE FROM claim_tsv s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = s.doc_id)"))


def _tsquery_term(t: str) -> str:
    """One term as a tsquery operand (terms are letters, digits and a dot: quoted, quotes doubled all the same)."""
    return "'" + t.replace("\\", "").replace("'", "''") + "'"


def postgres_search(engine, ts: list[str], k: int) -> list[tuple[str, float]] | None:
    """PostgreSQL's own full-text search on a shared store: (doc_id, score, higher is better) of the ``k`` best
    documents holding any of the terms ``ts`` (``ts_rank_cd`` over ``claim_tsv``, lengths normalised by their
    log; the GIN index finds them), or None where ``claim_tsv`` cannot be read (the in-memory SQLite FTS5 copy
    is searched instead)."""
    q = " | ".join(_tsquery_term(t) for t in ts)
    if not q:
        return []
    try:
        with engine.connect() as conn:
            rows = conn.execute(sql(
                "SELECT doc_id, ts_rank_cd(tsv, q, 1) AS r FROM claim_tsv, to_tsquery('simple', :q) q "
                "WHERE tsv @@ q ORDER BY r DESC, doc_id LIMIT :k"), {"q": q, "k": k}).all()
    except Exception:  # noqa: BLE001 - no table (a store the migration never reached), no rights
        return None
    return [(d, float(r)) for d, r in rows]


class Index:
    """Search the stored reports of ``store`` by BM25; document frequencies for term weights."""

    def __init__(self, store):
        self.engine = store.engine
        self.mem: sqlite3.Connection | None = None
        self.pg = False
        if self.engine.dialect.name == "sqlite":
            try:
                _refresh_sqlite(self.engine)
                return
            except Exception:  # read-only file, locked past the timeout, no FTS5: a private copy
                pass
        elif self.engine.dialect.name == "postgresql":
            try:
                _refresh_postgres(self.engine)
                self.pg = True
                return
            except Exception:  # no claim_tsv (schema before 0005), a read-only role: a private copy
                pass
        self.mem = _memory_index(self.engine)

    def _rows(self, query: str, params: dict) -> list[tuple]:
        if self.mem is not None:
            return list(self.mem.execute(query.replace(":q", "?").replace(":k", "?"), tuple(params.values())))
        with self.engine.connect() as conn:
            return list(conn.execute(sql(query), params))

    def size(self) -> int:
        if self.pg:
            return self._rows("SELECT count(*) FROM claim_tsv", {})[0][0]
        return self._rows("SELECT count(*) FROM claim_fts WHERE :q = :k", {"q": 1, "k": 1})[0][0]

    def doc_freq(self, ts: list[str]) -> dict[str, int]:
        if self.pg:  # each term's documents, counted through the GIN index
            uniq = [t for t in dict.fromkeys(ts) if t]
            rows = self._rows("SELECT t, (SELECT count(*) FROM claim_tsv WHERE tsv @@ to_tsquery('simple', "
                              "quote_literal(t))) FROM unnest(CAST(:q AS text[])) AS t", {"q": uniq}) if uniq else []
            return {t: int(n) for t, n in rows}
        uniq = list(dict.fromkeys(ts))
        out = dict.fromkeys(uniq, 0)
        if not uniq:
            return out
        q = f"SELECT term, doc FROM claim_fts_vocab WHERE term IN ({', '.join('?' * len(uniq))})"  # one query
        if self.mem is not None:
            rows = self.mem.execute(q, uniq).fetchall()
        else:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql(q, tuple(uniq)).fetchall()
        out.update({t: int(n) for t, n in rows})
        return out

    def search(self, ts: list[str], k: int = 60) -> list[tuple[str, float]]:
        """(doc_id, BM25 score: higher is better) of the ``k`` best reports for the terms ``ts``."""
        uniq = [t for t in dict.fromkeys(ts) if t and '"' not in t]
        if not uniq:
            return []
        if self.pg:
            found = postgres_search(self.engine, uniq, k)
            if found is not None:
                return found
            self.pg, self.mem = False, _memory_index(self.engine)
        q = " OR ".join(f'"{t}"' for t in uniq)
        rows = self._rows(
            "SELECT d.doc_id, -bm25(claim_fts) FROM claim_fts JOIN documents d ON d.rowid = claim_fts.rowid "
            "WHERE claim_fts MATCH :q ORDER BY bm25(claim_fts) LIMIT :k", {"q": q, "k": k})
        return [(d, float(s)) for d, s in rows]
