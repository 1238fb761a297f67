"""Read articles from files, folders and stdin: txt, html, jsonl, warc.

Readers yield :class:`RawArticle` records or :class:`InputError` records; a bad
file or line becomes one error with a one-line reason and never stops the run.
"""
from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .model import RawArticle

MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # one article larger than this is refused
TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
WARC_EXT = {".warc", ".warc.gz"}


@dataclass(slots=True)
class InputError:
    path: str
    reason: str
    line: int | None = None

    def record(self) -> dict:
        d = {"path": self.path, "reason": self.reason}
        if self.line is not None:
            d["line"] = self.line
        return d


class DecodeError(ValueError):
    pass


def _ext(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def discover(inputs: Iterable[str]) -> list[str]:
    """Expand folders recursively into supported files, in a stable order."""
    out: list[str] = []
    for inp in inputs:
        if inp == "-":
            out.append("-")
            continue
        p = Path(inp)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and _ext(f) in TEXT_EXT | HTML_EXT | JSONL_EXT | WARC_EXT:
                    out.append(str(f))
        else:
            out.append(str(p))
    return out


# ---------------------------------------------------------------- decoding
def decode_bytes(data: bytes) -> str:
    """Decode article bytes: BOMs, UTF-8, UTF-16, cp1256, ISO-8859-6; refuse binary.

    Raises :class:`DecodeError` with a short reason when the bytes are not text.
    """
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[3:])
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(f"broken UTF-16 ({e.reason})") from None
    head = data[:4096]
    # UTF-16 without BOM: every other byte is the high byte of the code point,
    # 0x00 for Latin and spaces, 0x06 for Arabic letters.
    odd, even = head[1::2], head[0::2]
    hi_odd = sum(b in (0, 6) for b in odd) / max(1, len(odd))
    hi_even = sum(b in (0, 6) for b in even) / max(1, len(even))
    if len(head) >= 4 and (head.count(b"\x00") > len(head) // 4 or max(hi_odd, hi_even) > 0.6):
        for enc in (("utf-16-le", "utf-16-be") if hi_odd >= hi_even else ("utf-16-be", "utf-16-le")):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_textual(text):
                return text
        raise DecodeError("binary file (NUL bytes, not UTF-16 text)")
    try:
        return _utf8(data)
    except DecodeError:
        pass
    from charset_normalizer import from_bytes

    # Single-byte Arabic pages: cp1256 and ISO-8859-6 put letters at different bytes, and
    # each decodes the other's bytes without error, so score the readings for Arabic text.
    cands = ["cp1256", "iso8859_6"]
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in cands:
        cands.append(best.encoding)
    scored = []
    for enc in cands:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_plausibility(text), enc, text))
    if not scored:
        raise DecodeError("binary or undecodable file (no text encoding fits)")
    score, enc, text = max(scored)
    if not _looks_textual(text):
        raise DecodeError("binary file (control characters)")
    return text


def _plausibility(text: str) -> float:
    """Arabic letters count for a reading, accented Latin letters and controls against it."""
    sample = text[:20000]
    arabic = sum("\u0621" <= c <= "\u064a" for c in sample)
    latin_ext = sum("\u00c0" <= c <= "\u00ff" for c in sample)
    ctrl = sum(ord(c) < 32 and c not in "\n\r\t" for c in sample)
    words = sum(sample.count(w) for w in (" في ", " من ", " على ", " ال"))
    return arabic - 5 * latin_ext - 10 * ctrl + 20 * words


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        # A file cut in the middle of a character: keep what is whole.
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            return data[: e.start].decode("utf-8")
        raise DecodeError(f"invalid UTF-8 at byte {e.start}") from None


def _looks_textual(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd")
    return bad / len(sample) < 0.01


# ---------------------------------------------------------------- readers
def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[RawArticle | InputError]:
    for path in paths:
        if path == "-":
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "<stdin>")
            continue
        p = Path(path)
        try:
            if not p.exists():
                yield InputError(path, "no such file")
                continue
            ext = _ext(p)
            if ext in JSONL_EXT:
                with open(p, "rb") as f:
                    yield from read_jsonl_stream(f, path)
            elif ext in WARC_EXT:
                yield from read_warc(p)
            elif ext in HTML_EXT or ext in TEXT_EXT:
                yield read_single(p, is_html=ext in HTML_EXT)
            else:
                yield InputError(path, f"unsupported file type '{ext or p.name}' (txt, html, jsonl, warc)")
        except OSError as e:
            yield InputError(path, f"cannot read: {e.strerror or e}")


def read_single(p: Path, is_html: bool) -> RawArticle | InputError:
    size = p.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        return InputError(str(p), f"file too large for one article ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)")
    data = p.read_bytes()
    try:
        text = decode_bytes(data)
    except DecodeError as e:
        return InputError(str(p), str(e))
    if not is_html and text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        is_html = True
    return RawArticle(doc_id=p.stem if not p.name.endswith(".gz") else p.name.split(".")[0], raw=text, source=str(p), is_html=is_html)


def read_jsonl_stream(f: BinaryIO, path: str) -> Iterator[RawArticle | InputError]:
    stem = Path(path).stem if path != "<stdin>" else "stdin"
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        if len(line) > MAX_ARTICLE_BYTES:
            yield InputError(path, f"line too large ({len(line) / 1e6:.1f} MB)", n)
            continue
        try:
            rec = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as e:
            yield InputError(path, f"invalid UTF-8 at byte {e.start}", n)
            continue
        except json.JSONDecodeError as e:
            yield InputError(path, f"malformed JSON ({e.msg} at column {e.colno})", n)
            continue
        if not isinstance(rec, dict):
            yield InputError(path, "a JSON line must be an object", n)
            continue
        body = rec.get("text")
        is_html = False
        if not isinstance(body, str) or not body.strip():
            body = rec.get("html")
            is_html = True
        if not isinstance(body, str) or not body.strip():
            yield InputError(path, "record has no text or html", n)
            continue
        doc_id = rec.get("doc_id") or rec.get("id") or f"{stem}-{n}"
        yield RawArticle(
            doc_id=str(doc_id), raw=body, source=f"{path}:{n}",
            outlet=_str(rec.get("outlet")), published=_str(rec.get("published")),
            title=_str(rec.get("title")), url=_str(rec.get("url")), is_html=is_html,
        )


def _str(v) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def read_warc(p: Path) -> Iterator[RawArticle | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with open(p, "rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                n += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                data = rec.content_stream().read(MAX_ARTICLE_BYTES + 1)
                where = f"{p}#{url}"
                if len(data) > MAX_ARTICLE_BYTES:
                    yield InputError(where, "record too large")
                    continue
                text = _decode_declared(data, ctype)
                if isinstance(text, InputError):
                    text.path = where
                    yield text
                    continue
                doc_id = hashlib.sha1((url or f"{p}:{n}").encode()).hexdigest()[:12]
                yield RawArticle(doc_id=doc_id, raw=text, source=where, url=url, is_html=True)
    except ArchiveLoadFailed as e:
        yield InputError(str(p), f"not a readable WARC ({str(e).splitlines()[0][:80]})")
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        yield InputError(str(p), f"truncated or corrupt WARC ({e})")


def _decode_declared(data: bytes, ctype: str) -> str | InputError:
    charset = None
    if "charset=" in ctype.lower():
        charset = ctype.lower().split("charset=")[-1].split(";")[0].strip().strip('"')
    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return decode_bytes(data)
    except DecodeError as e:
        return InputError("", str(e))


__all__ = ["InputError", "RawArticle", "decode_bytes", "discover", "read_inputs", "DecodeError"]
