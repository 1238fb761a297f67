"""The full-text index of stored reports a claim check searches: SQLite FTS5 (BM25 ranking).

In an SQLite store the index lives beside the documents (``claim_fts``, one row per document, its
rowid the document's; ``claim_fts_state`` the content hash each row was made from, with the
version of :mod:`.terms`) and is brought
up to date at each check: only documents added or changed since are (re)indexed, nothing
store-wide is rebuilt. A store the check cannot write (read-only, or another engine such as
PostgreSQL) gets an in-memory FTS5 copy, made once per process and store size.
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


def _refresh_sqlite(engine) -> None:
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


def postgres_search(engine, ts: list[str], k: int) -> list[tuple[str, float]] | None:
    """HOOK for PostgreSQL's own full-text search on a shared store: (doc_id, score, higher is better) of the
    ``k`` best documents for the terms ``ts``, or None while it is not built (the in-memory SQLite FTS5 copy
    is searched instead). To build: an additive ``claim_tsv tsvector`` column (or side table keyed by
    ``documents.rowid``/``doc_id``) filled with :func:`body` under the 'simple' configuration (the terms are
    normalised and stemmed here, not by PostgreSQL), a GIN index on it, ``ts_rank_cd`` for the ranking, and
    ``ts_stat`` for :meth:`Index.doc_freq`; never a change to store.py's existing tables."""
    return None


class Index:
    """Search the stored reports of ``store`` by BM25; document frequencies for term weights."""

    def __init__(self, store):
        self.engine = store.engine
        self.mem: sqlite3.Connection | None = None
        if self.engine.dialect.name == "sqlite":
            try:
                _refresh_sqlite(self.engine)
                return
            except Exception:  # read-only file, locked past the timeout, no FTS5: a private copy
                pass
        self.mem = _memory_index(self.engine)

    def _rows(self, query: str, params: dict) -> list[tuple]:
        if self.mem is not None:
            return list(self.mem.execute(query.replace(":q", "?").replace(":k", "?"), tuple(params.values())))
        with self.engine.connect() as conn:
            return list(conn.execute(sql(query), params))

    def size(self) -> int:
        return self._rows("SELECT count(*) FROM claim_fts WHERE :q = :k", {"q": 1, "k": 1})[0][0]

    def doc_freq(self, ts: list[str]) -> dict[str, int]:
        out = {}
        for t in set(ts):
            r = self._rows("SELECT doc FROM claim_fts_vocab WHERE term = :q AND :k = 1", {"q": t, "k": 1})
            out[t] = r[0][0] if r else 0
        return out

    def search(self, ts: list[str], k: int = 60) -> list[tuple[str, float]]:
        """(doc_id, BM25 score: higher is better) of the ``k`` best reports for the terms ``ts``."""
        uniq = [t for t in dict.fromkeys(ts) if t and '"' not in t]
        if not uniq:
            return []
        if self.engine.dialect.name == "postgresql":
            found = postgres_search(self.engine, uniq, k)
            if found is not None:
                return found
        q = " OR ".join(f'"{t}"' for t in uniq)
        rows = self._rows(
            "SELECT d.doc_id, -bm25(claim_fts) FROM claim_fts JOIN documents d ON d.rowid = claim_fts.rowid "
            "WHERE claim_fts MATCH :q ORDER BY bm25(claim_fts) LIMIT :k", {"q": q, "k": k})
        return [(d, float(s)) for d, s in rows]
