

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
