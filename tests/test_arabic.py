"""The text layer: normalisation keeps offsets; sentences; numbers; dates."""
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.arabic import NormText, clauses, normalize, sentences
from rasid.dates import find_dates
from rasid.lexicon import default_lexicon
from rasid.tolls import combine, find_counts


def test_normalisation_folds_forms_and_maps_offsets_back():
    text = "قالت «مصادرُ» إنّ لـ”قسد” ٣ قتلى في الرقّة"
    nt = NormText(text)
    assert "مصادر" in nt.norm and "لقسد" in nt.norm and "3" in nt.norm and "الرقه" in nt.norm
    i = nt.norm.index("قسد")
    a, b = nt.span(i, i + 3)
    assert text[a:b] == "قسد"


def test_normalize_lexicon_entries_match_text_forms():
    assert normalize("إدلب") == normalize("ادلب")
    assert normalize("الأولى") == normalize("الاولي")
    assert normalize("تنظيم \" الدولة \"") == "تنظيم الدوله"


ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
DIAC = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
alphabet = st.sampled_from(list(ARABIC + DIAC + "«»“”\"' ،؛؟.\n0123456789٠١٢٣" + string.ascii_letters[:6]))


@settings(max_examples=10000, deadline=None)
@given(st.text(alphabet=alphabet, max_size=80))
def test_offsets_always_valid_on_random_text(text):
    nt = NormText(text)
    assert len(nt.norm) <= len(text)
    for i in range(len(nt.norm)):
        a, b = nt.span(i, i + 1)
        assert 0 <= a < b <= len(text)
    for s in sentences(text):
        assert text[s.start:s.end] == s.text
        for c in clauses(s):
            assert text[c.start:c.end] == c.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=alphabet, max_size=300))
def test_matchers_quotes_are_exact_substrings(text):
    lex = default_lexicon()
    nt = NormText(text)
    for m in lex.actor_matcher.find(nt) + lex.trigger_matcher.find(nt):
        a, b = nt.span(m.start, m.end)
        assert 0 <= a < b <= len(text)
    for d in find_dates(nt, "2018-12-06"):
        assert text[d.start:d.end] == d.text


def test_sentences_split_on_arabic_punctuation():
    text = "سيطرت القوات على البلدة. هل انسحبت؟ نعم\nسطر جديد"
    got = [s.text for s in sentences(text)]
    assert got == ["سيطرت القوات على البلدة.", "هل انسحبت؟", "نعم", "سطر جديد"]
    # scraped text often glues a stop to the next sentence; "د.محمد" and "3.5" are no sentence ends
    got = [s.text for s in sentences("بحسب بيان المحافظ.ولاحقا وقعت مواجهات. وقال د.محمد إن المسافة 3.5 كلم")]
    assert got == ["بحسب بيان المحافظ.", "ولاحقا وقعت مواجهات.", "وقال د.محمد إن المسافة 3.5 كلم"]


def test_clitics_on_actor_names():
    lex = default_lexicon()
    for text, aid in [("لـ”قسد”", "SDF"), ("وداعش", "ISIS"), ("بقوات النظام", "Syrian government forces"),
                      ("للحوثيين", "Houthis"), ("والبيشمركة", "Kurdish Peshmerga")]:
        ids = [m.value for m in lex.actor_matcher.find(NormText(text))]
        assert aid in ids, text


def test_actor_not_matched_inside_another_word():
    lex = default_lexicon()
    assert [m.value for m in lex.actor_matcher.find(NormText("الداعشيون"))] == []


def _counts(text):
    lex = default_lexicon()
    nt = NormText(text)
    return find_counts(nt, 0, len(nt.norm), lex)


def test_toll_numbers_words_and_qualifiers():
    c = combine(_counts("خسرت قسد ما يزيد عن 100 من مقاتليها"), "killed")
    assert c["value"] == 100 and c["qualifier"] == "more_than"  # losing fighters = fighters killed
    assert combine(_counts("وصل 100 من المقاتلين إلى البلدة"), "killed") is None  # no measure, no toll
    c = combine(_counts("ومقتل ما يزيد عن 100 من مقاتليها"), "killed")
    assert c == {"value": 100, "qualifier": "more_than", "group": "combatants", "of": None}
    c = combine(_counts("تسبب باستشهاد أحد عشر مدنيا"), "killed")
    assert c["value"] == 11 and c["qualifier"] == "exact" and c["group"] == "civilians"
    c = combine(_counts("كما يعتبر نحو 50 من مقاتلي الميليشيا في عداد المفقودين"), "missing")
    assert c["value"] == 50 and c["qualifier"] == "about"
    c = combine(_counts("مقتل 12 جنديا و9 مسلحين"), "killed")
    assert c["value"] == 21 and c["group"] == "combatants"


