"""`rasid watch` building blocks (issue 19): the config, polite fetching against a local server on
127.0.0.1 (faults: 500, timeout, redirect loop, robots.txt, size cap, 304), WARC provenance read back
by `rasid run`'s reader and by warcio. Invented Arabic text only."""
import io
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
        if p == "/page":
            if self.headers.get("If-None-Match") == '"v1"':
                return self.send(304)
            return self.send(200, PAGE, headers=[("ETag", '"v1"')])
        if p == "/fail":
            return self.send(500, b"oops")
        if p == "/slow":
            time.sleep(1.0)
            return self.send(200, PAGE)
        if p in ("/loop-a", "/loop-b"):
            return self.send(302, headers=[("Location", "/loop-b" if p == "/loop-a" else "/loop-a")])
        if p == "/big":
            return self.send(200, b"<p>" + "ن".encode() * 20000 + b"</p>")
        return self.send(404, b"none")


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
