"""Dask workers: a whole run (read, clean, code, store, reconcile) with 1 process, then 1 and 2 Dask workers
(a benchmark, not a test).

    python bench/bench_dask.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer [--limit N]
        [--pg postgresql+psycopg://USER@HOST:PORT/DB]

With --pg (default $RASID_TEST_PG) every setting writes to a new database on that PostgreSQL server (dropped
after), where the Dask workers write their documents themselves; without it, to SQLite files, where the
client writes every document.

Prints per setting: articles/s, the speed-up of 2 workers over 1, the efficiency per added worker, each
worker's resident memory at the end, and from the measured per-worker rate the projected time for
10 million articles on 8 machines of 16 cores (assuming the per-worker rate holds and the store keeps up).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles of the corpus")
    ap.add_argument("--pg", default=os.environ.get("RASID_TEST_PG"), help="a PostgreSQL URL to make the stores beside")
    a = ap.parse_args()
    d = tempfile.mkdtemp()
    os.environ.setdefault("RASID_CACHE", os.path.join(d, "cache"))
    corpus = a.corpus
    if a.limit:
        corpus = os.path.join(d, "slice.jsonl")
        with open(a.corpus, encoding="utf-8") as f, open(corpus, "w", encoding="utf-8") as g:
            g.writelines(itertools.islice(f, a.limit))

    from rasid.parallel import Cluster, worker_memory
    from rasid.pipeline import Pipeline
    from rasid.runner import run
    from rasid.store import Store

    made: list[str] = []

    def store_at(name: str):
        """A new store for one setting: a SQLite file, or a new database on the --pg server."""
        if not a.pg:
            return Store(Path(d) / f"{name}.db")
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        db = f"rasid_bench_dask_{name}"
        with create_engine(a.pg, isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{db}"'))
        made.append(db)
        return Store(make_url(a.pg).set(database=db).render_as_string(hide_password=False))

    print(json.dumps({"store": "PostgreSQL (the workers write)" if a.pg else "SQLite (the client writes)"}))
    gz = a.gazetteer or None
    Pipeline(gazetteer=gz)  # the gazetteer index built once into the cache, out of the timings
    rates = {}
    t0 = time.perf_counter()
    summ = run([corpus], store_at("one"), Pipeline(gazetteer=gz))
    secs = time.perf_counter() - t0
    rates["one_process"] = summ.read / secs
    print(json.dumps({"setting": "one process (no Dask)", "articles": summ.read, "events": summ.events,
                      "seconds": round(secs, 2), "articles_per_s": round(rates["one_process"], 1)}))
    for n in (1, 2):
        with Cluster(workers=n) as cl:
            cl.client.run(lambda: __import__("rasid.parallel", fromlist=["_pipeline"])._pipeline(
                __import__("rasid.parallel", fromlist=["Job"]).Job(gazetteer=gz)))  # each worker's index loaded
            t0 = time.perf_counter()
            summ = run([corpus], store_at(f"dask{n}"), gazetteer=gz, cluster=cl)
            secs = time.perf_counter() - t0
            mem = sorted(round(v / 2**20) for v in cl.client.run(worker_memory).values())
        rates[n] = summ.read / secs
        print(json.dumps({"setting": f"{n} Dask worker(s)", "articles": summ.read, "events": summ.events, "seconds": round(secs, 2),
                          "articles_per_s": round(rates[n], 1), "worker_rss_MB": mem}))
    speedup = rates[2] / rates[1]
    per_worker = rates[2] / 2
    ten_m = 10_000_000 / (per_worker * 8 * 16)
    print(json.dumps({"speedup_2_over_1": round(speedup, 2), "efficiency_per_added_worker": round(speedup - 1, 2),
                      "cores_here": os.cpu_count(), "per_worker_articles_per_s": round(per_worker, 1),
                      "projected_10M_articles_on_8x16_cores_minutes": round(ten_m / 60, 1)}))
    if made:
        from sqlalchemy import create_engine, text

        with create_engine(a.pg, isolation_level="AUTOCOMMIT").connect() as c:
            for db in made:
                c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
