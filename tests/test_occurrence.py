"""The occurrence test: a violent event needs an occurrence, not talk about one.

Invented sentences, one pattern each: attacks told as done, and talk (a noun in commentary, a threat,
a condition or a question, an aim or plan, history recalled, a metaphor, a running situation, a
statistic). The coder must code a violent event for every attack and none for the talk.
"""
import pytest

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}

ATTACK = [
    "قصفت طائرات حربية سوق مدينة معرة النعمان صباح اليوم ما أدى إلى مقتل ثمانية مدنيين.",
    "قتل ثلاثة جنود عراقيين بانفجار عبوة ناسفة استهدفت دوريتهم في قضاء الطارمية أمس.",
    "اغتال مسلحون مجهولون ضابطا في الشرطة بمدينة عدن مساء الثلاثاء.",
    "اندلعت اشتباكات عنيفة بين قوات حفتر وقوات حكومة الوفاق جنوب طرابلس اليوم.",
    "شنت مقاتلات التحالف غارات على مواقع الحوثيين في مديرية نهم فجر اليوم.",
    "فجر انتحاري نفسه وسط تجمع للمصلين في مدينة كابول ما أسفر عن مقتل عشرين شخصا.",
    "هاجم مسلحون كمينا للجيش المصري في مدينة العريش وقتلوا خمسة جنود.",
    "سيطرت قوات سوريا الديمقراطية على قرية الباغوز بعد معارك مع تنظيم الدولة.",
    "سقطت قذائف هاون على حي سكني في مدينة حلب اليوم وأصيب أربعة أطفال.",
    "تعرضت دورية للجيش التركي لهجوم بصاروخ موجه في ريف إدلب أمس.",
    "أعلنت وزارة الداخلية مقتل شرطيين في هجوم مسلح على حاجز أمني بمحافظة الأنبار.",
    "قصفت المدفعية الإسرائيلية مواقع في بلدة بيت حانون شمال قطاع غزة الليلة الماضية.",
    "دارت مواجهات بين عشيرتين في مدينة البصرة أمس أسفرت عن مقتل ثلاثة أشخاص.",
    "خطف مسلحون موظفا في منظمة إغاثية على طريق مدينة سبها في جنوب ليبيا اليوم.",
    "أدان الرئيس الهجوم الذي استهدف كنيسة في مدينة طنطا صباح اليوم وأدى إلى مقتل 25 شخصا.",
    "أدان وزير الداخلية الهجوم على حاجز للشرطة في مدينة رفح أمس.",
    "قالت مصادر محلية إن طائرة مسيرة استهدفت سيارة في مدينة مأرب أمس وقتلت من فيها.",
    "تمكنت قوات الجيش من استعادة السيطرة على بلدة كفرنبودة بعد اشتباكات مع الفصائل.",
    "وقتل مدنيان في قصف مدفعي على بلدة كفرزيتا بريف حماة مساء أمس.",
    "انفجرت سيارة مفخخة قرب سوق شعبي في مدينة الصدر شرقي بغداد ظهر اليوم.",
    "وتواصل قوات النظام قصفها على مدينة داريا لليوم الثالث على التوالي.",
    "قصفت الطائرات مدينة الرقة الخاضعة لسيطرة التنظيم منذ عام 2014 صباح اليوم.",
    "وقال مصدر أمني اليوم إن مسلحين مجهولين أطلقوا النار على سيارة مدير الناحية في بلدة الرشادية ما أدى إلى مقتله.",
    "وذكرت وكالة الأنباء الرسمية أن إرهابيين استهدفوا بقذائف الهاون حي باب توما في دمشق مساء أمس.",
    "ولقي جنديان حتفهما وأصيب ثالث في هجوم شنه مسلحون على نقطة تفتيش جنوب مدينة العريش.",
    "اتهم مجلس المحافظة الحكومة بالتقصير، وقال إن الجنود الذين تعرضوا أمس لكمين مسلح قرب مدينة الرطبة نقلوا إلى المستشفى.",
    "كما تتعرض أحياء حمص القديمة لقصف عنيف من قبل القوات النظامية اليوم.",
    "تمكنت قوات المعارضة اليوم من إيقاف تقدم قوات النظام نحو قرية بيت جن في ريف دمشق.",
    "أطلق مسلحون النار على مراقبين دوليين قرب مدينة درعا اليوم.",
    "وجاء ذلك في الوقت الذي يشن فيه الطيران الحربي غارات مكثفة على مدينة دوما.",
    "أغارت طائرات حربية على مواقع للمسلحين في مدينة سرت صباح اليوم ما أدى إلى مقتل أربعة منهم.",
    "ودكت المدفعية التركية مواقع المسلحين قرب بلدة الشيخ زويد صباح اليوم.",
    "وأعلن مصدر أمني اليوم العثور على جثتي رجلين مجهولي الهوية قضيا رميا بالرصاص قرب مدينة كركوك.",
]

