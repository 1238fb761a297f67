"""The watch configuration: one TOML file (read with :mod:`tomllib`) naming the sources, the fetching
manners and the alert rules. `rasid sources add|remove` edit the same file as text, so the comments an
analyst wrote in it stay where they were.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("feed", "sitemap", "listing")
USER_AGENT = "rasid/0.1 (Arabic conflict-event monitor; +https://github.com/rasid)"


class ConfigError(ValueError):
    """The configuration cannot be used; the message names the file, the table and the key."""


@dataclass(frozen=True)
class Source:
    """One outlet's entry point: an RSS/Atom feed, a (news) sitemap or a listing page of links."""

    name: str
    url: str
    kind: str = "feed"
    outlet: str | None = None  # the outlet's name given to its articles (the page's own name otherwise)
    language: str = "ar"
    interval: float = 300.0  # seconds between polls
    link_pattern: str | None = None  # listing pages: a regular expression an article URL must contain
    selectors: dict = field(default_factory=dict)  # listing pages: {"links": XPath of the article links}
    max_items: int = 100  # links taken from one poll (the newest first, as the source lists them)
    max_sitemaps: int = 10  # sitemap indexes: child sitemaps read a poll (the newest <lastmod> first)


@dataclass(frozen=True)
class Rule:
    """An alert rule: every condition given must hold for a reconciled event (an AND of them)."""

    name: str
    place: str | None = None  # a place name (resolved in the gazetteer) ...
    gazetteer_id: str | None = None  # ... or a gazetteer id ...
    lat: float | None = None  # ... or coordinates
    lon: float | None = None
    within_km: float = 0.0  # 0: the place itself (same gazetteer id or name)
    actor: str | None = None  # an actor id (data/actors.tsv) as actor1 or actor2
    event_type: str | None = None  # an ACLED event type or sub-event type
    min_fatalities: int | None = None  # the best toll at least this
    status: str | None = None  # "denied": some outlet denies it
    territory: bool = False  # a place changed hands
    contradiction: bool = False  # outlets contradict each other (a new one is an update)


@dataclass(frozen=True)
class WatchConfig:
    path: Path
    sources: list[Source]
    rules: list[Rule]
    db: str | None = None
    out: str = "out/watch"
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds for one request (connect, read, pool)
    retries: int = 2  # further tries after a timeout, a network error, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_bytes: int = 5 * 1024 * 1024  # one response body (a page over it is kept cut, flagged, not coded)
    max_redirects: int = 5
    rate_limit: float = 1.0  # seconds between two requests to one host (robots.txt's Crawl-delay if longer)
    warc_max_bytes: int = 100 * 1024 * 1024  # a WARC file is closed and a new one begun past this size
    gazetteer: str | bool | None = None
    webhook: str | None = None  # alerts are POSTed here as JSON when set
    webhook_timeout: float = 5.0
    webhook_retry: float = 30.0  # seconds before a failed POST is tried again, doubled each failure (at most 1 h)


_WATCH_KEYS = {"db", "out", "user_agent", "timeout", "retries", "backoff", "max_bytes", "max_redirects", "rate_limit",
               "warc_max_bytes", "gazetteer", "webhook", "webhook_timeout",
               "webhook_retry"}


def _check_keys(where: str, d: dict, allowed: set[str]) -> None:
    extra = sorted(set(d) - allowed)
    if extra:
        raise ConfigError(f"{where}: unknown key {extra[0]!r} (known: {', '.join(sorted(allowed))})")


def _typed(where: str, d: dict, key: str, kind: type | tuple, default: Any = None) -> Any:
    v = d.get(key, default)
    if v is None or v is default:
        return v
    if kind is float and isinstance(v, int) and not isinstance(v, bool):
        v = float(v)
    if not isinstance(v, kind) or (isinstance(v, bool) and kind in (int, float)):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{where}: {key} must be {name}, not {v!r}")
    return v


