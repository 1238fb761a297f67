

def test_a_definite_singular_told_again_is_the_same_person():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    text = "اغتيال القيادي في الفصيل - اغتيال القيادي في الفصيل . اغتيل القيادي برصاص مجهولين"
    nt = NormText(text)
    assert combine(find_counts(nt, 0, len(nt.norm), default_lexicon()), "killed")["value"] == 1
    # two soldiers told with indefinite nouns are two people
    nt = NormText("قتل جندي في القصف وقتل جندي آخر برصاص قناص")
    assert combine(find_counts(nt, 0, len(nt.norm), default_lexicon()), "killed")["value"] == 2


def test_a_qualifier_after_the_counted_noun_qualifies_the_count():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import find_counts

    lex = default_lexicon()
    for text, want in (("أسفرت الغارات عن مقتل 29 شخصا على الأقل أمس", (29, "at_least")),
                       ("قتل 30 مدنيا تقريبا في القصف", (30, "about")),
                       ("قتل 30 مدنيا، على الأقل 5 منهم أطفال", (30, "exact"))):  # the next count's, not this one's
        nt = NormText(text)
        c = find_counts(nt, 0, len(nt.norm), lex)[0]
        assert (c.value, c.qualifier) == want, text


def test_a_war_long_tally_is_no_event_toll():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    nt = NormText("وتحولت الانتفاضة إلى حرب وحشية أودت بحياة أكثر من 70 ألف شخص")
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed") is None
    nt = NormText("وقتل 1429 شخصا في الهجوم الكيماوي على الغوطة")  # the largest single events stay
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == 1429


def _toll(text, measure="killed"):
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    nt = NormText(text)
    t = combine(find_counts(nt, 0, len(nt.norm), default_lexicon()), measure)
    return t and (t["value"], t["qualifier"])


def test_a_dual_counts_two_and_two_joined_singulars_too():
    """The spec: "مقتل حارسين" is 2. Only duals of nouns whose plural is another word ("جنود"): "مدنيين" is a plural."""
    assert _toll("قتل طفلان في غارة جوية على المدينة اليوم") == (2, "exact")
    assert _toll("وتم تسلم شهيدين وعشرات الجرحى في المستشفى") == (2, "exact")
    assert _toll("أدى القصف إلى مقتل جنديين وإصابة ثلاثة مدنيين") == (2, "exact")
    assert _toll("قتل ضابط ومجند من قوات الأمن في انفجار عبوة ناسفة") == (2, "exact")
    assert _toll("أعلنت الوزارة عن مقتل ضابط شرطة مصري ومجند، وإصابة ثلاثة آخرين في انفجار عبوة") == (2, "exact")
    assert _toll("قتل جندي وأصيب مدني في القصف") == (1, "exact")  # joined by a verb: two tolls, not two dead
    assert _toll("أدى القصف إلى مقتل مدنيين في البلدة") != (2, "exact")  # a plural (or dual): never read as two


def test_one_figure_for_the_dead_and_wounded_together_is_no_death_toll():
    assert _toll("أسفرت الغارات عن مقتل وإصابة نحو 25 قرويا") == (None, "unknown")
    assert _toll("ما أسفر عن وقوع أكثر من 50 قتيلا وجريحا في صفوف التنظيم") == (None, "unknown")
    assert _toll("قتل 5 عناصر وأصيب 10 آخرون في الهجوم") == (5, "exact")  # two figures: each its own
    assert _toll("قتل 5 عناصر وأصيب 10 آخرون في الهجوم", "injured") == (10, "exact")


def test_a_partys_name_after_min_is_the_counted_noun(pipeline):
    """"مقتل سبعة من قادة التنظيم", "قتل 15 من قوات النظام": the party is who died; not when no toll verb is
    right before the number or right after the party ("اعتقال 30 من الضباط" after an unrelated toll)."""
    (e,) = pipeline.text("وقتل 15 من قوات النظام في اشتباكات مع فصائل المعارضة في ريف حماة أمس.", published="2015-08-10").events
    assert (e.fatalities["value"], e.fatalities["of"], e.fatalities["group"]) == (15, "Syrian government forces", "combatants")
    (e,) = pipeline.text("اقتحمت قوات النظام بلدة كفرنبل في ريف إدلب أمس ما أدى إلى مقتل 22 شخصا وإصابة 26 آخرين "
                         "واعتقال 30 من الجيش الحر.", published="2015-08-10").events
    assert (e.fatalities["value"], e.injured["value"]) == (22, 26)


def _killed(text):
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    nt = NormText(text)
    got = combine(find_counts(nt, 0, len(nt.norm), default_lexicon()), "killed")
    return got and (got["value"], got["qualifier"])


def test_a_figure_with_no_counted_noun_right_after_a_toll_verb_is_the_toll():
    assert _killed("وقصفت الطائرات السوق مما أسفر عن مقتل 28 وإصابة 40 آخرين") == (28, "exact")
    assert _killed("وقتل 2 وأصيب 19 في المواجهات") == (2, "exact")
    assert _killed("أدى القصف إلى مقتل 12 على الأقل في البلدة") == (12, "at_least")
    # vague: killed and wounded told together, how many dead not said
    assert _killed("بعد مواجهات أسفرت عن مقتل وإصابة العشرات معظمهم من المسلحين") == (None, "unknown")
    # a word after the figure is what it counts; a sign says it is no count of people
    assert _killed("وخسر التنظيم 90 % من المدينة") is None
    assert _killed("وأدى القصف إلى إصابة 3 منازل بأضرار ومقتل 4 سيارات") is None


def test_a_figure_before_a_plural_toll_verb_is_its_subject():
    assert _killed("وأكد المصدر أن تسعة قتلوا في الغارة") == (9, "exact")
    # a figure of something else before the verb is not
    assert _killed("وذكر أن ستين منهم عادوا إلى البلاد وقتل آخرون") != (60, "exact")


