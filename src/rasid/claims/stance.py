"""The stance of one stored report to one claim: agree / disagree / discuss / unrelated.

Read from the report's sentences that match the claim (IDF-weighted share of the claim's terms a
sentence holds, and of its word pairs), the denial, relay and hedge wording in them
(``data/stance_cues.tsv``), the claim's numbers, and the events coded on both sides (same type at
the same place; a territory change in the other direction, or by a non-allied side, contradicts).
The features feed either the rules of :func:`rule_stance` or, where it is shipped
(``data/stance_model.json``, trained by ``bench/claims_train.py`` with claim-grouped
cross-validation), a multinomial logistic regression.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..arabic import sentences
from ..coding.words import UNKNOWN_DOER, VIOLENT
from ..reconcile import Report, places_near, types_compatible
from .terms import has_cue, stem, stopwords, terms, terms_of, words

LABELS = ("agree", "disagree", "discuss", "unrelated")


@dataclass
class Claim:
    """What a check reads from the claim: terms with weights, numbers, coded events, its own denial."""
    text: str
    terms: list[str]
    weights: dict[str, float]
    numbers: set[str]
    events: list[dict] = field(default_factory=list)
    denial: str | None = None
    hedge: str | None = None
    places: list[frozenset] = field(default_factory=list)  # the terms of each place its events name

    @property
    def bigrams(self) -> set[tuple[str, str]]:
        return set(zip(self.terms, self.terms[1:]))

    def as_dict(self) -> dict:
        top = sorted(self.weights, key=lambda t: -self.weights[t])
        return {"terms": top, "numbers": sorted(self.numbers), "denial": self.denial, "hedge": self.hedge,
                "places": [" ".join(sorted(p)) for p in self.places]}


def read_claim(text: str, doc_freq, n_docs: int, events: list[dict] | None = None) -> Claim:
    """``doc_freq(terms) -> {term: documents holding it}`` over a store of ``n_docs`` documents."""
    ts = terms(text)
    df = doc_freq(ts) if ts else {}
    weights = {t: math.log(1 + (n_docs + 1) / (df.get(t, 0) + 0.5)) for t in dict.fromkeys(ts)}
    ws = words(text)
    places = []
    for e in events or []:
        for loc in e.get("locations") or []:
            pt = frozenset(terms(loc.get("text") or loc.get("name_ar") or ""))
            if pt and pt not in places:
                places.append(pt)
    return Claim(text, ts, weights, {w for w in ws if w.isdigit() and len(w) < 5 and w not in ("1",)},
                 list(events or []), has_cue(ws, "deny"), has_cue(ws, "hedge"), places)


def _cov(claim: Claim, ts: set[str]) -> float:
    tot = sum(claim.weights.values())
    return sum(w for t, w in claim.weights.items() if t in ts) / tot if tot else 0.0


@dataclass
class Reading:
    """How one report reads against one claim: the features, the best sentence, the cues found."""
    doc_id: str
    features: dict[str, float]
    quote: str
    why: list[str]
    stance: str = "unrelated"
    p: float = 0.0


FEATURES = ("bm25_rel", "rank_rel", "doc_cov", "sent_cov", "win_cov", "title_cov", "bigram_cov", "n_match_sent",
            "deny_best", "deny_doc", "deny_title", "relay_best", "hedge_best", "claim_denial", "numbers",
            "event_match", "event_conflict", "event_other_day", "place_missing", "claim_dated", "deny_x_cov", "claim_deny_x_cov", "elsewhere",
            "territory_conflict", "doc_elsewhere")


def read_report(claim: Claim, doc_id: str, title: str | None, text: str, doc_events: list[dict], *,
                bm25_rel: float, rank_rel: float, lexicon=None) -> Reading:
    sents = [s.text for s in sentences(text or "")][:300]
    sent_words = [words(s) for s in sents]
    sent_term_lists = [terms_of(w) for w in sent_words]
    sent_terms = [set(t) for t in sent_term_lists]
    covs = [_cov(claim, ts) for ts in sent_terms]
    bi = claim.bigrams
    best_i = max(range(len(covs)), key=covs.__getitem__) if covs else -1
    win = max((_cov(claim, sent_terms[i] | sent_terms[i + 1]) for i in range(len(sents) - 1)), default=max(covs, default=0.0))
    all_terms = set().union(*sent_terms) if sent_terms else set()
    title_terms = set(terms(title or ""))
    # the sentences that carry the claim: the best, and those within 0.15 of it holding a third of its weight
    best = max(covs, default=0.0)
    near = [i for i, c in enumerate(covs) if c >= max(0.3, best - 0.15)][:6]
    near_words = [sent_words[i] for i in near]
    bigram_cov = 0.0
    if best_i >= 0 and bi:
        st = sent_term_lists[best_i]
        bigram_cov = len(bi & set(zip(st, st[1:]))) / len(bi)
    deny_best = next((c for w in near_words if (c := has_cue(w, "deny"))), None)
    relay_best = next((c for w in near_words if (c := has_cue(w, "relay"))), None)
    hedge_best = next((c for w in near_words if (c := has_cue(w, "hedge"))), None)
    deny_title = has_cue(words(title or ""), "deny") or (has_cue(sent_words[0], "deny") if sents else None)
    n_deny_doc = sum(1 for w in sent_words[:60] if has_cue(w, "deny"))
    doc_words = set().union(*sent_words) if sent_words else set()
    nums = len(claim.numbers & doc_words) / len(claim.numbers) if claim.numbers else 0.0
    match, conflict, other_day, why_ev = _events(claim.events, doc_events, lexicon)
    sent_cov = best
    f = {
        "bm25_rel": bm25_rel, "rank_rel": rank_rel, "doc_cov": _cov(claim, all_terms | title_terms), "sent_cov": sent_cov,
        "win_cov": win, "title_cov": _cov(claim, title_terms), "bigram_cov": bigram_cov,
        "n_match_sent": min(len([c for c in covs if c >= 0.4]), 5) / 5, "deny_best": float(bool(deny_best)),
        "deny_doc": min(n_deny_doc, 3) / 3, "deny_title": float(bool(deny_title)), "relay_best": float(bool(relay_best)),
        "hedge_best": float(bool(hedge_best)), "claim_denial": float(bool(claim.denial)), "numbers": nums,
        "event_match": float(match), "event_conflict": float(conflict), "event_other_day": float(other_day and not match),
        "claim_dated": float(any((e.get("date") or {}).get("start") for e in claim.events)),
        "doc_elsewhere": float(_elsewhere(claim.events, doc_events)),
        "place_missing": float(bool(claim.places) and not any(p <= all_terms | title_terms for p in claim.places)),
        "deny_x_cov": float(bool(deny_best or deny_title)) * sent_cov,
        "claim_deny_x_cov": float(bool(claim.denial)) * sent_cov,
        "territory_conflict": float(any(w.startswith("territory taken by") for w in why_ev)),
        "elsewhere": float(_elsewhere(claim.events, _told_in(doc_events, [sents[i] for i in near if has_cue(sent_words[i], "deny")]))),
    }
    why = [f"best sentence holds {sent_cov:.0%} of the claim"]
    why += [f"denial wording: {deny_best or deny_title}"] if (deny_best or deny_title) else []
    why += [f"relays: {relay_best}"] if relay_best else []
    why += [f"hedged: {hedge_best}"] if hedge_best else []
    why += why_ev
    return Reading(doc_id, f, sents[best_i] if best_i >= 0 else (title or ""), why)


def _toll(e: dict) -> int | None:
    return (e.get("fatalities") or {}).get("value")


def _places(rec: dict) -> list[list]:
    """Every place an event names (the reconciler keeps only the most precise: a claim may name the hill
    where a report names the village beside it too)."""
    from ..reconcile import geo_key

    return [[loc.get("gazetteer_id"), loc.get("lat"), loc.get("lon"), loc.get("geo_precision") or 1,
             geo_key(loc.get("name_ar") or loc.get("text") or loc.get("name") or "")] for loc in rec.get("locations") or []]


def _told_in(doc_events: list[dict], sents: list[str]) -> list[dict]:
    """The report's events read from (one of) these sentences."""
    return [e for e in doc_events or [] if any(q.get("quote") and any(q["quote"] in s or s in q["quote"] for s in sents)
                                               for q in e.get("evidence") or [])]


