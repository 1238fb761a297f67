"""`rasid gazetteer fetch` against a GeoNames-format fixture served over HTTP on loopback.

The fixture's places are invented (names and coordinates of no real place); the file layout is
GeoNames' own: CC.zip, alternatenames/CC.zip, admin1CodesASCII.txt.
"""
import csv
import http.server
import json
import os
import subprocess
import sys
import threading
import zipfile
from functools import partial

import pytest

DUMP = [  # geonameid name asciiname alternatenames lat lon class code cc cc2 admin1 admin2 admin3 admin4 pop elev dem tz date
    ["900001", "Muhafazat al Mithal", "Muhafazat al Mithal", "", "35.0", "39.0", "A", "ADM1", "SY", "", "99", "", "", "", "0", "", "", "Asia/Damascus", "2020-01-01"],
    ["900002", "Tall al Mithal", "Tall al Mithal", "", "35.1", "39.1", "P", "PPL", "SY", "", "99", "", "", "", "1200", "", "", "Asia/Damascus", "2020-01-01"],
    ["900003", "Tall al Mithal", "Tall al Mithal", "", "33.0", "36.0", "P", "PPL", "SY", "", "98", "", "", "", "300", "", "", "Asia/Damascus", "2020-01-01"],
    ["900004", "Muhafazat an Namudhaj", "Muhafazat an Namudhaj", "", "33.1", "36.1", "A", "ADM1", "SY", "", "98", "", "", "", "0", "", "", "Asia/Damascus", "2020-01-01"],
    ["900005", "Matar al Mithal", "Matar al Mithal", "", "35.2", "39.2", "S", "AIRP", "SY", "", "99", "", "", "", "0", "", "", "Asia/Damascus", "2020-01-01"],
    ["900006", "Nahr al Mithal", "Nahr al Mithal", "", "35.3", "39.3", "H", "STM", "SY", "", "99", "", "", "", "0", "", "", "Asia/Damascus", "2020-01-01"],
]
ALT = [  # alternateNameId geonameid isolanguage name isPreferred isShort isColloquial isHistoric
    ["1", "900002", "ar", "تل المثال", "1", "", "", ""],
    ["2", "900003", "ar", "تل المثال", "", "", "", ""],
    ["3", "900001", "ar", "محافظة المثال", "", "", "", ""],
    ["4", "900004", "ar", "محافظة النموذج", "", "", "", ""],
    ["5", "900005", "ar", "مطار المثال", "", "", "", ""],
    ["6", "900002", "en", "Tell Mithal", "", "", "", ""],
    ["7", "900002", "ar", "التل المثالي", "", "", "", "1"],
]
ADMIN1 = "SY.99\tMithal\tMithal\t900001\nSY.98\tNamudhaj\tNamudhaj\t900004\n"


@pytest.fixture()
def server(tmp_path):
    root = tmp_path / "www"
    (root / "alternatenames").mkdir(parents=True)
    with zipfile.ZipFile(root / "SY.zip", "w") as z:
        z.writestr("SY.txt", "".join("\t".join(r) + "\n" for r in DUMP))
    with zipfile.ZipFile(root / "alternatenames" / "SY.zip", "w") as z:
        z.writestr("SY.txt", "".join("\t".join(r) + "\n" for r in ALT))
        z.writestr("readme.txt", "alternate names")
    (root / "admin1CodesASCII.txt").write_text(ADMIN1, encoding="utf-8")
    hits = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            hits.append(self.path)

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()


def test_fetch_writes_a_gazetteer_with_arabic_names_and_admin_areas(server, tmp_path):
    from rasid.geonames import fetch

    url, hits = server
    path, counts = fetch(["sy"], tmp_path / "cache", base_url=url)
    assert path == tmp_path / "cache" / "gazetteer" / "geonames-SY.tsv" and counts == {"SY": 5}  # the stream is left out
    rows = {r["id"]: r for r in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t")}
    village = rows["gn:900002"]
    assert village["name_ar"] == "تل المثال" and village["feature_code"] == "PPL"
    assert village["alt_names"].split("|")[0] == "التل المثالي"  # historic names after the preferred one
    assert village["adm1_name_en"] == "Mithal" and village["adm1_name_ar"] == "محافظة المثال"
    assert rows["gn:900003"]["adm1_name_ar"] == "محافظة النموذج" and float(rows["gn:900003"]["lat"]) == 33.0
    assert rows["gn:900005"]["feature_code"] == "AIRP"
    n = len(hits)
    fetch(["SY"], tmp_path / "cache", base_url=url)  # downloads are kept: nothing fetched again
    assert len(hits) == n


def test_fetched_gazetteer_resolves_a_namesake_by_the_governorate_named(server, tmp_path):
    from rasid.geonames import fetch
    from rasid.pipeline import Pipeline

    url, _ = server
    path, _ = fetch(["SY"], tmp_path / "cache", base_url=url)
    pipe = Pipeline(gazetteer=str(path))
    doc = pipe.text("قصفت طائرات حربية اليوم قرية تل المثال في محافظة النموذج، ما أدى إلى مقتل ثلاثة مدنيين.",
                    published="2020-03-01", outlet="مثال")
    places = {s.value["gazetteer_id"]: s.value for s in doc.spans if s.label == "place" and s.value.get("gazetteer_id")}
    assert "gn:900003" in places and "gn:900002" not in places
    (e,) = doc.events
    assert e.locations[0]["gazetteer_id"] == "gn:900003" and e.locations[0]["lat"] == 33.0


def test_cli_fetch_then_run_finds_the_cached_gazetteer(server, tmp_path):
    url, _ = server
    env = {k: v for k, v in os.environ.items() if k != "RASID_GAZETTEER"}
    env["RASID_CACHE"] = str(tmp_path / "cache")
    cli = [sys.executable, "-m", "rasid.cli"]
    r = subprocess.run(cli + ["gazetteer", "fetch", "SY", "--base-url", url], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "SY: 5 places" in r.stdout
    art = tmp_path / "a.txt"
    art.write_text("قصفت طائرات حربية اليوم قرية تل المثال في محافظة النموذج، ما أدى إلى مقتل ثلاثة مدنيين.", encoding="utf-8")
    r = subprocess.run(cli + ["run", str(art), "--out", str(tmp_path / "out"), "--published", "2020-03-01", "--json"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert not any("no gazetteer" in n for n in json.loads(r.stdout)["notes"])
    (e,) = [json.loads(line) for line in open(tmp_path / "out" / "events.jsonl", encoding="utf-8")]
    assert e["locations"][0]["gazetteer_id"] == "gn:900003"


def test_fetch_from_a_server_without_the_country_fails_clearly(server, tmp_path):
    url, _ = server
    env = dict(os.environ, RASID_CACHE=str(tmp_path / "cache"))
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "gazetteer", "fetch", "XX", "--base-url", url],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 1
    assert "could not download" in r.stderr and "XX.zip" in r.stderr
    assert not list((tmp_path / "cache").glob("gazetteer/*.tsv"))