def test_a_qualifier_set_off_by_commas_qualifies_the_count():
    assert _killed("وكان 5 أشخاص، على الأقل، قد قتلوا في الهجوم") == (5, "at_least")


def test_a_new_total_names_its_measure_far_before_the_figure():
    assert _killed("وارتفع عدد القتلى في الانفجار الذي وقع اليوم قرب مقر الحزب وسط المدينة، إلى 53 شخصا") == (53, "exact")
    # a total summed since a date is a tally, not the event's toll
    assert _killed("وقتل جنديان في الانفجار، وبذلك يرتفع عدد القتلى في صفوف الأمن منذ 20 تموز إلى 18 شخصا") == (2, "exact")


def test_one_person_named_by_trade_and_people_by_nationality():
    assert _killed("وأشار المركز إلى مقتل ناشط إعلامي في المدينة جراء غارة") == (1, "exact")
    assert _killed("لقي مزارع مصرعه بانفجار لغم أرضي في القرية") == (1, "exact")
    assert _killed("قتل خمسة عراقيين بينهم ثلاثة عناصر أمن في هجوم مسلح") == (5, "exact")
    # a counted noun before its number word
    assert _killed("وقتل أطفال أربعة في قصف مدفعي على القرية") == (4, "exact")


def test_a_new_total_set_off_by_commas_from_its_measure_is_the_toll(pipeline):
    doc = pipeline.text("وارتفع عدد القتلى في الانفجار، الذي وقع اليوم قرب مقر الحزب وسط مدينة دمشق، إلى 53 شخصا، "
                        "بالإضافة إلى عشرات الجرحى.", published="2013-02-21")
    tolls = [e.fatalities for e in doc.events if e.fatalities]
    assert tolls and (tolls[0]["value"], tolls[0]["qualifier"]) == (53, "exact")


def test_bombs_across_one_city_keep_their_toll_a_countrys_tally_does_not(pipeline):
    doc = pipeline.text("انفجرت ثماني سيارات ملغومة في أنحاء العاصمة بغداد صباح اليوم مما أسفر عن مقتل 28 شخصا على الأقل.",
                        published="2013-02-17")
    assert [(e.fatalities or {}).get("value") for e in doc.events] == [28]


def test_one_person_and_n_others_told_together_are_n_plus_one():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, want in (("قال المرصد إن قياديا في التنظيم وخمسة مسلحين أجانب آخرين قتلوا في غارة جوية", 6),
                       ("مقتل ضابط وثلاثة جنود آخرين في هجوم على الحاجز", 4),  # the one counted after the verb
                       ("قتل جندي وأصيب ثلاثة آخرون في هجوم على الحاجز", 1)):  # the others are the wounded
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == want, text


def test_one_of_them_a_person_and_his_kin_and_one_of_the_members():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, want in (("أعلنت مصادر طبية مقتل أحد الناشطين وإصابة اثنين بجروح", 1),
                       ("تعرض شرطيا مرور لهجوم مسلح أسفر عن مقتل أحدهما وإصابة الآخر", 1),
                       ("ولقي مدرس وزوجته مصرعهما بنيران مسلحين مجهولين", 2),
                       ("أسفر القصف عن مقتل امرأة وطفليها في البلدة", 3),  # role_words.tsv kin_two
                       ("بينما قتل قائد عسكري وأحد العناصر في الفصيل خلال اشتباكات", 2)):
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == want, text
    # one of the missiles fell: nobody counted
    nt = NormText("وأظهر شريط فيديو سحابة دخان بعد سقوط أحد الصواريخ على الحي")
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed") is None


def test_a_figure_between_dead_and_wounded_leaves_the_dead_unknown():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    nt = NormText("سقط نحو خمسين شخصا بين قتيل وجريح في قصف للطيران على المستشفى")
    got = combine(find_counts(nt, 0, len(nt.norm), default_lexicon()), "killed")
    assert (got["value"], got["qualifier"]) == (None, "unknown")


def test_an_updated_figure_replaces_the_earlier_one(pipeline):
    (e,) = pipeline.text("قتل أكثر من 40 شخصا في انفجار سيارة مفخخة في حي الوعر بمدينة حمص. وارتفع عدد قتلى الانفجار "
                         "في حي الوعر إلى 53 قتيلا.", published="2013-01-28").events
    assert (e.fatalities["value"], e.fatalities["qualifier"]) == (53, "exact")


def test_the_nominative_dual_of_a_singular_noun_is_two():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, want in (("قتل مجندان في الهجوم على الحاجز", 2), ("قتل ضابط ومجندان في انفجار عبوة ناسفة", 3)):
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == want, text


def test_one_killed_after_the_doer_between_verb_and_object(pipeline):
    (e,) = pipeline.text("قتل مسلحون مجهولون جنديا في مدينة الموصل مساء أمس.", published="2020-05-06").events
    assert e.fatalities["value"] == 1 and e.actor1["id"] == "Unidentified armed group"


def test_people_killed_in_a_number_not_said_and_a_dual_before_its_verb():
    assert _killed("قتل عناصر من قوات الأمن أمس في هجوم على الحاجز") == (None, "unknown")
    assert _killed("فيما قتل وأصيب عدد من مرافقيه بغارة على موكبه") == (None, "unknown")
    assert _killed("وقال المصدر إن شخصين قتلا في انفجار العبوة") == (2, "exact")
    assert _killed("قتل شرطيين اثنين في الهجوم") == (2, "exact")
    assert _killed("قتل أطفال أربعة في القصف") == (4, "exact")
    # the wounded counted by a vague number are no dead
    assert _killed("ما أدى إلى سقوط العشرات من الجرحى") is None


