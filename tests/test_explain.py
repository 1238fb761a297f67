"""The coder's named rules and `rasid explain` (issue 15), on invented Arabic sentences."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GAZETTEER

ROOT = Path(__file__).resolve().parents[1]


def _explain(text, published="2017-05-01"):
    from rasid.explain import explain

    return explain(text, published=published, gazetteer=str(GAZETTEER))


def test_every_rule_names_its_component_and_has_an_invented_arabic_example():
    from rasid.coding.rules import RULES

    assert len(RULES) >= 60
    for r in RULES.values():
        assert re.fullmatch(r"[a-z_]+", r.name), r.name
        assert r.summary, r.name
        assert re.search(r"[\u0621-\u064a]{2,}", r.doc), f"rule {r.name} has no Arabic example"


def test_docs_coding_md_is_generated_from_the_rules():
    """docs/coding.md's map of components and rules is made by tools/coding_docs.py: fails when out of date."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import coding_docs
    finally:
        sys.path.remove(str(ROOT / "tools"))
    text = (ROOT / "docs" / "coding.md").read_text(encoding="utf-8")
    assert coding_docs.current(text) == coding_docs.generate(), "run: python tools/coding_docs.py"
    from rasid.coding.rules import RULES

    assert all(f"**{name}**" in text for name in RULES)


def test_explain_tells_trigger_roles_toll_counts_date_and_rules():
    out = _explain("قصفت طائرات حربية روسية بلدة كفرنبل أمس وقتل ثلاثة مدنيين.")
    assert "event 1: Explosions/Remote violence / Air/drone strike" in out
    assert "trigger: «قصفت»" in out
    assert "actor1: Russian forces «طائرات حربية روسية»" in out and "actor2: Civilians" in out
    assert "fatalities: 3 (exact, civilians" in out and "count: 3 killed" in out and "«ثلاثة مدنيين»" in out
    assert "date: 2017-04-30..2017-04-30 (precision 1) from «أمس»" in out
    assert "status: asserted" in out
    assert "rule strike_kind:" in out and "rule subject_after_verb: «طائرات حربية روسية»" in out
    assert "rule civilians_victims:" in out


def test_explain_names_the_override_and_the_status_cue():
    out = _explain("أسقطت الفصائل طائرة مروحية لقوات النظام في ريف حماة، ويرجح أن طاقمها قتل.")
    assert "rule downing:" in out or "rule crewed_aircraft_downed:" in out
    out = _explain("ذكرت وسائل إعلام أن قوات النظام سيطرت على بلدة مورك في ريف حماة اليوم.")
    assert "event 1: Battles / Government regains territory" in out
    assert "status: reported_by_others (cue «ذكرت وسائل إعلام»)" in out or "rule reported_by_others:" in out
    assert "rule government_regains:" in out


def test_explain_lists_a_clause_a_filter_set_aside():
    out = _explain("هل قصفت الطائرات الروسية مستشفى في بلدة كفرنبل؟")
    assert "no event\n" in out + "\n" or out.startswith("no event")
    assert "rule question:" in out
    out = _explain("أعرب الوزير عن قلقه إزاء تكرار عمليات القصف.")
    assert "event 1" not in out


def test_coding_without_a_trace_is_the_same_coding():
    from rasid.coding.coder import EventCoder
    from rasid.pipeline import Pipeline

    text = "اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم الدولة في ريف حماة، وتمكنت قوات النظام من السيطرة على بلدة مورك."
    plain = Pipeline(gazetteer=str(GAZETTEER))
    traced = Pipeline(gazetteer=str(GAZETTEER))
    traced.stages = [(n, EventCoder(trace=True) if n == "code" else s) for n, s in traced.stages]
    a = [e.record() for e in plain.text(text, published="2017-05-01").events]
    b = [e.record() for e in traced.text(text, published="2017-05-01").events]
    assert a == b and a


def test_rasid_events_still_exports_what_others_import():
    from rasid.events import NATIONALITY, EventCoder, _DocContext  # noqa: F401
    from rasid.coding import EventCoder as E2

    assert EventCoder is E2
