"""`rasid watch` building blocks (issue 19): the config, polite fetching against a local server on
127.0.0.1 (faults: 500, timeout, redirect loop, robots.txt, size cap, 304), WARC provenance read back
by `rasid run`'s reader and by warcio. Invented Arabic text only."""
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rasid.ingest import read_warc
from rasid.watch.config import ConfigError, add_source, load_config, remove_source
from rasid.watch.fetch import Fetcher
from rasid.watch.provenance import WarcLog

PAGE = ("<html><head><title>غارات على ريف إدلب</title><meta property=\"og:site_name\" content=\"مثال نيوز\"></head>"
        "<body><article><p>شنت طائرات حربية اليوم غارات على مدينة خان شيخون ما أدى إلى مقتل ثلاثة مدنيين.</p>"
        "</article></body></html>").encode()
HITS: dict[str, int] = {}
STATE = {"edited": False}
ART = ("<html><head><title>{t}</title><meta property=\"og:site_name\" content=\"مثال نيوز\"></head><body><article>"
       "<p>{b}</p></article></body></html>")
ARTICLES = {
    "/news/1": ("قصف على خان شيخون", "قصفت قوات النظام اليوم الأحد بقذائف المدفعية مدينة خان شيخون بريف إدلب الجنوبي، "
                "ما أدى إلى مقتل أربعة مدنيين بحسب الدفاع المدني."),
    "/news/3": ("غارة على سراقب", "شنت طائرات حربية غارة على مدينة سراقب بريف إدلب الشرقي اليوم."),
    "/news/2": ("اشتباكات في ريف حماة", "اندلعت اشتباكات عنيفة اليوم الأحد بين فصائل المعارضة وقوات النظام قرب بلدة "
                "كفرنبودة بريف حماة الشمالي، وفق ما أفاد مصدر ميداني."),
}


