"""The gazetteer: finding and resolving actor mentions in raw text.

It runs on raw text, without spaCy, because it is also the gate that decides which sentences
are worth parsing: every alias is compiled into a few trie-shaped regular expressions (one
case-insensitive, one case-sensitive, one for combining prefixes such as "Russo-", one for
sector nouns), so the scan costs a handful of C-level passes over the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from allegiance.actors.dictionaries import (
    Content,
    Country,
    DictionaryError,
    SectorNoun,
    Surface,
    Target,
    is_agent_dictionary,
    looks_like_petrarch,
    parse_petrarch_actors,
    parse_petrarch_agents,
    parse_yaml,
)
from allegiance.model import Actor

PACKAGED_FILES = (
    "places.yaml",  # first: any other name written the same way wins over a place
    "states.yaml",
    "organisations.yaml",
    "groups.yaml",
    "sectors.yaml",
    "leaders.yaml",
    "exclusions.yaml",
)

_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
_DASH_GAP = re.compile(rf"\s*[{_DASHES}]\s*")
_DASH_AHEAD = re.compile(rf"\s*[{_DASHES}]")
_ODD = re.compile("[\\t\\n\\r\\f\\v\u00a0\u2018\u2019\u2010-\u2014]| {2}")
_WORD = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NAME_WORDS = re.compile(r"(?:\s+[A-Z][\w.'\u2019-]*){1,4}")
_OF_FROM = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?", re.I)
_LEADING_THE = re.compile(r"the\s+", re.I)
_SPACES = re.compile(r"\s+")
_COMPOUNDABLE = frozenset({"country", "alias", "demonym", "prefix", "capital"})
# "the British" (the people) attaches too: "the British foreign minister"
_ATTACHABLE = frozenset({"country", "alias", "demonym", "plural"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention in a text: its span, the actors it names, and how it was written."""

    start: int
    end: int
    text: str
    actors: tuple[Actor, ...]
    kind: str
    plural: bool
    gender: str | None = None  # a named person's, "f" or "m"


@dataclass(slots=True)
class _Entry:
    target: Target
    source: int
    cap: int | None  # index of a letter that must be upper-case in the match
    exact: str | None = None  # case-sensitive forms: the match must equal this


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    parts: list[tuple[str, str | None, str | None, str]]  # (code, country, sector, name)
    plural: bool
    target: Target | None = None
    title: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _normalise(s: str) -> str:
    if _ODD.search(s) is None:
        return s
    s = _SPACES.sub(" ", s.strip())
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    for d in _DASHES[1:]:
        s = s.replace(d, "-")
    return s


