"""CPU time per article of each pipeline stage (a benchmark, not a test).

    python bench/bench_stages.py --corpus ../shared/corpus/syria_conflict.jsonl --gazetteer ../shared/gazetteer

The documents are read into memory first, so only the stages are timed: clean, segment,
match (the text layer and lexicon matches), geoparse (recognition + resolution of place
names, with the location records it adds), code (report events). CPU time
(``time.process_time``), the best of ``--repeat`` passes, so that a busy machine's other
work counts as little as it can; the figures still wander by some 10-20% between runs.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    os.environ.setdefault("RASID_CACHE", tempfile.mkdtemp())
    from rasid.clean import NotArabicError, clean
    from rasid.model import RawArticle
    from rasid.pipeline import Pipeline

    pipe = Pipeline(gazetteer=a.gazetteer or None)
    with open(a.corpus, encoding="utf-8") as f:
        rows = [json.loads(line) for line in itertools.islice(f, a.limit)]
    arts = [RawArticle(doc_id=r["doc_id"], raw=r.get("text") or "", source=a.corpus, outlet=r.get("outlet"),
                       published=r.get("published"), title=r.get("title")) for r in rows]
    best: dict[str, float] = {}
    n = 0
    for _ in range(a.repeat):
        spent = dict.fromkeys(["clean"] + [name for name, _ in pipe.stages], 0.0)
        n = 0
        for art in arts:
            t = time.process_time()
            try:
                doc = clean(art)
            except NotArabicError:
                continue
            spent["clean"] += time.process_time() - t
            for name, stage in pipe.stages:
                t = time.process_time()
                doc = stage(doc)
                spent[name] += time.process_time() - t
            n += 1
        for k, v in spent.items():
            best[k] = min(best.get(k, v), v)
    ms = {k: round(1000 * v / max(n, 1), 3) for k, v in best.items()}
    print(json.dumps({"stage": "per_article_cpu_ms", "documents": n, **ms,
                      "total": round(sum(ms.values()), 3), "articles_per_cpu_s": round(1000 / max(sum(ms.values()), 1e-9), 1)}))


if __name__ == "__main__":
    main()