TALK = [
    # a noun in commentary: named, not told
    "أحيا سكان مدينة حلبجة الذكرى السنوية للهجوم الكيماوي على مدينتهم اليوم.",
    "ندد وزير الخارجية المصري بالهجوم في بيان صدر اليوم.",
    "طالب البرلمان الليبي بفتح تحقيق في عمليات الاغتيال التي تشهدها مدينة بنغازي.",
    "دعت المنظمة إلى محاسبة المسؤولين عن قصف المستشفى في مدينة دوما.",
    "يعرض الفيلم قصة معركة الموصل ضد تنظيم الدولة.",
    # a threat, a condition, a question, a fear
    "هددت جماعة الحوثي بقصف مطارات السعودية إذا استمرت الغارات.",
    "إذا هاجمت القوات التركية مدينة منبج فإن الوحدات الكردية سترد بقوة.",
    "هل تقصف إسرائيل المنشآت الإيرانية في سوريا؟",
    "حذر قائد الجيش من أن أي هجوم على مدينة مأرب سيواجه برد حاسم.",
    "وتخشى الأمم المتحدة من أن يؤدي الهجوم على مدينة الحديدة إلى كارثة إنسانية.",
    "تخشى المنظمات الإنسانية من هجوم وشيك على مدينة إدلب.",
    # the future, an aim, a plan, a capability, an exercise
    "تعتزم قوات الحكومة شن هجوم واسع على مدينة الحديدة.",
    "حشدت قوات النظام تعزيزات عسكرية قرب مدينة اللطامنة بهدف السيطرة عليها.",
    "تستعد القوات العراقية لاقتحام مدينة تلعفر في الأسابيع المقبلة.",
    "أكد الوزير أن القوات قادرة على تحرير مدينة سرت من المسلحين.",
    "تلقى الجنود تدريبات على صد الهجمات في قاعدة عين الأسد.",
    # history recalled
    "وكانت مدينة الفلوجة قد شهدت معارك عنيفة عام 2004 بين القوات الأمريكية والمسلحين.",
    "يذكر أن تنظيم الدولة سيطر على مدينة الموصل في حزيران عام 2014.",
    # a metaphor
    "تشن القنوات الموالية للنظام حربا إعلامية على المعارضة في إسطنبول.",
    "شن النائب هجوما حادا على وزير المالية خلال جلسة البرلمان في بغداد اليوم.",
    "بدأت معركة انتخابية حامية في مدينة البصرة بين الأحزاب.",
    # a running situation
    "تشهد المنطقة اشتباكات متقطعة منذ سنوات بين الجيش والمسلحين في شمال سيناء.",
    "تتعرض قرى ريف حماة لقصف شبه يومي منذ أشهر.",
    # a statistic, a policy
    "وثقت الشبكة السورية لحقوق الإنسان مقتل 1200 مدني في سوريا خلال العام الماضي.",
    "ارتفع عدد ضحايا الحرب في اليمن إلى أكثر من 10 آلاف قتيل منذ عام 2015 بحسب الأمم المتحدة.",
    "أقر البرلمان التركي قانونا جديدا لمكافحة الإرهاب في أنقرة اليوم.",
    "ناقش مجلس الأمن سبل وقف القتال في مدينة طرابلس الليبية.",
    # said on a day, about no event of that day: a demand, a funeral, a judgement, traces
    "طالبت عائلات الضحايا اليوم في مدينة تعز بمحاكمة المتورطين في قصف الأحياء السكنية.",
    "وشارك المئات اليوم في مدينة القامشلي في تشييع ضحايا التفجير الذي استهدف المدينة الأسبوع الماضي.",
    "وتعد معركة الموصل من أعنف المعارك التي خاضتها القوات العراقية ضد تنظيم الدولة.",
    "ولا تزال آثار القصف واضحة على جدران المنازل في حي الشعار بمدينة حلب.",
    "ويطالب الأهالي بتعويضات عن منازلهم التي دمرها القصف في مدينة الرقة.",
    "وهدد الجيش الإسرائيلي اليوم بقصف أي موقع تنطلق منه الصواريخ في قطاع غزة.",
    "ويخوض الجيش السوداني منذ أشهر معارك ضد قوات الدعم السريع في ولاية الجزيرة.",
    # the future tense
    "وقال المتحدث باسم الجيش في مؤتمر صحفي اليوم في بغداد إن قواته ستواصل عملياتها ضد الإرهاب حتى تحرير كامل الأراضي.",
    "وأكد محافظ نينوى اليوم أن الهجوم على مدينة الموصل سيبدأ قريبا.",
    "وقال قائد الحملة إن قواته ستتخذ من البلدة منطلقا للهجوم على مدينة الرقة.",
    # a word of plan before the event word (cues.tsv plan)
    "ومن المقرر أن يلتقي الوزير وفدا عشائريا من محافظة الأنبار لبحث تحرير مدينة الرمادي من سيطرة تنظيم داعش.",
    # protection sought from attacks to come
    "ورفعت البلدية جدرانا إسمنتية لحماية نفسها من هجمات تنظيم داعش على مدينة الرمادي.",
    # "قد" with an imperfect right after the trigger: what may come
    "وحفر المقاتلون خنادق حول بلدة تل أبيض خوفا من هجمات قد تشنها قوات النظام السوري.",
    # a repetition feared, ways sought, a stop, the perpetrators or the accused, a battlefield
    "وأعرب الأهالي عن مخاوفهم من تكرار التفجيرات في مدينة كركوك.",
    "ويبحث الاجتماع سبل الرد على الهجمات الإرهابية في محافظة شمال سيناء.",
    "وتوقف القصف على مدينة إدلب منذ سريان الهدنة الأسبوع الماضي.",
    "وتعهد قائد الشرطة بملاحقة منفذي الهجوم على الكنيسة في مدينة الإسكندرية.",
    "وتحولت مدينة الرقة إلى ساحة معارك بين القوى المتصارعة خلال السنوات الماضية.",
    "وأصدرت المحكمة حكما بإعدام خمسة متهمين بتنفيذ تفجير في مدينة طنطا.",
    "أصدرت محكمة عسكرية في مدينة غزة أمس حكما بالإعدام على رجل بتهمة التخابر.",
    # recalling, analysts, a complaint, massing for an attack
    "ويستذكر أهالي مدينة حماة المجزرة التي ارتكبتها قوات النظام في المدينة.",
    "ويقول خبراء إن الاغتيالات في درعا تهدف إلى إضعاف المعارضة.",
    "وتقدمت الحكومة بشكوى إلى مجلس الأمن بشأن القصف التركي لقرى محافظة دهوك.",
    "ونقلت الوكالة عن مصادر أن قوات النظام تحشد لهجوم على ريف إدلب الجنوبي.",
    # an inquiry into an event names it
    "وقال مسؤول إن الحكومة تتعاون مع السلطات المحلية للتحقيق في مزاعم سقوط ضحايا مدنيين في القصف على قرية الزاب.",
    # a question in words, an analyst's view, concern, a court case, preparing an attack
    "وتساءل الكاتب عن الجهة التي تقف وراء تفجيرات مدينة كركوك الأخيرة.",
    "وقال المحلل العسكري إن معركة مدينة سرت قد تستمر لأشهر طويلة.",
    "وقالت المنظمة إنها تتابع بقلق التقارير عن اشتباكات في ولاية جنوب دارفور.",
    "قضت محكمة الجنايات بالسجن المؤبد على عشرة متهمين في قضية تفجير كنيسة في مدينة المنيا.",
    "واتهمت المعارضة الحكومة بالتحضير لهجوم كيماوي جديد على ريف حماة.",
    # a habit: what a party does, what a place serves for
    "ولم يصدر أي تعليق عن حركة طالبان التي تشن هجمات انتحارية في ولاية هلمند.",
    "وكانت البلدة قاعدة يشن منها التنظيم هجماته على مدينة عين العرب.",
]


