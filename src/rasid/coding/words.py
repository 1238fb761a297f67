"""The word classes the coder reads: data/role_words.tsv by kind, nationality.tsv, and the constants
the components share. Language knowledge stays in the data files; this module only loads them."""
from __future__ import annotations

import re

from ..arabic import normalize, word_alternation
from ..lexicon import Matcher, read_tsv

STATE_KINDS = {"state", "external"}
CONTEXT_CHARS = 400  # how far back an event with no place of its own looks for one
TOLL_OF_FIGHTING = "toll of fighting"  # the phrase of a toll read as the toll of the fighting told before it
FOILABLE = {"Remote explosive/landmine/IED", "Suicide bomb"}  # bombings a "foil" cue (cues.tsv) undoes
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
UNKNOWN_DOER = "Unidentified armed group"  # actors.tsv: "gunmen", a doer not yet named



def _role_words() -> dict[str, tuple[str, ...]]:
    """data/role_words.tsv by kind, normalised like the text they are matched in (ئ -> ي, ة -> ه ...)."""
    out: dict[str, list[str]] = {}
    for kind, word in read_tsv("role_words.tsv"):
        w = normalize(word)
        if w not in out.setdefault(kind, []):
            out[kind].append(w)
    return {k: tuple(v) for k, v in out.items()}



_RW = _role_words()



def any_in(words) -> re.Pattern:
    """A search that finds something in a text exactly where ``any(w in text for w in words)`` holds: one pass of a
    trie (words.py's lists are tested against every clause and name; a loop of ``in`` tests was a Python call each)."""
    words = list(words)
    return re.compile(word_alternation(words) if words else "(?!)")


def _words(kind: str) -> frozenset[str]:
    """The words of one kind of data/role_words.tsv, as a set for membership tests."""
    return frozenset(_RW.get(kind, ()))



BACK_WORDS = _RW.get("back", ())
CAUSE_WORDS = _words("cause")
SURVIVED = _words("survived")
TOOK_PART = _words("took_part")
PREVENT = _words("prevent")
SEIZED_ARMS = _words("seized_arms")
GOODS = _words("goods")
SINCE_HOLDING = _RW.get("since_holding", ())
SINCE_COMPARISON = _RW.get("since_comparison", ())
HELD_UNDER = _words("held_under")
MOOD = _words("mood")
SITUATION = _words("situation")
ACCIDENT = _RW.get("accident", ())
DEMONSTRATIVES = _RW.get("demonstrative", ())
ANY_ATTACK = _RW.get("any_attack", ())
ANOTHER = _words("another")
SIMILAR = _words("similar")  # "اشتباكات مماثلة": an event like the one told before (rule similar_takes_kind)
DUAL_EVENT = _words("dual_event")
CAMPAIGN_COUNT = _words("campaign_count")
STAGE = _words("stage")
NEW_ITEM = _RW.get("new_item", ())
RETOLD = _words("retold")
RESULT = _words("result")  # "، وأسفر عن مقتل": the toll of the clause before (rule toll_to_follow)
AMID = _RW.get("amid", ())
AIMED = _words("aimed")
CORRESPONDENTS = _words("correspondent")
PLACE_POINTERS = _words("place_pointer")
CONSEQUENCE = _words("consequence")
TOLL_STAGE = _words("interim_toll") | _words("new_total")  # a toll told as a stage of a running count
FORCED = _words("forced")
HEARD = _words("heard")
# "شحنة صواريخ", "ترسانة الصواريخ", "كتيبة الصواريخ": a weapon traded, held or naming a unit (role_words.tsv held)
HELD = _words("held")
# "تقدمت القوات إلى أطراف البلدة": an advance to the edge of a place (role_words.tsv outskirts)
OUTSKIRTS = _words("outskirts")
COMPASS = _words("compass")
# "اشتباكات بين الشرطة والأهالي", "اشتبك مواطنون مع الشرطة": residents as one side of a clash (role_words.tsv residents)
RESIDENT_WORDS = _words("residents")
RESIDENTS_SIDE = re.compile(r"(?:(?:بين|مع)\s+(?:\S+\s+){0,4}?و?|(?:^|\s)(?:و?اشتبك\S*)\s+)(?:%s)(?![\u0621-\u064a])"
                            % "|".join(sorted(map(re.escape, RESIDENT_WORDS), key=len, reverse=True)))
