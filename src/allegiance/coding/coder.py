"""The coder: documents in, events and relation statements out.

For each document: clean the text (offsets preserved), find actor mentions with the gazetteer,
split sentences cheaply, parse only the sentences that can hold a record (the gate), then read
events and relations off the dependency parse with the lexicon.  Modality and dates are decided
per record from the parse; pronouns and "the two countries" are resolved within the document.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from allegiance.actors import Gazetteer, Mention
from allegiance.coding.discourse import (
    PAIR_NOUNS,
    PERSON_PAIR_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SINGLE_NOUNS,
    SINGULAR_PRONOUNS,
    Discourse,
    gender_agrees,
)
from allegiance.coding.lexicon import NO_EVENT, Grammar, Lexicon, NounSense, StanceCue, VerbSense
from allegiance.coding.modality import ModalityReader, is_infinitive_complement, is_when_clause
from allegiance.coding.timex import (
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    Timex,
    before_document,
    document_date,
    find_timexes,
    shifted,
)
from allegiance.model import (
    Actor,
    CodedDocument,
    DateSpan,
    Document,
    Event,
    Relation,
    Sentence,
)
from allegiance.nlp import is_mostly_text, load_pipeline, normalise, split_sentences
from allegiance.ontology import lookup

CODER_VERSION = "0.1.0"
# Resource limits per document: text past MAX_DOCUMENT_CHARS is not parsed, and reading the
# records of one document stops after TIME_BUDGET_SECONDS; the sentences left are counted as
# skipped (CodedDocument.skipped_sentences), never silently lost.
MAX_DOCUMENT_CHARS = 1_000_000
TIME_BUDGET_SECONDS = 60.0
# ALLEGIANCE_DEBUG=1 makes a sentence that fails to code raise instead of being skipped.
_DEBUG = os.environ.get("ALLEGIANCE_DEBUG") == "1"

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
# Roots whose events are reported without a target often enough to keep them so.
MONADIC_ROOTS = {"01", "15"}
INTENT_CODES = {
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
}
INTENT_CODES.update(
    {
        "045": "039",
        "084": "0353",
        "085": "0354",
        "086": "0355",
        "0861": "0355",
        "0862": "0355",
        "0863": "0355",
        "087": "0356",
        "0871": "0356",
        "0872": "0356",
        "0873": "0356",
        "0874": "0356",
    }
)
INTENT_BY_ROOT = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "09": "030",
    "01": "030",
    "02": "030",
}
# An appeal (02) or demand (10) is specified by the act its complement asks for: "urged India
# to resume talks" is an appeal to negotiate (026).  Keys are the complement's code, most
# specific first; values are (appeal, demand).
REQUEST_CODES: dict[str, tuple[str, str]] = {
    "045": ("028", "108"),
    "061": ("0211", "1011"),
    "062": ("0212", "1012"),
    "063": ("0213", "1013"),
    "064": ("0214", "1014"),
    "071": ("0231", "1031"),
    "072": ("0232", "1032"),
    "073": ("0233", "1033"),
    "074": ("0234", "1034"),
    "081": ("0251", "1051"),
    "082": ("0252", "1052"),
    "084": ("0253", "1053"),
    "085": ("0254", "1054"),
    "086": ("0255", "1055"),
    "087": ("0256", "1056"),
    "04": ("026", "106"),
    "05": ("022", "102"),
    "06": ("021", "101"),
    "07": ("023", "103"),
    "08": ("025", "105"),
}
# A refusal is specified by the act refused: "refused to ease its embargo" (1244).
REFUSAL_CODES = {
    "045": "126",
    "061": "1211",
    "062": "1212",
    "063": "121",  # CAMEO has no finer code for judicial or intelligence cooperation
    "064": "121",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
    "081": "1241",
    "082": "1242",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
    "04": "125",
    "06": "121",
    "07": "122",
    "08": "124",
}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
# Clauses a military posture answers: "after/as/when/if X attacked ..."
RESPONSE_MARKS = frozenset({"after", "as", "when", "if", "unless", "because", "since", "once"})
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd"}
QUANTIFIERS = {
    "many",
    "some",
    "all",
    "most",
    "several",
    "much",
    "part",
    "one",
    "each",
    "both",
    "none",
}
# Prepositions that give what talks are about: "talks on North Korea".
TOPIC_PREPS = frozenset({"on", "over", "at", "about"})
# Sectors that are not the state's own forces: their bombings are not air raids.
NON_STATE_SECTORS = frozenset({"INS", "REB", "CVL", "POL", "BUS", "NGO", "MED"})
# First-person words, read inside quotes as the quote's speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "we", "us", "our", "ourselves"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


@dataclass(slots=True)
class Ref:
    """Actors found at one place in the parse."""

    actors: tuple[Actor, ...]
    start: int  # document character offsets of the words that name them
    end: int
    resolved: bool = False  # came from a pronoun or description


@dataclass(slots=True)
class _Found:
    trigger: Any  # spaCy token
    code: str
    sources: list[Ref]
    targets: list[Ref]
    symmetric: bool
    confidence: float
    extra_tokens: list[Any] = field(default_factory=list)
    modality: str | None = None  # when fixed by the construction, not read off the trigger
    date: DateSpan | None = None  # likewise


class Coder:
    """Codes documents into contract records.  Load once, reuse: the parse model is shared."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        lexicon: Lexicon | None = None,
        *,
        gate: bool = True,
        nlp: Any = None,
        max_chars: int = MAX_DOCUMENT_CHARS,
        time_budget: float = TIME_BUDGET_SECONDS,
    ) -> None:
        self.max_chars = max_chars
        self.time_budget = time_budget
        self.gazetteer = gazetteer or Gazetteer.default()
        self.lexicon = lexicon or Lexicon.default()
        self.gate = gate
        self._nlp = nlp
        self.modality = ModalityReader(self.lexicon)
        self.version = f"{CODER_VERSION}+{self.lexicon.version}"

    @classmethod
    def load(
        cls,
        dictionaries: Sequence[str | Path] = (),
        lexicon: str | Path | None = None,
        gate: bool = True,
    ) -> Coder:
        """A coder with extra actor dictionaries and, optionally, a user lexicon file."""
        gaz = Gazetteer.load(dictionaries) if dictionaries else Gazetteer.default()
        lex = Lexicon.from_file(lexicon) if lexicon else Lexicon.default()
        return cls(gaz, lex, gate=gate)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    # -- public ------------------------------------------------------------------------------

    def code(self, doc: Document) -> CodedDocument:
        return next(self.code_many([doc]))

    def code_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[CodedDocument]:
        """Code documents in order; sentences of a batch are parsed together for speed."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    # -- internals ---------------------------------------------------------------------------

    def _code_batch(self, docs: list[Document]) -> Iterator[CodedDocument]:
        prepared = [self._prepare(d) for d in docs]
        texts: list[str] = []
        for prep in prepared:
            for (sent, _mentions), parse in zip(prep.selected, prep.parse, strict=True):
                if parse:
                    texts.append(prep.norm[sent.start : sent.end])
        parsed = iter(self._parse(texts))
        for prep in prepared:
            parses = [next(parsed) if parse else None for parse in prep.parse]
            yield self._code_document(prep, parses)

    def _parse(self, texts: list[str]) -> Iterator[Any]:
        try:
            yield from self.nlp.pipe(texts, batch_size=256)
        except Exception:  # noqa: BLE001 - one bad sentence must not sink a batch
            for t in texts:
                try:
                    yield self.nlp(t)
                except Exception:  # noqa: BLE001
                    yield None

    def _prepare(self, doc: Document) -> _Prepared:
        original = doc.text or ""
        text = normalise(original)
        mentions = with_surnames(text, self.gazetteer.find_mentions(text, doc.date))
        sentences = list(split_sentences(text))
        selected: list[tuple[Sentence, list[Mention]]] = []
        parse: list[bool] = []
        passes_gate: list[bool] = []
        mi = 0
        # The gate: parse a sentence only if it can yield a record: two parties named, or a
        # pronoun or "the two countries" with a fitting antecedent in the sentences read so
        # far (what Discourse can resolve), or a state and a word that can start a one-party
        # event.  A sentence naming one party is still read for its referents, unparsed.
        antecedents = _Antecedents()
        over_limit = 0
        for idx, span in enumerate(sentences):
            if span.end > self.max_chars:
                over_limit += 1
                continue
            while mi < len(mentions) and mentions[mi].end <= span.start:
                mi += 1
            inside = []
            j = mi
            while j < len(mentions) and mentions[j].start < span.end:
                if mentions[j].start >= span.start:
                    inside.append(mentions[j])
                j += 1
            if doc.date is not None and inside:
                inside = self._in_their_time(text, span.start, span.end, doc.date, inside)
            sent = Sentence(doc.doc_id, idx, span.start, span.end, original[span.start : span.end])
            passes = self._may_hold_record(inside, sent.text, antecedents)
            keep = not self.gate or passes
            if (keep or inside) and is_mostly_text(sent.text):
                selected.append((sent, inside))
                parse.append(keep)
                passes_gate.append(passes)
                antecedents.add(inside)
        return _Prepared(
            doc, original, text, len(sentences), selected, parse, passes_gate, over_limit
        )

    def _in_their_time(
        self, text: str, start: int, end: int, date: dt.date, mentions: list[Mention]
    ) -> list[Mention]:
        """A sentence about an earlier year names the actors of that year: "Cuba asked Moscow
        for missiles in 1962" asks the Soviet Union.  The mentions are found again with the
        sentence's own year when every year it names is well before the document's."""
        years = [int(y) for y in _YEAR.findall(text, start, end)]
        if not years or max(years) >= date.year - 1:
            return mentions
        found = self.gazetteer.find_mentions(text[start:end], dt.date(years[0], 7, 1))
        return [
            Mention(m.start + start, m.end + start, m.text, m.actors, m.kind, m.plural, m.gender)
            for m in found
        ]

    def _may_hold_record(
        self, mentions: list[Mention], text: str, antecedents: _Antecedents
    ) -> bool:
        """Mirrors what the reader can emit: a record needs a trigger word from the lexicon and
        two different parties (named or resolved), except one-party events of MONADIC_ROOTS,
        which need a state."""
        parties = {a.country or a.code for m in mentions for a in m.actors}
        enough = (
            len(parties) >= 2
            or antecedents.resolves(text)
            or self._names_counterpart(parties | antecedents.countries, text)
            or (
                any(a.country for m in mentions for a in m.actors)
                and self._monadic_words.search(text)
            )
        )
        # the trigger test last: it costs more than the party tests, which most sentences fail
        return enough and bool(
            self._trigger_words.search(text) or _may_tell_a_visit(mentions, text)
        )

    def _names_counterpart(self, known: set[str], text: str) -> bool:
        """ "the South" with the other half of the country named: a second party."""
        return any(known & halves and rx.search(text) for rx, halves in self._counterpart_patterns)

    @cached_property
    def _counterpart_patterns(self) -> list[tuple[re.Pattern[str], set[str]]]:
        return [
            (re.compile(rf"\b[Tt]he {word.capitalize()}\b"), set(halves))
            for word, halves in self.lexicon.counterparts.items()
        ]

    @cached_property
    def _trigger_words(self) -> WordForms:
        """Any form of a word that can start a record (the gate's test)."""
        return self._word_forms(trigger_lemmas(self.lexicon))

    @cached_property
    def _monadic_words(self) -> WordForms:
        """Any form of a word that can start a one-party event (the gate's test)."""
        return self._word_forms(monadic_lemmas(self.lexicon))

    def _word_forms(self, lemmas: set[str]) -> WordForms:
        """Every form of ``lemmas``: each lemma as a prefix ("deplo" for deployed, "talk" for
        talks), plus irregular forms from the lemmatizer's exception table ("met", "held").
        Matching too much only parses more; matching too little would lose records."""
        forms = {w[:-1] if len(w) >= 4 and w[-1] in "ey" else w for w in lemmas}
        try:
            exceptions = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
            for pos in ("verb", "noun", "adj"):
                table = exceptions[pos]
                forms.update(form for form in table if lemmas & set(table[form]))
        except (KeyError, AttributeError, ValueError):
            pass  # a pipeline without lemma exceptions: regular forms only
        return WordForms(forms)

    def _code_document(self, prep: _Prepared, parses: list[Any]) -> CodedDocument:
        out = CodedDocument(
            prep.doc.doc_id, sentences=prep.n_sentences, skipped_sentences=prep.over_limit
        )
        discourse = Discourse()
        deadline = time.monotonic() + self.time_budget
        prev_end = 0
        for (sent, mentions), sdoc, parse, passes in zip(
            prep.selected, parses, prep.parse, prep.passes_gate, strict=True
        ):
            if _PARAGRAPH_BREAK.search(prep.text, prev_end, sent.start):
                discourse.narrative = False
            prev_end = sent.end
            if not parse:  # gated out: its parties are still referents for later pronouns
                remember_mentions(discourse, mentions)
                continue
            if sdoc is None or time.monotonic() > deadline:
                out.skipped_sentences += 1
                continue
            try:
                reader = _SentenceReader(
                    self,
                    prep.doc,
                    sent,
                    sdoc,
                    mentions,
                    discourse,
                    prep.norm[sent.start : sent.end],
                )
                events, relations = reader.read()
                if passes:
                    reader.remember_unknown_subject()
            except Exception:  # noqa: BLE001 - skip and count, never fail the document
                if _DEBUG:
                    raise
                out.skipped_sentences += 1
                continue
            out.events.extend(events)
            out.relations.extend(relations)
            dated = [r.date for r in [*events, *relations] if r.date.basis in {"explicit", "era"}]
            if dated and prep.doc.date and all(d.end and d.end < prep.doc.date for d in dated):
                discourse.narrative = True
            elif _is_present(sdoc) or (
                not reader.timexes and _is_reporting(sdoc, self.lexicon.grammar)
            ):
                discourse.narrative = False  # the story is back in the present
        return out


@dataclass(slots=True)
class _Prepared:
    doc: Document
    text: str  # the original text: offsets and quoted sentences refer to it
    norm: str  # the same length, cleaned for parsing
    n_sentences: int
    selected: list[tuple[Sentence, list[Mention]]]
    parse: list[bool]  # per selected sentence: parse and read it, or only note its referents
    # per selected sentence: would the gate parse it?  Discourse state that only a parse can
    # give is kept from these sentences alone, so that gated and ungated runs agree
    passes_gate: list[bool]
    over_limit: int = 0


_BARE_WEEKDAY = re.compile(rf"(?i)(on |this )?({'|'.join(WEEKDAYS)})$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")


_SURNAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def with_surnames(text: str, mentions: list[Mention]) -> list[Mention]:
    """Within one document a leader named in full ("President Uhuru Kenyatta") is later named
    by surname alone ("Kenyatta said"); those later mentions stand for the same actor.  Only
    surnames that are capitalised words, not months or weekdays, and not already part of
    another mention count."""
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.kind not in {"leader", "title"} or len(m.actors) != 1:
            continue
        words = m.text.split()
        last = words[-1] if words else ""
        if (
            len(words) >= 2
            and len(last) >= 3
            and _SURNAME.fullmatch(last)
            and last.lower() not in MONTHS
            and last.lower() not in WEEKDAYS
        ):
            first.setdefault(last, m)
    if not first:
        return mentions
    spans = [(m.start, m.end) for m in mentions]
    extra: list[Mention] = []
    for name, m in first.items():
        for hit in re.finditer(rf"\b{re.escape(name)}\b", text):
            if hit.start() < m.end or any(s < hit.end() and hit.start() < e for s, e in spans):
                continue
            extra.append(Mention(hit.start(), hit.end(), name, m.actors, "leader", False, m.gender))
    return sorted(mentions + extra, key=lambda x: x.start) if extra else mentions


def _may_tell_a_visit(mentions: list[Mention], text: str) -> bool:
    """The gate's test for _SentenceReader._visits_abroad, which needs no trigger word: an
    official and a foreign capital or city after "in" ("Trump, speaking in Seoul, ...")."""
    if " in " not in text:
        return False
    hosts = {a.country for m in mentions if m.kind in {"capital", "place"} for a in m.actors}
    guests = {
        a.country
        for m in mentions
        if m.kind in {"leader", "title", "demonym"}
        for a in m.actors
        if a.sector == "GOV"
    }
    return bool(hosts and guests - hosts)


def remember_mentions(discourse: Discourse, mentions: list[Mention]) -> None:
    """Make a sentence's named parties referents for the pronouns of later sentences."""
    for m in mentions:
        if m.actors and m.kind != "place":  # "it" is never Lahore
            discourse.mention(
                tuple(m.actors),
                m.plural,
                m.start,
                person=m.kind in {"leader", "title"},
                gender=m.gender,
            )


_WORD = re.compile(r"\w+")


class WordForms:
    """Does a text contain a word starting with one of these forms?  Words are looked up by
    their first three letters, which is far cheaper than one regex of a thousand alternatives
    (that regex cost the gate more than the parses it saved)."""

    __slots__ = ("short", "by_start")

    def __init__(self, forms: Iterable[str]) -> None:
        self.short: frozenset[str] = frozenset(f for f in forms if 0 < len(f) < 3)
        buckets: dict[str, list[str]] = {}
        for f in {f.lower() for f in forms if len(f) >= 3}:
            buckets.setdefault(f[:3], []).append(f)
        self.by_start = {k: tuple(v) for k, v in buckets.items()}

    def search(self, text: str) -> bool:
        for word in _WORD.findall(text.lower()):
            bucket = self.by_start.get(word[:3])
            if bucket and any(word.startswith(f) for f in bucket):
                return True
            if self.short and any(word[:n] in self.short for n in (1, 2)):
                return True
        return False


def _head_words(words: Iterable[str]) -> set[str]:
    """The word a multi-word entry starts with ("build" for "build-up"), lower-case."""
    return {w.split()[0].split("-")[0].lower() for w in words if w and w.split()}


def trigger_lemmas(lexicon: Lexicon) -> set[str]:
    """Every lexicon word that can start an event or a relation, for the gate."""
    return _head_words(
        [
            *lexicon.verbs,
            *lexicon.nouns,
            *lexicon.adjectives,
            *lexicon.relation_nouns,
            *lexicon.relation_adjectives,
            *lexicon.relation_verbs,
            *lexicon.relation_verb_particles,
            *lexicon.relation_subject_nouns,
            *lexicon.relation_predicates,
            *lexicon.relation_phrases,
            *lexicon.grammar.mediation_verbs,
            *lexicon.custody.get("detentions", ()),
            *lexicon.reaction_nouns,
            *lexicon.scene["peacekeeper_nouns"],  # _peacekeepers_arriving
        ]
    )


def monadic_lemmas(lexicon: Lexicon) -> set[str]:
    """Lexicon words (verbs, event nouns, adjectives) with a sense in MONADIC_ROOTS."""
    words: set[str] = set()
    for lemma, verbs in lexicon.verbs.items():
        if any(v.code[:2] in MONADIC_ROOTS for v in verbs):
            words.add(lemma)
    for lemma, nouns in lexicon.nouns.items():
        for n in nouns:
            codes = {
                n.code,
                *n.modifiers_code.values(),
                *n.objects_code.values(),
                *n.verbs.values(),
                *n.preps_code.values(),
            }
            if any(c[:2] in MONADIC_ROOTS for c in codes if c):
                words.add(lemma)
    for lemma, adj in lexicon.adjectives.items():
        if adj.code[:2] in MONADIC_ROOTS:
            words.add(lemma)
    return _head_words(words)


def _words(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(words)) + r")\b", re.IGNORECASE)


_SINGULAR_RE, _PLURAL_RE, _PERSON_RE = (
    _words(SINGULAR_PRONOUNS),
    _words(PLURAL_PRONOUNS),
    _words(PERSON_PRONOUNS),
)
_TWO_RE, _SINGLE_RE = _words({"two", "both"}), _words(SINGLE_NOUNS)


class _Antecedents:
    """What Discourse could resolve so far in a document: the gate's memory (speed only).

    Mirrors Discourse.resolve_*: a sentence naming no actor yields a record only through a
    pronoun or description with a fitting earlier referent, so only those get parsed.
    """

    __slots__ = ("countries", "person", "plural", "single", "single_state")

    def __init__(self) -> None:
        self.person = self.plural = self.single = self.single_state = False
        self.countries: set[str] = set()

    def add(self, mentions: list[Mention]) -> None:
        for m in mentions:
            if not m.actors or m.kind == "place":
                continue
            person = m.kind in {"leader", "title"}
            plural = m.plural or len(m.actors) > 1
            first = m.actors[0]
            self.person |= person
            self.plural |= plural
            self.single |= (
                not plural and not person and (first.country is not None or first.sector == "IGO")
            )
            self.single_state |= len(m.actors) == 1 and bool(first.country)
            self.countries.update(a.country for a in m.actors if a.country)

    def resolves(self, sentence: str) -> bool:
        return bool(
            (self.person and _PERSON_RE.search(sentence))
            or (self.single and _SINGULAR_RE.search(sentence))
            or (self.plural and _PLURAL_RE.search(sentence))
            or (len(self.countries) > 1 and _TWO_RE.search(sentence))  # "the two X", any X
            or (self.single_state and _SINGLE_RE.search(sentence))
        )


