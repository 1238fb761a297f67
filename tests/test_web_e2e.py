"""End to end in real headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run).

`rasid serve` runs as a process on a free loopback port; Selenium drives the browser. Each test
saves a screenshot of the page it checks (under $RASID_SCREENSHOTS, else the test's tmp folder).
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_db, GAZETTEER, SAMPLES, needs_shared

CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(not (CHROMEDRIVER and CHROMIUM), reason="chromium and chromedriver not installed (make browser)")
# a real browser against a real server: a slow start on a loaded machine gets one more try
pytestmark = [needs_shared, needs_browser, pytest.mark.flaky(reruns=1)]

HOSTILE = ("قصفت طائرات حربية روسية بلدة كفرنبل اليوم <script>window.__pwned = 1</script> وقتل خمسة مدنيين "
           "\u202eكلام معكوس\u202c <img src=x onerror=\"window.__pwned=2\">.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("e2e")
    extra = d / "hostile.jsonl"
    extra.write_text(json.dumps({"doc_id": "hostile", "outlet": "موقع تجريبي", "published": "2019-05-12", "text": HOSTILE},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "run", str(SAMPLES), str(extra), "--out", str(d / "out"),
                        "--gazetteer", str(GAZETTEER), "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return d / "out" / "rasid.db"


PASSWORD = "e2e password 123"


def add_user(path, name, role):
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "users", "add", name, "--role", role, "--db", str(path),
                        "--password-stdin"], input=PASSWORD + "\n", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.fixture()
def server(db, tmp_path):
    procs = []

    def start(review=False, copy=False, users=()):
        path = db
        if copy:
            path = tmp_path / "review.db"
            copy_db(db, path)
        for name, role in users:
            add_user(path, name, role)
        port = _free_port()
        p = subprocess.Popen([sys.executable, "-m", "rasid.cli", "serve", "--db", str(path), "--port", str(port),
                              "--gazetteer", str(GAZETTEER)]
                             + (["--review"] if review else []), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(p)
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/api/health", timeout=1)
                return url, path
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(p.stderr.read().decode() if p.poll() is not None else "server did not start")
    yield start
    for p in procs:
        p.terminate()
        p.wait(10)


@pytest.fixture()
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
              "--lang=en"):
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


def _shot(drv, request, name):
    folder = Path(os.environ.get("RASID_SCREENSHOTS") or request.node.path.parent.parent / "out" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(folder / f"{name}.png"))


def _wait(drv, cond, timeout=15):
    """Wait until ``cond`` holds; an element read while the page is being replaced (a form's submit
    reloading it) goes stale, which only means "not yet"."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(cond)


def test_map_loads_markers_and_filters(server, browser, request):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, _ = server()
    browser.get(url + "/")
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.event-marker")) > 0)
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive, svg path")) > 10)
    n_all = len(browser.find_elements(By.CSS_SELECTOR, "path.event-marker"))
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".admin-label")) >= 14)  # Syria's governorates at least
    assert "دير الزور" in browser.find_element(By.ID, "map").text
    assert "events with coordinates" in browser.find_element(By.ID, "count").text
    _shot(browser, request, "map")
    Select(browser.find_element(By.NAME, "type")).select_by_visible_text("Explosions/Remote violence")
    browser.find_element(By.CSS_SELECTOR, "#filters button").click()
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.event-marker")) < n_all)
    n_filtered = len(browser.find_elements(By.CSS_SELECTOR, "path.event-marker"))
    assert 0 < n_filtered < n_all
    assert "type=Explosions" in browser.current_url
    _shot(browser, request, "map-filtered")


