import os
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
