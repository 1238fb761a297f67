"""Who may change what in `rasid serve`, what a browser shows, and what bad input gets.

Stands alone: a store coded from three invented articles (no ../shared needed).
"""
import json
import warnings
from html.parser import HTMLParser

import pytest

from conftest import copy_db

warnings.filterwarnings("ignore", message=".*httpx.*")

PASSWORD = "a long enough password"
ARTICLES = [
    {"doc_id": "inv-1", "outlet": "مثال نيوز", "published": "2019-03-04", "title": "قصف على بلدة",
     "text": "قصفت قوات النظام اليوم الاثنين بقذائف المدفعية بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة "
             "مدنيين، بحسب الدفاع المدني."},
    {"doc_id": "inv-2", "outlet": "شبكة تجريبية", "published": "2019-03-06", "title": "اشتباكات",
     "text": "اندلعت اشتباكات عنيفة أمس الثلاثاء بين فصائل المعارضة وقوات النظام على أطراف قرية الزلاقيات بريف حماة "
             "الشمالي، أسفرت عن مقتل خمسة عناصر من قوات النظام."},
    {"doc_id": "inv-3", "outlet": "موقع تجريبي", "published": "2019-03-09", "title": "غارة",
     "text": "شنت طائرات حربية روسية اليوم السبت غارات جوية على مدينة خان شيخون بريف إدلب، ما أدى إلى مقتل طفلين "
             "وإصابة آخرين."},
]


@pytest.fixture(autouse=True, scope="module")
def cheap_hashes():
    """argon2id with its lightest parameters: the same checks, a fraction of the time and memory per login."""
    from argon2 import PasswordHasher

    from rasid.web import auth

    mp = pytest.MonkeyPatch()
    mp.setattr(auth, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    mp.undo()


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline, cheap_hashes):
    """The invented articles coded and reconciled, with a reviewer, an admin and a viewer account."""
    from rasid.runner import run
    from rasid.store import Store
    from rasid.web.auth import add_user

    d = tmp_path_factory.mktemp("websec")
    src = d / "invented.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    st = Store(d / "rasid.db")
    run([str(src)], st, pipeline)
    add_user(st, "rana", "reviewer", PASSWORD)
    add_user(st, "adam", "admin", PASSWORD)
    add_user(st, "vera", "viewer", PASSWORD)
    return d / "rasid.db"


@pytest.fixture()
def db(built, tmp_path):
    """A copy of the store for one test to change."""
    path = tmp_path / "rasid.db"
    copy_db(built, path)
    return path


def client(db, base_url="http://127.0.0.1:8000", **kw):
    from fastapi.testclient import TestClient

    from rasid.web.app import create_app

    kw.setdefault("review", True)
    return TestClient(create_app(str(db), **kw), base_url=base_url)


