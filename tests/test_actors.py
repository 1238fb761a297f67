"""Parties across theatres: the actor lexicon, aliases read in the country a text is set in, states named
by a nationality or a country, allies, civilians said unharmed, sources. Invented sentences."""
import pytest

from conftest import SHARED

PUBLISHED = "2016-03-10"

# ids the shared spec lists that the lexicon must carry (spec/actors.tsv, "Rules for the hard cases")
SPEC_IDS = ["AKP", "Afghan forces", "Algerian forces", "Iraqi police", "Iraqi tribal fighters", "Islah", "Komala",
            "Libyan forces", "MEK", "PJAK", "SLA", "Sahwa", "Southern Movement", "Sudanese forces", "Taliban"]


def _events(pipeline, text):
    return pipeline.text(text, published=PUBLISHED).events


def _one(pipeline, text, event_type=None):
    evs = [e for e in _events(pipeline, text) if event_type is None or e.event_type == event_type]
    assert len(evs) == 1, (text, [(e.event_type, e.actor1, e.actor2) for e in evs])
    return evs[0]


def _id(a):
    return a["id"] if a else None


def test_every_spec_id_has_a_row():
    from rasid.lexicon import default_lexicon

    lex = default_lexicon()
    assert not [i for i in SPEC_IDS if i not in lex.actors]
    spec = SHARED / "spec" / "actors.tsv"
    if spec.exists():  # the whole shared list, when it is there
        ids = [line.split("\t")[0] for line in spec.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
        assert not [i for i in ids if i not in lex.actors]


def test_lexicon_rows_are_well_formed():
    """Every theatre is a country of theatres.tsv, every local alias has a theatre, nationality.tsv names known ids."""
    from rasid.events import NATIONALITY
    from rasid.lexicon import default_lexicon, read_tsv

    lex = default_lexicon()
    countries = {r[0] for r in read_tsv("theatres.tsv")}
    for a in lex.actors.values():
        assert set(a.theatres) <= countries, a
    assert all(where and where <= countries for where in lex.local_aliases.values())
    assert set(NATIONALITY.values()) <= set(lex.actors)


@pytest.mark.parametrize("text, a1, a2", [
    # "التحالف" is the Saudi-led coalition in Yemen, the US-led one in Syria
    ("شنت طائرات التحالف غارات على مواقع للحوثيين في محافظة تعز اليمنية أمس، ما أدى إلى مقتل ستة مسلحين.",
     "Saudi-led coalition", "Houthis"),
    ("شنت طائرات التحالف غارات على مواقع لتنظيم داعش في ريف دير الزور الشرقي أمس، ما أدى إلى مقتل ستة عناصر.",
     "US-led coalition", "ISIS"),
    # "الجيش الوطني": the Yemeni government army in Yemen, the SNA in Syria
    ("استعاد الجيش الوطني السيطرة على مديرية نهم شرق صنعاء بعد معارك مع الحوثيين أمس.", "Yemeni forces", "Houthis"),
    ("سيطر الجيش الوطني على قرية قرب مدينة الباب في ريف حلب بعد معارك مع تنظيم داعش أمس.", "SNA", "ISIS"),
    # "الشرطة" in a Western city (theatres.tsv: its cities, not its name or capital-as-government) is its police
    ("تبادل عناصر الشرطة إطلاق النار مع مسلح في مدينة أورلاندو بولاية فلوريدا أمس، ما أدى إلى مقتله.", "US police", None),
    ("اشتبكت الشرطة مع مسلح في حي مولنبيك في بروكسل أمس، ما أدى إلى إصابة شرطيين.", "Belgian police", None),
])
def test_an_alias_is_read_in_the_country_the_text_is_set_in(pipeline, text, a1, a2):
    e = _one(pipeline, text)
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


def test_the_army_is_the_army_of_the_country_told():
    """"الجيش" is the Egyptian army in a story set in Egypt, the Syrian one in Syria and where no country is said
    (the default theatre)."""
    from rasid.events import _DocContext
    from rasid.lexicon import default_lexicon
    from rasid.pipeline import Pipeline

    lex, pipe = default_lexicon(), Pipeline(gazetteer=False)

    def ids(text, outlet=None):
        doc = pipe.text(text, published=PUBLISHED, outlet=outlet)
        return [a.value for a in _DocContext(doc, doc.norm, lex).actors]

    assert ids("قتل جنديان من الجيش في هجوم على حاجز بمدينة العريش في شمال سيناء.") == ["Egyptian forces"]
    assert ids("قتل جنديان من الجيش في هجوم على حاجز بمدينة درعا جنوب سوريا.") == ["Syrian government forces"]
    assert ids("قتل جنديان من الجيش في هجوم على حاجز قرب قرية مراط.") == ["Syrian government forces"]
    # a sentence set in another country than the article reads its own country's army
    assert ids("قصف الجيش بلدة كفرنبل في ريف إدلب. وفي العراق، قتل الجيش ثلاثة مسلحين في الموصل.") == [
        "Syrian government forces", "Iraqi forces"]
    # an outlet's home breaks a tie; with no country told at all, an unqualified "الجيش" in an Egyptian paper is
    # Egypt's (when it reports on another country's army, it names the country); no outlet: the default theatre
    assert ids("اشتبك الجيش مع مسلحين في بلدة على الحدود بين ليبيا ومصر.", outlet="الشروق") == [
        "Egyptian forces", "Unidentified armed group"]
    assert ids("قتل جنديان من الجيش في هجوم على حاجز.", outlet="الشروق") == ["Egyptian forces"]
    assert ids("قتل جنديان من الجيش في هجوم على حاجز.") == ["Syrian government forces"]
    # "تنظيم القاعدة" is Al-Qaeda wherever it fights (the spec's alias list); AQAP only by its own name
    assert ids("هاجم مسلحو تنظيم القاعدة معسكرا للجيش في محافظة أبين اليمنية.") == ["Al-Qaeda", "Yemeni forces"]
    assert ids("هاجم مسلحو تنظيم القاعدة في جزيرة العرب معسكرا للجيش في محافظة أبين اليمنية.") == ["AQAP", "Yemeni forces"]


def test_a_theatres_city_name_read_as_a_namesake_in_the_articles_country(pipeline):
    """A main city's name of one country (theatres.tsv) that the gazetteer read in context as a district of the
    country the article is set in sets the sentence there: "بلدة المنصورة" in a story from Raqqa is Raqqa's, so
    its "قوات الجيش" is Syria's army (so "مديرية المنصورة" in a story from Aden); the Egyptian city keeps Egypt's."""
    e = _one(pipeline, "تدور معارك عنيفة في ريف الرقة الغربي منذ أيام. وقصفت قوات الجيش بلدة المنصورة بالمدفعية "
                       "الثقيلة أمس.", "Explosions/Remote violence")
    assert _id(e.actor1) == "Syrian government forces", e.actor1
    e = _one(pipeline, "اندلعت اشتباكات عنيفة بين قوات الجيش ومسلحين في مدينة المنصورة بمحافظة الدقهلية.")
    assert _id(e.actor1) == "Egyptian forces", e.actor1


@pytest.mark.parametrize("text, a1, a2", [
    ("قصفت مدفعية إيرانية مواقع لحزب بيجاك قرب بلدة سيدكان في إقليم كردستان العراق أمس.", "Iranian forces", "PJAK"),
    ("قصفت طائرات حربية تركية مواقع لحزب العمال الكردستاني في جبال قنديل بإقليم كردستان العراق أمس.", "Turkish forces", "PKK"),
    ("وقال مصدر عسكري إن فرنسا تقصف مواقع تنظيم داعش في مدينة الرقة منذ أمس.", "French forces", "ISIS"),
])
def test_a_nationality_or_a_country_as_striker_is_that_states_forces(pipeline, text, a1, a2):
    e = _one(pipeline, text, "Explosions/Remote violence")
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


def test_who_told_it_is_no_striker_nor_a_border_a_target(pipeline):
    e = _one(pipeline, "ذكرت وكالات أنباء روسية أن انفجارا وقع اليوم في حي المزة بدمشق أدى إلى مقتل ثلاثة أشخاص.")
    assert _id(e.actor1) is None, e.actor1
    e = _one(pipeline, "انفجرت سيارة مفخخة استهدفت حاجزا لوحدات حماية الشعب في مدينة عين العرب الواقعة على الحدود مع تركيا أمس.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "YPG"), (e.actor1, e.actor2)


def test_allies_are_associates_not_opponents(pipeline):
    e = _one(pipeline, "سيطرت المقاومة الشعبية على مديرية الوازعية في محافظة تعز اليمنية أمس بعد معارك مع الحوثيين، "
                       "بمشاركة قوات التحالف.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Popular Resistance (Yemen)", "Houthis"), (e.actor1, e.actor2)
    assert [_id(a) for a in e.assoc_actor1] == ["Saudi-led coalition"]


def test_civilians_said_unharmed_are_no_party(pipeline):
    e = _one(pipeline, "انفجرت عبوة ناسفة في سوق مدينة سراقب بريف إدلب أمس دون وقوع إصابات بين المدنيين.")
    assert e.actor2 is None, e.actor2


def test_who_announces_a_death_is_its_source_not_a_party(pipeline):
    e = _one(pipeline, "أعلنت وزارة الداخلية المصرية أمس عن مقتل ضابط شرطة ومجند في انفجار عبوة ناسفة بمدرعة في مدينة العريش.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Egyptian police"), (e.actor1, e.actor2)


def test_a_riots_or_a_protests_crowd_is_rioters_or_protesters_with_its_movement_as_associate(pipeline):
    e = _one(pipeline, "اندلعت أعمال شغب في مدينة عدن اليمنية أمس بين أنصار الحراك الجنوبي وقوات الأمن، ما أدى إلى مقتل شخص.")
    assert (e.event_type, _id(e.actor1), _id(e.actor2)) == ("Riots", "Rioters", "Yemeni police"), (e.actor1, e.actor2)
    assert [_id(a) for a in e.assoc_actor1] == ["Southern Movement"]
    e = _one(pipeline, "تظاهر الآلاف من أنصار الحراك الجنوبي في مدينة عدن اليمنية أمس.")
    assert (e.event_type, _id(e.actor1), [_id(a) for a in e.assoc_actor1]) == ("Protests", "Protesters", ["Southern Movement"])


def test_a_clash_told_by_one_sides_dead_has_that_side_second(pipeline):
    e = _one(pipeline, "قتل ثمانية من عناصر تنظيم داعش خلال اشتباكات مع قوات سوريا الديمقراطية في بلدة هجين أمس.")
    assert (e.event_type, _id(e.actor1), _id(e.actor2)) == ("Battles", "SDF", "ISIS"), (e.actor1, e.actor2)
    # the other side unnamed: filled in from the article as actor 1
    e = next(e for e in pipeline.text("تدور معارك بين قوات سوريا الديمقراطية وتنظيم داعش في ريف دير الزور. وقتل ثمانية "
                                      "من عناصر تنظيم داعش في اشتباكات في بلدة هجين أمس.", published=PUBLISHED).events
             if e.fatalities and e.fatalities.get("value") == 8)
    assert (_id(e.actor1), _id(e.actor2)) == ("SDF", "ISIS"), (e.actor1, e.actor2)


def test_what_belongs_to_a_party_after_a_target_word_and_what_a_strike_is_aimed_at_are_hit(pipeline):
    e = _one(pipeline, "وقالت القيادة إن قوات التحالف نفذت أمس 18 غارة جوية على مواقع تابعة لتنظيم داعش قرب مدينة الموصل.")
    assert (_id(e.actor1), _id(e.actor2)) == ("US-led coalition", "ISIS"), (e.actor1, e.actor2)
    e = _one(pipeline, "وكان عناصر تنظيم داعش قد أطلقوا مساء أمس ثمانية صواريخ مستهدفة قوات البيشمركة في قضاء مخمور.")
    assert (_id(e.actor1), _id(e.actor2)) == ("ISIS", "Kurdish Peshmerga"), (e.actor1, e.actor2)


def test_definite_gunmen_refer_back_to_the_armed_party_named_and_indefinite_ones_stay_unknown():
    from rasid.events import _DocContext
    from rasid.lexicon import default_lexicon
    from rasid.pipeline import Pipeline

    lex, pipe = default_lexicon(), Pipeline(gazetteer=False)

    def ids(text):
        doc = pipe.text(text, published=PUBLISHED)
        return [a.value for a in _DocContext(doc, doc.norm, lex).actors]

    assert ids("تلاحق القوات اليمنية عناصر تنظيم القاعدة في محافظة أبين، وقتل العشرات من العناصر الإرهابية.") == [
        "Yemeni forces", "Al-Qaeda", "Al-Qaeda"]
    assert ids("هاجم مسلحون مجهولون حاجزا في العريش، وقال مصدر إن تنظيم داعش ينشط في شمال سيناء.") == [
        "Unidentified armed group", "ISIS"]
    assert ids("اشتبكت الشرطة مع مسلحين في مدينة العريش بشمال سيناء، وقال مصدر إن تنظيم داعش ينشط هناك.") == [
        "Egyptian police", "Unidentified armed group", "ISIS"]


def test_unqualified_warplanes_in_syria_are_the_syrian_air_force_unless_their_owner_is_said():
    from rasid.events import _DocContext
    from rasid.lexicon import default_lexicon
    from rasid.pipeline import Pipeline

    lex, pipe = default_lexicon(), Pipeline(gazetteer=False)

    def ids(text):
        doc = pipe.text(text, published=PUBLISHED)
        return [a.value for a in _DocContext(doc, doc.norm, lex).actors]

    assert ids("قصف الطيران الحربي بلدة كفرنبل في ريف إدلب.") == ["Syrian government forces"]
    assert ids("شن الطيران الحربي التابع للتحالف الدولي غارات على مدينة الرقة.") == ["US-led coalition"]
    assert ids("قصفت طائرات حربية يعتقد أنها تابعة لتحالف تقوده واشنطن بلدة اعزاز في ريف حلب.") == []
    assert ids("قصفت طائرات حربية يرجح أنها روسية بلدة كفرنبل في ريف إدلب.") == ["Russian forces"]
    assert ids("قصفت طائرات حربية إسرائيلية موقعا قرب دمشق، ثم عادت الطائرات الحربية إلى أجوائها.") == [
        "Israeli forces", "Israeli forces"]
    # a nationality after a country's own police is that police, not its army; "أو" and "بدعم" end the phrase
    assert ids("اشتبكت قوات الأمن التركية مع مسلحين في ديار بكر.")[0] == "Turkish police"
    assert ids("وقال المرصد إن الطيران السوري أو الروسي قصف بلدة كفرنبل في ريف إدلب.") == ["Syrian government forces"]
    assert ids("سيطرت قوات النظام بدعم روسي على حي في مدينة الميادين بريف دير الزور.") == ["Syrian government forces"]


def test_the_free_army_named_with_forces_is_not_the_army(pipeline):
    (e,) = pipeline.text("دخلت قوات الجيش الحر بلدة مورك عقب انسحاب قوات النظام.", published="2020-05-06").events
    assert e.actor1["id"] == "Opposition factions" and e.actor2["id"] == "Syrian government forces"


def test_a_text_naming_no_country_is_set_in_its_outlets_home(pipeline):
    text = "استمرت الاشتباكات بين المتظاهرين وقوات الأمن في محيط الميدان، وسمحت اللجان الشعبية بمرور السيارات."
    parties = {a["id"] for e in pipeline.text(text, published="2013-03-11", outlet="ElWatanNews").events
               for a in (e.actor1, e.actor2) if a}
    assert "Pro-government militias" not in parties  # Syria's "اللجان الشعبية" is not Egypt's
    parties = {a["id"] for e in pipeline.text(text, published="2013-03-11").events for a in (e.actor1, e.actor2) if a}
    assert "Pro-government militias" in parties  # no outlet: the default theatre, Syria


def test_residential_quarters_hit_are_civilians(pipeline):
    (e,) = pipeline.text("قتل خمسة أشخاص في قصف عشوائي لقوات النظام على أحياء سكنية في مدينة حمص.", published="2020-05-06").events
    assert (e.actor1["id"], e.actor2["id"]) == ("Syrian government forces", "Civilians")


@pytest.mark.parametrize("text, a1, a2", [
    # the party of the dead, linked to them by "في" / "من أعضاء" / "بينهم ... من", was hit, it did not strike
    ("قال مصدر محلي إن قياديا في تنظيم داعش وأربعة مسلحين آخرين قتلوا في غارة جوية قرب مدينة الشدادي أمس.", None, "ISIS"),
    ("أصيب عشرون آخرون بجروح من أعضاء منظمة مجاهدي خلق في قصف بالقذائف الصاروخية استهدف مخيما قرب بغداد أمس.",
     None, "MEK"),
    ("قتل سبعة مواطنين بينهم ثلاثة من المعارضة خلال اشتباكات مع قوات النظام في حي جوبر أمس.",
     "Syrian government forces", "Opposition factions"),
    ("قتل قائد ميداني وأحد العناصر في «جيش الإسلام» خلال اشتباكات مع قوات النظام في حي جوبر أمس.",
     "Syrian government forces", "Jaysh al-Islam"),
])
def test_the_party_of_the_dead_is_the_side_hit(pipeline, text, a1, a2):
    e = next(e for e in _events(pipeline, text) if e.event_type != "Strategic developments")
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


@pytest.mark.parametrize("text, a1, a2", [
    # the control named after "من" or "نقاط" is the loser's: the word of freeing or advancing is the event
    ("واصلت القوات الأمنية العراقية أمس عملية تحرير مدينة هيت من سيطرة مسلحي تنظيم داعش.", "Iraqi forces", "ISIS"),
    ("وتقدمت قوات النظام أمس باتجاه نقاط سيطرة تنظيم داعش قرب مدينة السخنة.", "Syrian government forces", "ISIS"),
])
def test_the_control_a_place_is_freed_from_is_the_losers(pipeline, text, a1, a2):
    e = _one(pipeline, text)
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


@pytest.mark.parametrize("text, a1, a2", [
    # "بين X و Y من جهة، و Z من جهة أخرى": X and Y are one side
    ("دارت اشتباكات عنيفة أمس بين جبهة النصرة وحركة أحرار الشام من جهة، وقوات النظام من جهة أخرى في ريف حماة.",
     "HTS", "Syrian government forces"),
    # an ally named between the two sides fights beside the first (alliances.tsv)
    ("اندلعت اشتباكات أمس في حي جوبر بين قوات النظام مدعمومة بقوات الدفاع الوطني، وفيلق الرحمن.",
     "Syrian government forces", "Faylaq al-Rahman"),
    ("اندلعت اشتباكات أمس قرب مدينة الرمادي بين القوات الأمنية العراقية وأبناء العشائر وعناصر تنظيم داعش.",
     "Iraqi forces", "ISIS"),
])
def test_allies_named_on_one_side_are_not_its_opponent(pipeline, text, a1, a2):
    e = _one(pipeline, text)
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


@pytest.mark.parametrize("text, a1, a2", [
    ("هاجمت حركة نور الدين زنكي أمس مواقع لقوات النظام في حي الراشدين بمدينة حلب.", "Nour al-Din al-Zenki",
     "Syrian government forces"),
    ("هاجم متمردون من حركة جيش تحرير السودان بقيادة مني مناوي نقطة للجيش قرب مدينة نيالا أمس.", "SLA-MM",
     "Sudanese forces"),
    ("خطفت جبهة النصرة أمس خمسة عناصر من الفرقة 30 قرب مدينة اعزاز في ريف حلب.", "HTS", "Division 30"),
    ("قتل عنصر من الأمن الوطني بانفجار عبوة لاصقة وضعت تحت سيارته في مدينة الرمادي أمس.", None, "Iraqi forces"),
])
def test_parties_of_the_region_by_their_usual_names(pipeline, text, a1, a2):
    e = next(e for e in _events(pipeline, text) if e.event_type != "Strategic developments")
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


@pytest.mark.parametrize("text, a1, a2", [
    # the attack's doer first, the one who repelled it second
    ("صدت قوات سوريا الديمقراطية أمس هجوما لتنظيم داعش على قرية قرب بلدة هجين.", "ISIS", "SDF"),
    ("وتمكن الجيش الحر أمس من التصدي لمحاولة قوات النظام اقتحام حي القابون في دمشق.", "Syrian government forces",
     "Opposition factions"),
])
def test_an_attack_repelled_has_its_doer_first(pipeline, text, a1, a2):
    e = _one(pipeline, text)
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)


def test_a_country_across_a_border_is_no_party(pipeline):
    e = _one(pipeline, "قتل أربعة أشخاص أمس في تفجير سيارة مفخخة في بلدة مندلي القريبة من الحدود مع إيران.")
    assert _id(e.actor1) != "Iranian forces" and _id(e.actor2) != "Iranian forces", (e.actor1, e.actor2)


def test_a_quoted_officers_own_force_is_the_source_not_a_party(pipeline):
    e = _one(pipeline, "ونقلت وكالة أنباء عن العميد في الشرطة الاتحادية قوله أمس إن القوات العراقية قتلت عشرة عناصر من "
                       "تنظيم داعش في اشتباكات قرب مدينة الرمادي.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Iraqi forces", "ISIS"), (e.actor1, e.actor2)


def test_syrian_factions_backed_by_turkey_are_the_sna(pipeline):
    e = _one(pipeline, "سيطرت فصائل معارضة سورية مدعومة من تركيا أمس على قرية قرب مدينة الباب في ريف حلب بعد معارك مع تنظيم داعش.")
    assert (_id(e.actor1), _id(e.actor2)) == ("SNA", "ISIS"), (e.actor1, e.actor2)


def test_gunmen_tied_to_a_named_party_are_that_party(pipeline):
    e = _one(pipeline, "اشتبكت قوات الأمن الأردنية أمس مع مسلحين يشتبه بانتمائهم إلى تنظيم داعش في مدينة اربد.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Jordanian forces", "ISIS"), (e.actor1, e.actor2)


def test_two_raids_told_by_the_dual_are_a_strike(pipeline):
    e = _one(pipeline, "نفذت طائرات التحالف أمس غارتين على مواقع الحوثيين قرب مدينة صعدة اليمنية.")
    assert (e.event_type, _id(e.actor1), _id(e.actor2)) == ("Explosions/Remote violence", "Saudi-led coalition", "Houthis"), \
        (e.event_type, e.actor1, e.actor2)


def test_the_speaker_who_says_it_did_it_is_not_the_body_it_belongs_to(pipeline):
    e = _one(pipeline, "وقالت حركة أحرار الشام التابعة لغرفة عمليات جيش الفتح أمس إنها قتلت عشرة عناصر لقوات النظام في "
                       "اشتباكات قرب بلدة الفوعة.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Ahrar al-Sham", "Syrian government forces"), (e.actor1, e.actor2)


def test_a_strike_from_warplanes_is_theirs(pipeline):
    e = _one(pipeline, "قتل طفلان أمس في قصف جوي على بلدة سراقب، وامرأة في غارة من طائرات حربية على بلدة كفرنبل في ريف إدلب.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", "Civilians"), (e.actor1, e.actor2)


def test_the_leaning_of_a_source_is_no_party(pipeline):
    e = _one(pipeline, "وذكرت صفحات موالية للنظام أمس أن قذائف سقطت على حي الزهراء في مدينة حمص.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, None), (e.actor1, e.actor2)


def test_who_cordons_off_the_site_of_a_blast_is_no_party(pipeline):
    e = _one(pipeline, "قتل مدني أمس في انفجار عبوة ناسفة وسط مدينة الرمادي. وطوقت قوات من الشرطة العراقية مكان الانفجار "
                       "ونقلت المصابين إلى المستشفى.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Civilians"), (e.actor1, e.actor2)


def test_a_shell_of_unknown_source_has_no_doer(pipeline):
    evs = [e for e in _events(pipeline, "استهدف قناص لقوات النظام بلدة داريا، دون وقوع إصابات، وسقطت قذيفة هاون مجهولة "
                                        "المصدر أمس في شارع بغداد بدمشق، خلفت أضرارا مادية.")
           if e.event_type == "Explosions/Remote violence"]
    assert [_id(e.actor1) for e in evs] == [None], [(e.actor1, e.actor2) for e in evs]


def test_a_bombing_that_hurt_nobody_hits_no_civilians(pipeline):
    e = _one(pipeline, "انفجرت قنبلة بدائية الصنع أمس خارج مبنى محكمة في بغداد، مما أسفر عن أضرار طفيفة، ولم ترد أنباء "
                       "عن سقوط مصابين.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, None), (e.actor1, e.actor2)


def test_who_launched_an_attack_on_him_is_its_doer(pipeline):
    e = _one(pipeline, "وأفاد مصدر أمني بمقتل شخص أمس في هجوم شنه عليه مسلحون مجهولون قرب حي النصر في مدينة الموصل.")
    assert _id(e.actor1) == "Unidentified armed group", (e.actor1, e.actor2)


def test_soldiers_of_a_nationality_who_came_under_fire_were_hit(pipeline):
    e = _one(pipeline, "تعرضت مجموعة من العسكريين الروس أمس لقصف بقذائف الهاون قرب مدينة السلمية في ريف حماة.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Russian forces"), (e.actor1, e.actor2)
    e = _one(pipeline, "تعرض جنود أتراك أمس لهجوم بالقذائف قرب مدينة الباب.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Turkish forces"), (e.actor1, e.actor2)


def test_where_a_person_is_from_names_no_state_force(pipeline):
    e = _one(pipeline, "قتل مقاتل سعودي أمس في مدينة حلب على يد قوات النظام.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", None), (e.actor1, e.actor2)
    e = _one(pipeline, "قتل مواطن أردني أمس في قصف على مدينة درعا.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Civilians"), (e.actor1, e.actor2)


def test_a_claim_naming_the_attack_anew_gives_its_doer(pipeline):
    e = _one(pipeline, "وانفجرت سيارة مفخخة أمس في منطقة الكرادة وسط بغداد، ما ادى الى مقتل خمسة اشخاص. وفي بيان تداولته "
                       "حسابات مؤيدة له، اعلن تنظيم داعش مسؤوليته عن تفجير سيارة مفخخة في منطقة الكرادة.")
    assert (_id(e.actor1), _id(e.actor2)) == ("ISIS", "Civilians"), (e.actor1, e.actor2)


def test_a_claim_told_in_a_relative_clause_gives_the_doer(pipeline):
    e = _one(pipeline, "وقال مسؤولون إن تنظيم داعش صعد هجماته في العراق. وقتل تسعون شخصا أمس في تفجير انتحاري ضخم في سوق "
                       "مدينة بعقوبة. ويعد هذا التفجير الذي تبناه التنظيم من اكثر التفجيرات دموية.")
    assert (_id(e.actor1), _id(e.actor2)) == ("ISIS", "Civilians"), (e.actor1, e.actor2)


def test_a_quarter_named_liberation_is_no_capture(pipeline):
    e = _one(pipeline, "وشنت ميليشيات الحوثي أمس حملة قصف عشوائي استهدفت أحياء التحرير الأسفل والمسبح في مدينة تعز.")
    assert (e.event_type, _id(e.actor1), _id(e.actor2)) == ("Explosions/Remote violence", "Houthis", None), \
        (e.event_type, e.actor1, e.actor2)


def test_whom_a_verbal_noun_of_expelling_drove_out_was_hit(pipeline):
    e = _one(pipeline, "أعلنت وزارة الدفاع اليمنية أمس تحرير مدينة زنجبار ودحر مليشيات الحوثي منها.")
    assert _id(e.actor2) == "Houthis" and _id(e.actor1) != "Houthis", (e.actor1, e.actor2)
    e = _one(pipeline, "وطرد الجيش الحر أمس عناصر التنظيم من قرية تل مالد.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Opposition factions", "ISIS"), (e.actor1, e.actor2)


def test_supporters_of_a_movement_against_the_army_are_rioters(pipeline):
    e = _one(pipeline, "لقي اثنان مصرعهما أمس في المواجهات بين قوات الجيش وأنصار الحراك في ساحة العروض بخور مكسر في عدن.")
    assert (e.event_type, _id(e.actor1), _id(e.actor2)) == ("Riots", "Rioters", "Yemeni forces"), \
        (e.event_type, e.actor1, e.actor2)
    assert [_id(a) for a in e.assoc_actor1] == ["Southern Movement"], e.assoc_actor1


@pytest.mark.parametrize("text,expected", [
    ("أطلقت ألوية الناصر صلاح الدين أمس صواريخ على مستوطنة سديروت.", "Popular Resistance Committees"),
    ("سيطرت ألوية العمالقة أمس على مديرية الخوخة بعد معارك مع الحوثيين.", "Giants Brigades"),
    ("اشتبك حرس المنشآت النفطية أمس مع مسلحين قرب ميناء السدرة.", "Petroleum Facilities Guard"),
])
def test_armed_groups_of_other_theatres(pipeline, text, expected):
    e = _one(pipeline, text)
    assert _id(e.actor1) == expected, (e.actor1, e.actor2)


def test_popular_resistance_committees_are_yemens_in_yemen(pipeline):
    e = _one(pipeline, "وأصيب آخرون أمس في هجوم للجان المقاومة الشعبية على نقطة للمتمردين الحوثيين في منطقة العروسة بمحافظة "
                       "تعز اليمنية.")
    assert _id(e.actor1) != "Popular Resistance Committees", (e.actor1, e.actor2)


def test_the_owner_of_the_media_that_report_is_no_party(pipeline):
    e = _one(pipeline, "وذكرت وسائل إعلام النظام أمس أن قذائف سقطت على حي الزهراء في مدينة حمص.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, None), (e.actor1, e.actor2)


@pytest.mark.parametrize("text, a1", [
    ('قصف مسلحو «جيش الإسلام»صباح اليوم مواقع لقوات النظام في مدينة دوما بقذائف الهاون.', "Jaysh al-Islam"),
    ('استهدف مقاتلو "فيلق الرحمن"فجراً بقذائف الهاون مواقع قوات النظام في حي جوبر.', "Faylaq al-Rahman"),
])
def test_a_closing_quote_glued_to_the_next_word_still_ends_the_name(pipeline, text, a1):
    """A quote between two words stands for the missing space: the name is read, the quote stays as written."""
    ev = _one(pipeline, text)
    assert _id(ev.actor1) == a1 and _id(ev.actor2) == "Syrian government forces"
    q = ev.evidence[0]
    assert q["quote"] == text[q["start"]:q["end"]] and ("»صباح" in q["quote"] or '"فجراً' in q["quote"])


@pytest.mark.parametrize("text, gone", [
    ("أعدم تنظيم داعش أمس شابين في مدينة الميادين بتهمة التعامل مع قوات النظام.", "Syrian government forces"),
    ("أعدمت حركة الشباب رجلين في مدينة بيدوا بتهمة العمالة للقوات الصومالية.", "Somali forces"),
    ("خطف تنظيم داعش أمس ثلاثة رجال في بلدة الشحيل بعد اتهامهم بالتخابر مع قوات سوريا الديمقراطية.", "SDF"),
])
def test_whom_victims_were_accused_of_serving_is_no_party(pipeline, text, gone):
    e = _one(pipeline, text)
    assert gone not in (_id(e.actor1), _id(e.actor2)), (text, e.actor1, e.actor2)
    assert _id(e.actor1) is not None, (text, e.actor1)


def test_a_party_the_town_was_empty_of_is_no_side_and_no_fight(pipeline):
    e = _one(pipeline, "دخلت القوات الحكومية أمس مدينة الشيخ عثمان التي كانت خالية من عناصر الحوثيين.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Yemeni forces", None), (e.actor1, e.actor2)
    assert e.sub_event_type == "Non-violent transfer of territory", e.sub_event_type


def test_the_holder_told_in_a_relative_clause_on_the_place_is_not_the_doer(pipeline):
    e = _one(pipeline, "وطوقت قوات النظام عددا من المزارع المتفرقة شرقي السلمية، التي يحكمها تنظيم الدولة، يوم الأحد "
                       "بعد أن تقدمت على أطرافها.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", "ISIS"), (e.actor1, e.actor2)
    # the holder stays whom the advance was against
    e = _one(pipeline, "تقدمت قوات النظام نحو بلدة السعن التي يسيطر عليها تنظيم الدولة.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", "ISIS"), (e.actor1, e.actor2)


def test_a_holder_told_beside_the_named_sides_is_no_side(pipeline):
    """Rules holder_behind_named_sides and occupier_no_side (invented sentences)."""
    e = _one(pipeline, "اندلعت اشتباكات عنيفة أمس بين فصائل المعارضة وقوات النظام قرب القرى التي يسيطر عليها تنظيم "
                       "الدولة الإسلامية في ريف حلب.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Opposition factions", "Syrian government forces"), (e.actor1, e.actor2)
    # a capture of the held place keeps its holder as who lost it
    e = _one(pipeline, "تمكنت قوات النظام اليوم من السيطرة على قرية الزيتونة التي تسيطر عليها هيئة تحرير الشام بعد "
                       "تقدم تنظيم الدولة في المنطقة.", "Battles")
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", "HTS"), (e.actor1, e.actor2)
    # the holder and the party joined to it by "و" are both held
    e = _one(pipeline, "قصف الطيران الروسي مدينة القامشلي التي تسيطر عليها وحدات حماية الشعب والشرطة الكردية الأسايش.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Russian forces", "YPG"), (e.actor1, e.actor2)
    # the occupier of the region names the place, not a side of the fighting
    e = _one(pipeline, "قالت مصادر محلية إن اشتباكات عنيفة اندلعت أمس بين فصائل المعارضة وقوات النظام في بلدة قرب "
                       "الهضبة التي تحتلها إسرائيل.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Opposition factions", "Syrian government forces"), (e.actor1, e.actor2)
    evs = _events(pipeline, "قالت مصادر محلية إن اشتباكات عنيفة اندلعت أمس قرب الأراضي التي تحتلها إسرائيل في الجنوب.")
    assert not [e for e in evs if "Israeli forces" in (_id(e.actor1), _id(e.actor2))], [(e.actor1, e.actor2) for e in evs]


def test_a_generic_force_in_a_named_country_is_that_country_s(pipeline):
    e = _one(pipeline, "قالت مصادر إن القوات الخاصة في تونس اشتبكت أمس مع مسلحين في جبل سمامة.")
    assert "Tunisian forces" in (_id(e.actor1), _id(e.actor2)), (e.actor1, e.actor2)


def test_sites_belonging_to_a_party_glued_to_l_are_the_target(pipeline):
    e = _one(pipeline, "قالت القيادة إن طائرات التحالف الذي تقوده الولايات المتحدة شنت أمس غارات على مواقع تابعة "
                       "لتنظيم داعش قرب مدينة الموصل.")
    assert (_id(e.actor1), _id(e.actor2)) == ("US-led coalition", "ISIS"), (e.actor1, e.actor2)


@pytest.mark.parametrize("text, a1", [
    # where the shells came from fired them (rule origin_named)
    ("سقطت قذائف هاون أمس على حي الميدان في دمشق مصدرها مواقع الفصائل في حي جوبر.", "Opposition factions"),
    ("وسقط صاروخان على حي الشيخ مقصود في حلب أمس، مصدرهما تجمعات قوات النظام في المدينة.", "Syrian government forces"),
    # gunfire "من" a party was fired by it (rule fire_from)
    ("أصيب طفل أمس برصاص من قوات الأمن في مدينة عدن.", "Yemeni police"),
    ("قتل مدني أمس بإطلاق نار من عناصر حاجز لقوات النظام في حي القابون بدمشق.", "Syrian government forces"),
])
def test_where_the_fire_came_from_fired_it(pipeline, text, a1):
    e = _one(pipeline, text)
    assert _id(e.actor1) == a1 and _id(e.actor2) != a1, (text, e.actor1, e.actor2)


@pytest.mark.parametrize("text, ids", [
    ("اندلعت أمس اشتباكات عنيفة بين قوات طارق صالح ومسلحي الحوثي في مديرية حيس جنوب الحديدة.",
     {"National Resistance Forces", "Houthis"}),
    ("قتل ثلاثة جنود ليبيين أمس في هجوم شنته سرايا الدفاع عن بنغازي على بوابة قرب مدينة أجدابيا.",
     {"Benghazi Defense Brigades", "Libyan forces"}),
])
def test_parties_of_other_theatres_have_rows(pipeline, text, ids):
    e = _one(pipeline, text)
    assert {_id(e.actor1), _id(e.actor2)} == ids, (text, e.actor1, e.actor2)


def test_tribal_and_local_fighters_in_yemen_are_the_popular_resistance(pipeline):
    e = _one(pipeline, "اندلعت أمس مواجهات عنيفة بين مقاتلي القبائل وميليشيا الحوثي في مديرية نهم شرق صنعاء.")
    assert {_id(e.actor1), _id(e.actor2)} == {"Popular Resistance (Yemen)", "Houthis"}, (e.actor1, e.actor2)


def test_whom_a_force_hunts_is_its_target_and_a_network_does_not_fight_itself(pipeline):
    e = _one(pipeline, "وتنفذ القوات اليمنية منذ أمس عمليات عسكرية لملاحقة عناصر تنظيم القاعدة في محافظة شبوة، في هجوم أسفر "
                       "عن سقوط قتلى في صفوف العناصر الإرهابية المرتبطة بتنظيم القاعدة في جزيرة العرب.")
    assert _id(e.actor1) == "Yemeni forces" and _id(e.actor2) in ("Al-Qaeda", "AQAP"), (e.actor1, e.actor2)


def test_a_party_named_as_the_unit_of_a_killed_commander_with_an_adjective_was_hit(pipeline):
    e = _one(pipeline, "قتل القيادي العسكري في حركة أحرار الشام أمس جراء انفجار عبوة ناسفة استهدفت سيارته في مدينة سرمدا.")
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Ahrar al-Sham"), (e.actor1, e.actor2)


def test_who_set_the_bomb_is_named_before_the_verbal_noun_of_setting_it(pipeline):
    e = _one(pipeline, "قتل جنديان أمس في انفجار عبوة ناسفة استهدفت دورية لقوات الجيش قامت عناصر مسلحة بزرعها على طريق "
                       "في مدينة العريش بشمال سيناء.")
    assert _id(e.actor1) == "Unidentified armed group" and _id(e.actor2) == "Egyptian forces", (e.actor1, e.actor2)


def test_who_besieges_the_place_is_not_what_a_strike_on_it_hit(pipeline):
    e = _one(pipeline, "قصفت طائرات حربية أمس معسكر خالد في مدينة تعز، الذي تحاصره المقاومة الشعبية.")
    assert _id(e.actor2) != "Popular Resistance (Yemen)", (e.actor1, e.actor2)


@pytest.mark.parametrize("text, a2", [
    ("وعثرت الشرطة أمس على جثتي رجلين مجهولي الهوية قضيا رميا بالرصاص قرب الطريق بين كركوك وأربيل.", "Civilians"),
    ("وعثرت الشرطة أمس على جثتي شرطيين مقتولين رميا بالرصاص قرب الطريق بين كركوك وأربيل.", None),
])
def test_people_hurt_in_an_attack_on_people_are_civilians_unless_fighters(pipeline, text, a2):
    e = _one(pipeline, text)
    assert _id(e.actor2) == a2 or (a2 is None and _id(e.actor2) != "Civilians"), (text, e.actor1, e.actor2)


def test_the_civilians_of_the_item_before_are_not_carried_to_the_next(pipeline):
    evs = _events(pipeline, "أدت الغارات التي شنتها قوات النظام على مدينة خان شيخون أمس إلى مقتل عشر نساء، كما طال "
                            "القصف الجوي قرية تل عاس في الريف نفسه.")
    other = [e for e in evs if any("تل عاس" in q["quote"] and "نساء" not in q["quote"] for q in e.evidence)]
    assert other and all(_id(e.actor2) != "Civilians" for e in other), [(e.actor1, e.actor2, e.evidence) for e in evs]


def test_a_fight_told_after_fiima_takes_no_side_from_the_strike_before(pipeline):
    evs = _events(pipeline, "وشنت طائرات التحالف العربي أمس غارات على معسكر للحوثيين في مديرية مكيراس، فيما تدور معارك "
                            "عنيفة في منطقة نقيل ثرة.")
    fight = [e for e in evs if e.event_type == "Battles"]
    assert fight and all("Saudi-led coalition" not in (_id(e.actor1), _id(e.actor2)) for e in fight), \
        [(e.event_type, e.actor1, e.actor2) for e in evs]


def test_gunmen_of_a_party_are_that_party_not_its_target(pipeline):
    """role_words.tsv unit: "مسلحون من X", "مقاتلون من X" are X's men (partitive), so X acts; "من" there marks no target."""
    (e,) = pipeline.text("هاجم مسلحون من تنظيم داعش حاجزا لقوات النظام في ريف حمص أمس.", published="2016-03-02").events
    assert (e.actor1["id"], e.actor2["id"]) == ("ISIS", "Syrian government forces")
    (e,) = pipeline.text("سيطر مقاتلون من جبهة النصرة على حاجز لقوات النظام في ريف درعا أمس.", published="2016-03-02").events
    assert e.actor1["id"] == "HTS"


def test_gunmen_from_a_named_party_are_that_party_where_gunmen_are_unidentified(pipeline):
    """In a theatre where "مسلحون" are an unidentified armed group (actors.tsv local alias), "مسلحون من تنظيم داعش"
    are ISIS's men (rule gunmen_of_a_party): no unidentified group is a side."""
    (e,) = pipeline.text("هاجم مسلحون من تنظيم داعش حاجزا للشرطة المصرية في مدينة العريش أمس.", published="2016-03-02").events
    assert {e.actor1["id"], (e.actor2 or {}).get("id")} == {"ISIS", "Egyptian police"}


def test_the_doers_own_soldiers_do_not_make_the_victims_fighters(pipeline):
    """rule attack_hurts_people: "برصاص جنود الاحتلال" names who fired; the dead of no side are civilians, actor 2."""
    (e,) = pipeline.text("قتل ثلاثة شبان برصاص جنود الاحتلال الإسرائيلي شرق مدينة خان يونس أمس.", published="2016-05-10").events
    assert (e.actor1["id"], (e.actor2 or {}).get("id")) == ("Israeli forces", "Civilians")


def test_a_comma_glued_to_inna_still_opens_what_was_said(pipeline):
    """A comma typed onto "إن" ("وقالت مصادر محلية ،إن") leaves the party after it the doer of what was said, not a
    source."""
    (e,) = pipeline.text("وقالت مصادر محلية ،إن مسلحين مجهولين هاجموا حافلة تقل موظفين قرب مدينة الموصل أمس.",
                         published="2016-03-10").events
    assert _id(e.actor1) == "Unidentified armed group"


def test_a_qualifier_after_the_count_keeps_the_dead_with_their_party(pipeline):
    """rule count_qualifier_skipped: "ستة أشخاص على الأقل من أعضاء حركة حماس" are Hamas's men, the party hit."""
    (e,) = pipeline.text("قتل ستة أشخاص على الأقل من أعضاء حركة حماس في هجوم بقذائف الهاون استهدف مخيما قرب رفح أمس.",
                         published="2016-03-10").events
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Hamas")
    assert (e.fatalities["value"], e.fatalities["of"]) == (6, "Hamas")


def test_the_head_keeps_the_party_it_tells_as_hit():
    """rule head_keeps_its_target: a strike's head names nobody as doer and counts the group's men among its dead;
    another mention of it that read the group as the subject does not make the group the doer."""
    from types import SimpleNamespace

    from rasid.coding.mention import Mention
    from rasid.coding.report import _sides

    def mention(a1, a2, toll_of=None):
        return Mention("Explosions/Remote violence", "Shelling/artillery/missile attack", "agent", 5, None, None,
                       actor1=a1, actor2=a2, fatalities={"value": 5, "of": toll_of} if toll_of else None)

    ctx = SimpleNamespace(trace=None)
    mek, police = ("MEK", "منظمة مجاهدي خلق"), ("Iraqi police", "الشرطة")
    head = mention(None, mek, toll_of="MEK")
    assert _sides(ctx, head, [head, mention(mek, None)]) == (None, mek)
    assert _sides(ctx, head, [head, mention(mek, None), mention(police, None)]) == (police, mek)
    told = mention(None, mek)  # the head does not count the group's men: the other mention's doer stands
    assert _sides(ctx, told, [told, mention(mek, None)]) == (mek, mek)


def test_his_talk_is_no_iraqi_town(pipeline):
    """rule ha_is_no_ta: "في حديثه" ("in his talk") is not Haditha (theatres.tsv "حديثة"), so it does not set the
    sentence in Iraq and drop Syria's local aliases; "حديثة" itself still counts."""
    (e,) = pipeline.text("وأضاف الناشط في حديثه للموقع أن النظام سيطر على قرية الطابية بعد معارك مع تنظيم داعش ليل أمس.",
                         published="2017-09-18").events
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", "ISIS")
    from rasid.lexicon import default_lexicon

    assert "حديثه" in default_lexicon().theatre_ta


def test_the_dead_told_before_the_cause_are_the_side_hit(pipeline):
    """rule dead_side on the toll the clause before brings (toll_of_cause): "قتل عناصر من قوات النظام، بعد استهداف
    مقاتلي جيش الإسلام ..." has the army as actor 2; "من ناحية ثانية" before it is no subdistrict that keeps the
    dead from the attack."""
    for lead in ("", "من ناحية ثانية، "):
        (e,) = pipeline.text(lead + "قتل عناصر من قوات النظام أمس، بعد استهداف مقاتلي جيش الإسلام نقاطا في حي جوبر "
                                    "بقذائف الهاون.", published="2016-03-10").events
        assert (_id(e.actor1), _id(e.actor2)) == ("Jaysh al-Islam", "Syrian government forces"), lead
        assert e.fatalities["of"] == "Syrian government forces"
        assert all(l.get("text") != "ثانية" for l in e.locations)


def test_a_dual_army_shared_by_two_adjectives_is_two_parties(pipeline):
    """rule dual_shared: "الجيشين النظامي والحر" is "الجيش النظامي" and "الجيش الحر", in the text's order."""
    for text, sides in (("قال ناشطون إن اشتباكات عنيفة تدور بين الجيشين النظامي والحر في محافظة حلب.",
                         ("Syrian government forces", "Opposition factions")),
                        ("وتدور معارك بين الجيشين الحر والنظامي في ريف إدلب منذ الصباح.",
                         ("Opposition factions", "Syrian government forces"))):
        (e,) = pipeline.text(text, published="2013-02-10").events
        assert (_id(e.actor1), _id(e.actor2)) == sides, text


def test_an_assassination_keeps_its_killer_unknown_whatever_the_front(pipeline):
    """rule other_side_of_front: a killing told by a word of killing people ("اغتيال"), no fighting told, with
    the named side the one hit, gets no killer from the article's main front."""
    text = ("اغتيال قيادي في هيئة تحرير الشام في إدلب قتل القيادي العسكري في هيئة تحرير الشام أبو أحمد جراء انفجار "
            "عبوة ناسفة استهدفت سيارته في مدينة سرمدا.\nوتخوض هيئة تحرير الشام منذ أشهر معارك مع تنظيم داعش في ريف "
            "حماة الشرقي، وكان تنظيم داعش قد سيطر على قرى عدة هناك.")
    e = next(e for e in pipeline.text(text, published="2018-01-21").events
             if any("سرمدا" in q["quote"] for q in e.evidence))
    assert (_id(e.actor1), _id(e.actor2)) == (None, "HTS")


def test_members_told_as_the_subject_of_a_verb_of_doing_did_it(pipeline):
    """rule armed_victim: "قام عناصر التنظيم باغتيال ..." names the killers (role_words.tsv undertake), not an armed
    victim; "اغتيال قيادي في هيئة تحرير الشام" still names the hit side."""
    (e,) = pipeline.text("قام عناصر تنظيم الدولة الإسلامية باغتيال ثلاثة من رجال قوات الأمن العراقية غرب كركوك أمس.",
                         published="2017-10-20").events
    assert (_id(e.actor1), _id(e.actor2)) == ("ISIS", "Iraqi forces")
    (e,) = pipeline.text("اغتيال قيادي في هيئة تحرير الشام بعبوة ناسفة في إدلب أمس.", published="2017-10-20").events
    assert (_id(e.actor1), _id(e.actor2)) == (None, "HTS")


def test_an_operation_name_two_theatres_use_is_read_in_the_story_s_country(pipeline):
    # actors.tsv local aliases: "البنيان المرصوص" is Libya's GNA operation in Libya and a rebel operations room in Syria
    e = _one(pipeline, "وسيطرت غرفة عمليات البنيان المرصوص أمس على حي المنشية في مدينة درعا بعد معارك مع قوات النظام.")
    assert _id(e.actor1) == "Opposition factions"
    e = _one(pipeline, "وقتل أمس خمسة من قوات البنيان المرصوص في انفجار لغم في مدينة سرت الليبية.")
    assert _id(e.actor2) == "Libyan GNA forces"


def test_the_party_an_attack_is_attributed_to_did_it(pipeline):
    """rule attributed_to: "نسب إلى X" / "نسبت الى X" after an attack names its doer, not what it hit."""
    e = _one(pipeline, "قتل ثلاثة جنود أتراك أمس في انفجار عبوة ناسفة نسب إلى حزب العمال الكردستاني في ولاية ماردين.")
    assert (_id(e.actor1), _id(e.actor2)) == ("PKK", "Turkish forces")
    e = _one(pipeline, "قتل 14 شخصا أمس في تفجير سيارة مفخخة نسبت الى تنظيم داعش قرب سوق للخضار في مدينة منبج.")
    assert _id(e.actor1) == "ISIS"


def test_peacekeepers_and_forces_loyal_to_haftar_are_parties_of_their_own(pipeline):
    # actors.tsv: "UN peacekeepers" (kind observer: no anaphor "القوات" resolves to them), LNA aliases
    (e,) = pipeline.text("خطف مسلحون 21 من جنود حفظ السلام التابعين للأمم المتحدة قرب بلدة كفرنبل أمس.",
                         published="2013-03-07").events
    assert e.actor2["id"] == "UN peacekeepers"
    (e,) = pipeline.text("سيطرت القوات الموالية للمشير خليفة حفتر على مدينة بنغازي أمس.", published="2017-07-06").events
    assert e.actor1["id"] == "Libyan National Army"


@pytest.mark.parametrize("text,expected", [
    ("قتل قائد حوثي وثلاثة من مرافقيه في غارة لطيران التحالف على مديرية صرواح بمحافظة مأرب أمس.",
     ("Saudi-led coalition", "Houthis")),
    ("هاجم مسلحون حوثيون نقطة للجيش الوطني في مديرية حيس جنوب الحديدة أمس.", ("Houthis", "Yemeni forces")),
    ("اعتقلت القوات العراقية أمس خمسة عناصر داعشية في حي الزهراء بالموصل.", ("Iraqi forces", "ISIS")),
])
def test_a_member_noun_with_a_group_s_adjective_is_that_group(pipeline, text, expected):
    # actors.tsv: "قائد حوثي", "مسلحون حوثيون", "عناصر داعشية"
    e = _one(pipeline, text)
    assert (_id(e.actor1), _id(e.actor2)) == expected


def test_the_foe_of_a_campaign_the_victims_were_joining_is_not_the_target(pipeline):
    """rule mission_not_target: "ضد داعش" in "للمشاركة في عملية ضد داعش" is the campaign's foe, not whom the
    blast or the abduction hit; "هجوم ضد داعش" still marks the target."""
    e = _one(pipeline, "قتل ثلاثة جنود عراقيين أمس في انفجار عبوة ناسفة استهدفت رتلا كان متوجها للمشاركة في عملية "
                       "ضد داعش غرب الأنبار.")
    assert _id(e.actor2) == "Iraqi forces"
    e = _one(pipeline, "شنت القوات العراقية أمس هجوما ضد داعش في الأنبار.")
    assert (_id(e.actor1), _id(e.actor2)) == ("Iraqi forces", "ISIS")


def test_opposition_fighters_in_agency_wording(pipeline):
    # actors.tsv Opposition factions, local aliases in Syria: "المقاتلون المعارضون", "مقاتلين معارضين", "الكتائب المقاتلة"
    (e,) = pipeline.text("تمكن المقاتلون المعارضون أمس من السيطرة على الجامع الأموي الكبير في حلب إثر اشتباكات مع القوات النظامية.",
                         published="2013-03-01").events
    assert (e.actor1["id"], e.actor2["id"]) == ("Opposition factions", "Syrian government forces")
    assert e.sub_event_type == "Non-state actor overtakes territory"


def test_a_coalition_s_strike_with_no_target_named_hits_the_foe_it_was_formed_to_fight(pipeline):
    """rule coalition_strikes_its_foe (campaign_foes.tsv): the coalition against داعش striking near a town, no target
    named, in an article that tells of داعش, hits داعش; a coalition strike that killed civilians keeps them."""
    text = ("شنت طائرات التحالف الدولي خمس غارات جوية قرب بلدة الهول في ريف الحسكة أمس.\n"
            "وكان تنظيم داعش قد سيطر على قرى عدة في المنطقة الشهر الماضي.")
    e = next(e for e in pipeline.text(text, published="2016-05-02").events
             if any("الهول" in q["quote"] for q in e.evidence))
    assert (_id(e.actor1), _id(e.actor2)) == ("US-led coalition", "ISIS")
    text = "قصفت طائرات التحالف العربي مواقع قرب مدينة صعدة أمس، فيما تقدم مسلحو الحوثي في محافظة تعز."
    e = next(e for e in pipeline.text(text, published="2016-05-02").events if e.event_type == "Explosions/Remote violence")
    assert (_id(e.actor1), _id(e.actor2)) == ("Saudi-led coalition", "Houthis")


def test_a_strike_on_the_front_lines_hits_the_enemy_fighting_there(pipeline):
    """rule strike_on_the_front (role_words.tsv front): shelling of "محاور القتال", no target named, hits the other
    side of the battle told before it (داعش), not the article's most told party (the opposition); shelling of a
    town keeps its target blank."""
    lead = ("تقول فصائل المعارضة إنها تستعد لمعركة جديدة في ريف حماة، وأكدت فصائل المعارضة أنها أرسلت تعزيزات إلى "
            "ريف حماة، وقال قائد في فصائل المعارضة إن المعركة قريبة.\n"
            "اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في محيط مدينة السخنة أمس.\n")
    for target, other in (("محاور القتال قرب بلدة الطيبة", "ISIS"), ("بلدة الطيبة", None)):
        e = next(e for e in pipeline.text(lead + f"وقصفت قوات النظام بالمدفعية الثقيلة {target} مساء أمس.",
                                          published="2016-05-02").events
                 if e.event_type == "Explosions/Remote violence")
        assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", other), target


def test_a_state_command_announcing_its_foes_dead_killed_them(pipeline):
    """rule announcer_killed_foes: "أعلنت قيادة عمليات نينوى ...، مشيرة إلى مقتل 9 عناصر من داعش", no killer named,
    is the army's deed; the command announcing its own soldiers' death names no killer."""
    evs = pipeline.text("وفي السياق ذاته أعلنت قيادة عمليات نينوى إحباط هجوم على قرية شرقي تلعفر، مشيرة إلى مقتل 9 "
                        "عناصر من تنظيم داعش قرب بلدة العياضية.", published="2016-05-02").events
    e = next(e for e in evs if any("العياضية" in q["quote"] for q in e.evidence))
    assert (_id(e.actor1), _id(e.actor2)) == ("Iraqi forces", "ISIS")
    (e,) = pipeline.text("أعلنت قيادة عمليات نينوى مقتل جنديين عراقيين في قرية شرقي تلعفر أمس.", published="2016-05-02").events
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Iraqi forces")


def test_a_states_security_services_are_its_forces(pipeline):
    # role_words.tsv force "أجهزة" with a nationality (rule force_nationality)
    (e,) = pipeline.text("وأعلنت أجهزة الأمن الروسية أنها قتلت أمس ثمانية متطرفين بايعوا تنظيم داعش في منطقة القوقاز.",
                         published="2015-08-02").events
    assert e.actor1["id"] == "Russian forces"


def test_a_body_named_by_a_masculine_noun_reporting_is_a_source(pipeline):
    """role_words.tsv source "ذكر", "أفاد": the masculine speech verbs make the body after them the source of the
    report, no party of the deed it reports ("وذكر الجيش أن ..." names no side)."""
    (e,) = pipeline.text("وذكر الجيش أن الهجوم نفذه مسلحو حزب العمال الكردستاني بسيارة مفخخة على موقع لقوات الأمن في "
                         "ولاية وان أمس.", published=PUBLISHED).events
    assert _id(e.actor1) == "PKK"
    assert _id(e.actor2) != "Syrian government forces"


def test_people_or_places_loyal_to_a_party_do_not_make_it_a_side(pipeline):
    """rule loyal_population (role_words.tsv population): a party named as the loyalty of a population or of places
    ("ذات الغالبية العلوية الموالية للنظام") is no side of the fight told of them; a force loyal to it still is."""
    (e,) = pipeline.text("اندلعت اشتباكات عنيفة أمس في مدينة طرابلس بين مسلحين من حي الجبل ذات الغالبية العلوية الموالية "
                         "للنظام السوري ومسلحين من حي القبة ما أدى إلى مقتل ثلاثة أشخاص.", published=PUBLISHED).events
    assert "Syrian government forces" not in (_id(e.actor1), _id(e.actor2))
    (e,) = pipeline.text("قتل خمسة عناصر من القوات الموالية للنظام في اشتباكات مع فصائل المعارضة في ريف حماة أمس.",
                         published=PUBLISHED).events
    assert {_id(e.actor1), _id(e.actor2)} == {"Syrian government forces", "Opposition factions"}
    # men "من" the loyal people are a force drawn from them, as the docstring says
    (e,) = pipeline.text("هاجم عناصر من الأهالي الموالين للنظام مقرا لفصائل المعارضة في بلدة سراقب أمس.",
                         published=PUBLISHED).events
    assert "Syrian government forces" in (_id(e.actor1), _id(e.actor2))


def test_the_holder_of_the_area_people_left_for_is_no_side(pipeline):
    """rule refuge_not_side (role_words.tsv refuge, held_area): "للخروج إلى مناطق النظام" names where the people
    went, not whom the blast hit; an advance "نحو مناطق سيطرة التنظيم" keeps the holder as the side fought."""
    (e,) = pipeline.text("انفجرت سيارة مفخخة أمس قرب حافلات تقل عائلات تنتظر للخروج إلى مناطق النظام في حلب ما أدى إلى "
                         "مقتل عشرين شخصا.", published=PUBLISHED).events
    assert (_id(e.actor1), _id(e.actor2)) == (None, "Civilians")
    (e,) = pipeline.text("تقدمت قوات النظام نحو مناطق سيطرة تنظيم داعش في ريف حمص واندلعت اشتباكات عنيفة أمس.",
                         published=PUBLISHED).events
    assert (_id(e.actor1), _id(e.actor2)) == ("Syrian government forces", "ISIS")


def test_a_parent_body_after_a_glued_tie_is_no_side(pipeline):
    """rule associate_glued: "التابع للجيش الحر" (the "ل" of "التابع ل" glued to the name) names the body the unit
    belongs to, an associate, not the other side of the unit's deed."""
    (e,) = pipeline.text("اعتقلت القوة الأمنية التابعة لفيلق الرحمن التابع للجيش الحر عشرة ناشطين في بلدة عربين أمس.",
                         published=PUBLISHED).events
    assert _id(e.actor1) == "Faylaq al-Rahman"
    assert _id(e.actor2) != "Opposition factions"


def test_a_party_backing_by_some_means_is_an_associate(pipeline):
    """rule backed_by_means_from: "مدعومة بغارات كثيفة من التحالف" names the backer, an associate of the force it
    backs, never its target."""
    (e,) = pipeline.text("وقال مسؤول محلي إن قوات الجيش العراقي دخلت حي الضباط في مدينة الرمادي صباح اليوم مدعومة بغارات "
                         "كثيفة من التحالف الدولي.", published=PUBLISHED).events
    assert _id(e.actor1) == "Iraqi forces"
    assert _id(e.actor2) != "Iraqi forces"


def test_forces_that_restore_order_are_no_side_of_the_clash(pipeline):
    """rule order_keeper_not_side (role_words.tsv order_verb, order): police told as stepping in after a family or
    tribal clash ("وفرضت الشرطة خدمات أمنية", "تدخلت قوات الأمن لفض الاشتباك") are no side of it (nor the
    article's other side for a clash told with one); police who fight stay a side."""
    (e,) = pipeline.text("اندلعت اشتباكات بالأسلحة النارية بين عائلتين في قرية المنشية بمحافظة سوهاج أمس أسفرت عن "
                         "مقتل شخص، وفرضت الشرطة خدمات أمنية مكثفة حول منازل العائلتين.", published=PUBLISHED).events
    assert (_id(e.actor1), _id(e.actor2)) == (None, None)
    (e,) = pipeline.text("قتل ثلاثة أشخاص أمس في اشتباكات بين مسلحين من قبيلتين في محافظة مأرب، وتدخلت قوات الأمن "
                         "لفض الاشتباك.", published=PUBLISHED).events
    assert "Yemeni police" not in (_id(e.actor1), _id(e.actor2))
    (e,) = pipeline.text("اندلعت اشتباكات بين الشرطة ومسلحين في قرية المنشية بمحافظة سوهاج أمس.",
                         published=PUBLISHED).events
    assert "Egyptian police" in (_id(e.actor1), _id(e.actor2))


def test_a_tribe_clash_told_with_one_tribe_has_the_other_tribe_as_its_side(pipeline):
    """rule community_faces_community (actors.tsv kind identity): a clash told with one tribe named was fought
    with the other tribe the article names (here only as whose elder speaks), not with the army it names more."""
    text = ("قال أحد زعماء قبيلة المعاليا إن الاشتباكات تجددت أمس في منطقة الضعين بعد أن هاجمت قوات الرزيقات "
            "المنطقة.\nوفي منطقة أخرى قال متمردون إنهم هاجموا الجيش السوداني، وقال الجيش السوداني إنه صد الهجوم، "
            "وإن الجيش السوداني يسيطر على المنطقة.")
    evs = [e for e in _events(pipeline, text) if "Rizeigat tribe" in (_id(e.actor1), _id(e.actor2))]
    assert evs, [(e.event_type, e.actor1, e.actor2) for e in _events(pipeline, text)]
    assert {_id(evs[0].actor1), _id(evs[0].actor2)} == {"Rizeigat tribe", "Maaliya tribe"}


def test_forces_that_end_a_clash_or_deploy_to_keep_order_are_no_side(pipeline):
    """rule order_keeper_not_side (role_words.tsv order_deed, order): "قوات الأمن سيطرت على الاشتباكات" and "انتشار
    قوات الأمن ... للحفاظ على الأمن" name the forces that ended a clash between two families or tribes."""
    (e,) = pipeline.text("قالت مصادر أمنية إن قوات الأمن سيطرت على الاشتباكات التي اندلعت أمس بين أنصار عائلتين في "
                         "قرية المنشية بمحافظة سوهاج.", published=PUBLISHED).events
    assert "Egyptian police" not in (_id(e.actor1), _id(e.actor2))
    (e,) = pipeline.text("قال مسؤول محلي إن الاشتباكات توقفت أمس في مدينة سبها بعد سقوط قتيلين، مؤكدا انتشار قوات "
                         "الأمن في جميع مداخل المدينة للحفاظ على الأمن.", published=PUBLISHED).events
    assert "Libyan police" not in (_id(e.actor1), _id(e.actor2))


def test_a_party_in_a_relative_clause_on_the_object_is_not_the_subject(pipeline):
    """rule object_clause_not_subject: "مواقع كان الحوثيون يستخدمونها" (an unmarked relative clause on the object)
    does not make the Houthis the doer of "استعادت"; the party written before the verb is."""
    (e,) = pipeline.text("أعلنت المقاومة الشعبية في محافظة تعز أنها استعادت أمس عدة مواقع كان الحوثيون يستخدمونها لقصف "
                         "الأحياء السكنية.", published=PUBLISHED).events
    assert (_id(e.actor1), _id(e.actor2)) == ("Popular Resistance (Yemen)", "Houthis")


def test_a_party_after_a_verbal_noun_of_doing_is_the_doer_not_a_speaker(pipeline):
    """rule deed_opener_not_source: "أكد ناشطون قيام القوات العراقية بقصف" names the Iraqi forces as who shelled,
    though a word of reporting stands before them (they had been read as the activists' source, and the strike had
    no doer)."""
    (e,) = pipeline.text("وأكد ناشطون قيام القوات العراقية بقصف بلدة البوكمال الحدودية مساء أمس.", published=PUBLISHED).events
    assert e.event_type == "Explosions/Remote violence"
    assert _id(e.actor1) == "Iraqi forces"
    (e,) = pipeline.text("وأفادت مصادر محلية بقيام طائرات حربية روسية بقصف قرية الهبيط بريف إدلب.",
                         published=PUBLISHED).events
    assert _id(e.actor1) == "Russian forces"


def test_a_crowd_read_as_arresting_the_police_is_the_one_arrested(pipeline):
    """rule crowd_not_arrester: in "أطلقت الشرطة ... وضربت محتجين ... واعتقلت عددا منهم" the verbs share the police
    as their subject; the protesters, object of the verb before, had been read as who arrested."""
    evs = pipeline.text("أطلقت الشرطة العراقية الغاز المسيل للدموع وضربت محتجين بالهراوات وألقت القبض على عدد منهم "
                        "خلال احتجاج على نقص الكهرباء في مدينة البصرة يوم الأحد.", published=PUBLISHED).events
    arrests = [e for e in evs if e.sub_event_type == "Arrests"]
    assert arrests and (_id(arrests[0].actor1), _id(arrests[0].actor2)) == ("Iraqi police", "Protesters")


def test_a_definite_nationality_after_the_strike_names_who_struck(pipeline):
    """rule definite_nationality: "الغارة الإسرائيلية", "القصف الجوي الروسي" name the striker as "غارة إسرائيلية"
    does; the capital of a state condemning it, named before, is not the striker (Moscow had been)."""
    (e,) = pipeline.text("وقتل ثلاثة مدنيين في القصف الجوي الروسي على بلدة كفرنبل بريف إدلب أمس.", published=PUBLISHED).events
    assert _id(e.actor1) == "Russian forces"
    evs = pipeline.text("وأدانت عمان الغارة الإسرائيلية على مستودع للأسلحة قرب مطار المزة العسكري أمس.",
                        published=PUBLISHED).events
    assert [_id(e.actor1) for e in evs] == ["Israeli forces"]


def test_a_reaction_to_a_strike_told_before_is_that_strike(pipeline):
    """rule spoken_of_refers_back: "تقدمت باحتجاج ... على الغارة الإسرائيلية" (a reaction, on its own day) retells the
    raid of the first sentence; it is no second raid dated the day of the protest."""
    evs = pipeline.text("شنت طائرات حربية إسرائيلية ليل الثلاثاء غارة على مستودع للأسلحة قرب مطار المزة العسكري. "
                        "وأعلنت الحكومة السورية الخميس أنها تقدمت باحتجاج رسمي إلى الأمم المتحدة على الغارة "
                        "الإسرائيلية التي استهدفت المستودع.", published=PUBLISHED).events
    assert len(evs) == 1 and _id(evs[0].actor1) == "Israeli forces"


def test_targets_of_a_strike_mark_their_owner_as_hit(pipeline):
    """role_words.tsv target: "غارة جوية على أهداف لتنظيم داعش", "قصف معسكرات لحزب العمال": the party owning the
    targets was hit; the striker named before the verb struck (they had been read the other way round)."""
    (e,) = pipeline.text("وقال الجيش الأمريكي إن التحالف الذي تقوده الولايات المتحدة نفذ أمس 19 غارة جوية على أهداف "
                         "لتنظيم داعش قرب مدينة الموصل.", published=PUBLISHED).events
    assert (_id(e.actor1), _id(e.actor2)) == ("US-led coalition", "ISIS")


def test_a_bracket_around_a_party_does_not_hide_the_word_before_it(pipeline):
    """A party's name set in brackets ("مواقع (جبهة النصرة)", "سيطرة ( تنظيم الدولة )") is read with the word
    before the bracket: the owner of the positions was hit; the party right after a noun of taking took the ground."""
    (e,) = pipeline.text("وتم قصف مواقع (جبهة النصرة) بعشرة صواريخ في بلدة كفرنبل.", published=PUBLISHED).events
    assert e.actor1 is None and _id(e.actor2) == "HTS"
    (e,) = pipeline.text("وتواصلت المعارك بعد سيطرة ( تنظيم الدولة ) على قرية الزكاة في ريف حماة أمس.",
                         published=PUBLISHED).events
    assert _id(e.actor1) == "ISIS" and e.territory["gained_by"] == "ISIS"


def test_a_country_launching_strikes_struck_them(pipeline):
    """rule country_launched: the country is the subject of a verb of launching with a day between it and the strike."""
    (e,) = pipeline.text("وكانت تركيا نفذت، الخميس الماضي، ضربات جوية على مواقع حزب العمال الكردستاني في منطقة هاكورك.",
                         published=PUBLISHED).events
    assert _id(e.actor1) == "Turkish forces"


def test_alias_read_in_the_other_case(pipeline):
    """A party listed in the oblique case ("مقاتلين محليين") is read in the nominative too, and back."""
    from rasid.lexicon import case_forms

    assert "مقاتلون محليون" in case_forms("مقاتلين محليين")
    assert "مقاتلو التنظيم" in case_forms("مقاتلي التنظيم")
    assert case_forms("بني حسين") == []  # words of under five letters keep their endings
    e = _one(pipeline, "عدن - سيطر مقاتلون محليون أمس على بلدة الوهط في محافظة لحج بعد معارك عنيفة مع "
                       "الحوثيين استمرت ثلاثة أيام.", "Battles")
    assert (_id(e.actor1), _id(e.actor2)) == ("Popular Resistance (Yemen)", "Houthis")


def test_allies_named_as_the_two_sides_fought(pipeline):
    """Allies a clause names as the two sides ("بين X وY") fought each other; allies_do_not_fight keeps both."""
    e = _one(pipeline, "صنعاء - اندلعت أمس اشتباكات عنيفة بين الحوثيين وقوات صالح في حي الحصبة شمال العاصمة "
                       "صنعاء أسفرت عن مقتل ثلاثة من الطرفين.", "Battles")
    assert {_id(e.actor1), _id(e.actor2)} == {"Houthis", "Saleh forces"}


def test_turkish_strike_hits_the_pkk_told_in_the_article(pipeline):
    """A Turkish strike with no target named hits the PKK when the article tells of Turkey's campaign on it."""
    evs = _events(pipeline, "أربيل - قصفت طائرات حربية تركية أمس مرتفعات قرب بلدة سيدكان في محافظة أربيل.\n"
                            "وتشن أنقرة منذ سنوات غارات على مواقع حزب العمال الكردستاني في المناطق الحدودية.")
    e = next(e for e in evs if e.event_type == "Explosions/Remote violence")
    assert (_id(e.actor1), _id(e.actor2)) == ("Turkish forces", "PKK")


def test_a_party_behind_an_event_word_after_the_count_did_it(pipeline):
    """rule count_party_past_event_word: in "وأصيب سبعة آخرون في قصف لتنظيم داعش" the party after "قصف" is the
    doer; the wounded are not its men."""
    (e,) = pipeline.text("قتل أربعة أشخاص وأصيب سبعة آخرون في قصف لتنظيم داعش على حي سكني في مدينة الموصل أمس.",
                         published="2016-04-12").events
    assert _id(e.actor1) == "ISIS"
    assert e.injured["value"] == 7 and e.injured["of"] is None and e.fatalities["of"] is None


@pytest.mark.parametrize("text, a1, a2", [
    # rules force_member_no_party, counted_force_member: a counted soldier or policeman, read by the country
    # the text is set in, is that state's dead, the side attacked, and never the doer
    ("قتل ثلاثة جنود في هجوم على حاجز قرب مدينة الرمادي أمس.", None, "Iraqi forces"),
    ("قتل شرطيان في هجوم مسلح على كمين في مدينة العريش أمس.", None, "Egyptian police"),
    ("قتل خمسة شرطيين في هجوم نسبته السلطات إلى حزب العمال الكردستاني في مدينة ماردين أمس.", "PKK", "Turkish police"),
])
def test_counted_soldiers_or_policemen_are_their_states_dead(pipeline, text, a1, a2):
    e = _one(pipeline, text)
    assert (_id(e.actor1), _id(e.actor2)) == (a1, a2), (text, e.actor1, e.actor2)
    assert e.fatalities and e.fatalities["of"] == a2, e.fatalities


def test_a_soldier_word_reads_its_own_sentences_country_only(pipeline):
    """rule force_member_own_sentence: a soldier word takes the country of its own sentence's places, unless another
    country's adjective or force is told there; the article's country does not make it anyone's."""
    evs = pipeline.text("وقال مسؤول عراقي إن القصف طال قرى في محافظة نينوى. "
                        "وقال الجيش التركي إن جنديين قتلا في هجوم على موقع حدودي قرب مدينة زاخو في شمال العراق.",
                        published="2016-04-12").events
    assert all((e.fatalities or {}).get("of") != "Iraqi forces" for e in evs), [e.fatalities for e in evs]
    evs = pipeline.text("قتل جنديان في هجوم مسلح على دورية أمس. وكانت القوات العراقية قد استعادت مدينة الرمادي من تنظيم داعش.",
                        published="2016-04-12").events
    assert all((e.fatalities or {}).get("of") != "Iraqi forces" for e in evs), [e.fatalities for e in evs]


def test_the_owner_of_a_statement_is_its_source_not_the_doer(pipeline):
    """rule statement_owner_source: "وجاء في بيان الجيش التركي: ..." quotes the army; it did not attack."""
    (e,) = pipeline.text('وجاء في بيان الجيش التركي: "استشهد ثلاثة من جنودنا في هجوم على دورية قرب مدينة ماردين".',
                         published="2016-04-12").events
    assert _id(e.actor1) != "Turkish forces"


def test_a_soldier_word_called_government_is_the_articles_states(pipeline):
    """rule force_member_own_sentence: "جنديا نظاميا" with no place in its sentence is the government's soldier of the
    country the article is set in."""
    evs = pipeline.text("قتل 15 جنديا نظاميا في المعارك الدائرة منذ الصباح. وقالت مصادر إن الطيران الحربي قصف مدينة حمص.",
                        published="2016-04-12").events
    assert any((e.fatalities or {}).get("of") == "Syrian government forces" and e.fatalities["value"] == 15 for e in evs)


def test_defected_soldiers_are_not_the_states_forces(pipeline):
    """rule force_member_own_sentence: "جنديا منشقا" left the army; its dead are no army's dead."""
    (e,) = pipeline.text("قتل 12 جنديا منشقا برصاص مجهولين في مدينة إدلب أمس.", published="2016-04-12").events
    assert _id(e.actor2) != "Syrian government forces" and e.fatalities["of"] != "Syrian government forces"


@pytest.mark.parametrize("text,a1", [
    ("قتلت الشرطة الكينية ثلاثة مسلحين في اشتباك قرب الحدود الصومالية أمس.", "Kenyan police"),
    ("قصف الجيش الفلبيني مواقع للمسلحين في جزيرة مينداناو أمس.", "Filipino forces"),
    ("اعتقلت الشرطة الإيطالية شابا تونسيا في مدينة ميلانو أمس.", "Italian police"),
])
def test_a_state_without_a_row_is_named_by_its_nationality(pipeline, text, a1):
    """data/states.tsv: a state actors.tsv does not list gets "<Adjective> forces" / "<Adjective> police" (the
    spec's pattern) from its nationality adjective after a word for an army or a police."""
    e = _one(pipeline, text)
    assert _id(e.actor1) == a1


def test_a_listed_state_keeps_its_own_row():
    """An id or alias actors.tsv lists is not made again from states.tsv (Jordan's army is listed, its police
    not: "قوات الأمن الأردنية" stays the row that lists it)."""
    from rasid.lexicon import default_lexicon, read_tsv, state_rows

    rows = state_rows(read_tsv("actors.tsv"))
    ids = [r[0] for r in rows]
    assert "Kenyan forces" in ids and "Jordanian police" in ids
    assert "Jordanian forces" not in ids and "Turkish police" not in ids
    jordan = next(r for r in rows if r[0] == "Jordanian police")
    assert "قوات الأمن الأردنية" not in jordan[3].split("|") and "الشرطة الأردنية" in jordan[3].split("|")
    lex = default_lexicon()
    assert lex.actors["Kenyan police"].kind == "state"


@pytest.mark.parametrize("text, party", [
    ("هاجم مسلحون من حركة الشباب قاعدة للجيش في شمال كينيا أمس ما أدى إلى مقتل ثلاثة جنود.", "Kenyan forces"),
    ("قتل ثلاثة من رجال الشرطة في هجوم انتحاري على مركز للشرطة في مدينة بيشاور أمس.", "Pakistani police"),
    ("قصف الجيش مواقع للانفصاليين قرب مدينة دونيتسك شرق أوكرانيا أمس.", "Ukrainian forces"),
])
def test_the_army_of_a_war_abroad_is_that_countrys(pipeline, text, party):
    """theatres.tsv rows of wars abroad and states.tsv: "الجيش", "الشرطة" of a story set in a country with no row of
    its own in actors.tsv are that country's army and police (not the Syrian army, the project's default)."""
    e = _one(pipeline, text)
    assert party in (_id(e.actor1), _id(e.actor2))


def test_troops_of_a_state_without_a_row_by_their_plural_nisba(pipeline):
    """states.tsv nisbas in the plural or dual after counted troops ("جنديان كاميرونيان", "جنود كينيين") name that
    state's forces; alone they qualify a person ("انتحاري هندي"), no state's party."""
    e = _one(pipeline, "قتل جنديان كاميرونيان في هجوم نسب إلى مسلحي جماعة بوكو حرام قرب الحدود أمس.")
    assert _id(e.actor2) == "Cameroonian forces" and e.fatalities["of"] == "Cameroonian forces"
    e = _one(pipeline, "فجر انتحاري هندي نفسه في تجمع لقوات النظام قرب مدينة حلب أمس.")
    assert "Indian forces" not in (_id(e.actor1), _id(e.actor2))
