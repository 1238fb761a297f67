"""`rasid serve`: the coded events on a map, a timeline, tables, articles with their evidence, review.

One FastAPI app: HTML pages rendered on the server (Jinja2, autoescaped) and the JSON API behind
them (OpenAPI at /docs and /openapi.json). Article text is hostile input: it is always escaped,
bidi control characters are shown as visible marks, the Content-Security-Policy allows no
inline script, every SQL query is parameterised, and nothing is written unless the app was
started with ``review=True`` (but for the claim check's full-text index, derived from the stored
reports and brought up to date by a check, as ``rasid check`` does).
"""
from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import select

from ..store import Store, StoreBusy, documents, events
from . import auth
from .index import MAP_LIMIT, Filters, event_index_for

HERE = Path(__file__).parent
TYPE_COLOURS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
                "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible_controls(text: str) -> str:
    """Bidi controls in hostile text are shown, not obeyed: U+202E becomes '⟦U+202E⟧'."""
    return BIDI.sub(lambda m: f"⟦U+{ord(m.group()):04X}⟧", text)


def _same_origin(request: Request) -> bool:
    """A state-changing request must come from this site: its Origin (else its Referer), when sent, names our Host."""
    host = request.headers.get("host", "").lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc.lower() == host
    referer = request.headers.get("referer")
    if referer is not None:
        return urlsplit(referer).netloc.lower() == host
    return True  # not a browser (a script with the token): the CSRF token decides


def _page_lists(timeline: dict, n: int, start: int) -> dict:
    """A place's timeline with at most ``n`` of each of its lists, and their lengths."""
    out = dict(timeline)
    for k in ("claims", "intervals", "conflicts"):
        items = timeline.get(k) or []
        out[k] = items[start:start + n]
        out["n_" + k] = len(items)
    return out


def _finalize(value):
    """What a page prints: bidi controls shown instead of obeyed, then autoescaping runs.

    Markup (a macro's output, already made of finalized and escaped values) passes as it is: turned
    back into a plain string it would be escaped a second time and its tags shown as text.
    """
    if isinstance(value, Markup):
        return value
    return visible_controls(value) if isinstance(value, str) else value


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """Cut a text into runs, each with the ids of the events whose evidence covers it."""
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        ids = sorted({i for s, e, i in spans if s <= a and b <= e})
        out.append({"text": visible_controls(text[a:b]), "events": ids})
    return out


MAX_TEXT = 200  # characters of a filter value, a name or an id
MAX_QUERY = 4096  # characters of a whole query string
MAX_CLAIM = 1000  # characters of a claim to check
MAX_BODY = 64 * 1024  # bytes of a request body (a review note is at most 2,000 characters)
MAX_OFFSET = 1_000_000_000
ANSWERS_BYTES = 48 * 1024 * 1024  # serialised map and places answers kept (the default view, the latest queries)
ID_RE = re.compile(r"[^\x00-\x1f\x7f]{1,200}")


def _date_param(name: str, value: str | None) -> str | None:
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name}: not a YYYY-MM-DD date: {value[:40]!r}")


def event_filters(type: str | None = Query(None, max_length=MAX_TEXT), actor: str | None = Query(None, max_length=MAX_TEXT),
                  outlet: str | None = Query(None, max_length=MAX_TEXT), status: str | None = Query(None, max_length=MAX_TEXT),
                  grade: str | None = Query(None, max_length=MAX_TEXT), date_from: str | None = Query(None, max_length=MAX_TEXT),
                  date_to: str | None = Query(None, max_length=MAX_TEXT), q: str | None = Query(None, max_length=MAX_TEXT),
                  background: bool = Query(False, description="include events told as the past (left out by default)")) -> Filters:
    """The query parameters every list, map and timeline accepts (empty values mean no filter)."""
    return Filters(type or None, actor or None, outlet or None, status or None, grade or None,
                   _date_param("date_from", date_from), _date_param("date_to", date_to), q or None, background=background)