class _SentenceReader:
    """Reads the records of one parsed sentence."""

    def __init__(
        self,
        coder: Coder,
        doc: Document,
        sent: Sentence,
        sdoc: Any,
        mentions: list[Mention],
        discourse: Discourse,
        norm: str,
    ) -> None:
        self.coder = coder
        self.lex = coder.lexicon
        # verbs that can carry an event in their object with no sense of their own
        self._verbs_with_nouns = self.lex.grammar.supply_verbs | _LIGHT_TOO
        self.gaz = coder.gazetteer
        self.doc = doc
        self.sent = sent
        self.sdoc = sdoc
        self.base = sent.start
        self.discourse = discourse
        self.token_refs: dict[int, Ref] = {}
        self.place_refs: dict[int, Ref] = {}  # head token of a place name -> its state
        self.heads: dict[int, int] = {}
        # sentence offsets of characters inside a mention (to tell names within names)
        self._named = {i for m in mentions for i in range(m.start - self.base, m.end - self.base)}
        for m in mentions:
            span = sdoc.char_span(m.start - self.base, m.end - self.base, alignment_mode="expand")
            if span is None or not m.actors:
                continue
            if m.kind == "capital" and _names_a_place(span.root, coder.gazetteer, self.lex.grammar):
                # "the Kabul airport", "the Paris accord": where, not who; the state's ground
                ground = tuple(
                    Actor(a.country or a.code, a.country, None, a.name, a.text) for a in m.actors
                )
                self.place_refs[span.root.i] = Ref(ground, m.start, m.end)
                continue
            if m.kind == "country" and self._part_of_a_name(span):
                continue
            ref = Ref(tuple(m.actors), m.start, m.end)
            if m.kind == "place":
                # a city or region is no party; it only says where an act was aimed
                self.place_refs[span.root.i] = ref
                continue
            for tok in span:
                self.token_refs[tok.i] = ref
            self.heads[span.root.i] = span.root.i
        self._mentions = mentions
        self.previous_date = discourse.last_date
        self.timexes = find_timexes(norm, doc.date)
        self.timex_tokens = self._place_timexes()
        self.consumed: set[int] = set()
        self.implied: list[_Found] = []  # records a verb implies besides its own
        self.owned_objects: set[int] = set()  # another party's act as a verb's object

    def _part_of_a_name(self, span: Any) -> bool:
        """ "Jim Jordan": a state's name after a given name is a surname.  (A state's name
        before another name, "Chad Wolf" or "Malaysia Airlines", is left as the state.)"""
        if len(span) != 1:
            return False
        tok = span[0]
        # a capitalised first word may be any word ("Landlocked Nepal"): not taken as a name
        before = tok.doc[tok.i - 1] if tok.i > 1 else None
        return (
            before is not None
            and before.dep_ == "compound"
            and before.head.i == tok.i
            and before.pos_ == "PROPN"
            and before.text[:1].isupper()
            and before.idx not in self._named
            and before.lower_ not in self.lex.state_epithets
        )

    # -- records -----------------------------------------------------------------------------

    def read(self) -> tuple[list[Event], list[Relation]]:
        found: list[_Found] = []
        for tok in self.sdoc:
            if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB") or _opening_participle(tok):
                f = self._verb_event(tok)
                if f:
                    found.append(f)
        found.extend(self.implied)
        for tok in self.sdoc:
            if tok.pos_ == "VERB" and _lemma(tok) in self.lex.grammar.intent_verbs:
                found.extend(self._agreed_to(tok))
            elif tok.lower_ in self.lex.reaction_nouns and (f := self._reaction(tok)):
                found.append(f)
        for tok in self.sdoc:
            if _lemma(tok) in self.lex.custody.get("detentions", ()):
                f = self._custody(tok)
                if f:
                    found.append(f)
        for tok in self.sdoc:
            if tok.pos_ == "ADJ" and _lemma(tok) in self.lex.adjectives:
                f = self._adjective_event(tok)
                if f:
                    found.append(f)
        for tok in self.sdoc:
            if tok.i in self.consumed or tok.pos_ not in {"NOUN", "PROPN", "VERB"}:
                continue
            if tok.pos_ == "VERB" and (tok.tag_ != "VBG" or tok.lower_ not in self.lex.nouns):
                continue
            f = self._noun_event(tok)
            if f:
                found.append(f)
        for tok in self.sdoc:
            f = self._blamed_act(tok) if _lemma(tok) == "blame" else None
            if f is None and tok.pos_ == "NOUN":
                f = self._act_undone(tok)
            if f is not None:
                found.append(f)
        for tok in self.sdoc:
            if (
                _lemma(tok) in self.lex.grammar.mediation_verbs
                and tok.tag_ == "VBN"
                and tok.dep_ in {"acl", "amod"}
            ) or _fused_mediation(tok, self.lex.grammar):
                f = self._mediation(tok)
                if f:
                    found.append(f)
        for f in found:
            if f.code[:2] in {"06", "15"} and self._shows_force(f.trigger):
                f.code = "150"
            if f.code[:2] == "19" and (kind := self._weapon_kind(f.trigger)) is not None:
                f.code = kind
        _share_coordinated_targets(found)
        for f in found:
            if not f.targets and f.code[:2] == "16" and (partners := self._tie_partners(f)):
                f.targets, f.symmetric = partners, False  # one side broke them
        triggers = {f.trigger.i for f in found}
        found.extend(i for f in found if (i := self._intent(f, triggers)) is not None)
        found = _fold_complements(
            found,
            self.lex.scene["ending_verbs"] | self.lex.scene["lifting_verbs"],
            self.lex.grammar,
        )
        found = _drop_restatements(found)
        _nominal_intents(found, self.lex.grammar)
        _aim_accused_acts(found)
        _aim_claims(found)
        found.extend(self._conditional_threats(found))
        found.extend(self._visits_abroad(found))
        found.extend(self._wars_ended(found))
        found.extend(self._brokered_between(found))
        found.extend(self._peacekeepers_arriving(found))
        events = [e for f in found for e in self._events(f)]
        relations = self._relations()
        # Update the discourse after reading, so a pronoun never resolves to a later mention.
        remember_mentions(self.discourse, self._mentions)
        return _dedupe_events(events), _dedupe_relations(relations)

    def _ender_of(self, n: Any) -> Any:
        """The verb that ends ``n``: "ending eight years of war", "halting the fighting"; but
        not "ending a state of war"."""
        cur = n
        if cur.dep_ in {"pobj", "pcomp"} and cur.head.lower_ == "of":
            holder = cur.head.head
            if _lemma(holder) not in self.lex.scene["duration_nouns"]:
                return None
            cur = holder
        # the parser makes "halting more than a year of fighting" an adverbial
        if cur.dep_ not in {"dobj", "obj", "npadvmod"}:
            return None
        return cur.head if _lemma(cur.head) in self.lex.scene["ending_verbs"] else None

    def _ended_by(self, n: Any) -> Ref | None:
        """The two parties who end ``n`` ("Seoul and Beijing established ties, ending four
        decades of hostility"): the coordinated subjects of the clause the ending verb
        modifies."""
        ender = self._ender_of(n)
        if ender is None or ender.dep_ not in {"advcl", "conj", "xcomp"}:
            return None
        joint = self._subjects(ender.head)
        actors = tuple(dict.fromkeys(a for r in joint for a in r.actors))
        if len({a.country or a.code for a in actors}) != 2:
            return None
        return Ref(actors, joint[0].start, joint[-1].end)

    def _wars_ended(self, found: list[_Found]) -> list[_Found]:
        """A war that a truce or treaty ends was fought by the truce's parties: "Iran and Iraq
        began observing a ceasefire, ending eight years of war"; "signed an armistice that
        ended three years of war"; "a ceasefire between Israel and Hezbollah took effect,
        halting a year of fighting"."""
        out: list[_Found] = []
        by_trigger = {f.trigger.i: f for f in found}
        for n in self.sdoc:
            if n.i in by_trigger or n.pos_ not in {"NOUN", "VERB"}:
                continue  # a war whose parties are named is coded already
            sense = self._noun_sense(n)
            if sense is None or not sense.symmetric or sense.code[:2] != "19":
                continue
            ender = self._ender_of(n)
            if ender is None:
                continue
            gov = ender.head
            holders = [gov, gov.head, *(c for c in gov.children if c.dep_ in TRUCE_DEPS)]
            parties: dict[str, Ref] = {}
            for h in holders:
                truce = by_trigger.get(h.i)
                # an agreement of two parties, not a one-sided withdrawal
                if (
                    truce is not None
                    and truce.symmetric
                    and truce.code[:2] in {"03", "04", "05", "08"}
                ):
                    refs = [*truce.sources, *truce.targets]
                elif _lemma(h) in self.lex.scene["truce_nouns"]:
                    refs = self._prep_targets(h, ("between",), nested=False)
                else:
                    continue
                for r in refs:
                    for a in r.actors:
                        if a.country or a.code != a.sector:
                            parties.setdefault(a.country or a.code, Ref((a,), r.start, r.end))
                if parties:
                    break
            if len(parties) == 2:
                out.append(
                    _Found(
                        n, sense.code, list(parties.values()), [], True, 0.6, modality="asserted"
                    )
                )
        return out

    def _brokered_between(self, found: list[_Found]) -> list[_Found]:
        """What a mediator brokers between two parties is their act: "Egypt brokered a
        prisoner swap between Israel and Hamas" is also the swap, each way."""
        out: list[_Found] = []
        told = {f.trigger.i for f in found}
        for v in self.sdoc:
            if (
                v.pos_ != "VERB"
                or _lemma(v) not in self.lex.grammar.mediation_verbs
                or v.tag_ == "VBN"
            ):
                continue
            obj = self._object(v)
            if obj is None or obj.i in told:
                continue
            sense = self._noun_sense(obj, light=True)
            parties = self._prep_targets(obj, ("between",), nested=False) or self._prep_targets(
                v, ("between",), nested=False
            )
            if sense is None or sum(len(r.actors) for r in parties) < 2:
                continue
            code = self._refine_noun_code(obj, sense)
            out.append(_Found(obj, code, parties, [], True, 0.7))
        return out

    def _peacekeepers_arriving(self, found: list[_Found]) -> list[_Found]:
        """Peacekeepers who arrive in, land in or deploy to a country keep the peace there:
        "Bangladeshi peacekeepers arrived in South Sudan" (074)."""
        out: list[_Found] = []
        told = {f.trigger.i for f in found}
        for v in self.sdoc:
            if v.pos_ != "VERB" or _lemma(v) not in self.lex.scene["arrival_verbs"] or v.i in told:
                continue
            subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            keepers = self.lex.scene["peacekeeper_nouns"]
            # "peacekeepers", "Indian peacekeeping troops"
            if subj is None or not (
                _lemma(subj) in keepers or any(c.lower_ in keepers for c in subj.children)
            ):
                continue
            sources = self._refs_of(subj) or self._modifier_refs(subj)
            if not sources:
                continue
            # "took up positions in Cyprus": the place may hang on the object
            targets = self._terrain_targets(sources, [], [v, self._object(v)])
            if targets:
                out.append(_Found(v, "074", sources, targets, False, 0.7))
        return out

    def _visits_abroad(self, found: list[_Found]) -> list[_Found]:
        """A leader or official who acts in a foreign capital or city is visiting its state:
        "Obama announced in Canberra", "Speaking in Havana, the Pope said".  Not when the act
        is aimed at a third state (talks hosted in Geneva are no visit to Switzerland)."""
        out: list[_Found] = []
        for c in self.sdoc:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is None:
                continue
            ref = self.token_refs.get(pobj.i)
            if ref is not None and _mention_kind(ref, self) != "capital":
                ref = None
            host = ref or next(iter(self._places_of(pobj)), None)
            # the act the place belongs to: "signed a declaration on relations in Athens",
            # "began two days of talks in Cairo"
            v = c.head
            while v.pos_ in {"NOUN", "PROPN", "ADP"} and v.head.i != v.i:
                if v.pos_ != "ADP" and not self._venue(v):
                    break  # "atrocities in Rakhine", "its embassy in Washington": no visit
                v = v.head
            passive = (v.dep_ == "acl" and v.tag_ == "VBN") or any(
                x.dep_ in {"auxpass", "nsubjpass"} for x in v.children
            )
            if host is not None and v.pos_ in {"VERB", "AUX"} and not passive:
                # "the diplomats seized in Tehran" were not visiting
                out.extend(self._visit_by(v, host, found))
        return out

    def _venue(self, n: Any) -> bool:
        """Does a place after this noun say where its governing act happened?  Yes for an
        event or venue ("talks in Cairo") or the act's object ("signed a pact in Athens")."""
        lemma = _lemma(n)
        if lemma in self.lex.scene["resident_nouns"]:
            return False
        return (
            lemma in self.lex.scene["venue_nouns"]
            or n.lower_ in self.lex.nouns
            or lemma in self.lex.nouns
            # the act's object, or the visitor ("Trudeau, in Manila for a summit, ...")
            or (n.dep_ in {"dobj", "obj", "nsubj"} and n.head.pos_ in {"VERB", "AUX"})
        )

    def _visit_by(self, v: Any, host: Ref, found: list[_Found]) -> list[_Found]:
        visitors = [
            r
            for r in self._subjects(v)
            if not r.resolved
            # people, not the state: "the Turkish president", "Egyptian officials"
            and _mention_kind(r, self) in {"leader", "title", "demonym"}
            and all(a.sector == "GOV" for a in r.actors)
        ]
        states = {a.country for a in host.actors}
        # "Erdogan and Mitsotakis signed ... in Athens": only the guest is visiting
        visitors = [
            Ref((a,), r.start, r.end) for r in visitors for a in r.actors if a.country not in states
        ]
        if not visitors:
            return []
        codes = {a.country for r in visitors for a in r.actors}
        for f in found:
            doers = {a.country for r in f.sources for a in r.actors}
            clause = _clause_of(f.trigger)
            if clause is None or clause.i != v.i:
                continue
            # a joint act with the host is the guest's visit ("Erdogan and Mitsotakis signed a
            # declaration in Athens"); one with a third party is not ("met in Geneva")
            aimed = {a.country for r in f.targets for a in r.actors} - states - codes
            if aimed or (f.symmetric and len(doers) > 1 and not doers & states):
                return []
            told = {a.country for r in f.targets for a in r.actors}
            if f.code[:3] in {"042", "043"} and told & states:
                return []  # the visit is told already
        return [_Found(v, "042", visitors, [host], False, 0.6)]

    def remember_unknown_subject(self) -> None:
        """ "Pence said ...": the main subject is a named person who is no actor we know."""
        root = self.sdoc[:].root
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if (
            subj is not None
            and subj.pos_ == "PROPN"
            and subj.ent_type_ in {"", "PERSON"}
            and not any(t.i in self.token_refs for t in subj.subtree)
        ):
            self.discourse.unknown_persons.append(subj.idx + self.base)

    def _events(self, f: _Found) -> list[Event]:
        entry = lookup(f.code)
        modality = f.modality or self.coder.modality.of(f.trigger)
        remembered = self.discourse.last_date
        date = f.date or self._date_for(f.trigger)
        out: list[Event] = []
        pairs: list[tuple[Actor, Actor | None, Ref, Ref | None]] = []
        sources = [(a, r) for r in f.sources for a in r.actors]
        targets = [(a, r) for r in f.targets for a in r.actors]
        if targets:
            for s, sr in sources:
                for t, tr in targets:
                    pairs.append((s, t, sr, tr))
                    if f.symmetric:
                        pairs.append((t, s, tr, sr))
            if f.symmetric and entry.quad_class in {1, 2}:
                # "India and Japan held naval exercises with the US": all three together
                # (not so for conflict: "Britain and France went to war with Germany")
                for i, (s, sr) in enumerate(sources):
                    for j, (t, tr) in enumerate(sources):
                        if i != j:
                            pairs.append((s, t, sr, tr))
        elif f.symmetric and len(sources) > 1:
            for i, (s, sr) in enumerate(sources):
                for j, (t, tr) in enumerate(sources):
                    if i != j:
                        pairs.append((s, t, sr, tr))
        else:
            for s, sr in sources:
                pairs.append((s, None, sr, None))
        seen: set[tuple[str, str | None]] = set()
        for s, t, sr, tr in pairs:
            if _bare(s) or (t is not None and _bare(t)):
                continue  # "militants attacked civilians": no identifiable party
            # "sever relations with Berlin over Germany's stance": one act per pair of parties
            key = (s.country or s.code, (t.country or t.code) if t is not None else None)
            if key in seen:
                continue
            seen.add(key)
            if t is not None and (s.code == t.code or (s.country and s.country == t.country)):
                continue
            if t is None and (s.country is None or entry.root not in MONADIC_ROOTS):
                continue
            conf = f.confidence
            if sr.resolved or (tr and tr.resolved):
                conf -= 0.15
            if t is None:
                conf -= 0.3
            lo = min([f.trigger.idx + self.base, sr.start] + ([tr.start] if tr else []))
            hi = max(
                [f.trigger.idx + len(f.trigger.text) + self.base, sr.end] + ([tr.end] if tr else [])
            )
            lo = max(lo, self.sent.start)
            hi = min(hi, self.sent.end)
            out.append(
                Event(
                    doc_id=self.doc.doc_id,
                    sentence=self.sent.index,
                    span=(lo, hi),
                    sentence_text=self.sent.text,
                    trigger=_trigger_text(f.trigger),
                    source=s,
                    target=t,
                    cameo=entry.code,
                    cameo_root=entry.root,
                    plover=entry.plover,
                    plover_mode=entry.plover_mode,
                    goldstein=entry.goldstein,
                    quad_class=entry.quad_class,
                    modality=modality,
                    date=date,
                    confidence=max(0.1, min(1.0, conf)),
                )
            )
        if not out:  # "at that time" refers to a record's time, not to a discarded reading
            self.discourse.last_date = remembered
        return out

    def _conditional_threats(self, found: list[_Found]) -> list[_Found]:
        """A punitive act announced on a condition, or in a warning, is a threat.

        "Beijing will impose sanctions on American firms if the sale goes ahead" threatens
        sanctions (1312) now, besides the hypothetical sanctions; so does "Houthi forces could
        attack more ships, a spokesman warned".  A warning already coded as a threat is made
        specific instead ("warned that Rabat could sever relations with Berlin": 1313).
        """
        by_trigger = {f.trigger.i: f for f in found}
        out: list[_Found] = []
        for f in found:
            if not f.targets or not "16" <= f.code[:2] <= "20" or f.trigger.pos_ != "VERB":
                continue
            code = _threat_code(f.code)
            clause = _clause_of(f.trigger)
            if clause is None:
                continue
            warner = _warning_over(clause, self.lex.grammar)
            if warner is not None and warner.i in by_trigger:
                threat = by_trigger[warner.i]
                if threat.code[:2] == "13":
                    if threat.code == "130":
                        threat.code = code
                    continue
            if warner is None and not _announced_on_condition(clause):
                continue
            reporter = warner or _reporter_of(clause, self.lex.grammar)
            if reporter is not None:
                out.append(_Found(reporter, code, f.sources, f.targets, False, f.confidence - 0.1))
            else:
                out.append(
                    _Found(
                        f.trigger,
                        code,
                        f.sources,
                        f.targets,
                        False,
                        f.confidence - 0.1,
                        modality="asserted",
                    )
                )
        return out

    def _mediation(self, p: Any) -> _Found | None:
        """'a ceasefire brokered by Oman', 'a UN-brokered deal': the broker mediates between
        the parties of the agreement."""
        sources = self._agent(p)
        if not sources and _fused_mediation(p, self.lex.grammar) and p.i in self.token_refs:
            sources = [self.token_refs[p.i]]  # "U.S.-brokered talks": one token
        if not sources:
            for t in (p.doc[p.i - 2] if p.i >= 2 else None, *p.children):
                if t is not None and t.i in self.token_refs and t.i < p.i:
                    sources = [self.token_refs[t.i]]
                    break
        if not sources:
            return None
        noun = p.head
        parties = self._prep_targets(noun, ("between", "among"))
        if not parties:
            head = noun.head
            for _ in range(4):
                if head.pos_ in {"VERB", "AUX"}:
                    parties = self._subjects(head)
                    break
                if head.head.i == head.i:
                    break
                head = head.head
        # "suspended U.S.-brokered talks with the Palestinians": the partner is a party too
        parties += [r for r in self._prep_targets(noun, ("with",)) if r not in parties]
        src = {a.code for r in sources for a in r.actors}
        parties = [r for r in parties if not {a.code for a in r.actors} & src]
        if not parties:
            return None
        return _Found(p, "045", sources, parties, False, 0.7)

    def _reaction(self, n: Any) -> _Found | None:
        """ "launched a rocket, drawing condemnation from Washington": Washington condemns
        North Korea, the party whose act drew the reaction."""
        verb = n.head
        if n.dep_ == "pobj" and verb.lower_ == "with":
            verb = verb.head  # "was met with protests from Beijing"
        elif n.dep_ not in {"dobj", "obj"}:
            return None
        if _lemma(verb) not in self.lex.reaction_verbs:
            return None
        preps = ("from", "in") if n.lower_ in self.lex.reactions_felt_in else ("from",)
        sources = self._prep_targets(n, preps, nested=False) or self._prep_targets(
            verb, preps, nested=False
        )
        if not sources:
            return None
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            # "Addis Ababa's deal with Somaliland drew a furious response from Mogadishu"
            causes = self._refs_of(subj) or self._modifier_refs(subj)
        elif verb.tag_ == "VBG":  # "..., drawing condemnation from": the clause's subject
            clause = verb
            while clause.dep_ == "advcl" and clause.head.dep_ == "relcl":
                # "... arresting Palestinians who had barricaded themselves inside, drawing
                # condemnation from Jordan": the parser hangs the reaction on the relative
                # clause; it answers the main one
                clause = _clause_of(clause.head.head) or clause.head.head
            causes = self._subjects(clause)
        else:
            return None
        own = {a.country or a.code for r in sources for a in r.actors}
        targets = [r for r in causes if not {a.country or a.code for a in r.actors} & own]
        if not targets:
            return None
        self.consumed.add(n.i)
        return _Found(n, self.lex.reaction_nouns[n.lower_], sources, targets, False, 0.7)

    def _agreed_to(self, v: Any) -> list[_Found]:
        """ "Armenia and Azerbaijan agreed to a ceasefire": an asserted intent (0356) and the
        act agreed to, as future; the same two records as "agreed to observe a ceasefire"."""
        for c in v.children:
            if c.dep_ != "prep" or c.lower_ != "to":
                continue
            for noun in (p for p in c.children if p.dep_ == "pobj"):
                if noun.i in self.consumed:
                    continue
                nsense = self._noun_sense(noun, light=True)
                if nsense is None:
                    continue
                code = self._refine_noun_code(noun, nsense)
                intent = INTENT_CODES.get(code) or INTENT_BY_ROOT.get(code[:2])
                if intent is None:
                    continue
                sources = self._subjects(v)
                targets = self._prep_targets(v, ("with",)) or self._prep_targets(
                    noun, ("with", "between")
                )
                if not targets and sum(len(r.actors) for r in sources) < 2:
                    continue
                symmetric = nsense.symmetric
                self.consumed.add(noun.i)
                if code[:2] == "05":  # "agreed to a deal with Israel": the deal is made
                    return [_Found(noun, code, sources, targets, symmetric, 0.7)]
                return [
                    _Found(v, intent, sources, targets, symmetric and not targets, 0.75),
                    _Found(noun, code, sources, targets, symmetric, 0.7, modality="future"),
                ]
        return []

    def _intent(self, f: _Found, triggers: set[int]) -> _Found | None:
        """An asserted intent event for a complement of 'decide', 'agree', 'plan' ..."""
        cur = f.trigger
        if cur.pos_ in {"NOUN", "PROPN"} and cur.head.pos_ == "VERB":
            cur = cur.head
        if not is_infinitive_complement(cur):
            return None
        gov = cur.head
        if _lemma(gov) not in self.lex.grammar.intent_verbs or gov.i in triggers:
            return None
        code = INTENT_CODES.get(f.code) or INTENT_BY_ROOT.get(f.code[:2])
        if code is None:
            return None
        # "India and Pakistan agreed to observe the ceasefire": each intends it towards the
        # other; "Rabat agreed to normalise relations with Israel" is Rabat's intent only.
        symmetric = f.symmetric and not f.targets
        return _Found(gov, code, f.sources, f.targets, symmetric, f.confidence)

    # -- verbs -------------------------------------------------------------------------------

    def _verb_event(self, v: Any) -> _Found | None:
        lemma = _verb_lemma(v, self.lex.verbs, self.lex.light_verbs)
        # a reporting verb is no event of its own, but "announced new sanctions on Russia"
        # is the light use of one: the sanctions are the event
        stop = lemma in self.lex.stop_triggers
        if (stop and lemma not in self.lex.light_verbs) or v.dep_ in {
            "amod",
            "compound",
            "nmod",
            "aux",
            "auxpass",
        }:
            return None
        if (
            lemma in self.lex.grammar.mediation_verbs
            and v.tag_ == "VBN"
            and v.dep_ == "acl"
            and self._mediation(v) is not None
        ):
            return None  # "a ceasefire brokered by Egypt": read by _mediation
        senses = [] if stop else self.lex.verbs.get(lemma, [])
        if not senses and lemma not in self.lex.light_verbs and lemma not in self._verbs_with_nouns:
            return None  # most verbs of a sentence: nothing below can code them
        if lemma == "visit" and (visitor := self._visiting_guest(v)) is not None:
            return visitor
        if lemma in self.lex.grammar.naming_verbs and any(c.dep_ == "oprd" for c in v.children):
            return None  # "called the operation ethnic cleansing": a name, not an appeal
        # "sailors seized by Iranian forces": a participle modifying a noun is passive, and so
        # is a participle clause ("Asked about the decision, Tillerson said ...")
        reduced = v.tag_ == "VBN" and (
            v.dep_ == "acl"
            or (v.dep_ == "advcl" and not any(c.dep_ in {"aux", "auxpass"} for c in v.children))
        )
        passive = reduced or any(
            c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in v.children
        )
        obj = self._object(v)
        if obj is None and passive:
            obj = next((c for c in v.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
            obj = (
                _quantified(obj, self.lex.grammar) or obj
            )  # "thousands of Indian troops were rushed"
        if reduced and obj is None:
            obj = v.head
        obj = _antecedent(obj) or obj
        if obj is None:
            obj = _named_as(
                v, self.lex.grammar
            )  # "dismissing what it called false claims by Yerevan"
        if obj is None and v.dep_ == "relcl" and _object_gap(v):
            obj = v.head  # "the vessels it seized", "the treaty they signed"
        comp = next((c for c in v.children if c.dep_ == "xcomp"), None)
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        adv_particle = next((c.lower_ for c in v.children if c.dep_ in {"advmod", "prt"}), None)
        thing = {
            _lemma(obj) if obj is not None else None,
            _lemma(comp) if comp is not None else None,
            obj.lower_ if obj is not None else None,
        }
        # "took Israeli athletes hostage": a predicative complement names the act
        thing |= {c.lower_ for c in v.children if c.dep_ in {"oprd", "npadvmod", "advmod", "acomp"}}
        if obj is not None:
            thing |= {c.lower_ for c in obj.children if c.dep_ in {"oprd", "npadvmod", "appos"}}
            ref = self.token_refs.get(obj.i)
            if ref is not None and _mention_kind(ref, self) == "capital":
                thing.add("capital")  # "the Taliban seized Kabul": the city, not the state
            if self._places_of(obj):
                thing.add("territory")  # "Israel captured the Golan Heights"

        def fits(sense: VerbSense) -> bool:
            if sense.particle and sense.particle not in (particle, adv_particle):
                return False
            if sense.objects and not (thing & sense.objects):
                return False
            if sense.prep_objects and not any(
                # "on a war footing" is sometimes parsed with "footing" as a modifier
                _lemma(p) in sense.prep_objects
                or any(
                    _lemma(x) in sense.prep_objects
                    for x in p.children
                    if x.dep_ in {"amod", "compound"}
                )
                for c in v.children
                if c.dep_ == "prep" and c.lower_ == sense.prep
                for p in c.children
                if p.dep_ == "pobj"
            ):
                return False
            return not (
                sense.prep
                and not any(c.dep_ == "prep" and c.lower_ == sense.prep for c in v.children)
                # "called for Iran to release the sailors": "for" opens a clause
                and not any(
                    m.dep_ == "mark" and m.lower_ == sense.prep
                    for c in v.children
                    if c.dep_ in {"advcl", "ccomp"}
                    for m in c.children
                )
            )

        # Specific senses (with an object or particle) first, then "verb + event noun"
        # ("offered condolences", "held talks"), then the verb's general senses.
        for sense in senses:
            if (sense.objects or sense.particle or sense.prep_objects) and fits(sense):
                if sense.code == NO_EVENT:
                    return None
                found = self._verb_found(v, sense, obj, passive)
                if found is None and sense.subject_sectors is not None:
                    continue  # a sense for other subjects: try the next
                if sense.prep_objects:  # "on a war footing": no war of its own
                    self.consumed.update(
                        t.i
                        for c in v.children
                        if c.dep_ == "prep" and c.lower_ == sense.prep
                        for t in c.subtree
                    )
                return found
        if lemma in self.lex.grammar.supply_verbs and obj is not None and self._refs_of(obj):
            # "provide Bangladesh with loans", "supply Kiev with tanks": the object is the target
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            noun, nsense = self._event_noun(p, light=True, verb=lemma)
                            if nsense is None and any(
                                # "supplied Egypt with MiG fighters, tanks and missiles"
                                _lemma(x) in self.lex.grammar.arms_words
                                for x in (p, *p.conjuncts)
                            ):
                                nsense = NounSense("072")
                            if nsense is not None:
                                found = self._light_found(v, noun, nsense, passive, verb=lemma)
                                if found is not None:
                                    found.targets = self._refs_of(obj)
                                    # the verb's truth is the act's: "accused Iran of
                                    # supplying Russia with drones" is alleged
                                    found.modality = found.modality or self.coder.modality.of(v)
                                return found
        if lemma in self.lex.light_verbs or lemma in _LIGHT_TOO:
            noun = self._light_object(v, obj)
            if noun is not None:
                noun, nsense = self._event_noun(noun, light=True, verb=lemma)
                if nsense is not None:
                    return self._light_found(v, noun, nsense, passive, verb=lemma)
            # "deposited $3 billion in Egypt's central bank": the sum itself, not where it went
            raw = next((c for c in v.children if c.dep_ in {"dobj", "obj"}), None)
            if raw is not None and raw is not obj:
                noun, nsense = self._event_noun(raw, light=True, verb=lemma)
                if nsense is not None:
                    return self._light_found(v, noun, nsense, passive, verb=lemma)
        for sense in senses:
            if not (sense.objects or sense.particle or sense.prep_objects) and fits(sense):
                found = self._verb_found(v, sense, obj, passive)
                if found is not None or sense.subject_sectors is None:
                    return found
                # a sense for other subjects ("blocked" by troops is a blockade): try the next
        return None

    def _visiting_guest(self, v: Any) -> _Found | None:
        """ "Xi told visiting U.S. President Donald Trump": the parser often takes "visiting"
        for a verb whose object is the guest; the guest visits the host who is the subject."""
        if not (v.tag_ == "VBG" and v.dep_ in {"xcomp", "advcl", "dobj", "pobj", "pcomp"}):
            return None
        guest = next((c for c in v.children if c.dep_ == "dobj"), None)
        if guest is None or guest.left_edge.i != v.i + 1 or guest.pos_ not in {"PROPN", "NOUN"}:
            return None
        if v.i == 0 or any(c.dep_ in {"aux", "nsubj", "mark", "advmod"} for c in v.children):
            return None  # "Visiting Seoul, Trump said", "when visiting Myanmar"
        sources = self._refs_of(guest)
        if any(_mention_kind(r, self) in {"country", "alias", "capital"} for r in sources):
            return None  # a place is visited, not a guest
        if guest.pos_ == "NOUN" and not all(a.sector for r in sources for a in r.actors):
            return None  # "visiting Japanese ports": no guests
        # "told a delegation of visiting Japanese lawmakers": the host is who tells
        clause = next((a for a in v.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        hosts = self._subjects(clause) if clause is not None else []
        if not sources or not hosts:
            return None
        guests = {a.country for r in sources for a in r.actors}
        hosts = [r for r in hosts if not {a.country for a in r.actors} & guests]
        return _Found(v, "042", sources, hosts, False, 0.7) if hosts else None

    def _adjective_event(self, adj: Any) -> _Found | None:
        """'X was optimistic about talks with Y'; 'X is ready to meet Y' (an intent)."""
        sense = self.lex.adjectives[_lemma(adj)]
        head = adj.head if adj.dep_ in {"acomp", "xcomp", "conj", "oprd"} else adj
        if head.pos_ not in {"AUX", "VERB"} and adj.dep_ != "ROOT":
            return None
        sources = self._subjects(head if adj.dep_ != "ROOT" else adj)
        if not sources:
            return None
        if sense.intent:
            comp = next((c for c in adj.children if c.dep_ == "xcomp"), None)
            if comp is None:
                return None
            inner = None
            for t in comp.subtree:
                if t.pos_ == "VERB" and t.dep_ not in {"amod", "compound"}:
                    inner = self._verb_event(t)
                    if inner is not None:
                        break
            if inner is None:
                return None
            code = INTENT_CODES.get(inner.code) or INTENT_BY_ROOT.get(inner.code[:2]) or "030"
            return _Found(adj, code, sources, inner.targets, False, 0.75)
        targets = self._prep_targets(adj, sense.targets)
        if not targets and sense.code[:2] == "01":
            # "pessimistic that Eritrea would ever agree": about the clause's subject
            own = {a.country or a.code for r in sources for a in r.actors}
            targets = [
                r
                for c in adj.doc
                # the clause right after the adjective, wherever the parser hung it
                if c.dep_ == "ccomp" and c.left_edge.i == adj.i + 1
                for s_ in c.children
                if s_.dep_ in SUBJECT_DEPS
                for r in self._refs_of(s_)
                if not {a.country or a.code for a in r.actors} & own
            ]
        if not targets:
            return None
        return _Found(adj, sense.code, sources, targets, False, 0.75)

    def _event_noun(
        self, noun: Any, light: bool = False, verb: str | None = None
    ) -> tuple[Any, NounSense | None]:
        """The event a noun names, looking through containers ("a message of sympathy")."""
        nsense = self._noun_sense(noun, light=light, verb=verb)
        if nsense is None and _lemma(noun) in self.lex.grammar.container_nouns:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            inner = self._noun_sense(p, light=True, verb=verb)
                            if inner is not None:
                                self.consumed.add(noun.i)
                                return p, inner
        return noun, nsense

    def _verb_found(self, v: Any, sense: VerbSense, obj: Any, passive: bool) -> _Found | None:
        subjects = self._subjects(v)
        agent = self._agent(v)
        sources: list[Ref]
        targets: list[Ref] = []
        if (
            passive
            and not agent
            and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in v.children)
            and _orphan_subject(v) is not None
        ):
            passive = False  # "and the United States was allied with Pakistan" (stative)
            sources = subjects
        if passive and not agent:
            between = self._prep_targets(v, ("between", "among"))
            if sum(len(r.actors) for r in between) > 1:
                return _Found(v, sense.code, between, [], True, 0.7)
        if passive and not agent and sense.symmetric:
            # "an alliance between Russia and North Korea is being negotiated"
            for t in v.children:
                if t.dep_ in PASSIVE_SUBJECT_DEPS:
                    between = self._prep_targets(t, ("between", "among"))
                    if between:
                        return _Found(v, sense.code, between, [], True, 0.75)
        if passive:
            sources = agent
            patient = [self._refs_of(t) for t in v.children if t.dep_ in PASSIVE_SUBJECT_DEPS]
            targets = [r for rs in patient for r in rs] or self._subjects(v, passive_ok=True)
            # "deals brokered by Russia and Iran": the deals stand for their brokers, who are
            # not their own patients
            targets = [r for r in targets if r not in agent]
            if not targets and v.dep_ == "acl" and _lemma(v.head) in self.lex.grammar.summary_nouns:
                # "Thailand deported them to China, a move condemned by the United States"
                clause = v.head.head
                if clause.pos_ in {"VERB", "AUX"} and v.head.i > clause.i:
                    targets = [r for r in self._subjects(clause) if r not in agent]
            if (
                not agent
                and sense.objects
                and obj is not None
                and (_lemma(obj) in sense.objects or obj.lower_ in sense.objects)
                and targets
            ):
                # "Indian troops were rushed to the border with China": India moved them
                sources, targets = targets, self._prep_targets(v, sense.targets)
        else:
            sources = subjects
        owners = self._event_owners(obj, sources) if obj is not None and not passive else []
        if obj is not None and not passive and sources:
            self._rebutted_claim(v, obj, sources)
        if obj is not None and not owners:
            self.consumed.add(obj.i)
            self.consumed.update(c.i for c in obj.conjuncts)
        elif obj is not None:
            # "Hungary will block EU sanctions on Russia": the sanctions stay the EU's event,
            # aimed at its own target, never at the party reacting to it
            self.owned_objects.add(obj.i)
        if (
            obj is not None
            and obj.lower_ in {"other", "another"}
            and any(c.lower_ in {"each", "one"} for c in obj.children)
            and sum(len(r.actors) for r in sources) > 1
        ):
            # "Ukraine and Russia accused each other of ...": one event each way
            return _Found(v, sense.code, sources, [], True, 0.8)
        multi_source = sense.symmetric and sum(len(r.actors) for r in sources) > 1
        if not targets and multi_source:
            # "A and B signed a deal at the White House": only "with"/"between" add a party,
            # on the verb or on its object ("severed diplomatic ties with Doha")
            targets = self._prep_targets(v, ("with", "between")) or (
                self._prep_targets(obj, ("with",), nested=False)
                if obj is not None and sense.one_way
                else []
            )
        elif not targets and sense.theme:
            src_codes = {a.code for r in sources for a in r.actors}
            targets = [
                r
                for r in self._prep_targets(v, sense.targets)
                if not {a.code for a in r.actors} <= src_codes
            ]
            for o in (c for c in v.children if c.dep_ in {"dobj", "obj"}):
                # "extradited a Rwandan genocide suspect to Kigali" (two objects in the parse)
                targets = targets or self._prep_targets(o, sense.targets)
            if not targets and sense.prep_objects:
                # "sent troops to its border with Colombia": past the source's own place
                targets = [
                    r
                    for r in self._beyond_own(v, sense.targets)
                    if not {a.code for a in r.actors} <= src_codes
                ]
        elif not targets:
            if sense.objects:
                src_codes = {a.code for r in sources for a in r.actors}
                src_states = {a.country for r in sources for a in r.actors if a.country}

                def foreign(refs: list[Ref]) -> list[Ref]:
                    return [r for r in refs if not {a.country for a in r.actors} <= src_states]

                targets = (
                    (
                        self._prep_targets(v, sense.targets)
                        if not src_states
                        # "moved troops towards its border with Ukraine": past its own place
                        else foreign(self._prep_targets(v, sense.targets))
                        or foreign(self._beyond_own(v, sense.targets))
                    )
                    # "blocked EU sanctions on Russia": aimed at the sanctions' owner
                    or owners
                    # "dismissed what it called claims by Yerevan"
                    or (
                        self._prep_targets(obj.head, sense.targets)
                        if obj is not None and obj.dep_ == "oprd"
                        else []
                    )
                    or (self._prep_targets(obj, sense.targets) if obj is not None else [])
                    or (
                        [
                            r
                            for r in self._modifier_refs(obj)
                            if not {a.code for a in r.actors} <= src_codes
                        ]
                        if obj is not None
                        else []
                    )
                    or [
                        # "denied any role in the attack on the Indian parliament"
                        r
                        for r in self._role_event_parties(v, obj)
                        if not {a.code for a in r.actors} <= src_codes
                    ]
                    or [
                        # "seized Kabul": the city's state is the target
                        r
                        for r in self._refs_of(obj)
                        if _mention_kind(r, self) == "capital"
                        and not {a.code for a in r.actors} <= src_codes
                    ]
                )
            else:
                src_codes = {a.code for r in sources for a in r.actors}

                src_countries = {a.country for r in sources for a in r.actors if a.country}

                def others(refs: list[Ref]) -> list[Ref]:
                    # not the source itself, nor its own organs ("put its troops on alert")
                    return [
                        r
                        for r in refs
                        if not {a.code for a in r.actors} <= src_codes
                        and not (src_countries and {a.country for a in r.actors} <= src_countries)
                        and not all(_bare(a) for a in r.actors)
                    ]

                direct = others(self._refs_of(obj)) if obj is not None else []
                # "condemned joint drills by Japanese and American warships"
                direct = direct or others(owners)
                if not direct and obj is not None:
                    direct = others(self._prep_targets(obj, sense.targets)) or others(
                        self._modifier_refs(obj)
                    )
                targets = (
                    direct
                    or others(self._prep_targets(v, sense.targets))
                    or (others(self._nested_refs(obj, 2)) if obj is not None else [])
                    # "mobilised troops on its border with Syria": past the source's own place
                    or others(self._beyond_own(v, sense.targets))
                )
        if not targets and not passive:
            # "threatened to attack Y", "offered to help Y": the target of the complement
            own = {a.code for r in sources for a in r.actors}

            def foreign(refs: list[Ref]) -> list[Ref]:
                # "refused to ease its embargo on Cuba": not its own
                return [r for r in refs if not {a.code for a in r.actors} <= own]

            for c in v.children:
                if (
                    sense.code[:2] in {"02", "10"}
                    and c.dep_ in {"advcl", "ccomp", "xcomp"}
                    and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                ):
                    # "appealed for Saudi Arabia to list its shares": the one asked to act
                    targets = foreign(
                        [r for x in c.children if x.dep_ == "nsubj" for r in self._refs_of(x)]
                    )
                    if targets:
                        break
                if sense.code[:2] in {"02", "10"} and obj is not None:
                    # "asked the watchdog to audit a trip to Morocco": the one asked is the
                    # target, and it names no state
                    break
                if c.dep_ == "xcomp" and c.pos_ == "VERB":
                    cobj = self._object(c)
                    targets = (
                        foreign(self._refs_of(cobj) if cobj is not None else [])
                        or foreign(self._prep_targets(c, self.lex.default_targets + ("between",)))
                        or foreign(self._nested_refs(c, 2))
                        or (foreign(self._nested_refs(cobj, 2)) if cobj is not None else [])
                    )
                    if targets:
                        break
        if not targets and sense.code[:2] in {"02", "10", "11", "12", "13"}:
            # "X alleges (that) Y supplied ...": the accusation is aimed at Y
            src_codes = {a.code for r in sources for a in r.actors}
            src_countries = {a.country for r in sources for a in r.actors}
            for c in v.children:
                if c.dep_ == "ccomp" or (c.dep_ == "parataxis"):
                    targets = [
                        r
                        for s_ in c.children
                        if s_.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                        for r in self._refs_of(s_)
                    ]
                    if targets and {a.country for r in targets for a in r.actors} <= src_countries:
                        # "warned that Rabat could sever relations with Berlin": a threat to
                        # do something to Berlin
                        cobj = self._object(c)
                        conditions = [
                            r
                            for a in c.children
                            if a.dep_ == "advcl"
                            and any(m.lower_ in {"if", "unless"} for m in a.children)
                            for s_ in a.children
                            if s_.dep_ in SUBJECT_DEPS
                            for r in self._refs_of(s_)
                        ]
                        targets = [
                            r
                            for r in (
                                (self._refs_of(cobj) if cobj is not None else [])
                                or self._prep_targets(c, self.lex.default_targets)
                                or conditions
                                or self._nested_refs(c, 2)
                            )
                            if not {a.code for a in r.actors} <= src_codes
                        ]
                    if targets:
                        break
            if not targets and v.dep_ in {"parataxis", "ccomp"} and v.head.i != v.i:
                targets = [
                    r
                    for s_ in v.head.children
                    if s_.dep_ in SUBJECT_DEPS
                    for r in self._refs_of(s_)
                ]
        if not targets and not passive and sense.code[:2] == "15":
            targets = self._posture_target(v, sources)
        if not targets and not sense.symmetric and self._terrain_code(sense.code):
            patients = [c for c in v.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            targets = self._terrain_targets(sources, patients if passive else [obj], [v, obj])
        if not targets and not passive and sense.code[:2] == "09" and obj is not None:
            targets = self._matter_refs(obj, sources)
        if sense.reverse:
            sources, targets = targets, sources
        if not sources:
            return None
        if sense.subject_sectors is not None and not any(
            a.sector in sense.subject_sectors for r in sources for a in r.actors
        ):
            return None
        # "Egypt broke off relations with Britain": one act, by Egypt; "Egypt and Britain broke
        # off relations": one each way
        symmetric = sense.symmetric and not (sense.one_way and targets)
        return _Found(v, sense.code, sources, targets, symmetric, 0.85)

    def _light_found(
        self, v: Any, noun: Any, nsense: NounSense, passive: bool, verb: str | None = None
    ) -> _Found | None:
        code = nsense.verbs.get(verb or "") or self._refine_noun_code(noun, nsense)
        self.consumed.add(noun.i)
        sources = self._agent(v) if passive else self._subjects(v)
        preps = self.lex.default_targets + ("between", "for") + nsense.targets
        if nsense.symmetric and sum(len(r.actors) for r in sources) > 1:
            # "India, Japan and the US began naval exercises ... to irritate Beijing": a joint
            # act of its subjects; only "with" or "between" adds a party
            preps = ("with", "between")
        targets = (
            self._prep_targets(noun, preps)
            # "had an exchange of views with Trump": the parser hangs the party on the views
            or [
                r
                for o in _of_object_tokens(noun)
                if _lemma(o) in nsense.objects_code
                for r in self._prep_targets(o, ("with",))
            ]
            or self._prep_targets(
                v, tuple(p for p in self.lex.default_targets + nsense.targets if p in preps)
            )
        )
        code, targets = self._prep_code(noun, nsense, code, targets)
        if code != nsense.code and code[:2] == "15":
            nsense = NounSense(code)  # a show of force is one-sided
        mods = self._modifier_refs(noun)
        if not sources and mods:
            sources, mods = mods[:1], mods[1:]
        if not sources:
            return None
        if not targets:
            src_codes = {a.code for r in sources for a in r.actors}
            targets = [r for r in mods if not {a.code for a in r.actors} <= src_codes]
        if not targets and code[:2] == "09":
            targets = self._matter_refs(noun, sources)
        if not targets and not nsense.symmetric and self._terrain_code(code):
            targets = self._terrain_targets(sources, [], [noun, v])  # "carried out raids in Syria"
        return _Found(noun, code, sources, targets, nsense.symmetric, 0.8)

    def _matter_refs(self, tok: Any, sources: list[Ref]) -> list[Ref]:
        """What an investigation looks into belongs to the first state named in its phrase:
        'traces of uranium found at sites in Iran', 'vehicles imported from China'."""
        own = {a.code for r in sources for a in r.actors}
        own_countries = {a.country for r in sources for a in r.actors if a.country}
        # nearest the head first: "the Pakistan-based Jaish-e-Mohammed group" is the group's
        queue = list(tok.children)
        while queue:
            t = queue.pop(0)
            queue.extend(t.children)
            if t.i not in self.token_refs:
                continue
            r = self.token_refs[t.i]
            if (
                not {a.code for a in r.actors} & own
                and not {a.country for a in r.actors} & own_countries
                and not all(_bare(a) for a in r.actors)
            ):
                return [r]
        return []

    # -- nouns -------------------------------------------------------------------------------

    def _noun_sense(
        self, tok: Any, light: bool = False, verb: str | None = None
    ) -> NounSense | None:
        senses = self.lex.nouns.get(tok.lower_) or self.lex.nouns.get(_lemma(tok)) or []
        if not senses:
            return None
        words = {
            c.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}
        }
        words |= {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
        for s in senses:
            if s.compound and s.compound not in words:
                continue
            if (
                s.light_only
                and not light
                and not (words & self.lex.grammar.prospective_modifiers)
                # "the 1979 peace treaty between Egypt and Israel": a concluded agreement
                and not (s.code == "057" and _has_prep(tok, ("between",)))
            ):
                continue
            if s.only_verbs and verb not in s.only_verbs:
                continue
            # "an exchange of prisoners" names its kind in the of-object instead
            if (
                s.modifiers
                and not light
                and not (words & s.modifiers)
                and not (s.objects_code and set(_of_objects(tok)) & set(s.objects_code))
                and not _has_prep(tok, tuple(s.modifier_preps))
            ):
                continue
            return None if s.code == NO_EVENT else s
        return None

    def _refine_noun_code(self, tok: Any, s: NounSense) -> str:
        words = {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
        for w, code in s.modifiers_code.items():
            if w in words:
                return code
        of = next((w for w in _of_objects(tok) if w in s.objects_code), None)
        return s.objects_code[of] if of is not None else s.code

    def _behind(self, n: Any) -> list[Ref]:
        """Who "was behind" an act did it: "Russian officers were behind the explosion",
        "accused Israel of being behind the attack", "Islamic State said it was behind the
        bombing" (the reporter, named, not the pronoun)."""
        if not (n.dep_ == "pobj" and n.head.lower_ == "behind" and _lemma(n.head.head) == "be"):
            return []
        be = n.head.head
        if (
            be.dep_ == "pcomp"
            and be.head.lower_ == "of"
            and _lemma(be.head.head) in self.lex.grammar.object_control_verbs
        ):
            accused = self._object(be.head.head)
            return self._refs_of(accused) if accused is not None else []
        subjects = [c for c in be.children if c.dep_ in SUBJECT_DEPS]
        if (
            len(subjects) == 1
            and subjects[0].pos_ == "PRON"
            and be.dep_ == "ccomp"
            and _lemma(be.head) in self.lex.grammar.reporting_verbs
        ):
            named = self._subjects(be.head)
            if named and all(not r.resolved for r in named):
                return named
        return self._subjects(be)

    def _tie_partners(self, f: _Found) -> list[Ref]:
        """Ties broken with no partner named are with the other state of their pair or of the
        sentence: "ties between Rabat and Algiers, which Algeria severed"; "Chile and Bolivia
        have had no relations since 1978, when La Paz broke off ties"."""
        verb = f.trigger
        if verb.pos_ != "VERB":
            return []
        ties = self._object(verb)
        if verb.dep_ == "relcl" and (ties is None or ties.lower_ in RELATIVE_PRONOUNS):
            ties = verb.head  # "ties between Rabat and Algiers, which Algeria severed"
        if ties is None or _lemma(ties) not in self.lex.relation_subject_nouns:
            return []
        own = {a.country for r in f.sources for a in r.actors}
        if len(own) != 1 or None in own:
            return []  # one state breaks ties
        pool = self._prep_targets(ties, ("between",)) or list(self.token_refs.values())
        others: dict[str, Ref] = {}
        for r in pool:
            countries = {a.country for a in r.actors}
            if len(countries) == 1 and None not in countries and not countries & own:
                others.setdefault(next(iter(countries)), r)
        return list(others.values()) if len(others) == 1 else []

    def _act_undone(self, n: Any) -> _Found | None:
        """What a party is asked or refuses to lift, cancel or end is its own act, in
        force: "urged the United States to lift sanctions imposed on Harare", "demanded that
        Washington cancel an arms sale to Taiwan", "refused to ease its embargo on Cuba".
        What a party has lifted is coded only where the sentence says it was imposed ("the
        ban it imposed last August"): "lifted sanctions on Cuba" says nothing of when they
        were, and the lifting is coded already."""
        verb = n.head
        if n.dep_ not in {"dobj", "obj"} or _lemma(verb) not in (
            self.lex.scene["lifting_verbs"] | self.lex.scene["ending_verbs"]
        ):
            return None
        sense = self._noun_sense(n, light=True, verb=_lemma(verb))  # like "impose a ban"
        if sense is None or sense.symmetric:
            return None
        code = self._refine_noun_code(n, sense)
        if code[:2] not in UNDONE_ROOTS:
            return None
        # "sanctions imposed on Harare", "the ban it imposed last August"
        stated = next(
            (c for c in n.children if c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ == "VBN")),
            None,
        )
        asked = verb.dep_ in {"xcomp", "ccomp"} and any(
            v.code[:2] in {"02", "10"} for v in self.lex.verbs.get(_lemma(verb.head), ())
        )
        if stated is None and not asked and self.coder.modality.of(verb) != "negated":
            # lifted, or perhaps to be lifted ("would lift some sanctions if ..."): the
            # lifting is the news
            return None
        # "its embargo", "U.S. sanctions", "a ban imposed by Trump": the doer named
        doers = [r for c in n.children if c.dep_ == "poss" for r in self._refs_of(c)]
        doers = doers or self._modifier_refs(n)
        doers = doers or (self._agent(stated) if stated is not None else [])
        if doers:
            pass
        elif is_infinitive_complement(verb) and _lemma(
            verb.head
        ) in self.lex.grammar.object_control_verbs | {"appeal"}:
            obj = self._addressee(verb.head)  # the one urged to lift them
            doers = self._refs_of(obj) if obj is not None else []
        else:
            doers = self._subjects(verb)
        if not doers:
            return None
        preps = ("on", "against", "to", *sense.targets)
        targets = self._prep_targets(stated, ("on", "against")) if stated is not None else []
        targets = targets or self._prep_targets(n, preps)
        if not targets:
            return None
        if stated is not None:  # dated by the clause that says it was done
            return _Found(stated, code, doers, targets, False, 0.7, modality="asserted")
        # in force when the sentence was written, whenever the lifting is to come
        now = document_date(self.doc.date)
        return _Found(n, code, doers, targets, False, 0.7, modality="asserted", date=now)

    def _noun_event(self, n: Any) -> _Found | None:
        if n.dep_ == "compound":
            return None
        n, s = self._event_noun(n)
        if s is None:
            return None
        code = self._refine_noun_code(n, s)
        poss = [r for c in n.children if c.dep_ == "poss" for r in self._refs_of(c)]
        agent = self._noun_agents(n)
        between = self._prep_targets(n, ("between", "among"))
        mods = [r for r in self._modifier_refs(n) if r not in poss]
        preps = ("with", "to", "against", "on", "of", "toward", "towards", "into", "over", "at")
        if s.symmetric and code[:2] == "04":
            # "talks on trade and North Korea": what a meeting is about is no party to it
            preps = tuple(p for p in preps if p not in TOPIC_PREPS)
        targets = self._prep_targets(n, preps + s.targets)
        code, targets = self._prep_code(n, s, code, targets)
        if not targets and code[:2] == "04":
            # "Tillerson's trip will take him to Vienna", "a trip that takes him to Paris"
            carriers = [n.head] if n.dep_ in SUBJECT_DEPS else []
            carriers += [c for c in n.children if c.dep_ == "relcl"]
            targets = [
                r
                for v in carriers
                if _lemma(v) in {"take", "bring", "lead"}
                for r in self._prep_targets(v, ("to",))
            ]
        sources: list[Ref] = poss or agent
        modality = None
        if not sources and (sources := self._behind(n)):
            # "accused Israel of being behind the attack": as sure as the clause that says so
            modality = self.coder.modality.of(n.head.head)
        role = _role_over(n, self.lex.grammar) if not sources else None
        if role is not None:
            # "investigating Iran's alleged role in the 1994 bombing": Iran is the bomber
            sources = self._role_holders(role)
            if sources and (
                _lemma(role.head) in self.lex.grammar.doubting_verbs
                or any(c.lower_ in {"alleged", "suspected", "possible"} for c in role.children)
            ):
                modality = "alleged"
        if (
            not sources
            and n.dep_ == "pobj"
            and n.head.lower_ == "for"
            and _lemma(n.head.head) in {"responsibility", "credit"}
        ):
            # "Al-Shabaab claimed responsibility for the bombing of a Kenyan convoy"
            sources = self._subjects(n.head.head.head) if n.head.head.head.pos_ == "VERB" else []
        if (
            not sources
            and targets
            and n.dep_ == "pobj"
            and n.head.lower_ == "with"
            and not s.symmetric
            and (doer := _instrument_verb(n.head)) is not None
        ):
            # "Trump sparked outrage with a sharp rebuke of May": the act is the subject's
            sources = self._subjects(doer)
        if (
            not sources
            and n.dep_ == "pobj"
            and n.head.dep_ == "prep"
            and n.head.lower_ in {"for", "of", "over", "about"}
            and _lemma(n.head.head) in self.lex.grammar.object_control_verbs
        ):
            # "accused Britain and France of aggression against Egypt"
            gov = n.head.head
            obj = self._object(gov)
            sources = self._refs_of(obj) if obj is not None else []
        symmetric = s.symmetric
        if between:
            sources = between
            symmetric = True
            targets = []
        elif not sources and mods:
            multi = [r for r in mods if len(r.actors) > 1]
            joint = self._coordinated_refs(mods)
            if multi and not targets:
                sources = multi[:1]
                symmetric = True
            elif len(joint) > 1 and not symmetric:
                # "U.S. and European Union sanctions": both impose them
                sources = joint
            else:
                sources = mods[:1]
                if not targets:
                    targets = mods[1:]
        if not sources and not targets and symmetric and n.dep_ in SUBJECT_DEPS:
            # "war broke out between India and Pakistan"
            between = self._prep_targets(n.head, ("between", "among"))
            if between:
                sources, targets = between, []
        if not sources and n.dep_ == "pobj" and n.head.lower_ == "of":
            offer = n.head.head
            if _lemma(offer) in self.lex.grammar.intent_nouns:
                # "Seoul's offer of talks", "the Iranian offer of talks with the IAEA"
                sources = [
                    r for c in offer.children if c.dep_ == "poss" for r in self._refs_of(c)
                ] or self._modifier_refs(offer)
        if not sources and symmetric and targets:
            # "after the first round of talks with China, India said ...": the clause subject
            # is the other party of a joint event.
            sources = self._governing_subject(n, targets)
        # "in a second round of talks": the container stands where the talks do
        spot = (
            n.head.head
            if n.head.lower_ == "of" and _lemma(n.head.head) in self.lex.grammar.container_nouns
            else n
        )
        if (
            not sources
            and not targets
            and symmetric
            and spot.dep_ == "pobj"
            and spot.head.head.pos_ in {"VERB", "AUX"}
            and (
                (
                    spot.head.lower_ in {"in", "into"}
                    and _lemma(spot.head.head) in {"be", "remain", "enter", "engage", "stay"}
                )
                or spot.head.lower_ in {"in", "during", "after", "at"}
            )
        ):
            # "the United States and Saudi Arabia have been in talks since 2012"; "in a
            # second round of talks, Pence and Aso failed to bridge differences" (when no
            # one else is named, the subjects held them together)
            joint = self._subjects(spot.head.head)
            named = {a.code for r in self.token_refs.values() for a in r.actors}
            if sum(len(r.actors) for r in joint) > 1 and named <= {
                a.code for r in joint for a in r.actors
            }:
                sources = joint
            elif (
                spot.head.lower_ in {"during", "at"}
                and sum(len(r.actors) for r in joint) == 1
                and code[:2] == "04"
                and _lemma(spot.head.head)
                in self.lex.grammar.reporting_verbs | self.lex.grammar.addressing_verbs
            ):
                # "Cuba told senior U.S. officials during talks in Havana": the speaker and
                # the one told held them
                told = [
                    r
                    for c in spot.head.head.children
                    if c.dep_ in {"dobj", "dative"}
                    for r in self._refs_of(c)
                ]
                own = {a.country for r in joint for a in r.actors}
                if told and not {a.country for r in told for a in r.actors} & own:
                    sources, targets = joint, told
        if (
            not sources
            and targets
            and n.dep_ == "pobj"
            and (n.head.lower_ == "on" or (n.head.lower_ in {"during", "in"} and code[:2] == "04"))
        ):
            # "Mattis, on a one-day visit to Pakistan, said": the visitor is who is on it;
            # "praised Finland during a visit to Helsinki" likewise
            holder = n.head.head
            sources = (
                self._refs_of(holder)
                if holder.pos_ in {"NOUN", "PROPN"}
                else self._governing_subject(n, targets)
            )
        if not sources and lookup(code).quad_class == 4:
            # "shelling from Syrian government forces", "fire from Indian positions"
            sources = self._prep_targets(n, ("from",), nested=False)
        if not sources:
            return None
        if (
            code == s.code == "183"  # "a bomb attack" is no air raid, whoever plants it
            and role is None  # a state's role in a bombing is a role in a terror attack
            and all(
                a.country and a.sector not in NON_STATE_SECTORS for r in sources for a in r.actors
            )
        ):
            code = "195"  # "the Anglo-French bombing of Egypt": a state bombs from the air
        if not targets and not symmetric and lookup(code).quad_class == 4:
            targets = (
                self._casualties(n, sources)
                or self._killed_by(n, sources)
                or self._victims_of(n, sources)
            )
        if not targets and not symmetric and self._terrain_code(code):
            # "Russian air strikes on Aleppo"; "condemned the strikes in Syria", where the
            # parser hangs the place on the verb
            holders = [n, n.head] if n.dep_ in {"dobj", "obj"} else [n]
            targets = self._terrain_targets(sources, [], holders)
        if (
            not targets
            and not (symmetric and sum(len(r.actors) for r in sources) > 1)
            and (lookup(code).quad_class in {1, 3})
            and n.i not in self.owned_objects
        ):
            targets = self._context_target(n, sources)
        return _Found(n, code, sources, targets, symmetric, 0.7, modality=modality)

    def _blamed_act(self, v: Any) -> _Found | None:
        """An act "which X blamed on Y" or "blamed on Y" is Y's, alleged; aimed at what it
        names, else at the X who blames Y (the victim speaking): "the Mumbai attacks, which
        India blamed on Lashkar-e-Taiba" (LeT's attack on India, 180)."""
        if v.dep_ in {"relcl", "acl"}:
            n = v.head
        else:  # "the attack was blamed on Hezbollah", "Israel blamed the attack on Hezbollah"
            n = next((c for c in v.children if c.dep_ in {"nsubjpass", "dobj"}), None)
        culprits = self._prep_targets(v, ("on",), nested=False)
        if n is None or not culprits:
            return None
        # "the poisoning of a spy in Salisbury, which London blamed on Moscow": the parser
        # hangs the clause on the last noun; the act blamed is the event noun above it
        sense = self._noun_sense(n)
        for _ in range(4):
            if sense is not None or n.dep_ != "pobj" or n.head.head.pos_ != "NOUN":
                break
            n = n.head.head
            sense = self._noun_sense(n)
        if sense is None or n.pos_ != "NOUN":
            return None
        code = self._refine_noun_code(n, sense)
        if not "13" <= code[:2] <= "20":
            return None
        if code[:2] == "19":
            code = "180"  # an attack whose author is disputed is no open war: covert violence
        taken = {a.country or a.code for r in culprits for a in r.actors}

        def others(refs: list[Ref]) -> list[Ref]:
            return [r for r in refs if not {a.country or a.code for a in r.actors} & taken]

        named = others(
            self._prep_targets(n, ("on", "against", "in", "of")) + self._modifier_refs(n)
        )
        passive = any(c.dep_ == "nsubjpass" for c in v.children)
        blamers = others(self._agent(v) if passive else self._subjects(v))
        targets = named or blamers
        if not targets:
            return None
        return _Found(n, code, culprits, targets, False, 0.7, modality="alleged")

    def _victims_of(self, n: Any, sources: list[Ref]) -> list[Ref]:
        """ "bombings at Kabul airport, which killed 13 American service members": the dead
        a relative clause names are the attack's target."""
        own = {a.country or a.code for r in sources for a in r.actors}
        # the parser may hang the clause on the place: "bombings at Kabul airport, which ..."
        places = [p for c in n.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for c in (c for x in (n, *places) for c in x.children):
            if c.dep_ != "relcl" or _lemma(c) not in self.lex.casualty_verbs:
                continue
            dead = [
                r
                for o in c.children
                if o.dep_ in {"dobj", "obj"}
                for r in (self._refs_of(o) or self._modifier_refs(o))
            ]
            dead = [r for r in dead if not {a.country or a.code for a in r.actors} <= own]
            if dead:
                return dead
        return []

    def _casualties(self, n: Any, sources: list[Ref]) -> list[Ref]:
        """ "Syrian soldiers were killed in an Israeli air strike": the dead are its target."""
        if not (n.dep_ in {"pobj", "pcomp"} and n.head.lower_ in {"in", "during", "by"}):
            return []
        v = n.head.head
        if v.pos_ != "VERB" or _lemma(v) not in self.lex.casualty_verbs:
            return []
        if v.dep_ == "acl" and v.tag_ == "VBN":
            victims = self._refs_of(v.head)  # "the Americans killed in the attack"
        elif any(c.dep_ == "auxpass" for c in v.children) or _lemma(v) in {"die", "perish"}:
            victims = [
                r
                for c in v.children
                if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                for r in self._refs_of(c)
            ]
        else:
            return []
        return _others_dead(victims, sources)

    def _killed_by(self, n: Any, sources: list[Ref]) -> list[Ref]:
        """ "bombings at Kabul airport, which killed 13 American service members": the dead of
        an attack told in its relative clause are its target."""
        # the parser may hang the clause on the place: "bombings at Kabul airport, which ..."
        places = [
            p
            for c in n.children
            if c.dep_ == "prep" and c.lower_ in {"at", "in", "on", "near"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        victims = [
            r
            for c in (x for h in (n, *places) for x in h.children)
            if c.dep_ == "relcl" and _lemma(c) in self.lex.casualty_verbs
            for o in c.children
            if o.dep_ in {"dobj", "obj"}
            for r in self._refs_of(o)
        ]
        return _others_dead(victims, sources)

    def _beyond_own(self, v: Any, preps: Sequence[str]) -> list[Ref]:
        """Actors nested inside a prepositional object that itself names the subject's own
        place: 'on its border with Syria', 'to the Indian side of the frontier with China'."""
        out: list[Ref] = []
        # the parser may hang the place on the object: "massed thousands of troops along ..."
        holders = [v, *(c for c in v.children if c.dep_ in {"dobj", "obj"})]
        for c in (c for h in holders for c in h.children):
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self._nested_refs(p, 2))
        return out

    def _role_event_parties(self, v: Any, obj: Any) -> list[Ref]:
        """The parties named in the event of 'a role in <event>' (object ``obj`` of ``v``)."""
        if obj is None or _lemma(obj) not in self.lex.grammar.role_nouns:
            return []
        for holder in (obj, v):
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return (
                                self._refs_of(p)
                                or self._modifier_refs(p)
                                or self._nested_refs(p, 2)
                            )
        return []

    def _role_holders(self, role: Any) -> list[Ref]:
        """Who has the role: 'Iran's role', 'the role of Russian officers'."""
        refs = [r for c in role.children if c.dep_ == "poss" for r in self._refs_of(c)]
        if not refs:
            for c in role.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    refs = [r for p in c.children if p.dep_ == "pobj" for r in self._refs_of(p)]
        return refs or self._modifier_refs(role)

    def _prep_code(
        self, n: Any, s: NounSense, code: str, targets: list[Ref]
    ) -> tuple[str, list[Ref]]:
        """'drills around Taiwan' is a show of force, 'drills with Taiwan' cooperation."""
        for prep, pcode in s.preps_code.items():
            hit = self._prep_targets(n, (prep,))
            if hit:
                return pcode, hit
        return code, targets

    def _governing_subject(self, n: Any, others: list[Ref]) -> list[Ref]:
        taken = {a.code for r in others for a in r.actors}
        head = n.head
        for _ in range(5):
            if head.pos_ in {"VERB", "AUX"} or (
                head.pos_ == "ADJ" and head.dep_ in {"acomp", "ROOT"}
            ):
                subj = self._subjects(head if head.pos_ != "ADJ" else head.head, passive_ok=True)
                return [r for r in subj if not {a.code for a in r.actors} & taken]
            if head.head.i == head.i:
                break
            head = head.head
        return []

    def _custody(self, p: Any) -> _Found | None:
        """ "release the captured Indian pilot", "deport the activists detained aboard the
        flotilla", "prisoners held in Israeli jails": an agentless detention participle."""
        if p.tag_ != "VBN" or p.dep_ not in {"amod", "acl"} or p.head.pos_ not in {"NOUN", "PROPN"}:
            return None
        if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in p.children):
            return None  # an agent: the verb reading codes it
        victims = p.head
        sources: list[Ref] = []
        places = self.lex.custody.get("places", frozenset())
        for c in p.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "at"}:
                for x in c.children:
                    if x.dep_ == "pobj" and _lemma(x) in places:
                        sources = self._modifier_refs(x)
        gov = victims.head
        if (
            not sources
            and victims.dep_ in {"dobj", "obj"}
            and _lemma(gov) in self.lex.custody.get("holders", ())
        ):
            sources = self._subjects(gov)
        if not sources:
            return None
        own = {a.code for r in sources for a in r.actors}
        own_countries = {a.country for r in sources for a in r.actors if a.country}
        targets = [
            r
            for r in self._refs_of(victims)
            if not {a.code for a in r.actors} & own
            and not {a.country for a in r.actors} & own_countries
            and not all(_bare(a) for a in r.actors)
        ]
        if not targets:
            return None
        self.consumed.add(p.i)
        # the detention is presupposed, whatever is said of the release
        return _Found(p, self.lex.custody_code, sources, targets, False, 0.7, modality="asserted")

    def _rebutted_claim(self, v: Any, obj: Any, sources: list[Ref]) -> None:
        """ "dismissing Turkish claims that ...", "rejected charges by Kyiv": the claimant
        accused the subject (112)."""
        reb = self.lex.rebuttals
        if _lemma(v) not in reb.get("verbs", ()) or _lemma(obj) not in reb.get("nouns", ()):
            return
        holders = [obj, obj.head] if obj.dep_ == "oprd" else [obj]
        claimants = [
            r
            for h in holders
            for c in h.children
            if c.dep_ == "poss"
            or (c.dep_ == "prep" and c.lower_ in {"by", "from"})
            or (c.dep_ in {"amod", "compound", "nmod"})
            for r in (
                self._refs_of(c)
                if c.dep_ != "prep"
                else [r for p in c.children if p.dep_ == "pobj" for r in self._refs_of(p)]
            )
        ]
        own = {a.code for r in sources for a in r.actors}
        own_countries = {a.country for r in sources for a in r.actors if a.country}
        claimants = [
            r
            for r in claimants
            if not {a.code for a in r.actors} & own
            and not {a.country for a in r.actors} & own_countries
            and not all(_bare(a) for a in r.actors)
        ]
        if claimants:
            self.implied.append(
                _Found(obj, "112", claimants, sources, False, 0.7, modality="asserted")
            )

    def _noun_agents(self, n: Any) -> list[Ref]:
        """ "drills by Japanese warships"; also when the parser hangs the by-phrase on the
        active verb whose object the noun is ("condemned drills by Japanese warships")."""
        holders = [n]
        if (
            n.dep_ in {"dobj", "obj"}
            and n.head.pos_ == "VERB"
            and not any(c.dep_ in PASSIVE_SUBJECT_DEPS | {"auxpass"} for c in n.head.children)
        ):
            holders.append(n.head)
        return [
            r
            for h in holders
            for c in h.children
            if c.dep_ in {"prep", "agent"} and c.lower_ == "by"
            for p in c.children
            if p.dep_ == "pobj"
            for r in self._refs_of(p)
        ]

    def _event_owners(self, obj: Any, sources: list[Ref]) -> list[Ref]:
        """Another party's own act named as the object: "EU sanctions", "Israel's raid"."""
        if self._noun_sense(obj) is None:
            return []
        own = {a.code for r in sources for a in r.actors}
        own_countries = {a.country for r in sources for a in r.actors if a.country}
        poss = [r for c in obj.children if c.dep_ == "poss" for r in self._refs_of(c)]
        agents = self._noun_agents(obj)
        return [
            r
            for r in poss or agents or self._modifier_refs(obj)[:1]
            if not {a.code for a in r.actors} & own
            and not {a.country for a in r.actors} & own_countries
            and not all(_bare(a) for a in r.actors)
        ]

    def _weapon_kind(self, trigger: Any) -> str | None:
        """ "used chemical weapons", "dropped an atomic bomb": the weapon's kind codes it."""
        kinds = self.lex.weapon_kinds
        if trigger.pos_ == "NOUN":  # "waged germ warfare", "a chemical attack"
            for c in trigger.children:
                if c.dep_ in {"amod", "compound"} and _lemma(c) in kinds:
                    return kinds[_lemma(c)]
        weapons = [c for c in trigger.children if c.dep_ in {"dobj", "obj"}]
        weapons += [
            p
            for c in trigger.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for w in weapons:
            for t in (w, *(c for c in w.children if c.dep_ in {"amod", "compound", "nmod"})):
                if _lemma(t) in kinds:
                    return kinds[_lemma(t)]
                for g in t.children:  # "mustard gas shells"
                    if g.dep_ in {"amod", "compound"} and _lemma(g) in kinds:
                        return kinds[_lemma(g)]
        return None

    def _shows_force(self, trigger: Any) -> bool:
        """ "staged exercises ... in a show of force": the act is done as a display of force."""
        shows = self.lex.force_displays.get("nouns", frozenset())
        of = self.lex.force_displays.get("of", frozenset())
        clause = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
        for holder in {trigger, clause}:
            for c in holder.children:
                if c.dep_ != "prep" or c.lower_ not in {"in", "as"}:
                    continue
                for p in c.children:
                    if p.dep_ != "pobj" or _lemma(p) not in shows:
                        continue
                    for pp in p.children:
                        if (
                            pp.dep_ == "prep"
                            and pp.lower_ == "of"
                            and any(_lemma(x) in of for x in pp.children if x.dep_ == "pobj")
                        ):
                            return True
        return False

    def _posture_target(self, v: Any, sources: list[Ref]) -> list[Ref]:
        """A force posture with no named target faces the party it answers or aims to deter.

        "put its forces on alert after Pakistani jets struck ...", "called up reservists as
        Egyptian armies attacked", "would mobilise if the North tested again", "deployed
        missiles to counter NATO's shield".
        """
        own = {a.code for r in sources for a in r.actors}
        own_countries = {a.country for r in sources for a in r.actors if a.country}

        def foreign(refs: list[Ref]) -> list[Ref]:
            return [
                r
                for r in refs
                if not {a.code for a in r.actors} <= own
                and not {a.country for a in r.actors} & own_countries
                and not all(_bare(a) for a in r.actors)
            ]

        for c in v.children:
            if c.dep_ != "advcl":
                continue
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if marks & RESPONSE_MARKS:
                subj = [
                    r for s_ in c.children if s_.dep_ in SUBJECT_DEPS for r in self._refs_of(s_)
                ]
                if foreign(subj):
                    return foreign(subj)
            elif not marks and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
                # a purpose: "to deter Iran", "to counter NATO's missile shield"
                cobj = self._object(c)
                if cobj is not None:
                    found = foreign(self._refs_of(cobj)) or foreign(self._modifier_refs(cobj))
                    if found:
                        return found
        return []

    def _context_target(self, n: Any, sources: list[Ref]) -> list[Ref]:
        """'They sold helicopters ..., despite Indian objections': the objection is to them."""
        src = {a.code for r in sources for a in r.actors}
        head = n.head
        for _ in range(4):
            if head.pos_ in {"VERB", "AUX"}:
                subj = self._subjects(head)
                return [r for r in subj if not {a.code for a in r.actors} & src]
            if head.head.i == head.i:
                break
            head = head.head
        return []

    def _terrain_code(self, code: str) -> bool:
        """Can a place give this act's target (lexicon `scene.terrain_codes`)?"""
        codes = self.lex.scene["terrain_codes"]
        return code[:3] in codes or code[:2] in codes

    def _places_of(self, tok: Any) -> list[Ref]:
        """The states of the places a phrase names: "Lahore", "Kandahar province", "the city
        of Aleppo", "Kharkiv and Kherson"."""
        out: list[Ref] = []
        for t in [tok, *tok.conjuncts]:
            inner = [c for c in t.children if c.dep_ in {"compound", "amod", "nmod"}]
            inner += [
                p
                for c in t.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for x in (t, *inner):
                ref = self.place_refs.get(x.i)
                if ref is not None:
                    if ref not in out:
                        out.append(ref)
                    break
        return out

    def _armed(self, r: Ref) -> bool:
        """Can this party wage war: a state, its organs, an armed group, or its arms ("Israeli
        jets"), not a private person ("an Uzbek immigrant")?"""
        if any(
            a.sector in ARMED_SECTORS or (a.country is None and a.code != a.sector)
            for a in r.actors
        ):
            return True
        m = _mention_at(r, self)
        if m is None or m.kind != "demonym":
            return True
        span = self.sdoc.char_span(r.start - self.base, r.end - self.base, alignment_mode="expand")
        head = (
            span.root.head if span is not None and span.root.dep_ in {"amod", "compound"} else None
        )
        # its arms, its forces, or its own act ("the Russian air strikes")
        return head is not None and (
            _lemma(head) in self.lex.grammar.arms_words | self.lex.scene["force_nouns"]
            or head.lower_ in self.lex.nouns
            or _lemma(head) in self.lex.nouns
        )

    def _terrain_targets(
        self, sources: list[Ref], direct: Sequence[Any], holders: Sequence[Any]
    ) -> list[Ref]:
        """Where a violent act or a visit took place names its target when no party does:
        "shelled Kharkiv" (a ``direct`` argument), "struck targets in Syria", "air strikes on
        Aleppo" (a place phrase of one of the ``holders``).  Never the source's own ground:
        "Pakistani troops killed militants in Waziristan" has no foreign target."""
        if any(r.resolved or not self._armed(r) for r in sources):
            # a pronoun's referent is less sure than a place named in the clause; and "an
            # Egyptian man killed two people in Los Angeles" is no act of Egypt's
            return []
        own = {a.country for r in sources for a in r.actors if a.country}
        own |= {a.code for r in sources for a in r.actors}

        def foreign(refs: list[Ref]) -> list[Ref]:
            return [r for r in refs if not {a.country or a.code for a in r.actors} <= own]

        struck = [t for t in (*direct, *holders) if t is not None and t.pos_ == "NOUN"]
        if any(self._names_fighters(t) for t in struck) and (groups := self._groups_named()):
            # "struck rebel positions around Hodeidah" after naming the Houthis: aimed at the
            # group; unnamed, they are the rebels of the place ("rebel positions in Yemen")
            return foreign(groups)[-1:]
        for t in direct:
            if t is not None and (found := foreign(self._places_of(t))):
                return found
        for holder in holders:
            if holder is None:
                continue
            # "the shelling of Kharkiv": of a noun, "of" gives the place struck
            preps = self.lex.scene["locative_preps"] | ({"of"} if holder.pos_ == "NOUN" else set())
            for c in holder.children:
                if c.dep_ != "prep" or c.lower_ not in preps:
                    continue
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    states = [
                        r for r in self._refs_of(p) if _mention_kind(r, self) in STATE_NAME_KINDS
                    ]
                    if found := foreign(self._places_of(p) or states):
                        return found
        return []

    def _names_fighters(self, n: Any) -> bool:
        """ "rebel positions", "the militants' artillery": a noun owned by unnamed fighters."""
        for t in (n, *(c for c in n.children if c.dep_ in {"compound", "amod", "nmod", "poss"})):
            ref = self.token_refs.get(t.i)
            if ref is not None and all(_bare(a) and a.sector in {"INS", "REB"} for a in ref.actors):
                return True
            # "rebel positions": the gazetteer knows the word in the plural, "rebels"
            if ref is None and t.i != n.i and self.gaz.sector_of(t.lower_ + "s") in {"INS", "REB"}:
                return True
        return False

    def _groups_named(self) -> list[Ref]:
        """The armed groups this sentence names, in order."""
        seen: list[Ref] = []
        for i in sorted(self.token_refs):
            ref = self.token_refs[i]
            if ref not in seen and all(
                a.country is None and a.code != a.sector and a.sector in {"INS", "REB"}
                for a in ref.actors
            ):
                seen.append(ref)
        return seen

    # -- arguments ---------------------------------------------------------------------------

    def _object(self, v: Any) -> Any:
        for c in v.children:
            if c.dep_ in {"dobj", "obj"}:
                return _quantified(c, self.lex.grammar) or c
        if v.pos_ == "VERB":
            # "arresting and torturing Rwandan nationals": the conjuncts share the object
            for c in v.children:
                if (
                    c.dep_ == "conj"
                    and c.pos_ == "VERB"
                    and c.tag_ == v.tag_
                    and not any(x.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for x in c.children)
                ):
                    return self._object(c)
        return None

    def _addressee(self, gov: Any) -> Any:
        """The one an object-control verb urges, asks or calls on: its object, or the object of
        "on" ("called on Israel to halt its strikes")."""
        return self._object(gov) or next(
            (
                p
                for c in gov.children
                if c.dep_ == "prep" and c.lower_ in {"on", "upon", "to"}
                for p in c.children
                if p.dep_ == "pobj"
            ),
            None,
        )

    def _light_object(self, v: Any, obj: Any) -> Any:
        if obj is not None and _lemma(obj) in {"part", "role", "place"}:
            for holder in (obj, v):
                for c in holder.children:
                    if c.dep_ == "prep" and c.lower_ in {"in", "of"}:
                        for p in c.children:
                            if p.dep_ in {"pobj", "pcomp"}:
                                return p
        if obj is not None:
            return obj
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "with", "into"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
            if c.dep_ == "attr":
                return c
        return None

    def _subjects(self, v: Any, passive_ok: bool = False) -> list[Ref]:
        """The actors doing ``v``: its subject, else the subject it inherits from the verb it
        is coordinated with, controlled by, or a clause of."""
        deps = SUBJECT_DEPS | (PASSIVE_SUBJECT_DEPS if passive_ok else set())
        orphan = _orphan_subject(v)
        if orphan is not None and not any(
            c.dep_ in deps | PASSIVE_SUBJECT_DEPS for c in v.children
        ):
            ref = self._ref_at(orphan)
            return [ref] if ref is not None else []
        cur = v
        if (quoted := _quote_over(v, self.lex.grammar)) is not None:
            cur = quoted
        for _ in range(6):
            subj = [c for c in cur.children if c.dep_ in deps]
            if len(subj) > 1 and all(c.dep_ == "nsubj" for c in subj):
                # "Poland and East Germany, though Warsaw Pact allies, quarrelled": a clause
                # has one subject; a second is a misparsed aside
                subj = subj[:1]
            if subj:
                refs = [r for s in subj for r in self._refs_of(s)]
                return refs
            if cur.i != v.i and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in cur.children):
                if _lemma(cur) in self.lex.grammar.raising_verbs:
                    return [
                        r
                        for c in cur.children
                        if c.dep_ in PASSIVE_SUBJECT_DEPS
                        for r in self._refs_of(c)
                    ]
                return []  # the controller is a passive subject: not an agent
            if cur.dep_ in {"relcl", "acl"} and cur.head.i != cur.i:
                refs = self._refs_of(cur.head)
                if refs or cur.head.dep_ not in {"attr", "appos"}:
                    return refs
                # "India became the first country to recognise Bangladesh"
                cur = cur.head
                continue
            if cur.dep_ in {"xcomp", "pcomp"} and cur.head.i != cur.i:
                gov = cur.head.head if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" else cur.head
                if _lemma(gov) in self.lex.grammar.object_control_verbs:
                    obj = self._object(gov)
                    if _is_reciprocal(obj):
                        # "Kyiv and Moscow accused each other of violating the truce"
                        return self._subjects(gov)
                    refs = self._refs_of(obj) if obj is not None else []
                    if not refs:
                        refs = [
                            r
                            for c in gov.children
                            if c.dep_ == "prep" and c.lower_ == "on"
                            for p in c.children
                            if p.dep_ == "pobj"
                            for r in self._refs_of(p)
                        ]
                    if refs:
                        return refs
            if (
                cur.dep_ in {"conj", "xcomp", "advcl", "pcomp", "acl", "ccomp", "prep", "acomp"}
                and cur.head.i != cur.i
            ):
                cur = cur.head
                continue
            if (
                cur.dep_ in {"dobj", "attr", "pobj"}
                and cur.pos_ in {"NOUN", "PROPN"}
                and cur.head.i != cur.i
            ):
                cur = cur.head  # "play a role in mediating": the player mediates
                continue
            if cur.dep_ == "pobj" or (cur.head.dep_ == "prep" and cur.head.i != cur.i):
                cur = cur.head
                continue
            break
        return []

    def _agent(self, v: Any) -> list[Ref]:
        for c in v.children:
            if c.dep_ == "agent":
                refs = [r for p in c.children if p.dep_ == "pobj" for r in self._refs_of(p)]
                if not refs:
                    # "killed by shelling from Syrian government forces": the act's author
                    refs = [
                        r
                        for p in c.children
                        if p.dep_ in {"pobj", "pcomp"}
                        and self._noun_sense(p, light=True) is not None
                        for r in self._prep_targets(p, ("from", "by"), nested=False)
                    ]
                return refs
        return []

    def _prep_targets(self, tok: Any, preps: Sequence[str], nested: bool = True) -> list[Ref]:
        if tok is None:
            return []
        out: list[Ref] = []
        for c in tok.children:
            if c.dep_ in {"prep", "dative"} and c.lower_ in preps:
                if c.dep_ == "dative" and c.pos_ != "ADP":
                    out.extend(self._refs_of(c))
                    continue
                for p in c.children:
                    subj = next((x for x in p.children if x.dep_ == "nsubj"), None)
                    if p.dep_ == "pcomp" and subj is not None:
                        # "with Australia taking part": a clause of its own; its subject is
                        # a party only when it joins in
                        if _lemma(p) in {"take", "join", "participate"}:
                            out.extend(self._refs_of(subj))
                        continue
                    if p.dep_ in {"pobj", "pcomp"}:
                        refs = self._refs_of(p)
                        if not refs:
                            refs = self._modifier_refs(p) or (
                                self._nested_refs(p, 2) if nested else []
                            )
                        out.extend(refs)
            elif c.dep_ == "dative":
                out.extend(self._refs_of(c))
        return out

    def _owned(self, t: Any, ref: Ref) -> Ref | None:
        """'its troops', 'Iraq's soldiers': a bare sector word takes its possessor's country."""
        for c in t.children:
            if c.dep_ == "poss":
                owner = self._ref_at(c)
                if owner is not None:
                    sector = ref.actors[0].sector
                    actors = tuple(
                        Actor(
                            f"{a.country}{sector or ''}",
                            a.country,
                            sector,
                            a.name,
                            ref.actors[0].text,
                        )
                        for a in owner.actors
                        if a.country
                    )
                    if actors:
                        return Ref(
                            actors,
                            min(owner.start, ref.start),
                            max(owner.end, ref.end),
                            owner.resolved,
                        )
        return ref

    @staticmethod
    def _in_sector(ref: Ref, sector: str | None) -> Ref:
        """The same states' actors of one sector ("its troops" -> the state's MIL)."""
        if sector is None or any(a.sector or not a.country for a in ref.actors):
            return ref
        actors = tuple(
            Actor(f"{a.country}{sector}", a.country, sector, a.name, a.text) for a in ref.actors
        )
        return Ref(actors, ref.start, ref.end, ref.resolved)

    def _nested_refs(self, tok: Any, depth: int) -> list[Ref]:
        """Actors a little deeper in a phrase: 'a role in the attack on the Indian parliament',
        'about reaching a deal with Ethiopia'."""
        if depth <= 0:
            return []
        for c in tok.children:
            inner: list[Any] = []
            if c.dep_ == "prep" and c.lower_ in NESTED_PREPS:
                inner = [p for p in c.children if p.dep_ in {"pobj", "pcomp"}]
            elif c.dep_ in {"dobj", "obj"} and tok.pos_ == "VERB":
                inner = [c]
            for p in inner:
                refs = self._refs_of(p) or self._modifier_refs(p)
                if refs and all(r.resolved for r in refs) and p.pos_ != "PRON":
                    # "improving its relationship with Japan": the owner is no party when
                    # one is named further in
                    refs = self._nested_refs(p, max(depth - 1, 1)) or refs
                refs = refs or self._nested_refs(p, depth - 1)
                if refs:
                    return refs
        return []

    def _modifier_refs(self, n: Any) -> list[Ref]:
        """Actors named in a noun's modifiers: 'Indian objections', 'the Russo-Pak exercise'."""
        out: list[Ref] = []
        for c in n.children:
            if (
                c.dep_ == "amod"
                and c.lower_.rsplit("-", 1)[-1] in self.lex.grammar.mediating_participles
            ):
                continue  # "U.S.-brokered talks": the broker is no party to them
            if c.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod"}:
                for tok in [c, *list(c.subtree)]:
                    ref = self._ref_at(tok)
                    if ref is None or ref in out:
                        continue
                    if c.dep_ == "compound" and _mention_kind(ref, self) == "capital":
                        continue  # "the Paris climate accord", "the Minsk talks": a place
                    if any(
                        a.country or a.sector == "IGO" or a.code != a.sector for a in ref.actors
                    ):
                        out.append(ref)
        return out

    def _coordinated_refs(self, refs: list[Ref]) -> list[Ref]:
        """The first refs in text order that are joined by 'and', 'or' or commas only."""
        ordered = sorted(refs, key=lambda r: r.start)
        out = ordered[:1]
        for r in ordered[1:]:
            gap = self.doc.text[out[-1].end : r.start] if self.doc.text else ""
            if out[-1].end > r.start or gap.strip(" ,").lower() not in {"and", "or", "&", ""}:
                break
            if not gap.strip():
                break  # adjacent names are one compound, not a list
            out.append(r)
        return out

    def _ref_at(self, tok: Any) -> Ref | None:
        ref = self.token_refs.get(tok.i)
        if ref is not None:
            return ref
        return self._anaphor(tok)

    def _refs_of(self, tok: Any) -> list[Ref]:
        """Actors an argument names: itself, its conjuncts, or its 'of'-complement."""
        if tok is None:
            return []
        tok = _antecedent(tok) or tok
        out: list[Ref] = []
        for t in [tok, *(c for c in tok.conjuncts if not _starts_clause(c))]:
            ref = self._ref_at(t)
            if ref is not None and all(
                a.country is None and a.code == a.sector for a in ref.actors
            ):
                ref = self._owned(t, ref)
            if ref is None and t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS:
                # "Uzbekistan and Kazakhstan, rivals for ..., have become": the parser makes
                # the named states the subject of the appositive noun
                inner = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
                if inner is not None and (named := self._refs_of(inner)):
                    out.extend(r for r in named if r not in out)
                    continue
            if ref is None:
                # "Malinowski, the State Department official, flew to ..."
                appos = [
                    r
                    for c in t.children
                    if c.dep_ == "appos"
                    for r in (
                        [self.token_refs[c.i]]
                        if c.i in self.token_refs
                        # a description that names its state, not "Corker himself"
                        else [x for x in self._refs_of(c) if not x.resolved]
                    )
                ]
                if appos:
                    out.extend(r for r in appos if r not in out)
                    continue
            if ref is None and t.pos_ == "NOUN":
                agents = [
                    r
                    for c in t.children
                    if c.dep_ == "acl" and c.tag_ == "VBN"
                    for r in self._agent(c)
                    if r not in out
                ]
                if agents:
                    out.extend(agents)
                    continue
            if ref is None and _lemma(t) in self.lex.grammar.group_nouns:
                members = [
                    r
                    for c in t.children
                    if c.dep_ == "prep"
                    and (
                        c.lower_ in {"including", "like"}
                        # "adversaries such as North Korea and Venezuela"
                        or (c.lower_ == "as" and any(x.lower_ == "such" for x in c.children))
                    )
                    for p in c.children
                    if p.dep_ == "pobj"
                    for r in self._refs_of(p)
                ]
                if members:
                    out.extend(r for r in members if r not in out)
                    continue
            if ref is None and (_lemma(t) in self.lex.grammar.quantity_nouns or t.pos_ == "NUM"):
                # "thousands of Iranians", "a group of Chinese tourists", "two of its soldiers"
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(r for r in self._refs_of(p) if r not in out)
                continue
            if ref is None:
                # "the government of India", "the two countries", "leaders of India and China"
                for c in t.children:
                    if (
                        c.dep_ == "prep"
                        and (
                            c.lower_ in {"of", "from", "in"}
                            # "a spokeswoman for the German government"
                            or (c.lower_ == "for" and _lemma(t) in self.lex.grammar.spokes_nouns)
                            # "top aides to Prime Minister Hun Sen"
                            or (c.lower_ == "to" and _lemma(t) in self.lex.grammar.aide_nouns)
                        )
                        and (
                            _lemma(t) in self.lex.grammar.holder_nouns
                            or _lemma(t) in self.lex.grammar.spokes_nouns
                            or _lemma(t) in self.lex.grammar.aide_nouns
                        )
                    ):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self._refs_of(p))
                if t.dep_ != "compound" and t.pos_ in {"NOUN", "PROPN"}:
                    # "Russian missiles", "an Iranian weapons depot", "India's request",
                    # "South Korean and American warplanes"
                    mods = [c for c in t.children if c.dep_ in {"compound", "poss", "amod", "nmod"}]
                    if t.pos_ == "PROPN":
                        # "EU foreign policy chief Federica Mogherini": the title's own
                        # modifiers name whom the person speaks for
                        mods += [
                            g
                            for c in mods
                            if c.dep_ == "compound" and c.pos_ == "NOUN"
                            for g in c.children
                            if g.dep_ in {"compound", "amod", "nmod", "poss"}
                        ]
                    for c in [*mods, *(x for m in mods if m.dep_ == "amod" for x in m.conjuncts)]:
                        r = self._ref_at(c)
                        if r is not None and c.lower_ == "whose":
                            # "Israel, whose warplanes have pounded ...": the owner's forces
                            r = self._in_sector(r, self.gaz.sector_of(t.text))
                        if (
                            r
                            and r not in out
                            and all(
                                a.country or a.sector == "IGO" or a.code != a.sector
                                for a in r.actors
                            )
                        ):
                            out.append(r)
                continue
            if ref not in out:
                out.append(ref)
            out.extend(r for r in self._coordinated_modifiers(t, ref) if r not in out)
            if (
                _lemma(t) in self.lex.grammar.holder_nouns
                or t.lower_ in self.lex.grammar.holder_nouns
            ):
                # "the leaders of India and Pakistan", "diplomats from Canada and Mexico": the
                # holders of each coordinated state
                sector = ref.actors[0].sector
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                        for p in c.children:
                            if p.dep_ == "pobj" and self._ref_at(p) is ref:
                                for x in p.conjuncts:
                                    r = self._ref_at(x)
                                    if r is not None:
                                        r = self._in_sector(r, sector)
                                    if r is not None and r not in out:
                                        out.append(r)
            for c in t.children:
                # a list parsed as apposition: "Saudi Arabia, the United Arab Emirates, ..."
                if c.dep_ == "appos":
                    for x in [c, *c.conjuncts]:
                        r = self.token_refs.get(x.i)
                        if (
                            r is not None
                            and r not in out
                            and _mention_kind(r, self) in {"country", "alias"}
                            and not (
                                {a.country for a in r.actors} & {a.country for a in ref.actors}
                            )
                        ):
                            out.append(r)
        return out

    def _coordinated_modifiers(self, t: Any, ref: Ref) -> list[Ref]:
        """'Russian and Pakistani troops', 'the Chinese and Indian foreign ministers': each
        coordinated nationality is an actor with the head noun's sector."""
        sector = ref.actors[0].sector if len(ref.actors) == 1 else None
        out: list[Ref] = []
        for c in t.children:
            if c.dep_ not in {"amod", "compound", "nmod"}:
                continue
            for x in [c, *c.conjuncts]:
                r = self._ref_at(x)
                if r is None or r is ref:
                    continue
                actors = tuple(
                    Actor(f"{a.country}{sector}", a.country, sector, a.name, a.text)
                    if sector and a.country and a.sector is None
                    else a
                    for a in r.actors
                )
                if any(a.code in {b.code for b in ref.actors} for a in actors):
                    continue
                out.append(Ref(actors, r.start, r.end, r.resolved))
        return out

    def _anaphor(self, tok: Any) -> Ref | None:
        low = tok.lower_
        pos = tok.idx + self.base
        actors: tuple[Actor, ...] = ()
        if low == "it" and _is_expletive(tok, self.lex.grammar):
            return None
        if low in SINGULAR_PRONOUNS or low in PLURAL_PRONOUNS or low in PERSON_PRONOUNS:
            try:
                actors = (
                    self._possessor_subject(tok, low)
                    or self._reporting_antecedent(tok, low)
                    or self._recent_in_sentence(tok, low)
                    or self.discourse.resolve_pronoun(
                        low, self.base, self._clause_subject_codes(tok)
                    )
                )
            except _NoAntecedent:
                return None
        elif low in FIRST_PERSON:
            actors = self._quoted_speaker(tok)
        elif low == "whose":
            # "Russia, whose air force has been supporting the Syrian army"
            clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:
                actors = tuple(a for r in self._refs_of(clause.head) for a in r.actors)
        elif (low in PAIR_NOUNS or tok.tag_ == "NNS") and any(
            c.dep_ in {"nummod", "det", "predet", "amod"}
            and (
                c.lower_ == "both"
                # "the two countries", not "attacked on two fronts"
                or (
                    c.lower_ == "two"
                    and any(
                        d.lower_ in {"the", "these", "those"} or d.dep_ == "poss"
                        for d in tok.children
                    )
                )
            )
            for c in tok.children
        ):
            actors = self._pair_in_sentence(tok) or self.discourse.resolve_pair(
                self.base, persons=low in PERSON_PAIR_NOUNS
            )
        elif (
            low in PAIR_NOUNS
            and any(c.lower_ == "the" for c in tok.children)
            # "the armies of Egypt, Syria and Iraq" name their own states
            and not any(
                c.dep_ in {"poss", "nummod"} or (c.dep_ == "prep" and c.lower_ == "of")
                for c in tok.children
            )
        ):
            # "Xi arrived in Hanoi, as the communist neighbours seek ...": with no number, only
            # a sentence that has named exactly two states says who they are
            named = self._sentence_refs_before(tok)
            states = {a.country for r in named for a in r.actors if a.country}
            if len(states) == 2:
                actors = self._pair_in_sentence(tok)
        elif (
            low in self.lex.counterparts
            and tok.text[:1].isupper()
            and tok.dep_ not in {"amod", "compound"}
            and any(c.lower_ == "the" for c in tok.children)
        ):
            # "talks with the South": the other half of a divided country in the context
            halves = self.lex.counterparts[low]
            context = [r for r in self._sentence_refs_before(tok) if len(r.actors) == 1]
            context += [
                r for r in self.token_refs.values() if len(r.actors) == 1 and r not in context
            ]
            for r in context:
                other = halves.get(r.actors[0].country or "")
                if other:
                    name = self.gaz.country(other)
                    actors = (Actor(other, other, None, name.name if name else other, tok.text),)
                    break
            else:
                found = self.discourse.resolve_single(self.base)
                other = halves.get(found[0].country or "") if found else None
                if other:
                    name = self.gaz.country(other)
                    actors = (Actor(other, other, None, name.name if name else other, tok.text),)
        elif (
            low in SINGLE_NOUNS
            and any(c.lower_ in {"the", "this"} for c in tok.children)
            and not any(
                c.dep_ == "poss"
                # "the country of origin" is another; "accusing the emirate of backing" not
                or (
                    c.dep_ == "prep"
                    and not any(g.dep_ == "pcomp" for g in c.children)
                    and not (
                        c.lower_ == "of"
                        and _lemma(tok.head) in self.lex.grammar.object_control_verbs
                    )
                )
                or (
                    c.dep_ in {"compound", "amod"}
                    and c.lower_ not in self.lex.scene["describing_adjectives"]
                )
                for c in tok.children
            )
        ):
            exclude = self._clause_subject_codes(tok)
            # "Saddam Hussein's invasion of the emirate": not the invader's own country
            owner = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
            owners = [
                a.country
                for c in (owner.children if owner is not None else ())
                if c.dep_ == "poss" and c.i in self.token_refs
                for a in self.token_refs[c.i].actors
                if a.country
            ]
            if owners:
                exclude = exclude | frozenset(owners)
            countries = frozenset(
                a.country
                for r in self._sentence_refs_before(tok)
                for a in r.actors
                if a.code in exclude and a.country
            ) | frozenset(owners)
            actors = next(
                (
                    r.actors
                    for r in reversed(self._sentence_refs_before(tok))
                    if len(r.actors) == 1
                    and r.actors[0].country
                    and not {a.code for a in r.actors} & exclude
                    and r.actors[0].country not in countries
                ),
                (),
            ) or self.discourse.resolve_single(self.base, countries)
        if not actors:
            return None
        resolved = tuple(Actor(a.code, a.country, a.sector, a.name, tok.text) for a in actors)
        return Ref(resolved, pos, pos + len(tok.text), resolved=True)

    def _quoted_speaker(self, tok: Any) -> tuple[Actor, ...]:
        """'"We will not accept it," the minister said': first person inside a quote is the
        speaker whom the reporting verb outside the quote names."""
        if not _inside_quote(tok):
            return ()
        for v in tok.ancestors:
            if _lemma(v) in self.lex.grammar.reporting_verbs and not _inside_quote(v):
                speakers = [r for c in v.children if c.dep_ == "nsubj" for r in self._refs_of(c)]
                return tuple(a for r in speakers[:1] for a in r.actors)
        return ()

    def _possessor_subject(self, tok: Any, low: str) -> tuple[Actor, ...]:
        """'Japan keeps its alliance', 'Washington is consulting its allies': a possessive
        pronoun refers to the subject of its own clause when that agrees."""
        if tok.dep_ != "poss":
            return ()
        owned = tok.head
        if owned.dep_ == "pobj" and owned.head.lower_ in {"in", "during"}:
            # "an ally of Russia in its war against Ukraine": the one the noun is "of"
            noun = owned.head.head
            if noun.pos_ == "NOUN":
                named = [
                    self.token_refs[p.i]
                    for p in _of_object_tokens(noun)
                    if p.i in self.token_refs and p.i < tok.i
                ]
                named = [r for r in named if self._fits(low, r)]
                if named:
                    return named[-1].actors
        for a in tok.ancestors:
            # "accused Myanmar of genocide against its Rohingya minority": the accused's
            if (
                a.dep_ == "prep"
                and a.lower_ == "of"
                and _lemma(a.head) in self.lex.grammar.object_control_verbs
            ):
                obj = self._object(a.head)
                r = self.token_refs.get(obj.i) if obj is not None else None
                if r is not None and self._fits(low, r):
                    return r.actors
                break
            if a.pos_ in {"VERB", "AUX"} and a.dep_ not in {"pcomp", "acl"}:
                break
        clause = _clause_of(tok)
        if clause is None:
            return ()
        if (
            is_infinitive_complement(clause)
            and _lemma(clause.head) in self.lex.grammar.object_control_verbs
        ):
            # "urged Israel to halt its strikes": the one urged does the halting
            obj = self._addressee(clause.head)
            r = self.token_refs.get(obj.i) if obj is not None else None
            if r is not None and self._fits(low, r):
                return r.actors
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        cause = tok.head.head if tok.head.dep_ == "pobj" else None
        if (
            cause is not None
            and cause.lower_ in {"over", "for", "because"}
            and cause.head.i == clause.i
        ):
            # "suspended arms sales to Turkey because of its offensive", "sanctions on Iran
            # over its nuclear programme": a reason is the conduct of the party acted upon
            patients = [s_ for s_ in subjects if s_.dep_ in PASSIVE_SUBJECT_DEPS]
            # "was denounced by the US for its invasion": the passive subject is acted upon
            pool = [t for p_ in patients for t in p_.subtree] or list(clause.subtree)
            skip = {
                t.i
                for c in clause.children
                if c.dep_ in SUBJECT_DEPS or c.dep_ == "agent"
                for t in c.subtree
            }
            for t in sorted(pool, key=lambda x: -x.i):
                if t.i >= tok.i or t.i in skip or t.i not in self.token_refs:
                    continue
                r = self.token_refs[t.i]
                if self._fits(low, r) and all(a.country for a in r.actors):
                    return r.actors
        for c in subjects:
            if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                if tok.head.i == c.i:
                    continue  # "their troops clashed": not the troops' own troops
                r = self.token_refs.get(c.i) or next(
                    (
                        self.token_refs[t.i]
                        for t in c.subtree
                        if t.i in self.token_refs and t.i < tok.i
                    ),
                    None,
                )
                if r is not None and self._fits(low, r):
                    return r.actors
        return ()

    def _fits(self, low: str, ref: Ref) -> bool:
        """Does a pronoun agree with a mention in number and person?"""
        plural = len(ref.actors) > 1 or _is_plural_ref(ref, self)
        if low in PLURAL_PRONOUNS:
            return plural
        if plural:
            return False
        if low in PERSON_PRONOUNS:
            m = _mention_at(ref, self)
            return m is not None and m.kind in {"leader", "title"} and gender_agrees(low, m.gender)
        return _mention_kind(ref, self) not in {"leader", "title"}

    def _reporting_antecedent(self, tok: Any, low: str) -> tuple[Actor, ...]:
        """'X said (that) it/he/they would ...': the pronoun is the reporter X."""
        if tok.dep_ in {"dobj", "obj", "dative"} and not any(
            c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in tok.head.children
        ):
            # "X cut ties with Qatar, accusing it of ...": X does the accusing, so "it" is
            # someone else
            return ()
        clause = _clause_of(tok)
        for _ in range(3):
            if clause is None or clause.head.i == clause.i:
                return ()
            if clause.dep_ not in {"ccomp", "xcomp", "advcl", "conj"}:
                return ()
            gov = clause.head
            for c in gov.children:
                if c.dep_ in SUBJECT_DEPS and c.i != tok.i and low in PLURAL_PRONOUNS:
                    # "The Chinese and Indian ministers spoke ... after their troops clashed"
                    group = tuple(dict.fromkeys(a for r in self._refs_of(c) for a in r.actors))
                    if len({a.country for a in group if a.country}) > 1:
                        return group
                if c.dep_ in SUBJECT_DEPS and c.i != tok.i:
                    r = self.token_refs.get(c.i) or next(
                        (self.token_refs[t.i] for t in c.subtree if t.i in self.token_refs), None
                    )
                    if r is not None and self._fits(low, r):
                        return r.actors
                    if (
                        r is None
                        and low in PERSON_PRONOUNS
                        and c.pos_ == "PROPN"
                        and _lemma(gov) in self.lex.grammar.reporting_verbs
                    ):
                        # "Prince said he had ...": he is Prince, who is no actor we know
                        raise _NoAntecedent
            clause = _clause_of(gov.head) if gov.head.i != gov.i else None
        return ()

    def _recent_in_sentence(self, tok: Any, low: str) -> tuple[Actor, ...]:
        exclude = self._clause_subject_codes(tok)
        for r in reversed(self._sentence_refs_before(tok)):
            if self._fits(low, r) and not {a.code for a in r.actors} & exclude:
                return r.actors
        if low in PLURAL_PRONOUNS:
            # "India and the Soviet Union ... the treaty they signed": a coordination
            for t in reversed(tok.doc[: tok.i]):
                ref = self.token_refs.get(t.i)
                if ref is not None and t.conjuncts:
                    group = [ref] + [
                        self.token_refs[c.i]
                        for c in t.conjuncts
                        if c.i in self.token_refs and c.i < tok.i
                    ]
                    actors = tuple(a for r in group for a in r.actors)
                    if len({a.country for a in actors}) > 1:
                        return tuple(dict.fromkeys(actors))
            # "Trump will try to convince Xi when they meet": the two parties of the clause
            # the pronoun's adverbial clause modifies
            clause = tok.head
            if tok.dep_ == "nsubj" and clause.dep_ == "advcl":
                gov = clause.head
                parties = self._subjects(gov) + [
                    r for c in gov.children if c.dep_ == "dobj" for r in self._refs_of(c)
                ]
                actors = tuple(dict.fromkeys(a for r in parties for a in r.actors))
                if len({a.country for a in actors}) == 2 and len(actors) == 2:
                    return actors
        return ()

    def _sentence_refs_before(self, tok: Any) -> list[Ref]:
        seen: list[Ref] = []
        for i in sorted(self.token_refs):
            if i >= tok.i:
                break
            r = self.token_refs[i]
            if r not in seen:
                seen.append(r)
        return seen

    def _pair_in_sentence(self, tok: Any) -> tuple[Actor, ...]:
        actors: list[Actor] = []
        for r in self._sentence_refs_before(tok):
            for a in r.actors:
                if a.country and all(a.country != b.country for b in actors):
                    actors.append(a)
        return tuple(actors[-2:]) if len(actors) >= 2 else ()

    def _clause_subject_codes(self, tok: Any) -> frozenset[str]:
        """Codes of the subject of the clause ``tok`` is an object in (not itself)."""
        if tok.dep_ in SUBJECT_DEPS:
            return frozenset()
        head = tok.head
        for _ in range(4):
            if head.pos_ in {"VERB", "AUX"}:
                codes = set()
                for c in head.children:
                    if c.dep_ in SUBJECT_DEPS and c.i != tok.i:
                        r = self.token_refs.get(c.i)
                        if r:
                            codes |= {a.code for a in r.actors}
                if not codes and head.dep_ in {"acl", "relcl"}:
                    # "the first Indian prime minister to visit the country": the noun the
                    # clause modifies is its subject
                    r = self.token_refs.get(head.head.i)
                    codes = {a.code for a in r.actors} if r else codes
                return frozenset(codes)
            if head.head.i == head.i:
                break
            head = head.head
        return frozenset()

    # -- relations ---------------------------------------------------------------------------

    def _relations(self) -> list[Relation]:
        out: list[Relation] = []
        for tok in self.sdoc:
            low, lemma = tok.lower_, _lemma(tok)
            if tok.pos_ in {"NOUN", "PROPN"} and (
                low in self.lex.relation_nouns or lemma in self.lex.relation_nouns
            ):
                out.extend(
                    self._noun_relation(
                        tok, self.lex.relation_nouns.get(low) or self.lex.relation_nouns[lemma]
                    )
                )
            elif (
                tok.pos_ == "ADJ"
                and low in self.lex.relation_adjectives
                and tok.dep_ in {"acomp", "amod", "advmod", "oprd", "ROOT", "conj", "xcomp"}
                or tok.pos_ == "ADV"
                and low in self.lex.relation_adjectives
                and tok.dep_ in {"advmod", "acomp"}
                and tok.head.pos_ in {"AUX"}
            ):
                out.extend(self._adjective_relation(tok, self.lex.relation_adjectives[low]))
            if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
                out.extend(self._verb_relation(tok))
            if lemma in self.lex.relation_subject_nouns and tok.pos_ == "NOUN":
                out.extend(self._qualified_relations(tok))
            if (
                tok.lower_ in self.lex.relation_phrases
                and tok.dep_ == "pobj"
                and tok.head.lower_ == "at"
            ):
                out.extend(self._at_phrase(tok, self.lex.relation_phrases[tok.lower_]))
        return out

    def _qualified_relations(self, rel: Any) -> list[Relation]:
        """'warm ties between A and B', 'Brazil maintains friendly relations with Beijing',
        'relations between A and B were tense', 'Georgia's relations with Russia are hostile'.
        'have had no relations since 1978' asserts a strained relation: the "no" is the
        stance, not a negation of it."""
        found = self._qualified_relations_of(rel)
        if any(c.dep_ == "det" and c.lower_ == "no" for c in rel.children):
            found = [
                replace(r, modality="asserted") if r.modality == "negated" else r for r in found
            ]
        return found

    def _qualified_relations_of(self, rel: Any) -> list[Relation]:
        mods = self.lex.relation_modifiers
        cue = next(
            (
                mods.get(c.lower_) or mods.get(_lemma(c))
                for c in rel.children
                if (c.dep_ in {"amod", "compound"} or (c.dep_ == "det" and c.lower_ == "no"))
                and (c.lower_ in mods or _lemma(c) in mods)
                and not (
                    c.lower_ == "no"
                    and any(m.lower_ in self.lex.recognition_modifiers for m in rel.children)
                )
            ),
            None,
        )
        if cue is None and rel.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            head = rel.head
            for c in head.children:
                if c.dep_ in {"acomp", "attr", "oprd"} and (c.lower_ in mods or _lemma(c) in mods):
                    cue = mods.get(c.lower_) or mods[_lemma(c)]
        if cue is None:
            return []
        parties = self._relation_noun_parties(rel, rel, cue)
        if parties:
            return parties
        partners = self._prep_targets(rel, ("with", "to"), nested=False)
        # "Brazil maintains friendly relations with Beijing"; "remained on hostile terms with
        # Moscow"; "Egypt and Israel have kept a cold peace"
        holder = None
        if rel.dep_ in {"dobj", "obj"} and rel.head.pos_ == "VERB":
            holder = rel.head
        elif (
            rel.dep_ == "pobj" and rel.head.lower_ == "on" and rel.head.head.pos_ in {"VERB", "AUX"}
        ):
            holder = rel.head.head
        if holder is None:
            return []
        subj = self._subjects(holder)
        partners = partners or self._prep_targets(holder, ("with", "to"), nested=False)
        if partners:
            return self._make_relation(rel, [(a, b) for a in subj for b in partners], cue)
        if sum(len(r.actors) for r in subj) == 2:
            return self._make_relation(rel, self._pairs_within(subj), cue)
        return []

    def _at_phrase(self, tok: Any, cue: StanceCue) -> list[Relation]:
        """'The two Koreas remain at war', 'Greece and Turkey have been at loggerheads'."""
        head = tok.head.head
        if head.pos_ not in {"AUX", "VERB"}:
            return []
        subj = self._subjects(head)
        partners = self._prep_targets(tok, ("with",), nested=False) or self._prep_targets(
            head, ("with",), nested=False
        )
        if subj and partners:
            return self._make_relation(tok, [(a, b) for a in subj for b in partners], cue)
        if sum(len(r.actors) for r in subj) > 1:
            return self._make_relation(tok, self._pairs_within(subj), cue)
        return []

    def _make_relation(
        self,
        trigger: Any,
        pairs: list[tuple[Ref, Ref]],
        cue: StanceCue,
        modality: str | None = None,
    ) -> list[Relation]:
        modality = modality or self.coder.modality.of(trigger)
        remembered = self.discourse.last_date
        date = self._date_for(trigger)
        out = []
        seen = set()
        for ra, rb in pairs:
            for a in ra.actors:
                for b in rb.actors:
                    if a.code == b.code or (a.country and a.country == b.country):
                        continue
                    key = tuple(sorted((a.code, b.code)))
                    if key in seen:
                        continue
                    seen.add(key)
                    conf = 0.8 - (0.15 if ra.resolved or rb.resolved else 0.0)
                    lo = max(self.sent.start, min(ra.start, rb.start, trigger.idx + self.base))
                    hi = min(
                        self.sent.end,
                        max(ra.end, rb.end, trigger.idx + len(trigger.text) + self.base),
                    )
                    out.append(
                        Relation(
                            doc_id=self.doc.doc_id,
                            sentence=self.sent.index,
                            span=(lo, hi),
                            sentence_text=self.sent.text,
                            a=a,
                            b=b,
                            stance=cue.stance,
                            polarity=cue.polarity,
                            trend=cue.trend,
                            modality=modality,
                            date=date,
                            confidence=conf,
                            trigger=_trigger_text(trigger),
                        )
                    )
        if not out:  # "at that time" refers to a record's time, not to a discarded reading
            self.discourse.last_date = remembered
        return out

    def _pairs_within(self, refs: list[Ref]) -> list[tuple[Ref, Ref]]:
        actors = [(a, r) for r in refs for a in r.actors]
        pairs = []
        for i in range(len(actors)):
            for j in range(i + 1, len(actors)):
                ra = Ref(
                    (actors[i][0],), actors[i][1].start, actors[i][1].end, actors[i][1].resolved
                )
                rb = Ref(
                    (actors[j][0],), actors[j][1].start, actors[j][1].end, actors[j][1].resolved
                )
                pairs.append((ra, rb))
        return pairs

    def _noun_relation(self, n: Any, cue: StanceCue) -> list[Relation]:
        if n.dep_ == "compound":
            # "between the rival states"
            pair = self._described_pair(n.head)
            return self._make_relation(n, self._pairs_within([pair]), cue) if pair else []
        partners = self._prep_targets(
            n, ("of", "with", "to", "between", "among", "against"), nested=False
        )
        if not partners and (pair := self._described_pair(n)) is not None:
            # "deepening ties between the former enemies": the noun describes the pair
            return self._make_relation(n, self._pairs_within([pair]), cue)
        if not partners and not self._modifier_refs(n) and (ended := self._ended_by(n)):
            # "established relations, ending four decades of hostility": the pair that ends it
            return self._make_relation(n, self._pairs_within([ended]), cue)
        mods = self._modifier_refs(n)
        named = [
            self.token_refs[c.i] for c in n.children if c.dep_ == "appos" and c.i in self.token_refs
        ]
        owners = [r for c in n.children if c.dep_ == "poss" for r in self._refs_of(c)]
        if named and owners:
            # "visited its arch rival, India": the owner and the named state
            return self._make_relation(n, [(o, x) for o in owners for x in named], cue)
        inner = next((c for c in n.children if c.dep_ == "nsubj" and c.i < n.i), None)
        if inner is not None and n.dep_ == "ccomp" and n.head.pos_ == "VERB":
            # "Chad declared the Libyan government an enemy", parsed as a small clause
            viewers, viewed = self._subjects(n.head), self._refs_of(inner)
            if viewers and viewed:
                return self._make_relation(n, [(a, b) for a in viewers for b in viewed], cue)
        if inner is not None and n.dep_ in SUBJECT_DEPS:
            # "Uzbekistan and Kazakhstan, rivals for ..., have become" (an apposition)
            named = self._refs_of(inner)
            if sum(len(r.actors) for r in named) > 1:
                return self._make_relation(n, self._pairs_within(named), cue)
        # "X and Y were adversaries" / "X was an ally of Y" / "Y's ally X"; "have been sworn
        # enemies", which the parser reads as a passive of "swear"
        sworn = n.dep_ == "dobj" and n.head.lemma_ == "swear"
        if (
            sworn
            or n.dep_ in {"attr", "oprd", "conj", "appos"}
            or n.head.lemma_
            in {
                "be",
                "become",
                "remain",
                "stay",
                "turn",
            }
        ):
            head = n.head
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            subj = self._subjects(head) if head.pos_ in {"AUX", "VERB"} else self._refs_of(head)
            if sworn:
                subj = self._subjects(head, passive_ok=True)
            if n.dep_ == "appos":
                subj = self._refs_of(n.head)
            if n.dep_ == "oprd" and (obj := self._object(head)) is not None:
                # "Sudan declared South Sudan an enemy": the subject's view of the object
                objs = self._refs_of(obj)
                if subj and objs:
                    return self._make_relation(n, [(s, o) for s in subj for o in objs], cue)
                subj = objs
            if (
                not partners
                and mods
                and all(a.sector == "IGO" or a.country is None for r in mods for a in r.actors)
            ):
                mods = []  # "Greece and Turkey, NATO allies": allies within NATO
            others = partners or mods
            if subj and others:
                return self._make_relation(n, [(s, o) for s in subj for o in others], cue)
            if subj and sum(len(r.actors) for r in subj) > 1:
                return self._make_relation(n, self._pairs_within(subj), cue)
            return []
        between = self._prep_targets(n, ("between", "among"))
        if between:
            return self._make_relation(n, self._pairs_within(between), cue)
        multi = [r for r in mods if len(r.actors) > 1]
        if multi:
            return self._make_relation(n, self._pairs_within(multi[:1]), cue)
        if mods and partners:
            return self._make_relation(n, [(m, p) for m in mods for p in partners], cue)
        if len(mods) >= 2:
            return self._make_relation(n, [(mods[0], m) for m in mods[1:]], cue)
        if n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ == "VERB":
            # "Beijing regards Washington as its main rival"
            verb = n.head.head
            obj = self._object(verb)
            subj = self._subjects(verb)
            objs = self._refs_of(obj) if obj is not None else []
            if subj and objs:
                return self._make_relation(n, [(a, b) for a in subj for b in objs], cue)
        # "moved into a strategic partnership with the USA": the other party is the clause subject
        if not partners and not mods and n.dep_ in {"pobj", "dobj"}:
            # "A and B upgraded their ties to a strategic partnership", "formed an alliance"
            head = n.head.head if n.dep_ == "pobj" else n.head
            if head.pos_ in {"VERB", "AUX"}:
                subj = self._subjects(head)
                if sum(len(r.actors) for r in subj) > 1:
                    return self._make_relation(n, self._pairs_within(subj), cue)
        if (
            not partners
            and not mods
            and n.dep_ in SUBJECT_DEPS
            and _lemma(n.head) in {"exist", "develop", "emerge", "grow", "form", "take"}
        ):
            between = self._prep_targets(n.head, ("between", "among"), nested=False)
            if between:
                return self._make_relation(n, self._pairs_within(between), cue)
        if owners and not partners and n.dep_ == "pobj":
            # "freed up manpower for Assad's allies": the clause subject is not among them
            return []
        if partners or mods:
            head = n.head
            for _ in range(4):
                if head.pos_ in {"VERB", "AUX"}:
                    subj = self._subjects(head)
                    others = partners or mods
                    pairs = [(s, o) for s in subj for o in others]
                    return self._make_relation(n, pairs, cue)
                if head.head.i == head.i:
                    break
                head = head.head
        return []

    def _described_pair(self, n: Any) -> Ref | None:
        """The two states a plural description stands for ("the former enemies")."""
        if n.tag_ != "NNS" or not any(c.lower_ == "the" for c in n.children):
            return None
        ref = self._ref_at(n)
        if ref is None or not ref.resolved:
            return None
        return ref if len({a.country for a in ref.actors if a.country}) == 2 else None

    def _adjective_relation(self, adj: Any, cue: StanceCue) -> list[Relation]:
        partners = self._prep_targets(adj, cue.preps or ("to", "with"))
        if adj.dep_ == "amod" and not partners and (pair := self._described_pair(adj.head)):
            # "a gesture of goodwill between the rival states"
            return self._make_relation(adj, self._pairs_within([pair]), cue)
        head = adj.head if adj.dep_ != "ROOT" else adj
        while head.dep_ == "conj" and head.head.i != head.i and head.pos_ not in {"AUX", "VERB"}:
            head = head.head
        subj = self._subjects(head) if head.pos_ in {"AUX", "VERB"} else []
        if adj.dep_ in {"amod", "appos", "advcl", "acl"} and adj.head.i in self.token_refs:
            subj = [self.token_refs[adj.head.i]]
        elif adj.dep_ == "amod":
            return []
        if subj and partners:
            return self._make_relation(adj, [(s, p) for s in subj for p in partners], cue)
        if (
            subj
            and not partners
            and sum(len(r.actors) for r in subj) > 1
            and adj.lower_ in {"close", "hostile", "allied", "friendly"}
        ):
            return self._make_relation(adj, self._pairs_within(subj), cue)
        return []

    def _verb_relation(self, v: Any) -> list[Relation]:
        lemma = _lemma(v)
        lex = self.lex
        cue = lex.relation_verbs.get(lemma)
        if cue is None and lemma in lex.relation_verb_particles:
            words = {
                c.lower_
                for c in v.children
                if c.dep_ in {"advmod", "prt", "acomp", "dobj", "npadvmod"}
            }
            obj = self._object(v)
            if obj is not None:
                words.add(obj.lower_)
            for w, c in lex.relation_verb_particles[lemma].items():
                if w in words:
                    cue = c
                    break
        if cue is not None:
            subj = self._subjects(v)
            if any(c.dep_ == "auxpass" for c in v.children):
                subj = self._agent(v)
            obj = self._object(v)
            targets = (
                self._refs_of(obj)
                if obj is not None and obj.lower_ not in {"string", "strings", "tie", "ties"}
                else []
            )
            if not targets:
                targets = self._prep_targets(v, cue.preps or ("with", "to"))
            if not targets and obj is not None:
                targets = self._prep_targets(obj, cue.preps or ("with", "to"))
            if not targets:
                for c in v.children:
                    if c.dep_ in {"advmod", "acomp"}:
                        targets = self._prep_targets(c, cue.preps or ("to", "with"))
                        if targets:
                            break
            if subj and targets:
                return self._make_relation(v, [(s, t) for s in subj for t in targets], cue)
            return []
        # "relations between A and B have soured", "its relations with the USA have soured"
        pred = lex.relation_predicates.get(lemma)
        if pred is not None:
            for s in v.children:
                if (
                    s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                    and _lemma(s) in lex.relation_subject_nouns
                ):
                    return self._relation_noun_parties(s, v, pred)
        return []

    def _relation_noun_parties(self, rel: Any, trigger: Any, cue: StanceCue) -> list[Relation]:
        between = self._prep_targets(rel, ("between", "among"))
        if between:
            return self._make_relation(trigger, self._pairs_within(between), cue)
        owners = [r for c in rel.children if c.dep_ == "poss" for r in self._refs_of(c)]
        mods = [r for r in self._modifier_refs(rel) if r not in owners]
        partners = self._prep_targets(rel, ("with", "to"))
        if owners and not partners and rel.dep_ == "conj" and rel.head.i in self.token_refs:
            # "Japan and South Korea's frosty relations": the parser coordinates Japan with
            # the relations, not with their other owner
            partners = self._refs_of(rel.head)
        multi = [r for r in mods if len(r.actors) > 1]
        if multi:
            return self._make_relation(trigger, self._pairs_within(multi[:1]), cue)
        a_side = owners or mods[:1]
        b_side = partners or mods[1:]
        if b_side and not a_side and trigger.dep_ == "advcl":
            # "France withdrew after relations with Mali broke down": the main subject's
            taken = {a.country or a.code for r in b_side for a in r.actors}
            a_side = [
                r
                for r in self._subjects(trigger.head)
                if not {a.country or a.code for a in r.actors} & taken
            ]
        if a_side and b_side:
            return self._make_relation(trigger, [(a, b) for a in a_side for b in b_side], cue)
        return []

    # -- time --------------------------------------------------------------------------------

    def _place_timexes(self) -> list[tuple[Timex, Any]]:
        out = []
        for t in self.timexes:
            span = self.sdoc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                out.append((t, span.root))
        return out

    def _anchor(self, root: Any) -> Any:
        """What a time expression dates: the noun it modifies ('its Cold War partnership',
        'the 1971 war') or else its clause."""
        if root.dep_ in {"compound", "amod", "nmod", "poss", "nummod"} and root.head.pos_ in {
            "NOUN",
            "PROPN",
        }:
            return root.head
        clause = _clause_of(root)
        if (
            root.dep_ == "npadvmod"
            and clause is not None
            and clause.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.i > root.i for c in clause.children)
        ):
            # "lodged a protest last month after an aircraft violated its airspace": the
            # parser hangs "last month" on the clause "after" opens; it dates the one before
            return clause.head
        return clause

    def _date_for(self, trigger: Any) -> DateSpan:
        """The date of the clause the trigger is in, else of a clause above it, else the
        previous record's date for "at that time", else tense or the document date."""
        chain = _clause_chain(trigger)
        best: tuple[int, int, DateSpan] | None = None
        for timex, root in self._place_timexes_cached():
            anchor = self._anchor(root)
            if anchor is None:
                continue
            if anchor not in chain and is_when_clause(anchor):
                # "When X was killed in July 2016, Y flew to Phnom Penh": the when-clause
                # dates the clause it modifies
                anchor = anchor.head
            if anchor in chain:
                rank = chain.index(anchor)
                dist = abs(root.i - trigger.i)
                if best is None or (rank, dist) < best[:2]:
                    best = (rank, dist, self._resolve_timex(timex, trigger))
        if best is None and self._place_timexes_cached() and len(self._place_timexes_cached()) == 1:
            timex, root = self._place_timexes_cached()[0]
            anchor = self._anchor(root)
            # the one date of the sentence, unless it sits in a clause the trigger governs
            # ("agreed to hold drills next year": next year dates the drills, not the accord)
            if (
                timex.kind != "anaphoric"
                and not _is_news_frame(trigger, self.lex.grammar)
                and anchor.pos_ not in {"NOUN", "PROPN"}
                and not (anchor.i != trigger.i and trigger in anchor.ancestors)
            ):
                best = (9, 0, self._resolve_timex(timex, trigger))
        if (best is None or best[0] > 0) and (interval := self._interval_date(trigger)):
            # "signed a treaty on Thursday, eleven years after their armies fought a war":
            # no date in its own clause, the war is eleven years before the treaty
            return interval
        if best is not None and best[2].start is not None:
            self.discourse.last_date = best[2]
            return best[2]
        if best is not None and best[2].start is None and self.previous_date:
            return self.previous_date
        # Narrative past: a past-tense clause with no date of its own, in a paragraph that is
        # telling earlier history, stays in that history ("At that time ... Pakistan was firm
        # with the USA").
        if (
            self.previous_date is not None
            and self.discourse.narrative
            and _is_past(trigger)
            and not _is_news_frame(trigger, self.lex.grammar)
            and self.previous_date.basis == "explicit"
            and self.previous_date.precision in {"day", "month", "year"}
        ):
            return self.previous_date
        if _is_past_perfect(trigger):
            return before_document(self.doc.date)
        return document_date(self.doc.date)

    def _interval_date(self, trigger: Any) -> DateSpan | None:
        """ "two weeks after Hanoi launched an invasion", "ten months after Thatcher's visit":
        the act is that long before (or after, with "before") the clause it modifies."""
        for x in (trigger, *trigger.ancestors):
            link = x if x.dep_ == "prep" else None
            if x.dep_ == "advcl":
                link = next(
                    (c for c in x.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}),
                    None,
                )
            if link is not None and link.lower_ in {"after", "before"}:
                holder = x if x.dep_ == "advcl" else link
                gap = next(
                    (
                        c
                        for c in holder.children
                        if c.dep_ == "npadvmod" and _lemma(c) in self.lex.scene["duration_nouns"]
                    ),
                    None,
                )
                n = _count_of(gap) if gap is not None else None
                if gap is not None and n is not None:
                    base = self._date_for(x.head)
                    sign = -1 if link.lower_ == "after" else 1
                    return shifted(base, sign * n, _lemma(gap))
            if x.dep_ in {"advcl", "ccomp", "relcl", "xcomp", "acl"} or x.head.i == x.i:
                return None
        return None

    def _place_timexes_cached(self) -> list[tuple[Timex, Any]]:
        return self.timex_tokens

    def _resolve_timex(self, timex: Timex, trigger: Any = None) -> DateSpan:
        if timex.kind == "anaphoric":
            return self.previous_date or DateSpan(None, None, "unknown", "relative")
        span = timex.date
        if (
            trigger is not None
            and span.start is not None
            and self.doc.date is not None
            and span.start < self.doc.date
            and _BARE_WEEKDAY.match(timex.text)
            and self.coder.modality.of(trigger) == "future"
        ):
            # "will host the Libyan prime minister on Friday": the coming Friday
            ahead = span.start + dt.timedelta(days=7)
            return DateSpan(ahead, ahead, span.precision, span.basis)
        return span


STATE_NAME_KINDS = frozenset({"country", "alias", "capital"})
ARMED_SECTORS = frozenset({"MIL", "GOV", "INS", "REB", "IGO"})
TRUCE_DEPS = frozenset({"nsubj", "nsubjpass", "xcomp", "dobj"})
NESTED_PREPS = {
    "with",
    "to",
    "of",
    "on",
    "against",
    "between",
    "in",
    "over",
    "toward",
    "towards",
    "into",
    "for",
    "by",
    "from",
    "inside",
    "within",
    "across",
    "near",
}
# Verbs used as light verbs beyond the lexicon's list ("go to war", "take action").
_LIGHT_TOO = {"go", "take"}


class _NoAntecedent(Exception):
    """The pronoun refers to someone who is not an actor."""


def _starts_clause(conj: Any) -> bool:
    """A conjunct directly followed by a finite verb is really that verb's subject
    ('close to the Soviet Union and the United States armed Pakistan')."""
    doc = conj.doc
    nxt = doc[conj.i + 1] if conj.i + 1 < len(doc) else None
    if nxt is None or conj.pos_ not in {"PROPN", "NOUN"} or conj.dep_ != "conj":
        return False
    first = conj.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ in {"nsubj", "nsubjpass", "csubj"}:
        return False  # "Cuba and the United States were enemies": a coordinated subject
    verb = nxt.head if nxt.dep_ in {"aux", "auxpass"} else nxt
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children):
        return False  # "relations between A and B soured": the verb has its own subject
    if nxt.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
        return True
    # a past-tense verb the tagger took for an adjective: "and the United States armed Pakistan"
    after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    return (
        nxt.tag_ in {"JJ", "VBN"}
        and nxt.lower_.endswith("ed")
        and after is not None
        and after.pos_ in {"PROPN", "DET"}
    )


def _opening_participle(tok: Any) -> bool:
    """ "Visiting Seoul, Trump said": a capitalised first participle the tagger calls a name."""
    return tok.i == 0 and tok.dep_ == "advcl" and tok.lower_.endswith(("ing", "ed"))


def _orphan_subject(v: Any) -> Any:
    """The misattached subject of a verb the parser left without one (see _starts_clause)."""
    first = min(
        [v, *(c for c in v.children if c.dep_ in {"aux", "auxpass", "neg"})], key=lambda t: t.i
    )
    if first.i == 0:
        return None
    prev = v.doc[first.i - 1]
    if prev.dep_ == "conj" and prev.pos_ in {"PROPN", "NOUN"} and _starts_clause(prev):
        return prev
    return None


def _bare(actor: Actor) -> bool:
    """A sector word with no state or group behind it ("troops", "civilians")."""
    return actor.country is None and actor.code == actor.sector and actor.sector != "IGO"


def _verb_lemma(tok: Any, *vocabularies: Any) -> str:
    """The lemma, or a rule-based one when the model's lemma is not a known verb (the
    lemmatizer turns "staged" into "stag")."""
    lemma = tok.lemma_.lower()
    if any(lemma in v for v in vocabularies):
        return lemma
    low = tok.lower_
    for cand in (
        low,
        low[:-1],
        low[:-2],
        low[:-3],
        low[:-3] + "e",
        low[:-2] + "e" if low.endswith("ed") else "",
        low[:-3] + "y" if low.endswith("ies") else "",
        low[:-4] if low[-5:-4] == low[-4:-3] else "",
    ):
        if cand and any(cand in v for v in vocabularies):
            return cand
    return lemma


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower() if tok is not None else ""


def _names_a_place(root: Any, gazetteer: Gazetteer, grammar: Grammar) -> bool:
    """A capital modifying a noun names where, not who: "the Paris climate accord", "the
    Minsk agreements", "the Moscow talks"; but "the Beijing government" is an actor."""
    if root.dep_ not in {"compound", "nmod", "amod"} or root.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = root.head
    return gazetteer.sector_of(head.text) is None and _lemma(head) not in grammar.holder_nouns


def _is_expletive(tok: Any, grammar: Grammar) -> bool:
    """ "it had been a shock to meet Trump", "it is likely that ...": a dummy subject."""
    if tok.dep_ == "expl":
        return True
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    head = tok.head
    if _lemma(head) not in {"be", "seem", "appear", "remain", "become", "take", "make"}:
        return False
    holders = [head, *(c for c in head.children if c.dep_ in {"attr", "acomp", "dobj", "oprd"})]
    for h in holders:
        # "it was prepared to release": a control adjective, "it" is the one prepared
        marks = (
            {"that", "whether"}
            if h.dep_ == "acomp" and h.lemma_ not in grammar.raising_adjectives
            else None
        )
        for c in h.children:
            if (
                c.dep_ in {"xcomp", "ccomp", "csubj", "acl", "relcl", "advcl"}
                and c.i > tok.i
                and any(
                    d.lower_ in (marks or {"to", "that", "whether"}) and d.i < c.i
                    for d in c.children
                )
            ):
                return True
    return False


def _others_dead(victims: list[Ref], sources: list[Ref]) -> list[Ref]:
    """The identifiable dead of an attack who are not the attacker's own."""
    own = {a.code for r in sources for a in r.actors}
    own_countries = {a.country for r in sources for a in r.actors if a.country}
    return [
        r
        for r in victims
        if not {a.code for a in r.actors} & own
        and not {a.country for a in r.actors} & own_countries
        and not all(_bare(a) for a in r.actors)
    ]


def _instrument_verb(with_prep: Any) -> Any:
    """The verb a "with" phrase is the means of, though the parser may hang the phrase on
    the verb's object ("stunned observers with a rebuke")."""
    head = with_prep.head
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"dobj", "obj"}:
        head = head.head
    return head if head.pos_ == "VERB" else None