SUCCESS = _words("success")
PURPOSE = _words("purpose")
MISSION = _words("mission")
FRONT = any_in(_RW.get("front", ()))  # "محاور القتال", "مناطق الاشتباك": a strike on the front line
CONTROL = _words("control")  # "يسيطر عليه", "الخاضعة لسيطرة": who holds a place
OWN_UNITS = _words("own_unit")
OWN_SITES = _words("own_site")
OWN_MEN = _words("own_men")
BODY_NOUNS = _words("body_noun")
SPEAKER_PRONOUN = _words("speaker_pronoun")
RELATIVE = _words("relative")
HABITUAL = _words("habitual")
MASSACRE = _words("massacre")
EXCHANGE = _words("exchange")
GUNFIRE = _words("gunfire")
ARMED_SITE = _words("armed_site")  # "حاجز", "ثكنة", "دورية": a site or unit of armed men, an attack on it is a fight


def names_clash(text: str) -> bool:
    """A word of ``text`` (normalised) is a noun of fighting between two sides (role_words.tsv clash_noun), its
    proclitics and article aside ("والاشتباكات", "بمعارك")."""
    for w in text.split():
        b = w[1:] if w[:1] in "وف" and len(w) > 4 else w
        b = b[1:] if b[:1] in "بلك" and len(b) > 4 else b
        if b in CLASH_NOUNS or (b.startswith("ال") and b[2:] in CLASH_NOUNS):
            return True
    return False


def names_armed_site(text: str) -> bool:
    """A word of ``text`` (normalised) names a site or unit of armed men, its proclitics and article aside
    ("وبالحاجز", "للدورية"): an attack there is a fight, not violence against civilians."""
    for w in text.split():
        if w in ARMED_SITE or w[1:] in ARMED_SITE or w[2:] in ARMED_SITE or w[3:] in ARMED_SITE:
            return True
        b = w[1:] if w[:1] in "وف" and len(w) > 3 else w
        b = b[1:] if b[:1] in "بلك" and len(b) > 3 else b
        if (b[2:] if b.startswith("ال") and len(b) > 4 else b) in ARMED_SITE:
            return True
    return False
GENERIC_ATTACK = _RW.get("generic_attack", ())
OPERATIONS = _words("operation")
OPERATION_DONE = _words("operation_done")
TIME_HEADS = _words("time_head")
LOSE_VERBS = _words("lose_verb")
HANDOVER = _words("handover")
FELL_TO = _words("fell_to")
WITHDRAWAL_BEFORE = _RW.get("withdrawal_before", ())
FIGHT_WORDS = _words("fight_word")
CLASH_NOUNS = _words("clash_noun")  # "اشتباكات", "معارك": fighting between two sides
DEED_VERBS = _words("deed_verb")
BY_MISTAKE = _RW.get("by_mistake", ())  # "عن طريق الخطأ": a strike on an ally (rule allies_do_not_strike)
STRIKE_VERBS = _words("strike_verb")  # "شنت", "قصفت": a party right after one is who struck (rule subject_of_a_strike_verb)
LETHAL_FORCE = _RW.get("lethal_force", ())
DISPERSAL = _RW.get("dispersal", ())


def lose_verb_before(norm: str, lo: int, at: int) -> str | None:
    """A verb of losing among the four words before ``at`` ("فقدت قوات النظام السيطرة"); "فقد" only before a
    definite noun: "فقد استرد الجيش" is "so it took back" (ف + قد)."""
    words = norm[max(lo, at - 50):at].split()[-4:]
    for k, w in enumerate(words):
        v = w.lstrip("و")
        if v in LOSE_VERBS and (v != "فقد" or (k + 1 < len(words) and words[k + 1].startswith("ال"))):
            return w
    return None