def test_one_figure_told_twice_is_one_toll_and_a_vague_total_is_its_known_part():
    assert _killed("مقتل 13 في انفجار سيارة مفخخة قال مسؤولون إن 13 شخصا قتلوا في السوق") == (13, "exact")
    assert _killed("مقتل 13 جنديا و13 مسلحا في المعارك") == (26, "exact")
    assert _killed("مقتل خمسة أشخاص و5 آخرين في القصف") == (10, "exact")
    assert _killed("قتل 5 مدنيين في قصف على البلدة، وقتل 5 آخرون في قصف على القرية المجاورة") == (10, "exact")
    assert _killed("قتل شرطي في الهجوم الأول ولقي شخص مصرعه في الثاني") == (2, "exact")
    assert _killed("قتل العشرات بينهم ثلاثة أطفال في الغارة") == (3, "at_least")


def test_a_new_total_told_with_no_counted_noun_after_it():
    def kill(text):
        got = _killed(text)
        return got and got[0]

    assert kill("مصادر طبية: ارتفاع قتلى اشتباكات المدينة إلى 7.. وعشرات الجرحى في المستشفيات") == 7
    assert kill("وارتفع عدد القتلى في الانفجار إلى 12 والجرحى إلى 40") == 12
    # a running total since a day is no event's toll
    assert kill("ويرتفع إجمالي عدد القتلى في صفوف الشرطة إلى 60 على الأقل منذ 20 تموز") is None
    assert kill("ارتفعت درجات الحرارة إلى 40 .") is None


def test_a_breakdown_of_a_toll_names_whose_dead_they_were(pipeline):
    (e,) = pipeline.text("أعلن الجيش مقتل 30 عنصرا من بينهم ثلاثة من قياديي داعش في عمليات عسكرية قرب مدينة الفلوجة أمس.",
                         published="2016-03-10").events
    assert e.fatalities["value"] == 30 and e.fatalities["of"] == "ISIS", e.fatalities


def test_a_toll_summed_over_weeks_is_no_events_toll(pipeline):
    """A toll over a week or more of strikes is a tally: not the toll of the attack told just before it."""
    doc = pipeline.text("هاجم مسلحون من حزب العمال الكردستاني موقعا للجيش التركي في بلدة مديات مساء أمس، وذكرت الوكالة أن نحو 300 مقاتل من الحزب قتلوا "
                        "وجرح 200 آخرون خلال أسبوعين من الغارات الجوية على قواعد المتمردين.", published="2015-08-10")
    assert doc.events and all((e.fatalities or {}).get("value") != 300 for e in doc.events)


def test_another_sides_figure_joined_to_a_toll_adds_to_it(pipeline):
    """"N من X وM من Y": the second side's figure, joined by و, counts the same toll (the spec: sides add up)."""
    for text, want in (("اندلعت اشتباكات بين الطرفين في بلدة دماج مما أدى إلى مقتل سبعة من الحوثيين واثنين من السلفيين", 9),
                       ("قتل 5 من عناصر تنظيم داعش و3 من الجيش في المعارك في مدينة تدمر", 8),
                       ("قتل 5 من عناصر تنظيم داعش وأسر 3 من الجيش في المعارك في مدينة تدمر", 5)):
        doc = pipeline.text(text, published="2015-08-10")
        assert [(e.fatalities or {}).get("value") for e in doc.events] == [want], text


def test_a_figure_of_dead_and_wounded_told_as_dead_in_a_headline_is_no_death_toll(pipeline):
    """The headline shortens "أكثر من 50 قتيلا وجريحا" to "50 قتيلا": the dead stay unknown (the spec)."""
    doc = pipeline.text("50 قتيلا بغارات على سوق في مدينة الحويجة\nاستهدفت مقاتلات التحالف الدولي سوقا في مدينة الحويجة "
                        "أمس، ما أسفر عن وقوع أكثر من 50 قتيلا وجريحا في صفوف التنظيم.", published="2015-08-01")
    tolls = [e.fatalities for e in doc.events if e.fatalities]
    assert tolls and all(t["value"] is None and t["qualifier"] == "unknown" for t in tolls), tolls


def test_members_counted_by_fard_are_a_toll():
    """"فرد" (a member of a family or tribe) is a counted noun: its accusative after a figure, its dual, its singular."""
    assert _toll("قتل حوالي 29 فردا من القبيلة وجرح أربعة في الاشتباكات") == (29, "about")
    assert _toll("أسفر الاشتباك عن مقتل فردين من العائلة") == (2, "exact")
    assert _toll("قتل فرد من العائلة برصاص مجهولين") == (1, "exact")


def test_a_toll_summed_over_years_is_a_tally(pipeline):
    doc = pipeline.text("وقدمت قوات الشرطة في مدينة العريش خلال الـ11 عاما الماضية 13 قتيلا في مواجهات مع المسلحين.",
                        published="2015-08-10")
    assert all((e.fatalities or {}).get("value") != 13 for e in doc.events)


def test_suspects_killed_in_a_raid_are_a_toll():
    assert _toll("وأسفرت المداهمة عن مقتل سبعة مشتبهين واعتقال 13 آخرين") == (7, "exact")
    assert _toll("قتل مشتبه به في تبادل لإطلاق النار مع الشرطة") == (1, "exact")


def test_the_arrested_are_never_the_dead():
    """Arrests are a count of the captured ("اعتقال", "اعتقلت", "القبض على"): "مقتل سبعة مشتبهين واعتقال 13 آخرين" is
    seven dead; an arrest told after a comma does not take the figure before it."""
    assert _toll("وأسفرت المداهمة عن مقتل سبعة مشتبهين واعتقال 13 آخرين") == (7, "exact")
    assert _toll("أعلنت الشرطة عن اعتقال ثلاثة أشخاص يشتبه في مشاركتهم في قتل الشرطيين") is None
    assert _toll("وقالت المنظمة إن الجماعة قتلت 88 مدنيا، واعتقلت 25 آخرين") == (88, "exact")
    assert _toll("وأكدت آخر حصيلة رسمية سقوط 31 قتيلا هم 10 عسكريين و21 مدنيا، وإصابة أكثر من 110 بجروح") == (31, "exact")
    assert _toll("قتل 123 شخصا هم 79 مدنيا و21 مقاتلا و23 جنديا في أعمال العنف") == (123, "exact")


