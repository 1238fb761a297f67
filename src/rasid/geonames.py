"""`rasid gazetteer fetch`: GeoNames country dumps and their Arabic names into rasid's cache.

GeoNames publishes, per country, ``CC.zip`` (one place a line: id, names, coordinates,
feature class and code, admin codes, population) and ``alternatenames/CC.zip`` (every
other name with its language). rasid downloads both (and ``admin1CodesASCII.txt`` for
governorate names), keeps the downloads, and writes one TSV in the columns of the shared
gazetteer (``gn:ID``, ``name_ar`` ...) to ``CACHE/gazetteer/``, where ``rasid run`` finds it
without ``--gazetteer``. The index is then compiled on first use, as for any source.

Kept: populated places (class P), admin units (class A), and the features users ask for
(airports and airbases, dams, bridges, border crossings, mountains, oil fields).
"""
from __future__ import annotations

import csv
import io
import os
import urllib.request
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from .geo import default_cache_dir

BASE_URL = "https://download.geonames.org/export/dump"
FEATURES = {"AIRP", "AIRB", "AIRF", "DAM", "BDG", "PSTB", "MT", "HLL", "OILF", "GASF", "MILB", "PRN", "HSP", "CMP"}
COLUMNS = ["id", "country", "name_ar", "name_en", "alt_names", "lat", "lon", "feature_class", "feature_code",
           "adm1_code", "adm1_name_en", "adm1_name_ar", "adm2_name_en", "adm2_name_ar", "population", "geonames_id",
           "source", "license"]
# the GeoNames dump columns (readme.txt of the dump)
GN = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class", "feature_code",
      "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code", "population", "elevation",
      "dem", "timezone", "modification_date"]


MAX_MEMBER_BYTES = 2 * 1024 ** 3  # one text file inside a GeoNames zip (the largest country's is ~300 MB)
MAX_RATIO = 100  # inflated / compressed size: text compresses ~5:1, a zip bomb 1000:1
MAX_LINE = 1 << 20  # characters of one dump line (real ones: a few kilobytes)
MIN_ROWS = 3  # places a country's dump must give
MAX_BAD_SHARE = 0.05  # malformed lines a dump may have before it is refused as no GeoNames dump


class FetchError(Exception):
    pass


def download(url: str, dest: Path, refresh: bool = False, timeout: float = 60) -> Path:
    """Fetch ``url`` to ``dest`` (atomically); an existing download is kept unless ``refresh``."""
    if dest.exists() and not refresh:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r, open(tmp, "wb") as f:
            while chunk := r.read(1 << 20):
                f.write(chunk)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise FetchError(f"could not download {url}: {e}") from e
    os.replace(tmp, dest)
    return dest


def _zip_text(path: Path, member: str) -> io.TextIOWrapper:
    """The member's text, after checking the zip: the member is there by its name, not too large, no bomb."""
    try:
        z = zipfile.ZipFile(path)
        info = z.getinfo(member)
    except zipfile.BadZipFile as e:
        raise FetchError(f"{path.name}: not a zip file ({e})") from None
    except KeyError:
        names = ", ".join(n[:40] for n in z.namelist()[:5]) or "nothing"
        raise FetchError(f"{path.name}: no {member} inside (it holds {names}): not a GeoNames dump") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise FetchError(f"{path.name}: {member} would inflate to {info.file_size:,} bytes (more than {MAX_MEMBER_BYTES:,})")
    if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise FetchError(f"{path.name}: {member} inflates {info.file_size // max(info.compress_size, 1)}-fold: a zip bomb, "
                         "not a GeoNames dump")
    return io.TextIOWrapper(z.open(info), encoding="utf-8", errors="replace", newline="\n")


def _lines(f: io.TextIOWrapper, what: str, counts: list[int]):
    """The lines of a dump, none longer than MAX_LINE (a longer one is counted bad and skipped whole)."""
    while True:
        line = f.readline(MAX_LINE)
        if not line:
            return
        if len(line) >= MAX_LINE and not line.endswith("\n"):
            counts[1] += 1
            while line and not line.endswith("\n"):
                line = f.readline(MAX_LINE)
            continue
        counts[0] += 1
        yield line


def _check_share(what: str, counts: list[int]) -> None:
    total, bad = counts
    if total + bad and bad > MAX_BAD_SHARE * (total + bad):
        raise FetchError(f"{what}: {bad:,} of {total + bad:,} lines are malformed: not a GeoNames dump")


def _valid_place(c: dict) -> bool:
    """A dump line with GeoNames' 19 columns, a numeric id, coordinates in range and a numeric population."""
    if len(c) != len(GN) or not c["geonameid"].isdigit():
        return False
    try:
        lat, lon = float(c["latitude"]), float(c["longitude"])
        pop = float(c["population"] or 0)
    except ValueError:
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= pop < 1e10


def arabic_names(alt_zip: Path, country: str) -> dict[str, list[str]]:
    """geonameid -> its Arabic names, preferred names first, historic names last."""
    names: dict[str, list[tuple[int, str]]] = {}
    counts = [0, 0]
    with _zip_text(alt_zip, f"{country}.txt") as f:
        for line in _lines(f, alt_zip.name, counts):
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or not c[1].isdigit():
                counts[0] -= 1
                counts[1] += 1
                continue
            if c[2] != "ar" or not c[3].strip():
                continue
            preferred = len(c) > 4 and c[4] == "1"
            historic = len(c) > 7 and c[7] == "1"
            rank = 0 if preferred else 2 if historic else 1
            names.setdefault(c[1], []).append((rank, c[3].strip()))
    out = {}
    for gid, ns in names.items():
        seen, ordered = set(), []
        for _, n in sorted(ns, key=lambda x: x[0]):
            if n not in seen:
                seen.add(n)
                ordered.append(n)
        out[gid] = ordered
    _check_share(f"alternatenames/{alt_zip.name}", counts)
    return out


