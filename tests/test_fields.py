"""The fields of a report event told in several clauses (a toll, then where it happened, then what a source added):
invented texts, each a document."""


def test_an_event_whose_head_names_no_place_is_where_its_first_placed_clause_tells(pipeline):
    # rule place_of_the_telling_clause: the head (the toll) names no place, nor its sentence; the first clause that
    # names a place itself says where, not every place another clause names ("مصادر أمنية في بغداد" is the source's)
    (e,) = pipeline.text("قتل ثلاثة أشخاص وأصيب عشرون في الاشتباكات. وقالت الشرطة إن الاشتباكات دارت في حي الكرادة بين "
                         "عشيرتين بسبب خلاف على أرض. وذكرت مصادر أمنية في بغداد أن قوات الأمن سيطرت على الاشتباكات "
                         "مساء أمس.", published="2015-08-09").events
    assert e.fatalities["value"] == 3 and len(e.evidence) == 3
    assert [loc["text"] for loc in e.locations] == ["الكرادة"]
