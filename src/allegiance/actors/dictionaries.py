"""Reading actor dictionaries: our YAML schema and PETRARCH/TABARI text dictionaries.

Everything the gazetteer knows comes through here as plain records, so the packaged data,
a user's YAML file and an imported PETRARCH dictionary are all treated alike.  Errors name
the file and line, because users edit these files by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from allegiance.model import SECTORS

KINDS = (
    "country",
    "alias",
    "demonym",
    "plural",
    "prefix",
    "capital",
    "institution",
    "leader",
    "title",
    "igo",
    "group",
    "sector",
)

# CAMEO/PETRARCH sector and agent codes that are not ours, folded into our ten sectors.
FOREIGN_SECTORS: dict[str, str] = {
    "COP": "GOV",
    "JUD": "GOV",
    "LEG": "GOV",
    "SPY": "GOV",
    "ELI": "GOV",
    "OPP": "POL",
    "PTY": "POL",
    "MOP": "POL",
    "SEP": "REB",
    "UAF": "INS",
    "IMG": "INS",
    "RAD": "INS",
    "NGM": "NGO",
    "HRI": "NGO",
    "MNC": "BUS",
    "AGR": "CVL",
    "EDU": "CVL",
    "LAB": "CVL",
    "REF": "CVL",
    "HLH": "CVL",
    "CIV": "CVL",
    "DEV": "CVL",
    "ENV": "CVL",
}


def sector_code(part: str) -> str | None:
    """Our sector for a 3-letter sector/agent code from any CAMEO-style dictionary."""
    part = part.upper()
    if part in SECTORS:
        return part
    return FOREIGN_SECTORS.get(part)


@dataclass(frozen=True, slots=True)
class Country:
    """Codes and lineage of one state, current or dissolved."""

    iso3: str
    name: str
    official: str = ""
    iso2: str | None = None
    cow: int | None = None
    cowc: str | None = None
    fips: str | None = None
    un: int | None = None
    cameo: tuple[str, ...] = ()
    successor: str | None = None
    # States whose names stood for this one while it existed: "Moscow" in 1970 is the USSR.
    stands_for: tuple[str, ...] = ()
    from_year: int | None = None
    until_year: int | None = None
    un_member: bool = False
    cow_other: tuple[int, ...] = ()
    cowc_other: tuple[str, ...] = ()


@dataclass(slots=True)
class Target:
    """What one surface form stands for, possibly only during some terms."""

    code: str
    country: str | None
    sector: str | None
    name: str
    kind: str
    plural: bool = False
    terms: tuple[tuple[dt.date | None, dt.date | None], ...] = ()
    default: bool = True  # PETRARCH: used when no dated restriction applies
    homes: dict[str, str] = field(default_factory=dict)  # group: home country -> code
    gender: str | None = None  # a person's, "f" or "m", for "she" and "he"; None if unknown

    def in_term(self, date: dt.date) -> bool:
        return any(
            (lo is None or lo <= date) and (hi is None or date <= hi) for lo, hi in self.terms
        )


@dataclass(slots=True)
class Surface:
    """One way of writing an actor, with how strictly its letter case must match."""

    text: str
    target: Target
    case: str = "auto"  # auto | sensitive | insensitive | capital (first letter upper)


@dataclass(slots=True)
class SectorNoun:
    text: str
    sector: str | None
    plural: bool = False
    standalone: bool = False
    title: bool = False


@dataclass(slots=True)
class Content:
    """Everything one dictionary file contributed."""

    countries: list[Country] = field(default_factory=list)
    surfaces: list[Surface] = field(default_factory=list)
    sector_nouns: list[SectorNoun] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    led_participles: list[str] = field(default_factory=list)
    led_nouns: list[str] = field(default_factory=list)
    records: int = 0


class DictionaryError(ValueError):
    """A malformed dictionary: the message is ``<path>:<line>: <reason>``."""

    def __init__(self, path: str | Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")


# --------------------------------------------------------------------------- YAML


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when available


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that remembers the line of every mapping (for error messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

YAML_SECTIONS = (
    "states",
    "organisations",
    "organizations",
    "groups",
    "leaders",
    "sectors",
    "modifiers",
    "exclusions",
    "led_by",
    "places",
)


def _date(value: Any, path: str, line: int) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return dt.date(value, 1, 1)
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DictionaryError(path, line, f"not an ISO date: {value!r}") from None


def _strings(rec: dict[str, Any], key: str, path: str) -> list[Any]:
    value = rec.get(key)
    if value is None:
        return []
    if isinstance(value, str | int):
        return [value]
    if not isinstance(value, list):
        raise DictionaryError(path, rec["__line__"], f"'{key}' must be a list")
    return value


def _surface_text(item: Any, path: str, line: int) -> tuple[str, str]:
    """An alias is a string or a mapping {text, case}; returns (text, case)."""
    if isinstance(item, str):
        return item.strip(), "auto"
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        case = item.get("case", "auto")
        if case not in ("auto", "sensitive", "insensitive", "capital"):
            raise DictionaryError(path, item.get("__line__", line), f"unknown case {case!r}")
        return item["text"].strip(), case
    raise DictionaryError(path, line, f"an alias must be a string, not {item!r}")


def _require(rec: Any, keys: tuple[str, ...], path: str, section: str, line: int) -> None:
    if not isinstance(rec, dict):
        raise DictionaryError(path, line, f"each entry of '{section}' must be a mapping")
    for key in keys:
        if not rec.get(key):
            raise DictionaryError(path, rec["__line__"], f"{section} entry lacks '{key}'")


def _sector(value: Any, path: str, line: int) -> str | None:
    if value is None:
        return None
    sector = str(value).upper()
    if sector not in SECTORS:
        raise DictionaryError(path, line, f"unknown sector {value!r} (use one of {SECTORS})")
    return sector


def _terms(rec: dict[str, Any], path: str) -> tuple[tuple[dt.date | None, dt.date | None], ...]:
    line = rec["__line__"]
    raw = rec.get("terms")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DictionaryError(path, line, "'terms' must be a list of [from, until]")
    out = []
    for term in raw:
        if not isinstance(term, list) or len(term) != 2:
            raise DictionaryError(path, line, f"a term must be [from, until], not {term!r}")
        lo, hi = _date(term[0], path, line), _date(term[1], path, line)
        if lo and hi and hi < lo:
            raise DictionaryError(path, line, f"term ends before it starts: {term!r}")
        out.append((lo, hi))
    return tuple(out)


def parse_yaml(text: str, path: str) -> Content:
    """Parse our YAML schema (see data/*.yaml) into records."""
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise DictionaryError(path, line, f"invalid YAML: {reason}") from None
    if doc is None:
        return Content()
    if not isinstance(doc, dict):
        sections = ", ".join(YAML_SECTIONS)
        raise DictionaryError(path, 1, f"expected a mapping with sections {sections}")
    unknown = [k for k in doc if k != "__line__" and k not in YAML_SECTIONS]
    if unknown:
        raise DictionaryError(path, doc["__line__"], f"unknown section {unknown[0]!r}")
    out = Content()
    for rec in doc.get("states") or []:
        _state(rec, path, out)
    for section in ("organisations", "organizations"):
        for rec in doc.get(section) or []:
            _organisation(rec, path, out)
    for rec in doc.get("groups") or []:
        _group(rec, path, out)
    for rec in doc.get("leaders") or []:
        _leader(rec, path, out)
    for rec in doc.get("places") or []:
        _place(rec, path, out)
    sectors = doc.get("sectors") or {}
    if not isinstance(sectors, dict):
        raise DictionaryError(path, doc["__line__"], "'sectors' must map a sector to its nouns")
    for sector, spec in sectors.items():
        if sector == "__line__":
            continue
        _sector_nouns(sector, spec, path, out, sectors["__line__"])
    for item in doc.get("modifiers") or []:
        out.modifiers.append(str(item).lower())
    led = doc.get("led_by") or {}
    if not isinstance(led, dict):
        raise DictionaryError(path, doc["__line__"], "'led_by' must map participles and nouns")
    out.led_participles.extend(str(w).lower() for w in led.get("participles") or [])
    out.led_nouns.extend(str(w).lower() for w in led.get("nouns") or [])
    for item in doc.get("exclusions") or []:
        text, _ = _surface_text(item, path, doc["__line__"])
        out.exclusions.append(text)
        out.records += 1
    return out


def _iso3(rec: dict[str, Any], key: str, path: str, line: int) -> str:
    code = str(rec[key]).upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise DictionaryError(
            path, line, f"{key} must be an ISO3 code of three letters, not {rec[key]!r}"
        )
    return code


def _add_names(rec: dict[str, Any], target: Target, path: str, line: int, out: Content) -> None:
    """One record's name and aliases, each a way of writing ``target``."""
    for item in [rec["name"], *_strings(rec, "aliases", path)]:
        text, case = _surface_text(item, path, line)
        out.surfaces.append(Surface(text, target, case))
    out.records += 1


def _state(rec: Any, path: str, out: Content) -> None:
    _require(rec, ("iso3", "name"), path, "states", 1)
    line = rec["__line__"]
    iso3 = _iso3(rec, "iso3", path, line)
    short = str(rec["name"])
    cameo = tuple(str(c).upper() for c in _strings(rec, "cameo", path))
    try:
        cows = [int(c) for c in _strings(rec, "cow", path)] if rec.get("cow") is not None else []
    except (TypeError, ValueError):
        raise DictionaryError(path, line, f"cow must be a number: {rec['cow']!r}") from None
    cowcs = [str(c) for c in _strings(rec, "cowc", path)]
    out.countries.append(
        Country(
            iso3=iso3,
            name=short,
            official=str(rec.get("official") or short),
            iso2=rec.get("iso2"),
            cow=cows[0] if cows else None,
            cowc=cowcs[0] if cowcs else None,
            cow_other=tuple(cows[1:]),
            cowc_other=tuple(cowcs[1:]),
            fips=rec.get("fips"),
            un=int(rec["un"]) if rec.get("un") is not None else None,
            cameo=cameo,
            successor=rec.get("successor"),
            stands_for=tuple(str(x).upper() for x in _strings(rec, "stands_for", path)),
            from_year=rec.get("from"),
            until_year=rec.get("until"),
            un_member=bool(rec.get("un_member", False)),
        )
    )
    out.records += 1

    def add(items: list[Any], kind: str, plural: bool, sector: str | None = None) -> None:
        for item in items:
            text, case = _surface_text(item, path, line)
            code = iso3 + (sector or "")
            target = Target(code, iso3, sector, short, kind, plural)
            out.surfaces.append(Surface(text, target, case))

    add([short], "country", False)
    if rec.get("official") and rec["official"] != short:
        add([rec["official"]], "country", False)
    add(_strings(rec, "aliases", path), "alias", False)
    add(_strings(rec, "demonyms", path), "demonym", False)
    add(_strings(rec, "plurals", path), "plural", True)
    add(_strings(rec, "capitals", path), "capital", False, "GOV")
    add(_strings(rec, "prefixes", path), "prefix", False)
    for inst in _strings(rec, "institutions", path):
        if isinstance(inst, str):
            add([inst], "institution", False, "GOV")
        elif isinstance(inst, dict) and inst.get("name"):
            sector = _sector(inst.get("sector", "GOV"), path, inst["__line__"])
            add([inst["name"]], "institution", False, sector)
        else:
            raise DictionaryError(path, line, f"bad institution {inst!r}")


def _organisation(rec: Any, path: str, out: Content) -> None:
    _require(rec, ("code", "name"), path, "organisations", 1)
    line = rec["__line__"]
    sector = _sector(rec.get("sector", "IGO"), path, line)
    country = rec.get("country")
    target = Target(str(rec["code"]), country, sector, str(rec.get("short") or rec["name"]), "igo")
    _add_names(rec, target, path, line, out)


def _group(rec: Any, path: str, out: Content) -> None:
    _require(rec, ("code", "name"), path, "groups", 1)
    line = rec["__line__"]
    sector = _sector(rec.get("sector", "INS"), path, line)
    homes = rec.get("homes") or {}
    if not isinstance(homes, dict):
        raise DictionaryError(path, line, "'homes' must map a country to a group code")
    homes = {str(k).upper(): str(v) for k, v in homes.items() if k != "__line__"}
    plural = bool(rec.get("plural", False))
    country = str(rec["country"]).upper() if rec.get("country") else None
    target = Target(
        str(rec["code"]), country, sector, str(rec["name"]), "group", plural, homes=homes
    )
    _add_names(rec, target, path, line, out)


def _leader(rec: Any, path: str, out: Content) -> None:
    _require(rec, ("name", "country"), path, "leaders", 1)
    line = rec["__line__"]
    country = str(rec["country"]).upper()
    sector = _sector(rec.get("sector", "GOV"), path, line)
    terms = _terms(rec, path)
    gender = str(rec.get("gender", "m")).lower()
    if gender not in {"f", "m"}:
        raise DictionaryError(path, line, f"gender must be f or m, not {rec['gender']!r}")
    target = Target(
        country + (sector or ""),
        country,
        sector,
        str(rec["name"]),
        "leader",
        terms=terms,
        default=not terms,
        gender=gender,
    )
    _add_names(rec, target, path, line, out)


def _place(rec: Any, path: str, out: Content) -> None:
    _require(rec, ("name", "country"), path, "places", 1)
    line = rec["__line__"]
    country = _iso3(rec, "country", path, line)
    # the actor is the state the place lies in; its name is filled in by the gazetteer
    _add_names(rec, Target(country, country, None, str(rec["name"]), "place"), path, line, out)


def _sector_nouns(sector: str, spec: Any, path: str, out: Content, line: int) -> None:
    ours = _sector(sector, path, line)
    if not isinstance(spec, dict):
        raise DictionaryError(path, line, f"sector {sector}: expected nouns/plurals/titles lists")
    line = spec["__line__"]
    standalone = {s.lower() for s in _strings(spec, "standalone", path)}
    for key, plural, title in (
        ("nouns", False, False),
        ("plurals", True, False),
        ("titles", False, True),
    ):
        for item in _strings(spec, key, path):
            if not isinstance(item, str):
                raise DictionaryError(path, line, f"sector {sector}: bad noun {item!r}")
            noun = item.strip().lower()
            out.sector_nouns.append(SectorNoun(noun, ours, plural, noun in standalone, title))
            out.records += 1


# --------------------------------------------------------------------------- PETRARCH

_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_RESTRICTION = re.compile(
    r"^(?P<code>[^\s<>]*?)\s*(?:(?P<op>[<>])\s*(?P<d1>\d{6,8})|(?P<a>\d{6,8})\s*-\s*(?P<b>\d{6,8}))$"
)


def _strip_comments(text: str) -> list[str]:
    """Remove <!-- --> blocks (keeping line count) and # comments."""

    def blank(m: re.Match[str]) -> str:
        return "\n" * m.group(0).count("\n")

    text = _COMMENT_BLOCK.sub(blank, text)
    return [line.split("#", 1)[0].rstrip() for line in text.split("\n")]


def looks_like_petrarch(text: str) -> bool:
    lines = [ln.strip() for ln in _strip_comments(text) if ln.strip()]
    if not lines:
        return False
    return any(_CODE_BLOCK.search(ln) for ln in lines) or any(_MACRO.match(ln) for ln in lines)


def is_agent_dictionary(text: str) -> bool:
    lines = _strip_comments(text)
    return any("~" in m.group(1) for ln in lines for m in _CODE_BLOCK.finditer(ln)) or any(
        _MACRO.match(ln.strip()) for ln in lines
    )


def _petrarch_phrase(raw: str) -> str:
    """`PRESIDENT_GEORGE_W._BUSH` -> `PRESIDENT GEORGE W. BUSH` (words consecutive)."""
    return " ".join(raw.replace("_", " ").split())


def _petrarch_date(s: str) -> dt.date:
    if len(s) == 6:  # YYMMDD, TABARI style
        yy = int(s[:2])
        year = 1900 + yy if yy >= 30 else 2000 + yy
        return dt.date(year, int(s[2:4]), int(s[4:6]))
    return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))


def _parse_code_block(body: str, path: str, line: int) -> tuple[str, tuple[Any, ...]]:
    body = " ".join(body.split())
    if not body:
        raise DictionaryError(path, line, "empty code block []")
    m = _RESTRICTION.match(body)
    if not m:
        if re.search(r"\d{5,}|[<>]", body):
            raise DictionaryError(path, line, f"cannot read date restriction [{body}]")
        return body.split("/")[0].strip(), ()
    code = m.group("code").split("/")[0]
    if not code:
        raise DictionaryError(path, line, f"date restriction without a code [{body}]")
    try:
        if m.group("op") == "<":
            return code, ((None, _petrarch_date(m.group("d1")) - dt.timedelta(days=1)),)
        if m.group("op") == ">":
            return code, ((_petrarch_date(m.group("d1")), None),)
        return code, ((_petrarch_date(m.group("a")), _petrarch_date(m.group("b"))),)
    except ValueError:
        raise DictionaryError(path, line, f"invalid date in [{body}]") from None


def parse_petrarch_actors(
    text: str, path: str, known: set[str], cameo: dict[str, str], names: dict[str, str]
) -> Content:
    """PETRARCH/TABARI actor dictionary: names, `+synonyms`, `[CODE]` or dated code lines.

    ``known`` are country codes we recognise, ``cameo`` maps CAMEO country codes to ISO3 and
    ``names`` gives canonical short names for ISO3 codes.
    """
    lines = _strip_comments(text)
    entries: list[tuple[int, list[str], list[tuple[str, tuple[Any, ...]]]]] = []
    current: tuple[int, list[str], list[tuple[str, tuple[Any, ...]]]] | None = None
    for no, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line.count("[") != line.count("]"):
            raise DictionaryError(path, no, "unbalanced [ ] in code block")
        codes = [_parse_code_block(m.group(1), path, no) for m in _CODE_BLOCK.finditer(line)]
        phrase = _CODE_BLOCK.sub(" ", line).strip()
        if phrase.startswith("+"):
            if current is None:
                raise DictionaryError(path, no, "synonym '+' line before any actor")
            current[1].append(_petrarch_phrase(phrase[1:]))
        elif phrase:
            if phrase.startswith("!") or "=" in phrase or "{" in phrase:
                raise DictionaryError(path, no, f"not an actor line: {phrase!r}")
            current = (no, [_petrarch_phrase(phrase)], [])
            entries.append(current)
        elif not codes:
            continue
        if codes:
            if current is None:
                raise DictionaryError(path, no, "code block before any actor")
            current[2].extend(codes)
    for no, phrases, codes in entries:
        if not codes:
            raise DictionaryError(path, no, f"actor {phrases[0]!r} has no [CODE]")
    # Three-letter codes a dictionary defines count as countries of that dictionary
    # (PETRARCH's test world has ARN, GON, MOR ...).
    local = {c for _, _, cs in entries for c, _ in cs if re.fullmatch(r"[A-Za-z]{3}", c)}
    names = dict(names)
    for _no, phrases, codes in entries:  # "ARNOR [ARN]": ARN is called Arnor
        for code, terms in codes:
            if code in local and not terms and code.upper() not in names:
                names[code.upper()] = phrases[0].title()
    out = Content()
    for _no, phrases, codes in entries:
        primary = phrases[0]
        for code, terms in codes:
            if code in ("---", "+++", "###") or not re.search(r"[A-Za-z]", code):
                target = None
            else:
                target = _petrarch_target(code.upper(), primary, known, cameo, names, local)
            if target is None:
                continue
            target.terms = terms
            target.default = not terms
            for phrase in phrases:
                out.surfaces.append(Surface(phrase, target, "petrarch"))
        out.records += 1
    return out


def _petrarch_target(
    code: str,
    primary: str,
    known: set[str],
    cameo: dict[str, str],
    names: dict[str, str],
    local: set[str],
) -> Target:
    head, rest = code[:3], code[3:]
    country: str | None = None
    sector: str | None = None
    if head in known or head in cameo:
        country = cameo.get(head, head)
    elif sector_code(head) or head in ("IGO", "NGO"):
        sector = sector_code(head)
    elif head in local or len(code) == 3:
        country = head
    if sector is None:
        for i in range(0, len(rest), 3):
            sector = sector_code(rest[i : i + 3])
            if sector:
                break
    name = names.get(country or "", "") or primary.title()
    kind = "alias" if country else ("igo" if sector in ("IGO", "NGO") else "group")
    return Target(code, country, sector, name, kind)


def parse_petrarch_agents(text: str, path: str) -> Content:
    """PETRARCH agent dictionary: `NOUN {PLURAL} [~CODE]` lines and `!MACRO! = A, B`."""
    macros: dict[str, list[str]] = {}
    out = Content()
    for no, raw in enumerate(_strip_comments(text), 1):
        line = raw.strip()
        if not line:
            continue
        m = _MACRO.match(line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE_BLOCK.findall(line)
        if len(codes) != 1 or line.count("[") != 1 or line.count("]") != 1:
            raise DictionaryError(path, no, "an agent line needs exactly one [CODE]")
        code = codes[0].replace(" ", "")
        if "~" not in code:
            raise DictionaryError(path, no, f"agent code must contain '~': [{code}]")
        noun_part = _CODE_BLOCK.sub(" ", line)
        plural_spec: str | None = None
        pm = re.search(r"\{([^}]*)\}", noun_part)
        if pm:
            plural_spec = pm.group(1).strip()
            noun_part = noun_part[: pm.start()] + noun_part[pm.end() :]
        noun = noun_part.strip()
        if not noun:
            raise DictionaryError(path, no, "agent line without a noun")
        part = code.replace("~", "")
        sector = sector_code(part[:3]) or next(
            (
                sector_code(part[i : i + 3])
                for i in range(3, len(part), 3)
                if sector_code(part[i : i + 3])
            ),
            None,
        )
        for singular in _expand_macros(noun, macros, path, no):
            phrase = _petrarch_phrase(singular).lower()
            out.sector_nouns.append(SectorNoun(phrase, sector))
            if plural_spec:
                for p in _expand_macros(plural_spec, macros, path, no):
                    out.sector_nouns.append(SectorNoun(_petrarch_phrase(p).lower(), sector, True))
            elif plural_spec is None:
                out.sector_nouns.append(SectorNoun(_plural(phrase), sector, True))
        out.records += 1
    return out


def _expand_macros(noun: str, macros: dict[str, list[str]], path: str, no: int) -> list[str]:
    m = re.search(r"![A-Z0-9_]+!", noun)
    if not m:
        return [noun]
    if m.group(0) not in macros:
        raise DictionaryError(path, no, f"undefined substitution {m.group(0)}")
    out = []
    for sub in macros[m.group(0)]:
        out.extend(_expand_macros(noun[: m.start()] + sub + noun[m.end() :], macros, path, no))
    return out


def _plural(phrase: str) -> str:
    """Regular English plural of the last word (PETRARCH does the same when none is given)."""
    head, _, last = phrase.rpartition(" ")
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return f"{head} {last}".strip()
