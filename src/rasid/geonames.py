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
    z = zipfile.ZipFile(path)
    name = member if member in z.namelist() else next((n for n in z.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
    if name is None:
        raise FetchError(f"{path.name}: no {member} inside")
    return io.TextIOWrapper(z.open(name), encoding="utf-8")


def arabic_names(alt_zip: Path, country: str) -> dict[str, list[str]]:
    """geonameid -> its Arabic names, preferred names first, historic names last."""
    names: dict[str, list[tuple[int, str]]] = {}
    with _zip_text(alt_zip, f"{country}.txt") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or c[2] != "ar" or not c[3].strip():
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
    with _zip_text(dump_zip, f"{country}.txt") as f:
        for line in f:
            c = dict(zip(GN, line.rstrip("\n").split("\t")))
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
    """Download the countries' dumps and write ``CACHE/gazetteer/geonames-CC-CC.tsv``."""
    cache = cache_dir or default_cache_dir()
    raw = cache / "geonames"
    countries = sorted({c.upper() for c in countries})
    step = on_step or (lambda s: None)
    step("admin1CodesASCII.txt")
    try:
        admin1 = download(f"{base_url}/admin1CodesASCII.txt", raw / "admin1CodesASCII.txt", refresh)
    except FetchError:
        admin1 = None  # governorate names then come from the admin units' own rows
    files = {}
    for cc in countries:
        step(f"{cc}.zip")
        dump = download(f"{base_url}/{cc}.zip", raw / f"{cc}.zip", refresh)
        step(f"alternatenames/{cc}.zip")
        alt = download(f"{base_url}/alternatenames/{cc}.zip", raw / "alternatenames" / f"{cc}.zip", refresh)
        files[cc] = (dump, alt)
    dest = cache / "gazetteer" / f"geonames-{'-'.join(countries)}.tsv"
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    counts = {}
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for cc, (dump, alt) in files.items():
            step(f"converting {cc}")
            try:
                counts[cc] = convert(cc, dump, alt, admin1, w)
            except (zipfile.BadZipFile, UnicodeDecodeError) as e:
                raise FetchError(f"{cc}: not a GeoNames dump ({e}); run again with --refresh") from e
    os.replace(tmp, dest)
    return dest, counts
