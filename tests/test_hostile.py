"""Hostile input (issue 21): every input costs bounded work, a bad one is one error naming why
(and the limit it broke), the good ones around it are kept, and the run writes its exports.

Every file here is generated small; the decompression bombs are built by streaming (a few
hundred kilobytes on disk). Figures (seconds, memory) are in `bench/bench_hostile.py`, not here.
"""
import gzip
import io
import json
import os
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

import rasid.ingest as ingest
from rasid.ingest import DecodeError, InputError, decode_bytes, read_inputs
from rasid.model import RawArticle

ROOT = Path(__file__).resolve().parents[1]
AR = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب اليوم الأحد، ما أدى إلى مقتل ثلاثة مدنيين، بحسب ناشطين. " * 3
PAGE = f"<html><head><title>خبر</title></head><body><article><p>{AR}</p></article></body></html>"


# ----------------------------------------------------------------- WARC files, written by hand
def _http(body: bytes, extra: str = "") -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def _record(url: str, block: bytes, length: str | None = None, rtype: str = "response") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:{zlib.crc32(url.encode())}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length or len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _good(url: str, place: str = "كفرنبل") -> bytes:
    return _record(url, _http(PAGE.replace("كفرنبل", place).encode()))


def _gz(*members: bytes) -> bytes:
    return b"".join(gzip.compress(m) for m in members)


def _articles(path, **limits):
    got = list(read_inputs([str(path)], limits=ingest.Limits(**limits)) if limits else read_inputs([str(path)]))
    return [g for g in got if isinstance(g, RawArticle)], [g for g in got if isinstance(g, InputError)]