def parse_source(where: str, d: dict) -> Source:
    _check_keys(where, d, {f for f in Source.__dataclass_fields__})
    for key in ("name", "url"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise ConfigError(f"{where}: {key} is required (a string)")
    kind = d.get("kind", "feed")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not re.match(r"https?://", d["url"]):
        raise ConfigError(f"{where}: url must start with http:// or https://")
    pattern = _typed(where, d, "link_pattern", str)
    if pattern:
        try:
            re.compile(pattern)
        except re.error as e:
            raise ConfigError(f"{where}: link_pattern is no regular expression ({e})") from None
    if kind == "listing" and not pattern and not (d.get("selectors") or {}).get("links"):
        raise ConfigError(f"{where}: a listing source needs link_pattern (or selectors.links)")
    interval = _typed(where, d, "interval", float, 300.0)
    if interval <= 0:
        raise ConfigError(f"{where}: interval must be above 0 seconds")
    return Source(name=d["name"].strip(), url=d["url"].strip(), kind=kind, outlet=_typed(where, d, "outlet", str),
                  language=_typed(where, d, "language", str, "ar"), interval=interval, link_pattern=pattern,
                  selectors=_typed(where, d, "selectors", dict, {}) or {}, max_items=_typed(where, d, "max_items", int, 100),
                  max_sitemaps=_typed(where, d, "max_sitemaps", int, 10))


def parse_rule(where: str, d: dict) -> Rule:
    _check_keys(where, d, {f for f in Rule.__dataclass_fields__})
    if not isinstance(d.get("name"), str) or not d["name"].strip():
        raise ConfigError(f"{where}: name is required (a string)")
    kw = {"name": d["name"].strip()}
    for key, kind in (("place", str), ("gazetteer_id", str), ("lat", float), ("lon", float), ("within_km", float),
                      ("actor", str), ("event_type", str), ("min_fatalities", int), ("status", str),
                      ("territory", bool), ("contradiction", bool)):
        v = _typed(where, d, key, kind)
        if v is not None:
            kw[key] = v
    if (kw.get("lat") is None) != (kw.get("lon") is None):
        raise ConfigError(f"{where}: lat and lon go together")
    if kw.get("status") not in (None, "denied"):
        raise ConfigError(f"{where}: status can only be \"denied\"")
    conditions = set(kw) - {"name", "within_km"}
    if not conditions:
        raise ConfigError(f"{where}: a rule needs at least one condition")
    return Rule(**kw)


def load_config(path: str | Path) -> WatchConfig:
    """Read and check the watch configuration; :class:`ConfigError` says what is wrong and where."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{p}: cannot read ({e.strerror or e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: not valid TOML ({e})") from None
    _check_keys(str(p), data, {"watch", "sources", "alerts"})
    w = data.get("watch") or {}
    _check_keys(f"{p} [watch]", w, _WATCH_KEYS)
    sources = [parse_source(f"{p} [[sources]] #{i + 1}", s) for i, s in enumerate(data.get("sources") or [])]
    names = [s.name for s in sources]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup:
        raise ConfigError(f"{p}: two sources are named {dup!r}")
    rules = [parse_rule(f"{p} [[alerts]] #{i + 1}", r) for i, r in enumerate(data.get("alerts") or [])]
    kw: dict[str, Any] = {}
    for key, kind in (("db", str), ("out", str), ("user_agent", str), ("timeout", float), ("retries", int),
                      ("backoff", float), ("max_bytes", int), ("max_redirects", int), ("rate_limit", float),
                      ("warc_max_bytes", int), ("gazetteer", (str, bool)), ("webhook", str), ("webhook_timeout", float),
                      ("webhook_retry", float)):
        v = _typed(f"{p} [watch]", w, key, kind)
        if v is not None:
            kw[key] = v
    if "rasid" not in kw.get("user_agent", USER_AGENT).lower():
        raise ConfigError(f"{p} [watch]: user_agent must name rasid (outlets should know who reads them)")
    return WatchConfig(path=p, sources=sources, rules=rules, **kw)


# ------------------------------------------------------------------ `rasid sources add|remove`
def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    s = str(v).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{s}"'


def add_source(path: str | Path, src: dict) -> Source:
    """Append a ``[[sources]]`` table to the file (made if missing), after checking it and the file."""
    p = Path(path)
    text = p.read_text(encoding="utf-8") if p.exists() else ""
    fields = {k: v for k, v in src.items() if v not in (None, {}, "")}
    new = parse_source(f"{p} (new source)", fields)
    if p.exists() and any(s.name == new.name for s in load_config(p).sources):
        raise ConfigError(f"{p}: a source named {new.name!r} is there already")
    block = "\n[[sources]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in fields.items())
    updated = text.rstrip("\n") + ("\n" if text.strip() else "") + block
    tomllib.loads(updated)  # (never write a file that does not read back)
    p.write_text(updated, encoding="utf-8")
    return new


def remove_source(path: str | Path, name: str) -> bool:
    """Take the ``[[sources]]`` table named ``name`` out of the file (its lines only); False if none is."""
    p = Path(path)
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"\s*\[", line)] + [len(lines)]
    for a, b in zip(starts, starts[1:]):
        if lines[a].strip() != "[[sources]]":
            continue
        try:
            table = tomllib.loads("".join(lines[a + 1:b]))
        except tomllib.TOMLDecodeError:
            continue
        if table.get("name") == name:
            while b > a + 1 and lines[b - 1].lstrip().startswith("#"):  # comments above the next table stay with it
                b -= 1
            updated = "".join(lines[:a] + lines[b:])
            tomllib.loads(updated)
            p.write_text(updated, encoding="utf-8")
            return True
    return False
