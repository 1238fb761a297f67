import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASID_SHARED", ROOT.parent / "shared"))
SAMPLES = SHARED / "samples"
GAZETTEER = SHARED / "gazetteer" / "gazetteer_sy_iq.tsv"
CORPUS = SHARED / "corpus" / "syria_conflict.jsonl"
DEV = SHARED / "eval" / "dev"

needs_shared = pytest.mark.skipif(not SAMPLES.exists(), reason="../shared is not beside the project")


@pytest.fixture(scope="session", autouse=True)
def _cache(tmp_path_factory):
    os.environ["RASID_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield


@pytest.fixture(scope="session")
def pipeline():
    from rasid.pipeline import Pipeline

    return Pipeline(gazetteer=str(GAZETTEER) if GAZETTEER.exists() else None)


def copy_db(src, dst):
    """Copy a SQLite store with what its write-ahead log holds: a file copy of the main file alone can
    miss the last writes (the reconciled groups) until SQLite checkpoints them."""
    import sqlite3

    with sqlite3.connect(str(src)) as a, sqlite3.connect(str(dst)) as b:
        a.backup(b)
    b.close()
    a.close()