def _feed(items):
    body = "".join(f"<item><title>خبر</title><link>{u}</link><guid>{u}</guid><pubDate>Sun, 01 Dec 2026 08:00:00 GMT</pubDate>"
                   f"<atom:updated xmlns:atom=\"http://www.w3.org/2005/Atom\">{upd}</atom:updated></item>" for u, upd in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>مثال</title>{body}</channel></rss>'.encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # (the client gave up: the timeout case)
            pass

    def do_GET(self):
        HITS[self.path] = HITS.get(self.path, 0) + 1
        p = self.path
        if p == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if p == "/feed.xml":
            if self.headers.get("If-None-Match") == '"f1"':
                return self.send(304)
            upd = "2026-12-01T09:00:00Z" if STATE["edited"] else "2026-12-01T08:00:00Z"
            host = f"http://{self.headers['Host']}"
            return self.send(200, _feed([(host + "/news/1", upd), (host + "/news/2", "x"), (host + "/private/3", "x"),
                                         (host + "/big", "x"), (host + "/loop-a", "x")]), "application/rss+xml",
                             [("ETag", '"f1"')])
        if p == "/feed2.xml":  # (with an ETag: a watcher killed half-way must not take the next 304 as "all done")
            if self.headers.get("If-None-Match") == '"f2"':
                return self.send(304)
            host = f"http://{self.headers['Host']}"
            return self.send(200, _feed([(host + "/news/1", "a"), (host + "/hang", "a"), (host + "/news/2", "a")]),
                             "application/rss+xml", [("ETag", '"f2"')])
        if p == "/hang":
            if STATE.get("hang"):
                time.sleep(8 if STATE["hang"] is True else STATE["hang"])
            t, b = ARTICLES["/news/1"]
            return self.send(200, ART.format(t="غارة على كفرنبل", b=b.replace("خان شيخون", "كفرنبل")).encode())
        if p.startswith("/sm-"):
            return self.sitemap(p)
        if p == "/broken.xml":
            return self.send(200, b"<rss><channel><item><link>oops", "application/rss+xml")
        if p in ARTICLES:
            t, b = ARTICLES[p]
            if p == "/news/1" and STATE["edited"]:
                b = b.replace("أربعة مدنيين", "تسعة مدنيين بينهم طفلان")
            return self.send(200, ART.format(t=t, b=b).encode())
        if p == "/page":
            if self.headers.get("If-None-Match") == '"v1"':
                return self.send(304)
            return self.send(200, PAGE, headers=[("ETag", '"v1"')])
        if p == "/fail":
            return self.send(500, b"oops")
        if p == "/slow":
            time.sleep(1.0)
            return self.send(200, PAGE)
        if p.startswith("/chain/"):  # a long chain of redirects (no loop)
            return self.send(302, headers=[("Location", f"/chain/{int(p[7:]) + 1}")])
        if p == "/list.html":  # a listing page: two article links among others
            return self.send(200, ('<html><body><nav><a href="/about">عن الموقع</a></nav><main>'
                                   '<h2><a href="/news/1">قصف</a></h2><h2><a href="news/2">اشتباكات</a></h2>'
                                   '<a href="/tag/idlib">إدلب</a></main></body></html>').encode())
        if p in ("/loop-a", "/loop-b"):
            return self.send(302, headers=[("Location", "/loop-b" if p == "/loop-a" else "/loop-a")])
        if p == "/big":
            return self.send(200, b"<p>" + "ن".encode() * 20000 + b"</p>")
        return self.send(404, b"none")


    def sitemap(self, p):
        host = f"http://{self.headers['Host']}"

        def index(children):
            return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + "".join(f"<sitemap><loc>{host}{u}</loc><lastmod>{m}</lastmod></sitemap>" for u, m in children)
                    + "</sitemapindex>").encode()

        def urlset(urls):
            return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                    + "".join(f"<url><loc>{host}{u}</loc><news:news><news:publication_date>2026-12-01T08:00:00Z"
                              "</news:publication_date></news:news></url>" for u in urls) + "</urlset>").encode()

        import gzip

        bodies = {
            # four children, newest first by <lastmod> whatever their order; max_sitemaps = 3 leaves out the oldest
            "/sm-index.xml": index([("/sm-old.xml", "2020-01-01"), ("/sm-b.xml", "2026-12-02"),
                                    ("/sm-a.xml.gz", "2026-12-03"), ("/sm-deep.xml", "2026-12-01")]),
            "/sm-a.xml.gz": gzip.compress(urlset(["/news/1"])),  # a gzip'd sitemap, served as a file (no Content-Encoding)
            "/sm-b.xml": urlset(["/news/2", "/news/1"]),
            "/sm-deep.xml": index([("/sm-deeper.xml", "2026-12-01")]),  # an index in an index: followed once more
            "/sm-deeper.xml": index([("/sm-c.xml", "2026-12-01")]),  # ... and no deeper
            "/sm-c.xml": urlset(["/news/3"]),
            "/sm-old.xml": urlset(["/news/3"]),
        }
        if p not in bodies:
            return self.send(404, b"none")
        return self.send(200, bodies[p], "application/x-gzip" if p.endswith(".gz") else "application/xml")


RECEIVED: list[dict] = []  # POSTs the webhook receiver answered 2xx: {"key": Idempotency-Key, "alert": ...}
TRIED: list[str] = []  # every POST it got, answered or not
HOOK = {"mode": "ok"}  # ok | 500 | hang