RESUMPTIVE = _words("resumptive")
BASE_ADJECTIVES = _words("base_adjective")
CHECKPOINT = _words("checkpoint")  # "كمين شرطة": a checkpoint of the party in construct after it
# a speaker's place in a party ("قائد ميداني في", "التابعة لـ"): the party is the speaker's, a source too
AFFILIATION = _RW.get("affiliation", ())
REPORTED = _words("reported")
# words before a name that make it the source of a report rather than a party ("قالت وزارة الدفاع")
SOURCE_WORDS = _RW.get("source", ())
STATEMENT_NOUNS = _words("statement_noun")  # "بيان", "بلاغ": a statement whose owner is named after it (rule statement_owner_source)
# "قيام X بقصف": the verbal noun of doing before a party (rule deed_opener_not_source)
DEED_OPENERS = _words("deed_opener")
STRIKE_ADJECTIVES = _words("strike_adjective")  # "القصف الجوي الروسي" (rule definite_nationality)
BELONGING = {w for w in _RW.get("assoc", ()) if w.startswith("التابع")}  # "التابعة ل", "التابع ل"
OWNED = {"تابعه", "التابعه", "تابع", "التابع", "تابعين", "التابعين"}  # "مواقع تابعة ل": belonging to a party
POINTER_CHARS = 1500  # how far back "المدينة" looks for the town it means
SPEECH = _words("speech")
STATEMENT = _words("statement")
REACTION = _words("reaction")
HELD_AREAS = _words("held_areas")  # "المناطق التي سيطر عليها" (rule areas_described)
FREEING = tuple(sorted(_words("freeing")))  # word beginnings: "لتحرير ... من سيطرة" (rule freed_control_no_capture)  # "تنديد موسكو بالغارة" (rule spoken_of_refers_back)
MEMBERS = _words("member")
VICTIM_LINK = _words("victim_link")
REPEL = _words("repel")
BORDER = _RW.get("border", ())
ACCUSED = _RW.get("accused", ())  # beginnings of words of accusation ("بتهمة", "اتهمته")
ACCUSED_TIES = _RW.get("accused_tie", ())
ABSENT_FROM = _RW.get("absent_from", ())
ARMED_PERSONS = _words("armed_person")  # "شرطيين", "جنود": victims who are no civilians
SIEGE = _RW.get("siege", ())  # beginnings of verbs of besieging ("يحاصره")
DEED_NOUNS = _words("deed_noun")  # "قامت عناصر مسلحة بزرعها": who set the bomb, named before the noun
ORIGIN = _words("origin")  # "قذائف مصدرها قوات النظام": where the shells came from
ORIGIN_SITES = _words("origin_site")
ALLEGIANCE = _words("allegiance")
POPULATION = _words("population")
REFUGE = _words("refuge")
ORDER_VERBS = _words("order_verb")
ORDER_WORDS = tuple(_RW.get("order", ()))
ORDER_DEEDS = tuple(_RW.get("order_deed", ()))
HELD_AREA = _words("held_area")
EVENT_SITES = _words("event_site")
UNKNOWN_SOURCE = _RW.get("unknown_source", ())
PERSON_NOUNS = _words("person_noun")
NAME_HEADS = _words("name_head")
EXPEL = _words("expel")
MASDAR_OPENERS = _words("masdar_opener")
SOURCE_NOUNS = _words("source_noun")
MEDIA_OWNED = _words("media_owned")
BACKED = _RW.get("backed", ())
BELONGS = _RW.get("belongs", ())
FIND_VERBS = _words("find_verb")
HEADLINE_VERBS = _words("headline_verb")  # "الجيش يسيطر على": news only as a first line, doer first (rule headline_present)
# what is found after "عثر على" (the tails of triggers.tsv rows "عثر على ..."), with the type the row gives
FOUND_OBJECTS = Matcher([(r[0].split(None, 2)[2], r) for r in read_tsv("triggers.tsv")
                         if len(r[0].split()) > 2 and r[0].split()[:2] == ["عثر", "على"]], allow_article=False)