def _bomb_member(f, url: str, inflated: int) -> None:
    """One gzip member: a response record whose HTML body is ``inflated`` bytes of zeros, compressed as it is made."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    http_head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {inflated}\r\n\r\n").encode()
    warc_head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
                 f"Content-Length: {len(http_head) + inflated}\r\n\r\n").encode()
    f.write(z.compress(warc_head + http_head))
    block = b"\0" * (1 << 20)
    left = inflated
    while left:
        n = min(left, len(block))
        f.write(z.compress(block[:n]))
        left -= n
    f.write(z.compress(b"\r\n\r\n"))
    f.write(z.flush())


def test_a_decompression_bomb_record_is_an_error_naming_the_limit_and_the_next_record_is_kept(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    with open(path, "wb") as f:
        f.write(_gz(_good("https://example.org/before", "سراقب")))
        _bomb_member(f, "https://example.org/bomb", 300 * 1024 * 1024)  # 300 MB of zeros, ~300 KB on disk
        f.write(_gz(_good("https://example.org/after", "بنش")))
    assert path.stat().st_size < 2 * 1024 * 1024
    arts, errs = _articles(path)
    assert [a.url for a in arts] == ["https://example.org/before", "https://example.org/after"]
    (e,) = errs
    assert e.path.endswith("#https://example.org/bomb") and "max_bytes" in e.reason and "--max-bytes" in e.reason


def test_an_http_body_gzip_bomb_stops_at_the_limit(tmp_path):
    body = zlib.compressobj(9, zlib.DEFLATED, 31)
    comp = body.compress(b"\0" * (200 * 1024 * 1024)) + body.flush()  # 200 MB inflated from ~200 KB
    path = tmp_path / "enc.warc"
    path.write_bytes(_record("https://example.org/z", _http(comp, "Content-Encoding: gzip\r\n")) + _good("https://example.org/ok"))
    arts, errs = _articles(path)
    assert [a.url for a in arts] == ["https://example.org/ok"]
    (e,) = errs
    assert "max_bytes" in e.reason


def test_an_archive_that_inflates_past_its_budget_stops_with_one_error(tmp_path):
    path = tmp_path / "many.warc.gz"
    with open(path, "wb") as f:
        f.write(_gz(_good("https://example.org/a")))
        _bomb_member(f, "https://example.org/big", 5 * 1024 * 1024)
        f.write(_gz(_good("https://example.org/b")))
    arts, errs = _articles(path, max_archive_bytes=2 * 1024 * 1024)
    assert [a.url for a in arts] == ["https://example.org/a"]
    assert len(errs) == 1 and "max_archive_bytes" in errs[0].reason


@pytest.mark.parametrize("gz", [False, True])
def test_a_content_length_that_is_no_number_is_an_error_and_the_next_record_is_kept(tmp_path, gz):
    bad = _record("https://example.org/bad", _http(PAGE.encode()), length="abc")
    recs = [_good("https://example.org/a"), bad, _good("https://example.org/b", "بنش")]
    path = tmp_path / ("x.warc.gz" if gz else "x.warc")
    path.write_bytes(_gz(*recs) if gz else b"".join(recs))
    arts, errs = _articles(path)
    assert [a.url for a in arts] == ["https://example.org/a", "https://example.org/b"]
    (e,) = errs
    assert "Content-Length 'abc' is not a number" in e.reason and e.path.endswith("#https://example.org/bad")


def test_a_70_byte_warc_with_a_bad_content_length_is_an_error():
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "tiny.warc"
        p.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nhello\r\n\r\n")
        arts, errs = _articles(p)
        assert not arts and len(errs) == 1 and "Content-Length" in errs[0].reason


def test_a_header_line_over_the_limit_is_an_error_without_reading_it_whole(tmp_path):
    long = b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"a" * (3 * 1024 * 1024) + b"\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
    path = tmp_path / "long.warc"
    path.write_bytes(_good("https://example.org/a") + long + _good("https://example.org/b", "بنش"))
    arts, errs = _articles(path)
    assert [a.url for a in arts] == ["https://example.org/a", "https://example.org/b"]
    (e,) = errs
    assert "max_line" in e.reason and "--max-line" in e.reason
    # the record's first line itself too long, and an HTTP header line too long
    first = b"WARC/1.0" + b"x" * 100_000 + b"\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
    http = _record("https://example.org/h", b"HTTP/1.1 200 OK\r\nX: " + b"y" * 100_000 + b"\r\n\r\n<html></html>")
    path.write_bytes(_good("https://example.org/a") + first + http + _good("https://example.org/b", "بنش"))
    arts, errs = _articles(path)
    assert [a.url for a in arts] == ["https://example.org/a", "https://example.org/b"]
    assert len(errs) == 2 and all("max_line" in e.reason for e in errs)


def test_an_archive_cut_mid_record_keeps_the_whole_records_and_reports_the_cut(tmp_path):
    whole = _gz(_good("https://example.org/a"), _good("https://example.org/b", "بنش"))
    member = gzip.compress(_good("https://example.org/c", "سرمين"))
    cut = whole + member[: len(member) // 2]  # (a fixed count from the end could cut the whole member away)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(cut)
    arts, errs = _articles(path)
    assert [a.url for a in arts] == ["https://example.org/a", "https://example.org/b"]
    assert len(errs) == 1 and "cut short" in errs[0].reason
    # a plain WARC whose last record has fewer bytes than its Content-Length
    plain = tmp_path / "cut.warc"
    plain.write_bytes(_good("https://example.org/a") + _good("https://example.org/c", "سرمين")[:-300])
    arts, errs = _articles(plain)
    assert [a.url for a in arts] == ["https://example.org/a"]
    assert len(errs) == 1 and "cut short" in errs[0].reason and errs[0].path.endswith("#https://example.org/c")


def test_chunked_and_gzip_encoded_responses_are_read(tmp_path):
    html = PAGE.encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(html[i:i + 100]), html[i:i + 100]) for i in range(0, len(html), 100)) + b"0\r\n\r\n"
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
    zipped = _http(gzip.compress(html), "Content-Encoding: gzip\r\n")
    path = tmp_path / "enc.warc.gz"
    path.write_bytes(_gz(_record("https://example.org/chunked", block), _record("https://example.org/gz", zipped)))
    arts, errs = _articles(path)
    assert not errs and [AR[:20] in a.raw for a in arts] == [True, True]


# ----------------------------------------------------------------- decoding
def test_utf8_with_one_stray_byte_stays_utf8_and_says_so(tmp_path):
    data = AR.encode("utf-8")
    cut = data.index(b" ", 120)  # between two characters
    data = data[:cut] + b"\xff" + data[cut:]
    assert "قوات النظام" in decode_bytes(data)  # not read as cp1256 for one bad byte
    text, note = ingest.decode_text(data)
    assert text.count("\ufffd") == 1
    assert note == "1 invalid UTF-8 byte sequence replaced by U+FFFD"
    (tmp_path / "stray.txt").write_bytes(data)
    (art,) = read_inputs([str(tmp_path / "stray.txt")])
    assert "كفرنبل" in art.raw and art.note.startswith("1 invalid UTF-8")


def test_a_legacy_encoding_only_when_the_text_is_not_utf8_at_all():
    assert "كفرنبل" in decode_bytes(AR.encode("cp1256"))
    mixed = AR.encode("utf-8") + AR[:100].encode("cp1256")  # mostly UTF-8, a pasted legacy stretch
    with pytest.raises(DecodeError, match="mixed or corrupt"):
        decode_bytes(mixed)
    half = AR.encode("utf-8")[:300] + AR.encode("cp1256")  # mostly legacy: read so, the UTF-8 part is mojibake
    with pytest.raises(DecodeError, match="mojibake"):
        decode_bytes(half)


@pytest.mark.parametrize("garble", [
    lambda t: t.encode("utf-8").decode("cp1256", errors="replace").encode("utf-8"),  # UTF-8 read as cp1256, saved
    lambda t: t.encode("utf-8").decode("latin-1").encode("utf-8"),  # UTF-8 read as Latin-1, saved
    lambda t: ("0123456789 ... ,,, ;;; --- ### " * 20).encode(),  # mostly non-letters
])
def test_mojibake_and_non_letters_are_errors_not_data(garble):
    with pytest.raises(DecodeError, match="mojibake|non-letters"):
        decode_bytes(garble(AR))


# ----------------------------------------------------------------- documents
def test_a_long_line_without_spaces_and_a_long_article_are_errors_naming_max_chars(tmp_path, pipeline):
    from rasid.runner import run
    from rasid.store import Store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "line.txt").write_text("بتثجحخد" * 45_000, encoding="utf-8")  # 315,000 letters, no space
    (tmp_path / "in" / "long.txt").write_text((AR + "\n") * 1200, encoding="utf-8")  # ~360,000 characters
    (tmp_path / "in" / "good.txt").write_text(AR, encoding="utf-8")
    summ = run([str(tmp_path / "in")], Store(tmp_path / "s.db"), pipeline)
    reasons = {Path(e["path"]).name: e["reason"] for e in summ.errors}
    assert set(reasons) == {"line.txt", "long.txt"} and summ.stored == 1
    assert all("max_chars=200000" in r and "--max-chars" in r for r in reasons.values())


def test_a_page_nested_1000_deep_keeps_its_text():
    from rasid.clean import clean

    html = "<html><body>" + "<div>" * 1000 + f"<p>{AR}</p>" + "</div>" * 1000 + "</body></html>"
    doc = clean(RawArticle(doc_id="deep", raw=html, source="deep.html", is_html=True))
    assert "قصفت قوات النظام بلدة كفرنبل" in doc.text


def test_a_document_over_its_time_budget_is_an_error_and_the_run_goes_on(tmp_path):
    from rasid.pipeline import Pipeline, match, segment
    from rasid.runner import run
    from rasid.store import Store

    def slow(doc):
        if "سراقب" in doc.text:
            time.sleep(30)
        return doc

    pipe = Pipeline(stages=[("segment", segment), ("match", match), ("slow", slow)])
    (tmp_path / "a.txt").write_text(AR.replace("كفرنبل", "سراقب"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR, encoding="utf-8")
    t0 = time.monotonic()
    summ = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], Store(tmp_path / "t.db"), pipe,
               limits=ingest.Limits(max_seconds=0.5), code_events=True)
    assert time.monotonic() - t0 < 25  # interrupted, not slept out
    (e,) = summ.errors
    assert e["path"].endswith("a.txt") and "max_seconds" in e["reason"] and summ.stored == 1


def test_the_limits_are_flags_and_an_input_over_one_leaves_the_run_going(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(AR.replace("كفرنبل", "سراقب") * 3, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "run", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                        "--no-gazetteer", "--max-chars", "500", "--json"], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    (e,) = [json.loads(x) for x in open(tmp_path / "out" / "errors.jsonl", encoding="utf-8")]
    assert e["path"].endswith("b.txt") and "max_chars=500" in e["reason"]
    assert json.loads(r.stdout)["documents_stored"] == 1 and (tmp_path / "out" / "events.jsonl").exists()


def test_a_jsonl_line_over_the_limit_is_never_held_whole(tmp_path):
    p = tmp_path / "x.jsonl"
    with open(p, "wb") as f:
        f.write(json.dumps({"doc_id": "a", "text": AR}, ensure_ascii=False).encode() + b"\n")
        f.write(b'{"doc_id": "big", "text": "' + b"a" * (3 * 1024 * 1024) + b'"}\n')
        f.write(json.dumps({"doc_id": "b", "text": AR}, ensure_ascii=False).encode() + b"\n")
    arts, errs = _articles(p, max_bytes=1024 * 1024)
    assert [a.doc_id for a in arts] == ["a", "b"]
    assert len(errs) == 1 and errs[0].line == 2 and "max_bytes" in errs[0].reason


# ----------------------------------------------------------------- one writer at a time
HOLD = """
import sys, time
from rasid.store import Store
s = Store(sys.argv[1])
with s.writer("a test holding the store"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_second_writer_is_refused_with_the_holders_pid_or_waits(tmp_path, backend):
    from conftest import store_url

    db = store_url(backend, tmp_path, "w.db")  # SQLite: a lock file; PostgreSQL: an advisory lock
    art = tmp_path / "a.txt"
    art.write_text(AR, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        cli = [sys.executable, "-m", "rasid.cli"]
        r = subprocess.run(cli + ["run", str(art), "--out", str(tmp_path / "o"), "--db", str(db), "--no-gazetteer"],
                           capture_output=True, text=True)
        assert r.returncode == 3
        assert f"store in use by PID {holder.pid}" in r.stderr and "a test holding the store" in r.stderr
        r = subprocess.run(cli + ["reconcile", "--db", str(db)], capture_output=True, text=True)
        assert r.returncode == 3 and f"store in use by PID {holder.pid}" in r.stderr
        waiting = subprocess.Popen(cli + ["run", str(art), "--out", str(tmp_path / "o"), "--db", str(db), "--no-gazetteer",
                                          "--wait", "120"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # read its messages until it says it waits (a fixed sleep lost the race on a loaded machine: the second
        # process had not reached the lock when the holder let go)
        said = ""
        deadline = time.monotonic() + 60
        while "waiting up to 120 s" not in said and time.monotonic() < deadline:
            line = waiting.stderr.readline()
            if not line:
                break
            said += line
        assert "waiting up to 120 s" in said
        assert waiting.poll() is None  # still waiting for the holder
        holder.stdin.write("\n")
        holder.stdin.flush()
        out, errs = waiting.communicate(timeout=120)
        assert waiting.returncode == 0, said + errs
    finally:
        holder.kill()
        holder.wait()


def test_two_runs_at_once_on_one_store_never_double(tmp_path, backend):
    """Two `rasid run` on one store at once: nothing lost or doubled, the same ids as one run (SQLite and
    PostgreSQL: the second waits for the writer lock, then finds everything stored)."""
    from conftest import store_url
    from rasid.store import Store

    src = tmp_path / "in"
    src.mkdir()
    for i, place in enumerate(["كفرنبل", "سراقب", "بنش", "سرمين", "تفتناز", "معرة النعمان"]):
        (src / f"{i}.txt").write_text(AR.replace("كفرنبل", place), encoding="utf-8")
    db = store_url(backend, tmp_path, "r.db")
    one = store_url(backend, tmp_path, "one.db")  # the same inputs, one run alone
    cmd = [sys.executable, "-m", "rasid.cli", "run", str(src), "--db", str(db), "--no-gazetteer", "--json", "--wait", "300"]
    alone = [sys.executable, "-m", "rasid.cli", "run", str(src), "--db", one, "--no-gazetteer", "--out", str(tmp_path / "one")]
    assert subprocess.run(alone, capture_output=True).returncode == 0
    runs = [subprocess.Popen(cmd + ["--out", str(tmp_path / f"o{i}")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i in range(2)]
    outs = [p.communicate(timeout=600) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], [o[1][-500:] for o in outs]
    stored = sorted(json.loads(o[0])["documents_stored"] for o in outs)
    assert stored == [0, 6]  # the second waited, then found everything stored
    from sqlalchemy import text

    with Store(db).engine.connect() as c:
        assert tuple(c.execute(text("select count(*), count(distinct content_hash) from documents")).one()) == (6, 6)
        assert c.execute(text("select count(*) from input_errors")).scalar() == 0
    ids = sorted(e["event_id"] for e in Store(db).iter_events())
    assert ids == sorted(e["event_id"] for e in Store(one).iter_events()) and len(set(ids)) == len(ids) > 0


# ----------------------------------------------------------------- gazetteers
def test_a_gazetteer_with_bad_rows_skips_them_naming_file_and_line(tmp_path, caplog):
    from rasid.geo import Gazetteer

    cols = "id\tcountry\tname_ar\tname_en\talt_names\tlat\tlon\tfeature_class\tfeature_code\tpopulation"
    rows = ["gn:1\tSY\tتل المثال\tTall\t\t35.1\t39.1\tP\tPPL\t1200",
            "gn:2\tSY\tقرية النموذج\tQarya\t\t35.2\t39.2\tP\tPPL\tabc",
            "gn:3\tSY\tعين المثال\tAyn\t\t135.2\t39.2\tP\tPPL\t5",
            "gn:4\tSY\tبيت المثال\tBayt\t\t35.3\t39.3\tP\tPPL\t"]
    path = tmp_path / "g.tsv"
    path.write_text("\n".join([cols] + rows) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="rasid.gazetteer"):
        gz = Gazetteer.from_tsv(path)
    assert {p.id for p in gz.places if p.id.startswith("gn:")} == {"gn:1", "gn:4"}
    msgs = [r.getMessage() for r in caplog.records]
    assert any(f"{path} line 3" in m and "population 'abc' is not a number" in m for m in msgs)
    assert any(f"{path} line 4" in m and "lat 135.2 is out of range" in m for m in msgs)
    art = tmp_path / "a.txt"
    art.write_text("قصفت طائرات حربية اليوم قرية تل المثال، ما أدى إلى مقتل ثلاثة مدنيين.", encoding="utf-8")
    for _ in range(2):  # and every later run too
        r = subprocess.run([sys.executable, "-m", "rasid.cli", "run", str(art), "--out", str(tmp_path / "o"),
                            "--gazetteer", str(path), "--published", "2020-01-01"], capture_output=True, text=True)
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert "line 3" in r.stderr or "gn:1" in (tmp_path / "o" / "events.jsonl").read_text(encoding="utf-8")


def _serve(root: Path):
    import http.server
    import threading
    from functools import partial

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}"


def _dump(root: Path, rows: list[list[str]], alt: list[list[str]]):
    (root / "alternatenames").mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(root / "SY.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("SY.txt", "".join("\t".join(r) + "\n" for r in rows))
    with zipfile.ZipFile(root / "alternatenames" / "SY.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("SY.txt", "".join("\t".join(r) + "\n" for r in alt))


GOOD_DUMP = [[str(900000 + i), f"Tall {i}", f"Tall {i}", "", f"35.{i}", f"39.{i}", "P", "PPL", "SY", "", "99", "", "", "",
              "100", "", "", "Asia/Damascus", "2020-01-01"] for i in range(1, 6)]
GOOD_ALT = [[str(i), str(900000 + i), "ar", f"تل رقم {i}", "", "", "", ""] for i in range(1, 6)]


@pytest.mark.parametrize("bad", ["not_geonames", "bomb", "empty", "not_a_zip"])
def test_a_bad_download_never_replaces_the_working_gazetteer(tmp_path, bad):
    root = tmp_path / "www"
    _dump(root, GOOD_DUMP, GOOD_ALT)
    srv, url = _serve(root)
    env = dict(os.environ, RASID_CACHE=str(tmp_path / "cache"))
    cli = [sys.executable, "-m", "rasid.cli", "gazetteer", "fetch", "SY", "--base-url", url]
    try:
        r = subprocess.run(cli, capture_output=True, text=True, env=env)
        assert r.returncode == 0, r.stderr
        cache = tmp_path / "cache"
        before = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}
        assert any(p.name == "geonames-SY.tsv" for p in before)
        if bad == "not_geonames":  # a valid zip with the right member name, holding something else
            with zipfile.ZipFile(root / "SY.zip", "w") as z:
                z.writestr("SY.txt", "".join(f"line {i}\tof\tsome other table\n" for i in range(500)))
        elif bad == "bomb":  # 300 MB of zeros in ~300 KB, written by streaming
            with zipfile.ZipFile(root / "SY.zip", "w", zipfile.ZIP_DEFLATED) as z, z.open("SY.txt", "w", force_zip64=True) as f:
                block = b"\0" * (1 << 20)
                for _ in range(300):
                    f.write(block)
        elif bad == "empty":
            _dump(root, [], [])
        else:
            (root / "SY.zip").write_bytes(b"<html>503 Service Unavailable</html>")
        r = subprocess.run(cli + ["--refresh"], capture_output=True, text=True, env=env)
        assert r.returncode == 1 and "Traceback" not in r.stderr and "error" in r.stderr, r.stderr
        after = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}
        assert after == before  # downloads and gazetteer as they were, no staging left behind
    finally:
        srv.shutdown()


# ----------------------------------------------------------------- packaging
def test_html_cleaning_is_a_declared_dependency():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.replace("-", "_").lower().startswith("lxml_html_clean") for d in deps)
    from lxml.html.clean import Cleaner  # what jusText imports

    assert Cleaner


# ----------------------------------------------------------------- all together
def test_a_folder_of_every_hostile_file_under_a_memory_cap(tmp_path):
    """Every hostile input at once, under a 3 GiB address-space cap: good articles stored, one error per bad input."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "good1.txt").write_text(AR, encoding="utf-8")
    (d / "good2.html").write_text(PAGE.replace("كفرنبل", "سراقب"), encoding="utf-8")
    with open(d / "bomb.warc.gz", "wb") as f:
        _bomb_member(f, "https://example.org/bomb", 100 * 1024 * 1024)
    (d / "badlen.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nhello\r\n\r\n")
    (d / "longhead.warc").write_bytes(b"WARC/1.0\r\nX: " + b"a" * (2 * 1024 * 1024) + b"\r\nContent-Length: 1\r\n\r\nx\r\n\r\n")
    (d / "cut.warc.gz").write_bytes(gzip.compress(_good("https://example.org/c"))[:-300])
    (d / "moji.txt").write_bytes(AR.encode("utf-8").decode("cp1256", errors="replace").encode("utf-8"))
    (d / "line.txt").write_text("بتثجحخد" * 40_000, encoding="utf-8")
    (d / "deep.html").write_text("<html><body>" + "<div>" * 1000 + f"<p>{AR.replace('كفرنبل', 'بنش')}</p>" + "</div>" * 1000
                                 + "</body></html>", encoding="utf-8")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)); "
            "from rasid.cli import app; sys.argv = ['rasid'] + sys.argv[1:]; app()")
    r = subprocess.run([sys.executable, "-c", code, "run", str(d), "--out", str(tmp_path / "out"), "--no-gazetteer", "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 1, r.stderr[-2000:]
    summ = json.loads(r.stdout)
    errs = {Path(e["path"].split("#")[0]).name for e in summ["errors"]}
    assert errs == {"bomb.warc.gz", "badlen.warc", "longhead.warc", "cut.warc.gz", "moji.txt", "line.txt"}
    assert len(summ["errors"]) == 6 and summ["documents_stored"] == 3
    for name in ("events.jsonl", "documents.jsonl", "errors.jsonl", "events.csv"):
        assert (tmp_path / "out" / name).exists()


# ----------------------------------------------------------------- properties (hypothesis)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ARABIC_PIECES = ["قصفت", "قوات", "النظام", "اليوم", "أمس", "الأحد", "في", "عام", "2019", "12", "آذار", "منذ", "يومين",
                 "قتل", "ثلاثة", "مدنيين", "،", ".", "؟", "!", ":", "«", "»", "(", ")", "-", "\n", " ", "  ", "\u200f", "ـ",
                 "١٢", "٢٠١٩", "ال", "ب", "و", "ة", "ى", "ئ"]
arabic_text = st.lists(st.sampled_from(ARABIC_PIECES) | st.text(max_size=3), max_size=200).map("".join)
TAGS = ["<div>", "</div>", "<p>", "</p>", "<b>", "</span>", "<br/>", "<script>", "</script>", "<style>", "<!--", "-->",
        "<html>", "<body>", "<article>", "</article>", "<a href='x'>", "<", ">", "&amp;", "&#1575;", "<![CDATA[", "<?xml?>",
        "<table><tr><td>", "<title>", "</title>", "<meta charset='utf-8'>"]
html_text = st.lists(st.sampled_from(TAGS) | st.sampled_from(ARABIC_PIECES) | st.text(max_size=4), max_size=120).map("".join)


@FAST
@given(st.binary(max_size=3000))
def test_decoding_random_bytes_gives_text_or_a_decode_error(data):
    try:
        text, note = ingest.decode_text(data)
    except DecodeError as e:
        assert str(e)
    else:
        assert isinstance(text, str) and (note is None or "replaced" in note)


def _warc_pieces():
    rec = st.builds(lambda url, body, length, junk: _record(url, _http(body.encode()), length=length) + junk,
                    st.sampled_from(["https://example.org/a", "x", ""]), html_text,
                    st.sampled_from([None, "abc", "-1", "0", "99999999", "", "1e3"]), st.binary(max_size=30))
    long_line = st.builds(lambda head, n, tail: head + b"x" * n + tail, st.sampled_from([b"WARC/1.0", b"X: ", b"HTTP/1.1 "]),
                          st.integers(0, 600), st.sampled_from([b"", b"\r\n", b"\r\n\r\n"]))
    return st.lists(rec | long_line | st.binary(max_size=200), max_size=5)


@FAST
@given(_warc_pieces(), st.booleans(), st.integers(min_value=0, max_value=5000))
def test_reading_random_warc_files_never_raises(pieces, gz, cut):
    import tempfile

    data = _gz(*pieces) if gz and pieces else b"".join(pieces)
    data = data[:len(data) - cut] if cut < len(data) else data
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / ("r.warc.gz" if gz else "r.warc")
        p.write_bytes(data)
        items = list(read_inputs([str(p)], limits=ingest.Limits(max_line=200, max_bytes=5000)))
    assert all(isinstance(i, (RawArticle, InputError)) for i in items)
    assert all(i.reason for i in items if isinstance(i, InputError))


@FAST
@given(st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz"]), st.binary(max_size=4000))
def test_reading_random_bytes_of_any_format_never_raises(ext, data):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x{ext}"
        p.write_bytes(data)
        items = list(read_inputs([str(p)]))
    assert all(isinstance(i, (RawArticle, InputError)) for i in items)


@FAST
@given(html_text)
def test_random_html_cleans_or_fails_with_a_reason(html):
    from rasid.clean import NotArabicError, clean, plain_html_text

    assert isinstance(plain_html_text(html), str)
    try:
        doc = clean(RawArticle(doc_id="h", raw=html, source="h.html", is_html=True), max_depth=5)
    except NotArabicError as e:
        assert str(e)
    else:
        assert isinstance(doc.text, str)


@FAST
@given(arabic_text)
def test_text_scanners_on_random_arabic_give_spans_inside_the_text(text):
    from rasid.arabic import NormText, sentences
    from rasid.dates import find_dates
    from rasid.lexicon import default_lexicon

    nt = NormText(text)
    for s in sentences(text):
        assert 0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text
    for d in find_dates(nt, "2019-03-13"):
        assert 0 <= d.start <= d.end <= len(text) and text[d.start:d.end] == d.text
    for ms in default_lexicon().text_matchers.find(nt).values():
        for m in ms:
            assert 0 <= m.start <= m.end <= len(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabic_text)
def test_the_whole_pipeline_on_random_arabic_never_raises(pipeline, text):
    from rasid.clean import NotArabicError

    try:
        doc = pipeline.text("قصفت الطائرات " + text, published="2019-03-13")
    except NotArabicError:  # the one refusal allowed: too few Arabic letters
        return
    for e in doc.events:
        for ev in e.evidence:
            assert doc.text[ev["start"]:ev["end"]] == ev["quote"]

# ----------------------------------------------------------------- linear work on long documents
from hypothesis import example  # noqa: E402

# Work is counted, not timed: the lines of rasid's own code run (sys.settrace) on a text and on the same
# text twice and four times as long. Linear work doubles; the quadratic scans this replaced (every place,
# date, party or event group looked at again for each clause) grew 3.1-3.7 times per doubling here.
EVENT_SENTENCES = [
    "شنت طائرات حربية روسية غارات جوية على مدينة معرة النعمان يوم الاثنين، ما أسفر عن مقتل خمسة مدنيين.",
    "واندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وعناصر تنظيم الدولة في بلدة الباغوز، قتل فيها عشرة عناصر.",
    "وفي سياق آخر، اعتقلت قوات النظام عشرين شابا في مدينة حماة خلال حملة مداهمات.",
    "قصفت قوات النظام بالمدفعية قرية الزكاة في ريف حماة الشمالي أمس الأحد.",
    "وانفجرت عبوة ناسفة بسيارة عسكرية تركية قرب بلدة الراعي، ما أدى إلى إصابة ثلاثة جنود.",
    "وتظاهر مئات المدنيين في مدينة إدلب يوم الجمعة 15 آذار 2019 مطالبين بالإفراج عن المعتقلين.",
    "وقال المرصد السوري لحقوق الإنسان إن الطائرات الحربية استهدفت مواقع للفصائل في جبل الأكراد.",
    "وسيطرت هيئة تحرير الشام على قرية الحويز بعد معارك مع قوات النظام استمرت لساعات.",
]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _lines_run(fn) -> int:
    """How many lines of rasid's own code ``fn`` runs (other code is not traced)."""
    import rasid

    pkg, n = os.path.dirname(rasid.__file__), 0

    def local(frame, event, arg):
        nonlocal n
        n += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(pkg) else None

    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(None)
    return n


@pytest.fixture(scope="module")
def bare_pipeline():
    from rasid.pipeline import Pipeline

    return Pipeline(gazetteer=False)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(EVENT_SENTENCES) | st.sampled_from(ARABIC_PIECES), min_size=1, max_size=40).map(" ".join))
@example("".join(LETTERS[(i * 7) % len(LETTERS)] for i in range(997)))  # one line of letters, no space
@example(EVENT_SENTENCES[1])  # one event told again and again: one ever-growing group of mentions
@example(EVENT_SENTENCES[4] + " قصفت")  # one paragraph of undated events: each looked back for a day
@example("قوات")  # one run of letters made of a lexicon word: no walk back to a word's start per occurrence
@example(": " + EVENT_SENTENCES[0])  # sentences glued by ".:" ("مدنيين.: شنت"): one ever-growing sentence before
@example(EVENT_SENTENCES[0][:-1] + " ")  # one sentence without a stop, its clauses cut at "،": each trigger read the sentence's cues, each toll every earlier figure
def test_coding_work_grows_linearly_with_the_text(bare_pipeline, block):
    from rasid.clean import NotArabicError, clean
    import rasid.coding.merge as merge
    import rasid.coding.when as when

    mp = pytest.MonkeyPatch()
    mp.setattr(merge, "MERGE_WINDOW", 3000, raising=False)  # (so the sizes tried are past it, as a 10 MB article is past 50,000)
    mp.setattr(when, "PARAGRAPH_WINDOW", 3000, raising=False)  # (likewise: one paragraph without a date, looked back over)
    try:
        counts = []
        for n in (6000, 12000, 24000):
            text = (block + ("\n" if block.strip() in EVENT_SENTENCES else "")) * (n // max(len(block), 1) + 1)
            raw = RawArticle(doc_id="x", raw=text[:n], source="x", published="2019-03-13")
            try:
                counts.append(_lines_run(lambda: bare_pipeline.process(clean(raw))))
            except NotArabicError:
                return
    finally:
        mp.undo()
    assert counts[1] / counts[0] < 2.6 and counts[2] / counts[1] < 2.6, counts
