"""The web app under concurrent clients (a benchmark, not a test).

    python bench/bench_web_load.py --db out/corpus/rasid.db [--clients 20] [--seconds 20] [--only map]
    python bench/bench_web_load.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer

Starts `rasid serve` on a store (with --corpus: codes the corpus into a temporary store first,
as `rasid run` does), waits for it to answer, then for each of a
few queries (the places API by name, the default map, a filtered map, an events page) runs
``--clients`` threads that each send requests for ``--seconds``; prints requests per second,
p50 and p95 latency, non-200 answers, and the server's resident memory before and after.
The goal of issue 21: map and places APIs at p95 under 300 ms with 20 clients, memory flat.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

QUERIES = [
    ("places حلب", "/api/places", {"name": "حلب"}),
    ("places الباغوز", "/api/places", {"name": "الباغوز"}),
    ("map", "/api/map", {}),
    ("map Battles", "/api/map", {"type": "Battles"}),
    ("events page 3", "/api/events", {"limit": 50, "offset": 100, "sort": "fatalities"}),
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    import httpx
    from serving import served

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="a store built before")
    ap.add_argument("--corpus", help="without --db: code this JSONL into a temporary store first")
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--only", help="only the queries whose label contains this (e.g. map)")
    a = ap.parse_args()
    queries = [q for q in QUERIES if not a.only or a.only in q[0]]
    if not a.db:
        if not a.corpus:
            ap.error("--db or --corpus")
        import tempfile

        d = tempfile.mkdtemp()
        a.db = str(Path(d) / "rasid.db")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rasid.cli", "run", a.corpus, "--out", d, "--quiet"]
                       + (["--gazetteer", a.gazetteer] if a.gazetteer else []), check=False)
        print(f"coded {a.corpus} into {a.db} in {time.perf_counter() - t:.0f} s")
    with served(a.db, timeout=120, quiet=True) as (c, proc, url, started):
        print(f"server answers after {started:.1f} s; rss {rss_mb(proc.pid):.0f} MB")
        for label, path, params in queries:  # the first request of each (a cold cache where there is one)
            t = time.perf_counter()
            r = c.get(path, params=params)
            print(f"first {label}: {1000 * (time.perf_counter() - t):.0f} ms, status {r.status_code}, {len(r.content):,} bytes")
        for label, path, params in queries:
            lat: list[float] = []
            bad = [0]
            stop = time.perf_counter() + a.seconds
            lock = threading.Lock()

            def client() -> None:
                with httpx.Client(base_url=url, timeout=120) as c:
                    while time.perf_counter() < stop:
                        t = time.perf_counter()
                        r = c.get(path, params=params)
                        d = time.perf_counter() - t
                        with lock:
                            lat.append(d)
                            bad[0] += r.status_code != 200

            threads = [threading.Thread(target=client) for _ in range(a.clients)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            lat.sort()
            p95 = lat[int(0.95 * (len(lat) - 1))]
            print(f"{label:16s} {len(lat) / a.seconds:6.1f} req/s  p50 {1000 * statistics.median(lat):6.0f} ms  "
                  f"p95 {1000 * p95:6.0f} ms  non-200 {bad[0]}  rss {rss_mb(proc.pid):.0f} MB")


if __name__ == "__main__":
    main()