def _inside_quote(tok: Any) -> bool:
    """Whether an odd number of quotation marks open before the word in its sentence."""
    marks = sum(1 for t in tok.sent[: tok.i - tok.sent.start] if t.text in QUOTE_MARKS)
    return marks % 2 == 1


def _count_of(unit: Any) -> int | None:
    """How many units a duration noun counts: "eleven years" 11, "a day" 1; "weeks" none."""
    for c in unit.children:
        if c.dep_ == "nummod":
            word = c.lower_.replace(",", "")
            if word.isdigit():
                return int(word)
            return NUMBER_WORDS.get(word)
        if c.dep_ == "det" and c.lower_ in {"a", "an", "one"}:
            return 1
    return None


def _has_prep(tok: Any, preps: tuple[str, ...]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children)


def _of_objects(tok: Any) -> list[str]:
    """Lemmas of a noun's of-objects, in order: "an exchange of prisoners" -> ["prisoner"]."""
    return [_lemma(p) for p in _of_object_tokens(tok)]


def _of_object_tokens(tok: Any) -> list[Any]:
    return [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _quote_over(v: Any, grammar: Grammar) -> Any:
    """'Trump said "China can fix this", urging Beijing to act': a participle after the
    closing quote belongs to the speaker, though the parser hangs it on the quoted verb."""
    head = v.head
    if not (v.dep_ == "advcl" and v.tag_ == "VBG" and head.dep_ == "ccomp"):
        return None
    if _lemma(head.head) not in grammar.reporting_verbs or head.head.i > v.i:
        return None
    between = v.doc[head.i + 1 : v.i]
    return head.head if any(t.tag_ == "''" for t in between) else None


def _mention_at(r: Ref, reader: _SentenceReader) -> Mention | None:
    for m in reader._mentions:
        if m.start == r.start and m.end == r.end:
            return m
    return None


def _mention_kind(r: Ref, reader: _SentenceReader) -> str | None:
    m = _mention_at(r, reader)
    return m.kind if m is not None else None


def _is_plural_ref(r: Ref, reader: _SentenceReader) -> bool:
    for m in reader._mentions:
        if m.start == r.start and m.end == r.end:
            return m.plural
    return False


def _trigger_text(tok: Any) -> str:
    parts = [tok]
    parts += [c for c in tok.children if c.dep_ == "prt"]
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _clause_of(tok: Any) -> Any:
    """The verb heading the clause a token belongs to."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in {"aux", "auxpass"}:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return None


def _clause_chain(tok: Any) -> list[Any]:
    """The trigger's clause and the clauses above it, nearest first."""
    chain = []
    cur = _clause_of(tok)
    seen = set()
    while cur is not None and cur.i not in seen:
        seen.add(cur.i)
        chain.append(cur)
        if cur.head.i == cur.i:
            break
        cur = _clause_of(cur.head)
    # nominal triggers: the noun itself can anchor a date ("the 1971 war")
    if tok.pos_ in {"NOUN", "PROPN"}:
        chain.insert(0, tok)
    return chain


def _is_past(tok: Any) -> bool:
    verb = _clause_of(tok)
    if verb is None:
        return False
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if not aux and verb.dep_ == "conj":
        # "has returned to ... and imposed new restrictions": the conjunct shares "has"
        aux = [c for c in verb.head.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in {"will", "would", "shall", "has", "have", "is", "are", "am"} for a in aux):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux)