def _is_acronymish(text: str) -> bool:
    """Short forms and acronyms match only in the case written ("US" but never "us")."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 4:
        return True
    for tok in re.split(r"[\s-]+", text):
        alpha = [ch for ch in tok if ch.isalpha()]
        if len(alpha) >= 2 and all(ch.isupper() for ch in alpha):
            return True
        if re.fullmatch(r"(?:[A-Za-z]\.){2,}", tok):
            return True
    return False


def _trie_pattern(keys: Iterable[str]) -> str:
    """A regex alternation factored as a trie, so matching does not try every key in turn."""
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch == "'":
            return "['\u2019]"
        if ch == "-":
            return f"[{_DASHES}]"
        return re.escape(ch)

    def render(node: dict[str, dict]) -> str:
        terminal = "" in node
        branches = [char(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10000))
    try:
        return render(trie)
    finally:
        sys.setrecursionlimit(limit)


class Gazetteer:
    """States, organisations, groups, leaders and sector nouns, and a fast matcher over them."""

    def __init__(self) -> None:
        # All keys are lower-cased; letter case is checked on the original text after a match.
        self._names: dict[str, list[_Entry]] = {}
        self._prefix: dict[str, list[_Entry]] = {}
        self._sectors: dict[str, SectorNoun] = {}
        self._modifiers: set[str] = set()
        self._led_participles: set[str] = set()
        self._led_nouns: set[str] = set()
        self._led_regex: re.Pattern[str] | None = None
        self._countries: dict[str, Country] = {}
        self._by_cow: dict[int, str] = {}
        self._by_cowc: dict[str, str] = {}
        self._by_fips: dict[str, str] = {}
        self._by_cameo: dict[str, str] = {}
        self._by_iso2: dict[str, str] = {}
        self.lineage: dict[str, str] = {}
        self._stood_for: dict[str, list[Country]] = {}
        self._sources = 0
        self._compiled: re.Pattern[str] | None = None
        self._max_sector_words = 1

    # ------------------------------------------------------------------ building

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The packaged gazetteer, built once per process (it is immutable in practice)."""
        return cls.load()

    @classmethod
    def load(cls, dictionaries: Sequence[str | Path] = ()) -> Gazetteer:
        """The packaged data plus extra dictionaries, later ones taking precedence."""
        gaz = cls()
        base = resources.files("allegiance.actors") / "data"
        for name in PACKAGED_FILES:
            text = (base / name).read_text(encoding="utf-8")
            gaz._add_content(parse_yaml(text, name))
        for path in dictionaries:
            gaz.add_dictionary(path)
        return gaz

    def add_dictionary(self, path: str | Path) -> int:
        """Add a YAML dictionary of ours or a PETRARCH/TABARI actor or agent dictionary.

        The format is detected from the content; returns the number of records added and
        raises ValueError("<path>:<line>: <reason>") on malformed input.
        """
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise DictionaryError(p, 0, f"cannot read: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DictionaryError(p, line, "not UTF-8 text") from None
        if "\x00" in text:
            raise DictionaryError(p, text[: text.index("\x00")].count("\n") + 1, "binary data")
        if looks_like_petrarch(text) and not re.search(
            r"^(states|organi[sz]ations|groups|leaders|sectors|exclusions|places):", text, re.M
        ):
            if is_agent_dictionary(text):
                content = parse_petrarch_agents(text, str(p))
            else:
                names = {iso: c.name for iso, c in self._countries.items()}
                content = parse_petrarch_actors(
                    text, str(p), set(self._countries), self._by_cameo, names
                )
        else:
            content = parse_yaml(text, str(p))
        self._add_content(content)
        return content.records

    def _add_content(self, content: Content) -> None:
        self._sources += 1
        src = self._sources
        for c in content.countries:
            self._add_country(c)
        for s in content.surfaces:
            self._add_surface(s, src)
        for text in content.exclusions:
            target = Target("", None, None, "", "exclude")
            self._add_surface(Surface(text, target, "auto"), src)
        for noun in content.sector_nouns:
            if noun.sector is None:
                continue
            key = _normalise(noun.text).lower()
            self._sectors[key] = SectorNoun(
                key, noun.sector, noun.plural, noun.standalone, noun.title
            )
            self._max_sector_words = max(self._max_sector_words, key.count(" ") + 1)
        self._modifiers.update(m.lower() for m in content.modifiers)
        self._led_participles.update(content.led_participles)
        self._led_nouns.update(content.led_nouns)
        self._led_regex = None
        self._compiled = None

    def _add_country(self, c: Country) -> None:
        self._countries[c.iso3] = c
        for other in c.stands_for:
            self._stood_for.setdefault(other, []).append(c)
        if c.successor:
            self.lineage[c.iso3] = c.successor
        current = c.until_year is None
        pairs = [
            (self._by_cow, c.cow),
            (self._by_cowc, c.cowc),
            (self._by_fips, c.fips),
            (self._by_iso2, c.iso2),
        ]
        pairs += [(self._by_cow, n) for n in c.cow_other]
        pairs += [(self._by_cowc, n) for n in c.cowc_other]
        for table, key in pairs:
            if key is None or key == "":
                continue
            old = table.get(key)  # type: ignore[call-overload]
            if old is None or (current and self._countries[old].until_year is not None):
                table[key] = c.iso3  # type: ignore[index]
        self._by_cameo[c.iso3] = c.iso3
        for code in c.cameo:
            self._by_cameo[code] = c.iso3

    def _add_surface(self, s: Surface, src: int) -> None:
        text = _normalise(s.text)
        if s.target.kind not in ("plural", "exclude") and text.lower().startswith("the "):
            text = text[4:]
        if not text:
            return
        case = s.case
        if case == "petrarch":
            case = "capital" if sum(ch.isalpha() for ch in text) <= 3 else "insensitive"
        if case == "auto":
            case = "sensitive" if _is_acronymish(text.removeprefix("the ")) else "capital"
        table = self._prefix if s.target.kind == "prefix" else self._names
        cap = exact = None
        if case == "sensitive":
            exact = text
        elif case == "capital":
            cap = next((i for i, ch in enumerate(text) if ch.isupper()), None)
        table.setdefault(text.lower(), []).append(_Entry(s.target, src, cap, exact))

    def _regex(self) -> re.Pattern[str]:
        """One trie over every key, matched against lower-cased text.

        Case-sensitive literals let the regex engine skip failing trie branches with a
        single comparison, which makes this several times faster than re.IGNORECASE.
        """
        if self._compiled is None:
            keys = set(self._names) | set(self._prefix) | set(self._sectors)
            # Every key starts with a word character, so \b is a start-of-word test here.
            self._compiled = re.compile(r"\b(?:" + _trie_pattern(keys) + r")(?!\w)")
        return self._compiled

    # ------------------------------------------------------------------ lookups

    def successor(self, country: str) -> str:
        """Follow the lineage of dissolved states to today's state ("SUN" -> "RUS")."""
        seen = set()
        while country in self.lineage and country not in seen:
            seen.add(country)
            country = self.lineage[country]
        return country

    def country(self, iso3: str) -> Country | None:
        return self._countries.get(iso3.upper())

    def countries(self) -> list[Country]:
        return sorted(self._countries.values(), key=lambda c: c.iso3)

    def by_cow(self, cow: int) -> str | None:
        return self._by_cow.get(int(cow))

    def by_cowc(self, cowc: str) -> str | None:
        return self._by_cowc.get(cowc.upper())

    def by_cameo_country(self, code3: str) -> str | None:
        return self._by_cameo.get(code3.upper())

    def by_fips(self, fips: str) -> str | None:
        return self._by_fips.get(fips.upper())

    def by_iso2(self, iso2: str) -> str | None:
        return self._by_iso2.get(iso2.upper())

    def sector_of(self, word: str) -> str | None:
        """The sector a head noun signals ("troops" -> MIL), or None."""
        key = _normalise(_LEADING_THE.sub("", word.strip(), count=1)).lower()
        noun = self._sectors.get(key)
        return noun.sector if noun else None

    def stats(self) -> dict[str, int]:
        """Sizes, for reports and the final tally."""
        kinds: dict[str, int] = {}
        for table in (self._names, self._prefix):
            for entries in table.values():
                for e in entries:
                    kinds[e.target.kind] = kinds.get(e.target.kind, 0) + 1
        kinds["surfaces"] = sum(len(v) for t in (self._names, self._prefix) for v in t.values())
        kinds["states"] = len(self._countries)
        kinds["sector_nouns"] = len(self._sectors)
        return kinds

    # ------------------------------------------------------------------ matching

    def _choose(self, entries: list[_Entry], date: dt.date | None) -> Target | None:
        """The target a surface stands for: newest dictionary first, then by term."""
        top = max(e.source for e in entries)
        targets = [e.target for e in entries if e.source == top]
        if date is not None:
            for t in targets:
                if t.terms and t.in_term(date):
                    return t
            for t in targets:
                if t.default:
                    return t
            return None
        for t in targets:
            if t.default:
                return t
        return targets[0] if targets else None

    def _scan(self, text: str, date: dt.date | None) -> tuple[list[_Cand], list[_Cand]]:
        """One pass of the trie: name candidates and sector-noun candidates."""
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two; keep offsets
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        names: list[_Cand] = []
        nouns: list[_Cand] = []
        for m in self._regex().finditer(low):
            start, end = m.span()
            key = _normalise(m.group(0))
            orig: str | None = None
            entries = self._names.get(key)
            if entries:
                orig = _normalise(text[start:end])
                ok = [
                    e
                    for e in entries
                    if (e.exact is None or e.exact == orig)
                    and (e.cap is None or (e.cap < len(orig) and orig[e.cap].isupper()))
                ]
                if ok:
                    target = self._choose(ok, date)
                    if target is not None:
                        names.append(self._cand(text, start, end, target))
                    continue
            entries = self._prefix.get(key)
            if entries and _DASH_AHEAD.match(text, end):
                orig = orig or _normalise(text[start:end])
                ok = [e for e in entries if e.cap is None or orig[e.cap].isupper()]
                if ok:
                    names.append(self._cand(text, start, end, ok[-1].target))
                    continue
            noun = self._sectors.get(key)
            if noun is not None:
                nouns.append(_Cand(start, end, "noun", [], noun.plural, extra={"key": key}))
        return names, nouns

    def _cand(self, text: str, start: int, end: int, target: Target) -> _Cand:
        if target.kind == "plural":
            lead = _LEADING_THE.match(text, start)
            if lead and lead.end() < end:
                start = lead.end()
        name = target.name
        if target.kind in {"leader", "place"} and target.country in self._countries:
            name = self._countries[target.country].name  # the actor is the state
        part = (target.code, target.country, target.sector, name)
        return _Cand(start, end, target.kind, [part], target.plural, target)

    def _attach(self, text: str, pos: int) -> tuple[int, str, bool, bool] | None:
        """Sector nouns right after a state name: "Pakistan's army chief", "Indian troops"."""
        p = pos
        m = _POSSESSIVE.match(text, p)
        if m:
            p = m.end()
        words: list[tuple[str, int]] = []
        for _ in range(6):
            wm = _WORD.match(text, p)
            if not wm:
                break
            words.append((wm.group(1).lower(), wm.end()))
            p = wm.end()
        i = 0
        first: SectorNoun | None = None
        last: SectorNoun | None = None
        end = pos
        while i < len(words):
            for n in range(min(self._max_sector_words, len(words) - i), 0, -1):
                noun = self._sectors.get(" ".join(w for w, _ in words[i : i + n]))
                if noun is not None:
                    first = first or noun
                    last = noun
                    end = words[i + n - 1][1]
                    i += n
                    break
            else:
                if words[i][0] in self._modifiers and i < 4:
                    i += 1
                    continue
                break
        if first is None or last is None:
            return None
        return end, first.sector or "", last.plural, last.title

    def find_mentions(self, text: str, date: dt.date | None = None) -> list[Mention]:
        """All actor mentions, non-overlapping (longest first), sorted by start."""
        if isinstance(date, dt.datetime):
            date = date.date()
        cands, nouns = self._scan(text, date)
        # "anti-American protesters" oppose the United States; they are not its people
        cands = [
            c
            for c in cands
            if not text[max(0, c.start - 5) : c.start].lower().endswith(("anti-", "anti "))
        ]
        cands = self._compounds(text, cands)
        cands = self._led_phrases(text, cands)
        cands = self._group_homes(text, cands)
        cands = self._sector_phrases(text, cands)
        cands = self._sector_nouns(text, cands, nouns)
        out = []
        for c in cands:
            if c.kind == "exclude":
                continue
            span = text[c.start : c.end]
            actors = tuple(
                self._as_of(Actor(code, country, sector, name, span), date)
                for code, country, sector, name in c.parts
            )
            gender = c.target.gender if c.target is not None and len(c.parts) == 1 else None
            out.append(Mention(c.start, c.end, span, actors, c.kind, c.plural, gender))
        return out

    def _as_of(self, actor: Actor, date: dt.date | None) -> Actor:
        """The state a name stood for on ``date``: "Moscow" or "Russia" in 1970 is the USSR."""
        if date is None or actor.country not in self._stood_for:
            return actor
        for pred in self._stood_for[actor.country]:
            start = pred.from_year or 0
            end = pred.until_year or 9999
            if start <= date.year <= end:
                code = (
                    pred.iso3 + actor.code[len(actor.country) :]
                    if actor.code.startswith(actor.country)
                    else actor.code
                )
                return Actor(code, pred.iso3, actor.sector, pred.name, actor.text)
        return actor

    def _compounds(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Join "Russo-Pak", "US-India-Japan", "Russo- Chinese - Pak" into one mention."""
        out: list[_Cand] = []
        i = 0
        while i < len(cands):
            c = cands[i]
            j = i
            if c.kind in _COMPOUNDABLE:
                while j + 1 < len(cands):
                    nxt = cands[j + 1]
                    gap = _DASH_GAP.fullmatch(text, cands[j].end, nxt.start)
                    if not gap or nxt.kind not in _COMPOUNDABLE:
                        break
                    j += 1
            if j > i:
                group = cands[i : j + 1]
                parts = [
                    (t.parts[0][1] or t.parts[0][0], t.parts[0][1], None, t.parts[0][3])
                    for t in group
                ]
                kind = "prefix" if any(g.kind == "prefix" for g in group) else c.kind
                out.append(_Cand(c.start, group[-1].end, kind, parts, False))
                i = j + 1
                continue
            if c.kind != "prefix":
                out.append(c)
            i += 1
        return out

    def _led_phrases(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """ "US-led forces", "the Saudi-led coalition": the leader is the actor of the phrase."""
        if not self._led_participles or not self._led_nouns:
            return cands
        if self._led_regex is None:
            parts = "|".join(re.escape(w) for w in sorted(self._led_participles))
            nouns = "|".join(re.escape(w) for w in sorted(self._led_nouns, key=len, reverse=True))
            self._led_regex = re.compile(
                rf"\s*[{_DASHES}]\s*(?:{parts})\s+(?:[a-z][\w-]*\s+){{0,2}}?({nouns})\b", re.I
            )
        for i, c in enumerate(cands):
            if c.kind not in _COMPOUNDABLE | {"igo", "group"}:
                continue
            m = self._led_regex.match(text, c.end)
            if m is None or (i + 1 < len(cands) and cands[i + 1].start < m.end()):
                continue
            c.end = m.end()
            c.plural = m.group(1).lower().endswith("s")
            c.kind = "led"  # a phrase of its own: no sector noun attaches to it
        return cands

    def _group_homes(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """ "Pakistani Taliban" -> the Taliban of Pakistan (TTP if the data says so)."""
        out: list[_Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if (
                c.kind == "group"
                and prev is not None
                and prev.kind in ("demonym", "country")
                and len(prev.parts) == 1
                and text[prev.end : c.start].isspace()
                and c.target is not None
            ):
                country = prev.parts[0][1]
                code = c.target.homes.get(country or "", c.target.code)
                out[-1] = _Cand(
                    prev.start,
                    c.end,
                    "group",
                    [(code, country, c.target.sector, c.target.name)],
                    c.plural,
                    c.target,
                )
                continue
            out.append(c)
        return out

    def _sector_phrases(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Extend state names over the sector noun phrase that follows them."""
        out: list[_Cand] = []
        i = 0
        while i < len(cands):
            c = cands[i]
            i += 1
            attachable = c.kind in _ATTACHABLE and len(c.parts) == 1 and c.parts[0][2] is None
            if not (attachable or c.kind in ("group", "igo")):
                out.append(c)
                continue
            hit = self._attach(text, c.end)
            while hit and i < len(cands) and cands[i].kind == "exclude" and cands[i].end <= hit[0]:
                i += 1  # "US National Security Council": the exclusion is inside the phrase
            limit = cands[i].start if i < len(cands) else len(text)
            if hit is None or hit[0] > limit:
                out.append(c)
                continue
            end, sector, plural, title = hit
            if not attachable:  # "Taliban fighters", "NATO troops": same actor, wider span
                c.end, c.plural = end, plural
                out.append(c)
                continue
            code, country, _, name = c.parts[0]
            kind = "title" if title else c.kind
            new = _Cand(
                c.start,
                end,
                kind,
                [((country or code) + sector, country, sector, name)],
                plural,
                c.target,
                title,
            )
            if title:  # "Russian foreign minister Sergei Lavrov": take the name along
                if (
                    i < len(cands)
                    and cands[i].kind == "leader"
                    and text[end : cands[i].start].isspace()
                ):
                    new.end = cands[i].end
                    i += 1
                else:
                    nm = _NAME_WORDS.match(text, end)
                    if nm and (i >= len(cands) or nm.end() <= cands[i].start):
                        new.end = nm.end()
            out.append(new)
        return out

    def _sector_nouns(self, text: str, cands: list[_Cand], nouns: list[_Cand]) -> list[_Cand]:
        """Titles before leaders, "the army of Pakistan", and bare "militants"/"police"."""
        starts = [c.start for c in cands]
        by_start = {c.start: c for c in cands}
        consumed: set[int] = set()
        extra: list[_Cand] = []
        spans = [(c.start, c.end) for c in cands]
        for nc in nouns:
            s, e = nc.start, nc.end
            i = bisect.bisect_right(starts, s)
            if i > 0 and spans[i - 1][1] > s:
                continue
            if i < len(spans) and spans[i][0] < e:
                continue
            noun = self._sectors.get(nc.extra["key"])
            if noun is None or noun.sector is None:
                continue
            nxt = by_start.get(starts[i]) if i < len(starts) else None
            if nxt is not None and id(nxt) not in consumed:
                if noun.title and nxt.kind == "leader" and text[e : nxt.start].isspace():
                    nxt.start = s
                    consumed.add(id(nxt))
                    continue
                of = _OF_FROM.match(text, e)
                if (
                    of
                    and of.end() == nxt.start
                    and nxt.kind in ("country", "alias")
                    and len(nxt.parts) == 1
                    and nxt.parts[0][2] is None
                ):
                    code, country, _, name = nxt.parts[0]
                    nxt.parts = [((country or code) + noun.sector, country, noun.sector, name)]
                    nxt.start, nxt.plural = s, noun.plural
                    nxt.kind = "title" if noun.title else nxt.kind
                    consumed.add(id(nxt))
                    continue
            if noun.standalone:
                extra.append(
                    _Cand(
                        s, e, "sector", [(noun.sector, None, noun.sector, noun.text)], noun.plural
                    )
                )
        if extra:
            cands = sorted(cands + extra, key=lambda c: c.start)
        return cands

    # ------------------------------------------------------------------ resolve

    def resolve(self, text: str, date: dt.date | None = None) -> Actor | None:
        """One actor for a whole mention string ("the Pakistan army", "Modi"), or None."""
        s = text.strip()
        if not s:
            return None
        mentions = self.find_mentions(s, date)
        if mentions:
            best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
            a = best.actors[0]
            return Actor(a.code, a.country, a.sector, a.name, s)
        sector = self.sector_of(s)
        if sector:
            noun = _normalise(_LEADING_THE.sub("", s, count=1)).lower()
            return Actor(sector, None, sector, noun, s)
        return None