def test_toll_subcount_after_binahum_is_not_added():
    c = combine(_counts("قتل 24 مواطنا بينهم ستة من أفراد المعارضة"), "killed")
    assert c["value"] == 24
    c = combine(_counts("قتل 15 مواطنا بينهم ثلاثة أطفال و10 من أفراد المعارضة"), "killed")
    assert c["value"] == 15  # both parts of the breakdown are inside the 15


def test_a_singular_noun_after_the_verb_counts_one():
    assert combine(_counts("قتل جندي تركي في هجوم"), "killed")["value"] == 1
    c = combine(_counts("وأصيب طفلا بجروح"), "injured")
    assert c["value"] == 1 and c["group"] == "civilians"
    assert combine(_counts("وصل جندي إلى البلدة"), "killed") is None  # no toll verb: no toll
    plural = combine(_counts("قتل جنود في الهجوم"), "killed")
    assert plural is None or plural["value"] is None  # a plural is not one


def test_vague_toll_has_no_value():
    c = combine(_counts("سقوط عشرات القتلى"), "killed")
    assert c["value"] is None and c["qualifier"] == "unknown"


def test_a_comma_between_month_and_year_keeps_the_year():
    ds = find_dates(NormText("تم النشر بتاريخ : 8 تشرين الثاني , 2016 14 : 27"), None)
    assert [(d.start_date, d.precision) for d in ds][0] == ("2016-11-08", 1)
    assert find_dates(NormText("في 5 كانون الأول، 2018"), None)[0].start_date == "2018-12-05"


def test_relative_dates_resolve_against_publication():
    text = "اليوم الخميس قصف، وأمس الأربعاء غارة، ومنذ نحو 10 أيام، والأسبوع الماضي، وأمس الأول"
    ds = {d.text.lstrip("و"): (d.start_date, d.end_date, d.precision) for d in find_dates(NormText(text), "2018-12-06")}
    assert ds["اليوم الخميس"] == ("2018-12-06", "2018-12-06", 1)
    assert ds["أمس الأربعاء"] == ("2018-12-05", "2018-12-05", 1)
    assert ds["منذ نحو 10 أيام"][0] == "2018-11-26"
    assert ds["الأسبوع الماضي"] == ("2018-11-29", "2018-12-05", 2)
    assert ds["أمس الأول"][0] == "2018-12-04"


def test_absolute_dates_both_month_systems():
    for text, iso in [("في 6 كانون الأول 2018", "2018-12-06"), ("في 6 ديسمبر 2018", "2018-12-06"),
                      ("الاثنين 23 تشرين الأول", "2017-10-23"), ("15 / 4 / 2017", "2017-04-15")]:
        ds = [d for d in find_dates(NormText(text), "2017-12-01") if d.kind.startswith("abs")]
        assert ds and ds[0].start_date == iso, text


def test_no_publication_date_keeps_phrase_only():
    d = find_dates(NormText("قصفت الطائرات أمس"), None)[0]
    assert d.start_date is None and d.text == "أمس"


def test_the_past_hours_reach_back_a_day_or_two():
    (d,) = find_dates(NormText("خلال الـ36 ساعة الماضية"), "2013-03-15")
    assert (d.start_date, d.end_date, d.precision) == ("2013-03-13", "2013-03-15", 2)
    (d,) = find_dates(NormText("خلال الساعات الماضية"), "2013-03-15")
    assert (d.start_date, d.end_date) == ("2013-03-14", "2013-03-15")  # hours, not the week "past days" gives


def test_the_verb_right_before_a_number_decides_what_it_counts():
    counts = _counts("ما أسفر عن استشهاد 17 مواطنا وإصابة 35 آخرين")
    assert combine(counts, "killed")["value"] == 17 and combine(counts, "injured")["value"] == 35


