"""Reviewers' decisions outlive an edit of the article (issue 21), and review writes wait for the
store's writer like runs do.

An article stored again with another text is coded afresh; each decided event of the old version is
matched to an event of the new one (same clause: carried silently; clause edited or type changed:
carried and flagged for a second look; no match: flagged as lost, the decision kept in the trail).
Invented articles only; no ../shared needed.
"""
import json
import subprocess
import sys
import warnings

import pytest

from rasid.review import carry, flags, review_event, trail
from rasid.runner import run
from rasid.store import Store, StoreBusy

warnings.filterwarnings("ignore", message=".*httpx.*")

AIR = "شنت طائرات حربية روسية غارات جوية على مدينة معرة النعمان يوم الاثنين، ما أسفر عن مقتل خمسة مدنيين.\n"
CLASH = ("واندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وعناصر تنظيم الدولة في بلدة الباغوز، قتل فيها عشرة "
         "عناصر من التنظيم.\n")
ARREST = "وفي سياق آخر، اعتقلت قوات النظام عشرين شابا في مدينة حماة خلال حملة مداهمات.\n"


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


def test_decisions_survive_an_edit_elsewhere_in_the_article(tmp_path, pipe):
    st, art = _store(tmp_path, pipe, AIR + CLASH + ARREST)
    ev = _by_type(st)
    assert set(ev) == {"Air/drone strike", "Armed clash", "Arrests"}
    review_event(st, ev["Armed clash"]["event_id"], "correct", "rana", "fatalities.value", "12")
    review_event(st, ev["Arrests"]["event_id"], "reject", "rana", note="a raid, no arrest told")
    # the outlet adds a line at the top and another between the events: every offset after it moves
    summ = _again(st, art, pipe, "تحديث: أضيفت تفاصيل جديدة إلى هذا الخبر.\n" + AIR + "وقال ناشطون إن الغارات كانت عنيفة.\n"
                  + CLASH + ARREST)
    assert summ["documents_stored"] == 1
    now = _by_type(st, reviewed=True)
    assert "Arrests" not in now  # still rejected
    assert now["Armed clash"]["fatalities"]["value"] == 12 and now["Armed clash"]["review"]["by"] == "rana"
    assert flags(st) == []  # the clauses are the same: nothing to look at again
    assert set(summ["reviews_carried"]) <= {"same"}  # (none at all where the ids held)


def test_an_edited_clause_carries_its_decision_and_flags_it_until_reviewed(tmp_path, pipe):
    st, art = _store(tmp_path, pipe, AIR + CLASH + ARREST)
    old = _by_type(st)["Armed clash"]["event_id"]
    review_event(st, old, "correct", "rana", "fatalities.value", "12")
    summ = _again(st, art, pipe, AIR + CLASH.replace("اشتباكات عنيفة", "اشتباكات عنيفة جدا") + ARREST)
    assert summ["reviews_carried"] == {"edited": 1}
    assert any("to look at again" in n for n in summ["notes"])
    new = _by_type(st, reviewed=True)["Armed clash"]
    assert new["fatalities"]["value"] == 12
    [flag] = flags(st)
    assert flag["field"] == "edited" and flag["target_id"] == new["event_id"] and flag["old"]["event_id"] == old
    assert "عنيفة جدا" in flag["new"]["quote"] and "عنيفة جدا" not in flag["old"]["quote"]
    # the event's trail shows the decision made on the old version and how it came here
    assert [(t["action"], t["target_id"]) for t in trail(st, new["event_id"])] == [("correct", old), ("carry", new["event_id"])]
    review_event(st, new["event_id"], "confirm", "rana")  # a second look settles the flag
    assert flags(st) == []
    assert _by_type(st, reviewed=True)["Armed clash"]["fatalities"]["value"] == 12


def test_an_event_gone_from_the_new_version_is_flagged_never_dropped_silently(tmp_path, pipe):
    st, art = _store(tmp_path, pipe, AIR + CLASH + ARREST)
    old = _by_type(st)["Arrests"]["event_id"]
    review_event(st, old, "reject", "rana")
    summ = _again(st, art, pipe, AIR + CLASH)
    assert summ["reviews_carried"] == {"lost": 1}
    [flag] = flags(st)
    assert flag["field"] == "lost" and flag["target_id"] == old and flag["new"] is None
    assert "اعتقلت" in flag["old"]["quote"]
    assert [t["action"] for t in trail(st, old)] == ["reject", "carry"]


def test_carrying_matches_same_text_first_then_similar_then_another_type(tmp_path):
    """carry() on records alone: the best match wins, each new event takes one old one."""
    st = Store(str(tmp_path / "s.db"))

    def rec(eid, sub, quote, typ="Battles"):
        return {"event_id": eid, "event_type": typ, "sub_event_type": sub, "evidence": [{"quote": quote}]}

    q1 = "اندلعت اشتباكات بين الفصائل وقوات النظام في بلدة اللطامنة"
    q2 = "قصفت قوات النظام بالمدفعية قرية الزكاة في ريف حماة الشمالي"
    q3 = "اعتقلت قوات الأمن خمسة شبان في مدينة درعا"
    old = [rec("o1", "Armed clash", q1), rec("o2", "Shelling/artillery/missile attack", q2, "Explosions/Remote violence"),
           rec("o3", "Arrests", q3, "Strategic developments"), rec("o4", "Armed clash", "كلام لا يشبه شيئا مما بقي")]
    new = [rec("n2", "Air/drone strike", q2.replace("بالمدفعية", "بالطائرات"), "Explosions/Remote violence"),
           rec("n1", "Armed clash", "  " + q1 + " "), rec("n3", "Arrests", q3.replace("خمسة", "ستة"), "Strategic developments"),
           rec("o1x", "Armed clash", q1)]
    with st.engine.begin() as c:
        from sqlalchemy import insert

        from rasid.store import reviews
        for o in old:
            c.execute(insert(reviews).values(target="event", target_id=o["event_id"], action="confirm", who="rana", at="x"))
        rows = carry(c, "d", old, new)
    got = {r["old"]["event_id"]: (r["field"], r["new"] and r["new"]["event_id"]) for r in rows}
    assert got["o1"] in (("same", "n1"), ("same", "o1x"))
    assert got["o2"] == ("retyped", "n2")
    assert got["o3"] == ("edited", "n3")
    assert got["o4"] == ("lost", None)
    with st.engine.begin() as c:  # no decision on the old events: nothing to carry
        assert carry(c, "d", [rec("z", "Arrests", q3)], [rec("y", "Arrests", q3)]) == []


