"""The watcher's own tables in the store, beside rasid's.

SCHEMA NOTE (issue 19; the one place where `rasid watch` adds to the store): seven tables of their own,
``watch_*``, in their own :class:`MetaData`, made with CREATE TABLE IF NOT EXISTS when a watcher or the
web app opens the store. Nothing in the store's tables (``documents``, ``events`` ...) changes: a
document's capture (WARC file, record id, offset, version, the version it replaces) is a row of
``watch_captures`` keyed by its ``doc_id``. Purely additive, so the store's schema versions
(:mod:`rasid.schema`) need no step for them; a later migration may adopt them as they are.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, UniqueConstraint, inspect
from sqlalchemy.engine import Engine

meta = MetaData()

# what each source did: the sources page and `rasid sources list`
sources = Table(
    "watch_sources", meta,
    Column("name", String, primary_key=True),
    Column("kind", String),
    Column("url", Text),
    Column("outlet", String),
    Column("last_poll", String),  # ISO time (UTC) of the last poll
    Column("last_ok", String),  # ... and of the last one that went well
    Column("last_status", Text),  # "3 new", "not modified", "error: ..."
    Column("polls", Integer, nullable=False, default=0),
    Column("new_articles", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
)

# every URL met (index pages and articles): seen URLs are skipped; conditional GET validators
urls = Table(
    "watch_urls", meta,
    Column("url", Text, primary_key=True),
    Column("source", String, index=True),
    Column("state", String),  # index | stored | known | refused | failed | retry
    Column("marker", Text),  # the feed's <updated> or the sitemap's <lastmod> when last fetched: a change refetches
    Column("etag", Text),
    Column("last_modified", Text),
    Column("doc_id", String),  # the latest stored version
    Column("versions", Integer, nullable=False, default=0),
    Column("attempts", Integer, nullable=False, default=0),  # failed tries since the last success
    Column("fetched", String),
    Column("reason", Text),
)

# provenance: which WARC record each document was coded from, and the version it replaces
captures = Table(
    "watch_captures", meta,
    Column("doc_id", String, primary_key=True),
    Column("url", Text, index=True),
    Column("version", Integer, nullable=False),
    Column("supersedes", String),  # doc_id of the previous version of the same page (None: the first)
    Column("source", String),
    Column("warc_file", Text, nullable=False),
    Column("warc_record_id", String, nullable=False),
    Column("warc_offset", Integer),
    Column("fetched", String, nullable=False),  # when rasid received it (the record's WARC-Date)
)

# every fault met, per source
faults = Table(
    "watch_faults", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String, index=True),
    Column("url", Text),
    Column("at", String),
    Column("kind", String),  # timeout | network | http_500 | too_large | redirect_loop | robots | malformed ...
    Column("message", Text),
)

# one alert per reconciled event and rule; revision counts its updates (toll, grade, contradictions)
alerts = Table(
    "watch_alerts", meta,
    Column("alert_id", String, primary_key=True),
    Column("rule", String, index=True),
    Column("recon_id", String, index=True),
    Column("fired", String),
    Column("updated", String),
    Column("revision", Integer, nullable=False, default=1),
    Column("fingerprint", Text),
    Column("record", Text),  # the alert as JSON (as written to alerts.jsonl)
)

# each alert revision to deliver: appended to alerts.jsonl, POSTed to the webhook; inserted in the
# transaction that fires or updates the alert, so a watcher killed at any point delivers it later
outbox = Table(
    "watch_outbox", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),  # delivery order
    Column("alert_id", String, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("record", Text, nullable=False),  # the alert as JSON
    Column("jsonl", Integer, nullable=False, default=0),  # 1: the line is in alerts.jsonl
    Column("webhook", Integer, nullable=False, default=0),  # 1: POSTed (2xx), or no webhook is set
    Column("attempts", Integer, nullable=False, default=0),  # failed POSTs
    Column("next_try", Float),  # Unix time of the next POST after a failure
    Column("error", Text),  # the last failure
    UniqueConstraint("alert_id", "revision"),
)

# documents stored whose alerts are not yet considered (deleted when they are): a watcher killed between
# storing an article and its alerts considers them when it starts again
pending = Table(
    "watch_pending", meta,
    Column("doc_id", String, primary_key=True),
)


def ensure(engine: Engine) -> None:
    """Make the watcher's tables where they are missing (additive: never changes another table)."""
    meta.create_all(engine, checkfirst=True)


def present(engine: Engine) -> bool:
    """The store has the watcher's tables (a store never watched has none: its pages say so)."""
    return inspect(engine).has_table("watch_sources")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
