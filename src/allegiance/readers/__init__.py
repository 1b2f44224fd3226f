"""Document readers: files, folders, globs and streams into ``Document`` records.

Readers are pure parsing, upstream of the store.  Bad input never raises: it comes out as a
``Rejected`` item naming the input, the line (for line formats) and a reason a user
understands, so that every input is accounted for (stored, duplicate or rejected).
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import gzip
import html
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, TextIO

from allegiance.model import Document, make_doc_id
from allegiance.readers.dates import dateline_date, parse_date

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "MAX_BYTES_ENV",
    "Rejected",
    "dateline_date",
    "detect_format",
    "expand_paths",
    "max_bytes_default",
    "parse_date",
    "read_bytes",
    "read_paths",
    "read_stream",
]

FORMATS: tuple[str, ...] = ("text", "markdown", "jsonl", "csv", "tsv", "html", "feed")
FIELDS: tuple[str, ...] = ("text", "id", "date", "title", "url", "source")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_HIDDEN = re.compile(r"(^|/)\.[^/]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_TEXT_CANDIDATES = ("text", "body", "content", "article")
_CHUNK = 1 << 16
DEFAULT_MAX_BYTES = 20_000_000
MAX_BYTES_ENV = "ALLEGIANCE_MAX_BYTES"
_ZIP_TOTAL_FACTOR = 10  # a zip may unpack to at most this many times the per-file limit


def max_bytes_default() -> int:
    """The per-document/per-file size limit: ``$ALLEGIANCE_MAX_BYTES``, else 20,000,000.

    It bounds memory per input: a larger file, decompressed member or JSONL line is rejected
    (with the limit in the reason) instead of being read.
    """
    raw = os.environ.get(MAX_BYTES_ENV, "").strip().replace("_", "")
    try:
        value = int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError:
        raise ValueError(f"${MAX_BYTES_ENV}={raw!r}: not a number of bytes") from None
    if value < 1:
        raise ValueError(f"${MAX_BYTES_ENV}={raw!r}: must be at least 1")
    return value


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that produced no document, and why (shown to the user, kept in the ledger)."""

    input: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.input}:{self.line}" if self.line is not None else self.input
        return f"{where}: {self.reason}"


Item = Document | Rejected