def test_a_letter_split_from_its_word_is_joined_for_matching_only():
    text = "ق تل ثلاثة عناصر ولم تعل ق الهيئة رسمي ا، وقال و أضاف"
    nt = NormText(text)
    assert nt.norm.startswith("قتل ثلاثه") and "تعلق الهييه رسميا" in nt.norm
    assert " و اضاف" in nt.norm  # "و" stands alone as a word: never glued to the word before
    i = nt.norm.index("تعلق")
    a, b = nt.span(i, i + len("تعلق"))
    assert text[a:b] == "تعل ق"  # the quote is the text as written
    c = combine(_counts(text), "killed")
    assert c["value"] == 3


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200) | st.text(alphabet=alphabet, max_size=200))
def test_arabic_ratio_counts_letters_like_a_letter_by_letter_count(text):
    from rasid.arabic import arabic_ratio

    letters = [c for c in text if c.isalpha()]
    want = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufefc") / len(letters) if letters else 0.0
    assert abs(arabic_ratio(text) - want) < 1e-12


def test_a_month_with_no_year_is_the_latest_such_month_up_to_publication():
    def got(text):
        return [(d.kind, d.start_date, d.end_date, d.precision) for d in find_dates(NormText(text), "2015-07-27")]

    assert got("يذكر أنه في يوليو (تموز) نفذ التحالف غارات") == [("abs_m", "2015-07-01", "2015-07-27", 3)]
    assert got("وقتل خلال شهر آب الماضي") == [("abs_m", "2014-08-01", "2014-08-31", 3)]
    # "since early May": the period from May up to publication
    assert got("دخلت القوات منذ مطلع أيار") == [("abs_m", "2015-05-01", "2015-07-27", 3)]
    assert got("في تموز 2014 سيطر التنظيم")[0][:2] == ("abs_my", "2014-07-01")  # a year given: that year
    assert got("مدرسة تموز") == []  # a month's name with no word of time before it is no date


def test_a_transition_after_a_comma_opens_a_clause():
    s = sentences("وتابع أن الحكومة لا تسمح بتجريم من قاتل التنظيم , إلى ذلك , قتل ثلاثة مدنيين بانفجار في بلدة طوز خورماتو .")[0]
    got = [c.text for c in clauses(s)]
    assert len(got) == 2 and got[1].startswith("إلى ذلك")


def test_a_lone_proclitic_letter_before_punctuation_closes_the_word_before():
    assert "الشقيف ," in NormText("غارات على الشقي ف , قبيل البدء").norm
    assert "ف الجيش" in NormText("وصل ف الجيش").norm  # before a word it is the proclitic typed apart


def test_the_verb_before_a_qualified_number_decides_what_it_counts():
    # "الجرحى" after the number must not make the dead wounded: the verb is before the qualifier
    counts = _counts("ومقتل ما لا يقل عن 12 عنصرا وعشرات الجرحى")
    c = combine(counts, "killed")
    assert c["value"] == 12 and c["qualifier"] == "at_least"
    assert combine(counts, "injured")["value"] is None


def test_a_publication_stamp_glued_to_the_headline_is_a_sentence_of_its_own():
    got = [s.text for s in sentences("قصف مدفعي على بلدة الهبيطتم النشر بتاريخ : 5 آذار , 2017 10 : 12 : 40 "
                                     "سوريا , حلب : أطفال يلعبون في حي الشعار .")]
    assert got[0] == "قصف مدفعي على بلدة الهبيط"
    assert got[1].startswith("تم النشر") and got[1].endswith("10 : 12 : 40")
    assert got[2].startswith("سوريا , حلب")
    # "النشر بتاريخ" inside the stamp is not a second stamp
    assert [s.text for s in sentences("تم النشر بتاريخ : 5 آذار")] == ["تم النشر بتاريخ : 5 آذار"]


def test_a_scraped_video_marker_is_a_sentence_of_its_own():
    text = ("وتقدمت القوات نحو أطراف البلدة .\n1234567890123 0a1b2c3d - 4e5f - 6a7b - 8c9d - 0e1f2a3b4c5d "
            "9f8e7d6c - 5b4a - 3928 - 1706 - f5e4d3c2b1a0 video وقال مصدر محلي إن قصفا مدفعيا استهدف السوق .")
    got = [s.text for s in sentences(text)]
    assert got[-1] == "وقال مصدر محلي إن قصفا مدفعيا استهدف السوق ."
    assert got[-2].endswith("video") and got[-2].startswith("1234567890123")
    # a number in a sentence is no marker
    assert len(sentences("قتل 1234567890123 شخصا في القصف .")) == 1


