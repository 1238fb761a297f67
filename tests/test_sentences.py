"""Events told in one sentence (a headline, a lone line of a feed) and the constructions that tell them:
invented sentences, each a document."""


def test_a_present_tense_capture_is_news_only_as_the_first_line_with_its_doer_first(pipeline):
    # rule headline_present: a headline (or a lone line) in the present tense, doer first, tells the capture
    (e,) = pipeline.text("قوات المعارضة تسيطر على بلدة الزيارة في ريف حماة", published="2016-05-03").events
    assert e.sub_event_type == "Non-state actor overtakes territory" and e.actor1["id"] == "Opposition factions"
    (e,) = pipeline.text("الجيش يحرر قرية تادف من المسلحين", published="2016-05-03").events
    assert e.sub_event_type == "Government regains territory"
    # in running text, after another word before its doer, or with a share held, it is a lasting state
    assert not pipeline.text("ولا يزال التنظيم يسيطر على معظم أحياء مدينة الرقة", published="2016-05-03").events
    assert not pipeline.text("قوات سوريا الديمقراطية تسيطر على 60 % من حي حطين في الرقة", published="2016-05-03").events
    doc = pipeline.text("قصفت الطائرات الحربية بلدة كفرنبل أمس. والفصائل تسيطر على بلدة تادف منذ عامين",
                        published="2016-05-03")
    assert all(e.event_type != "Battles" for e in doc.events)


def test_fighting_that_broke_out_or_raged_is_a_clash_but_fighting_as_a_background_is_none(pipeline):
    # triggers.tsv "اندلع القتال", "احتدم القتال", "تجدد القتال" ...: "قتال" as the subject of a verb of breaking out
    (e,) = pipeline.text("تجدد القتال أمس في بلدة كفرنبل بين الفصائل وقوات النظام", published="2016-05-03").events
    assert e.event_type == "Battles" and e.sub_event_type == "Armed clash"
    (e,) = pipeline.text("وقال ناشطون إن القتال اندلع صباح اليوم في بلدة تادف", published="2016-05-03").events
    assert e.event_type == "Battles"
    assert not pipeline.text("فر آلاف السكان من القتال الدائر في بلدة تادف", published="2016-05-03").events


def test_a_province_the_gazetteer_lacks_named_by_its_word_anchors_an_event_with_a_party(pipeline):
    # rule state_named: "ولاية X" abroad anchors the clash as a governorate the gazetteer holds would
    (e,) = pipeline.text("تصدت قوات الجيش الجزائري لهجوم نفذه مسلحون على ثكنة عسكرية في ولاية تمنراست",
                         published="2013-02-07").events
    assert e.event_type == "Battles" and e.locations[0]["name_ar"] == "تمنراست"
    # a country alone anchors nothing, nor does a province named with no party (a doer's home)
    assert not pipeline.text("تصدت قوات الجيش الجزائري لهجوم نفذه مسلحون على ثكنة عسكرية في الجزائر",
                             published="2013-02-07").events


def test_a_past_verb_of_repelling_with_its_subject_between_tells_the_fight(pipeline):
    # triggers.tsv "صدت", "صدوا", "تصدوا": the attempt repelled was made and fought, though "محاولة" follows
    (e,) = pipeline.text("صدت الفصائل أمس محاولة تقدم لقوات النظام على جبهة كفرنبل", published="2016-05-03").events
    assert e.event_type == "Battles" and e.sub_event_type == "Armed clash"
    (e,) = pipeline.text("وقال المتحدث إن مقاتليه تصدوا لمحاولة قوات النظام التقدم نحو بلدة تادف", published="2016-05-03").events
    assert e.event_type == "Battles"


def test_a_headline_deed_in_the_present_tense_after_an_outlets_name_is_news(pipeline):
    # rule headline_present: storming, abducting ... in a headline's present tense, doer first; an outlet's names
    # before it are cut off, a clause before it is not
    (e,) = pipeline.text("مجهولون يختطفون ناشطا إعلاميا في مدينة إدلب", published="2016-05-03").events
    assert e.sub_event_type == "Abduction/forced disappearance"
    # a doer named though it is no party of the theatre ("مسلحون", "قوات الأمن") still opens the headline
    assert pipeline.text("مسلحون يغتالون قياديا في الفصائل بمدينة درعا", published="2016-05-03").events
    (e,) = pipeline.text("News Agency - وكالة الأنباء - قوات المعارضة تسيطر على بلدة الزيارة",
                         published="2016-05-03").events
    assert e.sub_event_type == "Non-state actor overtakes territory"
    assert not pipeline.text('هناك في المنطقة ثلاث قوى : " وحدات حماية الشعب " تسيطر على بعض القرى في ريف الحسكة',
                             published="2016-05-03").events
    doc = pipeline.text("قصفت الطائرات الحربية بلدة كفرنبل أمس. والمجموعات التي تختطف المدنيين في بلدة تادف معروفة",
                        published="2016-05-03")
    assert all(e.event_type != "Violence against civilians" for e in doc.events)


def test_a_clause_whose_toll_the_next_clause_tells_by_a_verb_of_result_is_an_event(pipeline):
    # rule toll_to_follow: "، وأسفر عن مقتل" gives its toll to the clause before, which is then anchored
    (e,) = pipeline.text("ووقع الانفجار داخل مقهى شعبي، وأسفر عن مقتل ستة أشخاص", published="2016-05-03").events
    assert e.event_type == "Explosions/Remote violence" and e.fatalities["value"] == 6
    # no toll told after the verb of result: nothing anchors it
    assert not pipeline.text("ووقع الانفجار داخل مقهى شعبي، وأسفر عن أضرار مادية", published="2016-05-03").events
