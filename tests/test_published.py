"""The publication day: metadata, a publication line, a dateline, or none (never an event's date)."""
from rasid.published import infer_published


def test_metadata_wins_over_what_the_page_says():
    got = infer_published("تم النشر بتاريخ 8 تشرين الثاني 2016\nقصفت الطائرات المدينة.", "2016-11-09T10:00")
    assert (got.date, got.source) == ("2016-11-09", "metadata")


def test_a_publication_line_or_a_date_only_line_is_the_stamp():
    got = infer_published("قصف على المدينة\nتاريخ النشر : السبت 21 أكتوبر 2017\nقصفت الطائرات المدينة أمس.")
    assert (got.date, got.source) == ("2017-10-21", "stamp") and "تاريخ النشر" in got.evidence
    got = infer_published("قصفت الطائرات المدينة أمس وقتل ثلاثة مدنيين.\n12 / 03 / 2015")
    assert (got.date, got.source) == ("2015-03-12", "stamp")


def test_the_date_opening_the_article_is_its_dateline():
    got = infer_published("دمشق - 12 آذار 2015 (رويترز) - قصفت الطائرات بلدة دوما أمس.")
    assert (got.date, got.source) == ("2015-03-12", "dateline")


def test_an_events_date_is_never_the_publication_day():
    # a date after "يوم" / "منذ" in the first sentence is the event's
    assert infer_published("قال ناشطون إن قوات الأمن اشتبكت مع المتظاهرين يوم 25 يناير 2013 في المدينة.").source == "none"
    # a verb with "نشر" in it, "بتاريخ" in the body: no publication line
    got = infer_published("انتشرت القوات في المدينة.\nوأعلنت الوزارة بتاريخ 22/10/2012 أنها اعتقلت المشتبه بهم.")
    assert (got.date, got.source) == (None, "none")
    # a photo caption's date is decoration
    assert infer_published("صورة أرشيفية 3 أيار 2011\nقصفت الطائرات المدينة أمس.").source == "none"


def test_documents_jsonl_says_where_the_day_came_from(tmp_path):
    import json
    import subprocess
    import sys

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("دمشق - 12 آذار 2015 (رويترز) - قصفت الطائرات بلدة دوما أمس.\n", encoding="utf-8")
    (src / "b.txt").write_text("قصفت الطائرات بلدة دوما أمس وقتل ثلاثة مدنيين.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "rasid.cli", "run", str(src), "--out", str(tmp_path / "out"), "--quiet"],
                       capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    docs = {d["doc_id"]: d for d in map(json.loads, open(tmp_path / "out" / "documents.jsonl", encoding="utf-8"))}
    assert (docs["a"]["published"], docs["a"]["published_source"]) == ("2015-03-12", "dateline")
    assert (docs["b"]["published"], docs["b"]["published_source"]) == (None, "none")