def test_a_part_of_the_dead_told_in_its_own_clause_is_no_second_toll(pipeline):
    """"وبين القتلى 12 طفلا" / "وبينهم" / "ومن بين الضحايا": a part of the toll, told apart from its total, adds
    nothing to it and never conflicts with it (one event, the total's toll); with no total told, the part is the
    toll, at least (the spec); a part of that part ("منهم ثلاث نساء") is not added."""
    doc = pipeline.text("قتل 26 شخصا في غارات على البلدة. وبين القتلى 12 طفلا قتلوا في القصف.", published="2019-05-12")
    assert [(e.fatalities or {}).get("value") for e in doc.events] == [26]
    doc = pipeline.text("قتل 26 شخصا في غارات على البلدة، وبينهم 5 عناصر من الشرطة قتلوا في الهجوم.", published="2019-05-12")
    assert [(e.fatalities or {}).get("value") for e in doc.events] == [26]
    (e,) = pipeline.text("وقال المرصد إن من بين القتلى 5 مدنيين، منهم ثلاث نساء قتلن في قصف على البلدة.",
                         published="2019-05-12").events
    assert (e.fatalities["value"], e.fatalities["qualifier"]) == (5, "at_least"), e.fatalities


def test_a_vague_number_in_the_accusative_or_another_number_of():
    """numbers.tsv: "أن عددا من ... قتلوا", "عدد آخر من" are vague numbers: the dead in a number not said."""
    assert _killed("وأضاف أن عددا من عناصر التنظيم قتلوا في القصف") == (None, "unknown")
    assert _killed("وقتل عدد آخر من عناصر التنظيم في القصف") == (None, "unknown")
    # what is counted must be people told dead: arrests and vehicles are no toll
    assert _killed("واعتقلت القوات عددا من المطلوبين في المدينة") is None


def test_an_execution_kills_the_executed_a_death_sentence_does_not():
    """cues.tsv kill: "أعدم", "إعدام"; "حكما بإعدام" (a court's sentence) stays no toll."""
    assert _killed("أعدم التنظيم ثلاثة شبان في ساحة البلدة") == (3, "exact")
    assert _killed("وأقدمت الجماعة على إعدام خمسة مدنيين رميا بالرصاص") == (5, "exact")
    assert _killed("أصدرت المحكمة حكما بإعدام خمسة متهمين") is None


def test_a_counted_noun_that_opens_a_partys_name_is_that_partys(pipeline):
    """"أحد رجال الشرطة": "رجال" opens the name of the police, so no name follows the noun; the dead are the
    police's all the same (rule noun_opens_party), and each side's dead add up."""
    (e,) = pipeline.text("قتل أحد رجال الشرطة في هجوم مسلح على حاجز في مدينة العريش أمس.", published="2016-03-02",
                         outlet="Youm7").events
    assert (e.fatalities["value"], e.fatalities["of"], e.fatalities["group"]) == (1, "Egyptian police", "combatants")
    (e,) = pipeline.text("قتل 12 من مسلحي الحوثي في مواجهات مع المقاومة الشعبية في مأرب، فيما قتل أحد رجال المقاومة.",
                         published="2016-03-02").events
    assert e.fatalities["value"] == 13


def test_a_sniper_a_leader_and_an_officer_by_rank_count_one(pipeline):
    """toll_nouns.tsv: "قناص", "زعيم" and ranks ("نقيب", "ملازم") are people; one of them after a toll verb is one dead."""
    for text in ("قصفت الفصائل مواقع قوات النظام في حي جوبر ما أدى لمقتل قناص تابع لها.",
                 "أعلنت وزارة الدفاع أن غارة جوية للتحالف أدت إلى مقتل زعيم جماعة متشددة في ريف إدلب.",
                 "قتل نقيب في الجيش في هجوم مسلح على حاجز قرب مدينة العريش أمس."):
        tolls = [e.fatalities for e in pipeline.text(text, published="2016-03-02").events if e.fatalities]
        assert tolls and (tolls[0]["value"], tolls[0]["qualifier"]) == (1, "exact"), text


def test_dead_told_also_in_the_next_sentence_add_to_the_event(pipeline):
    """"وقتل أيضا ..." opening the next sentence, with no event word nor place of its own, tells more dead of the
    event just told (rule toll_also): another side's dead add up; a sentence with its own place is another item."""
    (e,) = pipeline.text("أسفرت غارة جوية للتحالف على قرية في ريف الحسكة عن مقتل ستة مدنيين. "
                         "وقتل أيضا أربعة من عناصر داعش كانوا في المبنى نفسه.", published="2016-03-02").events
    assert (e.fatalities["value"], e.fatalities["qualifier"]) == (10, "exact")
    events = pipeline.text("أسفرت غارة جوية للتحالف على قرية في ريف الحسكة عن مقتل ستة مدنيين. "
                           "وقتل أيضا أربعة من عناصر داعش في مدينة الرقة.", published="2016-03-02").events
    assert all((e.fatalities or {}).get("value") != 10 for e in events)


def test_the_other_sides_dead_told_in_its_turn_add_to_the_fight(pipeline):
    """"من جهتها قالت مصادر قبلية إن خمسة من أفراد القبيلة قتلوا" after a fight whose toll counted one named side tells the
    other side's dead (rule other_side_dead): they add up; a figure of no side ("35 شخصا") is not added."""
    told = "قتل نحو 12 من الحوثيين في اشتباكات مع مسلحي القبائل في مديرية أرحب. "
    (e,) = pipeline.text(told + "من جهتها، قالت مصادر قبلية إن خمسة من أفراد القبيلة قتلوا وجرح عشرة.",
                         published="2016-03-02").events
    assert (e.fatalities["value"], e.fatalities["qualifier"]) == (17, "about")
    (e,) = pipeline.text(told + "من جهتها، قالت مصادر طبية إن 35 شخصا قتلوا.", published="2016-03-02").events
    assert e.fatalities["value"] == 12