def test_a_date_and_time_stamp_parts_the_teasers_of_a_ticker():
    text = ("وتساقطت الثلوج على المرتفعات , 2019 - 02 - 11 14 : 05 : 33 قتل ثلاثة أشخاص بانفجار عبوة ناسفة في "
            "السوق , 2019 - 02 - 11 12 : 40 أعلنت الوزارة")
    got = [s.text for s in sentences(text)]
    assert got == ["وتساقطت الثلوج على المرتفعات ,", "2019 - 02 - 11 14 : 05 : 33",
                   "قتل ثلاثة أشخاص بانفجار عبوة ناسفة في السوق ,", "2019 - 02 - 11 12 : 40", "أعلنت الوزارة"]
    # a time alone is no stamp
    assert len(sentences("وقع الانفجار عند الساعة 10 : 30 صباحا في السوق")) == 1


def test_a_run_of_template_placeholders_ends_a_sentence():
    text = "القوات تدخل البلدة { { # link } } { { title } } { { / link } } عاجل قصف مدفعي على السوق"
    got = [s.text for s in sentences(text)]
    assert got[0] == "القوات تدخل البلدة" and got[-1] == "عاجل قصف مدفعي على السوق"


def test_what_the_event_resulted_in_opens_a_clause():
    s = sentences("وسيطرت الفصائل على قرية الزكاة، وأسفرت هذه الاشتباكات عن مقتل 12 عنصرا.")[0]
    got = [c.text for c in clauses(s)]
    assert len(got) == 2 and got[1].startswith("وأسفرت")


def test_a_line_break_inside_a_quote_does_not_end_the_sentence():
    text = 'وأكدت الوكالة وقوع ما أسمته "\nتفجير إرهابي\n" في شارع الثورة بدمشق.\nوقال شهود إن الانفجار كان قويا.'
    got = [s.text for s in sentences(text)]
    assert len(got) == 2 and got[0].endswith("بدمشق.") and "تفجير إرهابي" in got[0]
    # an unclosed quote far from any other does not swallow the next paragraph
    assert len(sentences('قال المصدر "إن القصف\nاستمر طوال الليل في المدينة.')) == 2


def test_a_letter_before_a_lost_vowel_mark_is_no_lone_letter():
    # "قُتل" keeps its damma in the text: the letter before it is not split from its word
    nt = NormText("وفي اليوم نفسه قُتل جندي تركي، ولم تعل ق الهيئة")
    assert "نفسه قتل جندي" in nt.norm and "تعلق" in nt.norm


def test_whereas_in_either_form_opens_a_clause():
    s = sentences('وسيطر الجيش على قرية بليل، على حين أفادت مصادر بأن الجيش استعاد قرية أم خزيم.')[0]
    got = [c.text for c in clauses(s)]
    assert len(got) == 2 and got[1].startswith("على حين")


def test_while_with_its_waw_opens_a_clause_but_not_as_for():
    s = sentences('ورفضت الحكومة المقترح، وفيما كان الوفد مجتمعا انفجرت عبوة ناسفة في سوق المدينة.')[0]
    got = [c.text for c in clauses(s)]
    assert len(got) == 2 and got[1].startswith("وفيما")
    s = sentences('وانسحب المسلحون من الحي، وبينما كانت القوات تتقدم سقطت قذيفة على مدرسة.')[0]
    assert len(clauses(s)) == 2
    s = sentences('وقصفت الطائرات البلدة، وفيما يخص المعبر فقد أغلق أمس.')[0]
    assert len(clauses(s)) == 1


def _one_by_one(lex, nt):
    return {"actors": lex.actor_matcher.find(nt), "triggers": lex.trigger_matcher.find(nt), "cues": lex.cue_matcher.find(nt),
            "framing": lex.framing.find(nt), "toll_nouns": lex.toll_nouns.find(nt), "qualifiers": lex.qualifiers.find(nt),
            "place_cues": lex.place_cues.find(nt), "outlet_names": lex.outlet_names.find(nt),
            "theatres": lex.theatre_matcher.find(nt)}


def test_one_pass_over_a_text_finds_what_each_matcher_finds_alone():
    lex = default_lexicon()
    text = ("وقصفت قوات النظام بلدة كفرنبل بالمدفعية، فيما استهدفت غاراتٌ للتحالف البلدة ذاتها، ما أسفر عن مقتل "
            "نحو عشرة مدنيين، بحسب ناشطين نفوا ما وصفوه بادعاءات الميليشيات.")
    nt = NormText(text)
    found = lex.text_matchers.find(nt)
    assert found == _one_by_one(lex, nt)
    cues = [nt.text[slice(*nt.span(m.start, m.end))] for m in found["place_cues"]]
    assert "بلدة" in cues and "البلدة" not in cues  # a place cue takes no article: "البلدة ذاتها" names nothing
    assert [m.value.sub_event_type for m in found["triggers"] if nt.norm[m.start:m.end] == "غارات"] == ["Air/drone strike"]
    assert {m.value for m in found["actors"]} >= {"Syrian government forces", "US-led coalition"}  # "للتحالف": ل + ال


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=alphabet, max_size=200))
def test_one_pass_matches_equal_the_matchers_alone_on_random_text(text):
    lex = default_lexicon()
    nt = NormText(text)
    assert lex.text_matchers.find(nt) == _one_by_one(lex, nt)


