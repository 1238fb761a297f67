"""Build data/common_words.tsv: gazetteer names that are also everyday Arabic words.

A name like "الجسر" (the bridge) or "النصر" (victory) is also a village somewhere;
rasid only reads such a name as a place with a cue (بلدة، قرية، ريف …) or quotes.
"Everyday" is measured, not guessed: a word counts when it occurs in at least
MIN_SHARE of the documents of a general news corpus (word statistics only; no
text is copied). A name glued behind a proclitic is listed too when the glued form is an
everyday word and the bare name is rare ("بواسطة", by means of, is not ب + the village واسطة).

A small corpus misses everyday words it happens not to use often ("الدهشة", astonishment, or
"الكمية", the quantity, are villages too): with the `wordfreq` package installed (Arabic word
frequencies of Wikipedia, subtitles, news and the web; Robyn Speer et al., data CC BY-SA 4.0) a
name is also everyday when its Zipf frequency is at least MIN_ZIPF (about once in 100,000 words),
unless the corpus uses it as a place. Only the yes/no answer per gazetteer name is kept. Run:
    pip install wordfreq && python tools/make_common_words.py CORPUS.jsonl GAZETTEER.tsv [GAZETTEER.tsv ...]
Every gazetteer rasid may load counts: a word that names a hamlet in Yemen is as much a trap in a Syrian
story as one that names a Syrian hamlet.
"""
import csv
import re
import json
import sys
from collections import Counter

sys.path.insert(0, "src")
from rasid.arabic import normalize  # noqa: E402
from rasid.geo import fold  # noqa: E402

MIN_SHARE = 0.003
MIN_ZIPF = 3.0
MAX_TOWN_ZIPF = 4.5
TOWN_PLACE_SHARE = 0.4
EVERYDAY_SHARE = 0.01
ARABIC_WORD = re.compile("[\u0621-\u064a]+")
MAX_ONE_PREPOSITION = 0.85  # "من الصعب", "في إشارة": an idiom follows one preposition; a place several
PLACE_SHARE = 0.6  # after a preposition or a cue
CUE_SHARE = 0.1  # after a place cue
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب")
PREPOSITIONS = {"في", "من", "الي", "قرب"}  # precede places, and every other noun too
CUES = {"بلده", "مدينه", "قريه", "منطقه", "محيط", "ريف", "بلدتي", "مدينتي", "حي", "شرق", "غرب", "شمال", "جنوب"}


def _spellings(s: str) -> set[str]:
    """Written forms of a normalised name to look up (ه/ة, ي/ى, ا/أ/إ at the start, with or without ال)."""
    out = {s}
    if s.endswith("ه"):
        out.add(s[:-1] + "ة")
    if s.endswith("ي"):
        out |= {t[:-1] + "ى" for t in out}
    for t in list(out):
        for pre in ("", "ال"):
            if t.startswith(pre + "ا"):
                out |= {pre + h + t[len(pre) + 1:] for h in "أإآ"}
    return out


def _gazetteer_rows(paths: list[str]):
    """(row, home): the first gazetteer is the home theatre (Syria and Iraq for the corpus used)."""
    for k, path in enumerate(paths):
        for row in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"):
            yield row, k == 0


