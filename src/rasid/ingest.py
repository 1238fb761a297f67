"""Read articles from files, folders and stdin: txt, html, jsonl, warc.

Readers yield :class:`RawArticle` records or :class:`InputError` records; a bad
file or line becomes one error with a one-line reason and never stops the run.
"""
from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .model import RawArticle

MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # one article larger than this is refused (Limits.max_bytes)


@dataclass(frozen=True)
class Limits:
    """How much work one input may cost; an input over a limit is one error naming it (``rasid run --max-...``)."""

    max_bytes: int = MAX_ARTICLE_BYTES  # one article: a .txt/.html file, a JSONL line, a WARC record once inflated
    max_line: int = 64 * 1024  # one header line of a WARC record or of its HTTP response
    max_chars: int = 200_000  # characters of one document's text (the longest corpus article has 20,000)
    max_depth: int = 200  # HTML element nesting; a deeper page is read by a plain text extractor instead
    max_seconds: float = 60.0  # cleaning and coding one document (0: no budget)
    max_archive_bytes: int = 8 * 1024 ** 3  # bytes inflated from one archive file, all records together

    def over(self, name: str, what: str) -> str:
        """The reason for an input over limit ``name``: what went over and the flag that moves it."""
        return f"{what}: over the limit {name}={getattr(self, name)} (rasid run --{name.replace('_', '-')})"


class LimitError(ValueError):
    pass
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


def count_articles(inputs: Iterable[str]) -> int | None:
    """How many articles the inputs hold, for a progress bar's total: one per text or HTML file, one per
    JSONL line (counted in 1 MB reads); None when some cannot be known beforehand (stdin, WARC)."""
    n = 0
    for f in discover(inputs):
        ext = "-" if f == "-" else _ext(Path(f))
        if ext in TEXT_EXT | HTML_EXT:
            n += 1
        elif ext in JSONL_EXT:
            try:
                with open(f, "rb") as fh:
                    last = b"\n"
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        n += chunk.count(b"\n")
                        last = chunk[-1:]
                    n += last != b"\n"
            except OSError:
                n += 1  # an unreadable file is one failed input
        else:
            return None
    return n