def test_a_merge_outlives_the_reingest_of_an_edited_article(tmp_path, pipe):
    from rasid.review import merge_reconciled
    from rasid.store import recon_members

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(AIR + ARREST, encoding="utf-8")
    (src / "b.txt").write_text(CLASH, encoding="utf-8")
    st = Store(str(tmp_path / "s.db"))
    run([str(src)], st, pipe, published="2019-03-10")

    def group_of(sub):
        eid = _by_type(st)[sub]["event_id"]
        with st.engine.connect() as c:
            return c.execute(recon_members.select().where(recon_members.c.event_id == eid)).first().recon_id

    assert group_of("Arrests") != group_of("Armed clash")
    merge_reconciled(st, group_of("Armed clash"), group_of("Arrests"), "rana")
    assert group_of("Arrests") == group_of("Armed clash")
    (src / "a.txt").write_text(AIR + ARREST.replace("عشرين شابا", "عشرين شابا وامرأة"), encoding="utf-8")
    run([str(src)], st, pipe, published="2019-03-10")
    assert group_of("Arrests") == group_of("Armed clash")  # the edited report is where the reviewer put it
    from rasid.reconcile import reconcile

    reconcile(st, full=True)
    assert group_of("Arrests") == group_of("Armed clash")


# ----------------------------------------------------------------- reviews under the writer lock
PAUSED_RUN = r"""
import sys
import rasid.runner as r
from rasid.store import Store

st = Store(sys.argv[1])
real = r._prepare

def paused(*a, **k):  # the run holds the store; it goes on when told
    print("running", flush=True)
    sys.stdin.readline()
    return real(*a, **k)

r._prepare = paused
r.run([sys.argv[2]], st, None, code_events=False)
print("done", flush=True)
"""


def test_a_review_during_a_run_waits_or_is_refused_naming_the_run(tmp_path, pipe):
    st, art = _store(tmp_path, pipe, AIR + CLASH)
    eid = _by_type(st)["Armed clash"]["event_id"]
    other = tmp_path / "b.txt"
    other.write_text(ARREST, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_RUN, str(tmp_path / "s.db"), str(other)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "running"
        with pytest.raises(StoreBusy) as e:
            review_event(st, eid, "reject", "rana", wait=0.3)
        assert f"PID {proc.pid} (rasid run" in str(e.value)
        assert trail(st, eid) == []  # nothing written
        # the web app answers 409 with the same words (and nothing is written)
        from fastapi.testclient import TestClient

        from rasid.web import auth
        from rasid.web.app import create_app

        mp = pytest.MonkeyPatch()
        from argon2 import PasswordHasher
        mp.setattr(auth, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        import rasid.review as review
        mp.setattr(review, "REVIEW_WAIT", 0.3)
        try:
            # (an account made before the run held the store would be usual; users are no run's business)
            auth.add_user(st, "rana", "reviewer", "a long enough password")
            c = TestClient(create_app(str(tmp_path / "s.db"), review=True), base_url="http://127.0.0.1:8000")
            token = c.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
            c.post("/login", data={"name": "rana", "password": "a long enough password", "csrf": token}, follow_redirects=False)
            h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
            r = c.post(f"/api/events/{eid}/review", json={"action": "reject"}, headers=h)
            assert r.status_code == 409 and f"PID {proc.pid}" in r.json()["detail"]
            assert trail(st, eid) == []
            proc.stdin.write("\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "done"
            # the run is over: the same review goes through
            r = c.post(f"/api/events/{eid}/review", json={"action": "reject"}, headers=h)
            assert r.status_code == 200 and r.json()["rejected"] is True
        finally:
            mp.undo()
    finally:
        proc.kill()
        proc.wait()
    # and a run waits for a review the same way: the lock is one
    assert json.loads(json.dumps([t["action"] for t in trail(st, eid)])) == ["reject"]


def test_two_threads_of_one_process_take_the_writer_lock_in_turn(tmp_path):
    import threading
    import time

    st = Store(str(tmp_path / "s.db"))
    inside, order = threading.Event(), []

    def first():
        with st.writer("thread one"):
            inside.set()
            time.sleep(0.5)
            order.append("one done")

    t = threading.Thread(target=first)
    t.start()
    inside.wait()
    with pytest.raises(StoreBusy):
        with st.writer("thread two", wait=0.1):
            pass
    with st.writer("thread two", wait=5):
        order.append("two in")
    t.join()
    assert order == ["one done", "two in"]
