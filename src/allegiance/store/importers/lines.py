"""Streaming line source for the event importers: plain, gzip or zip, in bounded chunks.

A 10 GB export never sits in memory: the file is decompressed block by block and handed on as
chunks of numbered lines (about ``CHUNK_BYTES`` of text each) that DuckDB maps and stores one
at a time.  A gzip or zip stream that ends early is not fatal: the complete lines before the
cut are imported and the cut itself is reported as a reject naming the line it broke.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from allegiance.store.importers.base import ImportError_

ARCHIVE_ENV = "ALLEGIANCE_MAX_ARCHIVE_BYTES"
DEFAULT_MAX_ARCHIVE_BYTES = 16 * 1024**3
_BOMB_MIN = 100 * 1024**2  # members smaller than this may compress as well as they like
_BOMB_RATIO = 200  # real event files compress about 10:1; zeros about 1000:1

CHUNK_BYTES = 24 << 20  # text handed to DuckDB at a time
_READ = 4 << 20  # bytes read from the file at a time
_INFLATE_MAX = 8 << 20  # most bytes one decompress call may return (a bomb stays bounded)
MAX_LINE_BYTES = 10_000_000  # a longer "line" is not a data row


def max_archive_bytes() -> int:
    """The most an import archive may unpack to: ``$ALLEGIANCE_MAX_ARCHIVE_BYTES``, else 16 GiB."""
    raw = os.environ.get(ARCHIVE_ENV, "").strip().replace("_", "")
    try:
        return max(1, int(raw)) if raw else DEFAULT_MAX_ARCHIVE_BYTES
    except ValueError:
        raise ImportError_(f"${ARCHIVE_ENV}={raw!r}: not a number of bytes") from None


class Truncated(Exception):
    """The compressed stream ended early or is corrupt after some good data."""


@dataclass(slots=True)
class Chunk:
    """Consecutive lines of the file; ``first`` is the 1-based number of ``lines[0]``."""

    first: int
    lines: list[str]


@dataclass(slots=True)
class Cut:
    """Where a damaged stream stopped: the line it broke (not imported) and why."""

    line: int
    reason: str


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    if path.is_dir():
        raise ImportError_(f"{path}: is a folder, not a file")
    if path.stat().st_size == 0:
        raise ImportError_(f"{path}: empty file")


def _gunzip(fh: BinaryIO, on_read: Callable[[int], None]) -> Iterator[bytes]:
    """Inflate a gzip stream of one or more members, never more than 8 MB per step."""
    inflater = zlib.decompressobj(31)
    pending = b""
    in_member = False
    while True:
        if not pending:
            pending = fh.read(_READ)
            on_read(len(pending))
            if not pending:
                if in_member:
                    raise Truncated("compressed data ends early (truncated gzip)")
                return
        in_member = True
        try:
            out = inflater.decompress(pending, _INFLATE_MAX)
        except zlib.error as exc:
            raise Truncated(f"corrupt gzip data ({exc})") from exc
        if inflater.eof:
            pending = inflater.unused_data
            inflater = zlib.decompressobj(31)
            in_member = False
            if pending and not pending.startswith(b"\x1f\x8b"):
                pending = b""  # padding after the last member, as gzip tools allow
                if out:
                    yield out
                return
        else:
            pending = inflater.unconsumed_tail
        if out:
            yield out


def _plain(fh: BinaryIO, on_read: Callable[[int], None]) -> Iterator[bytes]:
    while block := fh.read(_READ):
        on_read(len(block))
        yield block


def _zip_member(path: Path) -> zipfile.ZipInfo:
    """The single data member of a zip, refused when it would unpack beyond the limits."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportError_(f"{path}: not a readable zip file: {exc}") from exc
    if len(members) != 1:
        raise ImportError_(f"{path}: expected one data file in the zip, found {len(members)}")
    info = members[0]
    limit = max_archive_bytes()
    if info.file_size > limit:
        raise ImportError_(
            f"{path}: decompressed size {info.file_size:,} bytes exceeds "
            f"the limit of {limit:,} (${ARCHIVE_ENV})"
        )
    if info.file_size > _BOMB_MIN and info.file_size > _BOMB_RATIO * max(1, info.compress_size):
        raise ImportError_(f"{path}: compression ratio over {_BOMB_RATIO}:1 (zip bomb?)")
    return info


