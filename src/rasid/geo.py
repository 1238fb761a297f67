"""Geoparsing: find Arabic place names and resolve them to gazetteer places.

The gazetteer (a GeoNames-style TSV, see ``shared/gazetteer/README.md``) is
compiled once into a pickled index in the cache directory, rebuilt when the
source changes. Recognition is Aho-Corasick over the normalised text (ص/س
folded, with and without ال, clitics allowed); names that are also everyday
words (``data/common_words.tsv``) need a place cue (بلدة، قرية، ريف …) or quotes.
Resolution scores each candidate by the admin areas the article names, by
closeness to the other places it resolves, and by importance.
"""
from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import logging
import math
import os
import pickle
import re as stdre  # (the standard re: faster than regex for plain word lists and letter runs)
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import ahocorasick
import regex as re

from .arabic import NormText, is_word_char, left_boundary, normalize, word_alternation
from .lexicon import data_path, default_lexicon, read_tsv
from .model import Document, Span

log = logging.getLogger("rasid.gazetteer")

INDEX_VERSION = "6"
QUOTES = set("\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb")
FOLD = str.maketrans({"ص": "س", "ظ": "ض", "ذ": "ز"})
RANK = {"ADM1": 3.0, "ADM2": 2.4, "PPLA": 2.6, "PPLC": 3.0, "PPLA2": 2.2, "PPLA3": 1.6, "ADM3": 1.0,
        "PPL": 1.0, "PPLL": 0.6, "PPLX": 0.7, "PPLW": 0.2, "PPLQ": 0.1, "PPLF": 0.4, "STLMT": 0.5,
        "AIRP": 1.5, "AIRB": 1.5, "DAM": 1.5}
# words that close a feature's name: "مطار حلب الدولي", "حقل العمر النفطي"
SETTLEMENT_WORDS = {"قريه", "بلده", "مدينه", "بلدات", "قري", "مزرعه", "حي", "مخيم"}
ADMIN_WORDS = {"مديريه", "محافظه", "قضاء", "ناحيه"}  # a unit's kind in a gazetteer's name, not its name
# rule village_word_not_name: GeoNames' "Qaryat X" rows hold the kind word in the Arabic name ("قرية تل علي"); news
# writes the name after it ("في قرية تل علي"), so a village is named without it ("مدينة الصدر", a name, keeps its word)
VILLAGE_WORDS = {"قريه"}
FEATURE_TAIL = {"الدولي", "العسكري", "النفطي", "الغازي", "الحدودي", "المدني", "الكبير", "القديم", "الجديد", "الوطني",
                "الجوي", "الجويه", "العسكريه", "الدوليه", "الحدوديه", "النفطيه"}  # (normalised: ة is ه)
OPENERS = ' ("«“'  # what may stand between a place cue and the name it governs: 'معسكر "ليبرتي"'



NAME_WORD = stdre.compile(r"[\u0621-\u064a]+")
NAME_STOP = frozenset(normalize(r[0]) for r in read_tsv("name_stops.tsv"))
# gazetteer codes of an admin unit or its seat
SEAT_CODES = frozenset(("ADM1", "ADM2", "ADM3", "PPLC", "PPLA", "PPLA2", "PPLA3"))
# a country's adjective ends a place's name: "مدينة كراتشي الباكستانية", "بلدة الزعترانية السورية"
# (data/theatres.tsv adjectives, data/nationality.tsv)
NATIONALITY_WORDS = frozenset(
    [normalize(w) for r in read_tsv("theatres.tsv") if r[1:2] == ["adjective"] for w in r[2].split("|")]
    + [normalize(p + r[0]) for r in read_tsv("nationality.tsv") for p in ("", "ال")])
TOPONYM_HEADS = frozenset(normalize(r[0]) for r in read_tsv("toponym_heads.tsv"))
# "من ناحية ثانية / أخرى" (on the other hand): the word after "ناحية" that makes it no subdistrict's cue
OTHER_HAND = frozenset(normalize(w) for w in ("ثانية", "أخرى", "اخرى", "أولى", "ثالثة", "الثانية", "الأخرى", "الأولى"))


def _approx_km(p: "Place", a: "Place") -> float:
    """Equirectangular distance: exact enough at Syrian latitudes for ranking, 5x cheaper."""
    x = (p.lon - a.lon) * 91.0
    y = (p.lat - a.lat) * 111.0
    return math.sqrt(x * x + y * y)


def _coordinated(norm: str, end: int, start: int) -> bool:
    """True when only 'و' or a comma joins a name ending at ``end`` and one starting at ``start``."""
    if not 0 <= end <= start <= end + 4:
        return False
    return norm[end:start].strip() in ("و", ",", "،") or (norm[end:start] == " " and norm[start:start + 1] == "و") or norm[end:start] == " و"


def _article_forms(s: str) -> set[str]:
    """A name with and without its article: {"الحضر", "حضر"}."""
    return {s, s[2:]} if s.startswith("ال") else {s, "ال" + s}


def fold(s: str) -> str:
    """ص/س ظ/ض ذ/ز spelt alike (three str.replace, each a pass in C: str.translate is slow on Arabic text, and a
    regex with a callback made a Python call of every ص of an article)."""
    if "ص" in s:
        s = s.replace("ص", "س")
    if "ظ" in s:
        s = s.replace("ظ", "ض")
    if "ذ" in s:
        s = s.replace("ذ", "ز")
    return s


@lru_cache(maxsize=65536)
def _folded_word(s: str) -> str:
    """``fold(normalize(s))`` of a gazetteer name, a cue or one of their words, kept: the same few thousand words are asked
    of every location record and cue (normalize makes a pass per character kind, the dearest step of a record)."""
    return fold(normalize(s))


# heads after which a gazetteer name is only part of a longer name (data/toponym_heads.tsv, part)
PART_HEADS = frozenset(fold(normalize(r[0])) for r in read_tsv("toponym_heads.tsv") if r[1:2] == ["part"])
FAMILY_HEADS = frozenset(fold(normalize(r[0])) for r in read_tsv("toponym_heads.tsv") if r[1:2] == ["family"])


# "أبو حمزة", "أم محمد": a kunya, the name after it a person's; "(26 عاما)": an age in apposition after a name
KUNYA_HEADS = frozenset(("ابو", "ابي", "ام"))
_ON_WORDS = ("على", "علي", "علی")
# a title before a nationality adjective: the name after them is the title's holder ("وزير الإعلام السوري عمران الزعبي")
_TITLES = frozenset(fold(normalize(w)) for w in ("وزير", "الوزير", "رئيس", "الرئيس", "السفير", "سفير", "المتحدث", "الناطق",
                                                   "قائد", "القائد", "نائب", "زعيم", "الزعيم", "المبعوث", "مبعوث"))  # (folded text may keep ى or write ي)
# rule attended_not_hatra: "حضر" (attended) opening a sentence or clause, a definite noun or a title after it, is the
# verb ("وحضر المحافظ مراسم التشييع"), not Hatra (الحضر, Iraq) nor the village حضر (Quneitra): a place so named
# follows a preposition, a cue or another place of a list ("قرى عرنة وحضر")
ATTENDED = "حضر"
CLAUSE_OPENERS = frozenset(("", ".", "،", ",", ":", "؛", ";", "\n", "!", "؟", "?", '"', "»", ")"))
AGE_AFTER = stdre.compile(r"\s*(?:\(\s*\d{1,3}\s*(?:عاما|عام|سنه|سنوات)|[،,]\s*\(?\d{1,3}\s*(?:عاما|عام|سنه)\b)")
_FAMILY_FORMS = FAMILY_HEADS | {"و" + w for w in FAMILY_HEADS}  # (one lookup, asked before every gazetteer name)


def _family(word: str) -> bool:
    """A word for a family or a tribe ("عائلتي", "وعشيرة", "«عائلة"), quotes and a joined "و" aside."""
    return word.strip('"«»') in _FAMILY_FORMS


# definite words a place name may follow directly: function words that begin with ال ("الى الرقة")
# and heads of an apposition ("العاصمة الرياض", "المدينة حلب")
DEFINITE_FUNCTION_WORDS = frozenset(fold(normalize(w)) for w in (
    "الى", "إلى", "الا", "إلا", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "الان", "الآن",
    "العاصمة", "المدينة", "البلدة", "القرية", "المنطقة", "الناحية", "المحافظة", "المخيم"))


MAJOR_CODES = ("ADM1", "ADM2", "PPLA", "PPLC", "PPLA2")
# the one-word place cues (data/place_cues.tsv): the kind a name is told with ("قرية", "مطار", "مخيم")
KIND_WORDS = frozenset(fold(normalize(r[0])) for r in read_tsv("place_cues.tsv") if " " not in r[0].strip())
_ROLE_ROWS = read_tsv("place_roles.tsv")


def _role_words(kind: str) -> str:
    return "|".join(sorted((re.escape(normalize(r[1])) for r in _ROLE_ROWS if r[0] == kind), key=len, reverse=True))


_SETTLE = r"(?:\s*(?:مدينه|بلده|قريه|منطقه|محافظه|العاصمه|حي|مخيم))?"
_DIRS = r"(?:(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي|ا)?(?:\s+(?:ال)?(?:شرق|غرب)(?:ي)?)?)"
# data/place_roles.tsv: a base or home phrase, or a distance ("40 كم شمال", "على بعد 30 كيلومترا من"), right before a name
PLACE_ROLES = re.compile(
    rf"(?:(?P<base>{_role_words('base')})|(?P<home>{_role_words('home')})"
    rf"|(?P<num>\d+|[\p{{Arabic}}]+)\s*(?P<unit>{_role_words('distance_unit')})\s+(?:(?:الي|من|عن)\s+)?"
    rf"(?:{_DIRS}\s+)?(?:(?:من|عن)\s+)?){_SETTLE}\s*[\"'«“]?\s*$")
# rule base_told_far: a base or source phrase, then what stood there (up to four words), then the place it stood in:
# "قذائف مصدرها حواجز النظام في حماة", "صواريخ أطلقت من القاعدة 155 العسكرية في ريف دمشق" (not across the target's
# preposition: "أطلقت من سفينة حربية على كفر ساجنا" is the target; nor across a clause's "و")
BASE_FAR = re.compile(
    rf"(?<![\p{{Arabic}}])(?:{_role_words('fire_source')})\s+"
    rf"(?:(?!(?:علي|على|الي|إلى|باتجاه|نحو|ضد|فوق|داخل|استهدف[\p{{Arabic}}]*|و[\p{{Arabic}}]+)(?![\p{{Arabic}}]))[\p{{Arabic}}\d]+\s+){{1,4}}"
    rf"(?:في\s+|ب)(?:(?:ال)?ريف\s+)?{_SETTLE}\s*[\"'«“]?\s*$")
# rule fire_from: a shelling or its weapons, then "من" and a place: where the fire came from, not its target
# ("قصف بقذائف الهاون والمدفعية من مخيم X", "سقطت صواريخ , من تلة Y"); not across the target's preposition, a
# partitive ("قصف عدد من القرى", "أجزاء من"), "كل من" (both X and Y: the targets) or "قرب" ("قصف بالقرب من بلدة X" is near it); places joined to
# that one by "و" are the same base ("من مخيم X وتلة Y")
_POST = "(?:\\s*(?:%s))?" % "|".join(normalize(w) for w in (
    "تلة", "جبل", "حاجز", "حاجزي", "حواجز", "مطار", "معسكر", "كتيبة", "فوج", "ثكنة", "مقر", "قاعدة"))
_FIRE_WORDS = "|".join(normalize(w) for w in ("قصف", "قذائف", "قذيفة", "صواريخ", "صاروخ"))
_NOT_WEAPON = "|".join(normalize(w) for w in (
    "على", "إلى", "باتجاه", "نحو", "ضد", "فوق", "داخل", "في", "قرب", "بالقرب", "مقربة", "عدد", "العديد", "مناطق",
    "أجزاء", "جانب", "الكثير", "عشرات", "مئات", "أحياء", "قرى", "بلدات", "بين", "منذ", "خلال", "عند", "لدى",
    "عن", "أسفر", "أدى", "مقتل", "قتل", "إصابة", "سقوط", "مدنيين", "مدنيا", "أشخاص", "شخصا",
    "كل", "محيط", "أطراف"))
# (each word between is taken whole, possessively: with "\s*" between words a word could be cut into pieces
# seven ways, and one window of 90 characters took up to 90 ms to search)
FIRE_FROM = re.compile(
    rf"(?<![\p{{Arabic}}])(?:[وف])?(?:[بل])?(?:ال)?(?:{_FIRE_WORDS})(?![\p{{Arabic}}])"
    rf"(?:\s*[,،]?\s*(?!(?:{_NOT_WEAPON}|مصدر[\p{{Arabic}}]*|استهدف[\p{{Arabic}}]*|طال[\p{{Arabic}}]*"
    rf"|سقط[\p{{Arabic}}]*)(?![\p{{Arabic}}]))[\p{{Arabic}}\d]++){{0,7}}?"
    rf"\s*[,،]?\s*من\s+{_SETTLE}{_POST}\s*[\"'«“]?\s*$")
FIRE_FROM_END = re.compile(rf"(?<![\p{{Arabic}}])من\s+{_SETTLE}{_POST}\s*[\"'«“]?\s*$")
# between two places of one list: "و", a comma, a settlement or feature word ("من مخيم X وتلة Y")
LIST_AND = re.compile(r"\s*(?:[,،]\s*)?و?\s*$")
# rule government_by_its_capital: a capital, a governorate's seat or a city (a seat or 50,000 people) right after a word for those who rule ("حكومة
# بغداد", "نظام دمشق", "لسلطات أنقرة") names that government, an actor, not a place
GOVERNMENT_BEFORE = re.compile("(?<![\\p{Arabic}])[وبلف]?(?:%s)\\s*$" % "|".join(normalize(w) for w in (
    "حكومة", "حكومتي", "حكومتا", "نظام", "سلطات", "حكام", "ساسة")))  # (حكومتا: the dual, "حكومتا بغداد وأربيل")
BASE_KEYS = stdre.compile(word_alternation(normalize(r[1]) for r in _ROLE_ROWS if r[0] == "fire_source"))
# place_roles.tsv care: a hospital ("مستشفى", place_roles.tsv hospital) the wounded were taken to or lie in, told right
# after "إلى" or a verb of care ("ونقل الجرحى إلى مستشفى معرة النعمان", "يرقد في مستشفى حماة"; rule care_not_scene)
_HOSPITAL = "(?:ال)?(?:%s)" % "|".join(
    sorted((stdre.escape(normalize(r[1])) for r in _ROLE_ROWS if r[0] == "hospital"), key=len, reverse=True))
_CARE = "(?<![\u0621-\u064a])(?:%s)" % "|".join(
    sorted((stdre.escape(normalize(r[1])) for r in _ROLE_ROWS if r[0] == "care"), key=len, reverse=True))
CARE_BEFORE = stdre.compile(rf"{_CARE}\s+(?:{_HOSPITAL}\s+)?$")  # (the hospital word opens the mention, or not)
HOSPITAL = stdre.compile(rf"{_HOSPITAL}(?![\u0621-\u064a])")
HOSPITAL_ENDS = tuple(normalize(r[1]) for r in _ROLE_ROWS if r[0] == "hospital")
# place_roles.tsv water: what a bank ("الضفة") is told of, glued to ل ("لنهر", "للفرات") (rule river_bank)
WATER = frozenset(fold(normalize(r[1])) for r in _ROLE_ROWS if r[0] == "water")
BANK = fold(normalize("ضفة"))  # with or without the article ("الضفة", the index also holds "ضفة الغربية")
# adjectives of a facility's sort, left out of its name ("قاعدة العند الجوية" is قاعدة العند; rule facility_keeps_its_kind)
FEATURE_ADJECTIVES = frozenset(fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "feature_adjective")
# place_roles.tsv adjective: an indefinite adjective after a town's or an area's cue names no place (rule cue_then_adjective)
PLACE_ADJECTIVES = frozenset(fold(normalize(r[1])) for r in _ROLE_ROWS if r[0] == "adjective")
BARE_ADJECTIVES = frozenset(fold(normalize(r[1])) for r in _ROLE_ROWS if r[0] == "bare_adjective")
# rule one_sense_adjective: an indefinite Arabic word (no article, no "و", no preposition) right before such a word
_PREPOSITIONS = "|".join(normalize(w) for w in ("في", "من", "على", "إلى", "عن", "قرب", "حول", "نحو", "عند", "داخل", "خارج"))
ADJECTIVE_AFTER = re.compile(r"(?<![\p{Arabic}])(?!ال|و|ب|ل|(?:" + _PREPOSITIONS + r")\s)[\p{Arabic}]{3,}\s$")
FACILITY_WORDS = frozenset(fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "facility")


def _facility_name(words: list[str]) -> str:
    """A facility's name without the trailing adjectives of its sort: "قاعدة العند الجوية" is قاعدة العند."""
    while len(words) > 2 and fold(normalize(words[-1])) in FEATURE_ADJECTIVES:
        words = words[:-1]
    return " ".join(words)


# after a dateline's city: its country or agency in brackets, then a dash, colon or slash ("بغداد (رويترز) -")
DATELINE_AFTER = re.compile(r"\s*(?:[،,]\s*\p{Arabic}+\s*(?=[(\[]))?(?:[(\[][^)\]\n]{1,25}[)\]]\s*){0,2}(?:[-–—:/|]|\d{1,2}\s)")
# the words any of those needs, to skip the full pattern before most names
# (as a trie in the standard re: 4x faster than the flat alternation in regex, asked before every place name)
ROLE_KEYS = stdre.compile(word_alternation(
    normalize(r[1]) for r in _ROLE_ROWS if r[0] in ("base", "home", "distance_unit")))
_JOIN_CITY = re.compile(r"[\"'»”]?\s*(?:ال[\p{Arabic}]+\s+)?(?:[,،]\s*)?(?:في|ب|وسط|داخل)\s*(?:مدينه|المدينه|العاصمه)?\s*[\"'«“]?\s*")


# between a place the gazetteer lacks and the unit or town that holds it: "بقرية X بمركز Z في محافظة Y",
# "منطقة X في ريف Y", "بلدة X التابعة لمحافظة Y" (one unit the gazetteer lacks may stand between), "منطقة X في حي Y"
_UNIT = r"(?:مدينه|المدينه|بلده|منطقه|محافظه|مديريه|قضاء|ناحيه|مركز|ريف|العاصمه|ولايه|اقليم|لواء)"
_ENCLOSED_BY = re.compile(
    rf"\s*[,،]?\s*(?:(?:ال)?واقعه\s+)?(?:(?:في|ب)\s*{_UNIT}\s+[\p{{Arabic}}]+\s*[,،]?\s*)?"
    rf"(?:في|ب|داخل|وسط|(?:ال)?تابعه\s+ل)\s*(?:{_UNIT}\s*|حي(?!\p{{Arabic}})\s*)?[\"'«“]?\s*")