PROXIES = [(r[0], tuple(normalize(w) for w in r[1].split("|")), r[2], r[3]) for r in read_tsv("proxies.tsv")]
ASSAULT = _words("assault")
PASSIVE = _words("passive")
DIRECTIONS = _words("direction")
TOWARD = _words("toward")  # "تقدمت باتجاه": a move, not ground taken
OFFERS = _words("offer")  # "تقدمت الحكومة بشكوى": an offer, not an advance
MANNED = _words("manned")
UNMANNED = _RW.get("unmanned", ())
DOWNING = _words("downing")
AIRCRAFT = _words("aircraft")
ARMS_HELD = _words("arms_held")  # "ترسانة من الصواريخ", "نشر صاروخ باليستي": a weapon held, no strike
ENTRY_NOT_GROUND = _words("entry_not_ground")
LOST_NOT_GROUND = _words("lost_not_ground")  # "خسر الحزب الأغلبية": a loss of no ground  # "دخول تركيا الحرب", "دخلت قافلة": an entry that takes no ground
GROUND_FIRE = _RW.get("ground_fire", ())
AIR_DEFENCE = _RW.get("air_defence", ())
GENERIC = {g.split("|")[0]: tuple(g.split("|")[1:]) for g in _RW.get("generic", ())}
GENERIC_DEFINITE = {g.split("|")[0]: tuple(g.split("|")[1:]) for g in _RW.get("generic_definite", ())}
NAME_RE = re.compile(r"[\u0621-\u064a]+")
# "منذ آذار 2011", "منذ 30 / أيلول / 2015", "منذ عام 2014": a count since a year is a running tally, no event's toll
SINCE_YEAR = re.compile(r"منذ\s+(?:[^\s,،.]+\s+){0,4}?(?:19|20)\d\d(?!\d)")
# "منذ ما يقرب من عامين", "منذ بداية الشهر", "منذ 2014": a span of months or years (role_words.tsv long_span)
LONG_SINCE = re.compile(r"منذ\s+(?:[^\s,،.]+\s+){0,4}?(?:(?:ال)?(?:%s)(?![\u0621-\u064a])|(?:19|20)\d\d(?!\d))"
                        % "|".join(sorted({re.escape(normalize(w)) for w in _RW.get("long_span", ())}, key=len, reverse=True)))
# "منذ أواخر مارس الماضي وحتى منتصف يوليو", "منذ كانون الثاني حتى أيار": a span from one month to another
# (dates.MONTHS, normalised), a toll over it a campaign's tally
from ..dates import MONTHS as _MONTHS
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_SPAN = re.compile(r"منذ\s+(?:[^\s,،.]+\s+){0,2}?(?:شهر\s+)?(?:%s)(?![\u0621-\u064a])[^.!?؟]{0,160}?(?<![\u0621-\u064a])و?حتي"
                        r"\s+(?:[^\s,،.]+\s+){0,6}?(?:شهر\s+)?(?:%s)(?![\u0621-\u064a])" % (_MONTH, _MONTH))