class Hook(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        key = self.headers.get("Idempotency-Key")
        TRIED.append(key)
        mode = HOOK["mode"]  # (as the request arrives: a hung answer ends after the test has moved on)
        if mode == "hang":
            time.sleep(3)
        status = 200 if mode == "ok" else 500
        if status == 200:
            RECEIVED.append({"key": key, "alert": json.loads(body)})
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def hook():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/alerts"
    srv.shutdown()


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def _fetcher(**kw):
    return Fetcher("rasid-test/0.1", timeout=0.3, retries=1, backoff=0.01, max_bytes=10_000, rate_limit=0, **kw)


def test_fetch_faults_are_results_never_exceptions(server):
    f = _fetcher()
    r = f.get(server + "/page")
    assert r.ok and r.body == PAGE and r.header("etag") == '"v1"'
    assert f.get(server + "/page", etag='"v1"').not_modified  # conditional GET: 304 on the second poll
    HITS.pop("/fail", None)
    r = f.get(server + "/fail")
    assert r.fault == "http_500" and HITS["/fail"] == 2  # one retry after a 5xx
    assert f.get(server + "/slow").fault == "timeout"
    assert f.get(server + "/loop-a").fault == "redirect_loop"
    r = f.get(server + "/chain/0")  # redirects bounded: max_redirects (5) followed, the sixth refused
    assert r.fault == "too_many_redirects" and len(r.hops) == 6 and HITS.get("/chain/6") is None
    assert f.get(server + "/private/x").fault == "robots" and "/private/x" not in HITS
    r = f.get(server + "/big")
    assert r.fault == "too_large" and r.truncated and len(r.raw) <= 10_000
    ua = dict(f.get(server + "/page").request_headers)
    assert "rasid" in ua["user-agent"].lower()
    f.close()


def test_warc_records_read_back_by_run_and_warcio(server, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    f = _fetcher()
    log = WarcLog(tmp_path / "warc", max_bytes=1)  # every record past the size: a new file each time
    r = f.get(server + "/page")
    c1 = log.write(r, "articles", {"WARC-Rasid-Doc-Id": "abc.v2", "WARC-Rasid-Outlet": "مثال نيوز",
                                    "WARC-Rasid-Published": "2026-12-01"})
    c2 = log.write(f.get(server + "/fail"), "other")
    log.close()
    assert c1.warc_file != c2.warc_file and "/articles/" in c1.warc_file and "/other/" in c2.warc_file
    [a] = list(read_warc(c1.warc_file))
    assert (a.doc_id, a.outlet, a.published, a.url) == ("abc.v2", "مثال نيوز", "2026-12-01", server + "/page")
    assert "خان شيخون" in a.raw
    [b] = list(read_warc(c1.warc_file, stream=io.BytesIO(c1.record)))
    assert b.raw == a.raw and b.doc_id == a.doc_id
    ids = {rec.rec_headers.get_header("WARC-Record-ID"): rec.rec_type for rec in ArchiveIterator(open(c1.warc_file, "rb"))}
    assert ids[c1.record_id] == "response" and "request" in ids.values() and "warcinfo" in ids.values()


def test_config_reads_checks_and_edits_sources(tmp_path):
    p = tmp_path / "watch.toml"
    p.write_text('# my desk\n[watch]\nout = "o"\nrate_limit = 0.5\n\n[[sources]]\nname = "a"\nurl = "http://127.0.0.1/feed"\n'
                 'outlet = "مثال نيوز"\n\n[[alerts]]\nname = "tolls"\nmin_fatalities = 5\n', encoding="utf-8")
    cfg = load_config(p)
    assert [s.name for s in cfg.sources] == ["a"] and cfg.sources[0].outlet == "مثال نيوز" and cfg.rules[0].min_fatalities == 5
    add_source(p, {"name": "b", "url": "http://127.0.0.1/list", "kind": "listing", "link_pattern": r"/news/\d+"})
    assert [s.name for s in load_config(p).sources] == ["a", "b"]
    with pytest.raises(ConfigError, match="there already"):
        add_source(p, {"name": "b", "url": "http://127.0.0.1/x"})
    with pytest.raises(ConfigError, match="link_pattern"):
        add_source(p, {"name": "c", "url": "http://127.0.0.1/x", "kind": "listing"})
    assert remove_source(p, "a") and not remove_source(p, "zz")
    cfg = load_config(p)
    assert [s.name for s in cfg.sources] == ["b"] and cfg.rules and p.read_text(encoding="utf-8").startswith("# my desk")
    p.write_text('[watch]\nuser_agent = "curl"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="name rasid"):
        load_config(p)


def _cfg(tmp_path, server, interval=0.1):
    p = tmp_path / "watch.toml"
    p.write_text(f"""[watch]
timeout = 0.6
retries = 1
backoff = 0.01
rate_limit = 0
max_bytes = 10000

[[sources]]
name = "feed"
url = "{server}/feed.xml"
outlet = "مثال نيوز"
interval = {interval}

[[alerts]]
name = "khan-shaykhun"
place = "خان شيخون"
within_km = 10

[[sources]]
name = "broken"
url = "{server}/broken.xml"

[[sources]]
name = "down"
url = "{server}/fail"

[[sources]]
name = "slow"
url = "{server}/slow"
""", encoding="utf-8")
    return load_config(p)


def test_watch_once_stores_each_article_once_logs_faults_and_versions_edits(server, tmp_path, pipeline):
    from sqlalchemy import select

    from rasid.store import Store
    from rasid.watch import tables as T
    from rasid.watch.loop import Watcher

    STATE["edited"] = False
    cfg = _cfg(tmp_path, server)
    store = Store(tmp_path / "rasid.db")
    Watcher(cfg, store, tmp_path / "out", pipeline).run(once=True)
    docs = {d["doc_id"]: d for d in store.iter_documents()}
    assert len(docs) == 2 and {d["outlet"] for d in docs.values()} == {"مثال نيوز"}
    with store.engine.connect() as c:
        faults = {(r.source, r.kind) for r in c.execute(select(T.faults))}
        status = {r.name: r for r in c.execute(select(T.sources))}
    assert {("feed", "robots"), ("feed", "too_large"), ("feed", "redirect_loop"), ("broken", "malformed"),
            ("down", "http_500"), ("slow", "timeout")} <= faults
    assert status["feed"].new_articles == 2 and status["down"].last_status.startswith("error")
    # second poll: the feed answers 304, nothing new, nothing doubled
    Watcher(cfg, store, tmp_path / "out", pipeline).run(once=True)
    assert len(list(store.iter_documents())) == 2
    with store.engine.connect() as c:
        assert c.execute(select(T.sources.c.last_status).where(T.sources.c.name == "feed")).scalar() == "not modified"
        c.execute(T.urls.delete().where(T.urls.c.url == f"{server}/feed.xml"))  # (forget the feed's ETag)
        c.commit()
    STATE["edited"] = True  # the outlet edits article 1: its <updated> changes
    Watcher(cfg, store, tmp_path / "out", pipeline).run(once=True)
    docs = {d["doc_id"]: d for d in store.iter_documents()}
    assert len(docs) == 3
    with store.engine.connect() as c:
        caps = {r.doc_id: r for r in c.execute(select(T.captures))}
    v2 = next(d for d in caps.values() if d.version == 2)
    assert v2.doc_id.endswith(".v2") and v2.supersedes == v2.doc_id[:-3] and "تسعة" in docs[v2.doc_id]["text"]
    # `rasid run` on the article WARCs makes the same documents
    from rasid.runner import run

    again = Store(tmp_path / "again.db")
    run([str(tmp_path / "out" / "warc" / "articles")], again, pipeline)
    other = {d["doc_id"]: d["content_hash"] for d in again.iter_documents()}
    assert other == {k: d["content_hash"] for k, d in docs.items()}
    # one alert for the strike on Khan Shaykhun, one update when the edit raised its toll; none repeated
    alerts = [json.loads(l) for l in open(tmp_path / "out" / "alerts.jsonl", encoding="utf-8")]
    assert [a["kind"] for a in alerts] == ["new", "update"] and len({a["alert_id"] for a in alerts}) == 1, alerts


def test_cli_watch_once_and_sources_list(server, tmp_path):
    import json
    import subprocess
    import sys

    STATE["edited"] = False
    cfg = _cfg(tmp_path, server).path
    run = [sys.executable, "-m", "rasid.cli"]
    r = subprocess.run(run + ["watch", str(cfg), "--once", "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    totals = json.loads(r.stdout.strip().splitlines()[-1])
    assert totals["new"] == 2 and totals["faults"] >= 5
    assert "robots" in (tmp_path / "o" / "watch.log").read_text(encoding="utf-8")
    r = subprocess.run(run + ["sources", "list", str(cfg), "--db", str(tmp_path / "o" / "rasid.db")], capture_output=True,
                       text=True, env={**__import__("os").environ, "COLUMNS": "200"})
    assert r.returncode == 0 and "2 new" in r.stdout, r.stdout + r.stderr


def test_sigkill_mid_fetch_then_restart_loses_and_doubles_nothing(server, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from sqlalchemy import func, select
    from warcio.archiveiterator import ArchiveIterator

    from rasid.store import Store, documents
    from rasid.watch import tables as T

    cfg = tmp_path / "w.toml"
    cfg.write_text(f'[watch]\ntimeout = 20\nrate_limit = 0\n\n[[sources]]\nname = "f2"\nurl = "{server}/feed2.xml"\n',
                   encoding="utf-8")
    cmd = [sys.executable, "-m", "rasid.cli", "watch", str(cfg), "--once", "--out", str(tmp_path / "o")]
    STATE["hang"] = True
    HITS.pop("/hang", None)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while "/hang" not in HITS and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert "/hang" in HITS, "the watcher never reached the slow page"
    os.kill(proc.pid, signal.SIGKILL)  # mid-fetch of the second article
    proc.wait()
    STATE["hang"] = False
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    store = Store(tmp_path / "o" / "rasid.db")
    with store.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(documents)).scalar() == 3
        assert c.execute(select(func.count()).select_from(T.captures)).scalar() == 3
    for f in (tmp_path / "o" / "warc").rglob("*.warc.gz"):
        assert list(ArchiveIterator(open(f, "rb")))  # every file reads to its end


def test_web_app_shows_sources_and_alerts(server, tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from rasid.store import Store
    from rasid.watch.loop import Watcher
    from rasid.web.app import create_app

    from conftest import GAZETTEER

    STATE["edited"] = False
    store = Store(tmp_path / "rasid.db")
    Watcher(_cfg(tmp_path, server), store, tmp_path / "out", pipeline).run(once=True)
    client = TestClient(create_app(str(tmp_path / "rasid.db"), gazetteer=str(GAZETTEER)), base_url="http://localhost")
    d = client.get("/api/sources").json()
    assert {s["name"]: s["new_articles"] for s in d["sources"]}["feed"] == 2 and any(f["kind"] == "robots" for f in d["faults"])
    alerts = client.get("/api/alerts").json()
    assert [a["rule"] for a in alerts] == ["khan-shaykhun"]
    page = client.get("/sources").text
    assert "not modified" in page or "2 new" in page
    assert "خان شيخون" in client.get("/alerts").text
    empty = Store(tmp_path / "never.db")
    assert TestClient(create_app(str(tmp_path / "never.db"), gazetteer=str(GAZETTEER)), base_url="http://localhost").get("/sources").status_code == 200
    del empty


def _toml(tmp_path, sources: str, watch: str = "", alerts: str = ""):
    p = tmp_path / "w.toml"
    given = {line.split("=")[0].strip() for line in watch.splitlines()}
    defaults = "".join(f"{k} = {v}\n" for k, v in (("timeout", 0.3), ("retries", 0), ("backoff", 0.01), ("rate_limit", 0),
                                                   ("max_bytes", 10000)) if k not in given)
    p.write_text(f"[watch]\n{defaults}{watch}\n{sources}\n{alerts}", encoding="utf-8")
    return p


def _store(tmp_path):
    from rasid.store import Store

    return Store(tmp_path / "rasid.db")


def test_webhook_one_post_per_alert_an_update_post_and_a_failing_hook_retried_later(server, hook, tmp_path, pipeline,
                                                                                    caplog):
    from sqlalchemy import select

    from rasid.watch import tables as T
    from rasid.watch.config import load_config
    from rasid.watch.loop import Watcher

    STATE["edited"] = False
    RECEIVED.clear()
    TRIED.clear()
    cfg = load_config(_toml(tmp_path, f'[[sources]]\nname = "feed"\nurl = "{server}/feed.xml"\n',
                            f'webhook = "{hook}"\nwebhook_timeout = 0.5\nwebhook_retry = 0\n',
                            '[[alerts]]\nname = "toll"\nmin_fatalities = 3\n'))
    store = _store(tmp_path)
    out = tmp_path / "out"

    def once():
        return Watcher(cfg, store, out, pipeline).run(once=True)

    def lines():
        return [json.loads(x) for x in (out / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]

    def queued():
        with store.engine.connect() as c:
            return [dict(r) for r in c.execute(select(T.outbox)).mappings()]

    HOOK["mode"] = "hang"  # the webhook times out: the watcher stores and codes all the same, the alert waits
    with caplog.at_level("WARNING", logger="rasid.watch"):
        totals = once()
    assert totals["new"] == 2 and totals["alerts"] == 1 and len(lines()) == 1 and RECEIVED == []
    [q] = queued()
    assert q["attempts"] == 1 and "Timeout" in q["error"] and q["jsonl"] == 1 and q["webhook"] == 0
    assert any("webhook" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records)
    HOOK["mode"] = "500"  # nothing new in the feed (304); the alert is tried again (each round) and fails again
    assert once()["new"] == 0
    [q] = queued()
    assert q["attempts"] >= 2 and q["error"] == "HTTP 500" and len(TRIED) == q["attempts"] and len(lines()) == 1
    HOOK["mode"] = "ok"  # the webhook is back: the alert arrives, once
    once()
    assert queued() == [] and len(RECEIVED) == 1 and len(lines()) == 1
    first = RECEIVED[0]
    assert first["alert"] == lines()[0] and first["alert"]["kind"] == "new" and first["key"] == f"{first['alert']['alert_id']}.1"
    once()  # nothing new, nothing sent again
    assert len(RECEIVED) == 1
    # the outlet edits the article (four dead become nine): one update POST, revision 2, same alert id
    with store.engine.connect() as c:
        c.execute(T.urls.delete().where(T.urls.c.url == f"{server}/feed.xml"))
        c.commit()
    STATE["edited"] = True
    once()
    STATE["edited"] = False
    assert [(r["alert"]["alert_id"], r["alert"]["revision"], r["alert"]["kind"]) for r in RECEIVED] == [
        (first["alert"]["alert_id"], 1, "new"), (first["alert"]["alert_id"], 2, "update")]
    assert [(a["revision"], a["kind"]) for a in lines()] == [(1, "new"), (2, "update")] and queued() == []


def test_sitemap_index_children_gzip_and_bounds(server, tmp_path, pipeline):
    from sqlalchemy import select

    from rasid.watch import tables as T
    from rasid.watch.config import load_config
    from rasid.watch.loop import Watcher

    cfg = load_config(_toml(tmp_path, f'[[sources]]\nname = "sm"\nkind = "sitemap"\nurl = "{server}/sm-index.xml"\n'
                                      f'max_sitemaps = 3\noutlet = "مثال نيوز"\n'))
    store = _store(tmp_path)
    for k in [k for k in HITS if k.startswith("/sm-") or k == "/news/3"]:
        del HITS[k]
    totals = Watcher(cfg, store, tmp_path / "out", pipeline).run(once=True)
    docs = {d["url"]: d for d in store.iter_documents()}
    assert sorted(u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1] for u in docs) == ["news/1", "news/2"], docs.keys()
    assert totals["new"] == 2 and all(d["published"] == "2026-12-01" for d in docs.values())
    # the gzip'd child read, the nested index followed once more, the deeper one a fault, the oldest child left
    assert HITS["/sm-a.xml.gz"] == HITS["/sm-b.xml"] == HITS["/sm-deep.xml"] == HITS["/sm-deeper.xml"] == 1
    assert "/sm-c.xml" not in HITS and "/sm-old.xml" not in HITS and "/news/3" not in HITS
    with store.engine.connect() as c:
        faults = [(r.kind, r.url) for r in c.execute(select(T.faults))]
    assert ("too_deep", f"{server}/sm-deeper.xml") in faults
    # the next poll: the index is read again, its unchanged children (same <lastmod>) are not
    Watcher(cfg, store, tmp_path / "out", pipeline).run(once=True)
    assert HITS["/sm-index.xml"] == 2 and HITS["/sm-a.xml.gz"] == HITS["/sm-b.xml"] == 1
    assert len(list(store.iter_documents())) == 2


@pytest.mark.parametrize("crash", ["after_store", "before_deliver", "after_jsonl", "after_post"])
def test_sigkill_between_alert_steps_then_restart_one_alert_each(server, hook, tmp_path, crash):
    """Killed after an article is stored (its alert not yet decided), after the alert is decided (not yet
    written), after its alerts.jsonl line (not yet marked), after its webhook POST (not yet marked): started
    again, the watcher writes exactly one line per alert and revision and delivers the webhook at least once."""
    import os
    import subprocess
    import sys

    from sqlalchemy import func, select

    from rasid.store import documents
    from rasid.watch import tables as T

    STATE["edited"] = False
    HOOK["mode"] = "ok"
    RECEIVED.clear()
    cfg = _toml(tmp_path, f'[[sources]]\nname = "feed"\nurl = "{server}/feed.xml"\n',
                f'webhook = "{hook}"\nwebhook_retry = 0\n', '[[alerts]]\nname = "toll"\nmin_fatalities = 3\n')
    cmd = [sys.executable, "-m", "rasid.cli", "watch", str(cfg), "--once", "--out", str(tmp_path / "o")]
    r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "RASID_WATCH_CRASH": crash})
    assert r.returncode == -9, r.stderr  # (it reached the crash point)
    r = subprocess.run(cmd, capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "RASID_WATCH_CRASH"})
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in (tmp_path / "o" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(a["rule"], a["revision"], a["kind"]) for a in lines] == [("toll", 1, "new")], lines
    keys = [x["key"] for x in RECEIVED]
    assert set(keys) == {f"{lines[0]['alert_id']}.1"} and len(keys) == (2 if crash == "after_post" else 1)
    store = _store(tmp_path / "o")
    with store.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(documents)).scalar() == 2
        assert c.execute(select(func.count()).select_from(T.alerts)).scalar() == 1
        assert c.execute(select(func.count()).select_from(T.outbox)).scalar() == 0
        assert c.execute(select(func.count()).select_from(T.pending)).scalar() == 0


def test_rate_limit_spaces_requests_to_one_host(server):
    times = []
    f = Fetcher("rasid-test/0.1", timeout=2, retries=0, rate_limit=0.3)
    f.on_response = lambda r: times.append(time.monotonic())
    for _ in range(3):
        assert f.get(server + "/page").ok
    f.close()
    # robots.txt, then three pages: each request waits its turn (0.3 s after the one before, same host)
    assert len(times) == 4 and all(b - a >= 0.25 for a, b in zip(times, times[1:])), times


def test_listing_page_source(server, tmp_path, pipeline):
    from rasid.watch.config import load_config
    from rasid.watch.loop import Watcher

    cfg = load_config(_toml(tmp_path, f'[[sources]]\nname = "list"\nkind = "listing"\nurl = "{server}/list.html"\n'
                                      'link_pattern = "/news/\\\\d+$"\nselectors = { links = "//main//h2/a/@href" }\n'))
    store = _store(tmp_path)
    totals = Watcher(cfg, store, tmp_path / "out", pipeline).run(once=True)
    assert totals["new"] == 2 and totals["faults"] == 0
    assert sorted(d["url"].rsplit("/", 1)[-1] for d in store.iter_documents()) == ["1", "2"]


def test_sigterm_finishes_the_current_article_and_exits_cleanly(server, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from sqlalchemy import func, select

    from rasid.store import documents

    cfg = _toml(tmp_path, f'[[sources]]\nname = "f2"\nurl = "{server}/feed2.xml"\ninterval = 600\n', "timeout = 20\n")
    STATE["hang"] = 2.0
    HITS.pop("/hang", None)
    before = HITS.get("/news/2", 0)
    proc = subprocess.Popen([sys.executable, "-m", "rasid.cli", "watch", str(cfg), "--out", str(tmp_path / "o")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 120
        while "/hang" not in HITS and time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert "/hang" in HITS, "the watcher never reached the slow page"
        os.kill(proc.pid, signal.SIGTERM)  # while the second article is being fetched
        out, err = proc.communicate(timeout=120)
    finally:
        STATE["hang"] = False
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1])["new"] == 2  # the article being fetched finished, stored
    assert HITS.get("/news/2", 0) == before  # ... and no other begun
    with _store(tmp_path / "o").engine.connect() as c:
        assert c.execute(select(func.count()).select_from(documents)).scalar() == 2
