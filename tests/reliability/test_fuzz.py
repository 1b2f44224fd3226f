"""Hypothesis property tests: readers, importers, date parsers and the coder never raise.

Every input comes out as documents or ``Rejected`` items with a reason; importers account for
every row.  Derandomized (the same examples each run) with small example counts, so the suite
stays fast and a failure reproduces.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import gdelt1_row

from allegiance.model import Document
from allegiance.pipeline.imports import import_file
from allegiance.readers import FORMATS, Rejected, parse_date, read_bytes
from allegiance.store import Store
from allegiance.store.importers import ImportError_

FAST = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

text_like = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.lists(
        st.sampled_from(
            [
                "Russia",
                "Pakistan",
                "<p>",
                "</p>",
                "<script>",
                "{",
                "}",
                ",",
                '"',
                "\n",
                "\t",
                "text",
                "date",
                ":",
                "2016-09-26",
                "\x00",
                "\ufeff",
                "\r\n",
                "<rss>",
                "<item>",
                "---",
                "é",
            ]
        ),
        max_size=60,
    ).map("".join),
)
raw_bytes = st.one_of(
    st.binary(max_size=600),
    text_like.map(lambda t: t.encode("utf-8")),
    text_like.map(lambda t: t.encode("utf-16-le")),
)


def _accounted(items: list) -> None:
    assert items, "an input produced nothing: neither a document nor a rejection"
    for it in items:
        if isinstance(it, Rejected):
            assert it.reason and isinstance(it.reason, str)
        else:
            assert isinstance(it, Document) and it.text.strip() and it.doc_id


@FAST
@given(data=raw_bytes, fmt=st.sampled_from([None, *FORMATS]))
def test_readers_never_raise(data: bytes, fmt: str | None) -> None:
    _accounted(list(read_bytes(data, "fuzz.in", input_format=fmt)))


@FAST
@given(
    records=st.lists(
        st.dictionaries(
            st.sampled_from(["text", "id", "date", "title", "url", "source", "x"]),
            st.one_of(
                st.none(),
                st.integers(),
                st.floats(allow_nan=True),
                text_like,
                st.booleans(),
                st.lists(st.integers(), max_size=3),
            ),
            max_size=6,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_jsonl_and_csv_records(records: list[dict]) -> None:
    import csv
    import io
    import json

    lines = "\n".join(json.dumps(r) for r in records).encode()
    _accounted(list(read_bytes(lines, "f.jsonl", input_format="jsonl")))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "date", "text"])
    for r in records:
        w.writerow([r.get("id"), r.get("date"), r.get("text")])
    _accounted(list(read_bytes(buf.getvalue().encode(), "f.csv", input_format="csv")))


@FAST
@given(
    s=st.one_of(
        st.text(max_size=60),
        st.from_regex(r"\A\d{1,5}[-/. ]\d{1,3}[-/. ]\d{1,5}\Z"),
        st.from_regex(r"\A[A-Za-z]{3,9}\.? \d{1,2}(st|th)?,? \d{1,5}\Z"),
    )
)
def test_parse_date_returns_a_date_or_value_error(s: str) -> None:
    try:
        assert isinstance(parse_date(s), dt.date)
    except ValueError as exc:
        assert str(exc)


@FAST
@given(
    s=st.one_of(
        text_like,
        st.lists(
            st.sampled_from(
                [
                    "in",
                    "1970",
                    "the 1980s",
                    "Cold War",
                    "last week",
                    "since",
                    "September",
                    "26,",
                    "2016",
                    "during",
                    "early",
                    "9999",
                    "0",
                    "BC",
                    "century",
                    "-",
                ]
            ),
            max_size=30,
        ).map(" ".join),
    ),
    year=st.one_of(st.none(), st.integers(1, 9999)),
)
def test_find_timexes_never_raises(s: str, year: int | None) -> None:
    from allegiance.coding.timex import find_timexes

    found = find_timexes(s, dt.date(year, 1, 1) if year else None)
    assert isinstance(found, list)


_mutations = st.lists(
    st.tuples(
        st.integers(0, 57),
        st.sampled_from(
            [
                "",
                "x",
                "99999999",
                "2016-02-30",
                "-1",
                "\x00",
                "é",
                "NaN",
                "RUS",
                "1e309",
                '"',
                "\t",
                "0" * 300,
            ]
        ),
    ),
    max_size=4,
)


@SLOW
@given(
    rows=st.lists(_mutations, min_size=1, max_size=12), seed=st.integers(0, 10**6), gz=st.booleans()
)
def test_gdelt_rows_are_stored_or_rejected(tmp_path: Path, rows: list, seed: int, gz: bool) -> None:
    import gzip
    import uuid

    rng = random.Random(seed)
    lines = []
    for i, muts in enumerate(rows):
        f = gdelt1_row(1000 + i, rng).split("\t")
        for col, val in muts:
            if col < len(f):
                f[col] = val
        lines.append("\t".join(f))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / f"{uuid.uuid4().hex}.tsv"
    path.write_bytes(data)
    if gz:
        path = path.with_suffix(".tsv.gz")
        path.write_bytes(gzip.compress(data))
    with Store(tmp_path / f"{uuid.uuid4().hex}.duckdb") as store:
        try:
            res = import_file(store, "gdelt1", path)
        except ImportError_ as exc:
            assert str(exc).startswith(str(path))
            assert store.runs()[-1]["status"] == "failed"
            return
        assert res.rows == res.stored + res.duplicates + res.rejected
        assert res.rows >= len([ln for ln in lines if ln.strip()]) - 1
        assert store.count("events") == res.stored


@SLOW
@given(
    cells=st.lists(
        st.lists(
            st.one_of(
                text_like.map(lambda t: t.replace("\t", " ").replace("\n", " ")),
                st.sampled_from(["Russia", "20160926", "042", "x"]),
            ),
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_icews_rows_are_stored_or_rejected(tmp_path: Path, cells: list) -> None:
    import uuid

    header = [
        "Event ID",
        "Event Date",
        "Source Name",
        "Source Sectors",
        "Source Country",
        "Event Text",
        "CAMEO Code",
        "Intensity",
        "Target Name",
        "Target Sectors",
        "Target Country",
        "Story ID",
        "Sentence Number",
    ]
    path = tmp_path / f"{uuid.uuid4().hex}.tsv"
    path.write_text(
        "\t".join(header) + "\n" + "\n".join("\t".join(r) for r in cells) + "\n", encoding="utf-8"
    )
    with Store(tmp_path / f"{uuid.uuid4().hex}.duckdb") as store:
        try:
            res = import_file(store, "icews", path)
        except ImportError_ as exc:
            assert str(exc).startswith(str(path))
            return
        assert res.rows == res.stored + res.duplicates + res.rejected


clause = st.sampled_from(
    [
        "Russia said that",
        "Pakistan claimed that",
        "India feared that",
        "officials believe that",
        "China hoped that",
        "the minister denied that",
        "Japan warned that",
    ]
)


@settings(
    max_examples=12, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    kind=st.sampled_from(["unicode", "long", "nested"]),
    text=st.text(max_size=300),
    depth=st.integers(5, 60),
    clauses=st.lists(clause, min_size=5, max_size=40),
)
def test_coder_survives_anything(
    coder,
    kind: str,
    text: str,
    depth: int,  # noqa: ANN001
    clauses: list[str],
) -> None:
    if kind == "unicode":
        body = text or "\u200b"
    elif kind == "long":
        body = (
            "Russia and Pakistan and India and China " * depth * 10
            + "held joint exercises "
            + ", and ".join(clauses) * 4
            + "."
        )
    else:
        body = (
            " ".join(clauses[i % len(clauses)] for i in range(depth))
            + " Russia sold helicopters to Pakistan."
        )
    coded = coder.code(Document(doc_id="fuzz", text=body, date=dt.date(2016, 9, 26)))
    for e in coded.events:
        s, t = e.span
        assert 0 <= s <= t <= len(body)
    for r in coded.relations:
        s, t = r.span
        assert 0 <= s <= t <= len(body)
