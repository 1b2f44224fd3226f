"""Readers: every input format, and every kind of bad input comes out as a Rejected."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from allegiance.model import Document, make_doc_id
from allegiance.readers import Rejected, expand_paths, parse_date, read_paths, read_stream

DATA = Path(__file__).resolve().parents[1] / "data"


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def rejects(items):
    return [i for i in items if isinstance(i, Rejected)]


def test_plain_text_with_dateline(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("MOSCOW, Sept 26, 2016 (Reuters) - Russia and Pakistan held talks.\n")
    (d,) = read_paths([str(p)])
    assert isinstance(d, Document)
    assert d.date == dt.date(2016, 9, 26)
    assert d.doc_id == make_doc_id(d.text)
    assert d.path == str(p)


def test_markdown_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "b.md"
    p.write_text(
        "---\ntitle: Talks\ndate: 2016-09-24\nurl: https://x.org/a\nsource: Wire\n"
        "---\nRussia and Pakistan held talks.\n"
    )
    (d,) = read_paths([str(p)])
    assert (d.title, d.date, d.url, d.source) == (
        "Talks",
        dt.date(2016, 9, 24),
        "https://x.org/a",
        "Wire",
    )
    assert d.text.startswith("Russia")


def test_dateline_long_form_and_default(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("September 26, 2016 — Russia and Pakistan held talks.")
    b = tmp_path / "b.txt"
    b.write_text("No date anywhere in this text.")
    got = read_paths([str(a), str(b)], default_date=dt.date(2020, 1, 1))
    assert [d.date for d in got] == [dt.date(2016, 9, 26), dt.date(2020, 1, 1)]
    (c,) = read_paths([str(b)])
    assert c.date is None


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "Russia and Pakistan held talks.",
                "date": "2016-09-26",
                "title": "T",
                "url": "u",
                "source": "s",
                "extra": 1,
            }
        ),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        json.dumps({"id": "a3", "text": "bad date", "date": "2017-13-45"}),
        "",
        json.dumps(["a list"]),
        json.dumps({"id": 7, "text": "numeric id"}),
    ]
    p.write_text("\n".join(lines) + "\n")
    items = list(read_paths([str(p)]))
    good = docs(items)
    assert [d.doc_id for d in good] == ["a1", "7"]
    assert good[0].meta["line"] == 1 and good[0].meta["extra"] == 1
    bad = {r.line: r.reason for r in rejects(items)}
    assert set(bad) == {2, 3, 4, 6}
    assert "malformed JSON" in bad[2]
    assert "'text'" in bad[3]
    assert "bad date" in bad[4] and "2017-13-45" in bad[4]
    assert all(r.input == str(p) for r in rejects(items))


def test_jsonl_custom_columns(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"key": "k1", "body": "Some text.", "published": "2017-10-19"}))
    (d,) = read_paths([str(p)], columns={"text": "body", "id": "key", "date": "published"})
    assert (d.doc_id, d.text, d.date) == ("k1", "Some text.", dt.date(2017, 10, 19))


def test_csv_and_tsv(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text('id,text,date\n1,"Russia and Pakistan, held talks",2016-09-26\n2,,2016-01-01\n')
    items = list(read_paths([str(p)]))
    assert docs(items)[0].text == "Russia and Pakistan, held talks"
    assert docs(items)[0].doc_id == "1"
    assert rejects(items)[0].line == 3
    t = tmp_path / "e.tsv"
    t.write_text("body\tday\nText here.\t26 September 2016\n")
    (d,) = read_paths([str(t)], columns={"date": "day"})
    assert d.text == "Text here." and d.date == dt.date(2016, 9, 26)


def test_csv_without_text_column(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("a,b\n1,2\n")
    (r,) = read_paths([str(p)])
    assert isinstance(r, Rejected) and "no text column" in r.reason and "a, b" in r.reason
    (r2,) = read_paths([str(p)], columns={"text": "zzz"})
    assert "'zzz'" in r2.reason


def test_html_main_text_and_date() -> None:
    (d,) = read_paths([str(DATA / "article.html")])
    assert isinstance(d, Document)
    assert "first joint military exercise" in d.text
    assert "Copyright" not in d.text
    assert d.date == dt.date(2016, 9, 24)


def test_rss_one_document_per_entry() -> None:
    items = list(read_paths([str(DATA / "feed.rss")]))
    assert len(items) == 2 and all(isinstance(i, Document) for i in items)
    assert items[0].date == dt.date(2016, 9, 26)
    assert items[0].url == "https://example.org/a"
    assert items[0].source == "Example Wire"
    assert "<p>" not in items[0].text


def test_atom_feed(tmp_path: Path) -> None:
    p = tmp_path / "f.atom"
    p.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
        "<entry><title>E</title><id>urn:1</id><updated>2016-09-26T00:00:00Z</updated>"
        '<content type="html">Troops &lt;b&gt;arrived&lt;/b&gt;.</content></entry></feed>'
    )
    (d,) = read_paths([str(p)])
    assert d.text == "Troops arrived." and d.date == dt.date(2016, 9, 26)


def test_gzip_zip_and_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("First text.")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Gzipped."}) + "\n")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as zf:
        zf.writestr("x.txt", "Zipped one.")
        zf.writestr("y.jsonl", json.dumps({"id": "z2", "text": "Zipped two."}))
    (tmp_path / ".hidden.txt").write_text("hidden")
    got = docs(read_paths([str(tmp_path)]))
    assert sorted(d.text for d in got) == ["First text.", "Gzipped.", "Zipped one.", "Zipped two."]
    assert {d.doc_id for d in got} >= {"g1", "z2"}


def test_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "b.txt").write_text("B.")
    paths = list(expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt")]))
    assert [p.name for p in paths if isinstance(p, Path)] == ["a.txt", "b.txt"]
    (r,) = [p for p in paths if isinstance(p, Rejected)]
    assert r == Rejected(str(tmp_path / "nope.txt"), None, "no such file")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("café".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, needle: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    (r,) = read_paths([str(p)])
    assert isinstance(r, Rejected) and needle in r.reason and r.input == str(p)


def test_bom_and_utf16(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("\ufeffRussia.".encode())
    b = tmp_path / "b.txt"
    b.write_bytes("Pakistan é.".encode("utf-16"))
    assert [d.text for d in read_paths([str(a), str(b)])] == ["Russia.", "Pakistan é."]


def test_truncated_gzip(tmp_path: Path) -> None:
    good = gzip.compress(b"Some text that is long enough to be compressed. " * 50)
    p = tmp_path / "t.txt.gz"
    p.write_bytes(good[: len(good) // 2])
    (r,) = read_paths([str(p)])
    assert isinstance(r, Rejected) and "truncated gzip" in r.reason


def test_size_caps_and_zip_bomb(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 5000)
    (r,) = read_paths([str(big)], max_bytes=1000)
    assert "larger than" in r.reason
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "a" * 2_000_000)
    (r2,) = read_paths([str(bomb)], max_bytes=100_000)
    assert isinstance(r2, Rejected) and "exceeds" in r2.reason
    gz = tmp_path / "bomb.txt.gz"
    gz.write_bytes(gzip.compress(b"a" * 2_000_000))
    (r3,) = read_paths([str(gz)], max_bytes=100_000)
    assert isinstance(r3, Rejected) and "exceeds" in r3.reason


def test_read_stream_jsonl_and_text() -> None:
    s = io.StringIO(json.dumps({"id": "s1", "text": "From stdin."}) + "\n{bad\n")
    items = list(read_stream(s, "<stdin>", input_format="jsonl"))
    assert items[0].doc_id == "s1" and items[1] == Rejected("<stdin>", 2, items[1].reason)
    (d,) = read_stream(io.BytesIO(b"Plain text from a pipe."), "<stdin>")
    assert d.text == "Plain text from a pipe."


def test_format_override(tmp_path: Path) -> None:
    p = tmp_path / "data.dat"
    p.write_text(json.dumps({"id": "o1", "text": "Override."}))
    (d,) = read_paths([str(p)], input_format="jsonl")
    assert d.doc_id == "o1"
    (d2,) = read_paths([str(p)])  # detected by content
    assert d2.doc_id == "o1"
    with pytest.raises(ValueError, match="unknown input format"):
        list(read_paths([str(p)], input_format="pdf"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-09-26", dt.date(2016, 9, 26)),
        ("2016-09-26T12:00:00Z", dt.date(2016, 9, 26)),
        ("2016/09/26", dt.date(2016, 9, 26)),
        ("20160926", dt.date(2016, 9, 26)),
        ("Sept 26, 2016", dt.date(2016, 9, 26)),
        ("September 26, 2016", dt.date(2016, 9, 26)),
        ("26 September 2016", dt.date(2016, 9, 26)),
        ("Mon, 26 Sep 2016 08:00:00 GMT", dt.date(2016, 9, 26)),
        ("09/26/2016", dt.date(2016, 9, 26)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2017-13-45", "Smarch 3, 2016", "yesterday", ""])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_never_raises_for_garbage(tmp_path: Path) -> None:
    for i, blob in enumerate([b"\xff\xfe\x00", b"<rss><channel>", b"{}", b"PK\x03\x04junk"]):
        for ext in (".txt", ".rss", ".jsonl", ".zip", ".gz", ".csv", ".html"):
            p = tmp_path / f"g{i}{ext}"
            p.write_bytes(blob)
            items = list(read_paths([str(p)]))
            assert items, p
