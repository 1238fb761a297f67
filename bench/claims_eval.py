#!/usr/bin/env python3
"""Check every claim of the claim-check dev set against one store and print the scorer's figures.

    python bench/claims_eval.py [--shared ../shared] [--out out/claims] [--rebuild] [--keep-store]

Builds the store once (`rasid run CLAIMS/docs.jsonl`), runs `rasid.check.check` on each claim of
`claims.jsonl`, writes one prediction row per listed report (supports -> agree, contradicts ->
disagree, discusses -> discuss; a report is listed once) and one verdict row per claim to
OUT/predictions.jsonl, then runs `../shared/eval/claim_score.py` on it. Also prints seconds per check.
This measures; it is never a place to tune to single claims.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

STANCE = {"supports": "agree", "contradicts": "disagree", "discusses": "discuss"}


def timing(times: list[float]) -> str:
    """Median, 95th percentile and slowest of the seconds of the checks."""
    t = sorted(times)
    return (f"median {t[len(t) // 2]:.2f} s, p95 {t[min(len(t) - 1, int(0.95 * len(t)))]:.2f} s, "
            f"max {t[-1]:.2f} s a check ({len(t)} checks)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--out", default="out/claims")
    ap.add_argument("--rebuild", action="store_true", help="build the store again even when OUT/rasid.db exists")
    ap.add_argument("--limit", type=int, default=0, help="check only the first N claims (a quick look)")
    a = ap.parse_args(argv)
    gold = Path(a.shared) / "eval" / "claims"
    if not (gold / "claims.jsonl").exists():
        print(f"no claim-check dev set at {gold}", file=sys.stderr)
        return 2
    out = Path(a.out)
    db = out / "rasid.db"
    if a.rebuild or not db.exists():
        for stale in (db, out / "rasid.db.lock", out / "rasid.db-wal", out / "rasid.db-shm"):
            stale.unlink(missing_ok=True)  # a store of an older schema is made again, not upgraded
        gaz = Path(a.shared) / "gazetteer"
        cmd = [sys.executable, "-m", "rasid", "run", str(gold / "docs.jsonl"), "--out", str(out), "--quiet"]
        cmd += ["--gazetteer", str(gaz)] if gaz.exists() else []
        t = time.perf_counter()
        rc = subprocess.call(cmd)
        print(f"store built in {time.perf_counter() - t:.0f} s (exit {rc})")
        if rc > 1:
            return rc
    from rasid import get_pipeline
    from rasid.check import check
    from rasid.store import Store

    gaz = Path(a.shared) / "gazetteer"
    store, pipe = Store(db), get_pipeline(str(gaz) if gaz.exists() else None)
    claims = [json.loads(line) for line in open(gold / "claims.jsonl", encoding="utf-8")]
    from rasid.claims.index import Index

    t = time.perf_counter()
    Index(store)  # the full-text index brought up to date once (after a build: every document), not timed per check
    print(f"full-text index up to date in {time.perf_counter() - t:.2f} s")
    if a.limit:
        claims = claims[: a.limit]
    rows, times = [], []
    for c in claims:
        t = time.perf_counter()
        res = check(store, c["claim"], pipeline=pipe).as_dict()
        times.append(time.perf_counter() - t)
        seen = set()
        for key in ("contradicts", "supports", "discusses"):  # one stance per report: the first list wins
            for item in res.get(key) or []:
                if item["doc_id"] not in seen:
                    seen.add(item["doc_id"])
                    rows.append({"claim_id": c["claim_id"], "doc_id": item["doc_id"], "stance": STANCE[key]})
        rows.append({"claim_id": c["claim_id"], "verdict": res["verdict"]})
    pred = out / "predictions.jsonl"
    out.mkdir(parents=True, exist_ok=True)
    with open(pred, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(claims)} claims checked: {timing(times)}")
    return subprocess.call([sys.executable, str(Path(a.shared) / "eval" / "claim_score.py"), str(gold), str(pred)])


if __name__ == "__main__":
    sys.exit(main())