# ---------------------------------------------------------------- decoding
def decode_bytes(data: bytes) -> str:
    """Decode article bytes: BOMs, UTF-8, UTF-16, cp1256, ISO-8859-6; refuse binary.

    Raises :class:`DecodeError` with a short reason when the bytes are not text.
    """
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of article bytes and a note on what was repaired (None: nothing).

    UTF-8 with a few bad bytes stays UTF-8: each bad sequence becomes U+FFFD and the note counts them.
    A legacy encoding is tried only when the bytes are not UTF-8 at all; text that decodes to
    mojibake or mostly non-letters is refused (:class:`DecodeError`).
    """
    if not data.strip():
        raise DecodeError("empty file")
    text, note = _utf8_lenient(data[3:]) if data.startswith(codecs.BOM_UTF8) else _decode_other(data)
    bad = garbled(text)
    if bad:
        raise DecodeError(bad)
    return text, note


def _utf8_lenient(data: bytes) -> tuple[str, str | None]:
    try:
        return _utf8(data), None
    except DecodeError:
        pass
    text, n_bad, n_good = _utf8_replaced(data)
    if n_bad * 10 > n_good:
        raise DecodeError(f"invalid UTF-8: {n_bad} bad byte sequences among {n_good} good non-ASCII characters "
                          "(mixed or corrupt encoding)")
    return text, f"{n_bad} invalid UTF-8 byte sequence{'s' if n_bad > 1 else ''} replaced by U+FFFD"


def _utf8_replaced(data: bytes) -> tuple[str, int, int]:
    """UTF-8 with each bad sequence replaced; how many were bad, how many non-ASCII characters were fine."""
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    n_nonascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text, n_bad, n_nonascii - n_bad


_NOT_LETTERS = re.compile(r"[\W\d_]+")  # what str.isalpha() says no to
_ARABIC_RUNS = re.compile("[\u0621-\u064a]+")


def garbled(text: str, markup: bool = False) -> str | None:
    """Why decoded text is no article (mojibake, mostly non-letters, undecodable), or None.

    ``markup``: the text is HTML, whose tags are no letters of the article.
    """
    sample = text[:200_000]
    repl = sample.count("\ufffd")
    if len(sample) >= 100 and repl > len(sample) * 0.1:
        return f"mostly undecodable bytes ({repl} of {len(sample)} characters are U+FFFD)"
    if not (markup or sample.lstrip()[:1] == "<") and len(sample) >= 200:
        visible = len(sample) - sum(map(sample.count, " \n\r\t"))
        letters = len(_NOT_LETTERS.sub("", sample))  # (a pass of the regex engine, not a Python step per character)
        if visible and letters < visible * 0.25:
            return f"mostly non-letters ({letters} letters among {visible} visible characters)"
    arabic = sum(map(len, _ARABIC_RUNS.findall(sample)))
    # UTF-8 Arabic read as cp1256: every letter's lead byte 0xD8/0xD9 shows as ط/ظ
    tz = sample.count("ط") + sample.count("ظ")
    if arabic >= 50 and tz > arabic * 0.3:
        return f"mojibake: UTF-8 read as a legacy encoding ({tz / arabic:.0%} of Arabic letters are ط or ظ)"
    # UTF-8 Arabic read as Latin-1 / cp1252: Ø and Ù lead every letter
    ou = sample.count("Ø") + sample.count("Ù")
    if ou >= 50 and ou > len(sample) * 0.15:
        return f"mojibake: UTF-8 read as Latin-1 ({ou} of {len(sample)} characters are Ø or Ù)"
    return None


def _decode_other(data: bytes) -> tuple[str, str | None]:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), None
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
                return text, None
        raise DecodeError("binary file (NUL bytes, not UTF-16 text)")
    try:
        return _utf8(data), None
    except DecodeError:
        pass
    _, n_bad, n_good = _utf8_replaced(data)
    if n_good >= n_bad:  # UTF-8 with some bad bytes is UTF-8, never read as a legacy encoding
        return _utf8_lenient(data)
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
    return text, None


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
def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None,
                limits: Limits | None = None) -> Iterator[RawArticle | InputError]:
    lim = limits or Limits()
    for path in paths:
        if path == "-":
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "<stdin>", lim)
            continue
        p = Path(path)
        try:
            if not p.exists():
                yield InputError(path, "no such file")
                continue
            ext = _ext(p)
            if ext in JSONL_EXT:
                with open(p, "rb") as f:
                    yield from read_jsonl_stream(f, path, lim)
            elif ext in WARC_EXT:
                yield from read_warc(p, lim)
            elif ext in HTML_EXT or ext in TEXT_EXT:
                yield read_single(p, is_html=ext in HTML_EXT, limits=lim)
            else:
                yield InputError(path, f"unsupported file type '{ext or p.name}' (txt, html, jsonl, warc)")
        except OSError as e:
            yield InputError(path, f"cannot read: {e.strerror or e}")


def read_single(p: Path, is_html: bool, limits: Limits | None = None) -> RawArticle | InputError:
    lim = limits or Limits()
    size = p.stat().st_size
    if size > lim.max_bytes:
        return InputError(str(p), lim.over("max_bytes", f"file too large for one article ({size:,} bytes)"))
    return article_of_bytes(p, p.read_bytes(), is_html)


def article_of_bytes(p: Path, data: bytes, is_html: bool) -> RawArticle | InputError:
    """The article of a text or HTML file's bytes (read here, or by a run's client for a worker)."""
    try:
        text, note = decode_text(data)
    except DecodeError as e:
        return InputError(str(p), str(e))
    if not is_html and text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        is_html = True
    return RawArticle(doc_id=p.stem if not p.name.endswith(".gz") else p.name.split(".")[0], raw=text, source=str(p),
                      is_html=is_html, note=note)


def _bounded_lines(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, its length) with a line longer than ``limit`` given as None, never held whole."""
    n = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield n, line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):  # the rest of the long line, read and dropped
            line = f.readline(1 << 20)
            size += len(line)
        yield n, None, size


def read_jsonl_stream(f: BinaryIO, path: str, limits: Limits | None = None) -> Iterator[RawArticle | InputError]:
    lim = limits or Limits()
    for n, line, size in _bounded_lines(f, lim.max_bytes):
        item = jsonl_article(path, n, line, size, lim)
        if item is not None:
            yield item