# -- paths ------------------------------------------------------------------------------------


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Files as given, folders recursively (hidden files skipped), globs; each file once."""
    seen: set[Path] = set()

    def emit(p: Path) -> Iterator[Path]:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            yield p

    for raw in paths:
        text = str(raw)
        p = Path(text)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p).as_posix()
                if child.is_file() and not _HIDDEN.search(rel):
                    yield from emit(child)
        elif p.is_file():
            yield from emit(p)
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield Rejected(text, None, "no such file (the pattern matches nothing)")
            for m in files:
                yield from emit(m)
        elif p.exists():
            yield Rejected(text, None, "not a regular file")
        else:
            yield Rejected(text, None, "no such file")


def detect_format(name: str, data: bytes | None = None) -> str:
    """The input format by extension, else by a look at the content."""
    suffix = Path(name.lower()).suffix
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if data is None:
        return "text"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed"):
        return "feed" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else "html"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "html"
    if head.startswith(b"---"):
        return "markdown"
    return "text"


# -- public entry points ----------------------------------------------------------------------


def read_paths(
    paths: Sequence[str | Path],
    *,
    input_format: str | None = None,
    columns: dict[str, str] | None = None,
    default_date: dt.date | None = None,
    max_bytes: int | None = None,
) -> Iterator[Item]:
    """Every document in these paths, and a ``Rejected`` for every input that gave none.

    ``max_bytes`` (default ``max_bytes_default()``) caps each file, each decompressed member
    and each JSONL line, so a huge file or a zip bomb is rejected instead of exhausting memory;
    a JSONL file larger than it is streamed line by line.
    """
    _check_format(input_format)
    max_bytes = max_bytes or max_bytes_default()
    for item in expand_paths(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            yield from _read_file(item, input_format, columns, default_date, max_bytes)
        except (OSError, MemoryError) as exc:
            yield Rejected(str(item), None, f"cannot read file: {exc.__class__.__name__}: {exc}")


def read_stream(
    stream: TextIO | BinaryIO,
    name: str,
    *,
    input_format: str = "text",
    columns: dict[str, str] | None = None,
    default_date: dt.date | None = None,
    max_bytes: int | None = None,
) -> Iterator[Item]:
    """Documents from an open stream (stdin, ``-``); the whole stream is one input."""
    _check_format(input_format)
    max_bytes = max_bytes or max_bytes_default()
    if input_format == "jsonl":
        # line by line, so a long pipe is not held in memory
        yield from _jsonl_lines(_stream_lines(stream, name, max_bytes), name, columns, default_date)
        return
    raw = stream.read(max_bytes + 1)
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > max_bytes:
        yield Rejected(name, None, f"input is larger than {max_bytes:,} bytes")
        return
    yield from read_bytes(
        data,
        name,
        input_format=input_format,
        columns=columns,
        default_date=default_date,
        max_bytes=max_bytes,
    )


def read_bytes(
    data: bytes,
    name: str,
    *,
    input_format: str | None = None,
    columns: dict[str, str] | None = None,
    default_date: dt.date | None = None,
    max_bytes: int | None = None,
) -> Iterator[Item]:
    """Documents from the bytes of one (already decompressed) input."""
    fmt = input_format or detect_format(name, data)
    max_bytes = max_bytes or max_bytes_default()
    if len(data) > max_bytes:
        yield Rejected(name, None, f"input is larger than {max_bytes:,} bytes")
        return
    if not data.strip():
        yield Rejected(name, None, "empty file")
        return
    if fmt == "feed":
        if _is_binary(data):
            yield Rejected(name, None, "binary file (contains NUL bytes), not text")
            return
        yield from _read_feed(data, name, default_date)
        return
    text = decode(data)
    if isinstance(text, Rejected):
        yield Rejected(name, None, text.reason)
        return
    if not text.strip():
        yield Rejected(name, None, "empty file")
        return
    if fmt in ("text", "markdown"):
        yield _read_text(text, name, default_date)
    elif fmt == "jsonl":
        yield from _jsonl_lines(enumerate(text.splitlines(), 1), name, columns, default_date)
    elif fmt in ("csv", "tsv"):
        yield from _read_csv(text, name, columns, default_date, "\t" if fmt == "tsv" else None)
    elif fmt == "html":
        yield _read_html(text, name, default_date)
    else:  # pragma: no cover - _check_format guards
        yield Rejected(name, None, f"unknown input format {fmt!r}")


# -- files and archives -----------------------------------------------------------------------


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")


def _read_file(
    path: Path,
    input_format: str | None,
    columns: dict[str, str] | None,
    default_date: dt.date | None,
    max_bytes: int,
) -> Iterator[Item]:
    name = str(path)
    size = path.stat().st_size
    lower = name.lower()
    if size == 0:
        yield Rejected(name, None, "empty file")
        return
    if lower.endswith(".zip"):
        yield from _read_zip(path, input_format, columns, default_date, max_bytes)
        return
    if (
        size > max_bytes
        and (input_format or detect_format(name)) == "jsonl"
        and not lower.endswith(".gz")
    ):
        yield from _read_big_jsonl(path, columns, default_date, max_bytes)
        return
    if size > max_bytes:
        yield Rejected(name, None, f"file is larger than {max_bytes:,} bytes ({size:,} bytes)")
        return
    data = path.read_bytes()
    inner = name
    if lower.endswith(".gz") or data[:2] == b"\x1f\x8b":
        got = _gunzip(data, max_bytes)
        if isinstance(got, Rejected):
            yield Rejected(name, None, got.reason)
            return
        data = got
        inner = name[:-3] if lower.endswith(".gz") else name
    fmt = input_format or detect_format(inner, data)
    yield from read_bytes(
        data,
        name,
        input_format=fmt,
        columns=columns,
        default_date=default_date,
        max_bytes=max_bytes,
    )


def _gunzip(data: bytes, max_bytes: int) -> bytes | Rejected:
    """Decompress with a cap; a truncated or corrupt stream is a rejection, not an exception."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            while True:
                chunk = gz.read(_CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > max_bytes:
                    return Rejected("", None, f"decompressed size exceeds {max_bytes:,} bytes")
    except EOFError:
        return Rejected("", None, "truncated gzip file (ends before the end of the stream)")
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        return Rejected("", None, f"corrupt gzip file: {exc}")
    return bytes(out)


def _read_zip(
    path: Path,
    input_format: str | None,
    columns: dict[str, str] | None,
    default_date: dt.date | None,
    max_bytes: int,
) -> Iterator[Item]:
    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Rejected(name, None, f"not a readable zip file: {exc}")
        return
    total = 0
    with zf:
        unsafe = [m for m in zf.infolist() if _unsafe_member(m.filename)]
        for m in unsafe:  # never extracted anyway (read in memory); say why it is skipped
            yield Rejected(
                f"{name}!{m.filename}", None, "unsafe path in zip (absolute or with ..), skipped"
            )
        members = [
            m
            for m in zf.infolist()
            if not m.is_dir()
            and not _HIDDEN.search(m.filename)
            and not m.filename.startswith("__MACOSX/")
            and m not in unsafe
        ]
        if unsafe and not members:
            return
        if not members:
            yield Rejected(name, None, "empty zip file")
            return
        for info in members:
            member = f"{name}!{info.filename}"
            if info.file_size > max_bytes or total + info.file_size > _ZIP_TOTAL_FACTOR * max_bytes:
                yield Rejected(
                    member, None, f"decompressed size exceeds {max_bytes:,} bytes (zip bomb?)"
                )
                continue
            buf = bytearray()
            try:
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        buf += chunk
                        if len(buf) > max_bytes:
                            break
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
                yield Rejected(member, None, f"corrupt zip member: {exc}")
                continue
            if len(buf) > max_bytes:
                yield Rejected(
                    member, None, f"decompressed size exceeds {max_bytes:,} bytes (zip bomb?)"
                )
                continue
            total += len(buf)
            data = bytes(buf)
            inner = info.filename
            if inner.lower().endswith(".gz"):
                got = _gunzip(data, max_bytes)
                if isinstance(got, Rejected):
                    yield Rejected(member, None, got.reason)
                    continue
                data, inner = got, inner[:-3]
            yield from read_bytes(
                data,
                member,
                columns=columns,
                default_date=default_date,
                input_format=input_format or detect_format(inner, data),
                max_bytes=max_bytes,
            )


def _unsafe_member(filename: str) -> bool:
    parts = filename.replace("\\", "/").split("/")
    return filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]


