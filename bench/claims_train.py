#!/usr/bin/env python3
"""Measure the claim check's stance rules against a logistic regression, by claim-grouped cross-validation.

    python bench/claims_train.py --db out/claims/rasid.db [--shared ../shared] [--folds 5] [--write]

For every dev claim (`../shared/eval/claims/`), the reports the check retrieves are read
(`rasid.claims.stance.read_report`); the gold (claim, report) pairs get their features (a gold
report not retrieved is "unrelated"). Printed: macro-F1 over the four classes, per-class F1 and the
claim verdict accuracy, for the rules and for a multinomial logistic regression (numpy, L2) whose
every fold is trained on the other folds' claims only: the cross-validated figure, never the
training one. `--write` stores the model trained on all dev claims as `src/rasid/data/stance_model.json`
(only worth it when its cross-validated figure beats the rules').
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

LABELS = ("agree", "disagree", "discuss", "unrelated")


def features(db: str, shared: Path, limit: int, gazetteer: str | None):
    from sqlalchemy import select

    from rasid import get_pipeline
    from rasid.claims.index import Index
    from rasid.claims.stance import read_claim, read_report
    from rasid.lexicon import default_lexicon
    from rasid.store import Store, documents, events

    store, lex = Store(db), default_lexicon()
    pipe = get_pipeline(gazetteer)
    index = Index(store)
    n = index.size()
    with store.engine.connect() as conn:
        docs = {r.doc_id: r for r in conn.execute(select(documents.c.doc_id, documents.c.title, documents.c.text,
                                                         documents.c.duplicate_of))}
        evs = defaultdict(list)
        for d, rec in conn.execute(select(events.c.doc_id, events.c.record)):
            evs[d].append(json.loads(rec))
    rows = {}
    claims = [json.loads(x) for x in open(shared / "eval/claims/claims.jsonl", encoding="utf-8")]
    for c in claims:
        coded = [e.record() for e in pipe.text(c["claim"], doc_id="claim").events]
        cl = read_claim(c["claim"], index.doc_freq, n, coded)
        hits = index.search(cl.terms, limit)
        top = hits[0][1] if hits else 1.0
        for rank, (d, s) in enumerate(hits):
            r = read_report(cl, d, docs[d].title, docs[d].text, evs.get(d, []), bm25_rel=s / top,
                            rank_rel=1 - rank / len(hits), lexicon=lex)
            rows[(c["claim_id"], d)] = {"f": r.features, "dup": docs[d].duplicate_of}
    return claims, rows


def macro(gold, pred):
    out = {}
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        np_, ng = sum(p == lab for p in pred), sum(g == lab for g in gold)
        pr, rc = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
        out[lab] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return sum(out.values()) / 4, out


def verdicts(claims, rows, pred_all):
    """pred_all: (claim, doc) -> stance for every retrieved report. Verdict accuracy and macro-F1."""
    by = defaultdict(lambda: {"agree": set(), "disagree": set()})
    for (c, d), s in pred_all.items():
        if s in ("agree", "disagree"):
            by[c][s].add(rows[(c, d)]["dup"] or d)
    gt = [c["factuality"] == "true" for c in claims]
    pt = [bool(by[c["claim_id"]]["agree"]) and not by[c["claim_id"]]["disagree"] for c in claims]
    acc = sum(a == b for a, b in zip(gt, pt)) / len(gt)
    f = []
    for lab in (True, False):
        tp = sum(a == b == lab for a, b in zip(gt, pt)); np_ = sum(b == lab for b in pt); ng = sum(a == lab for a in gt)
        pr, rc = (tp / np_ if np_ else 0), (tp / ng if ng else 0)
        f.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    return acc, sum(f) / 2


def train_lr(X, y, l2=1.0, iters=600, lr=0.3, class_weight=None):
    k = len(LABELS)
    W = np.zeros((X.shape[1], k)); b = np.zeros(k)
    Y = np.eye(k)[y]
    sw = np.ones(len(y)) if class_weight is None else np.array([class_weight[t] for t in y])
    for _ in range(iters):
        z = X @ W + b; z -= z.max(1, keepdims=True)
        P = np.exp(z); P /= P.sum(1, keepdims=True)
        G = (P - Y) * sw[:, None] / sw.sum()
        W -= lr * (X.T @ G + l2 * W / len(y)); b -= lr * G.sum(0)
    return W, b


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--cache", help="a JSON file to keep the features in between runs")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args(argv)
    from rasid.claims.stance import FEATURES, rule_stance

    shared = Path(a.shared)
    gaz = shared / "gazetteer"
    if a.cache and Path(a.cache).exists():
        blob = json.load(open(a.cache))
        claims, rows = blob["claims"], {tuple(k.split("\t")): v for k, v in blob["rows"].items()}
    else:
        claims, rows = features(a.db, shared, a.limit, str(gaz) if gaz.exists() else None)
        if a.cache:
            json.dump({"claims": claims, "rows": {"\t".join(k): v for k, v in rows.items()}}, open(a.cache, "w"))
    pairs = [json.loads(x) for x in open(shared / "eval/claims/pairs.jsonl", encoding="utf-8")]
    gold = [p["stance"] for p in pairs]
    keys = [(p["claim_id"], p["doc_id"]) for p in pairs]
    print(f"{len(claims)} claims, {len(rows)} retrieved (claim, report) rows, "
          f"{sum(k in rows for k in keys)} of {len(keys)} gold pairs retrieved")

    def report(name, pred_all):
        pred = [pred_all.get(k, "unrelated") for k in keys]
        m, per = macro(gold, pred)
        acc, vf = verdicts(claims, rows, pred_all)
        print(f"{name:28s} macro-F1 {m:.3f}  agree {per['agree']:.3f}  disagree {per['disagree']:.3f}  "
              f"discuss {per['discuss']:.3f}  unrelated {per['unrelated']:.3f}  verdict acc {acc:.3f} macro-F1 {vf:.3f}")
        return m

    rules = {k: rule_stance(v["f"])[0] for k, v in rows.items()}
    m_rules = report("rules", rules)
    # claim-grouped folds
    ids = sorted({c["claim_id"] for c in claims})
    random.Random(22).shuffle(ids)
    fold = {c: i % a.folds for i, c in enumerate(ids)}
    goldmap = dict(zip(keys, gold))
    train_keys = [k for k in rows if k in goldmap]  # the labelled rows: gold pairs the check retrieves
    X_all = {k: [rows[k]["f"][f] for f in FEATURES] for k in rows}
    best = None
    for l2 in (1.0, 10.0):
        for cw in (None, "balanced"):
            pred_all = {}
            for f in range(a.folds):
                tr = [k for k in train_keys if fold[k[0]] != f]
                X = np.array([X_all[k] for k in tr]); y = np.array([LABELS.index(goldmap[k]) for k in tr])
                mu, sd = X.mean(0), X.std(0) + 1e-6
                cwd = None
                if cw:
                    cnt = Counter(y.tolist()); cwd = {t: len(y) / (len(cnt) * cnt[t]) for t in cnt}
                W, b = train_lr((X - mu) / sd, y, l2=l2, class_weight=cwd)
                te = [k for k in rows if fold[k[0]] == f]
                Z = ((np.array([X_all[k] for k in te]) - mu) / sd) @ W + b
                for k, z in zip(te, Z):
                    pred_all[k] = LABELS[int(z.argmax())]
            m = report(f"LR l2={l2} cw={cw} (CV)", pred_all)
            if best is None or m > best[0]:
                best = (m, l2, cw)
    print(f"best cross-validated LR: {best[0]:.3f} (l2={best[1]}, class weights {best[2]}); rules {m_rules:.3f}")
    try:  # scikit-learn's models over the same features and folds (pip install scikit-learn; optional)
        from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("scikit-learn not installed: its models not tried")
        HistGradientBoostingClassifier = RandomForestClassifier = LogisticRegression = None
    makers = {} if LogisticRegression is None else {
        "sklearn LR balanced": lambda: LogisticRegression(max_iter=2000, class_weight="balanced"),
        "gradient boosting balanced": lambda: HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.05, max_iter=150, class_weight="balanced", random_state=0),
        "random forest balanced": lambda: RandomForestClassifier(
            300, min_samples_leaf=5, class_weight="balanced_subsample", random_state=0),
    }
    for name, make in makers.items():
        pred_all = {}
        for f in range(a.folds):
            tr = [k for k in train_keys if fold[k[0]] != f]
            m = make().fit(np.array([X_all[k] for k in tr]), np.array([LABELS.index(goldmap[k]) for k in tr]))
            te = [k for k in rows if fold[k[0]] == f]
            for k, z in zip(te, m.predict(np.array([X_all[k] for k in te]))):
                pred_all[k] = LABELS[int(z)]
        report(f"{name} (CV)", pred_all)
    if a.write:
        X = np.array([X_all[k] for k in train_keys]); y = np.array([LABELS.index(goldmap[k]) for k in train_keys])
        mu, sd = X.mean(0), X.std(0) + 1e-6
        cwd = None
        if best[2]:
            cnt = Counter(y.tolist()); cwd = {t: len(y) / (len(cnt) * cnt[t]) for t in cnt}
        W, b = train_lr((X - mu) / sd, y, l2=best[1], class_weight=cwd)
        out = Path(__file__).resolve().parents[1] / "src/rasid/data/stance_model.json"
        json.dump({"about": "claim-check stance: multinomial logistic regression over rasid.claims.stance features, "
                            "trained by bench/claims_train.py on the dev claims (Baly et al. 2018 dev third); "
                            f"claim-grouped {a.folds}-fold CV macro-F1 {best[0]:.3f} vs rules {m_rules:.3f}",
                   "labels": list(LABELS), "features": list(FEATURES), "mean": [round(v, 6) for v in mu.tolist()],
                   "std": [round(v, 6) for v in sd.tolist()], "weights": [[round(v, 5) for v in row] for row in W.T.tolist()],
                   "bias": [round(v, 5) for v in b.tolist()]}, open(out, "w"), indent=1)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