def jsonl_article(path: str, n: int, line: bytes | None, size: int, limits: Limits) -> RawArticle | InputError | None:
    """The article of JSONL line ``n`` (None: a too long line of ``size`` bytes), or its error; None for a blank line."""
    lim = limits
    if line is None:
        return InputError(path, lim.over("max_bytes", f"line too large ({size:,} bytes)"), n)
    if not line.strip():
        return None
    try:
        rec = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        return InputError(path, f"invalid UTF-8 at byte {e.start}", n)
    except json.JSONDecodeError as e:
        return InputError(path, f"malformed JSON ({e.msg} at column {e.colno})", n)
    except RecursionError:
        return InputError(path, "malformed JSON (nested too deeply)", n)
    if not isinstance(rec, dict):
        return InputError(path, "a JSON line must be an object", n)
    body = rec.get("text")
    is_html = False
    if not isinstance(body, str) or not body.strip():
        body = rec.get("html")
        is_html = True
    if not isinstance(body, str) or not body.strip():
        return InputError(path, "record has no text or html", n)
    bad = garbled(body, markup=is_html)
    if bad:
        return InputError(path, bad, n)
    stem = Path(path).stem if path != "<stdin>" else "stdin"
    doc_id = rec.get("doc_id") or rec.get("id") or f"{stem}-{n}"
    return RawArticle(
        doc_id=str(doc_id), raw=body, source=f"{path}:{n}",
        outlet=_str(rec.get("outlet")), published=_str(rec.get("published")),
        title=_str(rec.get("title")), url=_str(rec.get("url")), is_html=is_html,
    )


def _str(v) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


# ---------------------------------------------------------------- WARC
class ArchiveError(ValueError):
    """The archive cannot be read on from here (cut short, corrupt compression, over a limit)."""


class _Inflow:
    """The bytes of a file, inflated as they are read when gzip (any number of members).

    Never holds more than one line, one record or one megabyte of inflated bytes at a time; counts
    what it inflated against ``max_total`` (a decompression bomb stops there, not at the memory's end).
    """

    CHUNK = 1 << 16
    STEP = 1 << 20

    def __init__(self, f: BinaryIO, gz: bool, lim: Limits):
        self.f, self.lim = f, lim
        self.d = zlib.decompressobj(31) if gz else None
        self.in_member = False
        self.buf = bytearray()
        self.pos = 0  # read position in buf
        self.total = 0  # bytes inflated (or read) so far
        self.offset = 0  # bytes handed out so far

    def _fill(self) -> bool:
        """Up to one step more bytes into the buffer; False at the end of the file."""
        if self.pos > self.STEP:
            del self.buf[:self.pos]
            self.pos = 0
        if self.d is None:
            chunk = self.f.read(self.CHUNK)
            if not chunk:
                return False
            self._add(chunk)
            return True
        while True:
            if self.d.eof:
                data = self.d.unused_data or self.f.read(self.CHUNK)
                self.d, self.in_member = zlib.decompressobj(31), False
            elif self.d.unconsumed_tail:
                data = self.d.unconsumed_tail
            else:
                data = self.f.read(self.CHUNK)
            if not data:
                if self.in_member:
                    raise ArchiveError("the gzip stream ends in the middle of a record (file cut short)")
                return False
            self.in_member = True
            try:
                out = self.d.decompress(data, self.STEP)
            except zlib.error as e:
                raise ArchiveError(f"corrupt gzip data ({e})") from None
            if out:
                self._add(out)
                return True

    def _add(self, out: bytes) -> None:
        self.total += len(out)
        if self.total > self.lim.max_archive_bytes:
            raise ArchiveError(self.lim.over("max_archive_bytes", "archive inflates too far"))
        self.buf += out

    def readline(self, limit: int) -> bytes:
        """One line (with its newline; shorter at the end of the file); LimitError past ``limit`` bytes."""
        seen = 0  # bytes after pos already searched (pos moves when _fill compacts the buffer)
        while True:
            i = self.buf.find(b"\n", self.pos + seen)
            if i >= 0 and i + 1 - self.pos <= limit:
                line = bytes(self.buf[self.pos:i + 1])
                self.pos = i + 1
                self.offset += len(line)
                return line
            if len(self.buf) - self.pos > limit:
                raise LimitError("line too long")
            seen = len(self.buf) - self.pos
            if not self._fill():
                line = bytes(self.buf[self.pos:])
                self.pos = len(self.buf)
                self.offset += len(line)
                return line

    def skip_line(self) -> int:
        """Drop the rest of the current line, however long (never held whole); how many bytes."""
        n = 0
        while True:
            i = self.buf.find(b"\n", self.pos)
            if i >= 0:
                n += i + 1 - self.pos
                self.pos = i + 1
                break
            n += len(self.buf) - self.pos
            self.pos = len(self.buf)
            if not self._fill():
                break
        self.offset += n
        return n

    def read(self, n: int) -> bytes:
        """``n`` bytes, fewer at the end of the file (the caller holds them: bounded by a limit)."""
        while len(self.buf) - self.pos < n and self._fill():
            pass
        out = bytes(self.buf[self.pos:self.pos + n])
        self.pos += len(out)
        self.offset += len(out)
        return out

    def skip(self, n: int) -> int:
        """Drop ``n`` bytes without holding them; how many there were."""
        left = n
        while left > 0:
            have = len(self.buf) - self.pos
            if have == 0 and not self._fill():
                break
            take = min(left, len(self.buf) - self.pos)
            self.pos += take
            left -= take
        self.offset += n - left
        return n - left


