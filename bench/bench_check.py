#!/usr/bin/env python3
"""Seconds a claim check takes on a store of about 3,000 articles (issue 22: under 1 s).

    python bench/bench_check.py [--shared ../shared] [--out out/check3000] [--docs 3000] [--claims 136]

Builds (once) a store of the claim-check dev articles (`../shared/eval/claims/docs.jsonl`, 972) and
enough articles of `../shared/corpus/syria_conflict.jsonl` to reach --docs, brings the full-text index
up to date once (timed apart: after a build it indexes every article), then checks the dev claims one
after the other and prints the median, 95th percentile and slowest seconds of a check.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--out", default="out/check3000")
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--claims", type=int, default=136)
    a = ap.parse_args(argv)
    shared, out = Path(a.shared), Path(a.out)
    gold = shared / "eval" / "claims"
    corpus = shared / "corpus" / "syria_conflict.jsonl"
    if not (gold / "docs.jsonl").exists():
        print(f"no claim-check dev set at {gold}", file=sys.stderr)
        return 2
    gaz = shared / "gazetteer"
    db = out / "rasid.db"
    if not db.exists():
        out.mkdir(parents=True, exist_ok=True)
        lines = open(gold / "docs.jsonl", encoding="utf-8").read().splitlines()
        if corpus.exists():
            extra = open(corpus, encoding="utf-8").read().splitlines()
            lines += extra[: max(0, a.docs - len(lines))]
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        cmd = [sys.executable, "-m", "rasid", "run", f.name, "--out", str(out), "--quiet"]
        cmd += ["--gazetteer", str(gaz)] if gaz.exists() else []
        t = time.perf_counter()
        rc = subprocess.call(cmd)
        Path(f.name).unlink()
        print(f"store of {len(lines)} articles built in {time.perf_counter() - t:.0f} s (exit {rc})")
        if rc > 1:
            return rc
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from claims_eval import timing

    from rasid import get_pipeline
    from rasid.check import check
    from rasid.claims.index import Index
    from rasid.store import Store

    store, pipe = Store(db), get_pipeline(str(gaz) if gaz.exists() else None)
    t = time.perf_counter()
    n = Index(store).size()
    print(f"{n} articles in the store; full-text index up to date in {time.perf_counter() - t:.2f} s")
    claims = [json.loads(x)["claim"] for x in open(gold / "claims.jsonl", encoding="utf-8")][: a.claims]
    check(store, claims[0], pipeline=pipe)  # the pipeline's and the lexicon's first loads, not a check's work
    times = []
    for c in claims:
        t = time.perf_counter()
        check(store, c, pipeline=pipe)
        times.append(time.perf_counter() - t)
    print(f"claim check on {n} articles: {timing(times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