def test_worshippers_killed_are_civilians(pipeline):
    """toll_nouns.tsv: "مصليا", "المصلين" are civilians counted; the bombing hit Civilians."""
    (e,) = pipeline.text("فجر انتحاري حزاما ناسفا في مسجد بمدينة كابول أمس ما أدى إلى مقتل 20 مصليا.",
                         published="2017-05-12").events
    assert (e.fatalities["value"], e.fatalities["group"], e.actor2["id"]) == (20, "civilians", "Civilians")


def test_captives_killed_are_dead_not_taken(pipeline):
    """"أعدم تنظيم داعش خمسة أسرى" (its doer between the verb and the figure) counts five dead; "3 جثث وأربعة أسرى" held
    are three dead and four captured."""
    (e,) = pipeline.text("أعدم تنظيم داعش خمسة أسرى من قوات النظام في مدينة الرقة أمس.", published="2016-03-02").events
    assert (e.fatalities["value"], e.fatalities["qualifier"]) == (5, "exact")
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    nt = NormText("كشف القائد عن وجود 3 جثث وأربعة أسرى من الحزب لدى الفصائل")
    counts = find_counts(nt, 0, len(nt.norm), default_lexicon())
    assert (combine(counts, "killed") or {}).get("value") == 3


def test_a_lawyer_or_a_teacher_killed_is_a_civilian(pipeline):
    """toll_nouns.tsv: lawyers, teachers and pharmacists are people of no armed side: the dead are civilians, actor 2."""
    (e,) = pipeline.text("أعدم تنظيم داعش محامياً رمياً بالرصاص في مدينة الرقة أمس.", published="2016-03-10").events
    assert (e.actor2 or {}).get("id") == "Civilians"
    assert (e.fatalities["value"], e.fatalities["group"]) == (1, "civilians")


def test_a_qualifier_after_the_counted_partys_name_qualifies_the_count():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import find_counts

    lex = default_lexicon()
    for text, want in (("أسفر القصف عن مقتل 14 من مقاتلي الجماعة على الأقل في البلدة", (14, "at_least")),
                       ("قتل 9 عناصر من الشرطة المحلية تقريبا", (9, "about")),
                       # another figure between: the qualifier is that one's
                       ("قتل 9 عناصر من الشرطة وإصابة 20 على الأقل", (9, "exact"))):
        nt = NormText(text)
        c = find_counts(nt, 0, len(nt.norm), lex)[0]
        assert (c.value, c.qualifier) == want, text


def test_a_person_and_a_dual_joined_are_three():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, want in (("أسفر الكمين عن مقتل ضابط وجنديين قرب المعبر", 3),
                       ("أعلنت الوزارة استشهاد ضابط ومجندين في الهجوم على النقطة", 3),
                       ("أعلنت الوزارة استشهاد ضابط ومجند في الهجوم على النقطة", 2)):
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == want, text


def test_a_toll_of_an_event_recalled_by_its_distance_in_days_is_not_the_previous_events(pipeline):
    text = ("وقال ناشطون إن مقاتلين هاجموا ثكنة للجيش في بلدة خان الشيح يوم الأربعاء. وأضافوا إن الاشتباكات تصاعدت "
            "بعد يومين من مهاجمة المقاتلين حاجزا في المنطقة مما أسفر عن مقتل 12 جنديا.")
    events = pipeline.text(text, published="2016-03-02").events
    assert events and all((e.fatalities or {}).get("value") is None for e in events)


def test_a_hundred_and_tens_are_one_number():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, want in (("وقال المصدر إن الغارات خلفت مائة وعشرين قتيلا في البلدة", 120),
                       ("قتل مئتان وخمسة وعشرون شخصا في القصف على السوق", 225),
                       ("قتل مائة شخص وأصيب خمسون في القصف على السوق", 100)):
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == want, text


def test_a_qualified_breakdown_is_a_part_of_the_toll():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    nt = NormText("أسفر القصف على أحياء المدينة عن مقتل أكثر من 60 مدنيا بينهم نحو 15 طفلا")
    t = combine(find_counts(nt, 0, len(nt.norm), lex), "killed")
    assert (t["value"], t["qualifier"]) == (60, "more_than")
    nt = NormText("هاجم الأهالي المعسكر فسقط بينهم حوالي ثلاثين قتيلا")  # no total before: the toll itself
    t = combine(find_counts(nt, 0, len(nt.norm), lex), "killed")
    assert (t["value"], t["qualifier"]) == (30, "about")


def test_a_definite_rank_or_trade_after_the_toll_verb_is_one_person():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, want in (("وقال إن الاشتباك نجم عنه استشهاد النقيب سامر خليل وإصابة أربعة من عناصر الأمن", 1),
                       ("أسفر انفجار العبوة قرب المدرسة عن مقتل الطفل يوسف كمال", 1),
                       # told first without the article, then with it: the same person
                       ("اغتيال صحفي في المدينة - اغتيل الصحفي سامر خليل برصاص مجهولين", 1)):
        nt = NormText(text)
        t = combine(find_counts(nt, 0, len(nt.norm), lex), "killed")
        assert t is not None and t["value"] == want, text
    nt = NormText("اتهمونا بقتل الشهيد الجندي عقب تعذيبه")  # an epithet of one already dead, no toll verb before it
    assert (combine(find_counts(nt, 0, len(nt.norm), lex), "killed") or {}).get("value") != 1


