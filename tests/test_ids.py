"""Event ids (issue 21): from the article's id, the event's type and the words of its first clause, so an
edit elsewhere in the article keeps the ids of the events it did not touch, and reviewers' decisions keep
applying. Stores made with the earlier ids (where the clause started and the lexicon's fingerprint) keep
them until an article is stored again; its decisions are then carried to the new ids, never dropped.
Invented articles only; no ../shared needed.
"""
import hashlib
import json
import os
import subprocess
import sys
import warnings
from types import SimpleNamespace

import pytest

from rasid.coding.ids import clause_words, event_id, number_repeats
from rasid.review import flags, review_event, trail
from rasid.runner import run
from rasid.store import Store

warnings.filterwarnings("ignore", message=".*httpx.*")

AIR = "شنت طائرات حربية روسية غارات جوية على مدينة معرة النعمان يوم الاثنين، ما أسفر عن مقتل خمسة مدنيين.\n"
CLASH = ("واندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وعناصر تنظيم الدولة في بلدة الباغوز، قتل فيها عشرة "
         "عناصر من التنظيم.\n")
ARREST = "وفي سياق آخر، اعتقلت قوات النظام عشرين شابا في مدينة حماة خلال حملة مداهمات.\n"
TOP = "تحديث: أضيفت تفاصيل جديدة إلى هذا الخبر.\n"
BETWEEN = "وقال ناشطون إن الغارات كانت عنيفة.\n"


@pytest.fixture(scope="module")
def pipe():
    from rasid.pipeline import Pipeline

    return Pipeline(gazetteer=False)


def _store(tmp_path, pipe, text):
    art = tmp_path / "a.txt"
    art.write_text(text, encoding="utf-8")
    st = Store(str(tmp_path / "s.db"))
    run([str(art)], st, pipe, published="2019-03-10")
    return st, art


def _by_type(st, reviewed=False):
    return {e["sub_event_type"]: e for e in st.iter_events(reviewed=reviewed)}


def _again(st, art, pipe, text):
    art.write_text(text, encoding="utf-8")
    return run([str(art)], st, pipe, published="2019-03-10").as_dict()


def test_event_ids_hold_when_the_article_is_edited_elsewhere(tmp_path, pipe):
    """A line added above an event or between events keeps every id; a changed clause gives that event a new one."""
    st, art = _store(tmp_path, pipe, AIR + CLASH + ARREST)
    before = {k: e["event_id"] for k, e in _by_type(st).items()}
    assert set(before) == {"Air/drone strike", "Armed clash", "Arrests"}
    _again(st, art, pipe, TOP + AIR + BETWEEN + CLASH + ARREST)
    assert {k: e["event_id"] for k, e in _by_type(st).items()} == before
    _again(st, art, pipe, AIR + CLASH + ARREST.replace("عشرين", "ثلاثين"))
    now = {k: e["event_id"] for k, e in _by_type(st).items()}
    assert now["Armed clash"] == before["Armed clash"] and now["Air/drone strike"] == before["Air/drone strike"]
    assert now["Arrests"] != before["Arrests"]


def test_the_id_reads_the_clause_as_matching_does():
    """Runs of spaces, punctuation and spelling variants do not count; the article, the type and the words do."""
    assert event_id("d", "Battles", "Armed clash", "اشتباكات  عنيفة،") == event_id("d", "Battles", "Armed clash", "اشتباكات عنيفة")
    assert clause_words("  اشتباكات، عنيفة. ") == clause_words("اشتباكات عنيفه") == "اشتباكات عنيفه"  # (ة read as ه)
    assert event_id("d", "Battles", "Armed clash", "إشتباكات") == event_id("d", "Battles", "Armed clash", "اشتباكات")
    one = event_id("d", "Battles", "Armed clash", "اشتباكات عنيفة في الباغوز")
    assert len(one) == 16 and int(one, 16) >= 0
    assert one != event_id("e", "Battles", "Armed clash", "اشتباكات عنيفة في الباغوز")
    assert one != event_id("d", "Battles", "Attack", "اشتباكات عنيفة في الباغوز")
    assert one != event_id("d", "Battles", "Armed clash", "اشتباكات عنيفة في هجين")