def login(c, name, password=PASSWORD) -> dict:
    """Log in through the browser's form; the session's CSRF token as a header for the JSON API."""
    page = c.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    r = c.post("/login", data={"name": name, "password": password, "csrf": token, "next": "/events"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}


def form_token(c, path) -> str:
    return c.get(path).text.split('name="csrf" value="')[1].split('"')[0]


class Visible(HTMLParser):
    """The text a browser shows (no tags, entities decoded, no script or style)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    p = Visible()
    p.feed(html)
    return " ".join(p.parts)


def state(db):
    """What a change would alter: every event record as reviewed, and the audit trail."""
    from rasid.review import trail
    from rasid.store import Store

    st = Store(db)
    return list(st.iter_events(reviewed=True)), trail(st)


def first_event(c) -> str:
    return c.get("/api/events", params={"sort": "date", "order": "asc"}).json()["items"][0]["event_id"]


# ---------------------------------------------------------------- what a user sees

def test_pages_show_links_and_names_not_html_source(db):
    c = client(db, review=False)
    html = c.get("/events").text
    shown = visible_text(html)
    assert "<" not in shown and "&lt;" not in shown and "&amp;" not in shown
    assert '<th><a href="?sort=date&amp;order=asc">Date ▼</a></th>' in html  # the header is a link to sort by
    assert "Date ▼" in shown and "Evidence" in shown
    top = c.get("/api/events", params={"sort": "fatalities", "order": "desc"}).json()["items"][0]
    assert top["fatalities"]
    shown = visible_text(c.get(f"/reconciled/{top['recon_id']}").text)
    assert "<" not in shown and "&lt;" not in shown and "bdi" not in shown
    assert f"best {top['fatalities']} (" in shown  # the 'killed' line of the issue, a macro's output


def test_bidi_controls_stay_visible_inside_macro_output():
    from rasid.web.app import _finalize
    from markupsafe import Markup

    assert _finalize("a\u202eb") == "a⟦U+202E⟧b"
    m = Markup('<a href="?x=1&amp;y=2">Date</a>')
    assert _finalize(m) is m  # a macro's markup is not escaped again


# ---------------------------------------------------------------- who may change what

def test_a_cross_site_form_post_is_refused_and_changes_nothing(db):
    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    token = form_token(c, f"/events/{eid}")
    before = state(db)
    # the attack of the issue: another site's page posting the form with the analyst's cookie
    r = c.post(f"/events/{eid}/review", data={"action": "reject", "who": "attacker", "csrf": token},
               headers={"Origin": "http://evil.example"}, follow_redirects=False)
    assert r.status_code == 403
    r = c.post(f"/events/{eid}/review", data={"action": "reject", "who": "attacker"},
               headers={"Referer": "http://evil.example/page"}, follow_redirects=False)
    assert r.status_code == 403
    # a same-site post without the token (another tab, a guessed URL), and a foreign token
    assert c.post(f"/events/{eid}/review", data={"action": "reject"}, follow_redirects=False).status_code == 403
    assert c.post(f"/events/{eid}/review", data={"action": "reject", "csrf": "x" * 43}, follow_redirects=False).status_code == 403
    assert c.post(f"/api/events/{eid}/review", json={"action": "reject"}).status_code == 403
    assert c.post(f"/api/events/{eid}/review", json={"action": "reject"},
                  headers={**headers, "Origin": "null"}).status_code == 403
    assert state(db) == before


def test_a_foreign_host_is_refused_and_changes_nothing(db):
    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    before = state(db)
    # DNS rebinding: evil.example now resolves to 127.0.0.1, so the browser sends its own origin and host
    evil = {"Host": "evil.example:8765", "Origin": "http://evil.example:8765"}
    r = c.post(f"/events/{eid}/review", data={"action": "reject", "who": "attacker"}, headers=evil, follow_redirects=False)
    assert r.status_code == 400 and "Host" in r.json()["detail"]
    assert c.post(f"/api/events/{eid}/review", json={"action": "reject"}, headers={**headers, **evil}).status_code == 400
    assert c.get("/api/events", headers={"Host": "evil.example"}).status_code == 400  # reading too
    assert state(db) == before
    # localhost's names and --allow-host's pass
    assert c.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
    assert client(db, allow_hosts=["rasid.example.org"]).get("/api/health", headers={"Host": "rasid.example.org"}).status_code == 200


def test_a_reviewer_logs_in_and_edits_and_the_trail_names_the_account(db):
    c = client(db)
    assert c.get("/login").status_code == 200
    login(c, "rana")
    eid = first_event(c)
    page = c.get(f"/events/{eid}").text
    assert 'id="review-form"' in page and 'name="who"' not in page and "rana (reviewer)" in visible_text(page)
    token = form_token(c, f"/events/{eid}")
    r = c.post(f"/events/{eid}/review", data={"action": "correct", "field": "status", "value": "hedged", "who": "someone else",
                                                "csrf": token}, headers={"Origin": "http://127.0.0.1:8000"},
               follow_redirects=False)
    assert r.status_code == 303 and "error" not in r.headers["location"]
    assert c.get(f"/api/events/{eid}").json()["event"]["status"] == "hedged"
    trail = c.get("/api/reviews").json()
    assert [(t["who"], t["action"], t["new"]) for t in trail] == [("rana", "correct", "hedged")]
    # an admin too; through the JSON API, with the token header
    c2 = client(db)
    r = c2.post("/api/login", json={"name": "adam", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["role"] == "admin"
    assert c2.post(f"/api/events/{eid}/review", json={"action": "confirm", "who": "rana"},
                   headers={"X-CSRF-Token": r.json()["csrf"]}).status_code == 200
    assert [t["who"] for t in c2.get("/api/reviews").json()] == ["rana", "adam"]


def test_a_viewer_and_a_stranger_cannot_change_anything(db):
    anon = client(db)
    eid = first_event(anon)
    before = state(db)
    page = anon.get(f"/events/{eid}").text
    assert 'id="review-form"' not in page and 'href="/login' in page
    assert anon.post(f"/api/events/{eid}/review", json={"action": "reject"}).status_code == 401
    assert anon.post(f"/events/{eid}/review", data={"action": "reject", "who": "x"}, follow_redirects=False).status_code == 401
    viewer = client(db)
    headers = login(viewer, "vera")
    assert 'id="review-form"' not in viewer.get(f"/events/{eid}").text
    r = viewer.post(f"/api/events/{eid}/review", json={"action": "reject"}, headers=headers)
    assert r.status_code == 403 and "viewer" in r.json()["detail"]
    rid = anon.get("/api/events").json()["items"][0]["recon_id"]
    assert viewer.post(f"/api/reconciled/{rid}/split", json={"event_id": eid}, headers=headers).status_code == 403
    # without --review nobody writes: not even a login is taken
    ro = client(db, review=False)
    assert ro.post("/api/login", json={"name": "rana", "password": PASSWORD}).status_code == 403
    assert ro.post(f"/api/events/{eid}/review", json={"action": "reject"}).status_code == 403
    assert state(db) == before


def test_a_removed_account_loses_its_session(db):
    from rasid.store import Store
    from rasid.web.auth import remove_user

    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    assert remove_user(Store(db), "rana")
    assert c.post(f"/api/events/{eid}/review", json={"action": "confirm"}, headers=headers).status_code == 401
    assert c.get("/api/session").json()["user"] is None


def test_session_cookie_flags_and_login_rate_limit(db):
    c = client(db)
    r = c.post("/api/login", json={"name": "rana", "password": PASSWORD})
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Secure" not in cookie
    tls = client(db, base_url="https://127.0.0.1")
    assert "Secure" in tls.post("/api/login", json={"name": "rana", "password": PASSWORD}).headers["set-cookie"]
    c = client(db)
    codes = [c.post("/api/login", json={"name": "rana", "password": "wrong guess"}).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    # the right password no longer helps while the window lasts, through the form either
    assert c.post("/api/login", json={"name": "rana", "password": PASSWORD}).status_code == 429
    page = c.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    r = c.post("/login", data={"name": "rana", "password": PASSWORD, "csrf": token}, follow_redirects=False)
    assert r.status_code == 429 and "too many failed logins" in r.text
    assert c.get("/api/session").json()["user"] is None


def test_login_form_needs_its_token_and_goes_only_to_this_site(db):
    c = client(db)
    r = c.post("/login", data={"name": "rana", "password": PASSWORD, "csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 403 and c.get("/api/session").json()["user"] is None
    token = form_token(c, "/login")
    r = c.post("/login", data={"name": "rana", "password": PASSWORD, "csrf": token, "next": "//evil.example/x"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_private_app_needs_a_login_to_read(db):
    c = client(db, review=False, private=True)
    r = c.get("/events", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert c.get("/api/events").status_code == 401
    assert c.get("/openapi.json").status_code == 401
    assert c.get("/static/style.css").status_code == 200
    login(c, "vera")
    assert c.get("/events").status_code == 200 and c.get("/api/events").json()["total"] >= 1


# ---------------------------------------------------------------- what a review may say

def test_a_bad_correction_is_refused_and_the_app_and_export_still_work(db, tmp_path):
    from typer.testing import CliRunner

    from rasid.cli import app

    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    before = state(db)
    token = form_token(c, f"/events/{eid}")
    r = c.post(f"/events/{eid}/review", data={"action": "correct", "field": "date.start", "value": "not a date", "csrf": token},
               follow_redirects=False)
    assert r.status_code == 303 and "error=" in r.headers["location"]
    assert "not a YYYY-MM-DD date" in visible_text(c.get(r.headers["location"]).text)
    bad = [("date.start", "not a date"), ("date.end", "2019-02-30"), ("date.start", "0019-03-04"),
           ("fatalities.value", -3), ("fatalities.value", "1.5"), ("fatalities.value", "٣"), ("fatalities.value", True),
           ("event_type", "War"), ("sub_event_type", "Massacre"), ("status", "maybe"), ("actor1", "Nobody"),
           ("actor1", ""), ("location.name", "x" * 500), ("review", "x"), ("date.start", ["2019-03-04"])]
    for field, value in bad:
        r = c.post(f"/api/events/{eid}/review", json={"action": "correct", "field": field, "value": value}, headers=headers)
        assert r.status_code == 400, (field, value, r.text)
    r = c.post(f"/api/events/{eid}/review", json={"action": "confirm", "note": "n" * 2001}, headers=headers)
    assert r.status_code == 400 and "2000" in r.json()["detail"]
    r = c.post(f"/api/events/{eid}/review", json={"action": "confirm", "note": "n" * 5_000_000}, headers=headers)
    assert r.status_code == 413
    assert state(db) == before
    assert c.get("/timeline").status_code == 200
    out = tmp_path / "x"
    r = CliRunner().invoke(app, ["export", "--db", str(db), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert (out / "events.jsonl").read_text(encoding="utf-8").count("\n") == len(before[0])


def test_good_corrections_are_normalised_and_the_type_follows_its_sub_type(db):
    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    for field, value in (("fatalities.value", "7"), ("date.end", "2019-03-05"), ("sub_event_type", "Air/drone strike"),
                         ("actor2", ""), ("actor1", "Russian forces")):
        r = c.post(f"/api/events/{eid}/review", json={"action": "correct", "field": field, "value": value}, headers=headers)
        assert r.status_code == 200, r.text
    e = c.get(f"/api/events/{eid}").json()["event"]
    assert e["fatalities"]["value"] == 7 and e["date"]["end"] == "2019-03-05"
    assert (e["event_type"], e["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert e["actor2"] is None and e["actor1"]["id"] == "Russian forces"
    # a type that does not hold the sub-type is refused with what to do instead
    r = c.post(f"/api/events/{eid}/review", json={"action": "correct", "field": "event_type", "value": "Protests"}, headers=headers)
    assert r.status_code == 400 and "correct sub_event_type instead" in r.json()["detail"]
    r = c.post(f"/api/events/{eid}/review", json={"action": "correct", "field": "date.start", "value": "2019-03-06"}, headers=headers)
    assert r.status_code == 400 and "after date.end" in r.json()["detail"]


def test_a_place_is_corrected_by_a_gazetteer_id_that_exists(db, tmp_path):
    from pathlib import Path

    from rasid.export import export_all
    from rasid.geo import Gazetteer, find_gazetteer
    from rasid.store import Store

    place = next(p for p in Gazetteer.load(Path(find_gazetteer(None))).places if p.lat is not None)
    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    before = state(db)
    for bad in ("nowhere:1", "", {"gazetteer_id": "x", "lat": 1, "lon": 2}, ["x"]):  # a place must come from the gazetteer
        r = c.post(f"/api/events/{eid}/review", json={"action": "correct", "field": "location.gazetteer_id", "value": bad},
                   headers=headers)
        assert r.status_code == 400, bad
    assert state(db) == before
    r = c.post(f"/api/events/{eid}/review", json={"action": "correct", "field": "location.gazetteer_id", "value": place.id},
               headers=headers)
    assert r.status_code == 200, r.text
    loc = r.json()["event"]["locations"][0]
    assert (loc["gazetteer_id"], loc["lat"], loc["lon"], loc["geo_precision"]) == (place.id, place.lat, place.lon, 1)
    paths = export_all(Store(db), tmp_path / "x")
    exported = {json.loads(x)["event_id"]: json.loads(x) for x in open(paths["events.jsonl"], encoding="utf-8")}
    assert exported[eid]["locations"][0]["gazetteer_id"] == place.id


def test_a_bad_value_stored_before_validation_is_left_out_not_trusted(db, tmp_path):
    """A store reviewed by an older rasid (which took 'not a date') still serves and exports."""
    from sqlalchemy import insert

    from rasid.export import export_all
    from rasid.store import Store, reviews

    st = Store(db)
    eid = first_event(client(db, review=False))
    with st.engine.begin() as conn:
        conn.execute(insert(reviews).values(target="event", target_id=eid, action="correct", field="date.start",
                                            old=None, new=json.dumps("not a date"), who="old", at="2026-12-01T00:00:00+00:00"))
    c = client(db, review=False)
    assert c.get("/timeline").status_code == 200 and c.get(f"/events/{eid}").status_code == 200
    assert c.get(f"/api/events/{eid}").json()["event"]["date"]["start"] != "not a date"
    paths = export_all(st, tmp_path / "x")
    assert "not a date" not in open(paths["events.jsonl"], encoding="utf-8").read()


def test_merge_and_split_only_between_ids_that_exist(db):
    c = client(db)
    headers = login(c, "adam")
    items = c.get("/api/events").json()["items"]
    rid = items[0]["recon_id"]
    before = state(db)
    members = c.get(f"/api/reconciled/{rid}").json()["n_reports"]
    # into an invented id, from an invented id, with itself, a non-string
    assert c.post("/api/reconciled/recon:doesnotexist/merge", json={"other": rid}, headers=headers).status_code == 404
    assert c.post(f"/api/reconciled/{rid}/merge", json={"other": "rdoesnotexist00"}, headers=headers).status_code == 404
    assert c.post(f"/api/reconciled/{rid}/merge", json={"other": rid}, headers=headers).status_code == 400
    assert c.post(f"/api/reconciled/{rid}/merge", json={"other": ["x"]}, headers=headers).status_code == 400
    assert c.post(f"/api/reconciled/{rid}/split", json={"event_id": "nope"}, headers=headers).status_code == 404
    assert c.get(f"/api/reconciled/{rid}").json()["n_reports"] == members
    assert c.get("/api/reconciled/recon:doesnotexist").status_code == 404
    assert state(db) == before


def test_merges_and_splits_survive_reconcile_full(db):
    from rasid.reconcile import reconcile
    from rasid.store import Store

    c = client(db)
    headers = login(c, "rana")
    a, b, d = (e["event_id"] for e in c.get("/api/events", params={"sort": "date", "order": "asc"}).json()["items"][:3])

    def groups():
        return {e["event_id"]: e["recon_id"] for e in client(db, review=False).get("/api/events").json()["items"]}

    g = groups()
    assert len({g[a], g[b], g[d]}) == 3  # three events the reconciler keeps apart
    assert c.post(f"/api/reconciled/{g[b]}/merge", json={"other": g[a]}, headers=headers).status_code == 200
    assert c.post(f"/api/reconciled/{g[b]}/merge", json={"other": g[d]}, headers=headers).status_code == 200
    split = c.post(f"/api/reconciled/{g[b]}/split", json={"event_id": d}, headers=headers).json()["recon_id"]
    made = groups()
    assert made[a] == made[b] != made[d] == split
    reconcile(Store(db), full=True)  # regroups every report from scratch: the reviewer's decisions still hold
    assert groups() == made
    assert client(db, review=False).get(f"/api/reconciled/{made[a]}").json()["n_reports"] == 2


# ---------------------------------------------------------------- bad input to the app and the API

@pytest.mark.parametrize("url", [
    "/api/events?limit=-1", "/api/events?limit=100000000", "/api/events?offset=-5",
    "/api/events?offset=99999999999999999999999999", "/api/events?limit=abc", "/api/events?sort=evil",
    "/api/events?sort=date;DROP TABLE ev", "/api/events?order=sideways", "/api/events?date_from=yesterday",
    "/api/events?q=" + "ق" * 300, "/api/events?" + "&".join(f"a{i}=x" for i in range(2000)),
    "/events?offset=-1", "/events?sort=nope", "/events?date_to=2019-13-45",
    "/api/map?limit=0", "/api/map?limit=1000000", "/api/timeline?date_from=x",
    "/api/places?name=", "/api/places?name=" + "x" * 300, "/api/places?name=x&limit=100000",
    "/api/events/" + "e" * 300, "/api/events/a%00b", "/api/articles/" + "d" * 300, "/api/reconciled/%1f",
    "/api/outlets/" + "o" * 300, "/places?name=" + "x" * 300,
])
def test_bad_input_gets_a_clear_4xx(db, url):
    c = client(db, review=False)
    r = c.get(url)
    assert 400 <= r.status_code < 500, (url[:80], r.status_code)
    assert r.json()["detail"]


def test_bad_request_bodies_get_a_4xx(db):
    c = client(db)
    headers = login(c, "rana")
    eid = first_event(c)
    for body in ([1, 2], "text", None):
        r = c.post(f"/api/events/{eid}/review", content=json.dumps(body), headers={**headers, "Content-Type": "application/json"})
        assert 400 <= r.status_code < 500, body
    r = c.post(f"/api/events/{eid}/review", json={"action": "explode"}, headers=headers)
    assert r.status_code == 400 and "confirm" in r.json()["detail"]
    assert c.post("/api/events/nope/review", json={"action": "confirm"}, headers=headers).status_code == 404


def test_places_timelines_are_computed_once_not_per_request(db, monkeypatch):
    import rasid.control

    calls = []
    real = rasid.control.control
    monkeypatch.setattr(rasid.control, "control", lambda store: calls.append(1) or real(store))
    c = client(db)
    for name in ("كفرنبل", "حماة", "Kafr Nabl", "كفرنبل"):
        assert c.get("/api/places", params={"name": name}).status_code == 200
    assert c.get("/places", params={"name": "الزلاقيات"}).status_code == 200
    assert len(calls) == 1
    headers = login(c, "rana")  # a change to the store: computed again, once
    assert c.post(f"/api/events/{first_event(c)}/review", json={"action": "confirm"}, headers=headers).status_code == 200
    c.get("/api/places", params={"name": "كفرنبل"})
    c.get("/api/places", params={"name": "حماة"})
    assert len(calls) == 2


def test_events_pages_and_apis_are_bounded(db):
    c = client(db, review=False)
    assert len(c.get("/api/events", params={"limit": 500}).json()["items"]) <= 500
    assert c.get("/api/map", params={"limit": 1}).json()["shown"] <= 1
    assert c.get("/api/places", params={"name": "كفرنبل", "limit": 1}).status_code == 200


# ---------------------------------------------------------------- the commands

def test_users_command_and_serve_refusing_an_open_review(built, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from rasid.cli import app
    from rasid.store import Store
    from rasid.web.auth import remove_user, verify

    path = tmp_path / "u.db"
    copy_db(built, path)
    for u in ("rana", "adam", "vera"):
        remove_user(Store(path), u)
    run = CliRunner().invoke
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: served.append(kw))  # never listen from a test
    # nobody can review on the network before an account exists: refused before anything listens
    r = run(app, ["serve", "--db", str(path), "--host", "0.0.0.0", "--review"])
    assert r.exit_code == 2 and "account" in r.output and not served
    # on this machine only it starts (and says nobody can log in yet); read-only on the network too
    assert run(app, ["serve", "--db", str(path), "--review"]).exit_code == 0
    assert run(app, ["serve", "--db", str(path), "--host", "0.0.0.0"]).exit_code == 0
    assert [kw["host"] for kw in served] == ["127.0.0.1", "0.0.0.0"]
    r = run(app, ["serve", "--db", str(path), "--gazetteer", str(tmp_path / "no-such-gazetteer")])
    assert r.exit_code == 2 and "no such file" in r.output and len(served) == 2
    r = run(app, ["users", "add", "sami", "--role", "reviewer", "--db", str(path), "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    assert run(app, ["users", "add", "x", "--role", "god", "--db", str(path), "--password-stdin"], input=PASSWORD + "\n").exit_code == 2
    assert run(app, ["users", "add", "y", "--db", str(path), "--password-stdin"], input="short\n").exit_code == 2
    r = run(app, ["users", "list", "--db", str(path)])
    assert r.output.split("\t")[:2] == ["sami", "reviewer"]
    assert verify(Store(path), "sami", PASSWORD) == "reviewer" and verify(Store(path), "sami", "wrong one") is None
    from sqlalchemy import select

    from rasid.store import users
    with Store(path).engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert run(app, ["users", "remove", "sami", "--db", str(path)]).exit_code == 0
    assert run(app, ["users", "remove", "sami", "--db", str(path)]).exit_code == 1


def test_the_taxonomy_is_the_specs():
    import re

    from conftest import SHARED
    from rasid.review import TAXONOMY

    spec = SHARED / "spec" / "event-model.md"
    if not spec.exists():
        pytest.skip("../shared/spec is not beside the project")
    rows = re.findall(r"^\| ([A-Z][^|]+?) \| ([^|]+?) \|$", spec.read_text(encoding="utf-8"), re.M)
    table = {t: tuple(s.strip() for s in subs.split(";")) for t, subs in rows if t != "event_type"}
    assert table == TAXONOMY