def _stream_lines(
    stream: TextIO | BinaryIO, name: str, max_bytes: int
) -> Iterator[tuple[int, str | Rejected]]:
    """Numbered lines of a stream, each read with a cap: a longer line becomes a Rejected."""
    lineno = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        nl = b"\n" if isinstance(raw, bytes) else "\n"
        if len(raw) > max_bytes and not raw.endswith(nl):  # type: ignore[arg-type]
            while raw and not raw.endswith(nl):  # type: ignore[arg-type]
                raw = stream.readline(_CHUNK)  # skip the rest of the oversized line
            yield lineno, Rejected(name, lineno, f"line is longer than {max_bytes:,} bytes")
            continue
        if isinstance(raw, bytes):
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield (
                    lineno,
                    Rejected(
                        name, lineno, f"not UTF-8 text (undecodable byte at offset {exc.start})"
                    ),
                )
            continue
        yield lineno, raw


def _read_big_jsonl(
    path: Path, columns: dict[str, str] | None, default_date: dt.date | None, max_bytes: int
) -> Iterator[Item]:
    """A JSONL file larger than the limit: streamed, the limit applies to each line."""
    name = str(path)
    with path.open("rb") as fh:
        if _is_binary(fh.read(_CHUNK)):
            yield Rejected(name, None, "binary file (contains NUL bytes), not text")
            return
        fh.seek(0)
        yield from _jsonl_lines(_stream_lines(fh, name, max_bytes), name, columns, default_date)


