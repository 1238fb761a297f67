"""Hostile input (issue 21): seconds, peak memory and exit status of `rasid run` on each hostile file,
and how the text layer scales on one long line and one long document (time per doubling: ~2x is linear).

    python bench/bench_hostile.py [--corpus ../shared/corpus/syria_conflict.jsonl] [--src OTHER/src] [--quick]
    python bench/bench_hostile.py --all-only   # only: every hostile file in one folder, one run under a 3 GiB cap

Then every file at once in one folder with good articles, one `rasid run` under a 3 GiB address-space cap
(issue 21's "done when": exit 1 unless an error per bad input, the good articles stored, the exports written),
and the share of event ids kept when corpus articles are stored again lightly edited.

Every file is generated into a temporary folder (the 2 GiB WARC bomb by streaming: ~2 MB on disk;
the 200 MB header line is written to disk and removed afterwards). ``--src`` runs another checkout's
code (e.g. the code before a change) for a before/after table; each case has a 120 s timeout, the
10 MB article and the 2.5-million-letter line run again with the caps raised (600 s timeout) to show
how the work grows rather than where a limit cuts it off.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

AR = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب اليوم الأحد، ما أدى إلى مقتل ثلاثة مدنيين، بحسب ناشطين. "
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
TIMEOUT = 120
LONG_TIMEOUT = 600  # the long inputs with the caps raised


def _http(body: bytes) -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def _record(url: str, block: bytes, length: str | None = None) -> bytes:
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {length or len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"


PAGE = f"<html><body><article><p>{AR * 3}</p></article></body></html>".encode()


def make_bomb(path: Path, inflated: int = 2 << 30) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {inflated}\r\n\r\n".encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http) + inflated}\r\n\r\n").encode()
    block = b"\0" * (8 << 20)
    with open(path, "wb") as f:
        f.write(gzip.compress(_record("https://example.org/good", _http(PAGE))))
        f.write(z.compress(head + http))
        left = inflated
        while left:
            n = min(left, len(block))
            f.write(z.compress(block[:n]))
            left -= n
        f.write(z.compress(b"\r\n\r\n") + z.flush())


def make_long_header(path: Path, size: int = 200 << 20) -> None:
    with open(path, "wb") as f:
        f.write(b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: ")
        chunk = b"a" * (8 << 20)
        for _ in range(size // len(chunk)):
            f.write(chunk)
        f.write(b"\r\nContent-Length: 1\r\n\r\nx\r\n\r\n")
        f.write(_record("https://example.org/good", _http(PAGE)))


def cases(d: Path, corpus: str | None) -> dict[str, Path]:
    out = {}
    p = d / "bomb.warc.gz"
    make_bomb(p)
    out["2 GiB-inflating record in a ~2 MB .warc.gz"] = p
    p = d / "badlen.warc"
    p.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nhello\r\n\r\n")
    out["70-byte WARC, Content-Length: abc"] = p
    p = d / "longhead.warc"
    make_long_header(p)
    out["WARC with a 200 MB header line"] = p
    p = d / "cut.warc.gz"
    whole = gzip.compress(_record("https://example.org/a", _http(PAGE)))
    p.write_bytes(whole + gzip.compress(_record("https://example.org/b", _http(PAGE.replace("كفرنبل".encode(), "سراقب".encode()))))[:-200])
    out[".warc.gz cut mid-record"] = p
    p = d / "stray.txt"
    data = (AR * 5).encode()
    cut = data.index(b" ", 100)
    p.write_bytes(data[:cut] + b"\xff" + data[cut:])
    out["UTF-8 article with one stray \\xff"] = p
    p = d / "line.txt"
    import random

    random.seed(1)
    p.write_text("".join(random.choice(LETTERS) for _ in range(2_500_000)), encoding="utf-8")
    out["one 2.5-million-letter line without spaces"] = p
    p = d / "big.txt"
    text = _long_text(corpus, 9_800_000 // 2)  # ~2 bytes a character
    p.write_text(text, encoding="utf-8")
    out[f"a {p.stat().st_size / 1e6:.1f} MB article"] = p
    p = d / "deep.html"
    p.write_text("<html><body>" + "<div>" * 1000 + f"<p>{(AR * 3).replace('كفرنبل', 'بنش')}</p>" + "</div>" * 1000
                 + "</body></html>", encoding="utf-8")
    out["HTML nested 1,000 levels deep"] = p
    return out


def _long_text(corpus: str | None, chars: int) -> str:
    parts, n = [], 0
    if corpus and Path(corpus).exists():
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("text") or ""
                parts.append(t)
                n += len(t) + 1
                if n >= chars:
                    break
    while n < chars:
        parts.append(AR * 20)
        n += len(AR) * 20 + 1
    return "\n".join(parts)[:chars]


def run_cli(args: list[str], src: str | None, cap_gib: float | None = None, timeout: int = TIMEOUT) -> dict:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    code = "import sys; from rasid.cli import app; sys.argv = ['rasid'] + sys.argv[1:]; app()"
    if cap_gib:
        code = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({int(cap_gib * 2**30)}, {int(cap_gib * 2**30)})); " + code
    # each case in its own child so its peak memory is its own
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "try:\n"
        f"    r = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout={timeout}); rc, out, err = r.returncode, r.stdout, r.stderr\n"
        "except subprocess.TimeoutExpired as e:\n"
        "    rc, out, err = 'timeout', '', ''\n"
        "mem = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'rc': rc, 's': round(time.perf_counter() - t, 2), 'mb': round(mem), 'out': out[-20000:], 'err': err[-500:]}))\n"
    )
    r = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", code] + args, capture_output=True, text=True, env=env)
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return {"rc": "?", "s": 0, "mb": 0, "out": "", "err": r.stderr[-300:]}


def scaling(src_label: str, corpus: str | None, quick: bool) -> None:
    """Seconds of the pipeline (no gazetteer) on one long line and one long document, doubling the size."""
    from rasid.model import RawArticle
    from rasid.pipeline import Pipeline
    from rasid.clean import clean

    pipe = Pipeline(gazetteer=False) if "gazetteer" in Pipeline.__init__.__code__.co_varnames else Pipeline()
    import random

    random.seed(2)
    line = "".join(random.choice(LETTERS) for _ in range(1_600_000))
    doc = _long_text(corpus, 1_600_000)
    sizes = [25_000, 50_000, 100_000, 200_000] if quick else [50_000, 100_000, 200_000, 400_000]
    for name, text in (("long line (letters, no spaces)", line), ("long document (articles joined)", doc)):
        prev = None
        row = []
        for n in sizes:
            t = time.perf_counter()
            d = clean(RawArticle(doc_id="x", raw=text[:n], source="x", published="2019-03-13"))
            pipe.process(d)
            s = time.perf_counter() - t
            row.append(f"{n // 1000}k: {s:.2f} s" + (f" (x{s / prev:.1f})" if prev else ""))
            prev = max(s, 1e-3)
        print(f"  {name}: " + ", ".join(row))


def ids_kept(corpus: str | None, n: int = 150) -> None:
    """Event ids kept when an article is stored again lightly edited (issue 21): a line added at the top, a line
    added between its paragraphs; and the same text coded twice. Every 7th corpus article, the first ``n``."""
    from rasid.model import RawArticle
    from rasid.pipeline import Pipeline

    if not corpus or not Path(corpus).exists():
        print("  (no corpus: skipped)")
        return
    pipe = Pipeline(gazetteer=False)
    arts = []
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 7 == 0:
                arts.append(json.loads(line))
            if len(arts) >= n:
                break
    tot = top_kept = mid_kept = twice = 0
    for a in arts:
        text = a.get("text") or ""

        def ids(t: str) -> list[str]:
            d = pipe(RawArticle(doc_id=str(a.get("doc_id") or "x"), raw=t, source="x", published=a.get("published") or "2019-03-13"))
            return [e.event_id for e in d.events]

        base = ids(text)
        paras = text.split("\n")
        k = len(paras) // 2
        tot += len(base)
        top_kept += len(set(base) & set(ids("تحديث: أضيفت تفاصيل جديدة إلى هذا الخبر.\n" + text)))
        mid_kept += len(set(base) & set(ids("\n".join(paras[:k] + ["وقال ناشطون إن الوضع ما زال متوترا."] + paras[k:]))))
        twice += ids(text) == base
    print(f"  {len(arts)} articles, {tot} events: ids kept after a line added at the top {top_kept / max(tot, 1):.1%}, "
          f"a line added between paragraphs {mid_kept / max(tot, 1):.1%}; the same ids coded twice {twice}/{len(arts)}")


# what `rasid run` on the folder of every file must give (issue 21's "done when"): an error per bad input
EXPECTED_ERRORS = {"bomb.warc.gz": 1, "badlen.warc": 1, "longhead.warc": 1, "cut.warc.gz": 1, "line.txt": 1, "big.txt": 1}
EXPORTS = ("events.jsonl", "events.csv", "events.geojson", "documents.jsonl", "errors.jsonl", "reviews.jsonl")


def all_at_once(d: Path, files: dict[str, Path], src: str | None, cap_gib: float = 3) -> bool:
    """Every hostile file and two good articles in one folder, one `rasid run` under an address-space cap of
    ``cap_gib``: peak memory, seconds, errors per file against EXPECTED_ERRORS, the good articles stored and
    the exports written. True when all of that holds."""
    folder = d / "all"
    folder.mkdir(exist_ok=True)
    for p in files.values():
        if p.exists():
            os.replace(p, folder / p.name)
    (folder / "good.txt").write_text(AR * 3, encoding="utf-8")
    (folder / "good2.txt").write_text((AR * 3).replace("كفرنبل", "سراقب"), encoding="utf-8")
    out = d / "out-all"
    r = run_cli(["run", str(folder), "--out", str(out), "--db", str(d / "all.db"), "--no-gazetteer", "--json"], src,
                cap_gib=cap_gib)
    ok = False
    try:
        summ = json.loads(r["out"])
        per: dict[str, int] = {}
        for e in summ["errors"]:
            name = Path(e["path"].split("#")[0]).name
            per[name] = per.get(name, 0) + 1
        exports = [n for n in EXPORTS if (out / n).exists()]
        # good.txt, good2.txt, deep.html, stray.txt and the good records of bomb, cut and longhead: 7 good inputs, the
        # records one text (that of good.txt), stored once and met again as "already stored"
        ok = (per == EXPECTED_ERRORS and summ["documents_stored"] >= 4 and len(exports) == len(EXPORTS) and r["rc"] == 1
              and summ["documents_stored"] + summ["skipped_already_stored"] == 7)
        what = (f"stored {summ['documents_stored']}, already stored {summ['skipped_already_stored']}, {len(summ['errors'])} "
                f"errors ({', '.join(f'{k} {v}' for k, v in sorted(per.items()))}), exports {len(exports)}/{len(EXPORTS)}"
                f" -> {'OK' if ok else 'NOT AS EXPECTED'}")
    except (json.JSONDecodeError, KeyError):
        what = (r["err"].strip().splitlines() or ["(no summary)"])[-1][:100]
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    print(f"  {f'all {len(list(folder.iterdir()))} files ({size:.0f} MB) in one folder, {cap_gib:g} GiB cap':48} "
          f"{r['rc']!s:>7} {r['s']:>8} {r['mb']:>8}  {what}")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus")
    ap.add_argument("--gazetteer")  # accepted for `make bench` symmetry; the cases run without one
    ap.add_argument("--src", help="another checkout's src/ to measure (before/after)")
    ap.add_argument("--quick", action="store_true", help="smaller scaling sizes")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--all-only", action="store_true",
                    help="only the folder of every hostile file under a 3 GiB cap (exit 1 unless as expected)")
    a = ap.parse_args()
    if a.all_only:
        with tempfile.TemporaryDirectory() as d:
            print(f"  {'input':48} {'exit':>7} {'seconds':>8} {'peak MB':>8}  outcome")
            sys.exit(0 if all_at_once(Path(d), cases(Path(d), a.corpus), a.src) else 1)
    print(f"hostile inputs, `rasid run FILE --no-gazetteer` each ({'code in ' + a.src if a.src else 'this checkout'}; "
          f"timeout {TIMEOUT} s)")
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        files = cases(d, a.corpus)
        print(f"  {'input':48} {'exit':>7} {'seconds':>8} {'peak MB':>8}  outcome")
        for name, p in files.items():
            r = run_cli(["run", str(p), "--out", str(d / ("out-" + p.name)), "--no-gazetteer", "--json"], a.src)
            try:
                summ = json.loads(r["out"])
                what = (f"stored {summ['documents_stored']}, already stored {summ['skipped_already_stored']}, errors: "
                        + ("; ".join(e["reason"][:90] for e in summ["errors"][:2]) or "none"))
                what += "".join(f"; note: {n[-60:]}" for n in summ.get("notes", []) if "gazetteer" not in n)[:120]
            except (json.JSONDecodeError, KeyError):
                what = (r["err"].strip().splitlines() or ["(no summary)"])[-1][:100]
            print(f"  {name:48} {r['rc']!s:>7} {r['s']:>8} {r['mb']:>8}  {what}")
        # the long ones again with the caps raised: how the work grows, not where it is cut off
        uncapped = ["--max-chars", "30000000", "--max-bytes", str(64 << 20), "--max-seconds", "0"]
        print(f"  with {' '.join(uncapped)} (timeout {LONG_TIMEOUT} s):")
        for name, p in files.items():
            if p.name in ("line.txt", "big.txt"):
                r = run_cli(["run", str(p), "--out", str(d / ("out-uncapped-" + p.name)), "--db", str(d / f"uncapped-{p.name}.db"),
                             "--no-gazetteer", "--json"] + uncapped, a.src, timeout=LONG_TIMEOUT)
                try:
                    summ = json.loads(r["out"])
                    what = f"stored {summ['documents_stored']}, {summ['events']} events, errors: " + (
                        "; ".join(e["reason"][:90] for e in summ["errors"][:2]) or "none")
                except (json.JSONDecodeError, KeyError):
                    what = (r["err"].strip().splitlines() or ["(no summary)"])[-1][:100]
                print(f"  {name:48} {r['rc']!s:>7} {r['s']:>8} {r['mb']:>8}  {what}")
        all_at_once(d, files, a.src)
    if not a.src:
        print("event ids across a light edit (re-ingest of an edited article):")
        ids_kept(a.corpus)
    if not a.skip_scaling and not a.src:
        print("scaling of clean + segment + match + geoparse + code (no gazetteer), size doubling:")
        scaling("", a.corpus, a.quick)


if __name__ == "__main__":
    main()