def _headers(src: _Inflow, lim: Limits, budget: int | None = None) -> tuple[list[bytes], int]:
    """Header lines up to the blank line: (lines, bytes used); LimitError past max_line or 500 lines."""
    lines, used = [], 0
    while True:
        line = src.readline(lim.max_line if budget is None else min(lim.max_line, max(budget - used, 1)))
        used += len(line)
        if not line or not line.strip():
            return lines, used
        lines.append(line)
        if len(lines) > 500:
            raise LimitError("more than 500 header lines")


def _header_map(lines: list[bytes]) -> dict[str, str]:
    out = {}
    for line in lines:
        k, sep, v = line.decode("latin-1").partition(":")
        if sep:
            out.setdefault(k.strip().lower(), v.strip())
    return out


def read_warc(p: Path | str, limits: Limits | None = None, stream: BinaryIO | None = None) -> Iterator[RawArticle | InputError]:
    """Every HTML response of a WARC file (plain or gzip), streamed within ``limits``.

    A bad record (malformed headers, a Content-Length that is no number, a record over a limit,
    one cut short) is one error; the reader then looks for the next record, so the good ones are kept.
    """
    lim = limits or Limits()
    n = 0
    # (``stream``: the file already open; `rasid watch` reads each record it writes this way, so that it
    # codes exactly what `rasid run` on its WARC files would)
    with open(p, "rb") if stream is None else contextlib.nullcontext(stream) as f:
        gz = f.read(2) == b"\x1f\x8b"
        f.seek(0)
        src = _Inflow(f, gz, lim)
        try:
            while True:
                at = src.offset
                try:
                    first = src.readline(lim.max_line)
                    while first and not first.strip():
                        at = src.offset
                        first = src.readline(lim.max_line)
                    if not first:
                        return
                    if not first.startswith(b"WARC/"):
                        yield InputError(str(p), f"not a WARC record at byte {at:,}")
                        _resync(src)
                        continue
                    head = _header_map(_headers(src, lim)[0])
                except LimitError:
                    yield InputError(str(p), lim.over("max_line", f"a WARC header line at byte {at:,} is too long"))
                    src.skip_line()  # past the long line first: the resync then always moves on
                    _resync(src)
                    continue
                url = head.get("warc-target-uri") or None
                where = f"{p}#{url}" if url else f"{p}#byte {at:,}"
                length_s = head.get("content-length", "")
                if not length_s.isdigit():
                    yield InputError(where, f"malformed WARC record: Content-Length {length_s[:40]!r} is not a number")
                    _resync(src)
                    continue
                length = int(length_s)
                if head.get("warc-type") != "response":
                    got = src.skip(length)
                    if got < length:
                        yield InputError(where, f"WARC record cut short ({got:,} of {length:,} bytes)")
                        return
                    continue
                item = _response(src, lim, length, where, url)
                if item is None:
                    continue
                if isinstance(item, RawArticle):
                    n += 1
                    item.doc_id = hashlib.sha1((url or f"{p}:{n}").encode()).hexdigest()[:12]
                    # `rasid watch` names in its records the document id (an edited page's later version), the
                    # source's outlet and the feed's date, so that `rasid run` on its WARCs makes the same documents
                    item.doc_id = _warc_text(head.get("warc-rasid-doc-id")) or item.doc_id
                    item.outlet = _warc_text(head.get("warc-rasid-outlet"))
                    item.published = _warc_text(head.get("warc-rasid-published"))
                elif item.reason.startswith("WARC record cut short"):
                    yield item
                    return
                yield item
        except ArchiveError as e:
            yield InputError(str(p), f"{e} at byte {src.offset:,}")


