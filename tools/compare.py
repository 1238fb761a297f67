"""Side-by-side view of gold and predicted events on the dev set (for finding general causes).
python tools/compare.py GOLD EVENTS [field]"""
import json, sys
sys.path.insert(0, "../shared/eval")
import score  # noqa
gold = {json.loads(l)["doc_id"]: json.loads(l) for l in open(sys.argv[1])}
preds = {}
for l in open(sys.argv[2]):
    e = json.loads(l); preds.setdefault(e["doc_id"], []).append(e)
field = sys.argv[3] if len(sys.argv) > 3 else None
for did, g in gold.items():
    ge, pe = g["events"], preds.get(did, [])
    for gi, pi in score.pair(ge, pe):
        a, b = ge[gi], pe[pi]
        if not a.get("core", True): continue
        if field == "actors":
            ok = {a["actor1"], a["actor2"]} - {None} == {score.actor_id(b["actor1"]), score.actor_id(b["actor2"])} - {None}
            if not ok: print(did, a["id"], "GOLD", a["actor1"], "->", a["actor2"], "| PRED", b["actor1"], "->", b["actor2"], "|", b["evidence"][0]["quote"][:150])
        elif field == "location":
            ok = score.location_hit(a.get("locations"), b.get("locations"))
            if ok is False: print(did, a["id"], "GOLD", [(l["name_ar"], l.get("lat")) for l in a["locations"]], "| PRED", [(l["text"], l.get("name_en") or l.get("name"), l.get("lat"), l.get("admin1")) for l in b["locations"]], "|", b["evidence"][0]["quote"][:100])
        elif field == "date":
            ok = score.date_hit(a.get("date"), b.get("date"))
            if ok is False: print(did, a["id"], g["published"], "GOLD", a["date"], "| PRED", b["date"], "|", b["evidence"][0]["quote"][:100])
        elif field == "fatalities":
            ok = score.fatal_hit(a.get("fatalities"), b.get("fatalities"))
            if ok is False: print(did, a["id"], "GOLD", a["fatalities"], "| PRED", b["fatalities"], "|", [q[:120] for q in score.quotes(a)][:2])
        elif field == "type":
            if a["event_type"] != b["event_type"] or a["sub_event_type"] != b["sub_event_type"]: print(did, a["id"], "GOLD", a["sub_event_type"], "| PRED", b["sub_event_type"], "|", b["evidence"][0]["quote"][:120])