def _is_present(sdoc: Any) -> bool:
    """The sentence's main clause speaks of now: present or present perfect tense."""
    for root in (t for t in sdoc if t.dep_ == "ROOT"):
        aux = {c.lower_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
        if aux & {"has", "have", "is", "are", "am", "will", "'s", "'re"}:
            return True
        if root.tag_ in {"VBZ", "VBP"} and not aux:
            return True
    return False


def _is_reporting(sdoc: Any, grammar: Grammar) -> bool:
    """ "Tillerson said both leaders agreed ...": a sentence told by a present-day source."""
    return any(t.dep_ == "ROOT" and _lemma(t) in grammar.reporting_verbs for t in sdoc)


def _is_news_frame(trigger: Any, grammar: Grammar) -> bool:
    """The reporting around the news ("declined to comment", "said in a statement") happens
    now, whatever history the story tells."""
    lemma = _lemma(trigger)
    return lemma in grammar.reporting_verbs or (
        lemma in {"decline", "refuse"}
        and any(_lemma(c) == "comment" for c in trigger.subtree if c.i != trigger.i)
    )


def _is_past_perfect(tok: Any) -> bool:
    verb = _clause_of(tok)
    if verb is None:
        return False
    return (
        any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in verb.children)
        and verb.tag_ == "VBN"
    )