def test_a_number_after_a_month_that_is_no_plausible_year_is_a_count():
    (d,) = find_dates(NormText("وخرج في 15 نيسان , 2300 شخص من مضايا باتجاه إدلب"), "2017-05-01")
    assert d.start_date == "2017-04-15"  # not the year 2300
    (d,) = find_dates(NormText("وخرج في 15 نيسان , 2017 آلاف المدنيين"), "2017-05-01")
    assert d.start_date == "2017-04-15"


def test_a_date_after_since_is_a_period_up_to_publication():
    ds = find_dates(NormText("وتحاصر القوات المدينة منذ 26 آذار وتقصفها يوميا"), "2015-08-03")
    assert (ds[0].start_date, ds[0].end_date, ds[0].precision) == ("2015-03-26", "2015-08-03", 3)
    ds = find_dates(NormText("قصفت الطائرات المدينة في 26 آذار"), "2015-08-03")
    assert (ds[0].start_date, ds[0].end_date, ds[0].precision) == ("2015-03-26", "2015-03-26", 1)
    # a few days back stays the day named
    ds = find_dates(NormText("تدور المعارك منذ 1 آب"), "2015-08-03")
    assert (ds[0].start_date, ds[0].end_date) == ("2015-08-01", "2015-08-01")


def test_the_weekday_named_beside_yesterday_or_today_wins_over_the_stamp():
    # written on Thursday, stamped Friday: "أمس الأربعاء" is Wednesday, not the day before the stamp
    ds = find_dates(NormText("وقال المرصد إن الاشتباكات اندلعت أمس الأربعاء"), "2015-07-31")
    assert ds[0].start_date == "2015-07-29"
    ds = find_dates(NormText("قصفت الطائرات المدينة اليوم الخميس"), "2015-07-31")
    assert ds[0].start_date == "2015-07-30"
    # no weekday named: the stamp's day
    assert find_dates(NormText("اندلعت الاشتباكات أمس"), "2015-07-31")[0].start_date == "2015-07-30"


def test_two_days_a_night_across_two_and_the_small_hours_after_midnight():
    def got(text):
        return [(d.start_date, d.end_date, d.precision) for d in find_dates(NormText(text), "2015-08-06")]  # Thursday

    assert got("وقعت الاشتباكات يومي الاثنين والثلاثاء الماضيين") == [("2015-08-03", "2015-08-04", 2)]
    assert got("وليل الثلاثاء الأربعاء أسفرت غارة جوية عن مقتل عشرة") == [("2015-08-04", "2015-08-05", 2)]
    assert got("انفجرت العبوة بعد منتصف ليل الاثنين") == [("2015-08-04", "2015-08-04", 1)]  # Tuesday
    assert got("انفجرت العبوة بعيد منتصف ليل الاثنين") == [("2015-08-04", "2015-08-04", 1)]
    assert got("قصفت القوات البلدة بعد منتصف ليل الاثنين - الثلاثاء") == [("2015-08-04", "2015-08-04", 1)]
    # the spec's "ليل الاثنين - الثلاثاء" (a dash or a slash between the two days): the two days; after midnight of
    # the same pair without the dash, still the second day
    assert got("قصفت القوات البلدة ليل الاثنين - الثلاثاء") == [("2015-08-03", "2015-08-04", 2)]
    assert got("قصفت القوات البلدة ليل الاثنين/الثلاثاء") == [("2015-08-03", "2015-08-04", 2)]
    assert got("قصفت القوات البلدة بعد منتصف ليل الاثنين الثلاثاء")[0] == ("2015-08-04", "2015-08-04", 1)
    assert got("دارت اشتباكات بعد منتصف ليل أمس في الحي") == [("2015-08-06", "2015-08-06", 1)]  # today
    assert got("قصفت الطائرات البلدة في الأيام الأخيرة") == [("2015-07-31", "2015-08-06", 2)]
    assert got("في الأيام الأخيرة من حكمه") == []
    # a few days back, how many not said: a range, not a day
    assert got("قصفت الطائرات البلدة قبل أيام") == [("2015-07-30", "2015-08-05", 2)]
    assert got("تدور اشتباكات في البلدة منذ عدة أيام") == [("2015-07-30", "2015-08-06", 2)]
    assert got("قبل أيام من الانتخابات") == []
    assert got("هاجم المسلحون موقعا للجيش الليلة قبل الماضية") == [("2015-08-04", "2015-08-05", 2)]
    # two weekdays that do not follow each other are no night
    assert got("ليل الاثنين الخميس") != [("2015-08-02", "2015-08-03", 2)]


