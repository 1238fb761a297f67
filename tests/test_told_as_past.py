"""Words of violence that tell no event of the news: history told in passing, analysis, summaries (invented
sentences, each a document)."""


def test_an_event_dated_by_a_bare_year_is_history(pipeline):
    # rule bare_year_past: with no publication day, a bare year dates history, not today's news
    assert not pipeline.text("احتل الجيش مدينة الرمادي عام 1990 وقصفها بالصواريخ .").events
    assert not pipeline.text("وفي منتصف عام 2009 اندلعت اشتباكات عنيفة في مدينة الرمادي .").events
    # a year before the publication year, even less than five months back
    assert not pipeline.text("شهدت مدينة الرمادي اشتباكات عنيفة عام 2016 .", published="2017-02-10").events
    # a year after "منذ" is a running state; the strike is today's, as is a written day opened by its year
    (e,) = pipeline.text("قصفت الطائرات مدينة الرمادي الخاضعة للتنظيم منذ عام 2014 .").events
    assert e.event_type == "Explosions/Remote violence"
    (e,) = pipeline.text("قصفت الطائرات مدينة الرمادي في 2017 / 3 / 15 .").events
    assert e.event_type == "Explosions/Remote violence"
    # (nor a year that dates the point "منذ" runs from: the capture is today's)
    (e,) = pipeline.text("سيطرت القوات على مدينة الرمادي للمرة الأولى منذ إعلان التنظيم دولته عام 2014 .").events
    assert e.event_type == "Battles"



def test_a_span_of_years_an_old_year_or_a_century_is_history(pipeline):
    # dates.py year_span, old_year, century read as years (rule bare_year_past drops what they date)
    from rasid.arabic import NormText
    from rasid.dates import find_dates

    def read(text):
        return [(d.kind, d.start_date, d.end_date) for d in find_dates(NormText(text), "2016-05-03")]

    assert read("قصفت الطائرات البلدة بين عامي 2011 و2013") == [("year_span", "2011-01-01", "2013-12-31")]
    assert read("اشتبك الطرفان من عام 2009 حتى عام 2012") == [("year_span", "2009-01-01", "2012-12-31")]
    assert read("هدم الغزاة القلعة عام 1187") == [("old_year", "1187-01-01", "1187-12-31")]
    assert read("حاصر الجيش المدينة سنة 1200 هـ") == [("old_year", "1786-01-01", "1786-12-31")]
    assert read("في القرن الثامن عشر") == [("century", "1701-01-01", "1800-12-31")]
    assert read("أحرق الجند المعبد عام 320 قبل الميلاد")[0][0] == "old_year"
    # not a year of today's Hijra, nor this century, nor a count
    assert read("في رمضان عام 1437 هـ") == [] and read("حروب القرن الحادي والعشرين") == []
    assert read("نزح من 1400 إلى 1800 شخص") == []
    assert not pipeline.text("قصفت الطائرات مدينة الرمادي بين عامي 2011 و2013 .", published="2016-05-03").events
    assert not pipeline.text("وفي عامي 2008 و2009 اندلعت اشتباكات عنيفة في مدينة الرمادي .",
                             published="2016-05-03").events
    assert not pipeline.text("اقتحم الغزاة مدينة الرمادي عام 1258 وقتلوا أهلها .", published="2016-05-03").events
    assert not pipeline.text("قصفت المدافع مدينة الرمادي في القرن التاسع عشر .", published="2016-05-03").events
    # an old date told in a relative clause dates the thing, not the event (rule old_date_own_clause)
    (e,) = pipeline.text("قصفت الطائرات الجسر الذي شيده الفرنسيون في القرن التاسع عشر في مدينة الرمادي .",
                         published="2016-05-03").events
    assert e.date["start"] >= "2016-05-02"
    # a span that runs into the publication year is not history
    (e,) = pipeline.text("قصفت الطائرات مدينة الرمادي بين عامي 2015 و2016 .", published="2016-05-03").events
    assert e.event_type == "Explosions/Remote violence"