# The threat a conditional punitive act makes, by the act's code (most specific first).
THREAT_CODES = {
    "161": "1313",
    "1661": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "166": "136",
    "191": "1381",
    "192": "1382",
    "2042": "1385",
    "204": "1385",
    "16": "131",
    "17": "130",
    "18": "1383",
    "19": "1384",
    "20": "1383",
}
_WILL = {"will", "would", "'ll", "shall", "wo"}


def _threat_code(code: str) -> str:
    return next((v for k, v in THREAT_CODES.items() if code.startswith(k)), "130")


def _warning_over(clause: Any, grammar: Grammar) -> Any:
    """The verb of warning whose complement (or reported clause) ``clause`` is."""
    cur = clause
    for _ in range(3):
        if cur.dep_ in {"ccomp", "xcomp"} and _lemma(cur.head) in grammar.warning_verbs:
            return cur.head
        if cur.dep_ not in {"xcomp", "conj"} or cur.head.i == cur.i:
            break
        cur = cur.head
    for c in clause.children:
        if (
            c.dep_ in {"parataxis", "ccomp"}
            and _lemma(c) in grammar.warning_verbs
            and c.i > clause.i
        ):
            return c  # "Houthi forces could attack ships, a spokesman warned"
    return None


def _announced_on_condition(clause: Any) -> bool:
    """'X will/would V ... if/unless Y ...' (through 'would not hesitate to V')."""
    cur = clause
    modal = cond = False
    for _ in range(3):
        modal |= any(c.dep_ == "aux" and c.lower_ in _WILL for c in cur.children)
        cond |= any(
            c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in c.children)
            for c in cur.children
        )
        if modal and cond:
            return True
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _reporter_of(clause: Any, grammar: Grammar) -> Any:
    """The reporting verb of a clause: 'X said (that) ...' or '..., X said'."""
    cur = clause
    for _ in range(3):
        if cur.dep_ == "ccomp" and _lemma(cur.head) in grammar.reporting_verbs:
            return cur.head
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            break
        cur = cur.head
    for c in clause.children:
        if (
            c.dep_ in {"parataxis", "ccomp"}
            and _lemma(c) in grammar.reporting_verbs
            and c.i > clause.i
        ):
            return c
    return None


RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}


def _antecedent(tok: Any) -> Any:
    """The noun a relative pronoun stands for: 'the tanker which the Guards seized'."""
    if tok is None or tok.lower_ not in RELATIVE_PRONOUNS or tok.tag_ not in {"WDT", "WP"}:
        return None
    clause = tok.head
    for _ in range(3):
        if clause.dep_ == "relcl":
            return clause.head
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return None


def _named_as(v: Any, grammar: Grammar) -> Any:
    """ "dismissed what it called false claims": the object is what it was called."""
    for c in v.children:
        if (
            c.dep_ == "ccomp"
            and _lemma(c) in grammar.naming_verbs
            and any(x.dep_ == "dobj" and x.lower_ == "what" for x in c.children)
        ):
            return next((x for x in c.children if x.dep_ in {"oprd", "attr"}), None)
    return None


def _share_coordinated_targets(found: list[_Found]) -> None:
    """ "The US severed ties with Cuba and imposed an embargo": a coordinated act of the same
    kind by the same party, with no target of its own, is aimed at the same party."""
    by_trigger = {f.trigger.i: f for f in found}
    for f in found:
        t = f.trigger
        if f.targets or t.dep_ != "conj" or t.pos_ != "VERB":
            continue
        g = by_trigger.get(t.head.i)
        if g is None or not g.targets or g.symmetric or f.symmetric:
            continue
        if {a.code for r in f.sources for a in r.actors} != {
            a.code for r in g.sources for a in r.actors
        }:
            continue
        if lookup(f.code).quad_class == lookup(g.code).quad_class:
            f.targets = list(g.targets)