def test_two_named_ranks_joined_are_two_people():
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    nt = NormText("انفجرت عبوة بالمدرعة مما أسفر عن استشهاد النقيب سامر خليل معاون المباحث والمجند يوسف كمال وإصابة آخرين")
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == 2
    nt = NormText("أسفر القصف عن مقتل الطفل يوسف كمال، والمواطن سامر خليل أصيب بجروح")  # a sign between: one
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == 1


def _killed_value(text: str):
    """The number killed that the text's counts add up to (None: no toll)."""
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    nt = NormText(text)
    return (combine(find_counts(nt, 0, len(nt.norm), default_lexicon()), "killed") or {}).get("value")


def test_a_killing_the_event_answers_is_not_its_toll():
    for text in ("تظاهر المئات أمام مديرية الأمن احتجاجا على مقتل شاب برصاص الشرطة",
                 "قصفت المدفعية مواقع المسلحين قرب الحدود ردا على مقتل جنديين",
                 "هاجم مسلحون من القبيلة حاجزا للجيش انتقاما لمقتل ثلاثة من أبنائها"):
        assert _killed_value(text) is None, text
    assert _killed_value("تأتي تصريحاته على خلفية مقتل 20 شخصا جراء تفجير انتحاري في المدينة") == 20  # the event it tells


def test_a_killing_someone_is_charged_with_is_not_the_toll():
    for text in ("ألقت الشرطة القبض على شاب بتهمة قتل مزارع في القرية",
                 "اعتقلت قوات الأمن ثلاثة أشخاص متهمين بقتل شرطي",
                 "اندلعت اشتباكات بين عائلتين بعد اتهام شاب من إحداهما بقتل أحد أبناء الأخرى"):
        assert _killed_value(text) is None, text


def test_a_toll_spread_over_many_places_is_a_tally(pipeline):
    # cues.tsv tally "توزعوا": a day's dead over a country is no event's toll
    doc = pipeline.text("وقالت لجان التنسيق إن الفصائل سيطرت على بلدة كفرنبل عقب اشتباكات عنيفة مع قوات النظام، مشيرة "
                        "إلى سقوط 101 قتيل توزعوا بواقع 48 في دمشق و22 في حلب وسبعة في درعا.", published="2013-02-02")
    (e,) = doc.events
    assert e.fatalities is None or e.fatalities.get("value") != 101


def test_a_person_named_among_the_dead_is_a_part_of_their_toll(pipeline):
    from types import SimpleNamespace

    from rasid.arabic import NormText
    from rasid.coding.tolls import event_toll
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    nt = NormText("وأكدت المصادر أن من بين القتلى القيادي فارس المطري")
    part = combine(find_counts(nt, 0, len(nt.norm), lex), "killed")
    assert (part["value"], part["qualifier"]) == (1, "at_least")  # a part, no exact toll of one
    # the figure of them all beats the part; a smaller figure, another event's, does not
    ctx = SimpleNamespace(trace=None)
    for total, want in ((14, 14), (1, 1)):
        whole = {"value": total, "qualifier": "exact", "group": "unknown", "of": None}
        big = {"value": 20, "qualifier": "at_least", "group": "unknown", "of": None, "part": True}
        got = event_toll(ctx, [SimpleNamespace(fatalities=whole)], SimpleNamespace(fatalities=part), "fatalities")
        assert got["value"] == want
        got = event_toll(ctx, [SimpleNamespace(fatalities=whole)], SimpleNamespace(fatalities=big), "fatalities")
        assert got["value"] == 20
    # one event: the retelling that names a leader among the dead joins the attack of 14
    (e,) = pipeline.text("أعلنت المقاومة الشعبية في مديرية الزاهر أنها قتلت 14 من عناصر ميليشيا الحوثي في هجوم على "
                         "مواقعهم أمس. وأكدت المصادر أن من بين القتلى القيادي الحوثي فارس المطري، وذلك خلال الهجوم "
                         "الذي نفذته المقاومة.", published="2016-05-03").events
    assert e.fatalities["value"] == 14


def test_a_sentence_telling_how_many_dead_the_event_had_gives_it_its_figure(pipeline):
    text = ("انهار مبنى على سكانه في قصف على حي الشعار في مدينة حلب مما أدى إلى سقوط عشرات القتلى. وأفاد مسعفون أن "
            "عدد قتلى انهيار المبنى بلغ حتى المساء 23 قتيلا و40 جريحا.")
    (e,) = pipeline.text(text, published="2016-05-03").events
    assert (e.fatalities["value"], e.fatalities["qualifier"]) == (23, "exact")
    # a figure already told stays; a count over months is a tally, no one event's toll
    (e,) = pipeline.text("قتل 5 مدنيين في قصف على حي الشعار في مدينة حلب. وقال ناشطون إن عدد ضحايا القصف منذ "
                         "بداية العام بلغ 300 قتيل.", published="2016-05-03").events
    assert e.fatalities["value"] == 5


def test_a_charge_whose_accused_has_an_apposition_is_still_a_charge(pipeline):
    (e,) = pipeline.text("فضت قوات الأمن اشتباكات بين عائلتين في قرية الحامول بمحافظة كفر الشيخ، بعد اتهام «سامر»، شقيق "
                         "«وليد»، بقتل أحد أبناء العائلة الأخرى.", published="2016-05-03").events
    assert e.fatalities is None
    # one comma alone ends the charge: what follows is the toll
    assert _killed_value("اعتقل الشاب بتهمة الإرهاب، بقتل 3 من عناصر الشرطة في الاشتباك") == 3


