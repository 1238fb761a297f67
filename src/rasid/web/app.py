"""`rasid serve`: the coded events on a map, a timeline, tables, articles with their evidence, review.

One FastAPI app: HTML pages rendered on the server (Jinja2, autoescaped) and the JSON API behind
them (OpenAPI at /docs and /openapi.json). Article text is hostile input: it is always escaped,
bidi control characters are shown as visible marks, the Content-Security-Policy allows no
inline script, every SQL query is parameterised, and nothing is written unless the app was
started with ``review=True``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from ..store import Store, documents, events
from .index import EventIndex, Filters

HERE = Path(__file__).parent
TYPE_COLOURS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
                "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible_controls(text: str) -> str:
    """Bidi controls in hostile text are shown, not obeyed: U+202E becomes '⟦U+202E⟧'."""
    return BIDI.sub(lambda m: f"⟦U+{ord(m.group()):04X}⟧", text)


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """Cut a text into runs, each with the ids of the events whose evidence covers it."""
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        ids = sorted({i for s, e, i in spans if s <= a and b <= e})
        out.append({"text": visible_controls(text[a:b]), "events": ids})
    return out


def event_filters(type: str | None = None, actor: str | None = None, outlet: str | None = None,
                  status: str | None = None, grade: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, q: str | None = None) -> Filters:
    """The query parameters every list, map and timeline accepts (empty values mean no filter)."""
    return Filters(type or None, actor or None, outlet or None, status or None, grade or None, date_from or None,
                   date_to or None, q or None)


def _admin_areas(gazetteer: str | None) -> list[dict]:
    """Governorate points of the gazetteer (found as `rasid run` finds it); none without one."""
    from ..geo import Gazetteer, find_gazetteer

    src = find_gazetteer(gazetteer)
    if src is None:
        return []
    gz = Gazetteer.load(src)
    seen, out = set(), []
    for p in gz.places:
        if p.code == "ADM1" and p.name_en not in seen:
            seen.add(p.name_en)
            out.append({"name": p.name_en, "name_ar": p.name_ar, "lat": p.lat, "lon": p.lon, "country": p.country})
    return out


def create_app(db: str, review: bool = False, tiles: str | None = None, gazetteer: str | None = None) -> FastAPI:
    store = Store(db)
    index = EventIndex(store)
    admin_areas = _admin_areas(gazetteer)
    app = FastAPI(title="rasid", description="Coded Arabic conflict reports: events, articles, reconciled events, "
                  "control timelines, review.", version="0.1", docs_url=None, redoc_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(review=review, colours=TYPE_COLOURS, tiles=tiles or "")
    # every value a page prints shows bidi controls instead of obeying them (then autoescaping runs)
    templates.env.finalize = lambda v: visible_controls(v) if isinstance(v, str) else v
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.store, app.state.index = store, index

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        if request.method not in ("GET", "HEAD") and not review:
            return JSONResponse({"detail": "read-only: start rasid serve with --review to change anything"}, status_code=403)
        resp = await call_next(request)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    # ------------------------------------------------------------------ JSON API
    @app.get("/api/health", tags=["api"])
    def health():
        return {"ok": True, "events": index.facets()["events"], "review": review}

    @app.get("/api/facets", tags=["api"])
    def api_facets():
        """Values to filter by: event types, actors, outlets, statuses, grades, the date span."""
        return index.facets()

    @app.get("/api/events", tags=["api"])
    def api_events(f: Filters = Depends(event_filters), sort: str = "date", order: str = "desc",
                   limit: int = 50, offset: int = 0):
        """Report events, filtered, sorted and paged (as reviewed)."""
        total, rows = index.events(f, sort, order, limit, offset)
        return {"total": total, "offset": offset, "items": rows}

    @app.get("/api/map", tags=["api"])
    def api_map(f: Filters = Depends(event_filters)):
        """A GeoJSON FeatureCollection of the filtered events' first locations (the latest 5,000)."""
        total, rows = index.map_points(f)
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                  "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}} for r in rows]
        # serialised here: 5,000 features through the framework's generic encoder take several times longer
        body = json.dumps({"type": "FeatureCollection", "total": total, "shown": len(feats), "features": feats},
                          ensure_ascii=False, separators=(",", ":"))
        return Response(body, media_type="application/json")

    @app.get("/api/timeline", tags=["api"])
    def api_timeline(f: Filters = Depends(event_filters)):
        """Events per day and type."""
        return index.timeline(f)

    def event_record(event_id: str) -> dict:
        from ..review import apply, load_reviews, trail

        with store.engine.connect() as c:
            row = c.execute(select(events.c.record).where(events.c.event_id == event_id)).first()
        if row is None:
            raise HTTPException(404, f"no event {event_id}")
        machine = json.loads(row[0])
        reviewed = apply(machine, load_reviews(store).get(event_id, []))
        return {"event": reviewed or machine, "rejected": reviewed is None, "machine": machine,
                "reviews": trail(store, event_id), "recon_id": (index.query(
                    "SELECT recon_id FROM ev WHERE event_id = ?", [event_id]) or [{}])[0].get("recon_id")}

    @app.get("/api/events/{event_id}", tags=["api"])
    def api_event(event_id: str):
        """One report event as reviewed, the machine's original, and its review trail."""
        return event_record(event_id)

    def article_data(doc_id: str) -> dict:
        with store.engine.connect() as c:
            d = c.execute(select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
            if d is None:
                raise HTTPException(404, f"no article {doc_id}")
            evs = [json.loads(r) for (r,) in c.execute(select(events.c.record).where(events.c.doc_id == doc_id).order_by(events.c.seq))]
        raw = d["raw"] or ""
        removed = [{**r, "excerpt": visible_controls(raw[r["start"]:r["end"]][:300])} for r in json.loads(d["removed"] or "[]")]
        return {"doc_id": doc_id, "outlet": d["outlet"], "title": d["title"], "url": d["url"], "published": d["published"],
                "duplicate_of": d["duplicate_of"], "text": d["text"], "events": evs, "removed": removed}

    @app.get("/api/articles/{doc_id}", tags=["api"])
    def api_article(doc_id: str):
        """An article's cleaned text (evidence offsets point into it), its events and its removed debris."""
        return article_data(doc_id)

    @app.get("/api/reconciled/{recon_id}", tags=["api"])
    def api_reconciled(recon_id: str):
        """A reconciled event: its reports, outlets, tolls low / best / high, grade, contradictions."""
        from ..store import reconciled

        with store.engine.connect() as c:
            row = c.execute(select(reconciled.c.record).where(reconciled.c.recon_id == recon_id)).first()
        if row is None:
            raise HTTPException(404, f"no reconciled event {recon_id}")
        return json.loads(row[0])

    @app.get("/api/places", tags=["api"])
    def api_places(name: str = Query(..., description="Arabic or English name")):
        """Control timelines of the places matching a name."""
        from ..control import control, find_place

        return find_place(control(store), name)

    @app.get("/api/outlets/{outlet}", tags=["api"])
    def api_outlet(outlet: str):
        """An outlet's events by type and the framing markers it uses."""
        return outlet_data(outlet)

    def outlet_data(outlet: str) -> dict:
        from collections import Counter

        by_type = {r["event_type"]: r["n"] for r in index.query(
            "SELECT event_type, COUNT(*) AS n FROM ev WHERE outlet = ? GROUP BY event_type ORDER BY n DESC", [outlet])}
        if not by_type:
            raise HTTPException(404, f"no events from {outlet}")
        framing: Counter = Counter()
        examples: dict[str, str] = {}
        with store.engine.connect() as c:
            for (rec,) in c.execute(select(events.c.record).where(events.c.outlet == outlet)):
                for fr in json.loads(rec).get("framing") or []:
                    framing[fr["marker"]] += 1
                    examples.setdefault(fr["marker"], fr.get("text") or "")
        return {"outlet": outlet, "events_by_type": by_type,
                "framing": [{"marker": k, "n": v, "example": examples[k]} for k, v in framing.most_common()]}

    @app.get("/api/reviews", tags=["api"])
    def api_reviews():
        """The whole audit trail of review actions."""
        from ..review import trail

        return trail(store)

    @app.post("/api/events/{event_id}/review", tags=["review"])
    def api_review(event_id: str, payload: dict):
        """Confirm, correct (field, value) or reject a report event (only with --review)."""
        from ..review import ReviewError, review_event

        try:
            rec = review_event(store, event_id, payload.get("action", ""), payload.get("who", ""),
                               payload.get("field"), payload.get("value"), payload.get("note"))
        except KeyError:
            raise HTTPException(404, f"no event {event_id}")
        except ReviewError as e:
            raise HTTPException(400, str(e))
        index.rebuild()
        return {"event": rec, "rejected": rec is None}

    @app.post("/api/reconciled/{recon_id}/merge", tags=["review"])
    def api_merge(recon_id: str, payload: dict):
        """Merge another reconciled event (``other``) into this one."""
        from ..review import ReviewError, merge_reconciled

        try:
            merge_reconciled(store, recon_id, payload.get("other", ""), payload.get("who") or "")
        except KeyError as e:
            raise HTTPException(404, f"no reconciled event {e}")
        except ReviewError as e:
            raise HTTPException(400, str(e))
        index.rebuild()
        return {"recon_id": recon_id}

    @app.post("/api/reconciled/{recon_id}/split", tags=["review"])
    def api_split(recon_id: str, payload: dict):
        """Take one report (``event_id``) out into a reconciled event of its own."""
        from ..review import ReviewError, split_reconciled

        try:
            new = split_reconciled(store, recon_id, payload.get("event_id", ""), payload.get("who") or "")
        except KeyError as e:
            raise HTTPException(404, f"not a report of {recon_id}: {e}")
        except ReviewError as e:
            raise HTTPException(400, str(e))
        index.rebuild()
        return {"recon_id": new}

    # ------------------------------------------------------------------ pages
    def page(request: Request, template: str, **ctx) -> HTMLResponse:
        return templates.TemplateResponse(request, template, ctx)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        """The OpenAPI description, read with Swagger UI served from this app (no CDN, no inline script)."""
        return page(request, "docs.html")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request):
        return page(request, "map.html", facets=index.facets(), args=dict(request.query_params))

    @app.get("/basemap/countries.json", include_in_schema=False)
    def basemap():
        p = HERE / "static" / "vendor" / "countries-50m.json"
        if not p.exists():
            raise HTTPException(404, "basemap not built: run `make assets`")
        return RedirectResponse("/static/vendor/countries-50m.json")

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, f: Filters = Depends(event_filters)):
        rows = index.timeline(f)
        return page(request, "timeline.html", chart=_chart(rows), facets=index.facets(), args=dict(request.query_params))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, f: Filters = Depends(event_filters),
                    sort: str = "date", order: str = "desc", offset: int = 0):
        total, rows = index.events(f, sort, order, 50, offset)
        return page(request, "events.html", total=total, rows=rows, offset=offset, sort=sort, order=order,
                    facets=index.facets(), args=dict(request.query_params))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str, error: str | None = None):
        from ..review import FIELDS, STATUSES

        data = event_record(event_id)
        return page(request, "event.html", **data, fields=list(FIELDS), statuses=STATUSES, error=error,
                    facets=index.facets())

    @app.post("/events/{event_id}/review", include_in_schema=False)
    def event_review_form(event_id: str, action: str = Form(...), who: str = Form(...), field: str | None = Form(None),
                          value: str | None = Form(None), note: str | None = Form(None)):
        from urllib.parse import quote

        from ..review import ReviewError, review_event

        try:
            review_event(store, event_id, action, who, field if action == "correct" else None, value, note)
        except KeyError:
            raise HTTPException(404, f"no event {event_id}")
        except ReviewError as e:
            return RedirectResponse(f"/events/{event_id}?error={quote(str(e))}", status_code=303)
        index.rebuild()
        return RedirectResponse(f"/events/{event_id}", status_code=303)

    @app.get("/articles/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str):
        d = article_data(doc_id)
        spans = [(ev["start"], ev["end"], e["event_id"]) for e in d["events"] for ev in e.get("evidence") or []]
        return page(request, "article.html", doc=d, segments=segments(d["text"], spans))

    @app.get("/reconciled/{recon_id}", response_class=HTMLResponse, include_in_schema=False)
    def reconciled_page(request: Request, recon_id: str):
        return page(request, "reconciled.html", r=api_reconciled(recon_id))

    @app.post("/reconciled/{recon_id}/merge", include_in_schema=False)
    def merge_form(recon_id: str, other: str = Form(...), who: str = Form(...)):
        api_merge(recon_id, {"other": other.strip(), "who": who})
        return RedirectResponse(f"/reconciled/{recon_id}", status_code=303)

    @app.post("/reconciled/{recon_id}/split", include_in_schema=False)
    def split_form(recon_id: str, event_id: str = Form(...), who: str = Form(...)):
        new = api_split(recon_id, {"event_id": event_id, "who": who})["recon_id"]
        return RedirectResponse(f"/reconciled/{new}", status_code=303)

    @app.get("/api/admin-areas", tags=["api"])
    def api_admin_areas():
        """Governorates (admin level 1) of the gazetteer, for the map's labels."""
        return admin_areas

    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, name: str = ""):
        return page(request, "place.html", name=name, timelines=api_places(name) if name else [])

    @app.get("/outlets/{outlet}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, outlet: str):
        return page(request, "outlet.html", o=outlet_data(outlet))

    return app


def _chart(rows: list[dict], width: int = 960, height: int = 220) -> dict:
    """Stacked bars per day (server-made SVG geometry: no script needed to draw it)."""
    import datetime as dt

    if not rows:
        return {"bars": [], "width": width, "height": height, "days": 0}
    days = sorted({r["day"] for r in rows})
    d0, d1 = dt.date.fromisoformat(days[0][:10]), dt.date.fromisoformat(days[-1][:10])
    n = (d1 - d0).days + 1
    per_day: dict[str, int] = {}
    for r in rows:
        per_day[r["day"]] = per_day.get(r["day"], 0) + r["n"]
    peak = max(per_day.values())
    bw = max(1.0, width / n)
    bars, stack = [], {}
    for r in sorted(rows, key=lambda r: (r["day"], r["event_type"])):
        x = (dt.date.fromisoformat(r["day"][:10]) - d0).days * bw
        h = r["n"] / peak * (height - 20)
        y0 = stack.get(r["day"], height)
        bars.append({"x": round(x, 2), "y": round(y0 - h, 2), "w": round(max(bw - 0.5, 0.8), 2), "h": round(h, 2),
                     "day": r["day"], "type": r["event_type"], "n": r["n"], "colour": TYPE_COLOURS.get(r["event_type"], "#777")})
        stack[r["day"]] = y0 - h
    return {"bars": bars, "width": width, "height": height, "days": n, "first": days[0], "last": days[-1], "peak": peak}
