"""Readers: every input format, every encoding Arabic scrapes come in, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.pipeline import FatalInputError, make_document, process
from marsad.readers.decode import DecodeError, decode
from marsad.readers.sources import InputError, RawInput, iter_inputs, parse_field_map

ARTICLE = ("وقال المتحدث باسم الحماية المدنية العقيد معز التريكي إن فرق الإنقاذ أجلت مئات العائلات من الأحياء "
           "المنخفضة في مدينة قابس بعد أن غمرت مياه الأمطار الطرق الرئيسية.\n"
           "وأضاف أن الأمطار التي هطلت ليلة الأحد تجاوزت 180 ملم خلال 24 ساعة.")


def _all(paths, **kw):
    return list(iter_inputs(paths, **kw))


def test_plain_text_html_and_directories_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "two.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    skipped = []
    items = _all([tmp_path], skipped=skipped)
    assert [(i.format, i.source.rsplit("/", 1)[-1]) for i in items] == [("text", "one.txt"), ("html", "two.html")]
    assert skipped and skipped[0].endswith("notes.md")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256", "iso8859_6"])
def test_encodings_of_arabic_scrapes_are_detected(encoding):
    # the legacy code pages have no Eastern-Arabic digits: pages in them print ASCII digits
    text = ARTICLE.replace("180", "١٨٠") if encoding.startswith("utf") else ARTICLE
    raw = text.encode(encoding)
    decoded, _ = decode(raw)
    assert decoded.replace("\ufeff", "") == text


def test_declared_charset_of_an_html_page_is_used():
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{ARTICLE}</p></body></html>'
    decoded, enc = decode(page.encode("cp1256"))
    assert ARTICLE in decoded and enc == "cp1256"


def test_jsonl_with_default_and_mapped_fields_and_gzip(tmp_path):
    recs = [{"id": "x-1", "content": ARTICLE, "title": "فيضانات في قابس", "source": "alriyadh",
             "date_extracted": "2015-07-21 10:00:00", "url": "http://example.sa/1"},
            {"id": "x-2", "texte": ARTICLE, "site": "okaz"}]
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    items = _all([path])
    assert isinstance(items[0], RawInput) and items[0].hints["title"] == "فيضانات في قابس"
    assert items[0].hints["outlet"] == "alriyadh" and items[0].hints["published"].startswith("2015-07-21")
    assert isinstance(items[1], InputError) and "line 2" in items[1].message and "no body field" in items[1].message
    mapped = _all([path], field_map=parse_field_map(["body=texte,content"]))
    assert all(isinstance(i, RawInput) for i in mapped)
    assert mapped[0].source == "x-1"           # the record's id is kept as its source


def test_field_mapping_rejects_unknown_names():
    with pytest.raises(ValueError):
        parse_field_map(["bodyy=content"])


def test_invalid_jsonl_lines_are_reported_with_their_line_number_and_kept(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "\xd9\x86\xd8\xb5"}\n{"text": broken\n[1, 2]\n\n{"text": ""}\n')
    items = _all([path])
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.locator for e in errors] == ["line 2", "line 3", "line 5"]
    assert "invalid JSON" in errors[0].message and errors[0].raw == b'{"text": broken'
    assert "JSON object" in errors[1].message
    assert "empty body" in errors[2].message


def test_truncated_gzip_is_an_error_after_the_records_that_could_be_read(tmp_path):
    data = gzip.compress("".join(json.dumps({"text": ARTICLE, "n": i}, ensure_ascii=False) + "\n"
                                 for i in range(200)).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _all([path])
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert good and len(bad) == 1 and "truncated" in bad[0].message


def _warc(records, compress=True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for uri, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def test_warc_responses_become_documents_and_other_records_are_skipped(tmp_path):
    page = f"<html><body><h1>عنوان</h1><p>{ARTICLE}</p></body></html>".encode()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc([("https://news.example/a", "text/html; charset=utf-8", page),
                            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n" + b"0" * 100)]))
    items = _all([path])
    assert len(items) == 1 and items[0].source == "https://news.example/a" and items[0].raw == page


def test_truncated_warc_is_reported_not_crashing(tmp_path):
    pages = [(f"https://news.example/{i}", "text/html", f"<p>{ARTICLE}</p>".encode() * 20) for i in range(3)]
    data = _warc(pages, compress=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-700])
    items = _all([path])
    assert sum(isinstance(i, RawInput) for i in items) == 2
    assert any(isinstance(i, InputError) and "truncated" in i.message for i in items)


def test_empty_binary_and_oversized_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "big.txt").write_bytes(ARTICLE.encode() * 400)
    items = {i.source.rsplit("/", 1)[-1]: i for i in _all([tmp_path], max_bytes=50_000)}
    assert isinstance(items["empty.txt"], InputError) and "empty" in items["empty.txt"].message
    assert isinstance(items["big.txt"], InputError) and "too large" in items["big.txt"].message
    image = items["image.txt"]
    assert isinstance(image, RawInput)           # readable file; the decoder refuses it
    with pytest.raises(FatalInputError, match="binary"):
        process(make_document(image.raw, source="image.txt", fmt="text"))
    with pytest.raises(DecodeError):
        decode(b"%PDF-1.7 ...")


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    items = _all([tmp_path / "nope.txt"])
    assert isinstance(items[0], InputError) and "no such file" in items[0].message