def test_an_entry_into_a_war_a_body_or_one_of_lorries_takes_no_ground(pipeline):
    # rule entry_no_ground (role_words.tsv entry_not_ground): joining a war, a body, a stage; a convoy let in
    assert not pipeline.text("أعلنت الحكومة أمس دخول تركيا الحرب على التنظيم في مدينة جرابلس",
                             published="2016-05-03").events
    assert not pipeline.text("ودخلت أمس قافلة مساعدات إلى بلدة مضايا", published="2016-05-03").events
    assert not pipeline.text("وأعلن القائد أمس دخوله في مفاوضات مع التنظيم في مدينة جرابلس", published="2016-05-03").events
    # troops entering a town take it
    (e,) = pipeline.text("دخلت القوات مدينة جرابلس أمس بعد اشتباكات مع التنظيم", published="2016-05-03").events
    assert e.event_type == "Battles" and e.territory
    (e,) = pipeline.text("ودخلت في مطلع الشهر قوات المعارضة إلى مدينة جرابلس بعد اشتباكات مع التنظيم",
                         published="2016-05-03").events
    assert e.event_type == "Battles"


def test_a_missile_held_made_or_deployed_is_no_strike(pipeline):
    # rule arms_held (role_words.tsv arms_held): a weapon's word after a word of having, making, deploying
    assert not pipeline.text("وتجري الدولة تطوير صاروخ باليستي جديد قرب مدينة الموصل", published="2016-05-03").events
    assert not pipeline.text("وتمتلك الميليشيات في مدينة درنة ترسانة من الصواريخ والمضادات الأرضية",
                             published="2016-05-03").events
    # a seizure of missiles is a disrupted use of weapons (role_words.tsv seized_arms), no shelling
    (e,) = pipeline.text("وضبطت قوات الأمن العراقية 40 صاروخا في مدينة الموصل أمس", published="2016-05-03").events
    assert e.sub_event_type == "Disrupted weapons use"
    # missiles fired are a strike, a word of firing between or not
    (e,) = pipeline.text("أطلق المسلحون صواريخ على مدينة الموصل أمس", published="2016-05-03").events
    assert e.event_type == "Explosions/Remote violence"
    (e,) = pipeline.text("وقال بيان نشر الجيش إن المسلحين أطلقوا صواريخ على مدينة الموصل أمس", published="2016-05-03").events
    assert e.event_type == "Explosions/Remote violence"
    (e,) = pipeline.text("ودمرت المقاتلات أمس معملا لتصنيع الصواريخ في مدينة الموصل", published="2016-05-03").events
    assert e.event_type == "Explosions/Remote violence"
    (e,) = pipeline.text("ودمرت المقاتلات أمس مخازن للذخيرة في مدينة الموصل، ومعملا لتصنيع الصواريخ",
                         published="2016-05-03").events
    assert e.event_type == "Explosions/Remote violence"


def test_a_vote_or_sway_lost_is_no_ground_lost(pipeline):
    # rule loss_no_ground (role_words.tsv lost_not_ground): a majority, sway, money lost
    assert not pipeline.text("وخسر حزب العدالة والتنمية الأغلبية في البرلمان التركي في انتخابات أمس",
                             published="2016-05-03").events
    assert not pipeline.text("وخسرت البورصة 12 مليار دولار أمس في مدينة إسطنبول", published="2016-05-03").events
    # a town lost is ground lost
    (e,) = pipeline.text("خسر الجيش أمس مدينة الرمادي أمام هجوم التنظيم", published="2016-05-03").events
    assert e.event_type == "Battles" and e.territory


def test_an_event_word_in_a_since_clause_names_a_point_in_time(pipeline):
    # rule since_clause: "منذ أن" and up to four words before the event word
    assert not pipeline.text("ونزح آلاف السكان من مدينة الموصل منذ أن بدأت القوات العراقية هجومها على المدينة",
                             published="2015-08-01").events
    (e,) = pipeline.text("وسيطر التنظيم على مدينة الموصل أمس بعد معارك", published="2015-08-01").events
    assert e.event_type == "Battles"


def test_an_interest_insistence_or_wish_names_what_is_wanted(pipeline):
    # cues.tsv modal "اهتماما", "إصرار*", "رغبة*": what a party wants, not what it did
    assert not pipeline.text("ويبدي الجيش اهتماما بمحاربة التنظيم أقل من اهتمامه باستعادة مدينة الرمادي",
                             published="2015-08-01").events
    assert not pipeline.text("وأكد القائد أمس إصرار القوات على تحرير مدينة الرمادي من التنظيم",
                             published="2015-08-01").events