def test_the_same_words_told_twice_as_two_events_get_two_ids_the_same_way_each_time():
    def events():
        k = event_id("d", "Battles", "Armed clash", "اشتباكات عنيفة")
        other = event_id("d", "Riots", "Mob violence", "شغب")
        return [SimpleNamespace(event_id=k), SimpleNamespace(event_id=other), SimpleNamespace(event_id=k),
                SimpleNamespace(event_id=k)]

    a, b = events(), events()
    number_repeats(a)
    number_repeats(b)
    assert [e.event_id for e in a] == [e.event_id for e in b]  # deterministic
    assert len({e.event_id for e in a}) == 4  # unique
    assert a[0].event_id == events()[0].event_id and a[1].event_id == events()[1].event_id  # the first keeps its key


def test_the_same_input_gives_the_same_ids_in_another_process(pipe):
    """No randomness, no time, no hash seed: the ids of one text are the same in another interpreter."""
    text = TOP + AIR + CLASH + ARREST + CLASH  # (the clash told twice)
    here = [e.event_id for e in pipe.text(text, doc_id="same", published="2019-03-10").events]
    assert here == [e.event_id for e in pipe.text(text, doc_id="same", published="2019-03-10").events]
    assert len(here) == len(set(here)) >= 3
    code = ("import json, sys; from rasid.pipeline import Pipeline; d = Pipeline(gazetteer=False).text(sys.argv[1], "
            "doc_id='same', published='2019-03-10'); print(json.dumps([e.event_id for e in d.events]))")
    r = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == here


def _earlier_ids(doc_id, event_type, sub, first_clause):
    """Ids as a version before issue 21's change made them: anything but today's key."""
    return hashlib.sha1(f"v0|{doc_id}|{event_type}|{sub}|{len(first_clause)}".encode()).hexdigest()[:16]


def test_a_store_made_with_the_earlier_ids_keeps_its_decisions(tmp_path, pipe, monkeypatch):
    """Decisions keyed on ids of the earlier kind: kept while the article is unchanged (it is not coded again),
    carried to the new ids when it is stored again with an edit elsewhere ("same": nothing to look at), carried
    and flagged when their clause changed, flagged as lost when their event is gone: never silently dropped."""
    import rasid.coding.report as report

    with monkeypatch.context() as m:
        m.setattr(report, "event_id", _earlier_ids)
        st, art = _store(tmp_path, pipe, AIR + CLASH + ARREST)
    old = {k: e["event_id"] for k, e in _by_type(st).items()}
    review_event(st, old["Armed clash"], "correct", "rana", "fatalities.value", "12")
    review_event(st, old["Arrests"], "reject", "rana", note="a raid, no arrest told")
    review_event(st, old["Air/drone strike"], "confirm", "rana")

    # the same text again with this version: already stored, nothing coded again, the old ids and decisions hold
    summ = _again(st, art, pipe, AIR + CLASH + ARREST)
    assert summ["documents_stored"] == 0
    assert {k: e["event_id"] for k, e in _by_type(st).items()} == old
    now = _by_type(st, reviewed=True)
    assert "Arrests" not in now and now["Armed clash"]["fatalities"]["value"] == 12

    # an edit elsewhere: coded again with today's ids; every decision carried, nothing to look at again
    summ = _again(st, art, pipe, TOP + AIR + BETWEEN + CLASH + ARREST)
    assert summ["documents_stored"] == 1 and summ["reviews_carried"] == {"same": 3}
    new = {k: e["event_id"] for k, e in _by_type(st).items()}
    assert not set(new.values()) & set(old.values())
    now = _by_type(st, reviewed=True)
    assert "Arrests" not in now  # still rejected
    assert now["Armed clash"]["fatalities"]["value"] == 12 and now["Armed clash"]["review"]["by"] == "rana"
    assert flags(st) == []
    assert [(t["action"], t["target_id"]) for t in trail(st, new["Armed clash"])] == [
        ("correct", old["Armed clash"]), ("carry", new["Armed clash"])]

    # from here on the ids hold: a further edit elsewhere carries nothing; a clause edited is flagged; a lost one too
    summ = _again(st, art, pipe, AIR + BETWEEN + CLASH + ARREST)
    assert summ["reviews_carried"] == {} and {k: e["event_id"] for k, e in _by_type(st).items()} == new
    summ = _again(st, art, pipe, AIR + CLASH.replace("اشتباكات عنيفة", "اشتباكات عنيفة جدا"))
    assert summ["reviews_carried"] == {"edited": 1, "lost": 1}
    got = {f["field"]: f for f in flags(st)}
    assert got["lost"]["target_id"] == new["Arrests"] and "اعتقلت" in got["lost"]["old"]["quote"]
    assert got["edited"]["old"]["event_id"] == new["Armed clash"]
    assert _by_type(st, reviewed=True)["Armed clash"]["fatalities"]["value"] == 12
