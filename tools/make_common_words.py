"""Build data/common_words.tsv: gazetteer names that are also everyday Arabic words.

A name like "الجسر" (the bridge) or "النصر" (victory) is also a village somewhere;
rasid only reads such a name as a place with a cue (بلدة، قرية، ريف …) or quotes.
"Everyday" is measured, not guessed: a word counts when it occurs in at least
MIN_SHARE of the documents of a general news corpus (word statistics only; no
text is copied). A name glued behind a proclitic is listed too when the glued form is an
everyday word and the bare name is rare ("بواسطة", by means of, is not ب + the village واسطة). Run:  python tools/make_common_words.py CORPUS.jsonl GAZETTEER.tsv
"""
import csv
import json
import sys
from collections import Counter

sys.path.insert(0, "src")
from rasid.arabic import normalize  # noqa: E402
from rasid.geo import fold  # noqa: E402

MIN_SHARE = 0.003
PLACE_SHARE = 0.6  # after a preposition or a cue
CUE_SHARE = 0.1  # after a place cue
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب")
PREPOSITIONS = {"في", "من", "الي", "قرب"}  # precede places, and every other noun too
CUES = {"بلده", "مدينه", "قريه", "منطقه", "محيط", "ريف", "بلدتي", "مدينتي", "حي", "شرق", "غرب", "شمال", "جنوب"}


def main(corpus: str, gazetteer: str) -> None:
    df: Counter = Counter()
    tf: Counter = Counter()
    locative: Counter = Counter()  # occurrences right after a preposition or a place cue
    cued: Counter = Counter()  # occurrences right after a place cue only
    n = 0
    for line in open(corpus, encoding="utf-8"):
        text = json.loads(line).get("text") or ""
        n += 1
        toks = [w.strip('".,:;()?!') for w in fold(normalize(text)).split()]
        df.update(set(toks))
        tf.update(toks)
        for a, b in zip(toks, toks[1:]):
            if a in PREPOSITIONS or a in CUES:
                locative[b] += 1
            if a in CUES:
                cued[b] += 1
    names, major = set(), set()
    csv.field_size_limit(10**9)
    for row in csv.DictReader(open(gazetteer, encoding="utf-8"), delimiter="\t"):
        important = row["feature_code"] in ("ADM1", "ADM2") or float(row["population"] or 0) >= 50000
        for nm in [row["name_ar"]] + row["alt_names"].split("|"):
            s = fold(normalize(nm))
            if s and " " not in s:
                forms = {s, s[2:] if s.startswith("ال") else "ال" + s}
                names |= forms
                if important:
                    major |= forms
    every_name = names | major
    names -= major  # towns and admin centres everyone names are places first
    # a name that is a frequent word, and not mostly used as a place: a place follows a place cue
    # (بلدة، قرية، ريف …) now and then (a famous base like التنف does, 19%); a word like "مرحلة" follows
    # في/من often ("في مرحلة") but a cue never, so prepositions alone must be most of its uses to count
    common = {w for w in names if (df[w] >= MIN_SHARE * n or df["ال" + w] >= MIN_SHARE * n and len(w) <= 4)
              and cued[w] < CUE_SHARE * max(1, tf[w]) and locative[w] < PLACE_SHARE * max(1, tf[w])}
    # a name behind a proclitic that makes an everyday word: "بواسطة" (by means of) is not ب + a village واسطة
    # (only when the bare name is much rarer than the glued word: "والزهراء" is و + a place named often)
    common |= {c + w for w in names for c in CLITICS if df[c + w] >= MIN_SHARE * n and df[c + w] > 5 * df[w]
               and c + w not in every_name}  # "بيجي" is Baiji's own name, not ب + a village يجي
    common = sorted(common)
    with open("src/rasid/data/common_words.tsv", "w", encoding="utf-8") as f:
        f.write("# Place names that are also everyday words (need a place cue or quotes). Built by tools/make_common_words.py\n")
        f.write("# from document frequencies in a news corpus (>= %.1f%% of documents); edit freely.\n" % (MIN_SHARE * 100))
        for w in common:
            f.write(w + "\n")
    print(len(common), "common words")


if __name__ == "__main__":
    main(*sys.argv[1:3])
