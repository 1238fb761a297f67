"""Reconciling at scale (a benchmark, not a test).

    python bench/bench_reconcile.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer

1. codes the corpus once to get real report events;
2. synthesises N report events from them (default 100,000): each synthetic event takes a real
   event's type, actors, places and toll, a new day between 2012 and 2019, and is told by 1 to 7
   of 40 outlets (so groups form as they would), with tolls varied now and then;
3. times a full reconcile of the N events in a fresh process (peak memory = that process's
   ru_maxrss), then the incremental placement of 1,000 more.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def synthesise(db: str, corpus: str, gazetteer: str, n: int, extra: int) -> None:
    from sqlalchemy import insert

    from rasid.pipeline import Pipeline
    from rasid.runner import run
    from rasid.store import Store, documents, events

    with tempfile.TemporaryDirectory() as d:
        src = Store(Path(d) / "corpus.db")
        run([corpus], src, Pipeline(gazetteer=gazetteer))
        base = [e for e in src.iter_events() if e.get("locations") and any(l.get("lat") for l in e["locations"])]
    rng = random.Random(7)
    vocab = sorted({w for e in base for w in ((e.get("evidence") or [{}])[0].get("quote") or "").split()})
    outlets = [f"outlet{i:02d}" for i in range(40)]
    day0 = dt.date(2012, 1, 1).toordinal()

    def make(total: int, prefix: str):
        """Events in groups told by 1-7 outlets; an outlet's events of a 6-day span share an article
        (about 5 events per article, as in the corpus)."""
        docs: dict[str, dict] = {}
        evs, i = [], 0
        while i < total:
            b = rng.choice(base)
            day_o = day0 + rng.randrange(8 * 365)
            day = dt.date.fromordinal(day_o).isoformat()
            for o in rng.sample(outlets, min(rng.randint(1, 7), total - i)):
                e = copy.deepcopy(b)
                doc_id = f"{prefix}-{o}-{day_o // 6}"
                e["event_id"] = hashlib.sha1(f"{prefix}{i}".encode()).hexdigest()[:16]
                e["doc_id"] = doc_id
                e["outlet"] = o
                e["date"] = {"start": day, "end": day, "precision": 1, "text": "اليوم"}
                if e.get("fatalities") and e["fatalities"].get("value") is not None and rng.random() < 0.2:
                    e["fatalities"] = {**e["fatalities"], "value": e["fatalities"]["value"] * 3}
                d = docs.setdefault(doc_id, {"doc_id": doc_id, "content_hash": doc_id, "outlet": o, "published": day,
                                             "text": " ".join(rng.choices(vocab, k=60)), "n_events": 0})
                d["text"] += " " + (e.get("evidence") or [{}])[0].get("quote", "")
                evs.append({"event_id": e["event_id"], "doc_id": doc_id, "seq": d["n_events"], "outlet": o,
                            "event_type": e["event_type"], "sub_event_type": e["sub_event_type"], "date_start": day,
                            "record": json.dumps(e, ensure_ascii=False)})
                d["n_events"] += 1
                i += 1
        return list(docs.values()), evs

    st = Store(db)
    docs, evs = make(n, "s")
    with st.engine.begin() as c:
        c.execute(insert(documents), docs)
        c.execute(insert(events), evs)
    more = make(extra, "t")
    Path(db + ".more.json").write_text(json.dumps(more, ensure_ascii=False))
    print(json.dumps({"stage": "synthesise", "base_events_from_corpus": len(base), "events": n, "articles": len(docs)}))


def reconcile_stage(db: str, add_more: bool) -> None:
    from sqlalchemy import insert

    from rasid.reconcile import reconcile
    from rasid.store import Store, documents, events

    st = Store(db)
    if add_more:
        docs, evs = json.loads(Path(db + ".more.json").read_text())
        with st.engine.begin() as c:
            c.execute(insert(documents), docs)
            c.execute(insert(events), evs)
    t0 = time.perf_counter()
    s = reconcile(st)
    secs = time.perf_counter() - t0
    print(json.dumps({"stage": "incremental" if add_more else "full", "seconds": round(secs, 2),
                      "peak_MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), **s.as_dict()}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--more", type=int, default=1_000)
    ap.add_argument("--stage", choices=["synthesise", "full", "incremental"])
    ap.add_argument("--db")
    a = ap.parse_args()
    if a.stage == "synthesise":
        synthesise(a.db, a.corpus, a.gazetteer, a.events, a.more)
        return
    if a.stage:
        reconcile_stage(a.db, a.stage == "incremental")
        return
    d = tempfile.mkdtemp()
    db = os.path.join(d, "bench.db")
    os.environ.setdefault("RASID_CACHE", os.path.join(d, "cache"))
    for st in ("synthesise", "full", "incremental"):
        subprocess.run([sys.executable, __file__, "--corpus", a.corpus, "--gazetteer", a.gazetteer or "",
                        "--events", str(a.events), "--more", str(a.more), "--stage", st, "--db", db], check=True)


if __name__ == "__main__":
    main()
