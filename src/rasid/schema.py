"""Schema versions of the store (Alembic; migrations in :mod:`rasid.migrations`).

The store carries its version in ``alembic_version``. A new database is made from the current
table definitions (:mod:`rasid.store`) and stamped with the latest version; a database made by an
earlier rasid is brought up to date by the migrations after it (``rasid db upgrade``, or
automatically when it is opened, with a message); one made by a later rasid is refused. A
database without ``alembic_version`` but with rasid's tables is the baseline (0001), the store as
rasid made it before versions.

Two processes opening one new or old database at once do the work once: on PostgreSQL under a
transaction-level advisory lock, in one transaction (PostgreSQL's DDL is transactional); on SQLite
in one ``BEGIN IMMEDIATE`` transaction (the other waits for SQLite's busy timeout).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from sqlalchemy import Column, MetaData, String, Table, inspect, select, text
from sqlalchemy.engine import Connection, Engine

HEAD = "0009"  # the latest migration under migrations/versions (a test checks it is Alembic's head)
ORDER = ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009"]
SCHEMA_LOCK_KEY = 0x72617368  # "rash": PostgreSQL advisory lock of schema changes (the writer lock is "rasi")
MIGRATIONS = Path(__file__).parent / "migrations"

version_table = Table("alembic_version", MetaData(), Column("version_num", String(32), primary_key=True))


class SchemaError(RuntimeError):
    """The store's schema cannot be used by this rasid (made by a later one, or an upgrade failed)."""


def version(conn: Connection) -> str | None:
    """The schema version of the database on ``conn``: None when it holds no rasid tables yet."""
    insp = inspect(conn)
    if insp.has_table("alembic_version"):
        v = conn.execute(select(version_table.c.version_num)).scalar()
        if v:
            return v
    return "0001" if insp.has_table("documents") else None


def _alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _locked(engine: Engine):
    """A connection inside a transaction that no other process doing schema work shares."""
    conn = engine.connect()
    if engine.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # (pysqlite runs DDL outside a transaction otherwise)
    else:
        conn.begin()
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
    return conn


def ensure(engine: Engine, on_message: Callable[[str], None] | None = None, upgrade: bool = True) -> str:
    """Make the store's tables, or bring them up to date (``upgrade``), or refuse; returns the version."""
    with engine.connect() as c:
        v = version(c)
    if v == HEAD:
        return v
    if v is not None and v not in ORDER:
        raise SchemaError(f"the store has schema version {v}, made by a later rasid; this one knows up to {HEAD}: "
                          "upgrade rasid")
    if v is not None and not upgrade:
        return v
    conn = _locked(engine)
    try:
        v = version(conn)  # again, now that no one else changes it
        if v is None:
            from .claims.index import postgres_tables
            from .store import metadata, trigram_indexes, web_indexes

            metadata.create_all(conn)
            version_table.create(conn)
            trigram_indexes(conn)
            web_indexes(conn)
            postgres_tables(conn)
            conn.execute(version_table.insert().values(version_num=HEAD))
        elif v != HEAD:
            from alembic import command

            if on_message:
                on_message(f"upgrading the store's schema from version {v} to {HEAD} (rasid db upgrade)")
            if not inspect(conn).has_table("alembic_version"):
                command.stamp(_alembic_config(conn), v)
            command.upgrade(_alembic_config(conn), HEAD)
        conn.commit()
    except Exception as e:
        conn.rollback()
        if isinstance(e, SchemaError):
            raise
        raise SchemaError(f"could not bring the store's schema up to version {HEAD}: {type(e).__name__}: "
                          f"{str(e).splitlines()[0][:200]}") from e
    finally:
        conn.close()
    return HEAD
