"""The web app with 100,000 events in the store (a benchmark, not a test).

    python bench/bench_web.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer

Builds a store of N synthetic report events (as bench_reconcile.py does: real events of the
corpus re-dated and re-told by 1-7 of 40 outlets) and reconciles it, starts `rasid serve` on a
loopback port, then times with a real HTTP client (httpx): the app's start (its index), the
first load of the map page and of its data, of the events table, and the median of 20 requests
for each of several filtered API queries.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> None:
    from serving import served

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", help="reuse a store built before")
    a = ap.parse_args()
    db = a.db
    if not db:
        d = tempfile.mkdtemp()
        db = os.path.join(d, "web.db")
        os.environ.setdefault("RASID_CACHE", os.path.join(d, "cache"))
        here = Path(__file__).parent / "bench_reconcile.py"
        subprocess.run([sys.executable, str(here), "--corpus", a.corpus, "--gazetteer", a.gazetteer or "",
                        "--events", str(a.events), "--more", "0", "--stage", "synthesise", "--db", db], check=True)
        subprocess.run([sys.executable, str(here), "--corpus", a.corpus, "--stage", "full", "--db", db], check=True)
    with served(db, timeout=60) as (c, proc, url, start):

        def timed(path, params=None):
            t = time.perf_counter()
            r = c.get(path, params=params)
            r.raise_for_status()
            return (time.perf_counter() - t) * 1000, r

        out = {"stage": "web", "events": c.get("/api/health").json()["events"], "start_s": round(start, 2)}
        ms_page, _ = timed("/")
        ms_data, r = timed("/api/map")
        out["map_first_load_ms"] = round(ms_page + ms_data, 1)
        out["map_points"] = r.json()["shown"]
        ms_table, _ = timed("/events")
        out["table_first_load_ms"] = round(ms_table, 1)
        facets = c.get("/api/facets").json()
        queries = {
            "events_by_type": ("/api/events", {"type": "Battles"}),
            "events_by_actor_and_dates": ("/api/events", {"actor": facets["actors"][0], "date_from": "2014-01-01",
                                                           "date_to": "2015-12-31"}),
            "events_by_outlet_sorted_by_toll": ("/api/events", {"outlet": facets["outlets"][0], "sort": "fatalities"}),
            "map_by_grade": ("/api/map", {"grade": "contested"}),
            "map_by_type_and_year": ("/api/map", {"type": "Explosions/Remote violence", "date_from": "2016-01-01",
                                                  "date_to": "2016-12-31"}),
            "timeline_by_status": ("/api/timeline", {"status": "asserted"}),
            "text_search": ("/api/events", {"q": "الرقة"}),
        }
        for name, (path, params) in queries.items():
            times = [timed(path, params)[0] for _ in range(20)]
            out[f"{name}_median_ms"] = round(statistics.median(times), 1)
        print(json.dumps(out))


if __name__ == "__main__":
    main()