# words for a state or province (place_cues.tsv, governorate) after which a name the gazetteer lacks is still a
# place: "ولاية خنشلة" (not "مديرية", also a directorate of a service: "مديرية التربية")
GOVERNORATE_PREFIX = fold(normalize("محافظة "))  # a name matched whole with its governorate word (rule governorate_named)
STATE_WORDS = frozenset(normalize(w) for w in ("ولاية", "ولايتي"))
# characters that normalisation keeps as they are and that neither _JOIN_CITY nor _ENCLOSED_BY matches: the text
# between two mentions that holds one (a sentence's stop, a digit, a Latin letter) joins nothing, and is not
# normalised (it is often a paragraph long)
NOT_JOINING = stdre.compile(r"[.:()\-0-9A-Za-z]")
ENCLOSED_KM = 60  # a village told inside a town, further than this from it, is a namesake of a place the gazetteer lacks
# right after a speaker's place: "إن" opening what was said ("في قاطع مخمور، إن", 'في حلب لـ"الحياة" إن')
SPEECH_THAT = re.compile(r"[\"'»”)]?\s*(?:ل\s*-?\s*[\"'«“]?\s*[\p{Arabic}]+(?:\s+[\p{Arabic}]+)?\s*[\"'»”]?\s*)?[,،]?\s*(?:ان|بان)(?=\s)")
# a road told by the towns it joins: "طريق دمشق - حمص", "الطريق الدولي حلب دمشق", "الطريق الواصل بين X و Y"
ROAD_BEFORE = re.compile(r"(?<=(?:^|[^\p{Arabic}])(?:[وف]?ب)?)(?<!عن\s)(?:ال)?(?:طريق|اوتوستراد|اوتستراد|الاوتوستراد)"
                         r"(?:\s+(?:ال)?(?:دولي|سريع|عام|رئيسي|رئيس|حيوي))?"
                         r"(?:\s+(?:(?:ال)?(?:واصل|واصله|رابط|ممتد|الذي\s+يربط|يربط)\s+)?(?:ما\s+)?(?P<between>بين)"
                         r"(?:\s+(?:مدينتي|بلدتي|قريتي|مدينه|بلده|قريه))?)?\s*[\"'«“]?\s*$")
ROAD_JOIN = re.compile(r"\s*(?:[-–—/]\s*|\s+)")
# the "و" between the two ends, maybe with the second's settlement word ("بين مدينة إدلب وبلدة سلقين")
ROAD_AND = re.compile(r"\s*و\s*(?:(?:مدينه|بلده|قريه)\s+)?")
# rule area_between_places: the other end of an area, a place the gazetteer lacks ("ومرتفعات الجولان", "وجبال القلمون"):
# a word, and one more after a head that names a feature or a settlement
AREA_OTHER_END = re.compile(r"\s*و\s*(?P<name>(?:(?:ال)?(?:مرتفعات|هضبه|جبال|جبل|سهل|ريف|باديه|حدود|منطقه|مدينه|بلده|قريه|وادي)"
                            r"\s+)?[\p{Arabic}]+)")
# rule area_between_places: an area told by the two places it lies between ("في منطقة بين حمص وتدمر", "في
# المنطقة الواقعة بين قريتي X وY", "بالمنطقة الممتدة ما بين X وY"): neither place, as a road between two towns is not
# ("المنطقة الحدودية بين سوريا ولبنان": countries are no such ends; "منطقة المزارع بين X وY" names its area)
AREA_BEFORE = re.compile(r"(?<=(?:^|[^\p{Arabic}])(?:[وف]?ب)?)(?:ال)?منطقه(?:\s+(?:ال)?(?:واقعه|ممتده|فاصله))?\s+(?:ما\s+)?(?P<between>بين)"
                         r"(?:\s+(?:مدينتي|بلدتي|قريتي|مدينه|بلده|قريه))?\s*[\"'«“]?\s*$")
# between a place and the country it is told in (rule country_told): "طرابلس بشمال لبنان", "مدينة صيدا الساحلية جنوب
# لبنان", "طرابلس (لبنان)", "طرابلس اللبنانية" (one definite adjective may stand first; the country as a theatres.tsv word)
COUNTRY_AFTER = re.compile(r"[\"'»”]?\s*(?:ال[\p{Arabic}]+\s+)?[(\[]?\s*(?:[,،]\s*)?(?:(?:في|داخل)\s+|ب)?"
                           r"(?:(?:ال)?(?:شمال|جنوب|شرق|غرب|وسط)(?:ي)?\s+){0,2}(?:ب)?")  # ("جنوب شرق تركيا": two words)
NEAR = "near"  # _role_before: a distance of 25 km or less before a name (rule near_distance)
# rule distance_from_a_place: what joins a place told first to the distance that measures it from another
# ("قرية الهيجانة على بعد 15 كم من دمشق", "بلدة X، التي تبعد نحو 10 كلم عن حلب", "X الواقعة على مسافة 8 كم من"):
# the first place is the scene, the other only a reference, however near
DISTANCE_LEAD = re.compile(
    r"\s*[\"'»”]?\s*[,،]?\s*(?:(?:و)?(?:التي|الذي|الواقعه|الواقع|وهي|وهو|هي|هو)\s+)?(?:(?:تبعد|يبعد|تقع|يقع)\s+)?"
    r"(?:(?:علي|الي)\s+(?:بعد|مسافه)\s+)?(?:(?:نحو|حوالي|قرابه|زهاء|قرابة|اقل\s+من|اكثر\s+من)\s+)?")
QUARTER_BACK = 400  # how far back (characters) the city of a quarter named alone may be named
# rule seat_over_hamlets: what outweighs hamlets of the same name, and by how much
HAMLET_SEATS = frozenset(("ADM2", "PPLC", "PPLA", "PPLA2"))
SEAT_OVER_HAMLETS = 2.0
# rule title_quoted: the quoted title of a work or a campaign ('فيلم "داعش في حلب"', 'حملة "الرقة تذبح بصمت"', 'بعنوان
# "..."') names no place of the story, though a place's name is in it
TITLE_QUOTED = re.compile(
    r"(?<![\p{Arabic}])(?:[وبل]|لل)?(?:ال)?(?:حمل[ةه]|فيلم|كتاب|برنامج|مسلسل|رواي[ةه]|[أا]غني[ةه]|قصيد[ةه]|شعار|وسم|هاشتا[غج]"
    r"|مبادر[ةه]|مهرجان|معرض|صفح[ةه]|مجموع[ةه]|بعنوان|عنوان|تحت\s+عنوان)(?:\s+(?:بعنوان|باسم|الشهير[ةه]?|المعنون[ةه]?))?"
    r"\s*[\"«“]\s*([^\"«»“”\n]{2,80}?)\s*[\"»”]")
# rule and_verb_no_name: "و" and a verb in the past of "she" (a plural noun ends in ات: "واحات" is a name)
CONJ_VERB = stdre.compile(r"و[\u0621-\u064a]{2,5}[^ا\s]ت")
CITY_BEFORE = stdre.compile(r"(?<![\u0621-\u064a])[وب]?(?:ال)?مدين(?:ه|تي)\s+$")
# rule city_not_its_governorate: the gazetteer ids of the cities named like a governorate beside them (filled when a
# gazetteer loads): "في صنعاء" may mean the governorate, as "في إدلب" may (coding.same._wide)
CITIES_NAMED_LIKE_GOVERNORATE: set[str] = set()
TOWN_POPULATION = 10000  # a place this populous is a town, not a namesake of a quarter or hamlet
REFERENCE_KM = 150  # how far a place told "east of Y" may lie from Y (Y may stand for its governorate: "جنوبي إدلب")
def _country_words() -> tuple[dict[str, str], dict[str, str]]:
    """theatres.tsv, for a country with an adjective row: its own names (the first of its place row and that name's
    other spellings, "سوريا", "سورية"; folded) and its definite adjectives (folded), each to the country's name."""
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    first: dict[str, list[str]] = {}
    rows = read_tsv("theatres.tsv")
    for r in rows:
        if len(r) > 2 and r[1] == "place":
            ws = [x.strip() for x in r[2].split("|") if x.strip()]
            first[r[0]] = [x for x in ws if x[:-1] == ws[0][:-1] or x[1:] == ws[0][1:]]
    for r in rows:
        if len(r) > 2 and r[1] == "adjective" and first.get(r[0]):
            own = first[r[0]][0]
            names.update((fold(normalize(x)), own) for x in first[r[0]])
            adjectives.update((fold(normalize(x)), own) for x in r[2].split("|") if normalize(x).startswith("ال"))
    return names, adjectives


COUNTRY_NAMES, COUNTRY_ADJECTIVES = _country_words()


def _theatre_towns() -> dict[str, str]:
    """theatres.tsv place rows: a country's main towns and provinces (folded, with and without the article) to its
    code; a name two countries' rows share is left out (rule theatre_town)."""
    out: dict[str, str] = {}
    for r in read_tsv("theatres.tsv"):
        if len(r) > 2 and r[1] == "place":
            for w in r[2].split("|"):
                for f in _article_forms(fold(normalize(w.strip()))) if w.strip() else ():
                    out[f] = r[0] if out.get(f, r[0]) == r[0] else ""
    return {k: v for k, v in out.items() if v}


THEATRE_TOWNS = _theatre_towns()
# rule the_capital: a bare "العاصمة" is the capital last named before it, else the capital of the story's country
# (data/capitals.tsv); a word after it other than a preposition, relative or time word ("العاصمة الروسية", "العاصمة
# المؤقتة", "العاصمة صنعاء", "العاصمة لندن") names its own, and a unit word before it ("أمانة العاصمة", "ريف
# العاصمة") another place
CAPITALS = {r[0]: fold(normalize(r[1])) for r in read_tsv("capitals.tsv") if len(r) > 1}
THE_CAPITAL = stdre.compile(r"(?<![\u0621-\u064a])(?:و|ف)?(?:ب|ك)?(?:ال|لل)عاصمه(?![\u0621-\u064a])")
CAPITAL_NOT_AFTER = frozenset(fold(normalize(w)) for w in (
    "أمانة", "امانة", "محافظة", "ريف", "أرياف", "مديرية", "ولاية", "اقليم", "إقليم", "منطقة"))
# what may follow a bare "العاصمة" that ends its phrase: a preposition, a relative, a time word ("وسط العاصمة منذ
# الصباح", "في العاصمة التي"); another word after it may be the capital's own name the gazetteer lacks ("العاصمة لندن")
PLURAL_CUES = frozenset(normalize(w) for w in ("قرى", "بلدات"))  # rule plural_cue_lists (data/place_cues.tsv)
# rule area_named_by_its_kind: a province's word ("ولاية قندهار", "إقليم هلمند") or the word for a capital with or without
# its country's adjective ("العاصمة الأفغانية كابول", "العاصمة كابول") before a wide area of data/regions.tsv (a city or
# province abroad the gazetteers lack) puts something in it, as "في" does: it is the event's place, told by its name
PROVINCE_WORDS = frozenset(fold(normalize(w)) for w in ("ولاية", "ولايتي", "إقليم", "مقاطعة", "محافظة"))
CAPITAL_WORD = fold(normalize("العاصمة"))
_NOT_A_NAME = r"(?:في|من|على|الى|إلى|عن|بعد|قبل|قد|لا|لم|بين|حيث|التي|الذي|خلال|منذ|حسب|بحسب|وفق|وفقا|اثر|إثر|ما|كما|ثم|حتى|عند|لدى|مع|اما|أما)\s"
PLURAL_LIST = stdre.compile(
    r"\s*[\"«“]?\s*(?!(?!ال)[\u0621-\u064a]+يه(?![\u0621-\u064a]))[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?(?![\u0621-\u064a])\s*[\"»”]?\s*"
    rf"(?:[,،]\s*[\"«“]?\s*(?!{_NOT_A_NAME})[\u0621-\u064a]|و\s?[\"«“]?(?!{_NOT_A_NAME})[\u0621-\u064a]{{2}})")
# words that put a place around the capital, not in it ("جنوب العاصمة", "محيط العاصمة"): the capital is then only a
# reference where its sentence names another place ("داريا جنوب غرب العاصمة", "في محيط العاصمة ... مدينة دوما")
CAPITAL_AROUND = frozenset(fold(normalize(w)) for w in (
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "محيط", "أطراف", "اطراف", "ضواحي", "مشارف",
    "تخوم", "مدخل", "مداخل", "الشرقية", "الغربية", "الشمالية", "الجنوبية", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "المتاخمة", "المحيطة", "المطل", "المطلة"))
_ADJ_COUNTRY = {fold(normalize(w)): r[0] for r in read_tsv("theatres.tsv") if r[1:2] == ["adjective"]
                for w in r[2].split("|") if normalize(w).startswith("ال")}
CAPITAL_THEN = frozenset(fold(normalize(w)) for w in (
    "في", "من", "على", "الى", "إلى", "عن", "منذ", "حيث", "التي", "الذي", "اللتين", "قبل", "بعد", "خلال", "أمس", "امس",
    "اليوم", "مساء", "صباح", "ليل", "ليلة", "فجر", "ظهر", "عصر", "حتى", "قرب", "بين", "مع", "او", "أو", "ثم", "إثر", "اثر",
    "مساء", "أيضا", "ايضا", "السبت", "الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس",
    "الجمعة", "لم", "لا", "قد", "إذ", "اذ", "حين", "عند", "وسط", "منها", "فيها", "بها"))
_PART_OF = [*COUNTRY_NAMES, "البلاد"]  # "شرق البلاد": the story's country
_CDIR = r"(?:ال)?(?:شمال|جنوب|شرق|غرب|وسط)(?:ي|ا)?(?:\s+(?:ال)?(?:شرق|غرب)(?:ي|ا)?)?"
# rule country_region: a part of a country told by a direction ("في شمال العراق", "بجنوب لبنان", "شمال شرقي سوريا",
# "الجنوب اللبناني") is a place of its own, precision 3, named as written; "الأراضي السورية" is the country itself
COUNTRY_REGION = stdre.compile(
    r"(?<![\u0621-\u064a])(?:(?:[وف]?ب|[وف])?"
    rf"(?P<dir>{_CDIR}\s+(?:{word_alternation(_PART_OF)}))"
    # (a definite part, "الجنوب اللبناني", after a preposition only: "أكبر مدن الجنوب الليبي" is a town of it)
    r"|(?:و?(?:في|داخل|علي|عبر|الي|نحو)\s+|[وف]?ب)(?P<adj>ال(?:شمال|جنوب|شرق|غرب)(?:\s+ال(?:شرقي|غربي))?\s+(?:"
    + word_alternation(a for a in COUNTRY_ADJECTIVES if not a.endswith("ه")) + "))"
    # (the land where something is: after a preposition of place; "تحرير الأراضي العراقية" is no place)
    r"|(?:و?(?:في|داخل|علي|عبر)\s+|[وف]?ب)(?P<land>(?:ال)?اراضي\s+(?:"
    + word_alternation(a for a in COUNTRY_ADJECTIVES if a.endswith("ه")) + "))"
    r")(?![\u0621-\u064a])")
_COUNTRY_PART = stdre.compile(
    rf"{_CDIR}\s+(?:{word_alternation(_PART_OF)})|ال(?:شمال|جنوب|شرق|غرب)(?:\s+ال(?:شرقي|غربي))?\s+(?:"
    + word_alternation(a for a in COUNTRY_ADJECTIVES if not a.endswith("ه")) + ")")


_LISTED_REGIONS = frozenset(fold(normalize(r[0])) for r in read_tsv("regions.tsv"))


def is_country_part(loc: dict) -> bool:
    """A location made by rule country_region from a part of a country ("شمال العراق", "الجنوب اللبناني"; not one
    regions.tsv lists, "شمال سوريا")."""
    if loc.get("lat") is not None or loc.get("gazetteer_id") or (loc.get("geo_precision") or 1) < 3:
        return False
    key = fold(normalize(loc.get("text") or "")).strip(" \"'«»“”()")
    return key not in _LISTED_REGIONS and _COUNTRY_PART.fullmatch(key) is not None


# between a place and the part of its country told after it ("بإقليم هلمند في جنوب أفغانستان", "محافظة ماردين جنوب
# شرقي تركيا", "الواقعة في شمال العراق"): the part only says where the place lies
PART_AFTER_PLACE = re.compile(r"[\"'»”]?\s*(?:ال[\p{Arabic}]+\s+)?[(\[]?\s*(?:[,،]\s*)?(?:(?:ال)?واقع(?:ه)?\s+)?"
                              r"(?:(?:في|داخل)\s+|ب)?(?:اق[صس]ي\s+)?")

# between a place and another that says where it lies: "X (الواقعة) شمال غرب (مدينة) Y", "X قرب Y"
# a word for a town or village right before a name (normalised): "بلدة الراعي" is the town, not a shepherd
TOWN_BEFORE = re.compile(r"(?:^|\s)[وب]?(?:بلده|مدينه|قريه|بلدتي|قريتي|مدينتي)\s+(?:ال)?$")
DIRECTION_BETWEEN = re.compile(
    r"\s*[,،]?\s*(?:(?:ال)?واقع(?:ه)?\s+(?:في\s+|الى\s+)?)?"
    r"(?:(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي|ا)?(?:\s+(?:ال)?(?:شرق|غرب)(?:ي|ا)?)?|قرب|بالقرب\s+من)"
    r"\s+(?:(?:مدينه|بلده|قريه|محافظه|العاصمه|ناحيه)\s+)?[\"'«“]?\s*")


def geo_key(s: str) -> str:
    """A loose key for a place name: normalised, folded, no article, no spaces."""
    s = fold(normalize(s))
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in s.split()]
    return "".join(words)


def place_key(loc: dict) -> str:
    """The key two mentions of one place share: its gazetteer id, else its name without the kind word and
    quotes ('مخيم "ليبرتي"' and 'معسكر ليبرتي' are one camp; "قرية السكرية" and "السكرية" one village)."""
    if loc.get("gazetteer_id"):
        return loc["gazetteer_id"]
    return _name_key(loc.get("name_ar") or loc.get("text") or "")


@functools.lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    """place_key of a place known by its name only (merging asks for it many times per event)."""
    words = fold(normalize(name)).replace('"', " ").split()
    if len(words) > 1 and (words[0] in KIND_WORDS or words[0][1:] in KIND_WORDS):
        words = words[1:]
    return "~" + geo_key(" ".join(words)) if words else ""


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


@dataclass(slots=True)
class Place:
    id: str
    country: str
    name_ar: str
    name_en: str
    lat: float
    lon: float
    code: str
    adm1: str
    adm1_ar: str
    adm2: str
    adm2_ar: str
    population: int

    @property
    def is_admin(self) -> bool:
        return self.code.startswith("ADM")

    def importance(self) -> float:
        return RANK.get(self.code, 0.8) + 0.25 * math.log10(self.population + 1)


def default_cache_dir() -> Path:
    return Path(os.environ.get("RASID_CACHE", Path.home() / ".cache" / "rasid"))


def gazetteer_files(source: Path) -> list[Path]:
    """The TSV files of a gazetteer source: the file itself, or every ``*.tsv`` of a folder.

    A folder holds one file per region ("gazetteer_sy_iq.tsv", "gazetteer_mena.tsv", or the fetched
    "SY.tsv", "YE.tsv" ...): all of them are one gazetteer, never only the first by name.
    """
    if source.is_dir():
        return sorted(source.glob("*.tsv")) or sorted(source.glob("*.txt"))
    return [source]


# the default gazetteer shipped in the package: the CC BY 4.0 rows of Syria and Iraq (NOTICE;
# tools/build_embedded_gazetteer.py), with its manifest (rows per source and licence, the credit) beside it
EMBEDDED = Path(__file__).resolve().parent / "data" / "gazetteer" / "embedded_sy_iq.tsv.gz"
EMBEDDED_MANIFEST = EMBEDDED.with_name("embedded_sy_iq.json")


class GazetteerError(ValueError):
    """A gazetteer that was asked for cannot be used: no such path, no TSV in the folder, no rows."""