def _sort_params(sort: str, order: str) -> None:
    from .index import SORTABLE

    if sort not in SORTABLE:
        raise HTTPException(400, f"sort: unknown field {sort[:40]!r}; one of {', '.join(SORTABLE)}")
    if order not in ("asc", "desc"):
        raise HTTPException(400, "order: asc or desc")


def _id(kind: str, value: str) -> str:
    """A path id as given, or a 400 when it cannot be one (too long, control characters)."""
    if not ID_RE.fullmatch(value or ""):
        raise HTTPException(400, f"malformed {kind}: at most {MAX_TEXT} characters, no control characters")
    return value


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


def create_app(db: str, review: bool = False, tiles: str | None = None, gazetteer: str | None = None,
               private: bool = False, host: str = "127.0.0.1", allow_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store ``db``.

    ``review``: logged-in reviewers may change things; ``private``: reading needs a login too;
    ``host`` (the address bound) and ``allow_hosts``: the Host headers accepted (others get a 400).
    """
    from ..geo import find_gazetteer

    gazetteer = str(find_gazetteer(gazetteer))  # a path given that is not a gazetteer: an error now, not at a click
    store = Store(db)
    index = event_index_for(store)  # (PostgreSQL: queried in the store, nothing copied at start)
    admin_areas: list[list[dict]] = []  # read from the gazetteer at the first request for them, not at start
    hosts = auth.allowed_hosts(host, allow_hosts)
    sessions, logins = auth.Sessions(), auth.RateLimit()
    app = FastAPI(title="rasid", description="Coded Arabic conflict reports: events, articles, reconciled events, "
                  "control timelines, review. Changes (with --review) need a login: POST /api/login, then send the "
                  "session cookie and the returned csrf token in the X-CSRF-Token header.",
                  version="0.1", docs_url=None, redoc_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(review=review, private=private, colours=TYPE_COLOURS, tiles=tiles or "")
    templates.env.finalize = _finalize
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.store, app.state.index, app.state.sessions = store, index, sessions
    logins_open = review or private  # an app that is read-only and public has no use for accounts

    def refuse(status: int, detail: str) -> JSONResponse:
        return JSONResponse({"detail": detail}, status_code=status, headers={"Content-Security-Policy": CSP})

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        if len(request.url.query) > MAX_QUERY:
            return refuse(414, f"query string too long (at most {MAX_QUERY} characters)")
        if auth.host_name(request.headers.get("host", "")) not in hosts:
            return refuse(400, "Host header not allowed (a page of another site reaching this server by DNS "
                               "rebinding?); start rasid serve with --allow-host NAME for a name clients use")
        if private and request.url.path == "/openapi.json" and current(request) is None:  # not a route of ours
            return refuse(401, "log in first (POST /api/login)")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if not review and not (logins_open and request.url.path in ("/login", "/logout", "/api/login", "/api/logout")):
                return refuse(403, "read-only: start rasid serve with --review to change anything")
            size = request.headers.get("content-length")
            if size is None and request.headers.get("transfer-encoding"):
                return refuse(411, "a request body needs a Content-Length")
            if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
                return refuse(413, f"request body too large (at most {MAX_BODY:,} bytes)")
            if not _same_origin(request):
                return refuse(403, "cross-site request refused: Origin or Referer is not this site")
        resp = await call_next(request)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make browsers send Origin: null
        resp.headers["X-Frame-Options"] = "DENY"
        if not request.url.path.startswith("/static/"):
            resp.headers["Cache-Control"] = "no-store"  # pages carry a session's CSRF token
        return resp

    def current(request: Request) -> auth.Session | None:
        s = sessions.get(request.cookies.get(auth.SESSION_COOKIE))
        if s is not None:
            role = auth.user_role(store, s.user)  # removed or changed since the login: takes effect now
            if role is None:
                sessions.drop(request.cookies.get(auth.SESSION_COOKIE))
                return None
            s.role = role
        return s

    async def guard(request: Request) -> None:
        """Runs before every route: a login to read when private, a writer's login and the CSRF token to write."""
        s = current(request)
        request.state.session = s
        path = request.url.path
        if path in ("/login", "/api/login"):
            return
        if request.method in ("GET", "HEAD", "OPTIONS"):
            if private and s is None:
                if path.startswith("/api/") or path == "/openapi.json":
                    raise HTTPException(401, "log in first (POST /api/login)")
                raise HTTPException(303, "log in first", headers={"Location": "/login?next=" + quote(path, safe="/")})
            return
        if s is None:
            raise HTTPException(401, "log in first: every change needs a reviewer's account (rasid users add)")
        token = request.headers.get("x-csrf-token")
        if token is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            token = (await request.form()).get("csrf")
        if not auth.same_token(token, s.csrf):
            raise HTTPException(403, "missing or wrong CSRF token (form field csrf or header X-CSRF-Token)")
        if path not in ("/logout", "/api/logout") and s.role not in auth.WRITERS:
            raise HTTPException(403, f"{s.user} is a {s.role}: only a reviewer or an admin can change anything")

    app.router.dependencies.append(Depends(guard))  # every route below: guard first

    def writer(request: Request) -> str:
        return request.state.session.user

    places_cache: dict = {}
    places_lock = threading.Lock()  # one computation at a time: concurrent first requests wait for it

    def places():
        """Every place's control timeline, computed once (not per request) and again after a change,
        with its names indexed."""
        from ..control import PlaceFinder, control

        with places_lock:
            version = index.version
            if version not in places_cache:
                found = PlaceFinder(control(store))
                places_cache.clear()
                places_cache[version] = found
            return places_cache[version]

    answers: OrderedDict = OrderedDict()  # the latest serialised answers, by query and store version (bounded bytes)
    answers_lock = threading.Lock()

    def remembered(key: tuple, make) -> bytes:
        """``make()``'s JSON text, UTF-8 encoded, kept until the store changes or newer answers push it out."""
        key = (index.version,) + key
        with answers_lock:
            if key in answers:
                answers.move_to_end(key)
                return answers[key]
        body = make().encode("utf-8")
        with answers_lock:
            answers[key] = body
            total = sum(len(b) for b in answers.values())
            while total > ANSWERS_BYTES and len(answers) > 1:
                total -= len(answers.popitem(last=False)[1])
        return body

    def warm() -> None:
        """Compute what the first requests would wait for (the places' timelines, the default map and timeline, the labels).
        On PostgreSQL the places' timelines wait for the first /api/places: they read every event, which on a
        big shared store is minutes of work the map does not need."""
        if store.engine.dialect.name != "postgresql":
            places()
        api_map(Filters(), MAP_LIMIT)
        api_timeline(Filters())  # (the timeline page's default: every event per day, a scan of an index on PostgreSQL)
        api_admin_areas()

    app.state.warm = warm
    gazetteer_places: dict = {}
    gazetteer_lock = threading.Lock()

    def place_by_id(gid: str) -> dict | None:
        """A gazetteer place by its id, for a reviewer's `location.gazetteer_id` (the gazetteer read at the first one)."""
        from ..geo import Gazetteer

        with gazetteer_lock:
            if not gazetteer_places:
                gazetteer_places.update({p.id: p for p in Gazetteer.load(Path(gazetteer)).places})
            p = gazetteer_places.get(gid)
        return None if p is None else {"gazetteer_id": p.id, "name": p.name_en, "name_ar": p.name_ar, "lat": p.lat,
                                       "lon": p.lon, "admin1": p.adm1 or None}

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
                   limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        """Report events, filtered, sorted and paged (as reviewed). ``total_estimated``: ``total`` is PostgreSQL's
        estimate (a filter keeping more than 10,000 events, on a PostgreSQL store), not an exact count."""
        _sort_params(sort, order)
        total, rows = index.events(f, sort, order, limit, offset)
        return {"total": total, "total_estimated": total.estimated, "offset": offset, "items": rows}

    @app.get("/api/map", tags=["api"])
    def api_map(f: Filters = Depends(event_filters), limit: int = Query(MAP_LIMIT, ge=1, le=MAP_LIMIT)):
        """A GeoJSON FeatureCollection of the filtered events' first locations (the latest ``limit``, at most 5,000).
        ``total_estimated``: ``total`` is PostgreSQL's estimate (more events than the points shown, on PostgreSQL)."""
        return Response(remembered(("map", repr(f), limit), lambda: map_body(f, limit)), media_type="application/json")

    def map_body(f: Filters, limit: int) -> str:
        total, rows = index.map_points(f, limit)
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                  "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}} for r in rows]
        # serialised here: 5,000 features through the framework's generic encoder take several times longer
        return json.dumps({"type": "FeatureCollection", "total": total, "total_estimated": total.estimated,
                           "shown": len(feats), "features": feats},
                          ensure_ascii=False, separators=(",", ":"))

    @app.get("/api/timeline", tags=["api"])
    def api_timeline(f: Filters = Depends(event_filters)):
        """Events per day and type."""
        # serialised here, and kept: tens of thousands of rows through the framework's encoder took a second
        return Response(remembered(("timeline", repr(f)), lambda: json.dumps(
            index.timeline(f), ensure_ascii=False, separators=(",", ":"))), media_type="application/json")

    def event_record(event_id: str) -> dict:
        from ..review import apply, load_reviews, trail

        _id("event id", event_id)
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
        _id("article id", doc_id)
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

        _id("reconciled event id", recon_id)
        with store.engine.connect() as c:
            row = c.execute(select(reconciled.c.record).where(reconciled.c.recon_id == recon_id)).first()
        if row is None:
            raise HTTPException(404, f"no reconciled event {recon_id}")
        return json.loads(row[0])

    @app.get("/api/places", tags=["api"])
    def api_places(name: str = Query(..., min_length=1, max_length=MAX_TEXT, description="Arabic or English name"),
                   limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   items: int = Query(100, ge=1, le=1000), items_offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        """Control timelines of the places matching a name: ``limit`` places from ``offset``; of each, ``items``
        claims, intervals and conflicting pairs from ``items_offset`` (``n_claims``, ``n_intervals``,
        ``n_conflicts`` give the totals: Aleppo has tens of thousands of conflicting pairs)."""
        return Response(remembered(("places", name, limit, offset, items, items_offset), lambda: json.dumps(
            place_timelines(name, limit, offset, items, items_offset), ensure_ascii=False, separators=(",", ":"))),
            media_type="application/json")

    def claim_check(claim: str, date: str | None) -> dict:
        """The claim check of the CLI and the Python API (:func:`rasid.check.check`), on this app's store and
        gazetteer: the same function, so the same answer."""
        from .. import get_pipeline
        from ..check import check
        from ..clean import NotArabicError

        if not claim.strip():
            raise HTTPException(422, "the claim is empty")
        try:
            return check(store, claim, published=_date_param("date", date), pipeline=get_pipeline(gazetteer)).as_dict()
        except NotArabicError as e:
            raise HTTPException(422, f"the claim must be Arabic text ({e})")

    @app.get("/api/check", tags=["api"])
    def api_check(claim: str = Query(..., min_length=1, max_length=MAX_CLAIM, description="The claim, in Arabic"),
                  date: str | None = Query(None, max_length=10, description="The claim's date of reference (YYYY-MM-DD)")):
        """Check a claim against the stored reports (as `rasid check CLAIM --json`): what was read, the verdict,
        its reasons, and the reports that support, contradict or discuss it, each with its stance and why."""
        # not remembered: another process may add reports to the store; the check itself reads only what changed
        return claim_check(claim, date)

    def place_timelines(name: str, limit: int, offset: int, items: int, items_offset: int) -> list[dict]:
        return [_page_lists(t, items, items_offset) for t in places().find(name)[offset:offset + limit]]

    @app.get("/api/outlets/{outlet}", tags=["api"])
    def api_outlet(outlet: str):
        """An outlet's events by type and the framing markers it uses."""
        return outlet_data(outlet)

    def outlet_data(outlet: str) -> dict:
        from collections import Counter

        _id("outlet", outlet)
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

    @app.get("/api/reviews/flags", tags=["api"])
    def api_review_flags():
        """Reviewers' decisions carried to an edited article's events that ask a second look, newest first:
        ``field`` says how the events matched ("edited": the clause changed; "retyped": coded as another type;
        "lost": no event of the new version matches, ``target_id`` is the old event). A later review of the
        event settles a flag."""
        from ..review import flags

        return flags(store)

    @app.get("/api/reviews", tags=["api"])
    def api_reviews():
        """The whole audit trail of review actions."""
        from ..review import trail

        return trail(store)

    def body(payload) -> dict:
        if not isinstance(payload, dict):
            raise HTTPException(400, "a JSON object is required")
        return payload

    @app.post("/api/events/{event_id}/review", tags=["review"])
    def api_review(event_id: str, payload: dict, request: Request):
        """Confirm, correct (``field``, ``value``) or reject a report event, with an optional ``note``
        (only with --review, logged in as a reviewer; the trail records the account, not a typed name)."""
        from ..review import ReviewError, review_event

        _id("event id", event_id)
        payload = body(payload)
        try:
            rec = review_event(store, event_id, payload.get("action", ""), writer(request),
                               payload.get("field"), payload.get("value"), payload.get("note"), place=place_by_id)
        except StoreBusy as e:  # a run (or another writer) holds the store: nothing was written
            raise HTTPException(409, str(e))
        except KeyError:
            raise HTTPException(404, f"no event {event_id}")
        except ReviewError as e:
            raise HTTPException(400, str(e))
        index.rebuild()
        return {"event": rec, "rejected": rec is None}

    @app.post("/api/reconciled/{recon_id}/merge", tags=["review"])
    def api_merge(recon_id: str, payload: dict, request: Request):
        """Merge another reconciled event (``other``) into this one; both must exist."""
        from ..review import ReviewError, merge_reconciled

        _id("reconciled event id", recon_id)
        other = body(payload).get("other", "")
        if isinstance(other, str):
            _id("reconciled event id", other.strip())
        try:
            merge_reconciled(store, recon_id, other, writer(request))
        except StoreBusy as e:
            raise HTTPException(409, str(e))
        except KeyError as e:
            raise HTTPException(404, f"no reconciled event {e}")
        except ReviewError as e:
            raise HTTPException(400, str(e))
        index.rebuild()
        return {"recon_id": recon_id}

    @app.post("/api/reconciled/{recon_id}/split", tags=["review"])
    def api_split(recon_id: str, payload: dict, request: Request):
        """Take one report (``event_id``) out into a reconciled event of its own."""
        from ..review import ReviewError, split_reconciled

        _id("reconciled event id", recon_id)
        try:
            new = split_reconciled(store, recon_id, body(payload).get("event_id", ""), writer(request))
        except StoreBusy as e:
            raise HTTPException(409, str(e))
        except KeyError as e:
            raise HTTPException(404, f"not a report of {recon_id}: {e}")
        except ReviewError as e:
            raise HTTPException(400, str(e))
        index.rebuild()
        return {"recon_id": new}

    # ------------------------------------------------------------------ accounts
    def start_session(request: Request, resp: Response, user: str, role: str) -> auth.Session:
        sessions.drop(request.cookies.get(auth.SESSION_COOKIE))  # a new id at each login (no session fixation)
        sid, sess = sessions.create(user, role)
        resp.set_cookie(auth.SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        path="/")
        return sess

    def try_login(request: Request, name: str, password: str) -> str | None:
        """The role, or None; raises 429 while the client or the name has had too many failures."""
        keys = ("ip:" + (request.client.host if request.client else "?"), "user:" + name[:64])
        wait = logins.blocked(*keys)
        if wait:
            raise HTTPException(429, f"too many failed logins: try again in {int(wait) + 1} seconds",
                                headers={"Retry-After": str(int(wait) + 1)})
        role = auth.verify(store, name, password)
        if role is None:
            logins.fail(*keys)
        else:
            logins.clear(keys[1])
        return role

    @app.post("/api/login", tags=["accounts"])
    def api_login(payload: dict, request: Request, response: Response):
        """Log in with ``name`` and ``password``: sets the session cookie; send the returned ``csrf`` as the
        X-CSRF-Token header with every change."""
        payload = body(payload)
        name, password = payload.get("name"), payload.get("password")
        if not isinstance(name, str) or not isinstance(password, str):
            raise HTTPException(400, "name and password are required")
        role = try_login(request, name, password)
        if role is None:
            raise HTTPException(401, "wrong name or password")
        sess = start_session(request, response, name, role)
        return {"user": name, "role": role, "csrf": sess.csrf}

    @app.get("/api/session", tags=["accounts"])
    def api_session(request: Request):
        """Who is logged in (null when nobody), with the session's CSRF token."""
        s = request.state.session
        return {"user": s.user, "role": s.role, "csrf": s.csrf} if s else {"user": None, "role": None, "csrf": None}

    @app.post("/api/logout", tags=["accounts"])
    def api_logout(request: Request, response: Response):
        sessions.drop(request.cookies.get(auth.SESSION_COOKIE))
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return {"user": None}

    def safe_next(nxt: str | None) -> str:
        """Only a path of this site (never '//other.site' nor a scheme) to go to after logging in."""
        nxt = nxt or "/"
        return nxt if nxt.startswith("/") and not nxt.startswith(("//", "/\\")) and len(nxt) <= MAX_TEXT else "/"

    def login_form(request: Request, nxt: str, error: str | None = None, status: int = 200) -> HTMLResponse:
        import secrets

        token = secrets.token_urlsafe(24)
        resp = page(request, "login.html", next=safe_next(nxt), csrf_login=token, error=error)
        resp.status_code = status
        resp.set_cookie(auth.LOGIN_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/login", max_age=3600)
        return resp

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = Query("/", max_length=MAX_TEXT)):
        return login_form(request, next)

    @app.post("/login", include_in_schema=False)
    def login_submit(request: Request, name: str = Form(..., max_length=64), password: str = Form(..., max_length=1024),
                     csrf: str = Form(""), next: str = Form("/", max_length=MAX_TEXT)):
        if not auth.same_token(csrf, request.cookies.get(auth.LOGIN_COOKIE)):
            return login_form(request, next, "the login form had expired: try again", 403)
        try:
            role = try_login(request, name, password)
        except HTTPException as e:
            return login_form(request, next, str(e.detail), e.status_code)
        if role is None:
            return login_form(request, next, "wrong name or password", 401)
        resp = RedirectResponse(safe_next(next), status_code=303)
        start_session(request, resp, name, role)
        resp.delete_cookie(auth.LOGIN_COOKIE, path="/login")
        return resp

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request):
        sessions.drop(request.cookies.get(auth.SESSION_COOKIE))
        resp = RedirectResponse("/", status_code=303)
        resp.delete_cookie(auth.SESSION_COOKIE, path="/")
        return resp

    # ------------------------------------------------------------------ pages
    def page(request: Request, template: str, **ctx) -> HTMLResponse:
        s = getattr(request.state, "session", None)
        ctx.update(user=s.user if s else None, role=s.role if s else None, csrf=s.csrf if s else "",
                   can_review=review and s is not None and s.role in auth.WRITERS)
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
                    sort: str = "date", order: str = "desc", offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        _sort_params(sort, order)
        total, rows = index.events(f, sort, order, 50, offset)
        return page(request, "events.html", total=total, rows=rows, offset=offset, sort=sort, order=order,
                    facets=index.facets(), args=dict(request.query_params))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str, error: str | None = Query(None, max_length=2 * MAX_TEXT)):
        from ..review import FIELDS, STATUSES

        data = event_record(event_id)
        return page(request, "event.html", **data, fields=list(FIELDS), statuses=STATUSES, error=error,
                    facets=index.facets())

    @app.post("/events/{event_id}/review", include_in_schema=False)
    def event_review_form(request: Request, event_id: str, action: str = Form(...), field: str | None = Form(None),
                          value: str | None = Form(None), note: str | None = Form(None)):
        from ..review import ReviewError, review_event

        _id("event id", event_id)
        try:
            review_event(store, event_id, action, writer(request), field if action == "correct" else None, value, note,
                         place=place_by_id)
        except KeyError:
            raise HTTPException(404, f"no event {event_id}")
        except (ReviewError, StoreBusy) as e:  # (busy: a run holds the store; the form says so, nothing written)
            return RedirectResponse(f"/events/{quote(event_id)}?error={quote(str(e)[:2 * MAX_TEXT])}", status_code=303)
        index.rebuild()
        return RedirectResponse(f"/events/{quote(event_id)}", status_code=303)

    @app.get("/articles/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str):
        d = article_data(doc_id)
        spans = [(ev["start"], ev["end"], e["event_id"]) for e in d["events"] for ev in e.get("evidence") or []]
        return page(request, "article.html", doc=d, segments=segments(d["text"], spans))

    @app.get("/reconciled/{recon_id}", response_class=HTMLResponse, include_in_schema=False)
    def reconciled_page(request: Request, recon_id: str):
        return page(request, "reconciled.html", r=api_reconciled(recon_id))

    @app.post("/reconciled/{recon_id}/merge", include_in_schema=False)
    def merge_form(request: Request, recon_id: str, other: str = Form(..., max_length=MAX_TEXT)):
        api_merge(recon_id, {"other": other.strip()}, request)
        return RedirectResponse(f"/reconciled/{quote(recon_id)}", status_code=303)

    @app.post("/reconciled/{recon_id}/split", include_in_schema=False)
    def split_form(request: Request, recon_id: str, event_id: str = Form(..., max_length=MAX_TEXT)):
        new = api_split(recon_id, {"event_id": event_id}, request)["recon_id"]
        return RedirectResponse(f"/reconciled/{quote(new)}", status_code=303)

    @app.get("/api/admin-areas", tags=["api"])
    def api_admin_areas():
        """Governorates (admin level 1) of the gazetteer, for the map's labels."""
        with index.lock:
            if admin_areas:
                return admin_areas[0]
        found = _admin_areas(gazetteer)
        with index.lock:
            admin_areas[:] = [found]
        return found

    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, name: str = Query("", max_length=MAX_TEXT)):
        return page(request, "place.html", name=name, timelines=place_timelines(name, 20, 0, 100, 0) if name else [])

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_page(request: Request, claim: str = Query("", max_length=MAX_CLAIM), date: str | None = Query(None, max_length=10)):
        res = claim_check(claim, date or None) if claim.strip() else None
        return page(request, "check.html", claim=claim, date=date or "", res=res)

    @app.get("/outlets/{outlet}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, outlet: str):
        return page(request, "outlet.html", o=outlet_data(outlet))

    from .watch_pages import add_watch_pages  # `rasid watch`: sources and alerts (issue 19)

    add_watch_pages(app, store, page)
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
