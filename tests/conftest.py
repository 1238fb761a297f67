import os
import uuid
from pathlib import Path

import pytest

from rasid.geo import EMBEDDED

ROOT = Path(__file__).resolve().parents[1]
# the shared data (samples, corpus, dev set, full gazetteer): ../shared, or $RASID_SHARED (a missing
# folder hides it: the suite then runs stand-alone, as on a bare clone)
SHARED = Path(os.environ.get("RASID_SHARED") or ROOT.parent / "shared")
SAMPLES = SHARED / "samples"
FULL_GAZETTEER = SHARED / "gazetteer" / "gazetteer_sy_iq.tsv"
# tests that need a gazetteer: the shared file when present (the dev figures are measured with it),
# else the embedded one that ships in the package (its CC BY rows)
GAZETTEER = FULL_GAZETTEER if FULL_GAZETTEER.exists() else EMBEDDED
CORPUS = SHARED / "corpus" / "syria_conflict.jsonl"
DEV = SHARED / "eval" / "dev"

needs_shared = pytest.mark.skipif(not SAMPLES.exists(), reason=f"measures on the shared data: {SHARED} is absent "
                                  "(set RASID_SHARED to its folder)")
# places the embedded gazetteer lacks (it leaves out the shared file's ODbL rows)
needs_full_gazetteer = pytest.mark.skipif(not FULL_GAZETTEER.exists(), reason=f"needs places only the shared "
                                          f"gazetteer holds: {FULL_GAZETTEER} is absent")


@pytest.fixture(scope="session", autouse=True)
def _cache(tmp_path_factory):
    os.environ["RASID_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield


@pytest.fixture(scope="session")
def pipeline():
    from rasid.pipeline import Pipeline

    return Pipeline(gazetteer=str(GAZETTEER))


def copy_db(src, dst):
    """Copy a SQLite store with what its write-ahead log holds: a file copy of the main file alone can
    miss the last writes (the reconciled groups) until SQLite checkpoints them."""
    import sqlite3

    with sqlite3.connect(str(src)) as a, sqlite3.connect(str(dst)) as b:
        a.backup(b)
    b.close()
    a.close()


# ------------------------------------------------------------------ PostgreSQL
# RASID_TEST_PG names a PostgreSQL server's database the tests may create databases from
# (tools/pg_throwaway.sh start DIR prints one; .ci/run starts one). Without it the PostgreSQL
# variants of the store, run, resume, reconcile and web tests skip, saying so; with it set and the
# server unreachable, the session stops at once (CI must not pass by skipping them).
PG_URL = os.environ.get("RASID_TEST_PG") or None
NO_PG = ("PostgreSQL variant: set RASID_TEST_PG=postgresql+psycopg://USER@127.0.0.1:PORT/DB "
         "(tools/pg_throwaway.sh start /tmp/rasid-pg prints one)")
needs_pg = pytest.mark.skipif(PG_URL is None, reason=NO_PG)


def pytest_sessionstart(session):
    if PG_URL is None:
        return
    from sqlalchemy import create_engine, text

    try:
        eng = create_engine(PG_URL)
        with eng.connect() as c:
            c.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as e:  # noqa: BLE001 - any failure to reach it
        pytest.exit(f"RASID_TEST_PG={PG_URL} is set but the server is unreachable: {e}", returncode=3)


def _pg_admin(sql: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(sql))
    eng.dispose()


def new_pg_database() -> str:
    """The URL of a new, empty database on the test server (drop it with :func:`drop_pg_database`)."""
    from sqlalchemy.engine import make_url

    name = "rasid_t_" + uuid.uuid4().hex[:12]
    _pg_admin(f'CREATE DATABASE "{name}"')
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    assert name.startswith("rasid_t_")
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def store_url(kind: str, folder: Path, name: str = "rasid.db") -> str:
    """A new store's --db: a SQLite file in ``folder``, or a new PostgreSQL database (skips without one)."""
    if kind == "sqlite":
        return str(folder / name)
    if PG_URL is None:
        pytest.skip(NO_PG)
    url = new_pg_database()
    _MADE.append(url)
    return url


_MADE: list[str] = []


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    """'sqlite' or 'postgresql': the store tests run on both (PostgreSQL skips without RASID_TEST_PG)."""
    return request.param


@pytest.fixture(autouse=True)
def _drop_test_databases():
    """PostgreSQL databases a test made through :func:`store_url` are dropped after it."""
    n = len(_MADE)
    yield
    while len(_MADE) > n:
        drop_pg_database(_MADE.pop())


def copy_store(src: str, dst: str) -> None:
    """Copy a store, SQLite (with what its write-ahead log holds) or PostgreSQL, into a new one."""
    if "://" not in str(src) and "://" not in str(dst):
        copy_db(src, dst)
        return
    from rasid.store import Store, metadata

    a, b = Store(src), Store(dst)
    with a.engine.connect() as ca, b.engine.begin() as cb:
        for t in metadata.sorted_tables:
            rows = [dict(r) for r in ca.execute(t.select()).mappings()]
            if rows:
                cb.execute(t.insert(), rows)
        if cb.dialect.name == "postgresql":  # serial columns go on from the copied ids
            from sqlalchemy import text

            for t, col in (("runs", "run_id"), ("input_errors", "id"), ("reviews", "id")):
                cb.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', '{col}'), "
                                f"COALESCE((SELECT MAX({col}) FROM {t}), 0) + 1, false)"))
    a.engine.dispose()
    b.engine.dispose()