def test_article_shows_highlighted_evidence_right_to_left(server, browser, request):
    from selenium.webdriver.common.by import By

    url, _ = server()
    browser.get(url + "/events?outlet=" + urllib.request.quote("فرات بوست"))
    _shot(browser, request, "events")
    link = browser.find_element(By.CSS_SELECTOR, "#events tbody tr td.ar a")
    link.click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "mark.evidence"))
    art = browser.find_element(By.ID, "article")
    assert art.get_attribute("dir") == "rtl"
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.evidence")
    assert len(marks) >= 3 and all(m.text.strip() for m in marks[:3])
    assert any("الباغوز" in m.text for m in marks)
    cards = browser.find_elements(By.CSS_SELECTOR, "aside .card")
    assert cards and "Battles" in browser.find_element(By.CSS_SELECTOR, "aside").text
    _shot(browser, request, "article")
    browser.get(url + "/timeline")
    heights = [float(b.get_attribute("height")) for b in browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")]
    assert all(h > 0 for h in heights)  # samples without a publication date may give no dated events at all
    _shot(browser, request, "timeline")
    browser.get(url + "/places?name=" + urllib.request.quote("الباغوز"))
    assert "فرات بوست" in browser.page_source
    _shot(browser, request, "place")


def _correct(drv, url, eid, field, value):
    """Submit a correction of one field through the event page's review form (the reviewer is logged in)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    drv.get(f"{url}/events/{eid}")
    form = drv.find_element(By.ID, "review-form")
    Select(form.find_element(By.NAME, "action")).select_by_value("correct")
    Select(form.find_element(By.NAME, "field")).select_by_value(field)
    form.find_element(By.NAME, "value").send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button").click()


def _login(drv, url, name):
    from selenium.webdriver.common.by import By

    drv.get(url + "/login")
    form = drv.find_element(By.ID, "login-form")
    form.find_element(By.NAME, "name").send_keys(name)
    form.find_element(By.NAME, "password").send_keys(PASSWORD)
    form.find_element(By.CSS_SELECTOR, "button").click()
    _wait(drv, lambda d: d.find_elements(By.ID, "user"))


def _trail(url):
    return json.load(urllib.request.urlopen(url + "/api/reviews"))


def test_review_edit_shows_in_the_export(server, browser, request, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, path = server(review=True, copy=True, users=[("e2e.reviewer", "reviewer")])
    data = json.load(urllib.request.urlopen(url + "/api/events?outlet=" + urllib.request.quote("داماس بوست")))
    eid = data["items"][0]["event_id"]
    browser.get(f"{url}/events/{eid}")
    assert not browser.find_elements(By.ID, "review-form")  # not logged in: nothing to submit
    _login(browser, url, "e2e.reviewer")
    _correct(browser, url, eid, "status", "reported_by_others")
    _wait(browser, lambda d: d.find_element(By.ID, "status").text == "reported_by_others")
    assert "e2e.reviewer" in browser.find_element(By.TAG_NAME, "main").text  # the trail names the account
    _shot(browser, request, "review")
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "export", "--db", str(path), "--out", str(tmp_path / "x")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    exported = {json.loads(x)["event_id"]: json.loads(x) for x in open(tmp_path / "x" / "events.jsonl", encoding="utf-8")}
    assert exported[eid]["status"] == "reported_by_others"
    audit = [json.loads(x) for x in open(tmp_path / "x" / "reviews.jsonl", encoding="utf-8")]
    assert audit[0]["who"] == "e2e.reviewer" and audit[0]["new"] == "reported_by_others"


def test_a_viewer_sees_no_review_form_and_a_bad_value_is_refused(server, browser, request):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, _ = server(review=True, copy=True, users=[("vera", "viewer"), ("rana", "reviewer")])
    eid = json.load(urllib.request.urlopen(url + "/api/events"))["items"][0]["event_id"]
    _login(browser, url, "vera")
    browser.get(f"{url}/events/{eid}")
    assert "vera (viewer)" in browser.find_element(By.TAG_NAME, "header").text
    assert not browser.find_elements(By.ID, "review-form")
    browser.find_element(By.CSS_SELECTOR, "#logout-form button").click()
    _wait(browser, lambda d: d.find_elements(By.ID, "login-link"))
    _login(browser, url, "rana")
    _correct(browser, url, eid, "date.start", "not a date")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))
    assert "not a YYYY-MM-DD date" in browser.find_element(By.CSS_SELECTOR, "p.error").text
    _shot(browser, request, "review-refused")
    assert _trail(url) == []
    browser.get(url + "/timeline")
    assert browser.find_elements(By.ID, "timeline")


def test_another_site_cannot_post_a_review(server, browser, request, tmp_path):
    """A logged-in reviewer visits a page of another origin whose form posts to rasid: refused, nothing changes."""
    import http.server
    import threading
    from functools import partial

    from selenium.webdriver.common.by import By

    url, _ = server(review=True, copy=True, users=[("rana", "reviewer")])
    eid = json.load(urllib.request.urlopen(url + "/api/events"))["items"][0]["event_id"]
    before = json.load(urllib.request.urlopen(f"{url}/api/events/{eid}"))["event"]
    _login(browser, url, "rana")
    site = tmp_path / "evil"
    site.mkdir()
    (site / "index.html").write_text(
        f'<form method="post" action="{url}/events/{eid}/review"><input name="action" value="reject">'
        f'<input name="who" value="attacker"><button id="go">win a prize</button></form>', encoding="utf-8")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        browser.get(f"http://localhost:{evil.server_address[1]}/index.html")  # another site (and another origin)
        browser.find_element(By.ID, "go").click()
        _wait(browser, lambda d: "detail" in d.find_element(By.TAG_NAME, "body").text)
        assert "cross-site request refused" in browser.find_element(By.TAG_NAME, "body").text
        _shot(browser, request, "cross-site-refused")
    finally:
        evil.shutdown()
        evil.server_close()
    assert _trail(url) == []
    assert json.load(urllib.request.urlopen(f"{url}/api/events/{eid}"))["event"] == before
    # DNS rebinding: the same server reached under a foreign name answers nothing
    req = urllib.request.Request(f"{url}/api/events", headers={"Host": "evil.example:8765"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    assert e.value.code == 400


def test_events_table_headers_are_links_and_show_no_markup(server, browser, request):
    from selenium.webdriver.common.by import By

    url, _ = server()
    browser.get(url + "/events")
    head = browser.find_element(By.CSS_SELECTOR, "#events thead")  # the rows quote articles, the hostile one too
    shown = head.text
    assert "<" not in shown and "&lt;" not in shown and "href" not in shown
    assert len(head.find_elements(By.TAG_NAME, "a")) == 8 and "Evidence" in shown
    browser.find_element(By.LINK_TEXT, "Killed").click()
    _wait(browser, lambda d: "sort=fatalities" in d.current_url)
    _shot(browser, request, "events-sorted")
    rid = json.load(urllib.request.urlopen(url + "/api/events?sort=fatalities"))["items"][0]["recon_id"]
    browser.get(f"{url}/reconciled/{rid}")
    shown = browser.find_element(By.TAG_NAME, "main").text
    assert "<bdi>" not in shown and "&lt;" not in shown


def test_script_and_rtl_override_in_an_article_render_inert(server, browser, request):
    from selenium.webdriver.common.by import By

    url, _ = server()
    browser.get(url + "/articles/hostile")
    art = browser.find_element(By.ID, "article")
    assert browser.execute_script("return window.__pwned === undefined")
    assert "<script>window.__pwned = 1</script>" in art.text  # shown as text
    assert "⟦U+202E⟧" in art.text and "\u202e" not in art.text
    assert not browser.find_elements(By.CSS_SELECTOR, "#article script, #article img")
    _shot(browser, request, "hostile-article")
