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


@pytest.fixture()
def server(db, tmp_path):
    procs = []

    def start(review=False, copy=False):
        path = db
        if copy:
            path = tmp_path / "review.db"
            copy_db(db, path)
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


def test_review_edit_shows_in_the_export(server, browser, request, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, path = server(review=True, copy=True)
    data = json.load(urllib.request.urlopen(url + "/api/events?outlet=" + urllib.request.quote("داماس بوست")))
    eid = data["items"][0]["event_id"]
    browser.get(f"{url}/events/{eid}")
    form = browser.find_element(By.ID, "review-form")
    form.find_element(By.NAME, "who").send_keys("e2e reviewer")
    Select(form.find_element(By.NAME, "action")).select_by_value("correct")
    Select(form.find_element(By.NAME, "field")).select_by_value("status")
    form.find_element(By.NAME, "value").send_keys("reported_by_others")
    form.find_element(By.CSS_SELECTOR, "button").click()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text == "reported_by_others")
    assert "e2e reviewer" in browser.page_source
    _shot(browser, request, "review")
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "export", "--db", str(path), "--out", str(tmp_path / "x")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    exported = {json.loads(x)["event_id"]: json.loads(x) for x in open(tmp_path / "x" / "events.jsonl", encoding="utf-8")}
    assert exported[eid]["status"] == "reported_by_others"
    audit = [json.loads(x) for x in open(tmp_path / "x" / "reviews.jsonl", encoding="utf-8")]
    assert audit[0]["who"] == "e2e reviewer" and audit[0]["new"] == "reported_by_others"


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