def _elsewhere(claim_events: list[dict], doc_events: list[dict]) -> bool:
    """The claim's events name towns and the report's events name places too, none of them near the claim's:
    the report is about another place."""
    cplaces = [p for c in claim_events for p in _places(c) if (p[3] or 1) == 1]
    dplaces = [q for e in doc_events or [] for q in _places(e)]
    return bool(cplaces and dplaces) and not any(places_near(p, q) for p in cplaces for q in dplaces)


# the events whose perpetrator is in question (a strike, a killing): a report naming another doer of it tells
# another account; in a battle both sides act, and a protest's or riot's actor is the crowd, no perpetrator
ONE_SIDED = VIOLENT - {"Battles"}
# actor kinds (data/actors.tsv) that name no perpetrator: the crowd of a protest or riot, the civilians
UNNAMED_KINDS = {"civilians", "protesters", "rioters"}


def _named(actor: str | None, lex) -> bool:
    """Whether ``actor`` names a party that can be a perpetrator: not 'gunmen' (a doer not yet named, which no
    report naming one contradicts), not a crowd or the civilians."""
    if not actor or actor == UNKNOWN_DOER:
        return False
    a = lex.actors.get(actor) if lex is not None else None
    return a is None or a.kind not in UNNAMED_KINDS


def _same_spot(cplaces: list[list], dplaces: list[list]) -> bool:
    """Whether the claim and the report place their events at one town or district (not only in one province or
    country, where many strikes, tolls and advances are told on one day)."""
    return any((p[3] or 1) < 3 and (q[3] or 1) < 3 and places_near(p, q) for p in cplaces for q in dplaces)