def _warc_text(v: str | None) -> str | None:
    """A WARC header value read as Latin-1 (how :func:`_header_map` reads them) back to its UTF-8 text."""
    if not v:
        return None
    try:
        return v.encode("latin-1").decode("utf-8").strip() or None
    except (UnicodeEncodeError, UnicodeDecodeError):
        return v.strip() or None


def _resync(src: _Inflow) -> None:
    """Skip to the next line that opens a WARC record (which the main loop then reads)."""
    while True:
        i = src.buf.find(b"\nWARC/", max(src.pos - 1, 0))
        if i >= 0:
            src.offset += i + 1 - src.pos
            src.pos = i + 1
            return
        keep = max(len(src.buf) - 6, src.pos)  # a marker split across two fills is still found
        src.offset += keep - src.pos
        src.pos = keep
        if not src._fill():
            src.offset += len(src.buf) - src.pos
            src.pos = len(src.buf)
            return


def _response(src: _Inflow, lim: Limits, length: int, where: str, url: str | None) -> RawArticle | InputError | None:
    """The HTML article of one response record's block of ``length`` bytes (None: not HTML)."""
    try:
        status, used = _headers(src, lim, budget=length)
    except LimitError:
        src.skip_line()
        _resync(src)
        return InputError(where, lim.over("max_line", "an HTTP header line is too long"))
    if used > length:
        return InputError(where, "malformed WARC record: HTTP headers run past Content-Length")
    http = _header_map(status[1:])
    ctype = http.get("content-type", "")
    body_len = length - used
    if "html" not in ctype.lower():
        return _drop(src, body_len, where, None)
    if body_len > lim.max_bytes:
        return _drop(src, body_len, where, InputError(where, lim.over("max_bytes", f"record too large ({body_len:,} bytes)")))
    body = src.read(body_len)
    if len(body) < body_len:
        return InputError(where, f"WARC record cut short ({len(body) + used:,} of {length:,} bytes)")
    try:
        if "chunked" in http.get("transfer-encoding", "").lower():
            body = _dechunk(body)
        enc = http.get("content-encoding", "").lower().strip()
        if enc in ("gzip", "x-gzip", "deflate"):
            d = zlib.decompressobj(47 if enc != "deflate" else 15)  # 47: gzip or zlib header
            body = d.decompress(body, lim.max_bytes + 1)
            if len(body) > lim.max_bytes:
                return InputError(where, lim.over("max_bytes", "record too large once inflated"))
        elif enc not in ("", "identity"):
            return InputError(where, f"unsupported Content-Encoding {enc[:20]!r}")
    except (ValueError, zlib.error) as e:
        return InputError(where, f"malformed HTTP body ({e})")
    text = _decode_declared(body, ctype)
    if isinstance(text, InputError):
        text.path = where
        return text
    text, note = text
    return RawArticle(doc_id="", raw=text, source=where, url=url, is_html=True, note=note)


def _drop(src: _Inflow, n: int, where: str, result: InputError | None) -> InputError | None:
    """Skip ``n`` bytes of a record not kept; ``result``, or an error when the file ends first."""
    got = src.skip(n)
    if got < n:
        return InputError(where, f"WARC record cut short ({got:,} of {n:,} body bytes)")
    return result


def _dechunk(body: bytes) -> bytes:
    out, i = bytearray(), 0
    while True:
        j = body.find(b"\r\n", i)
        if j < 0:
            raise ValueError("chunked body cut short")
        size = int(body[i:j].split(b";")[0].strip() or b"x", 16)
        if size == 0:
            return bytes(out)
        out += body[j + 2:j + 2 + size]
        i = j + 2 + size + 2


def _decode_declared(data: bytes, ctype: str) -> tuple[str, str | None] | InputError:
    charset = None
    if "charset=" in ctype.lower():
        charset = ctype.lower().split("charset=")[-1].split(";")[0].strip().strip('"')
    if charset:
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            bad = garbled(text, markup=True)
            return InputError("", bad) if bad else (text, None)
    try:
        return decode_text(data)
    except DecodeError as e:
        return InputError("", str(e))


__all__ = ["InputError", "RawArticle", "decode_bytes", "decode_text", "Limits", "discover", "read_inputs", "DecodeError"]