def _object_gap(v: Any) -> bool:
    """Does the relative clause ``v`` lack its object ('the vessels it seized')?"""
    deps = {c.dep_ for c in v.children}
    if deps & {"dobj", "obj", "nsubjpass", "ccomp", "xcomp", "attr", "oprd"}:
        return False
    if any(c.tag_ in {"WRB", "WP$"} or c.lower_ in RELATIVE_PRONOUNS for c in v.children):
        return False  # "the city where it fought", "the troops that invaded": no gap
    return any(c.dep_ in SUBJECT_DEPS for c in v.children)


def _role_over(n: Any, grammar: Grammar) -> Any:
    """The role noun of 'a role in <n>', the 'in' attached to the noun or to its verb."""
    if n.dep_ != "pobj" or n.head.lower_ != "in":
        return None
    head = n.head.head
    if _lemma(head) in grammar.role_nouns:
        return head
    if head.pos_ in {"VERB", "AUX"}:
        return next(
            (
                c
                for c in head.children
                if c.dep_ in {"dobj", "obj"} and _lemma(c) in grammar.role_nouns
            ),
            None,
        )
    return None


def _quantified(c: Any, grammar: Grammar) -> Any:
    """What a quantity counts: 'thousands of children', 'some of its troops', '$3 billion in'."""
    if c is None or not (
        c.lower_ in QUANTIFIERS
        or c.pos_ == "NUM"
        or c.lower_ in {"billion", "million", "$"}
        or c.lower_ in grammar.quantity_nouns  # "deported thousands of children"
    ):
        return None
    # "in" only after a sum ("$3 billion in aid"): "a convoy in Kandahar" is where it was
    preps = {"of", "in"} if c.pos_ == "NUM" or c.lower_ in {"billion", "million", "$"} else {"of"}
    for p in c.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for pobj in p.children:
                if pobj.dep_ == "pobj":
                    return _quantified(pobj, grammar) or pobj  # "hundreds of tonnes of water"
    return None