def test_this_month_and_last_month_with_their_parts():
    def got(text):
        return [(d.start_date, d.end_date, d.precision) for d in find_dates(NormText(text), "2013-02-18")]

    assert got("وقعت الاشتباكات مطلع هذا الشهر") == [("2013-02-01", "2013-02-10", 3)]
    assert got("قتل خلال الشهر الماضي") == [("2013-01-01", "2013-01-31", 3)]
    assert got("في أواخر الشهر الماضي") == [("2013-01-21", "2013-01-31", 3)]
    assert got("خلال الشهر الجاري") == [("2013-02-01", "2013-02-18", 3)]


def test_currently_is_the_publication_day_up_to_now_is_not():
    (d,) = find_dates(NormText("وتدور حاليا اشتباكات عنيفة في محيط المطار"), "2013-02-12")
    assert (d.start_date, d.precision) == ("2013-02-12", 1)
    assert find_dates(NormText("ولم يعرف حتى الآن عدد القتلى"), "2013-02-12") == []


def test_time_ago_needs_its_unit_hours_ago_is_today_and_the_night_before_last():
    def got(text):
        return [(d.kind, d.start_date) for d in find_dates(NormText(text), "2015-08-11")]
    assert got("وقتل قبل 3 ساعات جندي") == [("ago_hours", "2015-08-11")]
    assert got("قصفت الطائرات المدينة قبل 3 سنوات") == []  # years ago: no day
    assert got("قبل ثلاثة أيام") == [("ago_days", "2015-08-08")]
    assert got("منذ يومين") == [("ago_days", "2015-08-09")]
    assert got("البارحة الأولى") == [("rel_-2", "2015-08-09")]


def test_a_time_of_the_day_before_yesterday_is_that_day():
    """"مساء أمس الأول", "منتصف ليل أمس (الأول)" (the ordinal in brackets) are the day before yesterday, not yesterday."""
    for text in ("قصفت الطائرات مساء أمس الأول البلدة", "دارت اشتباكات منتصف ليل أمس (الأول) بين الطرفين",
                 "وقعت الاشتباكات أمس الأول"):
        ds = find_dates(NormText(text), "2015-08-04")
        assert [d.start_date for d in ds] == ["2015-08-02"], text


def test_a_line_of_a_lone_closing_quote_ends_no_sentence():
    """A scraper may set a quoted name's closing quote on a line of its own ('مطار "النيرب\\n"\\nالعسكري'): the
    sentence goes on; after a stop it ends."""
    from rasid.arabic import sentences

    text = 'وتدور حاليا اشتباكات عنيفة في محيط مطار "النيرب\n"\nالعسكري، وسط قصف على المنطقة\n.\nوقال "انتهى الأمر.\n"\nوأضاف أن.'
    assert [s.text.split()[0] for s in sentences(text)] == ["وتدور", "وقال", "وأضاف"]


def test_a_quote_glued_between_two_words_reads_as_a_space():
    text = 'قال تنظيم«داعش» إن "فيلق الرحمن"صباحاً بـ«الإصلاح» و"جبهة" لـ"قسد"'
    nt = NormText(text)
    assert nt.norm == "قال تنظيم داعش ان فيلق الرحمن صباحا بالاصلاح وجبهه لقسد"
    assert normalize(text) == nt.norm
    i = nt.norm.index("الرحمن صباحا")
    a, b = nt.span(i, i + len("الرحمن صباحا"))
    assert text[a:b] == 'الرحمن"صباحا'  # the quote is the text as written


def test_a_stop_before_a_colon_or_dash_ends_the_sentence():
    """"مدنيين.: شنت", "مدنيين.- وقصفت": a stop after a word, then a colon or a dash and a space, ends it (a text of
    such sentences glued together was one ever-growing sentence); "الساعة 10.30" and "3.5" stay whole."""
    from rasid.arabic import sentences

    got = [s.text for s in sentences("قتل خمسة مدنيين.: شنت الطائرات غارات.- وقصفت المدفعية البلدة عند الساعة 10.30 صباحا.")]
    assert got[:2] == ["قتل خمسة مدنيين.", ": شنت الطائرات غارات."], got
    assert got[-1].endswith("10.30 صباحا.")