def test_one_sides_figure_told_twice_is_one_figure_before_the_sides_add_up():
    from types import SimpleNamespace as NS

    from rasid.coding.tolls import event_toll

    def t(v, of, q="exact"):
        return {"value": v, "qualifier": q, "group": "combatants", "of": of}

    ctx = NS(trace=None)
    # "قتل 15 من الحوثيين في مواجهات ..." then "إن نحو 15 من الحوثيين قتلوا، فيما قتل أحد رجال المقاومة"
    head = NS(fatalities=t(15, "Houthis"), sentence=0)
    g = [NS(fatalities=t(15, "Houthis", "about"), sentence=90), NS(fatalities=t(1, "Popular Resistance (Yemen)"), sentence=90)]
    got = event_toll(ctx, g, head, "fatalities")
    assert (got["value"], got["qualifier"]) == (16, "exact")
    # the other side's figure in a sentence of its own, never told with the first: no sum
    g = [NS(fatalities=t(15, "Houthis"), sentence=90), NS(fatalities=t(12, "Iranian forces"), sentence=200)]
    assert event_toll(ctx, g, head, "fatalities")["value"] == 15


def test_one_person_told_again_in_the_same_words_is_one_person():
    # a title the page repeats
    assert _killed_value("اغتيال قيادي في كتائب الفجر في ريف درعا - موقع الخبر اليوم اغتيال قيادي في كتائب الفجر في ريف "
                         "درعا القيادي") == 1
    assert _killed_value("قتل جندي في القصف على البلدة وقتل جندي آخر برصاص قناص") == 2


def test_a_toll_over_a_span_of_months_is_a_tally(pipeline):
    """Rule toll_over_months: dead told over a span from one month to another ("منذ أواخر مارس وحتى منتصف يوليو")
    are a campaign's tally, no one event's toll; the same toll told for one day's fighting stays."""
    events = pipeline.text("شهدت أحياء المدينة منذ مطلع شباط الماضي وحتى أواخر أيار معارك عنيفة بين المقاومة والحوثيين "
                           "سقط خلالها نحو 90 قتيلا.", published="2015-09-01").events
    assert all((e.fatalities or {}).get("value") != 90 for e in events)
    (e,) = pipeline.text("شهدت أحياء مدينة تعز أمس معارك عنيفة بين المقاومة والحوثيين سقط خلالها نحو 90 قتيلا.",
                         published="2015-09-01").events
    assert e.fatalities["value"] == 90


def test_the_bomber_listed_with_the_dead_is_no_bombing_of_the_clause(pipeline):
    """Rule bomber_among_dead: "إلى جانب الانتحاري" in a clause that tells a killing and another event word lists
    the bomber with the dead; the clause tells the clash, whose toll the dead are, not the bombing."""
    events = pipeline.text("فجر انتحاري سيارة مفخخة عند حاجز للجيش في مدينة العريش أمس. ثم اندلعت اشتباكات بين "
                           "الجيش ومسلحين قرب الحاجز استمرت ساعات. وقتل ثلاثة مسلحين في الاشتباكات، إلى جانب الانتحاري، "
                           "بحسب مصدر أمني.", published="2016-05-02").events
    bomb = [e for e in events if e.sub_event_type == "Suicide bomb"]
    clash = [e for e in events if e.event_type == "Battles"]
    assert bomb and clash and bomb[0].fatalities is None and clash[0].fatalities["value"] == 3


def test_a_range_is_its_lower_figure_at_least():
    # rule toll_range: the lower figure, not the upper nor their sum; "من ... إلى" is a toll rising, not a range
    assert _toll("قتل ما بين 12 و18 شخصا في الغارة على السوق") == (12, "at_least")
    assert _toll("أسفر القصف عن سقوط 12 إلى 18 قتيلا") == (12, "at_least")
    assert _toll("أسفر القصف عن سقوط 12 - 18 قتيلا") == (12, "at_least")
    assert _toll("قتل بين ستة وتسعة مسلحين في الكمين") == (6, "at_least")
    assert _toll("ارتفع عدد القتلى من 12 إلى 18 قتيلا")[0] == 18


def test_a_qualifier_across_the_article_glued_to_the_figure():
    # rule qualifier_across_article
    assert _toll("قتل قرابة الـ40 عنصرا في الاشتباكات") == (40, "about")
    assert _toll("قتل أكثر من الـ 30 مدنيا في القصف") == (30, "more_than")


def test_number_words_of_hundreds_and_estimates():
    # numbers.tsv: the construct "مئتي", the hundreds from six to nine, hundreds in two words; qualifiers.tsv: يناهز,
    # على أقل تقدير
    assert _toll("قتل نحو مئتي عنصر في المعارك") == (200, "about")
    assert _toll("قتل سبعمئة شخص في المجزرة") == (700, "exact")
    assert _toll("قتل ثلاث مئة شخص في المجزرة") == (300, "exact")
    assert _toll("قتل ما يناهز 40 شخصا في القصف") == (40, "about")
    assert _toll("قتل 40 شخصا على أقل تقدير في القصف") == (40, "at_least")


def test_a_vague_amount_in_the_construct_is_a_toll_of_no_number():
    # rule vague_construct
    assert _toll("قتل عشرات الأشخاص في القصف على البلدة") == (None, "unknown")
    assert _toll("قتل مئات الأشخاص في المجزرة") == (None, "unknown")


def test_one_person_before_his_verb_with_his_party_between():
    # rule party_before_verb: "أن عنصرا من/في PARTY قتل" is one dead
    assert _killed("وأوضح الضابط أن حارسا في الدفاع المدني قتل بانفجار لغم قرب القرية") == (1, "exact")
    assert _killed("وقال مسؤول إن مزارعا من أهالي البلدة قتل برصاص قناص") == (1, "exact")
    # the one before an active verb with its object is the killer, not the dead
    assert _killed("وذكر أن مسلحا من العصابة قتل حارسا في السوق") == (1, "exact")


def test_a_number_word_after_a_noun_and_its_adjective_counts_them():
    # rule adjective_before_number: "مقتل جنديين فرنسيين اثنين" is two, killed (the verb before the noun)
    assert _killed("وأعلن الجيش مقتل جنديين فرنسيين اثنين في كمين قرب الحدود") == (2, "exact")
    assert _killed("أقدم المسلحون على إعدام مزارعين سودانيين اثنين في الوادي") == (2, "exact")
    assert _toll("أعلن المصدر مقتل حارسين اثنين وجرح خمسة آخرين في الهجوم على المصرف", "injured") == (5, "exact")


