"""Which gazetteer is used: --gazetteer, $RASID_GAZETTEER, the fetched cache, else the embedded one.

Runs without ../shared: the embedded gazetteer ships in the package.
"""
import csv
import fnmatch
import gzip
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rasid
from rasid.cli import app
from rasid.geo import EMBEDDED, EMBEDDED_MANIFEST, Gazetteer, GazetteerError, Geoparser, locate_gazetteer
from rasid.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
STRIKE = "قصفت قوات النظام بقذائف المدفعية بلدة اللطامنة بريف حماة الشمالي."
HEADER = "id\tcountry\tname_ar\tname_en\talt_names\tlat\tlon\tfeature_class\tfeature_code\tadm1_name_en\tpopulation\n"


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """No $RASID_GAZETTEER and an empty cache, whatever the developer's shell holds."""
    monkeypatch.delenv("RASID_GAZETTEER", raising=False)
    monkeypatch.setenv("RASID_CACHE", str(tmp_path / "cache"))
    return tmp_path


def _tsv(path: Path, name_ar: str = "قرية الاختبار", lat: float = 35.0) -> Path:
    path.write_text(HEADER + f"t:1\tSY\t{name_ar}\tTest\t\t{lat}\t36.0\tP\tPPL\tHama\t100\n", encoding="utf-8")
    return path


def test_embedded_is_the_default_and_places_a_town(clean_env):
    assert locate_gazetteer(None) == ("embedded", EMBEDDED)
    doc = Geoparser()  # no argument, no environment, nothing fetched
    assert doc.source == EMBEDDED and doc.available
    (e,) = Pipeline().text(STRIKE, published="2019-05-01").events  # (not get_pipeline's, made once per process)
    loc = e.locations[0]
    assert loc["name_ar"] == "اللطامنة" and abs(loc["lat"] - 35.32) < 0.05 and abs(loc["lon"] - 36.62) < 0.05


def test_precedence_argument_environment_cache_embedded(clean_env, monkeypatch):
    arg, env = _tsv(clean_env / "arg.tsv"), _tsv(clean_env / "env.tsv")
    cache = clean_env / "cache" / "gazetteer"
    cache.mkdir(parents=True)
    _tsv(cache / "geonames-SY.tsv")
    assert locate_gazetteer(None) == ("cache", cache)
    monkeypatch.setenv("RASID_GAZETTEER", str(env))
    assert locate_gazetteer(None) == ("RASID_GAZETTEER", env)
    assert locate_gazetteer(str(arg)) == ("argument", arg)


def test_a_wrong_gazetteer_is_an_error_not_passed_over(clean_env, monkeypatch):
    with pytest.raises(GazetteerError, match="no such file"):
        rasid.process_text(STRIKE, gazetteer=str(clean_env / "missing.tsv"))
    (clean_env / "empty").mkdir()
    with pytest.raises(GazetteerError, match="without a .tsv"):
        Geoparser(clean_env / "empty")
    (clean_env / "notes.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="no row"):
        Geoparser(clean_env / "notes.tsv")
    monkeypatch.setenv("RASID_GAZETTEER", str(clean_env / "gone"))
    with pytest.raises(GazetteerError, match="RASID_GAZETTEER"):
        Geoparser()


def test_without_a_gazetteer_events_keep_their_places_as_text(clean_env):
    doc = rasid.process_text(STRIKE, published="2019-05-01", gazetteer=False)
    (e,) = doc.events
    assert e.event_type == "Explosions/Remote violence"
    assert [(loc["name_ar"], loc["lat"]) for loc in e.locations] == [("اللطامنة", None)]


def test_embedded_holds_cc_by_rows_only_and_ships_in_the_package():
    manifest = json.loads(EMBEDDED_MANIFEST.read_text(encoding="utf-8"))
    with gzip.open(EMBEDDED, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == manifest["rows"] > 30000
    assert all("CC-BY" in r["license"] and "ODBL" not in r["license"].upper() for r in rows)
    assert not any(r["id"].startswith("osm:") for r in rows)
    assert EMBEDDED.stat().st_size < 5_000_000
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["rasid"]
    for f in (EMBEDDED, EMBEDDED_MANIFEST):
        rel = f.relative_to(ROOT / "src" / "rasid").as_posix()
        assert any(fnmatch.fnmatch(rel, p) for p in patterns), rel
    assert "Who's On First" in (ROOT / "NOTICE").read_text() and "GeoNames" in manifest["credit"]


def test_the_compiled_index_of_the_embedded_file_is_its_own(clean_env):
    cache = clean_env / "cache"
    Gazetteer.load(EMBEDDED, cache)
    assert [p.name.startswith("gazetteer-embedded-") for p in cache.glob("*.pickle")] == [True]
    copy = clean_env / "copy.tsv"  # the same rows as a user's file: another index, by path and time
    with gzip.open(EMBEDDED, "rb") as src:
        copy.write_bytes(src.read())
    Gazetteer.load(copy, cache)
    names = sorted(p.name for p in cache.glob("*.pickle"))
    assert len(names) == 2 and sum(n.startswith("gazetteer-embedded-") for n in names) == 1


def test_cli_version_info_and_gazetteer_errors(clean_env, monkeypatch):
    cli = CliRunner()
    r = cli.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.startswith(f"rasid {rasid.__version__}") and "Who's On First" in r.stdout
    r = cli.invoke(app, ["gazetteer", "info", "--json"])
    d = json.loads(r.stdout)
    assert d["used"] == "embedded" and d["path"] == str(EMBEDDED) and d["places"] > 30000
    assert {s["source"] for s in d["sources"]} >= {"wof-admin-sy", "wof-admin-iq", "opensyria-data-geography"}
    monkeypatch.setenv("RASID_GAZETTEER", str(_tsv(clean_env / "mine.tsv")))
    d = json.loads(cli.invoke(app, ["gazetteer", "info", "--json"]).stdout)
    assert (d["used"], d["places"]) == ("RASID_GAZETTEER", 1)
    monkeypatch.delenv("RASID_GAZETTEER")
    src = clean_env / "in.txt"
    src.write_text(STRIKE, encoding="utf-8")
    r = cli.invoke(app, ["run", str(src), "--out", str(clean_env / "o"), "--gazetteer", str(clean_env / "nope.tsv")])
    assert r.exit_code == 2 and "nope.tsv: no such file or folder" in r.output and len(r.output.strip().splitlines()) == 1
    assert not (clean_env / "o").exists()
    r = cli.invoke(app, ["run", str(src), "--out", str(clean_env / "o"), "--gazetteer", str(src), "--no-gazetteer"])
    assert r.exit_code == 2 and "exclude each other" in r.output


def test_cli_run_without_a_gazetteer_in_workers_too(clean_env):
    src = clean_env / "in"
    src.mkdir()
    for i in range(2):
        (src / f"{i}.txt").write_text(STRIKE + " " * i, encoding="utf-8")
    r = CliRunner().invoke(app, ["run", str(src), "--out", str(clean_env / "o"), "--no-gazetteer", "--published",
                                 "2019-05-01", "--workers", "2", "--json"])
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in open(clean_env / "o" / "events.jsonl", encoding="utf-8")]
    assert events and all(e["locations"][0]["lat"] is None and e["locations"][0]["name_ar"] == "اللطامنة" for e in events)