def locate_gazetteer(path: str | os.PathLike | None = None) -> tuple[str, Path]:
    """Which gazetteer is used and why: ``("argument", p)`` for ``path``, else ``("RASID_GAZETTEER", p)``,
    else ``("cache", folder)`` for what ``rasid gazetteer fetch`` wrote, else ``("embedded", EMBEDDED)``.

    A path given (argument or environment) that is missing, or a folder without a TSV, is an error,
    never passed over for the next one.
    """
    for how, cand in (("argument", path), ("RASID_GAZETTEER", os.environ.get("RASID_GAZETTEER"))):
        if cand:
            p = Path(cand).expanduser()
            what = "gazetteer" if how == "argument" else "$RASID_GAZETTEER"
            if p.is_dir():
                if gazetteer_files(p):
                    return how, p
                raise GazetteerError(f"{what} {p}: a folder without a .tsv file")
            if p.is_file():
                return how, p
            raise GazetteerError(f"{what} {p}: no such file or folder")
    cache = default_cache_dir() / "gazetteer"
    if cache.is_dir() and sorted(cache.glob("*.tsv")):
        return "cache", cache
    return "embedded", EMBEDDED


def find_gazetteer(path: str | os.PathLike | None = None) -> Path:
    """The gazetteer source (a file or a folder of files): the argument, ``RASID_GAZETTEER``, the fetched
    cache, or the embedded default (see :func:`locate_gazetteer`)."""
    return locate_gazetteer(path)[1]


class Gazetteer:
    """Places plus an Aho-Corasick automaton over their normalised Arabic names."""

    def __init__(self, places: list[Place], names: dict[str, list[int]], spellings: set[str] | None = None):
        self.places = places
        self.names = names  # folded normalised surface form -> place indices
        # the same forms as spelt, before folding ص ظ ذ (None: unknown, for an index built without them)
        self.spellings = spellings
        self.by_key: dict[str, list[int]] = {}
        for form, idx in names.items():
            self.by_key.setdefault(form.replace(" ", ""), []).extend(idx)
        self.auto = ahocorasick.Automaton()
        for form in names:
            self.auto.add_word(form, form)
        if names:
            self.auto.make_automaton()
        self.admin1 = {}
        self.admin1_ar: dict[str, int] = {}  # folded Arabic governorate name -> its ADM1 place
        for i, p in enumerate(places):
            if p.code == "ADM1":
                self.admin1.setdefault(p.adm1, i)
                ar = fold(normalize(p.name_ar.replace("محافظة", "")))
                if ar:
                    self.admin1_ar.setdefault(ar, i)

    # ----------------------------------------------------------- building
    @classmethod
    def from_tsv(cls, path: Path) -> "Gazetteer":
        places: list[Place] = []
        names: dict[str, list[int]] = {}
        spellings: set[str] = set()
        csv.field_size_limit(sys.maxsize)
        for row in cls._rows(gazetteer_files(path)):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError, KeyError):
                continue
            code = (row.get("feature_code") or "").strip()
            p = Place(
                id=row.get("id") or "", country=row.get("country") or "", name_ar=row.get("name_ar") or "",
                name_en=row.get("name_en") or "", lat=lat, lon=lon, code=code,
                adm1=row.get("adm1_name_en") or "", adm1_ar=row.get("adm1_name_ar") or "",
                adm2=row.get("adm2_name_en") or "", adm2_ar=row.get("adm2_name_ar") or "",
                population=int(float(row.get("population") or 0) or 0),
            )
            cls._add(places, names, p, row.get("alt_names") or "", spellings)
        if not places:
            raise GazetteerError(f"gazetteer {path}: no row with an id, lat and lon (not a gazetteer TSV?)")
        # the project's own non-settlement features (data/features.tsv), each with its source
        for r in read_tsv("features.tsv"):
            fid, name_ar, alts, name_en, lat, lon, code, country, adm1 = (r + [""] * 10)[:9]
            p = Place(id=fid, country=country, name_ar=name_ar, name_en=name_en, lat=float(lat), lon=float(lon),
                      code=code, adm1=adm1, adm1_ar="", adm2="", adm2_ar="", population=0)
            cls._add(places, names, p, alts, spellings)
        return cls(places, names, spellings)

    @staticmethod
    def _rows(paths: list[Path]):
        """The rows of every file in turn (a place listed in two files is kept once, by its id)."""
        seen: set[str] = set()
        for path in paths:
            opener = gzip.open if path.suffix == ".gz" else open  # (the embedded gazetteer is compressed)
            with opener(path, "rt", encoding="utf-8", newline="") as f:
                rows = csv.DictReader(f, delimiter="\t")
                bad = 0
                for row in rows:
                    why = _bad_row(row)
                    if why:  # a bad row is skipped, never a crash of this and every later run
                        bad += 1
                        if bad <= 10:
                            log.warning("gazetteer %s line %d: %s; row skipped", path, rows.line_num, why)
                        continue
                    rid = row.get("id") or ""
                    if rid and rid in seen:
                        continue
                    seen.add(rid)
                    yield row
                if bad > 10:
                    log.warning("gazetteer %s: %d bad rows skipped in all", path, bad)

    @staticmethod
    def _add(places: list, names: dict, p: "Place", alt_names: str, spellings: set) -> None:
        i = len(places)
        places.append(p)
        arabic = [p.name_ar] + [a for a in alt_names.split("|") if _is_arabic(a)]
        spellings.update(_variants(arabic, folded=False))
        for form in _variants(arabic):
            names.setdefault(form, [])
            if i not in names[form]:
                names[form].append(i)

    @classmethod
    def load(cls, source: Path, cache_dir: Path | None = None) -> "Gazetteer":
        """Load the compiled index from the cache, rebuilding it when the source changed."""
        cache_dir = cache_dir or default_cache_dir()
        extra = hashlib.sha1(data_path("features.tsv").read_bytes()).hexdigest()[:8]
        files = gazetteer_files(source)
        # the embedded file by its content (the same index for every install of the same release)
        stamp = "|".join(f"embedded|{hashlib.sha1(f.read_bytes()).hexdigest()}" if f == EMBEDDED else
                         f"{f.resolve()}|{f.stat().st_size}|{f.stat().st_mtime_ns}" for f in files)
        sig = hashlib.sha1(f"{stamp}|{INDEX_VERSION}|{extra}".encode()).hexdigest()[:16]
        cached = cache_dir / f"gazetteer-{'embedded-' if files == [EMBEDDED] else ''}{sig}.pickle"
        if cached.exists():
            try:
                with open(cached, "rb") as f:
                    return _unpickle_without_gc(f)
            except Exception:
                pass
        gz = cls.from_tsv(source)
        _share_strings(gz.places)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            with open(tmp, "wb") as f:
                pickle.dump(gz, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cached)
        except OSError:
            pass
        return gz


def _share_strings(places: list["Place"]) -> None:
    """One string object for each text the places repeat (country, feature code, governorate names ...), so the
    cached index holds it once and loading makes it once (the index 13 % smaller, a fifth faster to load)."""
    seen: dict[str, str] = {}
    for p in places:
        for name in ("country", "code", "adm1", "adm1_ar", "adm2", "adm2_ar"):
            v = getattr(p, name)
            if isinstance(v, str):
                setattr(p, name, seen.setdefault(v, v))