def convert(country: str, dump_zip: Path, alt_zip: Path, admin1_file: Path | None, out) -> int:
    """Write one country's places as rasid gazetteer rows; returns how many."""
    ar = arabic_names(alt_zip, country)
    admin1_en: dict[str, str] = {}
    if admin1_file and admin1_file.exists():
        for line in admin1_file.read_text(encoding="utf-8").splitlines():
            c = line.split("\t")
            if len(c) >= 2 and c[0].startswith(country + "."):
                admin1_en[c[0]] = c[1]
    rows = []
    admin1_ar: dict[str, str] = {}
    admin2: dict[str, tuple[str, str]] = {}
    counts = [0, 0]
    with _zip_text(dump_zip, f"{country}.txt") as f:
        for line in _lines(f, dump_zip.name, counts):
            c = dict(zip(GN, line.rstrip("\n").split("\t")))
            if not _valid_place(c):
                counts[0] -= 1
                counts[1] += 1
                continue
            if c.get("country_code") != country:
                continue
            fc, code = c.get("feature_class", ""), c.get("feature_code", "")
            if fc not in ("P", "A") and code not in FEATURES:
                continue
            names = ar.get(c["geonameid"], [])
            # Arabic also appears in the dump's own alternatenames column
            names += [n for n in (c.get("alternatenames") or "").split(",") if n and any("\u0621" <= ch <= "\u064a" for ch in n) and n not in names]
            a1 = f"{country}.{c.get('admin1_code', '')}"
            if code == "ADM1" and names:
                admin1_ar[a1] = names[0]
            if code == "ADM2":
                admin2[f"{a1}.{c.get('admin2_code', '')}"] = (c["name"], names[0] if names else "")
            rows.append((c, names, a1))
    _check_share(dump_zip.name, counts)
    if len(rows) < MIN_ROWS:
        raise FetchError(f"{dump_zip.name}: {len(rows)} places of {country} (fewer than {MIN_ROWS}): not a GeoNames dump")
    n = 0
    for c, names, a1 in rows:
        a2 = admin2.get(f"{a1}.{c.get('admin2_code', '')}", ("", ""))
        out.writerow({
            "id": f"gn:{c['geonameid']}", "country": country, "name_ar": names[0] if names else "", "name_en": c["name"],
            "alt_names": "|".join(names[1:] + [x for x in {c["name"], c["asciiname"]} if x]),
            "lat": c["latitude"], "lon": c["longitude"], "feature_class": c["feature_class"],
            "feature_code": c["feature_code"], "adm1_code": a1, "adm1_name_en": admin1_en.get(a1, ""),
            "adm1_name_ar": admin1_ar.get(a1, ""), "adm2_name_en": a2[0], "adm2_name_ar": a2[1],
            "population": c.get("population") or "0", "geonames_id": c["geonameid"], "source": "geonames",
            "license": "GeoNames CC BY 4.0",
        })
        n += 1
    return n


def fetch(countries: list[str], cache_dir: Path | None = None, base_url: str = BASE_URL, refresh: bool = False,
          on_step: Callable[[str], None] | None = None) -> tuple[Path, dict[str, int]]:
    """Download the countries' dumps and write ``CACHE/gazetteer/geonames-CC-CC.tsv``.

    Nothing that works is destroyed: new downloads go to a staging folder, are checked (zip members
    and sizes, row format, coordinates, a minimum number of places) and converted there, and only
    then replace the cached downloads and the gazetteer, each by an atomic rename. On any failure
    the previous files stay and :class:`FetchError` says why.
    """
    import shutil
    import tempfile

    cache = cache_dir or default_cache_dir()
    raw = cache / "geonames"
    countries = sorted({c.upper() for c in countries})
    step = on_step or (lambda s: None)
    raw.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".fetch-", dir=raw))
    try:
        def get(rel: str) -> tuple[Path, Path]:
            """(the file to read, the cached path it becomes): the cached copy, or a new download staged."""
            cached = raw / rel
            if cached.exists() and not refresh:
                return cached, cached
            step(rel)
            return download(f"{base_url}/{rel}", stage / rel, refresh=True), cached

        try:
            admin1 = get("admin1CodesASCII.txt")
        except FetchError:
            admin1 = None  # governorate names then come from the admin units' own rows
        files = {cc: (get(f"{cc}.zip"), get(f"alternatenames/{cc}.zip")) for cc in countries}
        dest = cache / "gazetteer" / f"geonames-{'-'.join(countries)}.tsv"
        tmp = stage / dest.name
        counts = {}
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
            w.writeheader()
            for cc, (dump, alt) in files.items():
                step(f"converting {cc}")
                try:
                    counts[cc] = convert(cc, dump[0], alt[0], admin1[0] if admin1 else None, w)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError) as e:
                    raise FetchError(f"{cc}: not a GeoNames dump ({type(e).__name__}: {e}); nothing replaced") from e
                except FetchError as e:
                    raise FetchError(f"{cc}: {e}; the previous gazetteer and downloads are kept") from None
        # all checked: the staged downloads replace the cached ones, then the gazetteer is replaced
        for got, cached in [admin1] * bool(admin1) + [x for pair in files.values() for x in pair]:
            if got != cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                os.replace(got, cached)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, dest)
        return dest, counts
    finally:
        shutil.rmtree(stage, ignore_errors=True)
