"""Throughput and memory of rasid over a JSONL corpus (a benchmark, not a test).

    python bench/bench.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer

Prints, for (1) ingest + clean + store and (2) the whole pipeline (clean, geoparse,
code, store): documents/s, MB/s and peak memory (ru_maxrss, one process per stage),
plus the gazetteer index load time (cold build and warm cache) of the given gazetteer and of the
embedded default one.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def stage(kind: str, corpus: str, gazetteer: str, cache: str) -> None:
    os.environ["RASID_CACHE"] = cache
    from rasid.pipeline import Pipeline
    from rasid.runner import run
    from rasid.store import Store

    with tempfile.TemporaryDirectory() as d:
        store = Store(Path(d) / "b.db")
        pipe = Pipeline(gazetteer=gazetteer) if kind == "full" else None
        t0 = time.perf_counter()
        summ = run([corpus], store, pipe, code_events=kind == "full")
        dt = time.perf_counter() - t0
    mb = Path(corpus).stat().st_size / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"stage": kind, "documents": summ.read, "stored": summ.stored, "failed": summ.failed,
                      "events": summ.events, "seconds": round(dt, 2), "docs_per_s": round(summ.read / dt, 1),
                      "MB_per_s": round(mb / dt, 2), "peak_MB": round(rss, 1)}))


def gazetteer_load(gazetteer: str, cache: str) -> None:
    os.environ["RASID_CACHE"] = cache
    from rasid.geo import Gazetteer, find_gazetteer

    src = find_gazetteer(gazetteer)
    t0 = time.perf_counter()
    Gazetteer.load(src, Path(cache))
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    Gazetteer.load(src, Path(cache))
    warm = time.perf_counter() - t0
    print(json.dumps({"stage": "gazetteer_index", "source": src.name, "places": len(Gazetteer.load(src, Path(cache)).places),
                      "cold_build_s": round(cold, 3), "warm_load_s": round(warm, 3)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--stage", choices=["ingest", "full", "gazetteer"])
    a = ap.parse_args()
    if a.stage:
        cache = os.environ.get("BENCH_CACHE") or tempfile.mkdtemp()
        if a.stage == "gazetteer":
            gazetteer_load(a.gazetteer, cache)
        else:
            stage(a.stage, a.corpus, a.gazetteer, cache)
        return
    cache = tempfile.mkdtemp()
    env = dict(os.environ, BENCH_CACHE=cache)
    for st in ("gazetteer", "ingest", "full"):
        subprocess.run([sys.executable, __file__, "--corpus", a.corpus, "--gazetteer", a.gazetteer or "", "--stage", st], env=env, check=True)
    from rasid.geo import EMBEDDED  # the default gazetteer that ships in the package: its index alone

    subprocess.run([sys.executable, __file__, "--corpus", a.corpus, "--gazetteer", str(EMBEDDED), "--stage", "gazetteer"],
                   env=dict(os.environ, BENCH_CACHE=tempfile.mkdtemp()), check=True)


if __name__ == "__main__":
    main()