def _events(claim_events: list[dict], doc_events: list[dict], lex) -> tuple[bool, bool, bool, list[str]]:
    """Compare the claim's coded events with the report's: (one tells the same event, one contradicts it,
    one tells the same kind of event at the place on another day, why). Same event: compatible type, a
    near place (or a shared actor where the claim names none), overlapping dates. It contradicts when
    the report denies it, names another non-allied perpetrator of a strike or killing (both named: no crowd, no
    'gunmen'), a toll differing by more than half,
    or a territory change won by another non-allied side, told at the claim's town or district (in the same
    province only, it is another event: neither)."""
    match = conflict = other_day = False
    why: list[str] = []
    for c in claim_events:
        rc = Report.of(c)
        cplaces = _places(c)
        a1c = (c.get("actor1") or {}).get("id")
        gained = (c.get("territory") or {}).get("gained_by")
        for e in doc_events:
            re_ = Report.of(e)
            if cplaces and not any(places_near(p, q) for p in cplaces for q in _places(e)):
                continue
            if not cplaces and not (rc.actors & re_.actors):
                continue
            if not types_compatible(rc.event_type, rc.sub, re_.event_type, re_.sub, rc.civ or re_.civ):
                continue
            if rc.start is not None and re_.start is not None and (re_.end < rc.start or re_.start > rc.end):
                other_day = True
                continue
            a1r = (e.get("actor1") or {}).get("id")
            other = (e.get("territory") or {}).get("gained_by")
            tc, tr = _toll(c), _toll(e)
            if (e.get("status") == "denied") != (c.get("status") == "denied"):
                conflict = True
                why.append("the report denies it" if e.get("status") == "denied" else "the report tells it happened")
                continue
            differs = None
            if gained and other and other != gained and not (lex and lex.allied(gained, other)):
                differs = f"territory taken by {other}, not {gained}"
            elif (c.get("event_type") in ONE_SIDED and _named(a1c, lex) and _named(a1r, lex) and a1r not in rc.actors
                  and not (lex and lex.allied(a1c, a1r))):
                differs = f"another perpetrator: {a1r}"
            elif tc is not None and tr is not None and max(tc, tr) > 0 and min(tc, tr) * 2 < max(tc, tr):
                differs = f"another toll: {tr} killed"
            if differs and _same_spot(cplaces, _places(e)):
                conflict = True
                why.append(differs)
            elif differs:  # another winner, doer or toll somewhere in the same province: another event
                continue
            else:
                match = True
                why.append(f"same event: {e.get('event_type')}")
    return match, conflict, other_day, list(dict.fromkeys(why))[:3]


# thresholds on the share of the claim's weighted terms the best sentence (or two) holds; chosen on the
# dev claims by claim-grouped cross-validation (bench/claims_train.py), never for one claim
AGREE_AT, AGREE_PAIRS_AT, PAIRS_AT, DISCUSS_AT, EVENT_AT = 0.55, 0.45, 0.5, 0.35, 0.3
# a report with an event matching the claim's discusses it from this share of the claim's terms on (dev: flat
# from 0.1 to 0.25; at 0.3 and above it adds nothing to DISCUSS_AT)
EVENT_DISCUSS_AT = 0.25
# a contradicting event (another perpetrator, toll or winner) decides only in a report telling half the claim at
# least: below, the report is about other fighting in the area (dev: 11 of 13 such reports were not disagreeing)
CONFLICT_AT = 0.5
# denial wording in the title or first line (often the page's other headlines) counts only where the report
# repeats it: in three of its sentences at least (a denial report says it more than once)
DENY_TITLE_DOC = 1.0