def _unpickle_without_gc(f):
    """``pickle.load`` with the cyclic garbage collector paused: the index is some 155,000 places and their
    name tables, and each few hundred objects made would start a collection that walks all the ones before
    (1.3 s -> 0.55 s to load the index). Nothing made while loading is garbage, so nothing is missed."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if was:
            gc.enable()


def _bad_row(row: dict) -> str | None:
    """Why a gazetteer row cannot be a place (a coordinate or population that is no number, or out of
    range), or None. A row without coordinates is no error: it is left out quietly."""
    for col, lo, hi in (("lat", -90, 90), ("lon", -180, 180), ("population", 0, 1e10)):
        v = (row.get(col) or "").strip()
        if not v:
            continue
        try:
            x = float(v)
        except ValueError:
            return f"{col} {v[:20]!r} is not a number"
        if not (math.isfinite(x) and lo <= x <= hi):
            return f"{col} {v[:20]} is out of range"
    return None


def _is_arabic(s: str) -> bool:
    return any("\u0621" <= c <= "\u064a" for c in s)


def _variants(names: list[str], folded: bool = True) -> set[str]:
    out = set()
    for n in names:
        s = fold(normalize(n)) if folded else normalize(n)
        if len(s.replace(" ", "")) < 3:
            continue
        out.add(s)
        words = s.split()
        if words[0].startswith("ال") and len(words[0]) > 4:
            out.add(" ".join([words[0][2:]] + words[1:]))
        elif len(words[0]) >= 3:
            out.add(" ".join(["ال" + words[0]] + words[1:]))
        if len(words) == 2 and words[0] in ("البو", "ابو", "بو"):
            out.add(words[0] + words[1])
        if s.startswith("البو") and " " not in s and len(s) > 6:
            out.add("البو " + s[4:])
    return {v for v in out if len(v.replace(" ", "")) >= 3}


# ---------------------------------------------------------------- recognition and resolution
# what may stand between a word of nicknaming and the nickname ('الملقب ب - " النمر "')
NICKNAME_GLUE = frozenset(('"', "-", "ب", "(", ":"))

# _far_from_the_story: how far from the story's other places, and how small, a bare name must be to read as a word
FAR_KM = 120
FAR_MAX_POPULATION = 20000
MAJOR_CODES = ("PPLC", "PPLA", "PPLA2", "AIRP", "AIRB")


# the adjectives a quarter named after its city takes ("حي حلب الجديدة"), normalised
QUARTER_ADJECTIVES = frozenset(("الجديده", "الجديد", "القديمه", "القديم"))


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    norm: str
    cue: str | None
    precision: int
    candidates: list[int] = field(default_factory=list)
    resolved: int | None = None
    region: dict | None = None
    name: str | None = None  # a feature's own name as written, without its kind word ("جيلفة كوزو")
    dropped: str | None = None  # why the mention was judged no place after all (kept in the audit only)
    anchor: int | None = None  # a place the gazetteer lacks: the gazetteer place it is told beside ("X شرق Y")
    ends: tuple | None = None  # an area told between two places: the two (gazetteer index, or None, and the name)
    abroad: bool = False  # its only namesakes are small places far from the story (another country or governorate)
    part: bool = False  # a part of a country told by a direction, or its land (rule country_region)


def _other_name(p: "Place", form: str) -> bool:
    """The mention's form is not the place's own name (it matched one of its alternate names)."""
    return form not in _own_forms(p.name_ar)


@lru_cache(maxsize=65536)
def _own_forms(name_ar: str) -> tuple[str, str]:
    own = fold(normalize(name_ar))
    return own, own[2:] if own.startswith("ال") else "ال" + own


class Geoparser:
    """Pipeline stage: adds ``place`` spans whose value is the resolved location dict."""

    def __init__(self, gazetteer: str | Path | None | bool = None, cache_dir: Path | None = None):
        # gazetteer=False: none at all (places keep their names, without coordinates); None: the default
        self.source = None if gazetteer is False else find_gazetteer(gazetteer or None)
        self.gaz: Gazetteer | None = Gazetteer.load(self.source, cache_dir) if self.source else None
        self._capitals: dict[str, int | None] = {}  # a country's capital in the gazetteer (rule the_capital)
        self.common = {fold(normalize(r[0])) for r in read_tsv("common_words.tsv") + read_tsv("place_stopwords.tsv")}
        # the hand-kept generic words are places after a cue only, never by standing in a list beside one
        # ("محافظة أبين، الواقعة جنوب البلاد": "located")
        self.generic = {fold(normalize(r[0])) for r in read_tsv("place_stopwords.tsv")}
        # a phrase of several words there blocks the names inside it too ("القبة الحديدية": Iron Dome, not al-Qubbah)
        self.stop_phrases = sorted({w for w in self.common if " " in w}, key=len, reverse=True)
        self.cue_words = {fold(normalize(r[0])) for r in read_tsv("place_cues.tsv") if " " not in r[0].strip()}
        # "مدينة", "بلدة" before a country's or city's name of regions.tsv ("في مدينة كراتشي"): it is the location
        self.settlement_words = {fold(normalize(r[0])) for r in read_tsv("place_cues.tsv") if r[1] == "settlement"}
        self.everyday = {fold(normalize(r[0])) for r in read_tsv("everyday_words.tsv")}  # describe, never name
        # an everyday word that is also some hamlet's name ("جانب" of "إلى جانب", "حدائق", "حضر") needs a cue
        # like a common word; a town's name does not ("عرسال")
        # (a town named with the article, "القائم", does not make the bare word "قائم" one of its names)
        self.word_names = {f for w in self.everyday for f in (w, "ال" + w) if f in self.gaz.names and not any(
            (self.gaz.places[c].code in MAJOR_CODES or self.gaz.places[c].population >= 20000)
            and (f != w or not fold(normalize(self.gaz.places[c].name_ar)).startswith("ال"))
            for c in self.gaz.names[f])} if self.gaz else set()
        # short names (three letters or less) read as places without a cue: those of big towns only
        self.major_short = {f for f, cs in self.gaz.names.items() if len(f) <= 3 and any(
            self.gaz.places[c].code in MAJOR_CODES or self.gaz.places[c].population >= 50000 for c in cs)} if self.gaz else set()
        # rule short_district_seat: a district's seat of 20,000 named like its district ("هيت", Anbar) is a town too, when
        # its name is no everyday word ("عنه" is "about him")
        self.major_short |= {f for f, cs in (self.gaz.names.items() if self.gaz else ()) if len(f) <= 3
                             and f not in self.common and f not in self.everyday and f not in self.major_short and any(
            d.code == "ADM2" and any(not q.is_admin and q.population >= 20000 and _approx_km(q, d) < 30
                                     for q in (self.gaz.places[k] for k in cs)) for d in (self.gaz.places[c] for c in cs))}
        # rule short_name_spelt: a big town's name of two letters ("إب", Ibb) is in no index of names (three letters at
        # least: normalised, "اب" is also August and a father); spelt as the gazetteer spells it, with its hamza, as
        # a word of its own, it is the town (not inside a hyphenated name: the pharaoh "واح-إب-رع")
        short_spelt: dict[str, list[int]] = {}
        for k, p in enumerate(self.gaz.places if self.gaz else ()):
            if p.name_ar and len(p.name_ar) <= 3 and (p.code in MAJOR_CODES or p.code == "ADM1" or p.population >= 50000) \
                    and len(fold(normalize(p.name_ar)).replace(" ", "")) < 3 and normalize(p.name_ar) != p.name_ar:
                short_spelt.setdefault(p.name_ar, []).append(k)
        self.short_spelt = short_spelt
        self.short_spelt_re = re.compile(r"(?<![\p{Arabic}\w-])(?:و|ف|ب|ل|وب|وف)?(" + "|".join(map(re.escape, short_spelt))
                                         + r")(?![\p{Arabic}\w-])") if short_spelt else None
        self.regions = [(r[0], self._admin(r[1], r[3] if len(r) > 3 else ""), int(r[2])) for r in read_tsv("regions.tsv")]
        self.region_keys = [(fold(normalize(p)), a, prec) for p, a, prec in self.regions]
        # a city abroad blocked because the gazetteer held only hamlets of its name ("العريش", "عدن") is the
        # city itself once the gazetteer has it (the MENA file, a fetched country)
        self.region_keys = [(k, a, prec) for k, a, prec in self.region_keys if not (a == "-" and self._a_city(k))]
        self.region_auto = ahocorasick.Automaton()  # one pass over the text for every region name
        for k, (key, _, _) in enumerate(self.region_keys):
            if key in self.region_auto:
                self.region_auto.get(key).append(k)
            else:
                self.region_auto.add_word(key, [k])
        self.region_auto.make_automaton()
        self.lex = default_lexicon()
        self.given_names = {fold(normalize(r[0])) for r in read_tsv("given_names.tsv")}
        self.relative_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "relative"}
        # "أعلنت دمشق", "إعلان بغداد": a capital right after a word of speaking is its government
        self.time_zone_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "time_zone"}
        self.medium_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "medium"}
        self.street_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "street"}
        self.locative_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "locative"}
        self.nickname_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "nickname" and " " not in r[1]}
        self.nickname_near = NICKNAME_GLUE | self.nickname_words  # a last word before a name that may end a nickname cue
        self.speech_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] in ("speech", "voice")}
        self.spokesperson_words = {fold(normalize(r[1])) for r in read_tsv("role_words.tsv") if r[0] == "spokesperson"}
        self.feature_words = {fold(normalize(r[0])) for r in read_tsv("place_cues.tsv") if r[1] == "feature"}
        self.outlet_names = self.lex.outlet_names
        # rule seat_not_feature_word: a feature's kind word that is also the name of a seat or a city ("حويجة" a river
        # island, Hawija a Kirkuk district; "مفرق" a junction, Mafraq a Jordanian city): written with its article it
        # heads no construct ("حويجة صكر"), so "في الحويجة قتل" is the seat, whatever word follows
        self.seat_features = {f for w in self.feature_words for f in ("ال" + w,) if f not in self.common and any(
            self._a_seat(self.gaz.places[c]) for c in self.gaz.names.get(f, ()))} if self.gaz else set()
        # rule city_not_its_governorate: the cities named like a governorate they lie beside, not in ("صنعاء")
        if self.gaz is not None:
            CITIES_NAMED_LIKE_GOVERNORATE.update(self._cities_named_like_governorate())

    def _cities_named_like_governorate(self) -> set[str]:
        """The gazetteer ids of the towns (TOWN_POPULATION) that share their name with a governorate of their country
        within 150 km that does not hold them (rule city_not_its_governorate: "صنعاء", the capital, in Amanat al-Asimah)."""
        gz, out = self.gaz, set()
        for p in gz.places:
            if p.code != "ADM1" or not p.name_ar:
                continue
            for c in gz.names.get(fold(normalize(p.name_ar)), ()):
                q = gz.places[c]
                if not q.is_admin and q.population >= TOWN_POPULATION and q.country == p.country \
                        and q.adm1 != p.adm1 and _approx_km(p, q) < 150:
                    out.add(q.id)
        return out

    def _titled(self, folded: str, j: int) -> bool:
        """The name ending at ``j`` is followed by a spokesperson's title in apposition ("، المتحدثة باسم")."""
        nxt = folded[j:j + 16].lstrip(" ،,").split(" ", 1)
        return bool(nxt) and nxt[0].lstrip("و") in self.spokesperson_words

    def _a_city(self, key: str) -> bool:
        """The gazetteer holds a city or an admin seat of this name (not only hamlets)."""
        gz = self.gaz
        return bool(gz) and any(gz.places[c].code in ("PPLC", "PPLA", "PPLA2") or gz.places[c].population >= 50000
                                for c in gz.names.get(key, ()))

    def _admin(self, name_en: str, name_ar: str) -> str:
        """The gazetteer's own name of a governorate (GeoNames spells 'Deir ez-Zor' 'Dayr az Zawr')."""
        if name_en == "-" or self.gaz is None or name_en in self.gaz.admin1 or not name_ar:
            return name_en
        i = self.gaz.admin1_ar.get(fold(normalize(name_ar)))
        return self.gaz.places[i].adm1 if i is not None else name_en

    @staticmethod
    def _a_seat(p) -> bool:
        """A place of weight: an admin unit or its seat, or a city of 50,000 (not a hamlet's namesake)."""
        return bool(p.country) and (p.code in SEAT_CODES or p.population >= 50000)

    def _seats_among(self, cands: list[int]) -> tuple:
        """The seats of weight among a name's places (rule seat_over_hamlets) when every other namesake is a hamlet (no
        seat, no town of TOWN_POPULATION) away from them: () when none, or when a town or another seat shares the name."""
        gz = self.gaz
        seats = [c for c in cands if gz.places[c].code in HAMLET_SEATS or (
            not gz.places[c].is_admin and gz.places[c].population >= 50000)]
        if not seats:
            return ()
        sp = [gz.places[c] for c in seats]
        hamlets = False
        for c in cands:
            if c in seats:
                continue
            q = gz.places[c]
            if any(_approx_km(q, p) < 30 for p in sp):
                seats.append(c)  # the seat's own district or another row of it: weighed alike (the usual scores choose)
                continue
            if self._a_seat(q) or q.population >= TOWN_POPULATION:
                return ()
            hamlets = True
        return tuple(seats) if hamlets and len({(round(p.lat), round(p.lon)) for p in sp}) == 1 else ()

    def _party_countries(self, doc: Document) -> Counter:
        """The countries of the parties of one country the text names (actors.tsv column 5; a local alias, which
        any country's army may be, names none): "قوات الوفاق", "قوات حفتر" tell a Libyan story."""
        got: Counter = Counter()
        acts = self.lex.actors
        for a in (doc.matches or {}).get("actors") or ():
            row = acts.get(a.value)
            if row is not None and len(row.theatres) == 1 and (a.phrase, a.value) not in self.lex.local_aliases:
                got[row.theatres[0]] += 1
        return got

    @property
    def available(self) -> bool:
        return self.gaz is not None

    def __call__(self, doc: Document) -> Document:
        nt = doc.norm if doc.norm is not None else NormText(doc.text)
        mentions = self.recognise(nt, doc.matches or None)
        self.resolve(mentions, nt, (doc.matches or {}).get("theatres"))
        self._government_by_its_capital(mentions, nt)
        self._not_the_scene(mentions, nt)
        self._direction_references(mentions, nt)
        self._part_of_country_told(mentions, nt)
        self._roads(mentions, nt)
        if self.gaz is not None:  # again: a place told inside a quarter placed in its city since (rule area_in_a_quarter)
            self._enclosing_places(mentions, nt.text)
            self._foreign_namesake_area(mentions, nt, doc)
        audit = []
        for m in mentions:
            if m.dropped:
                audit.append(self.audit(m))
                continue
            loc = self.location(m)
            doc.spans.append(Span(m.start, m.end, "place", m.text, loc))
            if m.resolved is not None and self.gaz is not None and self._a_seat(self.gaz.places[m.resolved]):
                # a town of weight the gazetteer put in a country (rasid.coding.parties.local_alias_theatre)
                doc.spans.append(Span(m.start, m.end, "place_country", m.text, self.gaz.places[m.resolved].country))
            audit.append(self.audit(m, dict(loc)))
        doc.spans.append(Span(0, 0, "place_audit", "", audit))
        return doc

    # ------------------------------------------------------------- recognition
    def recognise(self, nt: NormText, matches: dict | None = None) -> list[PlaceMention]:
        norm = nt.norm
        folded = fold(norm)
        taken = self._blocked(nt, matches)
        titles = []
        if '"' in nt.text or "«" in nt.text or "“" in nt.text:
            for mm in TITLE_QUOTED.finditer(nt.text):
                if " " in mm.group(1).strip():  # (a title of two words or more: 'حملة "الرقة"' may be the town's)
                    titles.append((self._n(nt, mm.start(1)), self._n(nt, mm.end(1))))
            taken.extend(titles)
        for phrase in self.stop_phrases:
            k = folded.find(phrase)
            while k >= 0:
                end = k + len(phrase)
                if not (end < len(folded) and is_word_char(folded[end])):
                    taken.append((k, end))
                k = folded.find(phrase, end)
        out: list[PlaceMention] = []
        # named regions of the project's own data (ريف دير الزور الشرقي …)
        hits = sorted((k, end + 1 - len(self.region_keys[k][0])) for end, ks in self.region_auto.iter(folded)
                      for k in ks) if self.region_keys else []
        for k, i in hits:  # in the order of data/regions.tsv, as a scan name by name would give
            key, admin, prec = self.region_keys[k]
            if left_boundary(folded, i) is None or (i + len(key) < len(folded) and is_word_char(folded[i + len(key)])):
                continue
            if titles and any(x <= i < y for x, y in titles):
                continue  # rule title_quoted
            taken.append((i, i + len(key)))
            if admin == "-":
                # a country or wide area blocks namesakes; it is a location of its own (no coordinates,
                # precision 3) only where the text puts something in it: "في سوريا", "بالعراق", "داخل لبنان"
                lb = left_boundary(folded, i)
                before = folded[max(0, lb - 8):lb].split()[-1:]
                # (a border is where things happen "on" it: "على الحدود اللبنانية السورية")
                named_kind = before and before[0] in PROVINCE_WORDS or CAPITAL_WORD in folded[max(0, lb - 24):lb].split()[-2:]
                if folded[lb:i] in ("ب", "بال", "وب") or before in (["في"], ["داخل"], ["وفي"]) or named_kind or (
                        before and before[0] in self.settlement_words and before[0] not in PLURAL_CUES) or (
                        # ("قرى سورية": Syrian villages, rule plural_cue_lists)
                        key.startswith("الحدود") and before in (["علي"], ["قرب"], ["عند"])):
                    a, b = nt.span(i, i + len(key))
                    out.append(PlaceMention(a, b, nt.text[a:b], key, "country", 3))
                continue
            a, b = nt.span(i, i + len(key))
            out.append(PlaceMention(a, b, nt.text[a:b], key, "region", prec, region={"admin": admin}))
        region_spans = [(i, i + len(self.region_keys[k][0])) for k, i in hits]
        for r in COUNTRY_REGION.finditer(folded):
            # rule country_region: "في شمال العراق", "جنوب لبنان", "الشمال السوري" (a part of a country, precision 3,
            # named as written; not the country's or a hamlet's name inside it); "الأراضي السورية" is the country
            g = "dir" if r.group("dir") else "adj" if r.group("adj") else "land"
            i, j = r.span(g)
            if any(e <= i and PART_AFTER_PLACE.fullmatch(folded, e, i) for _, e in region_spans):
                continue  # "بإقليم هلمند في جنوب أفغانستان": where a named area lies (and a place of the gazetteer: below)
            out = [m for m in out if m.end <= nt.span(i, j)[0] or m.start >= nt.span(i, j)[1]]
            taken.append((i, j))
            a, b = nt.span(i, j)
            own = COUNTRY_ADJECTIVES[r.group(g).split()[-1]] if g == "land" else None
            out.append(PlaceMention(a, b, nt.text[a:b], r.group(g), "country", 3, name=own, part=True))
        if self.gaz is None:  # no gazetteer: a name after a place cue ("بلدة اللطامنة") is still a place, as text
            blocked = bytearray(len(norm) + 1)
            for x, y in taken:
                blocked[x:y] = b"\x01" * (y - x)
            cues = matches.get("place_cues") if matches else None
            out.extend(self._unknown_after_cues(nt, out, blocked, cues))
            return sorted(out, key=lambda m: m.start)
        found = []
        # arabic.is_word_char inlined: the automaton yields hundreds of in-word hits an article
        padded = " " + folded + " "
        for end_idx, form in self.gaz.auto.iter(folded):
            j = end_idx + 1
            c = padded[j + 1]
            if c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟"):
                continue  # the name ends inside a word
            i = j - len(form)
            c = padded[i]
            if c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟"):
                # a proclitic glued before the name: "والشعفة", "بالبوكمال" (every proclitic ends in و ف ب ل ك)
                if c not in "وفبلك":
                    continue
                c = padded[i - 1]
                if c.isalnum() or ("\u0600" <= c <= "\u06ff" and c not in "،؛؟"):
                    lb = left_boundary(folded, i)  # a proclitic of two letters or more ("وبال"), or inside a word
                    if lb is None:
                        continue
                else:
                    lb = i - 1  # one proclitic letter opening the word: left_boundary's answer, without the call
            else:
                lb = i
            if lb < i and (folded[lb:j] in self.common or (lb + 1 < i and folded[lb] in "وف" and folded[lb + 1:j] in self.common)):
                continue  # "وصولا" is a word ("arriving"), not و + the village صولا; "وبالجملة" is و + "بالجملة" (wholesale)
            found.append((i, j, form, lb))
        # by start, the longest first: two stable sorts on C keys (a lambda was a Python call a hit)
        found.sort(key=itemgetter(1), reverse=True)
        found.sort(key=itemgetter(0))
        blocked = bytearray(len(norm) + 1)  # 1 where an actor, trigger, cue or region sits
        for x, y in taken:
            blocked[x:y] = b"\x01" * (y - x)
        last_end = held_end = -1
        found_cues = matches.get("place_cues") if matches else None  # found once by the match stage
        cue_matches = sorted(found_cues if found_cues is not None else self.lex.place_cues.find(norm), key=lambda c: c.end)
        # "إحياء" (reviving: "لإحياء الدولة") folds to the cue "احياء" (quarters): spelt with its hamza below it is
        # no place cue
        if "إحياء" in nt.text:  # (one test of the story first: most have none, and each cue's span costs)
            cue_matches = [c for c in cue_matches if "إحياء" not in nt.text[slice(*nt.span(c.start, c.end))]]
        # rule plural_cue_lists: "قرى" and "بلدات" head a list of names ("قرى كبينة وتردين", "بلدات X، Y"); else an
        # adjective follows them ("قرى صغيرة في", "بلدات علوية محاصرة", an indefinite nisba: "قرى عربية، كـX"), no name
        cue_matches = [c for c in cue_matches if c.phrase not in PLURAL_CUES or PLURAL_LIST.match(norm, c.end)]
        cue_ends = [c.end for c in cue_matches]
        held: list[tuple[int, int, str, str | None, int]] = []
        accepted: list[tuple[int, int]] = []
        for i, j, form, lb in found:
            if (i < last_end and not (held_end == last_end and j > last_end)) or blocked.find(1, i, j) >= 0:
                # (a word held back as an everyday word does not hide a longer name begun inside it: "بخور مكسر"
                # is ب + "خور مكسر", not the word بخور)
                continue
            # the words before a name (checked here, on the few names not overlapped or taken already)
            prev = folded[max(0, lb - 12):lb].split()
            if prev and (prev[-1] in self.given_names or (len(prev) >= 2 and prev[-2] == "عبد")):
                continue  # "أحمد العسكر", "عبد السلام عبد الرزاق": a family name, not a place
            if folded[lb:i] == "و" and " " in form and not any(w[:2] == "ال" or w in self.cue_words or w in PART_HEADS
                                                               for w in form.split()) \
                    and len(pw := folded[max(0, lb - 40):lb].split()) >= 2 and pw[-2].lstrip("و") in self.given_names \
                    and pw[-1][-1:].isalpha() and pw[-1] not in self.cue_words \
                    and not (len(pw) >= 3 and pw[-3].lstrip("وب") in self.cue_words) \
                    and not (accepted and accepted[-1][1] >= lb - len(pw[-1]) - 2):
                # (not a village named after a person, told with its cue or placed: "قرية محمد الحسن والعيس")
                # (a name of two words or more, none with the article: "عمر مكرم وباب اللوق" are streets)
                continue  # rule person_list: "أعدم التنظيم محمد العلي وحمود حسين": the next person of a list, not a hamlet
            if lb == i and prev and prev[-1] in self.relative_words:
                continue  # rule relative_then_verb: "الشائعات التي سرت", "الذي حماه": a relative pronoun's verb, no place
            if prev and len(prev) >= 2 and prev[-2] in KUNYA_HEADS and prev[-1][:2] != "ال" and folded[lb:i] in ("", "ال"):
                continue  # rule kunya_surname: "أبو حمزة القم", "أبو عبيدة الحلبي": a fighter's by-name, not a place
            if len(prev) >= 2 and prev[-1] in _ON_WORDS and prev[-2].lstrip("وب") == "القبض":
                continue  # rule arrested_named: "ألقت الشرطة القبض على «صابر»": whom the police arrested, not a place
            if prev and prev[-1] in NATIONALITY_WORDS and folded[lb:i] == "" and any(
                    w in _TITLES or w[1:] in _TITLES and w[0] == "و" for w in folded[max(0, lb - 40):lb].split()[-3:-1]):
                continue  # rule title_then_name: "وزير الإعلام السوري عمران الزعبي": a title's holder, not a place
            if form == ATTENDED and folded[lb:i] in ("", "و", "ف") and folded[max(0, lb - 40):lb].rstrip()[-1:] in CLAUSE_OPENERS \
                    and (m2 := NAME_WORD.match(folded, j + 1)) and folded[j:j + 1] == " " \
                    and (m2.group()[:2] == "ال" or m2.group() in _TITLES):
                continue  # rule attended_not_hatra: "وحضر المحافظ التشييع": the verb "attended" opening a clause, not Hatra
            # (AGE_AFTER opens with spaces, "(" or a comma: most names are followed by none, and skip the match)
            if (folded[j:j + 1] in "(،," or folded[j].isspace()) and AGE_AFTER.match(folded, j):
                continue  # rule named_with_age: "الشاب معتصم الشمرة (26 عامًا)": a person told with his age
            if prev and (_family(prev[-1]) or (folded[lb:lb + 1] == "و" and len(prev) >= 2 and _family(prev[-2]))):
                continue  # "عائلتي «صابر والعسال»", "عشيرة البوحمد": a family or a tribe, not a place
            if prev and prev[-1] in PART_HEADS and folded[lb - 1:lb] == " ":
                continue  # "قرية أم خزيم", "تل X": the name is part of a longer one the gazetteer lacks
            if prev and prev[-1] in self.time_zone_words:
                continue  # "بتوقيت دمشق": a time zone in a page header, not a place of the story
            if prev and (prev[-1] if prev[-1] != '"' or len(prev) < 2 else prev[-2]).lstrip("ول") in self.medium_words:
                continue  # 'قناة "الجزيرة"', "إذاعة دمشق": the name of a news medium, not a place
            if prev and (prev[-1] if prev[-1] != '"' or len(prev) < 2 else prev[-2]).lstrip("وب") in self.street_words:
                continue  # "شارع بغداد": a street's name (kept as an unknown feature), not the city
            if prev and prev[-1] in self.nickname_near and any(
                    w in self.nickname_words for w in [w for w in folded[max(0, lb - 24):lb].split() if w not in NICKNAME_GLUE][-1:]):
                continue  # 'الملقب بـ " النمر "': a person's nickname, not a place
            if (folded[lb:i] == "ل" or (prev and prev[-1] in ('"', "-"))) and self._told_to(nt, folded, lb, i):
                continue  # 'وقال المصدر لـ"الحياة"': whom a source told, a newspaper, not a place
            if prev and prev[-1].lstrip("و") in self.speech_words:
                continue  # "أعلنت دمشق": the government speaking; "قال الدغيم": the speaker, not a place
            if self._titled(folded, j):
                continue  # rule spokesperson_named: "مريم الحمدان، المتحدثة باسم المنظمة" is a person
            definite = (lb == i and folded[i:i + 2] == "ال") or folded[lb:i] == "ال"  # "الحميدة" read as ال + حميدة
            # the word before, without a proclitic: "بالتعازي القلبية" is "التعازي" + its adjective
            pw = prev[-1][1:] if prev and prev[-1][:1] in "فبك" and prev[-1][1:3] == "ال" else prev[-1] if prev else ""
            if definite and pw[:2] == "ال" and folded[lb - 1:lb] == " " \
                    and pw not in self.feature_words and pw[2:] not in self.feature_words \
                    and pw not in DEFINITE_FUNCTION_WORDS:
                continue  # "الطبيعة الجبانة", "القوات الخاصة": a definite word after a definite noun is its adjective
            if (form in self.feature_words or (form.startswith("ال") and form[2:] in self.feature_words)) \
                    and not (form.startswith("ال") and form in self.seat_features):
                # (rule seat_not_feature_word: a definite word heads no construct, "الحويجة" of a seat is its name)
                nxt = NAME_WORD.match(folded, j + 1) if folded[j:j + 1] == " " else None
                if nxt and nxt.group() not in NAME_STOP and nxt.group() not in self.common:
                    continue  # "حويجة صكر", "جسر البوكمال": the word names the kind of feature, not a place
            if form in TOPONYM_HEADS and folded[j:j + 1] == " ":
                nxt = NAME_WORD.match(folded, j + 1)
                if nxt and nxt.group() not in NAME_STOP and blocked.find(1, nxt.start(), nxt.end()) < 0:
                    continue  # "قرية أبو قباب": a head opens a longer name (kept whole after the cue if unknown)
            if form.split(" ", 1)[0] in (BANK, "ال" + BANK) and folded[j:j + 2] == " ل":
                nxt = NAME_WORD.match(folded, j + 1)
                w = nxt.group()[1:] if nxt else ""
                if w in WATER or (w[:1] == "ل" and "ا" + w in WATER):
                    # rule river_bank: "الضفة الغربية لنهر الفرات" is a river's bank, not the West Bank: a place the
                    # gazetteer lacks, kept as its text (the river's name after "نهر" with it)
                    e = nxt.end()
                    more = NAME_WORD.match(folded, e + 1) if w in WATER and folded[e:e + 1] == " " else None
                    if more and more.group().startswith("ال") and more.group() not in NAME_STOP:
                        e = more.end()
                    a, b = nt.span(i, e)
                    out.append(PlaceMention(a, b, nt.text[a:b], folded[i:e], "feature", 2, [], name=nt.text[a:b]))
                    accepted.append((i, e))
                    last_end = e
                    continue
            oi, oj = nt.span(i, j)
            if "علي" in form and "على" in nt.text[oi:oj].split():
                continue  # "على صعيد آخر", "لكن على": the preposition as written, not the name علي (normalised alike)
            cue, prec = self._cue(norm, i, cue_matches, cue_ends)
            # a name in quotes of its own ("السوسة"), not a word after someone else's closing quote
            quoted = oi > 0 and nt.text[max(0, oi - 2):oi].strip()[-1:] in QUOTES and \
                nt.text[oj:oj + 2].strip()[:1] in QUOTES
            if not quoted and norm[i:j] in NAME_STOP and norm[i:i + 2] != "ال":
                # rule locating_word_no_name: "أحياء وسط المدينة", "قرى شمال حلب": a word that says where (name_stops.tsv,
                # indefinite: a noun in construct) is no place's name, though some hamlet is named so (الوسط, شمال)
                continue
            if not quoted and (form in self.cue_words or (form[:2] == "ال" and form[2:] in self.cue_words)) \
                    and form not in self.seat_features:
                continue  # "أحياء مدينة حلب": a cue word ("مدينة") is no place's name, unless quoted ("الجسر")
            if cue in ("district", "settlement", "camp", "area") and not quoted and prev \
                    and prev[-1].lstrip("وب") in self.cue_words:
                e = self._name_goes_on(norm, folded, form, j, blocked)
                if e:
                    # rule name_goes_on: "حي بابا عمرو", "قرية حمد آغا": a hamlet's name right after the cue, the name
                    # going on past it, is the first word of a longer name the gazetteer lacks (kept as its text)
                    a, b = nt.span(i, e)
                    out.append(PlaceMention(a, b, nt.text[a:b], folded[i:e], cue, prec, [], name=nt.text[a:b]))
                    accepted.append((i, e))
                    last_end = e
                    continue
            if cue == "district" and not quoted and prev and prev[-1].lstrip("وب") in ("حي", "حيي", "احياء") \
                    and folded[j:j + 1] == " ":
                nxt = NAME_WORD.match(folded, j + 1)
                if nxt is not None and nxt.group() in QUARTER_ADJECTIVES and self.gaz.names[form]:
                    # rule quarter_named_after_city: "حي حلب الجديدة", "حي الموصل القديمة": a quarter named after its city
                    # and an adjective, which the gazetteer lacks: its own name, the city's point (precision 2)
                    city = max(self.gaz.names[form], key=lambda c: (not self.gaz.places[c].is_admin,
                                                                     self.gaz.places[c].population))
                    a, b = nt.span(i, nxt.end())
                    out.append(PlaceMention(a, b, nt.text[a:b], folded[i:nxt.end()], cue, 2, [], name=nt.text[a:b],
                                            anchor=city))
                    accepted.append((i, nxt.end()))
                    last_end = nxt.end()
                    continue
            # 'حديثه' (his talk) is not 'حديثة' (Haditha): a final ه where every name has ة reads as a word
            possessive = nt.text[oj - 1:oj] == "ه" and form[-1:] == "ه" and all(
                self.gaz.places[c].name_ar.endswith("ة") for c in self.gaz.names[form][:5])
            short = len(form) <= 3 and form not in self.major_short  # "حلب", "حمص" need no cue
            # "عبد الله المحيسني", "محمد علي": a name opening with a given name or "عبد" is a person's where no
            # cue calls it a place (hundreds of Iraqi villages are named after people)
            personal = " " in form and (form.startswith("عبد ") or form.split(" ", 1)[0] in self.given_names)
            # "حظر" (a ban) is the village حضر only by folding ظ into ض: a spelling no name of it has needs a cue
            refolded = norm[i:j] != form and self._folded_only(norm[i:j]) and not self._after_locative(norm, i, lb)
            if cue == "governorate" and prev and prev[-1].lstrip("وبل") == "مديريه" and not form.startswith("ال") \
                    and " " not in form and form in self.everyday:
                continue  # "مديرية أمن إسطنبول", "مديرية صحة": a directorate of a service, not a Yemeni district
            common = form in self.common or form in self.word_names
            if cue in ("settlement", "district", "area", "camp") and not quoted and form in PLACE_ADJECTIVES \
                    and self._no_name_after(norm, folded, j):
                # rule cue_then_adjective: an indefinite everyday word after a town's or an area's cue describes the
                # place, it names none: "آخر مدينة كبيرة بيد التنظيم", "في منطقة بعيدة عن خط التماس", "أحياء
                # واسعة من المدينة" (a hamlet somewhere bears the word as its name: not that hamlet); not when a name
                # goes on after it ("قرية جديد بكارة")
                continue
            if common or short or possessive or personal or refolded:
                if cue == "feature" and common and not quoted:
                    if form in self.everyday:
                        continue  # "قاعدة جوية", "قاعدة روسية": an indefinite adjective describes it, names nothing
                    # a feature named by an everyday word ("حقل العمر", "سجن العقرب") is kept as a feature
                    # without coordinates: the village of that name elsewhere is not it
                    a, b = nt.span(i, j)
                    out.append(PlaceMention(a, b, nt.text[a:b], form, cue, prec, [], name=nt.text[a:b]))
                    accepted.append((i, j))
                    last_end = j
                    continue
                # a spelling met only by folding needs a cue naming a settlement: "منطقة حظر جوي" is a no-fly zone
                if cue not in (("settlement", "district", "camp") if refolded else ("settlement", "district", "area", "camp",
                                                                                     "subdistrict", "governorate")) \
                        and not (quoted and (cue is not None or not common or self._after_locative(norm, i, lb)
                                             or (prev[-2:-1] if prev[-1:] in (['"'], ['«']) else prev[-1:]) in (["و"], [","], ["،"]))):
                    # (rule quoted_word: a common word in quotes of its own is a place only after a cue or a preposition
                    # of place, or in a list, 'منفذ "التنف"', 'في "السوسة"', 'حاجزي "المستودع" و "الصورة"': not
                    # 'أمس «الأحد»', 'تواصل «الوطن» نشر')
                    held.append((i, j, form, cue, prec))
                    last_end = held_end = j
                    if refolded:
                        blocked[i:j] = b"\x01" * (j - i)  # nor an unknown name after the cue ("منطقة حظر جوي")
                    continue
            a, b = nt.span(i, j)
            out.append(PlaceMention(a, b, nt.text[a:b], form, cue, prec, list(self.gaz.names[form])))
            accepted.append((i, j))
            last_end = j
        # a common word coordinated with a place ("السوسة والشعفة", "الشعفة، السوسة") is a place too
        starts = {x for x, _ in accepted}
        ends = {y for _, y in accepted}
        # one sense per story: a name the story has called a place with a cue ("منطقة الشقيف") is that place
        # where it stands alone too ("غارات على الشقيف")
        cued = {m.norm for m in out if m.cue in ("settlement", "district", "area", "camp")}
        for i, j, form, cue, prec in held:
            if form in cued and cue is None and form in BARE_ADJECTIVES and folded[i - 1:i] == " " \
                    and ADJECTIVE_AFTER.search(norm[max(0, i - 30):i]):
                # rule one_sense_adjective: "جبهة قتال جديدة" describes the front, though the story names a town
                # "بلدة جديدة" (place_roles.tsv bare_adjective)
                continue
            if form in cued and cue is None:
                a, b = nt.span(i, j)
                out.append(PlaceMention(a, b, nt.text[a:b], form, cue, prec, list(self.gaz.names[form])))
                continue
            if not folded[i:j].startswith("ال") or form in self.generic:
                continue  # "الرقة , أنه سيتم": a function word after a comma is no village
            if any(_coordinated(norm, j, x) for x in range(j, j + 5) if x in starts) or any(
                    _coordinated(norm, y, i) for y in range(i - 4, i + 1) if y in ends):
                a, b = nt.span(i, j)
                out.append(PlaceMention(a, b, nt.text[a:b], form, cue, prec, list(self.gaz.names[form])))
        if self.short_spelt_re is not None:
            for mm in self.short_spelt_re.finditer(nt.text):  # rule short_name_spelt (see __init__)
                a, b = mm.span(1)
                i, j = self._n(nt, a), self._n(nt, b)
                if blocked.find(1, i, j) >= 0 or any(x < j and y > i for x, y in accepted):
                    continue
                cue, prec = self._cue(norm, i, cue_matches, cue_ends)
                out.append(PlaceMention(a, b, nt.text[a:b], fold(normalize(mm.group(1))), cue, prec,
                                        list(self.short_spelt[mm.group(1)])))
                accepted.append((i, j))
        out.extend(self._unknown_after_cues(nt, out, blocked, cue_matches))
        out = self._unknown_name_again(nt, folded, out, blocked)
        for m in out:
            first = m.norm.split()[0] if m.norm else ""
            if m.cue in ("feature", "camp") or first in self.feature_words:
                self._feature_phrase(nt, m)
        return sorted(out, key=lambda m: m.start)

    def _no_name_after(self, norm: str, folded: str, j: int) -> bool:
        """Nothing that may go on with a name after ``j``: the end of a phrase, a word that ends a name (name_stops.tsv)
        or an everyday word, a proclitic and article aside ("كبيرة قبل الرقة", "بعيدة عن", "جديد بالجانب الأيمن")."""
        nxt = NAME_WORD.match(folded, j + 1) if folded[j:j + 1] == " " else None
        if nxt is None:
            return True
        w = nxt.group()
        forms = {w, norm[nxt.start():nxt.end()]}
        for p in ("وبال", "وال", "بال", "لل", "ال", "و", "ب", "ل", "ف"):
            if w.startswith(p) and len(w) > len(p) + 2:
                forms.add(w[len(p):])
        return any(f in NAME_STOP or f in self.everyday or f in self.common for f in forms)

    def _name_goes_on(self, norm: str, folded: str, form: str, j: int, blocked: bytearray) -> int:
        """Where a name that a cue opens ends, when it goes on past the gazetteer's ``form`` ending at ``j`` by one
        more word (rule name_goes_on), else 0. Only a hamlet's one-word name without the article goes on (a town's
        name is the town: "مدينة حمص المحاصرة"), and only into a word that can be a name's: not one that ends a
        name (name_stops.tsv), a conjunction or preposition glued on, a trigger or party, a country's adjective; a
        definite word not an adjective ("-ي", "-ية", a participle "المحاصرة") nor a common word; an indefinite word
        not an everyday or common word nor a verb's present ("حي برزة شهد", "يسيطر"), unless the name itself is an
        everyday word in construct ("بابا عمرو")."""
        if " " in form or form[:2] == "ال" or folded[j:j + 1] != " " or any(
                self.gaz.places[c].code in MAJOR_CODES or self.gaz.places[c].is_admin
                or self.gaz.places[c].population >= FAR_MAX_POPULATION for c in self.gaz.names[form]):
            return 0
        nxt = NAME_WORD.match(norm, j + 1)
        if nxt is None or blocked[nxt.start()]:
            return 0
        w = nxt.group()
        fw = fold(w)
        if len(w) < 3 or w in NAME_STOP or w in NATIONALITY_WORDS or w in self.given_names or (
                w[0] in "وبلفك" and w[:2] != "ال") or w[:3] == "وال":
            return 0
        if w[:2] == "ال":
            stem = w[2:]
            if len(stem) < 2 or stem[-1] == "ي" or stem[-2:] == "يه" or (stem[0] == "م" and len(stem) >= 4) \
                    or fw in self.common or fw[2:] in self.everyday:
                return 0
        elif fw in self.common or w[0] == "ي" or (fw in self.everyday and form not in self.everyday and form not in self.common):
            return 0  # (a word opening with ي is a verb's present: "مدينة كبرى يسيطر عليها")
        return nxt.end()

    def _unknown_name_again(self, nt: NormText, folded: str, out: list[PlaceMention],
                            blocked: bytearray | None = None) -> list[PlaceMention]:
        """One sense per story for a place the gazetteer lacks (rule unknown_name_again): a name of two words or more
        that the story gave with a cue ("مدينة سان برناردينو") is that place where it comes again, a proclitic
        glued or not, read there as nothing else ("قال قائد الشرطة في سان برناردينو"; not inside a party's or a
        person's name); a gazetteer name read inside it there is no place of its own ("بسان برناردينو" is not ب + a
        village "بسان" + a word). Only in stories that have one."""
        names = {m.norm for m in out if " " in m.norm and not m.candidates and m.region is None
                 and m.cue not in (None, "country", "region")}
        if not names:
            return out
        have = {(m.start, m.end) for m in out}
        drop: set[int] = set()
        extra = []
        for u in names:
            k = folded.find(u)
            while k >= 0:
                e = k + len(u)
                lb = left_boundary(folded, k)
                if lb is not None and not (e < len(folded) and is_word_char(folded[e])):
                    a, b = nt.span(k, e)
                    a0 = nt.orig(lb)
                    over = [x for x in out if x.start < b and x.end > a0 and id(x) not in drop]
                    hit = [x for x in over if x.candidates]
                    if (a, b) not in have and (hit or not over and (blocked is None or blocked.find(1, k, e) < 0)):
                        # (where nothing else was read there: "قال قائد الشرطة في سان برناردينو" too)
                        drop.update(id(x) for x in hit)
                        extra.append(PlaceMention(a, b, nt.text[a:b], u, None, 1, name=nt.text[a:b]))
                        have.add((a, b))
                k = folded.find(u, e)
        return [m for m in out if id(m) not in drop] + extra if extra else out

    def _told_to(self, nt: NormText, folded: str, lb: int, i: int) -> bool:
        """'قال المصدر الأمني لـ"X"', 'ل - " X "': the name is whom a speaker told (ل, before quotes or a dash,
        with a speech verb up to three words before it; "أفاد المجلس العسكري لدمشق" is Damascus's council)."""
        words = folded[max(0, lb - 40):lb].replace('"', " ").replace("-", " ").split()
        if folded[lb:i] == "ل":
            oi = nt.orig(i)
            if not any(c in QUOTES for c in nt.text[max(0, oi - 2):oi]):
                return False  # a glued ل with no quote between: "of", not "told to"
        else:
            if not words or words[-1] != "ل":
                return False
            words = words[:-1]
        return any(w.lstrip("و") in self.speech_words for w in words[-3:])

    def _after_locative(self, norm: str, i: int, lb: int) -> bool:
        """A preposition of place before the name at ``i`` (word start ``lb``): "من التنف", "بالبوكمال"."""
        before = norm[max(0, lb - 12):lb].split()
        return "ب" in norm[lb:i] or bool(before and fold(before[-1].strip('"')) in self.locative_words)

    def _folded_only(self, spelt: str) -> bool:
        """True when no place name is spelt as ``spelt`` (with or without ال): the text meets a name only
        through the folding of ص ظ ذ into س ض ز ("حظر", a ban, and the village حضر)."""
        spellings = self.gaz.spellings
        return spellings is not None and not (_article_forms(spelt) & spellings)

    def _feature_phrase(self, nt: NormText, m: PlaceMention) -> None:
        """'مطار حلب الدولي': the mention of a feature is the whole phrase, cue word and closing adjective."""
        norm = nt.norm
        i, j = self._n(nt, m.start), self._n(nt, m.end)
        cues = [c for c in self.lex.place_cues.find(norm, max(0, i - 30), i) if c.value[0] in ("feature", "camp")]
        if cues and len(norm[cues[-1].end:i].split()) <= 1:
            i = cues[-1].start
        nxt = NAME_WORD.match(norm, j + 1) if j < len(norm) and norm[j] == " " else None
        if nxt and nxt.group() in FEATURE_TAIL:
            j = nxt.end()
        a, b = nt.span(i, j)
        m.start, m.end, m.text = a, b, nt.text[a:b]

    @staticmethod
    def _n(nt: NormText, orig: int) -> int:
        """Normalised offset of an original offset."""
        if nt.pos is None:
            return orig
        return bisect_left(nt.pos, orig)

    def _unknown_after_cues(self, nt: NormText, found: list[PlaceMention], blocked: bytearray,
                            cues: list | None = None) -> list[PlaceMention]:
        """'بلدة الشميطية', 'بحي سلطان بيلي': a name after a settlement cue that the gazetteer lacks.

        It is kept as a place without coordinates (its text only), so users see it and can add it.
        """
        norm = nt.norm
        out = []
        # the mentions found, by start, with the furthest end up to each: an overlap is one bisect (was a scan
        # of every mention per cue: quadratic on a long document)
        spans = sorted((m.start, m.end) for m in found)
        starts, reach, far = [a for a, _ in spans], [], -1
        for _, b in spans:
            far = max(far, b)
            reach.append(far)
        for cue in (cues if cues is not None else self.lex.place_cues.find(norm)):
            if cue.value[0] not in ("settlement", "district", "area", "feature", "camp", "subdistrict") and not (
                    cue.value[0] == "governorate" and cue.phrase in STATE_WORDS):
                continue  # (a directorate, "مديرية التربية", is no place: of the governorate words only a state's)
            if cue.value[0] == "subdistrict" and norm[max(0, cue.start - 4):cue.start].split()[-1:] in (["من"], ["ومن"]):
                continue  # "من ناحية أخرى": on the other hand, no subdistrict
            j = cue.end
            while j < len(norm) and norm[j] in OPENERS:
                j += 1
            # 'معسكر "ليبرتي"': what quotes hold is a name (the normalised text has lost them: read the original)
            quoted = j < len(norm) and any(c in QUOTES for c in nt.text[nt.orig_end(cue.end):nt.orig(j)])
            words = []
            street = _folded_word(cue.phrase) in self.street_words  # named with any word: "ميدان الحرية"
            while True:  # the words right after the cue (a match at j only: never a search through the text)
                mm = NAME_WORD.match(norm, j)
                if mm is None:
                    break
                w = mm.group()
                if w in NAME_STOP or w[0].isdigit() or (words and (w[0] in "وب" and not w.startswith("ال"))
                                                        and not (words == words[:1] and fold(words[0]) in PART_HEADS)) \
                        or w.startswith("وال"):  # "تلال والنقاط الحاكمة": "and the ...", a list, not a name
                    # (but after a head the name goes on: "سان برناردينو")
                    break
                if words and w in NATIONALITY_WORDS:
                    break  # "مدينة كراتشي الباكستانية": the country's adjective, not the name
                if len(w) >= 4 and w[0] == "س" and w[1] in "يتنا" and fold(w[1:]) in self.everyday:
                    break  # rule future_verb_ends_name: "قاعدة انجرليك ستفتح أمام الطائرات", a verb, not the name
                if not words and not quoted and w[0] == "و" and w not in TOPONYM_HEADS and (
                        CONJ_VERB.fullmatch(w) or fold(w[1:]) in self.everyday or fold(w[1:]) in self.common):
                    break  # rule and_verb_no_name: "للقاعدة وأصبحت على مقربة": "و" and a verb or word open the next clause
                if not words and w[0] == "ل" and w[1:2] != "ا" and cue.value[0] in ("feature", "camp") and not quoted:
                    break  # whose it is, not its name: "معسكر لمعارضين إيرانيين", "قاعدة لقوات التحالف"
                if not words and cue.value[0] in ("feature", "camp") and not quoted and len(w) >= 4 and w[-1] == "ي" \
                        and fold(w) + "ه" in self.everyday and not norm[mm.end():mm.end() + 3].lstrip().startswith("ال"):
                    # rule nisba_describes: "معبر حدودي", "حقل نفطي", "شارع تجاري": an adjective whose feminine is an
                    # everyday word ("حدودية") describes the feature, names nothing ("مطار عنتيبي" is a name)
                    break
                if words and (blocked[mm.start()] or (w[0] == "ل" and words[0] not in TOPONYM_HEADS)):
                    break  # a trigger, cue or party's word ends the name, and so does a purpose ("قاعدة انجرليك لشن غارات")
                if not words and street and w.startswith("ال"):
                    pass
                elif (fold(w) in self.everyday or (not words and w.startswith("ال") and fold(w[2:]) in self.everyday
                                                   and cue.value[0] in ("area", "subdistrict", "governorate"))) \
                        and w not in TOPONYM_HEADS and not (words and words[0] in TOPONYM_HEADS):
                    # (after "منطقة", "قضاء", "مديرية" the definite form too: "منطقة الحادث", "مديرية التربية", "قضاء
                    # الإجازة"; not after a quarter's or a feature's word: "حي السبع بحرات", "قاعدة العند")
                    # ("بيت", "عين" open names, and what follows them is the name: "قرية أبو قباب")
                    break  # "منطقة آمنة", "قاعدة جوية روسية": a word that describes the place, not its name
                elif fold(w) in self.common and not (len(words) == 1 and words[0] in TOPONYM_HEADS) \
                        and not (not words and w in TOPONYM_HEADS):
                    break  # an everyday word ends the name, but not right after "بيت", "عين", "تل" ...

                words.append(w)
                j = mm.end()
                if quoted and nt.text[nt.orig_end(j):nt.orig_end(j) + 2].strip()[:1] in QUOTES:
                    break  # the closing quote ends a quoted name: 'حي "المزرعة" السكني'
                while j < len(norm) and norm[j] == " ":
                    j += 1
                if len(words) >= 2:
                    break
            if not words:
                continue
            a0 = cue.end
            while norm[a0] in OPENERS:
                a0 += 1
            b0 = a0 + len(" ".join(words))
            a, b = nt.span(a0, b0)
            k = bisect_left(starts, b)  # the mentions starting before b: does one reach past a?
            if 1 in blocked[a0:b0] or (k and reach[k - 1] > a):
                continue
            name = nt.text[a:b].strip(" \"'«»“”‘’")
            if cue.value[0] in ("feature", "camp"):
                # a feature is told with its kind ("ميدان التحرير", "قاعدة العند الجوية"): the text keeps it, and
                # the adjective after the name; the name is the name alone
                if b0 < len(norm) and norm[b0] in '"»”' and a0 > cue.end and norm[a0 - 1] in '"«“':
                    b0 += 1  # the closing quote of a quoted name
                nxt = NAME_WORD.match(norm, b0 + 1) if b0 < len(norm) and norm[b0] == " " else None
                if nxt and nxt.group() in FEATURE_TAIL:
                    b0 = nxt.end()
                a, b = nt.span(cue.start, b0)
            # a subdistrict the gazetteer lacks is known by its town's name ("ناحية ينكجة"): a place, not a region
            prec = 2 if cue.value[0] == "subdistrict" else cue.value[1]
            out.append(PlaceMention(a, b, nt.text[a:b], fold(" ".join(words)), cue.value[0], prec, name=name))
        return out

    def _blocked(self, nt: NormText, matches: dict | None = None) -> list[tuple[int, int]]:
        """Spans already taken by actor names, triggers and cues (a name there is not a place)."""
        norm = nt.norm

        def person(m) -> bool:
            """A toll noun is a person ("راعي", a shepherd) unless a word for a town names it: "بلدة الراعي"."""
            before = norm[max(0, m.start - 10):m.start]
            return not (("بلد" in before or "مدين" in before or "قري" in before) and TOWN_BEFORE.search(before))

        if matches and "outlet_names" in matches:  # found once by the pipeline's match stage
            spans = [(m.start, m.end) for m in matches["outlet_names"]]
            for key in ("actors", "triggers", "cues"):
                spans.extend((m.start, m.end) for m in matches[key])
            spans.extend((m.start, m.end) for m in matches["toll_nouns"] if person(m))
            return spans
        spans = []
        for matcher in (self.outlet_names, self.lex.actor_matcher, self.lex.trigger_matcher, self.lex.cue_matcher):
            spans.extend((m.start, m.end) for m in matcher.find(nt))
        spans.extend((m.start, m.end) for m in self.lex.toll_nouns.find(nt) if person(m))
        return spans

    def _cue(self, norm: str, i: int, cues: list | None = None, ends: list | None = None) -> tuple[str | None, int]:
        """The place cue right before position ``i`` (up to three words back).

        ``cues`` (the text's cue matches, found once) and ``ends`` (their end offsets) spare a
        search of the text before every name."""
        lo = max(0, i - 30)
        best = (None, 1)
        if cues is None:
            window = self.lex.place_cues.find(norm, lo, i)
        else:
            a, b = bisect_left(ends, lo), bisect_right(ends, i)
            if a == b:
                return best  # most names have no cue before them
            window = [m for m in cues[a:b] if m.start >= lo]
        for m in window:
            if m.value[0] == "subdistrict" and norm[m.end:m.end + 12].replace("،", " ").split()[:1] and \
                    norm[m.end:m.end + 12].replace("،", " ").split()[0].strip(",.") in OTHER_HAND and \
                    norm[max(0, m.start - 4):m.start].split()[-1:] in (["من"], ["ومن"]):
                continue  # "من ناحية ثانية": on the other hand, no subdistrict ("القريبة من ناحية بعشيقة" is one)
            between = norm[m.end:i].strip(' "')
            # allow "بلدة X", "ريف مدينة X", "قرية "X""
            if len(between.split()) <= 1 and all(not w or w in ("مدينه", "بلده", "قريه", "منطقه", "ال") for w in between.split()):
                # the closest cue names the kind; "محيط بلدة X" keeps the vaguer precision of the chain
                best = (m.value[0], max(m.value[1], best[1]) if best[0] else m.value[1])
                if m.value[0] in ("governorate", "subdistrict") and norm[m.start:m.end].startswith(("قضاء", "ناحي", "مديري")) and (
                        norm[max(0, m.start - 7):m.start].split()[-1:] in (["مركز"], ["ومركز"], ["بمركز"], ["لمركز"])):
                    # (not "مركز محافظة": "الرمادي مركز محافظة الأنبار" tells the governorate of a town in apposition)
                    # rule centre_of_district: "مركز قضاء تلعفر", "مركز ناحية العياضية": a district's centre is
                    # its town, the place itself (precision 1), not the district around it
                    # (the kind kept: "قضاء سنجار" still votes for its governorate, and the district goes to its seat)
                    best = (m.value[0], 1)
        return best if best[0] else (None, 1)

    # ------------------------------------------------------------- resolution
    def _countries(self, nt: NormText, words: list | None) -> Counter:
        """How often the article names each country: its name, capital, main cities, adjective (theatres.tsv)."""
        if words is None:
            words = self.lex.theatre_matcher.find(nt)
        return Counter(m.value[0] for m in words)

    def resolve(self, mentions: list[PlaceMention], nt: NormText, theatre_words: list | None = None) -> None:
        if self.gaz is None:
            return
        gz = self.gaz
        # admin areas the article names (governorates, districts, their centres), from names
        # that mean one admin area only: a namesake village elsewhere must not vote
        adm1, adm2 = set(), set()
        adm_countries: set[str] = set()  # the countries of the admin areas named
        voters: dict[str, set[str]] = {}  # the names that voted for each governorate
        for m in mentions:
            if m.region:
                adm1.add(m.region["admin"])
                i = gz.admin1.get(m.region["admin"])
                if i is not None and gz.places[i].country:
                    adm_countries.add(gz.places[i].country)
                continue
            # a district's name is often a village's too (Iraq's الشامية, الحويجة): it votes only when
            # called a district, or when no namesake lies in another governorate
            cands = [gz.places[c] for c in m.candidates]
            admins = [p for p in cands if p.code in ("ADM1", "PPLA", "PPLC") or (
                p.code in ("ADM2", "PPLA2") and (m.cue in ("countryside", "governorate", "subdistrict")
                                                 or len({q.adm1 for q in cands}) == 1))]
            if m.cue not in ("countryside", "governorate", "subdistrict") and not m.norm.startswith(GOVERNORATE_PREFIX):
                # rule city_not_its_governorate: a bare name shared by a governorate and a city of it that the gazetteer
                # puts in a governorate of its own ("صنعاء": the capital of Amanat al-Asimah, beside the governorate of
                # Sana'a around it) is the city, and votes for the city's governorate, not for its namesake's
                admins = [next((q for q in cands if not q.is_admin and q.population >= TOWN_POPULATION
                                and q.country == p.country and q.adm1 != p.adm1 and _approx_km(p, q) < 150), p)
                          if p.code == "ADM1" else p for p in admins]
            if admins and len({p.adm1 for p in admins}) == 1:
                adm1.add(admins[0].adm1)
                voters.setdefault(admins[0].adm1, set()).add(m.norm)
                if admins[0].country:
                    adm_countries.add(admins[0].country)
                if len({p.adm2 for p in admins if p.adm2}) == 1 and any(p.code != "ADM1" for p in admins):
                    adm2.add(next(p.adm2 for p in admins if p.adm2))
        # first pass: unambiguous places anchor the article
        anchors: list = []
        seen_anchor: set[str] = set()
        for m in mentions:
            cs = [gz.places[c] for c in m.candidates]
            if cs and cs[0].id not in seen_anchor and all(_approx_km(cs[0], p) < 10 for p in cs[1:]):
                anchors.append(cs[0])  # one place (or near-duplicates of it)
                seen_anchor.add(cs[0].id)
        anchor_at = [(a, a.lon, a.lat) for a in anchors]  # (their coordinates read once, not per candidate)
        # the article's country: the one it names most (its name, capital, cities, adjective); Syria when none
        if theatre_words is None:
            theatre_words = self.lex.theatre_matcher.find(nt)
        named = self._countries(nt, theatre_words)
        if named and anchors and theatre_words:
            # rule town_by_a_hamlet_named: a country's main town of theatres.tsv ("الحويجة") whose namesake hamlet of
            # another country lies by a place the story names ("بلدتا قسطون والحويجة في سهل الغاب": Hama's) does not
            # name its country (the story then is no story of Iraq, and قسطون no place abroad)
            at = {self._n(nt, m.start): k for k, m in enumerate(mentions) if m.norm in THEATRE_TOWNS}
            for w in theatre_words:
                k = at.get(w.start)
                if k is None or named.get(w.value[0], 0) <= 0:
                    continue
                m = mentions[k]
                # (the anchor one of its list: a place named with it, joined by "و" or a comma)
                beside = [gz.places[n.candidates[0]] for n in self._list_neighbours(k, mentions, nt)
                          if n.candidates and gz.places[n.candidates[0]] in anchors]
                if any(gz.places[c].country != THEATRE_TOWNS[m.norm] and not self._a_seat(gz.places[c]) and any(
                        a.country == gz.places[c].country and _approx_km(gz.places[c], a) < 30 for a in beside)
                       for c in m.candidates):
                    named[w.value[0]] -= 1
            named = +named
        # the theatres.tsv words by start (normalised offsets): the country a place is told in, right after it
        told_at = sorted((w.start, w.value[0]) for w in theatre_words)
        told_starts = [x for x, _ in told_at]
        norm = nt.norm
        ranked = sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))
        country = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else (
            next(iter(adm_countries)) if len(adm_countries) == 1 else "SY")
        # an article that names one country only: a small place of another is a namesake, not a jump
        only = country if len(ranked) == 1 else None
        if only is None and len(adm_countries) == 1:
            # every governorate, district or city the article names is in one country: a small
            # place of the other is a namesake (Iraq's الشامية in a Deir ez-Zor story)
            only = next(iter(adm_countries))
        memo: dict[tuple, int | None] = {}  # the same name with the same cue resolves the same way
        abroad: set[tuple] = set()  # the keys resolved to no place for a namesake abroad (rule bare_word_abroad)

        def cands_of(m: PlaceMention) -> list:
            return [gz.places[c] for c in m.candidates]

        def country_told(m: PlaceMention) -> str | None:
            # rule country_told: "مدينة طرابلس بشمال لبنان" is the Tripoli of Lebanon, not Libya's capital
            j = self._n(nt, m.end)
            k = bisect_left(told_starts, j)
            if k < len(told_at) and told_starts[k] - j <= 30 and COUNTRY_AFTER.fullmatch(norm, j, told_starts[k]):
                return told_at[k][1]
            return None

        # rule told_once: a town the story tells once with its cue and its country ("مدينة سروج التركية", "بلدة سروج
        # بجنوب شرق تركيا") is that country's wherever the story names it again ("وبعد التفجير في مدينة سروج"), where it
        # never tells another (not a name told without a cue: "أبو بكر البغدادي" is a man)
        story_told: dict[str, set] = {}
        if told_at:
            for m in mentions:
                c = country_told(m) if m.candidates else None
                if c is not None:
                    story_told.setdefault(m.norm, set()).add(c if m.cue is not None else "")
        for m in mentions:
            if not m.candidates:
                continue
            # rule governorate_named: "محافظة إدلب" matched whole is the governorate, not the city that a gazetteer
            # lists with the governorate's name among its own
            cue = "governorate" if m.cue is None and m.norm.startswith(GOVERNORATE_PREFIX) else m.cue
            told = country_told(m) if told_at else None
            if told is None and len(story_told.get(m.norm, ())) == 1 and "" not in story_told[m.norm]:
                told = next(iter(story_told[m.norm]))
            if told is None and m.norm in THEATRE_TOWNS and named.get(THEATRE_TOWNS[m.norm], 0) >= 2:
                # rule theatre_town: a country's main town of theatres.tsv ("الحويجة", "سروج") is that town, not a hamlet
                # of its name in another country, in a story naming that country besides (its name, another of its towns),
                # unless the hamlet lies by another place the story names ("قرى قسطون والحويجة بسهل الغاب" is Hama's)
                there = THEATRE_TOWNS[m.norm]
                # (rule main_country_namesake: it stands aside where the story's main country is another and holds a
                # seat of that name: "السويداء" of Lahij in a Yemeni ticker that names Syria twice)
                if (country == there or not any(gz.places[c].country == country and self._a_seat(gz.places[c])
                                                for c in m.candidates)) and not any(gz.places[c].country != there and any(
                        a is not gz.places[c] and _approx_km(gz.places[c], a) < 30 for a in anchors) for c in m.candidates):
                    told = there
            key = (tuple(m.candidates), cue, told)
            if key in memo:
                m.resolved = memo[key]
                m.abroad = key in abroad
                continue
            best, best_s = None, -1e9
            cands = m.candidates
            if told is not None and not any(gz.places[c].country == told for c in cands) and not any(
                    gz.places[c].code in MAJOR_CODES or gz.places[c].population >= TOWN_POPULATION for c in cands):
                # rule told_abroad: a place told with a country none of its namesakes lies in ("مدينة الدمام
                # بالسعودية", "بلدة X السورية" where only Iraqi hamlets bear the name) is one the gazetteer lacks
                m.resolved = memo[key] = None
                m.abroad = True
                abroad.add(key)
                continue
            if told is not None and any(gz.places[c].country == told for c in cands):
                there = [c for c in cands if gz.places[c].country == told]
                # (a hamlet there does not outweigh a capital elsewhere: "هدف أنقرة في سوريا" is Turkey's government)
                if any(self._a_seat(gz.places[c]) or gz.places[c].population >= TOWN_POPULATION for c in there) or not any(
                        self._a_seat(gz.places[c]) for c in cands if gz.places[c].country != told):
                    cands = there
            # rule seat_over_hamlets: a name shared by a seat of weight (a district's seat or a city) and hamlets elsewhere
            # is the seat where nothing in the story points at a hamlet ("في الحويجة" is Kirkuk's Hawija, not the Syrian
            # hamlets of that name; the governorate or the villages named around it still carry a hamlet)
            seats = self._seats_among(cands) if len(cands) > 1 else ()
            weighed = False
            # (a seat abroad of the story's country only when told as a city: "وفي العراق ... مدينة الحويجة")
            home_seat = any(gz.places[c].country == country and self._a_seat(gz.places[c]) for c in cands)
            city_word = bool(seats) and CITY_BEFORE.search(norm, max(0, self._n(nt, m.start) - 12), self._n(nt, m.start)) is not None
            for c in cands:
                p = gz.places[c]
                s = p.importance()
                if c in seats and (p.country == country or city_word):
                    s += SEAT_OVER_HAMLETS
                    weighed = True
                if p.country == country:
                    s += 1.5
                if p.adm1 and p.adm1 in adm1 and not (home_seat and p.country != country and voters.get(p.adm1) == {m.norm}):
                    # (rule main_country_namesake: a name with a seat in the story's main country does not vote for its
                    # namesake governorate abroad by itself: "السويداء" of Lahij in a Yemeni story)
                    s += 2.5
                if p.adm2 and p.adm2 in adm2:
                    s += 2.5
                if anchors and (len(anchors) > 1 or anchors[0] is not p):
                    # the nearest other anchor (_approx_km inlined: candidates x anchors is hundreds an article)
                    plon, plat = p.lon, p.lat
                    d = math.sqrt(min(((plon - alon) * 91.0) * ((plon - alon) * 91.0)
                                      + ((plat - alat) * 111.0) * ((plat - alat) * 111.0)
                                      for a, alon, alat in anchor_at if a is not p))
                    s += 3.0 if d < 25 else 1.5 if d < 75 else 0.5 if d < 200 else 0
                if cue in ("governorate",) and p.code == "ADM1":
                    s += 3
                if cue in ("settlement", "near", "feature", "area", "camp") and p.is_admin:
                    s -= 1.5
                if p.is_admin and cue not in ("countryside", "governorate", "subdistrict") and any(
                        not q.is_admin and q.population >= 10000 and (
                            _approx_km(p, q) < (150 if p.code == "ADM1" else 60)
                            or (p.code == "ADM1" and q.country == p.country and q.adm1 == p.adm1))
                        for q in cands_of(m)):
                    # (a governorate's centre lies far from its city in the wide ones of Libya and Yemen: سبها; a
                    # town of the province named after it is its seat however far: "مزدة", not the Mizdah district)
                    s -= 3  # "حلب", "مدينة حلب": the city, not the governorate named after it
                elif p.is_admin and cue not in ("countryside", "governorate", "subdistrict") and \
                        any(not q.is_admin and q.population >= 10000 for q in cands_of(m)) and _other_name(p, m.norm):
                    s -= 3  # "الرمادي": the city of 220,000, not the governorate that has it among its other names
                if cue == "countryside" and p.is_admin:
                    s += 1
                if p.code in ("ADM3",) or (p.is_admin and p.code != "ADM1" and cue not in ("countryside", "governorate")):
                    s -= 0.5
                s -= 1e-7 * c  # stable tie-break
                if s > best_s:
                    best, best_s = c, s
            big = ("ADM1", "ADM2", "PPLC", "PPLA", "PPLA2", "AIRP", "AIRB")
            if best is not None and only and gz.places[best].country not in (only, "") and gz.places[best].code not in big:
                best, m.abroad = None, True  # kept as its text, without coordinates (the audit lists the candidates)
                abroad.add(key)
            if best is not None and named and gz.places[best].country not in named and \
                    gz.places[best].country not in adm_countries and gz.places[best].code not in big:
                # a village of a country the story never names ("القبة" of Libya in a story of Lebanon and
                # Syria) is a namesake of a place the gazetteer lacks
                best, m.abroad = None, True
                abroad.add(key)
            if best is not None and not (weighed and best in seats) and len(adm1) == 1 and (gz.places[best].code not in big or (
                    gz.places[best].code == "PPLA2" and gz.places[best].population < FAR_MAX_POPULATION)) \
                    and len({gz.places[c].adm1 for c in m.candidates
                             if gz.places[c].country == gz.places[best].country}) > 1 \
                    and gz.places[best].adm1 not in adm1 \
                    and not any(_approx_km(gz.places[best], a) < 75 for a in anchors if a.adm1 in adm1):
                # a story of one governorate: a name shared by several villages, none of them in it, is a
                # place the gazetteer lacks, not a namesake far away
                best = None
            if best is not None and gz.places[best].code in ("ADM2", "ADM3"):
                seat = self._seat(gz.places[best])
                if seat is not None:  # "منطقة الميادين": the district, placed at its seat (ACLED's practice)
                    # ("مركز قضاء تلعفر", precision 1 from rule centre_of_district: the seat itself)
                    best, m.precision = seat, (1 if m.precision == 1 and m.cue in ("governorate", "subdistrict") else 3)
            m.resolved = memo[key] = best
        self._the_capital(mentions, nt, country if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) or len(adm_countries) == 1 else None)
        self._list_neighbour_country(mentions, nt)
        self._far_from_the_story(mentions, nt)
        self._bare_word_abroad(mentions, nt)
        self._neighbourhoods(mentions, nt.text)
        self._quarter_far_from_its_city(mentions, nt.text)
        self._enclosing_places(mentions, nt.text)
        self._quarters_of_the_city(mentions)
        self._quarter_again(mentions)

    def _capital_of(self, code: str) -> int | None:
        """The gazetteer place of a country's capital (data/capitals.tsv): its most populous town of that name."""
        if code not in self._capitals:
            ids = [c for c in self.gaz.names.get(CAPITALS.get(code, ""), ()) if self.gaz.places[c].country == code
                   and not self.gaz.places[c].is_admin]
            self._capitals[code] = max(ids, key=lambda c: (self.gaz.places[c].population, -c)) if ids else None
        return self._capitals[code]

    def _the_capital(self, mentions: list[PlaceMention], nt: NormText, country: str | None) -> None:
        """Rule the_capital: "اشتباكات وسط العاصمة", "قصف حي X جنوب العاصمة": a bare "العاصمة" is the capital last named
        before it ("انفجار في بغداد ... وفي العاصمة"), else the capital of the story's country where the story names one
        (its name, its towns, its adjective; data/capitals.tsv). Another word after it than a preposition, a relative or
        a time word ("العاصمة الروسية", "العاصمة المؤقتة", "العاصمة لندن"), a place named right after it ("العاصمة صنعاء",
        a mention of its own) or a unit word before it ("أمانة العاصمة", "ريف العاصمة") leave it."""
        norm = nt.norm
        if "عاصمه" not in norm:
            return
        spans = [(self._n(nt, m.start), self._n(nt, m.end)) for m in mentions]
        ids = {c: k for k in CAPITALS if (c := self._capital_of(k)) is not None}
        named_capitals = [(a, ids[m.resolved]) for m, (a, _) in zip(mentions, spans) if m.resolved in ids and not m.dropped]
        added = []
        for x in THE_CAPITAL.finditer(norm):
            i, j = x.span()
            if any(a < j and i < b for a, b in spans):
                continue  # a part of a name found ("أمانة العاصمة")
            before = norm[max(0, i - 20):i].split()
            last = fold(before[-1]) if before else ""
            if last in CAPITAL_NOT_AFTER or last[1:] in CAPITAL_NOT_AFTER:
                continue  # ("بريف العاصمة": with its clitic)
            if (last in CAPITAL_AROUND or last[1:] in CAPITAL_AROUND or x.group().startswith("لل")) and \
                    self._another_in_sentence(norm, i, spans) and not self._street_before(mentions, spans, norm, i):
                continue  # "داريا (جنوب غرب العاصمة)": a place told by it, not the scene
            rest = norm[j:j + 40]
            nxt = NAME_WORD.match(rest, len(rest) - len(rest.lstrip(" ")))
            code = next((k for a, k in reversed(named_capitals) if a < i), country)
            if nxt is not None:
                w = fold(nxt.group())
                if any(a == j + nxt.start() for a, _ in spans):
                    continue  # "العاصمة دمشق": the name itself is the place
                if w in _ADJ_COUNTRY:
                    named_capitals.append((i, _ADJ_COUNTRY[w]))  # "العاصمة السورية": the capital named, for the next
                    continue
                if w not in CAPITAL_THEN and not (w.startswith("و") and len(w) > 3 and not w.startswith("ال")):
                    continue  # "العاصمة الروسية", "العاصمة المؤقتة", "العاصمة لندن": a capital of its own
            if code is None:
                continue
            c = self._capital_of(code)
            if c is None:
                continue
            a, b = nt.span(i + (len(x.group()) - len(x.group().lstrip("وفبك")) if not x.group().startswith("ال") else 0), j)
            added.append(PlaceMention(a, b, nt.text[a:b], fold(normalize(nt.text[a:b])), None, 1, [c], c))
            named_capitals.append((i, code))  # (the capital it names stands for the next bare one)
        if added:
            mentions.extend(added)
            mentions.sort(key=lambda m: m.start)

    def _is_street(self, m: PlaceMention) -> bool:
        """A street, square or corniche ("شارع الستين", "بميدان التحرير"; role_words.tsv street)."""
        first = fold(normalize(m.text)).split()[:1]
        return bool(first) and (first[0] in self.street_words or first[0][1:] in self.street_words)

    def _street_before(self, mentions: list[PlaceMention], spans: list[tuple[int, int]], norm: str, i: int) -> bool:
        """Rule street_in_capital: "اشتباكات بشارع الستين غرب العاصمة": a street told right before "the capital" (a
        direction between) lies in the capital; the capital is then its city, not a reference dropped for it."""
        for m, (a, b) in zip(mentions, spans):
            if b <= i and not m.dropped and m.resolved is None and self._is_street(m) and DIRECTION_BETWEEN.fullmatch(norm[b:i] + " "):
                return True
        return False

    @staticmethod
    def _another_in_sentence(norm: str, i: int, spans: list[tuple[int, int]]) -> bool:
        """A mention (normalised spans) other than one at offset ``i`` lies in the sentence of ``i`` (rule the_capital)."""
        a = max(norm.rfind(".", 0, i), norm.rfind("\n", 0, i)) + 1
        b = min((k for k in (norm.find(".", i), norm.find("\n", i)) if k >= 0), default=len(norm))
        return any(a <= x < b and not x <= i < y for x, y in spans)

    def _list_neighbours(self, k: int, mentions: list[PlaceMention], nt: NormText) -> list[PlaceMention]:
        """The mentions right before and after mention ``k`` joined to it by "و" or a comma (a list of places)."""
        norm, m, out = nt.norm, mentions[k], []
        i, j = self._n(nt, m.start), self._n(nt, m.end)
        if k > 0 and _coordinated(norm, self._n(nt, mentions[k - 1].end), left_boundary(norm, i) or i):
            out.append(mentions[k - 1])
        if k + 1 < len(mentions):
            y = self._n(nt, mentions[k + 1].start)
            if _coordinated(norm, j, left_boundary(norm, y) or y):
                out.append(mentions[k + 1])
        return out

    def _list_neighbour_country(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """Rule list_neighbour_country: a name joined by "و" or a comma to a town of weight (a seat, a city of 10,000)
        is a place of that town's country: resolved to a hamlet of another country, it takes its namesake of weight
        there ("نأمل أن تأخذ تلعفر، الحويجة": Kirkuk's Hawija, not a hamlet of Hasakah, in a ticker of Syria)."""
        gz = self.gaz
        norm = nt.norm
        live = [m for m in mentions if m.resolved is not None and not m.dropped]
        for x, y in zip(live, live[1:]):
            ye = self._n(nt, y.start)
            if not _coordinated(norm, self._n(nt, x.end), left_boundary(norm, ye) or ye):
                continue
            for m, n in ((x, y), (y, x)):
                p, q = gz.places[m.resolved], gz.places[n.resolved]
                if p.country == q.country or self._a_seat(p) or p.population >= TOWN_POPULATION or not (
                        self._a_seat(q) or q.population >= TOWN_POPULATION):
                    continue
                there = [c for c in m.candidates if gz.places[c].country == q.country and (
                    self._a_seat(gz.places[c]) or gz.places[c].population >= TOWN_POPULATION)]
                if there:
                    # (the town rather than its district: "الحويجة" is the seat, not the Hawija district)
                    m.resolved = max(there, key=lambda c: (not gz.places[c].is_admin, gz.places[c].importance(), -c))
                    break

    def _far_from_the_story(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """A small village named bare far from every other place the story names is a word.

        Bare: no cue, no preposition of place before it, not quoted, not in a list of places, and named
        nowhere else in the story otherwise ("أياما عصيبة" hard days, "حضر شبان" young men came, "تهويد
        القدس", "سواحل أبين": places the gazetteer lacks taken by a namesake village); far: 120 km or more
        from each of two or more other places of the story. Towns, admin centres and features never are.
        A quarter so far ("حي السعد" in a story of Daraa, the village Sa`d in Hasakah) keeps its text only.
        """
        gz = self.gaz
        norm = nt.norm
        placed = [(k, m, gz.places[m.resolved]) for k, m in enumerate(mentions) if m.resolved is not None]

        unique = {p.id: p for _, _, p in placed}
        if len(unique) < 3:
            return
        far = {pid for pid, p in unique.items() if not (p.is_admin or p.code in MAJOR_CODES or p.population >= FAR_MAX_POPULATION)
               and all(_approx_km(p, q) > FAR_KM for qid, q in unique.items() if qid != pid)}
        if not far:
            return  # the common case: every small place lies near another
        spans = [(self._n(nt, m.start), self._n(nt, m.end)) for m in mentions]
        sure = {p.id for k, m, p in placed if p.id in far and m.cue != "district" and self._named_as_place(
            k, mentions, spans, norm)}
        for k, m, p in placed:
            if p.id in far and p.id not in sure:
                if m.cue == "district":
                    # "حي السعد" in a story of Daraa is a quarter the gazetteer lacks, not a village far away
                    m.resolved = None
                    continue
                m.resolved, m.dropped = None, f"named bare, {FAR_KM} km or more from every other place of the story"

    def _named_as_place(self, k: int, mentions: list[PlaceMention], spans: list[tuple[int, int]], norm: str) -> bool:
        """Told as a place: with a cue, after a preposition of place, in quotes of its own or in a list of places."""
        m = mentions[k]
        if m.cue is not None:
            return True
        i, j = spans[k]
        lb = left_boundary(norm, i)
        lb = i if lb is None else lb
        if self._after_locative(norm, i, lb):
            return True  # "من التنف", "بالبوكمال"
        if norm[max(0, lb - 2):lb].strip().endswith('"') and norm[j:j + 2].strip().startswith('"'):
            return True  # 'منفذ "التنف"'
        # in a list of places: "حيي كفرسوسة والمزة", "جوبر وزملكا"
        return (k > 0 and _coordinated(norm, spans[k - 1][1], lb)) or (
            k + 1 < len(mentions) and _coordinated(norm, j, left_boundary(norm, spans[k + 1][0]) or spans[k + 1][0]))

    def _bare_word_abroad(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """Rule bare_word_abroad: a name whose only namesakes are hamlets away from the story (of a country it never
        names, or, in a story of one governorate, of others), told bare (no cue, no preposition of place, no quotes, in
        no list), is a word: "في ظلام دامس", "حصارا خانقا", "مبالغ مالية مرتفعة" are no hamlets of Egypt or Yemen in a
        Syrian story. With a cue or a preposition it is a place the gazetteer lacks, kept as its text ("في قرية دامس")."""
        if not any(m.abroad for m in mentions):
            return
        norm = nt.norm
        spans = [(self._n(nt, m.start), self._n(nt, m.end)) for m in mentions]
        for k, m in enumerate(mentions):
            if not m.abroad or m.resolved is not None or m.dropped or self._named_as_place(k, mentions, spans, norm):
                continue
            if norm[max(0, spans[k][0] - 3):spans[k][0]].rstrip()[-1:] == "-" or any(
                    self.gaz.places[c].population >= TOWN_POPULATION for c in m.candidates):
                continue  # "طريق الشيخ زويد - الجورة": a road's end; "كوباني": a town abroad is told bare as well
            if " " in m.norm or m.norm.startswith("ال") or any(
                    c in QUOTES for c in nt.text[max(0, m.start - 2):m.start] + nt.text[m.end:m.end + 2]):
                continue  # a name of two words, a definite one ("الرهوة", "القشاش") or a quoted one is a place's
            m.dropped = "named bare; its only namesakes are small places away from the story"

    def _government_by_its_capital(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """Rule government_by_its_capital: "اتهمت حكومة بغداد المسلحين", "قصفت قوات نظام دمشق البلدة": a capital, a
        governorate's seat or a city of 50,000 (_a_seat) right after a word for those who rule (geo.GOVERNMENT_BEFORE)
        names the government, no place: dropped (places.jsonl keeps it, with the reason)."""
        if self.gaz is None:
            return
        norm = nt.norm
        for m in mentions:
            if m.dropped or m.resolved is None or m.cue is not None or not self._a_seat(self.gaz.places[m.resolved]):
                continue
            i = self._n(nt, m.start)
            if GOVERNMENT_BEFORE.search(norm[max(0, i - 12):i]):
                m.dropped = "a government named by its seat (rule government_by_its_capital)"

    def _not_the_scene(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """A place told as the attackers' base, a victim's home, a distance reference or the hospital the wounded
        were taken to or lie in is not where it happened.

        "قوات النظام المتمركزة في جبل زين العابدين قصفت اللطامنة": Latamina, not the mountain;
        "قذائف على سلمية مصدرها حواجز النظام في حماة": Salamiyah (rule base_told_far: what stood there between);
        "أصيب أربعة في قصف على كفرنبل ونقلوا إلى مستشفى معرة النعمان": Kafr Nabl (rule care_not_scene: a hospital
        right after "إلى" or a verb of care, "يتلقى العلاج في"; not "قصفت الطائرات مستشفى معرة النعمان");
        "انفجار في سوق يبعد 40 كم شمال بغداد": not Baghdad (25 km or less: the place next to it, kept at
        precision 2, near it: rule near_distance).
        Words in data/place_roles.tsv. Dropped only where the sentence names another place, which is the scene.
        """
        norm = nt.norm
        roles = []
        for k, m in enumerate(mentions):
            if m.dropped:
                continue
            i = self._n(nt, m.start)
            before = norm[max(0, i - 45):i]
            role = self._role_before(before)
            if role == NEAR and self._distance_from_a_place(mentions, k, nt, before):
                role = "a distance reference from the place told before it (rule distance_from_a_place)"
            if role == NEAR:
                # rule near_distance: "على بعد 10 كلم من بلدة X": the event lies near X, not in it (precision 2)
                m.precision, role = max(m.precision, 2), None
            if role is None:
                wide = norm[max(0, i - 70):i]
                if BASE_KEYS.search(wide) and BASE_FAR.search(wide):
                    role = "the attackers' base (rule base_told_far)"
                elif FIRE_FROM_END.search(before) and FIRE_FROM.search(norm[max(0, i - 90):i]):
                    role = "where the fire came from (rule fire_from)"
                elif roles and roles[-1][0] == k - 1 and roles[-1][1].endswith("(rule fire_from)") \
                        and LIST_AND.fullmatch(norm[self._n(nt, mentions[k - 1].end):i]):
                    role = roles[-1][1]  # "من مخيم X وتلة Y": the list goes on
            role = role or self._dateline(nt, m) or self._speaker_place(nt, m)
            care = role is None and CARE_BEFORE.search(before)
            if care and (care.group().rstrip().endswith(HOSPITAL_ENDS) or HOSPITAL.match(norm, i)):
                role = "where the wounded were taken (rule care_not_scene)"
            if role:
                roles.append((k, role))
        if not roles:
            return
        with_role = {k for k, _ in roles}
        # the mentions by normalised start: a sentence's others by bisect, not a scan of the document's per role
        at = sorted((self._n(nt, o.start), n) for n, o in enumerate(mentions))
        starts = [x for x, _ in at]
        for k, role in roles:
            m = mentions[k]
            i, j = self._n(nt, m.start), self._n(nt, m.end)
            lo = max(norm.rfind(".", 0, i), norm.rfind("\n", 0, i)) + 1
            hi = min(x for x in (norm.find(".", j), norm.find("\n", j), len(norm)) if x >= 0)
            others = any(n != k and not mentions[n].dropped and n not in with_role
                         for _, n in at[bisect_left(starts, lo):bisect_left(starts, hi)])
            if others:
                m.dropped = f"not the scene: {role}"

    def _distance_from_a_place(self, mentions: list[PlaceMention], k: int, nt: NormText, before: str) -> bool:
        """Rule distance_from_a_place: "قصف على قرية الهيجانة على بعد 15 كم من دمشق": a place told right before the
        distance (a comma, "التي تبعد", "الواقعة على مسافة" between) and placed by the gazetteer is the scene, and the
        place the distance is measured from only a reference, however near (one the gazetteer lacks keeps the near
        place, which lends it a point); told alone ("وصلوا إلى مسافة 12 كلم من منبج") it stays the
        event's place at precision 2 (rule near_distance)."""
        got = PLACE_ROLES.search(before, max(0, len(before) - 45))
        if not got or got["unit"] is None:
            return False
        start = self._n(nt, mentions[k].start) - len(before) + got.start()
        for n in range(k - 1, -1, -1):
            o = mentions[n]
            if o.dropped:
                continue
            j = self._n(nt, o.end)
            if j > start:
                continue
            if not DISTANCE_LEAD.fullmatch(nt.norm, j, start):
                return False
            # (a place the gazetteer lacks, or a namesake further than the distance told, takes its point from the
            # place near it: "قرية X التي تبعد 15 كم شرق الرمادي")
            ref = mentions[k].resolved
            if o.resolved is None or ref is None or self.gaz is None:
                return False
            n = got["num"]
            value = int(n) if n.isdigit() else self.lex.numbers.get(n, (0, ""))[0]
            return _approx_km(self.gaz.places[o.resolved], self.gaz.places[ref]) <= value + 15
        return False

    def _foreign_namesake_area(self, mentions: list[PlaceMention], nt: NormText, doc: Document) -> None:
        """Rule foreign_namesake_area: in a story of one country (its parties of one country, actors.tsv column 5,
        and every other theatres.tsv word it names) an area whose only namesakes are another country's governorates
        or districts, a country nothing else in the story names, is a place the gazetteer lacks, kept by its name
        without coordinates (as rule told_abroad keeps one): "اشتباكات بين قوات الوفاق وقوات حفتر في محور صلاح
        الدين جنوب العاصمة" is an axis south of Tripoli, not Iraq's Salah ad-Din."""
        gz = self.gaz
        odd = [m for m in mentions if not m.dropped and m.resolved is not None
               and gz.places[m.resolved].code in ("ADM1", "ADM2", "ADM3")
               and m.cue not in ("countryside", "governorate", "subdistrict")]
        if not odd:
            return
        parties = self._party_countries(doc)
        if len(parties) != 1:
            return
        story = next(iter(parties))
        words = (doc.matches or {}).get("theatres")
        if words is None:
            words = self.lex.theatre_matcher.find(nt)
        for m in odd:
            where = {gz.places[c].country for c in m.candidates}
            if len(where) != 1 or story in where or "" in where:
                continue
            i, j = self._n(nt, m.start), self._n(nt, m.end)
            others = {w.value[0] for w in words if not (w.start < j and w.end > i)}
            if others <= {story} and not self._placed_beside(m, mentions, nt):
                m.resolved, m.abroad = None, True

    def _placed_beside(self, m: PlaceMention, mentions: list[PlaceMention], nt: NormText) -> bool:
        """Another place of ``m``'s sentence kept and placed: the scene is there ("بسوق الجمرك في مدينة الضالع"),
        and a far namesake beside it is left to the event's own checks."""
        norm = nt.norm
        i, j = self._n(nt, m.start), self._n(nt, m.end)
        lo = max(norm.rfind(".", 0, i), norm.rfind("\n", 0, i)) + 1
        hi = min(x for x in (norm.find(".", j), norm.find("\n", j), len(norm)) if x >= 0)
        return any(o is not m and not o.dropped and o.resolved is not None and lo <= self._n(nt, o.start) < hi
                   for o in mentions)

    def _part_of_country_told(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """Rule country_region: a part of a country right after a place ("بإقليم هلمند في جنوب أفغانستان", "في محافظة
        ماردين جنوب شرقي تركيا") says where that place lies; the place is the scene, the part is dropped."""
        # (a place dropped as no scene, "انطلاقا من قاعدة انجرليك الجوية في جنوب تركيا", takes its part along)
        for x, y in zip(mentions, mentions[1:]):
            if y.part and not y.dropped and not x.part and PART_AFTER_PLACE.fullmatch(nt.norm, self._n(nt, x.end), self._n(nt, y.start)):
                y.dropped = "the part of the country the place named before it lies in (rule country_region)"

    def _direction_references(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """"بلدة X جنوب مدينة Y", "قضاء X غربي Y", "قرية X قرب Y": Y only says where X lies; X is the scene.

        Y is dropped (places.jsonl keeps it, with the reason); when the gazetteer lacks X, X keeps its name
        with Y's coordinates at precision 2 (the spec's rule for a place the gazetteer lacks).
        """
        norm = nt.norm
        live = [m for m in mentions if not m.dropped]
        for x, y in zip(live, live[1:]):
            if x.cue in ("country", "region") or y.cue == "country":
                continue
            if x.resolved is None and (x.cue is None or x.region):
                continue  # a bare name the gazetteer could not place is no scene to refer to
            between = norm[self._n(nt, x.end):self._n(nt, y.start)]
            if not DIRECTION_BETWEEN.fullmatch(between):
                continue
            if x.resolved is not None and y.resolved is not None and x.resolved == y.resolved:
                continue
            y.dropped = "a reference for the place named before it (where that place lies)"
            px = self.gaz.places[x.resolved] if x.resolved is not None else None
            if px is not None and y.resolved is not None and x.cue != "feature" and _approx_km(px, self.gaz.places[y.resolved]) > (
                    2 * REFERENCE_KM if px.is_admin or px.code in MAJOR_CODES or px.population >= TOWN_POPULATION
                    else REFERENCE_KM):
                # "حي السعادة شرق خور مكسر": a namesake far away, not the quarter beside Y (a district or a town
                # may lie further from the city that stands for its governorate: "قضاء البعاج جنوبي الموصل"; so may a
                # town of ten thousand, no quarter's namesake: "مزدة جنوب طرابلس", 160 km off in Libya's wide west)
                x.resolved = None
            if x.resolved is None and y.resolved is not None:
                x.anchor, x.precision = y.resolved, max(x.precision, 2)
                if self._is_street(x) and self.gaz.places[y.resolved].code.startswith("PPL"):
                    # rule street_in_capital: a street told beside its city ("بشارع الستين غرب العاصمة صنعاء") lies
                    # inside it: the event is placed at the city, with the city's precision, not "near" it
                    x.resolved, x.anchor, x.precision = y.resolved, None, y.precision

    @staticmethod
    def _dateline(nt: NormText, m: PlaceMention) -> str | None:
        """"الفلوجة (العراق) (ا ف ب) - قتل خمسة ...": the city a report was filed from opens its first line."""
        if m.start > 200:
            return None
        line_start = nt.text.rfind("\n", 0, m.start) + 1
        if nt.text[line_start:m.start].strip(" \t\"'«“"):
            return None
        return "the dateline (where the report was filed)" if DATELINE_AFTER.match(nt.text, m.end) else None

    def _roads(self, mentions: list[PlaceMention], nt: NormText) -> None:
        """"كمين على طريق دمشق - حمص": a road told by the two towns it joins is the place, not either town (they
        lie far apart). The road keeps its name as written, with its first town's coordinates at precision 2
        (the spec's rule for a place the gazetteer lacks); the other town is dropped (places.jsonl says why)."""
        norm = nt.norm
        live = [m for m in mentions if not m.dropped]
        for x, y in zip(live, live[1:]):
            if x.dropped or x.cue not in (None, "governorate", "near", "settlement") or y.cue not in (None, "governorate", "settlement") or x.region \
                    or y.region or x.resolved is None or y.resolved is None:
                continue
            i = self._n(nt, x.start)
            road = ROAD_BEFORE.search(norm[max(0, i - 60):i])
            area = None if road is not None else AREA_BEFORE.search(norm[max(0, i - 60):i])
            if road is None and area is None:
                continue
            between = norm[self._n(nt, x.end):self._n(nt, y.start)]
            if area is not None:
                # rule area_between_places: only the ends of "بين X و Y", towns of the gazetteer, not countries
                if x.cue == "governorate" or not ROAD_AND.fullmatch(between) or (
                        self.gaz is not None and any(self.gaz.places[z.resolved].code.startswith("PCL") for z in (x, y))):
                    continue
                road = area
            elif not (ROAD_JOIN.fullmatch(between) or (road["between"] and ROAD_AND.fullmatch(between))):
                continue
            a = nt.span(max(0, i - 60) + road.start(), max(0, i - 60) + road.start())[0]
            if area is not None:
                x.ends = ((x.resolved, x.text), (y.resolved, y.text))
            x.start, x.text = a, nt.text[a:y.end]
            x.name = x.text.strip(" \"'«»“”")
            x.anchor, x.resolved, x.cue, x.precision = x.resolved, None, "feature", 2
            y.dropped = ("the other end of a road named by the towns it joins" if area is None else
                         "the other end of an area told between two places")
        for x in live:  # an area between a place and one the gazetteer lacks: "في منطقة بين دمشق ومرتفعات الجولان"
            if x.dropped or x.ends or x.resolved is None or x.region or x.cue not in (None, "near", "settlement"):
                continue
            i, j = self._n(nt, x.start), self._n(nt, x.end)
            area = AREA_BEFORE.search(norm[max(0, i - 60):i])
            other = AREA_OTHER_END.match(norm, j) if area is not None else None
            if other is None or any(not m.dropped and j <= self._n(nt, m.start) < other.end() for m in mentions) or (
                    self.gaz is not None and self.gaz.places[x.resolved].code.startswith("PCL")):
                continue
            a = nt.span(max(0, i - 60) + area.start(), max(0, i - 60) + area.start())[0]
            b = nt.span(other.start("name"), other.end())[1]
            x.ends = ((x.resolved, x.text), (None, nt.text[nt.span(other.start("name"), other.end())[0]:b]))
            x.start, x.text = a, nt.text[a:b]
            x.name = x.text.strip(" \"'«»“”")
            x.anchor, x.resolved, x.cue, x.precision = x.resolved, None, "feature", 2

    def _speaker_place(self, nt: NormText, m: PlaceMention) -> str | None:
        """"وقال القيادي في الحزب في قاطع مخمور، إن الغارات استهدفت قرية X": a place between a verb of speaking
        and the "إن" that opens what was said is where the speaker is, not the scene."""
        norm = nt.norm
        i, j = self._n(nt, m.start), self._n(nt, m.end)
        after = SPEECH_THAT.match(norm, j)
        if after is None:
            return None
        words = norm[max(0, i - 70):i].replace(",", " ").replace("،", " ").split()
        for w in reversed(words):
            if w in ("ان", "بان", "انه", "انها") or "." in w:
                return None  # what was said has begun before the place
            w = fold(w)
            if w in self.speech_words or (w[:1] == "و" and w[1:] in self.speech_words):
                return "where the speaker is"
        return None

    def _role_before(self, before: str) -> str | None:
        """The role place_roles.tsv gives the words right before a name, if any."""
        key = ROLE_KEYS.search(before)
        if key is None:
            return None
        got = PLACE_ROLES.search(before, max(0, key.start() - 12))
        if not got:
            return None
        if got["unit"] is not None:
            n = got["num"]
            value = int(n) if n.isdigit() else self.lex.numbers.get(n, (0, ""))[0]
            return f"a distance reference ({value} km)" if value > 25 else NEAR if value > 0 else None
        return "the attackers' base" if got["base"] else "a victim's home"

    def _seat(self, admin: "Place") -> int | None:
        """The town a district is named after: same name, within 40 km, the most populous."""
        gz = self.gaz
        words = _folded_word(admin.name_ar).split()
        if words and words[0] in ("منطقه", "ناحيه", "قضاء", "مركز"):
            words = words[1:]
        best, pop = None, -1
        for c in gz.names.get(" ".join(words), []):
            p = gz.places[c]
            if not p.is_admin and p.country == admin.country and _approx_km(p, admin) < 60 and p.population > pop:
                best, pop = c, p.population
        return best

    def _neighbourhoods(self, mentions: list[PlaceMention], text: str) -> None:
        """"حي جوبر في دمشق": a neighbourhood lies in the city named right after it.

        When the name resolved far from that city (a namesake village) or not at all, the quarter keeps
        its name with the city's coordinates at precision 2 (the spec's rule for a place the gazetteer lacks);
        an adjective may stand between ('حي "المزرعة" السكني في دمشق').
        """
        gz = self.gaz
        cities = ("PPLC", "PPLA", "PPLA2", "ADM1")
        for k, m in enumerate(mentions):
            if m.cue != "district" or k + 1 >= len(mentions):
                continue
            n = mentions[k + 1]
            between = text[m.end:n.start]
            # joined by "في", "ب", "بمدينة", "في مدينة" only (not across a sentence)
            if n.resolved is None or NOT_JOINING.search(between) or not _JOIN_CITY.fullmatch(normalize(between)):
                continue
            if gz.places[n.resolved].code not in cities and gz.places[n.resolved].population < 50000:
                continue
            city = gz.places[n.resolved]
            # (a city of millions spreads further: Istanbul's Sultanbeyli, Cairo's Helwan lie 25 km from its point)
            if m.resolved is None or _approx_km(gz.places[m.resolved], city) > (40 if city.population >= 1_000_000 else 20):
                m.resolved, m.anchor, m.precision = None, n.resolved, 2

    def _quarter_far_from_its_city(self, mentions: list[PlaceMention], text: str) -> None:
        """A quarter told with its city lies in reach of it (rule quarter_of_the_city_told): "قصفت قوات النظام حي
        الصالحية في دمشق", "في حلب، دارت اشتباكات في حي الزهور": a quarter ("حي", "أحياء") resolved to a namesake
        village further than a quarter may lie from every city its sentence names (else from the city named last
        before it, QUARTER_BACK characters back at most) is a quarter the gazetteer lacks: its own name, the
        coordinates of the city told nearest it, precision 2 (the spec's rule for a place the gazetteer lacks). A
        governorate told nearer ("حي الصالحية بريف دمشق") holds it as a city does: a namesake in another one is a quarter
        the gazetteer lacks, kept as its text (or in the city named last before it: _quarters_of_the_city)."""
        gz = self.gaz
        quarters = [k for k, m in enumerate(mentions) if m.cue == "district" and m.resolved is not None
                    and m.anchor is None and not m.region]
        if not quarters:
            return
        # the cities the text names (a dateline's or a reference's too: they say where the story is), and its regions
        holders = [m for m in mentions if m.region or (
            m.resolved is not None and m.cue not in ("country", "region", "district") and not gz.places[m.resolved].is_admin
            and (gz.places[m.resolved].code in ("PPLC", "PPLA", "PPLA2") or gz.places[m.resolved].population >= 50000))]
        if not holders:
            return
        for k in quarters:
            m = mentions[k]
            p = gz.places[m.resolved]
            if p.code in ("PPLC", "PPLA", "PPLA2") or p.population >= 50000:
                continue  # a quarter's word before a city ("أحياء حلب") tells the city
            lo = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
            hi = min(x for x in (text.find(".", m.end), text.find("\n", m.end), len(text)) if x >= 0)
            told = [c for c in holders if lo <= c.start and c.end <= hi]
            if not told:
                told = [c for c in holders if c.end <= m.start and m.start - c.start <= QUARTER_BACK and not c.region][-1:]
            if not told:
                continue
            near = min(told, key=lambda c: abs(c.start - m.start))
            if near.region:
                if p.adm1 != near.region["admin"]:
                    m.resolved = None  # (a governorate's point is far from its quarters: the text only, or the city before)
                continue
            if any(not c.region and _approx_km(p, gz.places[c.resolved]) <= (
                    40 if gz.places[c.resolved].population >= 1_000_000 else 20) for c in told):
                continue
            m.resolved, m.anchor, m.precision = None, near.resolved, max(m.precision, 2)

    def _enclosing_places(self, mentions: list[PlaceMention], text: str) -> None:
        """"بقرية الزيتونة بمركز ناصر في محافظة بني سويف": a village, area or quarter told inside the town or unit
        named right after it lies there. One the gazetteer lacks keeps its name with the holder's coordinates
        at precision 2 (the spec's rule for a place the gazetteer lacks), so it stands in the event with a point;
        one resolved to a small namesake in another country ("منطقة الجنينة بالفلوجة", not Geneina in Darfur), or
        over 60 km from the town told as holding it, is that place the gazetteer lacks too."""
        gz = self.gaz
        placed = {m.norm for m in mentions if m.resolved is not None}  # names the story places elsewhere
        for k, m in enumerate(mentions[:-1]):
            if m.resolved is None and m.norm in placed:
                continue  # the gazetteer has it: the story's other mention of it says where
            if m.anchor is not None or m.dropped or m.region \
                    or m.cue not in ("settlement", "area", "district", "camp", "subdistrict"):
                continue
            n = mentions[k + 1]
            between = text[m.end:n.start]
            if n.dropped or n.cue == "country" or NOT_JOINING.search(between) or not _ENCLOSED_BY.fullmatch(normalize(between)):
                continue
            holder = n.resolved if n.resolved is not None else n.anchor if n.anchor is not None else (
                gz.admin1.get(n.region["admin"]) if n.region else None)
            if holder is None or (m.cue == "district" and (n.region or gz.places[holder].is_admin)):
                continue  # a quarter lies in a city: the city named last before says which (a governorate's point is far)
            if m.resolved is not None:
                p, h = gz.places[m.resolved], gz.places[holder]
                if p.is_admin or p.code in MAJOR_CODES or p.population >= FAR_MAX_POPULATION:
                    continue  # a town is itself wherever it is told ("مدينة رفح بسيناء")
                abroad = p.country and h.country and p.country != h.country
                # a town, or a quarter placed in its city ("منطقة أرض الحمراء في حي طريق الباب" of Aleppo: rule
                # area_in_a_quarter; a namesake village far from that city is a place the gazetteer lacks)
                quarter = n.resolved is None and n.cue == "district" and n.anchor == holder
                town = (n.resolved == holder or quarter) and not h.is_admin and not n.region and (n.precision or 1) < 3
                if not (abroad or (town and _approx_km(p, h) > ENCLOSED_KM)):
                    continue  # (a governorate's point says little of how far its villages lie)
                m.resolved = None
            m.anchor, m.precision = holder, max(m.precision, 2)

    def _quarters_of_the_city(self, mentions: list[PlaceMention]) -> None:
        """"أحياء كرم الطرب والسكن الشبابي": quarters the gazetteer lacks, named with no city after them, lie in
        the city the text named last before them (QUARTER_BACK characters back at most): their own names, the
        city's coordinates, precision 2 (the spec's rule for a place the gazetteer lacks)."""
        gz = self.gaz
        cities = ("PPLC", "PPLA", "PPLA2")
        last = None  # (start, gazetteer index) of the last city named
        for m in mentions:
            if m.resolved is not None and not m.dropped and m.cue not in ("country", "region"):
                p = gz.places[m.resolved]
                if p.code in cities or p.population >= 50000:
                    last = (m.start, m.resolved)
                continue
            if m.cue == "district" and m.resolved is None and m.anchor is None and not m.dropped \
                    and last is not None and m.start - last[0] <= QUARTER_BACK:
                m.anchor, m.precision = last[1], 2

    def _quarter_again(self, mentions: list[PlaceMention]) -> None:
        """One sense per story for a quarter (rule quarter_again): a name the story told as a quarter placed in its
        city (a quarter the gazetteer lacks: "حي الصالحية في دمشق") is that quarter where it comes again without the
        word "حي" ("دخل المقاتلون الصالحية"), not a namesake village further than a quarter may lie from that city."""
        gz = self.gaz
        placed = {m.norm: m for m in mentions if m.cue == "district" and m.resolved is None and m.anchor is not None
                  and not m.dropped}
        if not placed:
            return
        for m in mentions:  # a name the story also told as a quarter resolved, or placed in another city: no one sense
            q = placed.get(m.norm)
            if q is not None and m.cue == "district" and not m.dropped and (m.resolved is not None or m.anchor != q.anchor):
                del placed[m.norm]
        for m in mentions:
            q = placed.get(m.norm)
            if q is None or m is q or m.resolved is None or m.cue not in (None, "district", "near"):
                continue
            p, city = gz.places[m.resolved], gz.places[q.anchor]
            if p.code in ("PPLC", "PPLA", "PPLA2") or p.is_admin or p.population >= 50000:
                continue
            if _approx_km(p, city) > (40 if city.population >= 1_000_000 else 20):
                m.resolved, m.anchor, m.precision = None, q.anchor, max(m.precision, 2)

    def location(self, m: PlaceMention) -> dict:
        """The spec's location record for a mention (coordinates only from the gazetteer)."""
        loc = {"name": None, "name_ar": None, "lat": None, "lon": None, "admin1": None, "gazetteer_id": None,
               "geo_precision": m.precision, "text": m.text}
        p = None
        if m.resolved is None and m.anchor is not None and self.gaz is not None:
            # a place the gazetteer lacks, told beside one it has: its own name, the other's coordinates
            a = self.gaz.places[m.anchor]
            loc = self._unknown_name(m, loc)
            loc.update(lat=round(a.lat, 5), lon=round(a.lon, 5), admin1=a.adm1 or None, geo_precision=max(m.precision, 2))
            if m.ends:  # rule area_between_places: the places it lies between (a town between them lies in it)
                loc["between"] = [{"name_ar": t.strip(" \"'«»“”"), "lat": round(self.gaz.places[k].lat, 5) if k is not None else None,
                                   "lon": round(self.gaz.places[k].lon, 5) if k is not None else None} for k, t in m.ends]
            return loc
        if m.resolved is not None and self.gaz is not None:
            p = self.gaz.places[m.resolved]
        elif m.region and self.gaz is not None:
            i = self.gaz.admin1.get(m.region["admin"])
            p = self.gaz.places[i] if i is not None else None
            loc["geo_precision"] = 3
        if p is not None:
            prec = m.precision
            if p.is_admin and p.code in ("ADM1", "ADM2"):
                prec = 3
            first, _, rest = p.name_ar.partition(" ")
            kind = _folded_word(first)
            name_ar = rest if rest and kind in ADMIN_WORDS else p.name_ar  # "مديرية الرضمة": الرضمة
            if rest and not p.is_admin and kind in VILLAGE_WORDS:
                name_ar = rest  # rule village_word_not_name: "قرية تل علي" is the village تل علي
            if not p.is_admin and kind in FACILITY_WORDS:
                # rule facility_keeps_its_kind, a feature the gazetteer holds as well: "مطار المزة العسكري" is named
                # مطار المزة, how it is mostly written (the text keeps the words as written)
                name_ar = _facility_name(name_ar.split())
            loc.update(name=p.name_en, name_ar=name_ar, lat=round(p.lat, 5), lon=round(p.lon, 5),
                       admin1=p.adm1 or None, gazetteer_id=p.id, geo_precision=prec)
        else:
            loc = self._unknown_name(m, loc)
            if m.cue == "country" and m.name:
                loc["name_ar"] = m.name  # rule country_region: "الأراضي السورية" is سوريا
        return loc

    @staticmethod
    def _unknown_name(m: PlaceMention, loc: dict) -> dict:
        """The name of a place the gazetteer lacks, as the text writes it."""
        loc["name_ar"] = m.text.strip(" \"'«»“”‘’()")  # the span holds no proclitic: it starts at the name
        first, _, rest = loc["name_ar"].partition(" ")
        if rest and _folded_word(first) in SETTLEMENT_WORDS:  # "قرية السكرية": the name is السكرية
            loc["name_ar"] = rest
        words = loc["name_ar"].replace("«", " ").replace("»", " ").replace('"', " ").replace("“", " ").replace("”", " ").split()
        if m.cue == "feature" and words and _folded_word(words[0]) in FACILITY_WORDS:
            # rule facility_keeps_its_kind: a built facility is named with its kind ("مطار عدن" is the airport, "عدن" the
            # city; "قاعدة العند", "جامعة الأنبار"; role_words.tsv facility), without a trailing adjective of its sort
            # ("الجوية", "العسكري"; feature_adjective); the text keeps the words as written ("قاعدة العند الجوية")
            loc["name_ar"] = _facility_name(words)
        elif m.cue == "feature" and m.name:  # a natural feature's own name, without the kind: 'جبل "صبر"'
            loc["name_ar"] = m.name
        return loc

    def audit(self, m: PlaceMention, loc: dict | None = None) -> dict:
        """A mention as places.jsonl lists it: the decision and the candidates weighed (``loc``: its location, if made)."""
        gz = self.gaz
        return {
            "text": m.text, "start": m.start, "end": m.end, "cue": m.cue,
            "resolved": (loc or self.location(m)) if (m.resolved is not None or m.region or m.anchor is not None) else None,
            **({"dropped": m.dropped} if m.dropped else {}),
            "candidates": [{"gazetteer_id": gz.places[c].id, "name": gz.places[c].name_en, "admin1": gz.places[c].adm1,
                            "feature_code": gz.places[c].code} for c in m.candidates[:10]] if gz else [],
        }
