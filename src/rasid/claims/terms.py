"""Search terms of Arabic text: normalised (:func:`rasid.arabic.normalize`), light-stemmed, stop words out.

The same function reads claims, report sentences and the texts put in the full-text index, so a
claim's term matches a report's whatever its clitics ('والجيش', 'للجيش', 'الجيش' -> 'جيش').
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..arabic import normalize

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+(?:\.[0-9]+)?|[A-Za-z]+")
_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ها", "هم", "ان", "يه", "وا", "ه", "ي", "ت")
VERSION = "2"  # bump when terms change: the full-text index is made again


def _data(name: str) -> list[str]:
    text = resources.files("rasid.data").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(normalize(w) for w in _data("claim_stopwords.tsv"))


@lru_cache(maxsize=1)
def _cue_rows() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list] = {}
    for line in _data("stance_cues.tsv"):
        kind, _, phrase = line.partition("\t")
        out.setdefault(kind.strip(), []).append(tuple(normalize(phrase).split()))
    return {k: tuple(v) for k, v in out.items()}


def cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """kind -> cue phrases, each a tuple of normalised words ('deny', 'relay', 'hedge')."""
    return {k: v for k, v in _cue_rows().items() if k != "suffix"}


@lru_cache(maxsize=1)
def cue_suffixes() -> frozenset[str]:
    """The endings a cue word may take in a text (pronouns, number, gender: 'نفاه', 'نفتها'), from the 'suffix'
    rows of stance_cues.tsv; any other continuation is another word ('تنفيذ' is no 'تنفي')."""
    return frozenset(p[0] for p in _cue_rows().get("suffix", ()) if p)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: one proclitic group and one suffix off, at least three letters kept."""
    w = word
    for p in _PREFIXES:  # a lone proclitic leaves four letters at least ('بلده' stays)
        if w.startswith(p) and len(w) - len(p) >= (3 if len(p) > 1 or p in "وف" else 4):
            w = w[len(p):]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            break
    return w


def words(text: str) -> list[str]:
    """The normalised words of ``text`` (Arabic, digits, Latin lower-cased), in order."""
    return [w.lower() for w in _WORD.findall(normalize(text))]


def terms(text: str) -> list[str]:
    """The search terms of ``text``: its words less stop words and one-letter words, stemmed."""
    return terms_of(words(text))


@lru_cache(maxsize=262144)
def _term(w: str) -> str | None:
    return None if len(w) < 2 or w in stopwords() else stem(w)


def terms_of(ws: list[str]) -> list[str]:
    """The search terms of the words ``ws`` (:func:`words`)."""
    return [t for w in ws if (t := _term(w)) is not None]


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """kind -> first word of a cue -> its phrases."""
    out: dict[str, dict[str, list]] = {}
    for kind, phrases in cues().items():
        for ph in phrases:
            if ph:
                out.setdefault(kind, {}).setdefault(ph[0], []).append(ph)
    return out


def _word_ok(w: str, c: str) -> bool:
    """Whether the text word ``w`` is the cue word ``c``: itself, with an ending of :func:`cue_suffixes` (a cue
    of four letters or more), and either with و or ف before it."""
    for x in (w, w[1:] if w[:1] in ("و", "ف") else None):
        if x and (x == c or (len(c) > 3 and x.startswith(c) and x[len(c):] in cue_suffixes())):
            return True
    return False


@lru_cache(maxsize=262144)
def _openers(kind: str, w: str) -> tuple[tuple[str, ...], ...]:
    """The cue phrases of ``kind`` whose first word ``w`` may be (memoised: a text's words repeat)."""
    idx = _cue_index().get(kind)
    if not idx:
        return ()
    keys = {w, w[1:]} if w[:1] in ("و", "ف") else {w}
    keys |= {k[:n] for k in tuple(keys) for n in range(4, len(k))}
    return tuple(ph for k in keys for ph in idx.get(k, ()) if _word_ok(w, ph[0]))


def has_cue(ws: list[str], kind: str) -> str | None:
    """The first cue of ``kind`` whose words open consecutive words of ``ws`` (a word may add a suffix,
    or و / ف before it), if any."""
    if kind not in _cue_index():
        return None
    for i, w in enumerate(ws):
        for ph in _openers(kind, w):
            if i + len(ph) <= len(ws) and all(_word_ok(ws[i + j], ph[j]) for j in range(1, len(ph))):
                return " ".join(ph)
    return None