def _violent(pipeline, text):
    return [e for e in pipeline.text(text, published="2019-05-12").events if e.event_type in VIOLENT]


@pytest.mark.parametrize("text", ATTACK, ids=[f"attack{i}" for i in range(len(ATTACK))])
def test_an_attack_told_is_coded(pipeline, text):
    assert _violent(pipeline, text), text


@pytest.mark.parametrize("text", TALK, ids=[f"talk{i}" for i in range(len(TALK))])
def test_talk_about_violence_is_no_event(pipeline, text):
    assert not _violent(pipeline, text), (text, [(e.event_type, e.evidence[0]["quote"]) for e in _violent(pipeline, text)])


def test_a_clause_opened_by_a_condition_tells_no_event(pipeline):
    """"وإذا سيطرت ... فإن ذلك سيعجل بتقدمها صوب": every event word of the clause would be (rule conditional_clause);
    the capture told before it stays."""
    doc = pipeline.text("سيطرت الفصائل على بلدة بصرى الشام في ريف درعا أمس. وإذا سيطرت الفصائل على مدينة درعا، فإن ذلك "
                        "سيعجل بتقدمها صوب العاصمة دمشق التي تبعد نحو 100 كيلومتر.", published="2019-05-12")
    assert [(e.sub_event_type, e.evidence[0]["quote"][:10]) for e in doc.events if e.event_type in VIOLENT] == \
        [("Non-state actor overtakes territory", "سيطرت الفص")]