def test_a_trie_shaped_alternation_finds_what_the_flat_one_finds():
    """arabic.word_alternation: the same matches as the flat alternation of the words, longest first."""
    import re

    from rasid.arabic import word_alternation

    words = ["قوات", "قواعد", "قوا", "مدفعية", "مدفع", "طائرات"]
    flat = re.compile("(?<![\u0621-\u064a])(?:%s)(?![\u0621-\u064a])" % "|".join(sorted(words, key=len, reverse=True)))
    trie = re.compile("(?<![\u0621-\u064a])(?:%s)(?![\u0621-\u064a])" % word_alternation(words))
    text = "قصفت مدفعية النظام قواعد الفصائل وقوات التحالف ومدفعهم، ثم طائرات وقوا ومدفعيات"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert [m.group() for m in trie.finditer(text)] == ["مدفعية", "قواعد", "طائرات"]


def test_this_comes_as_opens_another_item_of_a_sentence_with_no_comma():
    # "يأتي هذا فيما ..." (this comes as ...) tells another event, though no comma stands before it
    from rasid.arabic import Sentence, clauses

    t = ("خاضت القوات معارك عنيفة في مدينة تعز بإسناد جوي من طائرات التحالف يأتي هذا فيما هاجم مسلحون نقطة أمنية "
         "في مديرية يريم")
    got = [c.text for c in clauses(Sentence(0, len(t), t))]
    assert got == [t[:t.index(" يأتي")], t[t.index("يأتي"):]]
    # "يأتي هذا القرار" opens nothing
    t = "وقال المسؤول إن يأتي هذا القرار بعد مشاورات طويلة"
    assert len(clauses(Sentence(0, len(t), t))) == 1


def test_this_comes_after_a_comma_opens_another_item_whatever_follows():
    # ", يأتي هذا رغم ..." (this comes despite ...): the writer's comment opens a clause of its own, so the fight it
    # recalls keeps its toll apart from the capture told before it
    from rasid.arabic import Sentence, clauses

    t = ("واقتحم المسلحون مبنى الإذاعة في المدينة, يأتي هذا رغم إعلان هدنة أمس بعد ليلة شهدت معارك بين الجيش "
         "والمسلحين قتل فيها 5 أشخاص")
    got = [c.text for c in clauses(Sentence(0, len(t), t))]
    assert got == [t[:t.index(",")], t[t.index("يأتي"):]]
    t = "وسيطرت القوات على التلة، ويأتي ذلك في ظل تصعيد عسكري واسع في المنطقة"
    assert len(clauses(Sentence(0, len(t), t))) == 2
    # "، تأتي هذه الخطوة ..." (this step comes ...) is a sentence of its own subject, left to the other joins
    t = "وأعلنت الحكومة هدنة في المدينة، تأتي هذه الخطوة بعد مشاورات طويلة"
    assert len(clauses(Sentence(0, len(t), t))) == 1


def test_a_text_wrapped_at_a_fixed_width_keeps_its_sentences_whole():
    """Rule wrapped_lines: a line as long as the text's long lines that ends with no stop goes on into the next
    line; a short headline with no stop still ends its line, and so does every line of a text not wrapped."""
    text = ("القاهرة - وكالة\n"
            "أفاد ناشطون أن اشتباكات عنيفة اندلعت منذ ساعات الصباح الباكر في حي\n"
            "الصناعة بين وحدات من الجيش ومقاتلي المعارضة المسلحة سقط خلالها ستة\n"
            "قتلى من الطرفين وعدد من الجرحى، بحسب ما ذكرته مصادر محلية متطابقة.\n"
            "وقال الناشطون إن الطيران المروحي ألقى براميل متفجرة على الأحياء\n"
            "الشرقية من المدينة، فيما تواصل القصف المدفعي على القرى المجاورة.")
    got = [s.text for s in sentences(text)]
    assert got[0] == "القاهرة - وكالة" and len(got) == 3 and "ستة\nقتلى" in got[1]
    loose = "عنوان الخبر\nقتل جندي في الهجوم\nوأصيب آخر\nوقال المصدر إن الهجوم وقع ليلا\nفي البلدة"
    assert len(sentences(loose)) == 5