def _unzip(path: Path, info: zipfile.ZipInfo, on_read: Callable[[int], None]) -> Iterator[bytes]:
    limit = max_archive_bytes()
    written = 0
    ratio = info.compress_size / max(1, info.file_size)
    try:
        with zipfile.ZipFile(path) as zf, zf.open(info) as src:
            while block := src.read(_READ):
                written += len(block)
                on_read(int(len(block) * ratio))
                if written > limit:  # the header lied about the size
                    raise ImportError_(
                        f"{path}: decompressed size exceeds the limit of {limit:,} bytes "
                        f"(${ARCHIVE_ENV})"
                    )
                yield block
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise Truncated(f"corrupt or truncated zip member ({exc})") from exc


def byte_blocks(path: Path, on_read: Callable[[int], None] = lambda n: None) -> Iterator[bytes]:
    """The decompressed bytes of ``path`` in blocks; ``on_read`` gets file bytes consumed."""
    path = Path(path)
    _check_path(path)
    if zipfile.is_zipfile(path):
        info = _zip_member(path)
        yield from _unzip(path, info, on_read)
        return
    with path.open("rb") as fh:
        magic = fh.read(2)
        fh.seek(0)
        yield from (_gunzip if magic == b"\x1f\x8b" else _plain)(fh, on_read)


def first_line(path: Path) -> str:
    """The first line (a header, or the first row), refusing binary files."""
    raw = b""
    try:
        for block in byte_blocks(path):
            raw += block
            if b"\n" in raw or len(raw) >= 1 << 20:
                break
    except Truncated as exc:
        if not raw:
            raise ImportError_(f"{path}: cannot read: {exc}") from exc
    raw = raw.split(b"\n", 1)[0]
    if b"\x00" in raw:
        raise ImportError_(f"{path}: binary file, not tab-separated text")
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r")


def line_chunks(
    path: Path,
    on_read: Callable[[int], None] = lambda n: None,
    chunk_bytes: int | None = None,
) -> Iterator[Chunk | Cut]:
    """Numbered lines of ``path`` in chunks of about ``chunk_bytes``; a ``Cut`` comes last
    when the stream is damaged (the broken partial line is not in any chunk).

    Bytes that are not UTF-8 become U+FFFD rather than failing the file: the row is then
    judged on its fields like any other.
    """
    limit = chunk_bytes or CHUNK_BYTES
    carry = b""
    buffered: list[bytes] = []
    size = 0
    next_line = 1

    def chunk(data: bytes) -> Chunk:
        nonlocal next_line
        text = data.decode("utf-8", errors="replace")
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        out = Chunk(next_line, lines)
        next_line += len(lines)
        return out

    def complete(data: bytes) -> Iterator[Chunk]:
        """Chunks of whole lines from ``data``; the unfinished tail stays in ``carry``."""
        nonlocal carry
        start = 0
        while len(data) - start >= limit:
            cut = data.rfind(b"\n", start, start + limit)
            if cut < 0:
                cut = data.find(b"\n", start + limit)
            if cut < 0:
                break
            yield chunk(data[start:cut])
            start = cut + 1
        carry = data[start:]
        if len(carry) > MAX_LINE_BYTES + limit:
            raise ImportError_(
                f"{path}: line {next_line}: longer than {MAX_LINE_BYTES:,} bytes; "
                "not a line-based event file"
            )

    try:
        for block in byte_blocks(path, on_read):
            buffered.append(block)
            size += len(block)
            if size >= limit:
                data = carry + b"".join(buffered)
                buffered, size = [], 0
                yield from complete(data)
    except Truncated as exc:
        data = carry + b"".join(buffered)
        cut = data.rfind(b"\n")
        if cut >= 0:
            yield chunk(data[:cut])
        yield Cut(next_line, f"{exc}: line {next_line} is incomplete and was not imported")
        return
    data = carry + b"".join(buffered)
    if data.endswith(b"\n"):
        data = data[:-1]
    if data:
        yield chunk(data)