def test_a_figure_joined_to_one_person_after_the_verb_is_killed_too():
    # rule other_side_joined_to_one: "مقتل ضابط وسبعة من عناصر ..." is eight dead, not seven wounded
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import find_counts

    nt = NormText("أسفر الكمين عن مقتل حارس وخمسة من عناصر العصابة وإصابة أربعة آخرين")
    got = [(c.value, c.measure) for c in find_counts(nt, 0, len(nt.norm), default_lexicon())]
    assert (5, "killed") in got and (5, "injured") not in got


def test_a_sentence_opening_with_what_that_brought_about_gives_its_toll_to_the_event_before(pipeline):
    """"وأدى ذلك إلى مقتل ...": the sentence goes on with the event just told (rule led_to_toll)."""
    (e,) = pipeline.text("أطلقت القوات قذائف على مواقع المسلحين قرب بلدة كفرنبل. وأدى ذلك إلى مقتل أربعة منهم وإصابة "
                         "سبعة.", published="2016-03-02").events
    assert (e.fatalities["value"], e.injured["value"]) == (4, 7)


def test_a_relative_named_by_kinship_after_a_toll_word_is_one_person():
    """toll_nouns.tsv kinship nouns: "مقتل نجل قائد الفصيل", "إصابة شقيقه" count one person each."""
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, measure in (("أعلن المرصد مقتل نجل قائد الفصيل في قصف على البلدة", "killed"),
                          ("وأفاد ناشطون باغتيال شقيق رئيس المجلس المحلي في القرية", "killed"),
                          ("قتل مزارع وأصيب شقيقه بشظايا قذيفة سقطت قرب منزلهما", "injured")):
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), measure)["value"] == 1, text


def test_a_construct_dual_after_a_toll_word_is_two():
    """toll_nouns.tsv construct duals: "مقتل ضابطي شرطة", "إصابة رجلي أمن" count two."""
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text, measure in (("وأعلنت الداخلية مقتل ضابطي شرطة في هجوم على نقطة تفتيش", "killed"),
                          ("وأسفر الانفجار عن إصابة رجلي أمن كانا يحرسان المبنى", "injured")):
        nt = NormText(text)
        assert combine(find_counts(nt, 0, len(nt.norm), lex), measure)["value"] == 2, text


def test_civilians_in_the_plural_without_a_number_are_unknown_not_two():
    """toll_nouns.tsv "مدنيين": alone after a toll word it is a plural, how many not said (not a dual); with "اثنين"
    it is two."""
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    nt = NormText("وأسفر القصف المدفعي عن مقتل مدنيين في الحي الشرقي")
    got = combine(find_counts(nt, 0, len(nt.norm), lex), "killed")
    assert got is not None and got["value"] is None and got["qualifier"] == "unknown"
    nt = NormText("وأسفر القصف المدفعي عن مقتل مدنيين اثنين في الحي الشرقي")
    assert combine(find_counts(nt, 0, len(nt.norm), lex), "killed")["value"] == 2


def test_people_of_a_place_counted_are_civilians():
    """toll_nouns.tsv "من سكان", "من أهالي": "قال إن أربعة من سكان القرية قتلوا" counts four civilians."""
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text in ("وقال رئيس البلدية إن أربعة من سكان القرية قتلوا برصاص مجهولين",
                 "وأفاد ناشطون بمقتل أربعة من أهالي الحي في القصف"):
        nt = NormText(text)
        got = combine(find_counts(nt, 0, len(nt.norm), lex), "killed")
        assert got["value"] == 4 and got["group"] == "civilians", text


def test_the_active_verb_of_wounding_counts_the_wounded_not_the_dead():
    """cues.tsv "أصابوا", "جرحوا": "قتلوا اثنين وأصابوا ثلاثة آخرين" is two dead and three hurt, not five dead."""
    from rasid.arabic import NormText
    from rasid.lexicon import default_lexicon
    from rasid.tolls import combine, find_counts

    lex = default_lexicon()
    for text in ("وقال المصدر إن المهاجمين قتلوا ثلاثة من الحراس وأصابوا خمسة آخرين قرب المعبر",
                 "وقال المصدر إن المهاجمين قتلوا ثلاثة من الحراس وجرحوا خمسة آخرين قرب المعبر"):
        nt = NormText(text)
        counts = find_counts(nt, 0, len(nt.norm), lex)
        assert combine(counts, "killed")["value"] == 3, text
        assert combine(counts, "injured")["value"] == 5, text


def test_lost_right_before_its_count_is_gone_missing():
    """Rule lost_as_missing: the passive "فُقد" before its count is missing, not dead; with a subject, the subject's own
    men or lives lost it stays a death, and "فقدان ... لحياتهم" is a death."""
    assert _toll("قتل ثلاثة جنود وفقد 12 آخرون في هجوم على الحاجز") == (3, "exact")
    assert _toll("قتل ثلاثة جنود وفقد 12 آخرون في هجوم على الحاجز", "missing") == (12, "exact")
    assert _toll("وفقد نحو عشرة جنود في الهجوم", "missing") == (10, "about")
    assert _toll("وفقد الجيش 20 جنديا في المعركة") == (20, "exact")
    assert _toll("وفقدت الكتيبة في المعركة 4 من عناصرها") == (4, "exact")
    assert _toll("وفقدت 4 من عناصرها في المعركة") == (4, "exact")
    assert _toll("وفقد 30 شخصا حياتهم في القصف") == (30, "exact")
    assert _toll("أدى القصف إلى فقدان 6 أشخاص لحياتهم") == (6, "exact")