def test_the_wounded_after_a_verb_agreeing_with_the_dead_before_it_are_counted():
    """Rule dead_before_their_verb: "إن ثمانية قتلوا وأصيب 18 آخرون" is 8 dead and 18 wounded; "قتل وأصيب 18
    شخصا" (the verbs before their subject) stays one figure for both."""
    lex = default_lexicon()
    text = "قال المصدر إن ثمانية قتلوا وأصيب 18 آخرون في القصف"
    nt = NormText(text)
    got = find_counts(nt, 0, len(nt.norm), lex)
    assert combine(got, "killed")["value"] == 8 and combine(got, "injured")["value"] == 18
    nt = NormText("قتل وأصيب 18 شخصا في القصف")
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "injured")["value"] is None


def test_a_day_of_this_or_last_month_in_digits_and_a_night_joined_by_ala():
    def got(text):
        return [(d.start_date, d.end_date, d.precision) for d in find_dates(NormText(text), "2015-08-06")]  # Thursday

    # rule current_month_day
    assert got("قصفت الطائرات البلدة في 3 من الشهر الجاري") == [("2015-08-03", "2015-08-03", 1)]
    assert got("قصفت الطائرات البلدة في 3 الجاري") == [("2015-08-03", "2015-08-03", 1)]
    assert got("قصفت الطائرات البلدة يوم 28 من الشهر الماضي") == [("2015-07-28", "2015-07-28", 1)]
    assert got("قصفت الطائرات البلدة في الـ28 من الشهر المنصرم") == [("2015-07-28", "2015-07-28", 1)]
    assert got("يعقد المؤتمر في 25 من الشهر الجاري")[0][2] == 3  # a day to come: not that day
    # rule night_joined
    assert got("قصفت الطائرات البلدة ليلة السبت على الأحد") == [("2015-08-01", "2015-08-02", 2)]
    assert got("قصفت الطائرات البلدة ليل الأربعاء إلى الخميس") == [("2015-08-05", "2015-08-06", 2)]


def test_a_moment_ago_last_month_in_other_words_and_a_weekday_a_week_back():
    def got(text, pub="2015-08-06"):  # Thursday
        return [(d.start_date, d.end_date, d.precision) for d in find_dates(NormText(text), pub)]

    # rule moment_ago: today (not "قبل قليل من التنفيذ", a moment before another thing)
    assert got("اندلعت اشتباكات منذ قليل في حي الميدان") == [("2015-08-06", "2015-08-06", 1)]
    assert got("سقطت قذيفة على السوق قبل قليل") == [("2015-08-06", "2015-08-06", 1)]
    assert got("بايع المهاجم التنظيم قبل قليل من الهجوم") == []
    # rule weekday_week_back: the publication's own weekday named with "الماضي/الفائت/المنصرم" is a week back
    assert got("قصفت الطائرات البلدة يوم الخميس الماضي") == [("2015-07-30", "2015-07-30", 1)]
    assert got("قصفت الطائرات البلدة الخميس الفائت") == [("2015-07-30", "2015-07-30", 1)]
    assert got("قصفت الطائرات البلدة الثلاثاء المنصرم") == [("2015-08-04", "2015-08-04", 1)]
    assert got("قصفت الطائرات البلدة يوم الجمعة قبل الماضي") == [("2015-07-24", "2015-07-24", 1)]
    # "الشهر المنصرم/الفائت", "الأسبوع الفائت": last month, last week
    assert got("هاجم مسلحون مركزا للشرطة الشهر الفائت") == [("2015-07-01", "2015-07-31", 3)]
    assert got("هاجم مسلحون مركزا للشرطة خلال الأسبوع المنصرم") == [("2015-07-30", "2015-08-05", 2)]


def test_the_maghreb_month_names():
    # dates.MONTHS: Tunisian/Algerian "جانفي", "فيفري", "جوان", "جويلية", "أوت"; Moroccan "يوليوز", "شتنبر"
    def got(text):
        return [(d.start_date, d.precision) for d in find_dates(NormText(text), "2016-10-10")]

    assert got("هاجم مسلحون ثكنة للجيش في 14 جويلية 2016") == [("2016-07-14", 1)]
    assert got("قتل جنديان في كمين يوم 3 فيفري") == [("2016-02-03", 1)]
    assert got("انفجرت عبوة ناسفة في شهر أوت الماضي") == [("2016-08-01", 3)]
    assert got("التقى جوان إبراهيم القائد") == []  # a man's name, no month without a day or a year