# "خلال أسبوعين من الغارات", "خلال ثلاثة أسابيع": a span of weeks (role_words.tsv tally_span), a toll over it a tally
_TALLY_SPAN = "|".join(sorted({re.escape(normalize(w)) for w in _RW.get("tally_span", ())}, key=len, reverse=True))
DURING_SPAN = re.compile(r"خلال\s+(?:[^\s,،.]+\s+)?(?:%s)(?![\u0621-\u064a])" % _TALLY_SPAN)
# "المعارك والغارات على مدى ستة أشهر", "طوال الأسابيع الماضية": fighting told over weeks or months (tally_span)
# and "في" before a definite plural span of the recent past ("في السنوات الأخيرة", "في الأشهر الماضية": the same span)
SPAN_OVER = re.compile(r"(?:(?:علي مدي|علي مدار|طيله|طوال|خلال|لاكثر من)\s+(?:[^\s,،.]+\s+)?(?:%s)"
                       r"|في\s+ال(?:%s)\s+(?:الاخيره|الماضيه))(?![\u0621-\u064a])"
                       % (_TALLY_SPAN, "|".join(w[2:] for w in _TALLY_SPAN.split("|") if w.startswith("ال"))))
NATIONALITY = {normalize(r[0]): r[1] for r in read_tsv("nationality.tsv")}
# the nisbas of data/states.tsv ("كيني": Kenyan forces), read only in the plural or dual that qualifies troops ("جنود
# كينيين", "جنديان كاميرونيان"): alone they qualify a person or a thing as often ("انتحاري هندي", "الصواريخ الصينية")
STATE_NATIONALITY = {normalize(n.strip()): f"{r[1]} forces" for r in read_tsv("states.tsv") if len(r) >= 3
                     for n in r[2].split("|") if n.strip()}
ANAPHORS = _RW.get("anaphor", ())
_ANAPHOR_MATCHER = Matcher([(a, a) for a in ANAPHORS], allow_article=True)
HEDGED = frozenset(normalize(w) for w in ("يعتقد", "يرجح", "يشتبه", "أنها", "انها", "أنه", "بأنها", "بدون", "طيار"))
FORCE_NOUNS = _words("force")  # "مقاتلات", "مدفعية", "قوات": with a nationality after them, that state's forces
# a noun of arms or troops as a whole word (a run of Arabic letters, as NAME_RE reads words), bare or definite
FORCE_RE = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(?:%s)(?![\u0621-\u064a])" % word_alternation(FORCE_NOUNS))
NO_HARM = _RW.get("no_harm", ())  # "دون وقوع إصابات بين المدنيين": civilians said unharmed are no party
SUPPORTERS = _RW.get("supporters", ())  # "أنصار الحراك": a crowd of a movement's supporters
HARM = _words("harm")  # "أعلنت الوزارة عن مقتل ...": who announces a death is its source
AIR_WORDS, TARGET_WORDS, AGENT_WORDS = _RW["air"], _RW["target"], _RW["agent"]
ATTRIBUTED = _words("attributed")  # "هجوم نسب إلى الحزب": who the attack is laid at is its doer
SNIPER_WORDS = _RW.get("sniper", ())  # "استهدف قناص": a strike word told of gunfire
ARMS = _words("arm")
UNIT_WORDS, ASSOC_WORDS, PARTIAL_WORDS = _RW["unit"], _RW["assoc"], _RW["partial"]
DUAL_HEADS = _RW.get("dual_head", ())
UNDERTAKE = frozenset(_RW.get("undertake", ()))
# kinds of place_cues.tsv whose next word is a place's own name (not "ريف", "محيط", "منطقة": "مناطق النظام")
PLACE_NAME_CUES = {"settlement", "district", "camp", "feature"}
TERRITORY_SUBS = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
CROWDS = {"Protesters", "Rioters"}


def nationality_of(word: str, people: bool = False) -> str | None:
    """The party a nationality adjective names, also in the accusative ("إيرانيا"); with ``people``, in the dual
    and the plural that qualify people ("جنديان لبنانيان", "جنود لبنانيين"), never a strike."""
    got = NATIONALITY.get(word) or (NATIONALITY.get(word[:-1]) if word.endswith("ا") else None)
    if got is None and people and word.endswith(("يين", "يون", "يان")):
        got = NATIONALITY.get(word[:-2]) or STATE_NATIONALITY.get(word[:-2])
    return got
