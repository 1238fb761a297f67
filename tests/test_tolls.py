

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
