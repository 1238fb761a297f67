"""Bad input never stops a run: one clear reason per failed input, the rest processed."""
import gzip
import io
import json

from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

from rasid.ingest import DecodeError, decode_bytes, read_inputs
from rasid.model import RawArticle
from rasid.runner import run
from rasid.store import Store

AR = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب اليوم الأحد، ما أدى إلى مقتل ثلاثة مدنيين، بحسب ناشطين. " * 3


def test_decodes_utf8_bom_utf16_cp1256_and_iso8859_6():
    for data in (AR.encode("utf-8-sig"), AR.encode("utf-16"), AR.encode("utf-16-le"), AR.encode("cp1256"),
                 AR.encode("iso8859_6", errors="ignore")):
        text = decode_bytes(data)
        assert "قوات النظام" in text


def test_truncated_utf8_keeps_whole_characters():
    data = AR.encode("utf-8")[:-1]  # cut inside the last letter
    assert decode_bytes(data).startswith("قصفت قوات النظام")


def test_binary_and_empty_are_refused():
    import pytest

    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 40)
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b"   \n")


def _make_inputs(d):
    (d / "good.txt").write_text(AR, encoding="utf-8")
    (d / "win.txt").write_bytes(AR.replace("كفرنبل", "سراقب").encode("cp1256"))
    (d / "utf16.txt").write_bytes(AR.replace("كفرنبل", "معرة النعمان").encode("utf-16"))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (d / "english.txt").write_text("The army shelled the town today, killing three civilians. " * 5)
    (d / "broken.html").write_text("<html><body><div><p>" + AR.replace("كفرنبل", "سرمين") + "<p><div><b>unclosed", encoding="utf-8")
    lines = [json.dumps({"doc_id": "j1", "outlet": "x", "published": "2019-01-01", "text": AR.replace("كفرنبل", "بنش")}, ensure_ascii=False),
             '{"doc_id": "j2", "text": "broken',
             json.dumps({"doc_id": "j3", "html": "<html><body><article><p>" + AR.replace("كفرنبل", "تفتناز") + "</p></article></body></html>"}, ensure_ascii=False)]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    big = d / "huge.txt"
    with open(big, "wb") as f:
        f.write(AR.encode("utf-8") * (50 * 1024 * 1024 // len(AR.encode("utf-8")) + 1))


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path, pipeline):
    src = tmp_path / "in"
    src.mkdir()
    _make_inputs(src)
    store = Store(tmp_path / "r.db")
    summ = run([str(src)], store, pipeline)
    reasons = {e["path"].split("/")[-1] + (f":{e['line']}" if "line" in e else ""): e["reason"] for e in summ.errors}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "not Arabic" in reasons["english.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "malformed JSON" in reasons["batch.jsonl:2"]
    docs = {d["doc_id"]: d for d in store.iter_documents()}
    assert {"good", "win", "utf16", "broken", "j1", "j3"} <= set(docs)
    assert "سراقب" in docs["win"]["text"] and "معرة النعمان" in docs["utf16"]["text"]
    assert "\ufffd" not in "".join(d["text"] for d in docs.values())
    assert "سرمين" in docs["broken"]["text"] and "تفتناز" in docs["j3"]["text"]
    assert summ.failed == 5
    assert len(list(store.iter_errors())) == 5


def test_warc_html_records_become_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for i, url in enumerate(["https://example.org/a", "https://example.org/b"]):
            html = f"<html><head><title>خبر {i}</title></head><body><article><p>{AR}</p></article></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
    got = list(read_inputs([str(path)]))
    assert [a.url for a in got] == ["https://example.org/a", "https://example.org/b"]
    assert all(isinstance(a, RawArticle) and a.is_html for a in got)


def test_stdin_jsonl(tmp_path, pipeline):
    data = (json.dumps({"doc_id": "s1", "published": "2019-03-01", "text": AR}, ensure_ascii=False) + "\n").encode()
    store = Store(tmp_path / "s.db")
    summ = run(["-"], store, pipeline, stdin=io.BytesIO(data))
    assert summ.stored == 1 and [d["doc_id"] for d in store.iter_documents()] == ["s1"]


def test_same_text_twice_is_stored_once(tmp_path, pipeline):
    a = tmp_path / "a.txt"
    a.write_text(AR, encoding="utf-8")
    b = tmp_path / "copy_of_a.txt"
    b.write_text(AR, encoding="utf-8")
    store = Store(tmp_path / "d.db")
    summ = run([str(a), str(b)], store, pipeline)
    assert (summ.stored, summ.skipped) == (1, 1)
    summ = run([str(a), str(b)], store, pipeline)
    assert (summ.stored, summ.skipped) == (0, 2)


def test_a_wire_credit_line_is_debris_kept_in_the_record():
    from rasid.clean import clean
    from rasid.model import RawArticle

    raw = "قصفت الطائرات بلدة كفرنبل اليوم.\n(إعداد أشرف راضي للنشرة العربية - تحرير أحمد حسن)\n"
    d = clean(RawArticle(doc_id="x", raw=raw, source="x"))
    assert "تحرير" not in d.text and [r.reason for r in d.removed] == ["credit_line"]
    assert raw[d.removed[0].start:d.removed[0].end].startswith("(إعداد")


def test_a_related_header_running_on_into_headlines_is_cut_with_what_follows():
    """A related-links header that runs on, on its line, into headlines ("مواضيع ذات صلة" + a headline) in the
    page's second half is the related block: it and the lines after it are cut (boilerplate.tsv related_block)."""
    from rasid.clean import clean
    from rasid.model import RawArticle

    body = "قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب صباح اليوم وأصابت عددا من المنازل.\n" * 3
    raw = body + "مواضيع ذات صلة مقتل خمسة عناصر في اشتباكات على أطراف مدينة سرمين\nانفجار سيارة مفخخة في بلدة الدانا\n"
    d = clean(RawArticle(doc_id="x", raw=raw, source="x"))
    assert "سرمين" not in d.text and "الدانا" not in d.text and "كفرنبل" in d.text
    assert "related_block" in [r.reason for r in d.removed]


def test_the_link_to_the_article_with_its_headline_is_debris():
    """boilerplate.tsv link_line: "رابط الخبر بصحيفة X: <headline>" on a line of its own retells the headline, no news."""
    from rasid.clean import clean
    from rasid.model import RawArticle

    raw = ("قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب صباح اليوم وأصابت عددا من المنازل.\n"
           "رابط الخبر بصحيفة النهار: مقتل خمسة مدنيين في قصف على بلدة الدانا\n")
    d = clean(RawArticle(doc_id="x", raw=raw, source="x"))
    assert "الدانا" not in d.text and "كفرنبل" in d.text and [r.reason for r in d.removed] == ["link_line"]
    # a sentence that speaks of a link in passing is kept
    raw = "رابط الخبر الذي نشرته الصحيفة عن قصف بلدة الدانا انتشر على مواقع التواصل.\n"
    assert "الدانا" in clean(RawArticle(doc_id="x", raw=raw, source="x")).text


def test_the_link_run_on_after_the_last_sentence_is_cut_from_its_line():
    """boilerplate.tsv link_line, scope rest: the same link run on after the text's last sentence, on its line, is cut
    from the link to the line's end; the sentence before it stays. Early in the page it is left alone."""
    from rasid.clean import clean
    from rasid.model import RawArticle

    raw = ("قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب صباح اليوم وأصابت عددا من المنازل.\n"
           "وقال ناشطون إن القصف استمر ساعة. رابط الخبر بصحيفة النهار: مقتل خمسة مدنيين في قصف على بلدة الدانا\n")
    d = clean(RawArticle(doc_id="x", raw=raw, source="x"))
    assert "الدانا" not in d.text and "رابط" not in d.text and d.text.endswith("وقال ناشطون إن القصف استمر ساعة.")
    assert [r.reason for r in d.removed] == ["link_line"]
    raw = ("وقال ناشطون إن القصف استمر ساعة. رابط الخبر بصحيفة النهار: مقتل خمسة مدنيين في قصف على بلدة الدانا\n"
           + "قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب صباح اليوم وأصابت عددا من المنازل.\n" * 3)
    assert "الدانا" in clean(RawArticle(doc_id="x", raw=raw, source="x")).text


def test_the_progress_total_counts_articles_where_it_can(tmp_path):
    from rasid.ingest import count_articles

    (tmp_path / "a.txt").write_text("قصفت الطائرات البلدة.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', encoding="utf-8")  # no final newline
    assert count_articles([str(tmp_path)]) == 4
    (tmp_path / "c.warc").write_bytes(b"WARC/1.0\r\n")
    assert count_articles([str(tmp_path)]) is None  # a WARC's records are known only by reading it
    assert count_articles(["-"]) is None


def test_a_line_wrapped_inside_a_sentence_is_joined_a_heading_is_not(pipeline):
    """Rule wrapped_line: a scraper's break with a space at its side after a line that ends in no stop wraps one
    sentence (a link's words on lines of their own); the event keeps its place and day. A short heading is no
    wrap, nor is a line that ends in a stop."""
    from rasid.clean import clean
    from rasid.model import RawArticle

    raw = ("انفجرت سيارة مفخخة في سوق مدينة \nالرمادي\n صباح الأحد، ما أدى إلى مقتل خمسة أشخاص \n، بحسب الشرطة.\n"
           "حصيلة أولية\n وأضافت الشرطة أنها فرضت طوقا أمنيا حول السوق.\n")
    d = clean(RawArticle(doc_id="x", raw=raw, source="x"))
    assert d.text.split("\n") == [
        "انفجرت سيارة مفخخة في سوق مدينة الرمادي صباح الأحد، ما أدى إلى مقتل خمسة أشخاص ، بحسب الشرطة.",
        "حصيلة أولية", "وأضافت الشرطة أنها فرضت طوقا أمنيا حول السوق."]
    (e,) = [e for e in pipeline.text(d.text, published="2015-08-11").events if e.event_type != "Strategic developments"]
    assert [p["name_ar"] for p in e.locations] == ["الرمادي"]
    assert e.date["start"] == "2015-08-09" and e.date["precision"] == 1