# -- decoding ---------------------------------------------------------------------------------


def _is_binary(data: bytes) -> bool:
    return b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like mostly-ASCII UTF-16 with no BOM.

    Windows tools write such files; there every other byte is NUL, which would otherwise
    read as binary.  Only a clear pattern counts: NULs on one side only, on most code units.
    """
    head = data[:65536]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    n = len(odd)
    if odd.count(0) >= 0.6 * n and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.6 * n and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> str | Rejected:
    """UTF-8, UTF-8 with BOM, or UTF-16 (with a BOM, or ASCII-heavy without one).

    Anything else is rejected with a reason naming the first undecodable byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif b"\x00" in data[:65536] and (guess := _utf16_without_bom(data)):
        codec = guess
    else:
        if _is_binary(data):
            return Rejected("", None, "binary file (contains NUL bytes), not text")
        codec = "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return Rejected("", None, f"not UTF-8 text (undecodable byte at offset {exc.start})")
    if "\x00" in text:
        return Rejected("", None, "binary file (contains NUL characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- text and markdown ------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[m.end() :]


_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def _doc_date(
    meta_value: str | None, text: str, default_date: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """(date, basis) from metadata, else a dateline, else the default; ValueError on bad meta."""
    if meta_value:
        return parse_date(meta_value), "metadata"
    found = dateline_date(text)
    if found:
        return found, "dateline"
    if default_date:
        return default_date, "default"
    return None, None


def _read_text(text: str, name: str, default_date: dt.date | None) -> Item:
    meta, body = _front_matter(text)
    if not body.strip():
        return Rejected(name, None, "empty file (front matter but no text)")
    date_value = meta.get("date")
    if not date_value:
        m = _FILENAME_DATE.search(Path(name).name)
        if m:
            try:
                parse_date(m.group(1))
                date_value = m.group(1)
            except ValueError:
                date_value = None
    try:
        date, basis = _doc_date(date_value, body, default_date)
    except ValueError:
        return Rejected(name, None, f"bad date {meta.get('date')!r} in front matter")
    title = meta.get("title")
    if title is None:
        first = body.lstrip().split("\n", 1)[0]
        if first.startswith("# "):
            title = first[2:].strip()
    extra = {k: v for k, v in meta.items() if k not in FIELDS}
    if basis:
        extra["date_basis"] = basis
    return Document(
        doc_id=meta.get("id") or make_doc_id(body),
        text=body,
        date=date,
        title=title,
        url=meta.get("url"),
        source=meta.get("source"),
        path=name,
        meta=extra,
    )


# -- JSONL ------------------------------------------------------------------------------------


def _colmap(columns: dict[str, str] | None) -> dict[str, str]:
    cols = {f: f for f in FIELDS}
    for key, value in (columns or {}).items():
        if key not in FIELDS:
            raise ValueError(f"unknown column role {key!r} (choose from {', '.join(FIELDS)})")
        if value:
            cols[key] = value
    return cols


def _record_doc(
    rec: dict[str, object],
    cols: dict[str, str],
    name: str,
    line: int,
    default_date: dt.date | None,
) -> Item:
    """One JSONL object or CSV row into a Document (or the reason it is not one)."""
    text = rec.get(cols["text"])
    if text is None or text == "":
        return Rejected(name, line, f"no {cols['text']!r} field (the document text)")
    if not isinstance(text, str):
        return Rejected(name, line, f"{cols['text']!r} is not a string")
    if not text.strip():
        return Rejected(name, line, f"empty {cols['text']!r}")

    def opt(role: str) -> str | None:
        v = rec.get(cols[role])
        return None if v is None or v == "" else str(v)

    raw_date = opt("date")
    try:
        date, basis = _doc_date(raw_date, text, default_date)
    except ValueError:
        return Rejected(name, line, f"bad date {raw_date!r}")
    used = {cols[r] for r in FIELDS}
    meta: dict[str, object] = {k: v for k, v in rec.items() if k not in used}
    meta["line"] = line
    if basis:
        meta["date_basis"] = basis
    return Document(
        doc_id=opt("id") or make_doc_id(text),
        text=text,
        date=date,
        title=opt("title"),
        url=opt("url"),
        source=opt("source"),
        path=name,
        meta=meta,
    )


def _jsonl_lines(
    lines: Iterable[tuple[int, str | Rejected]],
    name: str,
    columns: dict[str, str] | None,
    default_date: dt.date | None,
) -> Iterator[Item]:
    cols = _colmap(columns)
    any_line = False
    for lineno, raw in lines:
        if isinstance(raw, Rejected):
            any_line = True
            yield raw
            continue
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        any_line = True
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(name, lineno, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield Rejected(name, lineno, "not a JSON object")
            continue
        yield _record_doc(rec, cols, name, lineno, default_date)
    if not any_line:
        yield Rejected(name, None, "empty file")


# -- CSV --------------------------------------------------------------------------------------


def _read_csv(
    text: str,
    name: str,
    columns: dict[str, str] | None,
    default_date: dt.date | None,
    delimiter: str | None,
) -> Iterator[Item]:
    csv.field_size_limit(1 << 30)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    cols = _colmap(columns)
    if cols["text"] not in header and not (columns and columns.get("text")):
        found = next((c for c in _TEXT_CANDIDATES if c in header), None)
        if found:
            cols["text"] = found
    if cols["text"] not in header:
        yield Rejected(
            name,
            1,
            f"no text column {cols['text']!r} (columns: {', '.join(header)}); "
            "name it with --text-column",
        )
        return
    if columns and columns.get("id") and columns["id"] not in header:
        yield Rejected(name, 1, f"no id column {columns['id']!r} (columns: {', '.join(header)})")
        return
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                yield Rejected(name, line, f"more fields than the {len(header)} header columns")
                continue
            yield _record_doc(dict(row), cols, name, line, default_date)
    except csv.Error as exc:
        yield Rejected(name, reader.line_num, f"malformed CSV: {exc}")


# -- HTML and feeds ---------------------------------------------------------------------------


def _read_html(text: str, name: str, default_date: dt.date | None) -> Item:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        return Rejected(name, None, f"cannot parse HTML: {exc}")
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        return Rejected(name, None, "no main text found in the HTML page")
    meta_date = getattr(doc, "date", None)
    try:
        date, basis = _doc_date(meta_date, body, default_date)
    except ValueError:
        date, basis = _doc_date(None, body, default_date)
    meta: dict[str, object] = {"date_basis": basis} if basis else {}
    return Document(
        doc_id=make_doc_id(body),
        text=body,
        date=date,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        path=name,
        meta=meta,
    )


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("p", "br", "div", "li", "h1", "h2", "h3"):
            self.parts.append("\n")


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), whitespace tidied."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln).strip()


def _read_feed(data: bytes, name: str, default_date: dt.date | None) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        yield Rejected(
            name,
            None,
            "not an RSS/Atom feed with entries" + (f" ({str(why).splitlines()[0]})" if why else ""),
        )
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for i, entry in enumerate(entries, 1):
        content = entry.get("content") or []
        raw = content[0].get("value") if content else entry.get("summary") or ""
        text = strip_html(raw or "")
        if not text:
            yield Rejected(name, i, "feed entry has no text")
            continue
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        date: dt.date | None = dt.date(*struct[:3]) if struct else None
        basis = "metadata" if date else None
        if date is None:
            date, basis = _doc_date(None, text, default_date)
        meta: dict[str, object] = {"entry": i}
        if entry.get("id"):
            meta["entry_id"] = entry.get("id")
        if basis:
            meta["date_basis"] = basis
        yield Document(
            doc_id=make_doc_id(text),
            text=text,
            date=date,
            title=entry.get("title"),
            url=entry.get("link"),
            source=feed_title,
            path=name,
            meta=meta,
        )