def main(corpus: str, *gazetteers: str) -> None:
    df: Counter = Counter()
    tf: Counter = Counter()
    locative: Counter = Counter()  # occurrences right after a preposition or a place cue
    cued: Counter = Counter()  # occurrences right after a place cue only
    after: dict[str, Counter] = {}  # which preposition or cue each word follows
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
                after.setdefault(b, Counter())[a] += 1
            if a in CUES:
                cued[b] += 1
    names, major, towns = set(), set(), set()
    home = set()  # names of the home gazetteer, and of towns anywhere
    try:
        from wordfreq import zipf_frequency as zipf
    except ImportError:
        zipf = None
        print("wordfreq is not installed: everyday words come from the corpus alone")
    frequent: dict[str, float] = {}
    written: dict[str, float] = {}  # Zipf of a name's written spellings, where folding changed them
    csv.field_size_limit(10**9)
    for row, at_home in _gazetteer_rows(list(gazetteers)):
        important = row["feature_code"] in ("ADM1", "ADM2", "PPLA", "PPLA2", "PPLC") or float(row["population"] or 0) >= 50000
        if not at_home:  # abroad, only capitals, governorates and cities are places first ("الحزم", a seat, is a word)
            important = row["feature_code"] in ("ADM1", "PPLC") or float(row["population"] or 0) >= 300000
        for nm in [row["name_ar"]] + row["alt_names"].split("|"):
            s = fold(normalize(nm))
            if s and " " not in s:
                forms = {s, s[2:] if s.startswith("ال") else "ال" + s}
                names |= forms
                if at_home:
                    home |= forms
                if zipf is not None:
                    for f in forms:  # with and without ال: "كمية" the village, "الكمية" the quantity
                        if f not in frequent:
                            frequent[f] = max(zipf(t, "ar") for t in _spellings(f))
                    # a hamlet's name as the gazetteer writes it: folding and normalising lose letters wordfreq
                    # needs ("المذابح", massacres, folds to "المزابح"; "الرائدة" normalises to "الرايده"); asked
                    # for hamlets only (a town or a city named often is frequent for being named, "صنعاء")
                    raw = nm.strip()
                    for t in (raw, raw[2:] if raw.startswith("ال") else "ال" + raw):
                        f = fold(normalize(t))
                        if f in forms and f != t and ARABIC_WORD.fullmatch(t):
                            written[f] = max(written.get(f, 0.0), zipf(t, "ar"))
                # a town's name as written is a place first; the other form only when it is no everyday word
                # ("بلد" is Balad, "البلد" the country)
                kept = {f for f in forms if f == s or frequent.get(f, 0) < MIN_ZIPF}
                if important:
                    major |= kept
                if (row["feature_code"] in ("ADM3", "PPLA3") or float(row["population"] or 0) >= 10000) and (
                        at_home or float(row["population"] or 0) >= 100000):
                    towns |= kept  # a subdistrict's seat or a town: a place first even if it is a word too
    every_name = names | major
    # an everyday word is no place's name unless it names a place of the home theatre or a town anywhere:
    # a hamlet abroad called "أحد" or "أسفر" does not make "one" or "resulted" a name
    home_name = home | major | towns
    names -= major  # towns and admin centres everyone names are places first
    # a name that is a frequent word, and not mostly used as a place: a place follows a place cue
    # (بلدة، قرية، ريف …) now and then (a famous base like التنف does, 19%); a word like "مرحلة" follows
    # في/من often ("في مرحلة") but a cue never, so prepositions alone must be most of its uses to count
    def placelike(w: str) -> bool:
        """Used as a place in the corpus: after a cue now and then, or after varied prepositions mostly."""
        if cued[w] >= CUE_SHARE * max(1, tf[w]):
            return True
        top = max(after[w].values()) if w in after else 0
        return locative[w] >= PLACE_SHARE * max(1, tf[w]) and top < MAX_ONE_PREPOSITION * locative[w]

    common = {w for w in names if (df[w] >= MIN_SHARE * n or df["ال" + w] >= MIN_SHARE * n and len(w) <= 4
                                   or max(frequent.get(w, 0), written.get(w, 0)) >= MIN_ZIPF and w not in towns)
              and not placelike(w)}
    # a town named by one of the most frequent words of Arabic ("عنه" Anah / "about him", "ثورة", "السجن")
    # is a place only where the corpus uses it as one (the big cities are: "مدينة حلب", "في دمشق")
    # (any preposition counts here, "في بغداد" is most of Baghdad's uses, "في عنه" none of Anah's; but not
    # the partitive "من" alone: "جزء من ثورة" is no place)
    common |= {w for w in major | towns if frequent.get(w, 0) >= MAX_TOWN_ZIPF and tf[w] >= 20
               and cued[w] < CUE_SHARE * tf[w] and not (locative[w] >= TOWN_PLACE_SHARE * tf[w]
                                                         and after.get(w, Counter())["من"] < MAX_ONE_PREPOSITION * locative[w])}
    # a name behind a proclitic that makes an everyday word: "بواسطة" (by means of) is not ب + a village واسطة
    # (only when the bare name is much rarer than the glued word: "والزهراء" is و + a place named often)
    common |= {c + w for w in names for c in CLITICS if df[c + w] >= MIN_SHARE * n and df[c + w] > 5 * df[w]
               and c + w not in every_name}  # "بيجي" is Baiji's own name, not ب + a village يجي
    common = sorted(common)
    with open("src/rasid/data/common_words.tsv", "w", encoding="utf-8") as f:
        f.write("# Place names that are also everyday words (need a place cue or quotes). Built by tools/make_common_words.py\n")
        f.write("# from document frequencies in a news corpus (>= %.1f%% of documents) and, where installed, Arabic word\n"
                "# frequencies of wordfreq (Zipf >= %.1f; wordfreq by Robyn Speer et al., data CC BY-SA 4.0); edit freely.\n"
                % (MIN_SHARE * 100, MIN_ZIPF))
        for w in common:
            f.write(w + "\n")
    print(len(common), "common words")
    # everyday indefinite words that are no place's name: after a cue they describe ("منطقة آمنة",
    # "قاعدة جوية", "منطقة سكنية"), they do not name; rasid never reads one as an unknown place's name
    everyday = sorted(w for w, k in df.items() if k >= EVERYDAY_SHARE * n and len(w) >= 3 and not w.startswith("ال")
                      and w not in home_name and ARABIC_WORD.fullmatch(w)
                      # frequent in Arabic at large too: not a foreign base or town the corpus names often ("انجرليك")
                      and (zipf is None or max(zipf(t, "ar") for t in _spellings(w)) >= MIN_ZIPF))
    hand = ""  # the part of the file kept by hand, after its marker line, stays as it is
    try:
        old = open("src/rasid/data/everyday_words.tsv", encoding="utf-8").read()
        if "# --- kept by hand" in old:
            hand = old[old.index("# --- kept by hand"):]
    except OSError:
        pass
    with open("src/rasid/data/everyday_words.tsv", "w", encoding="utf-8") as f:
        f.write("# Everyday indefinite words that name no place: a word after a place cue that is one of these\n"
                "# describes the place (\"منطقة آمنة\", \"قاعدة جوية\") and starts no unknown name. Built by\n"
                "# tools/make_common_words.py from document frequencies in a news corpus (>= %.0f%% of documents)\n"
                "# and, where installed, wordfreq (Zipf >= %.1f; Robyn Speer et al., data CC BY-SA 4.0).\n"
                % (EVERYDAY_SHARE * 100, MIN_ZIPF))
        for w in everyday:
            f.write(w + "\n")
        f.write(hand)
    print(len(everyday), "everyday words")


if __name__ == "__main__":
    main(*sys.argv[1:])