def rule_stance(f: dict[str, float]) -> tuple[str, float]:
    """The rules: a report with a sentence telling most of the claim (or a good part of it in the claim's
    own word pairs, or with an event matching the claim's) agrees; it disagrees when denial wording stands
    around that sentence (and the claim is no denial itself) or its events contradict the claim's; a report
    with a sentence holding a fair part of the claim, or the same kind of event there on another day, or
    the claim's words but not the place its event is at, discusses it; the rest is unrelated (not listed)."""
    label, p = _rule_stance(f)
    # a report on the claim's topic with denial wording around the sentences that match it denies it even
    # where it does not restate the whole claim: a denial paraphrases in few words ('نفت المصادر الأنباء عن
    # انسحاب القوات'). Dev: 3 of 7 gold pairs turned were disagreeing (disagree F1 0.21 -> 0.33)
    # A denial of an event elsewhere (every place the report's events are at is away from the claim's:
    # 'نفت ... قصف بلدة خان شيخون' against a claim on كفرنبل) is no answer to the claim
    if label == "discuss" and f["deny_best"] and not f["claim_denial"] and not f.get("elsewhere"):
        return "disagree", p
    return label, p


def _rule_stance(f: dict[str, float]) -> tuple[str, float]:
    s = max(f["sent_cov"], 0.9 * f["win_cov"])
    # an event comparison decides only for a claim whose event is dated (a report telling a strike at the
    # town some other day is no evidence), or when the report contradicts it (a denial, the other direction)
    # a territory change at the claim's place on its day won by another side is the plainest contradiction: it
    # decides at the event threshold ('استعاد التنظيم السيطرة على البلدة' against 'سيطرت قسد على البلدة')
    conflict = f["event_conflict"] and not f["event_match"] and (
        s >= CONFLICT_AT or (f.get("territory_conflict") and f.get("claim_dated") and s >= EVENT_AT))
    evented = (f["event_match"] and f.get("claim_dated")) or conflict
    if (f.get("event_other_day") or f.get("place_missing")) and not evented:
        return ("discuss", s) if s >= DISCUSS_AT else ("unrelated", 1 - s)
    # a report whose every coded event is at another town than the claim's tells another event in the same words
    # (the same kind of strike on another market): it shares the claim's words, not its event
    if f.get("doc_elsewhere") and not evented:
        return "unrelated", 1 - s
    if s >= AGREE_AT or (s >= AGREE_PAIRS_AT and f["bigram_cov"] >= PAIRS_AT) or (evented and s >= EVENT_AT):
        if conflict:
            return "disagree", s
        deny_title = f["deny_title"] and f["deny_doc"] >= DENY_TITLE_DOC
        if (f["deny_best"] or deny_title) and not f["claim_denial"]:
            return "disagree", s
        return "agree", s
    if s >= DISCUSS_AT:
        return "discuss", s
    # the claim's event told in other words: a coded event of the report of a compatible type at the claim's place
    # (or, for a claim naming none, with one of its actors), though the report shares only a quarter of the
    # claim's words, discusses it (the same clash or strike, told with its own details)
    if f["event_match"] and s >= EVENT_DISCUSS_AT:
        return "discuss", s
    return "unrelated", 1 - s


@lru_cache(maxsize=1)
def model() -> dict | None:
    """The shipped logistic regression (``data/stance_model.json``), or None where the rules are used."""
    p = resources.files("rasid.data").joinpath("stance_model.json")
    if not p.is_file():
        return None
    m = json.loads(p.read_text(encoding="utf-8"))
    return m if m.get("features") and m.get("weights") else None


def model_stance(f: dict[str, float], m: dict) -> tuple[str, float]:
    x = [f.get(name, 0.0) for name in m["features"]]
    mu, sd = m.get("mean") or [0.0] * len(x), m.get("std") or [1.0] * len(x)
    x = [(v - a) / (b or 1.0) for v, a, b in zip(x, mu, sd)]
    z = [b + sum(w * v for w, v in zip(ws, x)) for ws, b in zip(m["weights"], m["bias"])]
    top = max(z)
    ex = [math.exp(v - top) for v in z]
    p = [v / sum(ex) for v in ex]
    i = max(range(len(p)), key=p.__getitem__)
    return m["labels"][i], p[i]


def stance(f: dict[str, float], use_model: bool = True) -> tuple[str, float, str]:
    """(stance, confidence, 'model' or 'rules')."""
    m = model() if use_model else None
    if m:
        s, p = model_stance(f, m)
        return s, p, "model"
    s, p = rule_stance(f)
    return s, p, "rules"


__all__ = ["Claim", "Reading", "LABELS", "FEATURES", "read_claim", "read_report", "rule_stance", "stance", "stem",
           "stopwords"]