def test_fire_exchanged_is_an_armed_clash(pipeline):
    """"تبادل لإطلاق النار": fire exchanged between two sides is a fight (an Armed clash), told by its noun alone."""
    doc = pipeline.text("وأصيب شرطي في تبادل لإطلاق النار مع مسلحين قرب مدينة الموصل مساء أمس.", published="2019-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [("Battles", "Armed clash")]


@pytest.mark.parametrize("text", [
    "وقال المتحدث: ندين ونستنكر التفجيرات التي شهدتها مدينة كركوك.",
    "وأصدرت الخارجية بيانا تدين فيه الهجوم على القنصلية في مدينة البصرة.",
    "وجدد زعيم التيار دعوته للتظاهر أمام السفارة في بغداد.",
    "وحدد ناشطون موعد تنظيم مظاهرة في ساحة الساعة وسط مدينة حمص مساء غد.",
    "وتنظم الأحزاب تظاهرات حاشدة غدا الجمعة في ساحة الساعة بمدينة حمص.",
], ids=["we_condemn", "condemns_now", "call_as_noun", "tomorrow", "tomorrow_friday"])
def test_condemnation_call_or_a_day_to_come_is_no_event(pipeline, text):
    """A condemnation in the present tense or the first person, a call as a noun ("دعوته للتظاهر"), and an
    event set for tomorrow ("مساء غد") tell no event (rules opinion, future_clause)."""
    doc = pipeline.text(text, published="2019-05-12")
    assert not doc.events, [(e.event_type, e.evidence[0]["quote"]) for e in doc.events]


def test_an_operation_named_by_its_aim_is_fighting(pipeline):
    """"عملية تحرير المدينة", "معركة استعادة القاعدة": a word of capture right after a noun of a military operation
    names the operation by its aim, fighting with no ground taken yet (rule operation_aim); an operation told over
    ("انتهاء عملية تحرير") took the ground."""
    (e,) = pipeline.text("بدأت القوات العراقية صباح اليوم عملية تحرير مدينة الرمادي من سيطرة تنظيم داعش.",
                         published="2019-05-12").events
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    (e,) = pipeline.text("وقال القائد إن معركة استعادة مدينة الحديدة انطلقت فجر اليوم.", published="2019-05-12").events
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    (e,) = pipeline.text("وأعلن الجيش العراقي اليوم انتهاء عملية تحرير مدينة الفلوجة.", published="2019-05-12").events
    assert e.sub_event_type != "Armed clash"


def test_the_attack_named_again_is_the_bombing_told(pipeline):
    """"بالهجوم الذي أوقع 30 قتيلا" after a suicide bombing told: a definite noun of attack in general refers back to
    the last violent event whatever its kind (rule attack_refers_back); one event, the bombing."""
    doc = pipeline.text("قتل 30 شخصا في تفجير انتحاري استهدف سوقا في مدينة الرمادي أمس. وندد رئيس الوزراء في بيان "
                        "بالهجوم الذي أوقع 30 قتيلا وعشرات الجرحى.", published="2019-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [("Explosions/Remote violence", "Suicide bomb")]


@pytest.mark.parametrize("text,kind", [
    ("قتل ثلاثة أشخاص بإطلاق نار في مركز تجاري بمدينة الموصل أمس.", ("Violence against civilians", "Attack")),
    ("وأصيب عنصران من الفصيل بإطلاق النار عليهم في مدينة أرمناز أمس.", ("Battles", "Armed clash")),
    ("وتبادل الطرفان إطلاق النار في مدينة عدن مساء أمس ما أدى إلى إصابة شخصين.", ("Battles", "Armed clash")),
    ("وأعرب المبعوث عن أمله في وقف دائم لإطلاق النار في مدينة عدن.", None),
    ("وستنتهي الأزمة مع أول وقف إطلاق نار في مدينة حلب.", None),
    ("وكان في إمكان سكان مدينة الرمثا سماع أصوات إطلاق النار الكثيف أمس.", None),
], ids=["shooting", "fighters_shot", "exchange_of_fire", "truce", "truce_indefinite", "heard"])
def test_gunfire_told_by_its_noun(pipeline, text, kind):
    """"إطلاق نار" tells a shooting (an attack); fighters the only hurt make it a clash (rule fighters_shot), and so
    does fire exchanged (rule exchange_of_fire); a truce named in other words ("وقف دائم لإطلاق النار") is none."""
    doc = pipeline.text(text, published="2019-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == ([kind] if kind else [])


def test_a_pluperfect_toll_recalls_the_event_just_told(pipeline):
    """"وكانت المعلومات الأولية عقب الانفجار قد أشارت ..." recalls the bombing just told, not an older one: one
    event (rule pluperfect_refers_back)."""
    doc = pipeline.text("قتل خمسة مدنيين في انفجار سيارة مفخخة في بلدة كفرنبل صباح اليوم. وقال الدفاع المدني إن عناصره "
                        "انتشلوا الجثث. وكانت المعلومات الأولية عقب الانفجار قد أشارت إلى جرح سبعة أشخاص.",
                        published="2019-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_reported_speech_is_no_move(pipeline):
    """"ونقلت صحيفة ... عن": a newspaper relaying a source moves no troops (a look-alike of "نقل")."""
    doc = pipeline.text("ونقلت صحيفة الوطن أن قوات النظام أكدت أن الوضع في مدينة منبج هادئ صباح اليوم.",
                        published="2019-05-12")
    assert not doc.events, [(e.event_type, e.sub_event_type) for e in doc.events]


def test_a_past_day_beside_tomorrow_keeps_the_event(pipeline):
    """"تصاعدت الاحتجاجات أمس ... عقد اجتماع غدا": the morrow is another deed's; the protest told stays."""
    doc = pipeline.text("وتصاعدت الاحتجاجات أمس في مدينة حمص حيث قرر المحتجون عقد اجتماع عاجل غدا.", published="2019-05-12")
    assert [e.event_type for e in doc.events] == ["Protests"]


@pytest.mark.parametrize("text,kind", [
    ("واستهدفت الميليشيات منازل المدنيين بقصف عشوائي على حي التحرير في مدينة تعز صباح اليوم.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("قتل عشرة مدنيين في مجزرة جديدة ارتكبتها الطائرات الحربية بغارة على سوق مدينة أريحا اليوم.",
     ("Explosions/Remote violence", "Air/drone strike")),
], ids=["tahrir_district", "massacre_by_air_strike"])
def test_the_means_gives_the_type(pipeline, text, kind):
    """A district named "التحرير" is a place, not a capture; a massacre told with its means after "ب" ("بغارة",
    "بقصف") is that strike (rule massacre_by_means)."""
    doc = pipeline.text(text, published="2019-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [kind]


@pytest.mark.parametrize("text", [
    "وقالت الحركة فجر الخميس إنها قتلت عشرين عنصرا لقوات النظام خلال محاولتهم اقتحام حي الراشدين بمدينة حلب، "
    "واستعادة السيطرة على منطقة البحوث العلمية.",
    "وتدور معارك عنيفة يوميا قرب بلدة اللطامنة وسط عجز قوات النظام عن تثبيت سيطرتها على المنطقة.",
], ids=["aim_after_comma", "consolidating"])
def test_an_aim_or_consolidation_is_no_capture(pipeline, text):
    """An aim joined by "و" after a comma ("محاولتهم اقتحام الحي، واستعادة السيطرة") and consolidating control
    ("تثبيت سيطرتها") take no ground: the fighting told is an armed clash."""
    doc = pipeline.text(text, published="2019-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [("Battles", "Armed clash")]


def test_a_strike_alongside_another_is_its_own_clause(pipeline):
    """"... ترافق مع القصف المدفعي على ...": like "تزامنا مع", "ترافق مع" without a comma opens the clause of a
    second event."""
    doc = pipeline.text("وشن الطيران الحربي غارات على بلدة المسيفرة صباح اليوم ترافق مع اشتباكات عنيفة بين الفصائل "
                        "وقوات النظام في بلدة الجيزة.", published="2019-05-12")
    assert sorted(e.event_type for e in doc.events) == ["Battles", "Explosions/Remote violence"]


def test_an_anniversary_and_its_toll_tell_no_event(pipeline):
    """cues.tsv memory: "الذكرى الخامسة لمجزرة ... التي راح ضحيتها أكثر من مئة مدني" remembers a massacre; neither its
    word nor its toll is an event now (rules negated, remembered_toll); the massacre told as news still is one."""
    assert not pipeline.text("تحل اليوم الذكرى السنوية الخامسة لمجزرة القرية التي راح ضحيتها أكثر من مئة مدني في ريف حمص.",
                             published="2017-05-12").events
    assert pipeline.text("ارتكبت قوات النظام مجزرة في قرية بريف حمص راح ضحيتها أكثر من مئة مدني أمس.",
                         published="2017-05-12").events


def test_a_habit_and_a_flights_cause_tell_no_event(pipeline):
    """"بشكل متكرر" after the event word with no day nor killing is a habit (rule habitual_repeated); fighting after
    "الفارين من", "هربا من" is why people fled (cues.tsv reference). A day or a toll keeps the event."""
    assert not pipeline.text("تتهم الحكومة المتمردين بقصف الأحياء السكنية في مدينة تعز بشكل متكرر.",
                             published="2017-05-12").events
    assert not pipeline.text("وصل مئات النازحين الفارين من المعارك في ريف حماة إلى المخيمات الحدودية.",
                             published="2017-05-12").events
    assert pipeline.text("قصفت الطائرات بلدة اللطامنة أمس بشكل متكرر ما أدى إلى مقتل ثلاثة مدنيين.",
                         published="2017-05-12").events


def test_an_attempt_survived_was_made(pipeline):
    """rule survived_attempt: "نجا ... من محاولة اغتيال" tells an attack that failed, not an aim; an attempt foiled or
    an aim ("حاولت القوات التقدم") still tells none."""
    assert pipeline.text("نجا محافظ الأنبار من محاولة اغتيال بعبوة ناسفة استهدفت موكبه في مدينة الرمادي أمس.",
                         published="2017-05-12").events
    assert not pipeline.text("حاولت قوات النظام التقدم نحو بلدة اللطامنة أمس.", published="2017-05-12").events


def test_a_courts_verdict_tells_no_deed_nor_execution(pipeline):
    """cues.tsv court: "حكمت المحكمة بالإعدام على متهمين بتفجير" is a sentence passed; "أعدم التنظيم" an execution."""
    assert not pipeline.text("حكمت محكمة الجنايات بالإعدام على خمسة متهمين بتفجير كنيسة في مدينة الموصل.",
                             published="2017-05-12").events
    assert pipeline.text("أعدم التنظيم خمسة شبان في ساحة عامة بمدينة الرقة أمس.", published="2017-05-12").events


@pytest.mark.parametrize("text", [
    "نتوقع أن تشن الطائرات غارات على مدينة خان شيخون خلال الأيام المقبلة.",
    "وتوقع المحافظ أن يهاجم المسلحون بلدة الصالحية مساء اليوم.",
], ids=["we_expect", "expected_past"])
def test_an_expectation_in_any_person_tells_no_event(pipeline, text):
    """cues.tsv modal: an expectation ("نتوقع", "توقع" …, not only "يتوقع") tells what may come."""
    assert not [e for e in pipeline.text(text, published="2017-05-12").events if e.event_type in VIOLENT]


def test_may_with_an_imperfect_before_the_event_word_tells_no_event(pipeline):
    """rule may_come_before: "قد" with an imperfect verb before the event word ("قد يشن غارات"), or the event word
    itself an imperfect after "قد" ("قد تقصف"), tells what may come; "قد" with a past verb ("قد قصفت") keeps it."""
    assert not pipeline.text("وحذر المسؤول من أن الطيران قد يشن غارات على بلدة الصالحية.", published="2017-05-12").events
    assert not pipeline.text("وقال المحافظ إن القوات قد تقصف مواقع المسلحين في بلدة الصالحية.",
                             published="2017-05-12").events
    assert pipeline.text("وكانت الطائرات الحربية قد قصفت بلدة الصالحية أمس.", published="2017-05-12").events


def test_taking_part_in_battles_or_earlier_battles_tell_no_event(pipeline):
    """rules took_part and earlier_ones: "شارك في معارك" is a career, "القوات المشاركة في المعركة" a role, "معارك
    سابقة" deeds recalled; none is a battle that happened. Fighting told as news still is one."""
    for text in ("وكان القيادي الراحل قد شارك في معارك عديدة ضد القوات الحكومية في ريف حمص قبل أن ينشق.",
                 "وتعد الكتيبة ركنا أساسيا في القوات المشاركة في المعركة ضد التنظيم في مدينة الرقة.",
                 "وتكبدت قوات النظام خسائر فادحة في معارك سابقة في ريف حماة."):
        assert not pipeline.text(text, published="2017-05-12").events, text
    assert pipeline.text("دارت معارك عنيفة بين قوات النظام والفصائل في ريف حماة أمس.", published="2017-05-12").events


def test_a_bomb_blown_up_safely_by_sappers_is_disrupted(pipeline):
    """rule safe_detonation: a bomb found and blown up where it lay, safely ("فجرتها فرق الهندسة بشكل آمن"), is the
    defusing (Strategic developments / Disrupted weapons use), not an explosion; a blast told keeps the bombing."""
    doc = pipeline.text("عثرت قوات الأمن على عبوة ناسفة قرب سوق مدينة الرمادي وفجرتها فرق الهندسة بشكل آمن أمس.",
                        published="2017-05-12")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [("Strategic developments", "Disrupted weapons use")]
    doc = pipeline.text("انفجرت عبوة ناسفة قرب سوق مدينة الرمادي أمس وفجرت الشرطة عبوة ثانية بشكل آمن.",
                        published="2017-05-12")
    assert [e.event_type for e in doc.events] == ["Explosions/Remote violence"]


def test_an_agreement_not_reached_and_weapons_handed_over_are_no_events(pipeline):
    # cues.tsv negation "لم يتم التوصل إلى"; triggers.tsv look-alike "تسليم أسلحة" (no ground changes hands)
    assert not pipeline.text("وقال مسؤول في المعارضة إنه لم يتم التوصل إلى اتفاق بين المعارضة وقوات النظام يقضي "
                             "بتسليم أسلحة المقاتلين في بلدة كفرنبل حتى الآن.", published="2016-03-02").events
    (e,) = pipeline.text("وقال مسؤول في المعارضة إنه تم التوصل إلى اتفاق بين المعارضة وقوات النظام يقضي بتسليم أسلحة "
                         "المقاتلين في بلدة كفرنبل.", published="2016-03-02").events
    assert e.sub_event_type == "Agreement"


def test_what_was_prevented_or_is_only_within_reach_did_not_happen(pipeline):
    # rule prevented_from (role_words.tsv prevent): "منع ... من دخول" is what did not happen
    assert not pipeline.text("منع المحامون قوات الأمن من دخول مجمع المحاكم في مدينة أسوان أمس.",
                             published="2015-07-20").events
    assert pipeline.text("دخلت قوات الأمن مجمع المحاكم في مدينة أسوان أمس بعد اشتباكات مع المحامين.",
                         published="2015-07-20").events
    # cues.tsv modal "قدرته على": a capability, no attack
    assert not _violent(pipeline, "وأظهر التنظيم قدرته على شن هجمات انتحارية في مدينة الرمادي رغم خسائره.")


def test_the_wounded_taken_to_hospital_are_no_move_of_a_force(pipeline):
    # triggers.tsv look-alikes of "نقل*": a person taken to hospital, a transport aircraft
    assert not [e for e in pipeline.text("وتحدث ناشطون عن قتلى بين عناصر داعش، حيث نقلت جثثهم إلى المشفى الوطني في "
                                         "بلدة كفرنبل أمس.", published="2016-03-02").events
                if e.event_type == "Strategic developments"]
    (e,) = pipeline.text("نقلت قوات النظام تعزيزات عسكرية كبيرة إلى بلدة كفرنبل أمس.", published="2016-03-02").events
    assert e.sub_event_type == "Change to group/activity"


def test_an_agreement_referred_to_is_no_agreement_reached(pipeline):
    # triggers.tsv look-alikes: "في إطار اتفاق", "بموجب الاتفاق", "الاتفاق النووي" refer to an agreement made before
    assert not [e for e in pipeline.text("وصلت قوات روسية إلى بلدة كفرنبل في إطار اتفاق خفض التصعيد.",
                                         published="2017-10-02").events if e.sub_event_type == "Agreement"]


def test_a_toll_of_an_accident_or_a_disaster_is_no_attack(pipeline):
    # rule accident_toll (role_words.tsv accident)
    assert not pipeline.text("قتل خمسة مدنيين وأصيب عشرة في حادث تصادم بين حافلتين في مدينة سوهاج أمس.",
                             published="2013-03-04").events
    assert not pipeline.text("وأشارت حصيلة سابقة إلى مقتل 61 مدنيا في بلدة كفرنبل نتيجة الزلزال.",
                             published="2013-03-04").events
    assert pipeline.text("قتل خمسة مدنيين وأصيب عشرة في مدينة سوهاج أمس.", published="2013-03-04").events


def test_shelling_told_as_repeated_lately_is_no_event(pipeline):
    # cues.tsv repeated "عدة مرات", "في الآونة الأخيرة" (lately is no day of its own; rule habitual_repeated)
    assert not _violent(pipeline, "يذكر أن مدينة اللاذقية تعرضت للقصف بصواريخ غراد عدة مرات في الآونة الأخيرة.")
    assert _violent(pipeline, "قصفت قوات النظام بلدة كفرنبل عدة مرات أمس.")


def test_the_control_a_place_is_to_be_freed_from_is_no_capture(pipeline):
    """rule freed_control_no_capture: "انطلاق العمليات لتحرير الأنبار من سيطرة التنظيم" tells an aim; the control
    after "من" is what the province is to be freed from, no capture by the group (it had been coded as one). A
    capture told after "بعد ساعات من" stays."""
    assert not pipeline.text("وأعلنت وزارة الدفاع العراقية الاثنين انطلاق العمليات العسكرية لتحرير محافظة الأنبار من "
                             "سيطرة تنظيم داعش.", published="2015-07-15").events
    (e,) = pipeline.text("وقصفت الطائرات البلدة أمس بعد ساعات من سيطرة المقاتلين المعارضين عليها.",
                         published="2015-07-15").events
    assert e.event_type in ("Battles", "Explosions/Remote violence")


def test_areas_a_party_took_told_in_a_relative_clause_describe_its_ground(pipeline):
    """rule areas_described: "حكومة تتولى شؤون المناطق التي سيطر عليها مسلحو المعارضة" describes ground held, no
    capture (one had been coded, placed in Turkey); a capture dated in such a clause stays news."""
    assert not pipeline.text("واجتمعت المعارضة في إسطنبول لاختيار رئيس لحكومة مؤقتة تدير المناطق التي سيطر عليها "
                             "مسلحو المعارضة.", published="2013-03-19").events
    (e,) = pipeline.text("وعاد الأهالي إلى القرى التي سيطرت عليها الفصائل أمس في ريف حماة.", published="2013-03-19").events
    assert e.event_type == "Battles"


def test_an_attack_to_take_ground_back_is_fighting_not_a_capture(pipeline):
    """cues.tsv negation "لاستعادة", "لانتزاع": "شنت القوات هجوما لاستعادة السيطرة على البلدة" tells the attack; the
    capture is its aim (it had been coded as ground taken). "تمكنت من استعادة السيطرة" stays a capture."""
    (e,) = pipeline.text("وشنت القوات الحكومية أمس هجوما لاستعادة السيطرة على بلدة مورك.", published="2016-03-06").events
    assert e.sub_event_type == "Armed clash"
    (e,) = pipeline.text("وتمكنت القوات الحكومية أمس من استعادة السيطرة على بلدة مورك.", published="2016-03-06").events
    assert e.sub_event_type == "Government regains territory"


def test_a_student_killed_is_no_demand(pipeline):
    """"طالب" is a word of opinion (he demanded) and a student: right after a verb of being killed it is the victim
    (rule opinion_word_a_victim); as a verb it still marks talk about an event."""
    (e,) = pipeline.text("وقتل طالب جامعي في قصف مدفعي على بلدة معرة النعمان.", published="2019-05-12").events
    assert e.event_type == "Explosions/Remote violence"
    assert not pipeline.text("وطالب الأهالي بمحاسبة المسؤولين عن قصف بلدة معرة النعمان.", published="2019-05-12").events