def _aim_accused_acts(found: list[_Found]) -> None:
    """The act an accusation names is alleged against the accuser when it names no target.

    "Azerbaijan accused Armenia of moving troops towards the front" alleges a build-up
    against Azerbaijan; "Kyiv and Moscow accused each other of violating the truce" alleges a
    violation each way.  Only hostile acts (roots 13 to 20) are aimed so.
    """
    accusations = {
        f.trigger.i: f
        for f in found
        if f.code.startswith("112") and f.trigger.pos_ == "VERB" and f.sources
    }
    if not accusations:
        return
    for f in found:
        taken = {a.code for r in f.sources for a in r.actors}
        # "accused Eritrea of an attack on its troops": "its" taken for the accused leaves the
        # act aimed at its own doer, which says the pronoun was the accuser's
        doers = {a.country or a.code for r in f.sources for a in r.actors}
        aimed = [
            r
            for r in f.targets
            if not {a.country or a.code for a in r.actors} <= doers
            # but mass violence and harm to people are often done at home: "accused Myanmar
            # of genocide against its Rohingya minority"
            or f.code[:2] == "20"
            or any(a.sector == "CVL" for a in r.actors)
        ]
        if aimed or f.trigger.i in accusations or not "13" <= f.code[:2] <= "20":
            continue
        acc = _accusation_over(f.trigger, accusations)
        if acc is None:
            continue
        if acc.symmetric and not acc.targets:
            if sum(len(r.actors) for r in f.sources) > 1:
                f.symmetric = True
            continue
        f.targets = [r for r in acc.sources if not {a.code for a in r.actors} & taken]


def _aim_claims(found: list[_Found]) -> None:
    """A claim of responsibility is aimed where the act claimed was: "Al-Shabaab claimed
    responsibility for the bombing at Kabul airport" (015, at Afghanistan)."""
    for f in found:
        if not f.code.startswith("015") or f.targets:
            continue
        claimed = {
            p.i
            for c in f.trigger.children
            if c.dep_ == "dobj"
            for prep in c.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for p in prep.children
        }
        claimed |= {
            p.i
            for prep in f.trigger.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for p in prep.children
        }
        act = next((g for g in found if g.trigger.i in claimed and g.targets), None)
        if act is not None:
            f.targets = list(act.targets)


def _accusation_over(tok: Any, accusations: dict[int, _Found]) -> _Found | None:
    """The accusation whose complement ("of V-ing", "that ...") ``tok`` heads or joins."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in {"relcl", "acl", "appos"} or cur.head.i == cur.i:
            return None
        # "of launching an attack": a light verb's event noun climbs through its object
        if cur.dep_ not in {"pcomp", "prep", "conj", "ccomp", "xcomp", "pobj"} and not (
            cur.i == tok.i and cur.dep_ in {"dobj", "obj"} and tok.pos_ == "NOUN"
        ):
            return None
        if cur.dep_ == "conj" and cur.head.i in accusations:
            return None  # "accused Israel ... and vowed revenge": a second act, not the charge
        cur = cur.head
        if cur.i in accusations:
            return accusations[cur.i]
    return None


def _is_reciprocal(obj: Any) -> bool:
    """'each other', 'one another'."""
    return (
        obj is not None
        and obj.lower_ in {"other", "another"}
        and any(c.lower_ in {"each", "one"} for c in obj.children)
    )


def _nominal_intents(found: list[_Found], grammar: Grammar) -> None:
    """'Tokyo's willingness to mediate', 'Vatican offers to mediate': the offer is the event
    (an asserted intent, 039), whatever becomes of it; the act offered has not happened.
    'has no intention of negotiating with Argentina' is a negated intent."""
    for f in found:
        t = f.trigger
        if t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "of":
            noun = t.head.head  # "an offer of talks to North Korea"
        elif t.pos_ != "VERB":
            continue
        elif t.dep_ in {"acl", "xcomp", "relcl"} and any(
            x.dep_ == "aux" and x.lower_ == "to" for x in t.children
        ):
            noun = t.head
        elif t.dep_ == "pcomp" and t.head.lower_ == "of":
            noun = t.head.head
        else:
            continue
        if _lemma(noun) not in grammar.intent_nouns or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        code = INTENT_CODES.get(f.code) or INTENT_BY_ROOT.get(f.code[:2])
        if code is not None:
            f.code = code
            f.symmetric = f.symmetric and not f.targets
            negated = any(c.lower_ in {"no", "never"} for c in noun.children)
            f.modality = "negated" if negated else "asserted"


def _fold_complements(
    found: list[_Found], ending_verbs: frozenset[str], grammar: Grammar
) -> list[_Found]:
    """An appeal, demand, offer, intent or hope carries the act its complement names.

    "urged India to resume talks" is one appeal (to negotiate, 026): the act asked for has not
    happened, so it is not coded apart; it only makes the governing code specific.  "agreed to
    observe the ceasefire" is an intent (0356) and, being decided, the act is also coded as
    future.  Acts in relative clauses inside
    the complement ("to withdraw the troops that invaded Kuwait") did happen and stay, and so
    do acts the complement asks to end ("urged the council to halt Israel's air strikes").
    """
    governors = {
        f.trigger.i: f
        for f in found
        if (
            f.trigger.pos_ in {"VERB", "AUX", "ADJ"}
            and f.code[:2] in {"02", "03", "10", "12"}
            and _lemma(f.trigger) not in grammar.plan_verbs
        )
        # "optimistic about resuming talks with Tokyo": the talks are hoped for, not held
        or (f.trigger.pos_ == "ADJ" and f.code[:2] == "01")
    }
    if not governors:
        return found
    kept: list[_Found] = []
    carried: set[int] = set()
    for f in found:
        gov = _complement_governor(f.trigger, governors, ending_verbs)
        if gov is None or gov is f:
            kept.append(f)
            continue
        carried.add(id(gov))
        root = gov.code[:2]
        if root == "03" and _lemma(gov.trigger) in grammar.intent_verbs:
            # "decided to enhance cooperation": the decision is an asserted intent and the
            # cooperation itself a future event, coded as well.
            kept.append(f)
        if root == "12" and gov.code == "120":
            gov.code = next((v for k, v in REFUSAL_CODES.items() if f.code.startswith(k)), "120")
        if (
            root == "03"
            and gov.code == "030"
            and _lemma(gov.trigger) in grammar.warning_verbs
            and (lookup(f.code).quad_class == 4)
        ):
            gov.code = _threat_code(f.code)  # "vowed to attack any American warship"
        if root == "03" and gov.code == "030":
            gov.code = INTENT_CODES.get(f.code) or INTENT_BY_ROOT.get(f.code[:2]) or gov.code
        if root == "03" and f.symmetric and not f.targets and gov.sources == f.sources:
            gov.symmetric = True  # "A and B pledged to double trade": each towards the other
        if (
            root == "03"
            and all(_bare(a) for r in gov.targets for a in r.actors)
            and gov.sources == f.sources
        ):
            # "Turkey pledged to send troops to Qatar": the pledge is made towards Qatar
            gov.targets = f.targets
        elif root in {"02", "10"} and gov.code in {"020", "100"}:
            pick = next(
                (v for k, v in REQUEST_CODES.items() if f.code.startswith(k)),
                None,
            )
            if pick is not None:
                gov.code = pick[0] if root == "02" else pick[1]
    # "refused to take sides between Washington and Moscow": a refusal to do what is no event
    # rejects no one
    return [
        f
        for f in kept
        if not (
            f.code == "120"
            and id(f) not in carried
            and any(c.dep_ == "xcomp" for c in f.trigger.children)
        )
    ]


# acts a party can be asked to lift, cancel or end (see _SentenceReader._act_undone)
UNDONE_ROOTS = frozenset({"07", "15", "16", "17", "18", "19", "20"})
_FACT_PREPS = {
    "after",
    "before",
    "during",
    "since",
    "following",
    "despite",
    "amid",
    "until",
    "when",
    "because",
    "as",
}


def _fused_mediation(tok: Any, grammar: Grammar) -> bool:
    """ "U.S.-brokered", "Qatari-mediated": a broker and its participle parsed as one word."""
    before, dash, after = tok.lower_.rpartition("-")
    return bool(dash and before) and tok.dep_ == "amod" and after in grammar.mediating_participles


def _complement_governor(
    tok: Any, governors: dict[int, _Found], ending_verbs: frozenset[str]
) -> _Found | None:
    """The appeal, demand or intent whose complement clause ``tok`` belongs to, if any."""
    cur = tok
    for _ in range(8):
        if cur.dep_ in {"dobj", "obj"} and _lemma(cur.head) in ending_verbs:
            return None  # "to halt the air strikes": strikes that are going on
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ in {"VBN", "VBG"}):
            return None  # "the troops that invaded Kuwait": an act that happened
        if (cur.dep_ == "prep" and cur.lower_ in _FACT_PREPS) or (
            cur.dep_ == "advcl" and any(c.lower_ in _FACT_PREPS for c in cur.children)
        ):
            return None  # "agreed to release them after five days of talks": the talks were held
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ == "conj" and cur.tag_ in {"VBD", "VBZ", "VBP"} and head.tag_ in {"VB", "VBG"}:
            return None  # "refused to take part ... and barred Poland": a finite second act
        if head.i in governors:
            if (
                cur.dep_ == "ccomp"
                or is_infinitive_complement(cur)
                or (head.pos_ == "ADJ" and cur.dep_ == "prep" and cur.lower_ in {"about", "over"})
            ):
                return governors[head.i]
            return None
        cur = head
    return None


def _drop_restatements(found: list[_Found]) -> list[_Found]:
    """One act told twice in a sentence is one event: "Li will travel to Australia, the
    first visit by a Chinese premier to Canberra"; "officials met in Aqaba to discuss Iran"."""
    verbs = [f for f in found if f.trigger.pos_ in {"VERB", "AUX"}]
    out: list[_Found] = []
    for f in found:
        t = f.trigger
        if t.dep_ == "appos" and t.pos_ == "NOUN":
            anchor = t.head  # the argument it restates
        elif t.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children
        ):
            anchor = t  # a purpose clause of the act
        else:
            out.append(f)
            continue
        restated = any(
            g is not f
            and g.code[:2] == f.code[:2]
            and (
                anchor.head.i == g.trigger.i
                if anchor is not t
                else t.head.i == g.trigger.i and g.sources == f.sources and g.targets == f.targets
            )
            for g in verbs
        )
        if not restated:
            out.append(f)
    return out


def _dedupe_events(events: list[Event]) -> list[Event]:
    seen: dict[tuple[Any, ...], Event] = {}
    for e in events:
        key = (
            e.source.code,
            e.target.code if e.target else None,
            e.cameo_root,
            e.span[0],
            e.trigger,
        )
        if key not in seen or e.confidence > seen[key].confidence:
            seen[key] = e
    # A verb event and the nominal event of the same pair and root in one sentence are one.
    out: dict[tuple[Any, ...], Event] = {}
    for e in seen.values():
        key = (e.source.code, e.target.code if e.target else None, e.cameo, e.modality)
        if key not in out or e.confidence > out[key].confidence:
            out[key] = e
    return sorted(out.values(), key=lambda e: (e.span[0], e.span[1], e.source.code))


def _dedupe_relations(relations: list[Relation]) -> list[Relation]:
    out: dict[tuple[Any, ...], Relation] = {}
    for r in relations:
        key = (tuple(sorted((r.a.code, r.b.code))), r.stance, r.modality)
        if key not in out:
            out[key] = r
    return list(out.values())


def code_text(
    text: str, date: dt.date | None = None, doc_id: str = "text", coder: Coder | None = None
) -> CodedDocument:
    """Code one string (convenience for notebooks and tests)."""
    return (coder or default_coder()).code(Document(doc_id=doc_id, text=text, date=date))


_DEFAULT: Coder | None = None


def default_coder() -> Coder:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT
