"""Read a PETRARCH/TABARI verb dictionary into plain data the lexicon can use.

PETRARCH patterns are linear word templates around the verb (``- SAID * TO ATTEND [082]``);
the coder matches dependency structure instead, so only the shapes that have a dependency
reading are kept: a verb's default code, and patterns made of nothing before the verb and, after
it, an optional particle (``* DOWN``), an optional preposition (``* WITH``), an optional
one-word object or synset of one-word objects (``* TREATY``, ``* &CURRENCY``) and an optional
final target marker (``* WITH +``).  Everything else is counted in ``skipped`` by reason so a
user can see what a dictionary lost in translation.

Format, as PETRARCH reads it: ``--- NAME [code] ---`` opens a verb block; the lines after it
are verbs (``SAY {SAID SAYING} [010]``: irregular forms and an own code) and patterns (``- ...``);
``&NAME`` opens a synset whose ``+MEMBER`` lines follow; ``+VERB_PARTICLE`` is a multi-word
verb; ``[a:b]`` is a paired code (``a`` source to target, ``b`` target to source); ``[---]`` is
the null code; ``#`` starts a comment and ``<!-- -->`` lines are comments.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from allegiance.coding.lexicon import VerbSense
from allegiance.model import InputError
from allegiance.ontology import is_valid, normalise_code

PARTICLES = frozenset({"off", "up", "down", "out", "away", "back"})
PREPOSITIONS = frozenset(
    {
        "with",
        "for",
        "to",
        "against",
        "on",
        "upon",
        "at",
        "into",
        "from",
        "about",
        "over",
        "toward",
        "towards",
        "of",
        "in",
        "between",
        "by",
        "onto",
        "under",
        "through",
    }
)
_MARKERS = frozenset({"$", "%", "^"})  # source, compound actor, skipped phrase: no dependency form
_CODE = re.compile(r"\[([^\[\]]*)\]")
_HASH = re.compile(r"#(?![^\[]*\])")  # a comment, not a "#" inside a code such as [###]


@dataclass(frozen=True, slots=True)
class PetrarchSense:
    """One mapped reading of a verb: a code and the conditions under which it holds."""

    code: str
    reverse_code: str | None = None  # the "b" of a paired code [a:b]
    objects: tuple[str, ...] = ()
    particle: str | None = None
    prep: str | None = None
    target_after_prep: bool = False  # "- * WITH + [041]": the prep's object is the target
    line: int = 0

    def to_verb_sense(self, default_targets: tuple[str, ...]) -> VerbSense:
        targets = (self.prep,) if self.prep and self.target_after_prep else default_targets
        return VerbSense(
            code=self.code,
            objects=frozenset(self.objects),
            particle=self.particle,
            prep=self.prep,
            targets=targets,
            symmetric=self.reverse_code == self.code,
        )


@dataclass(slots=True)
class PetrarchVerbs:
    """A parsed verb dictionary: word form -> senses (patterns first, default last)."""

    name: str
    verbs: dict[str, list[PetrarchSense]] = field(default_factory=dict)
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: int = 0  # pattern lines read
    mapped: int = 0  # pattern lines kept as senses
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count

    def verb_senses(self, default_targets: tuple[str, ...]) -> dict[str, list[VerbSense]]:
        """The senses as the lexicon holds them; targets default to the lexicon's own."""
        return {
            w: [s.to_verb_sense(default_targets) for s in senses]
            for w, senses in self.verbs.items()
        }


@dataclass(slots=True)
class _Verb:
    words: tuple[str, ...]  # the forms (base and inflections), lower case
    code: str | None  # own or block code, None when null or invalid
    reverse: str | None
    particle: str | None
    line: int


@dataclass(slots=True)
class _Block:
    code: str | None
    reverse: str | None
    verbs: list[_Verb] = field(default_factory=list)
    senses: list[PetrarchSense] = field(default_factory=list)


def parse_petrarch_verbs(text: str, name: str) -> PetrarchVerbs:
    """Parse dictionary ``text`` (``name`` is used in errors); malformed lines raise InputError."""
    result = PetrarchVerbs(name)
    blocks: list[_Block] = []
    synset: str | None = None  # the synset whose "+" members are being read
    in_comment = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line, in_comment = _strip_comments(raw, in_comment)
        if not line:
            continue
        if line.startswith("+") and synset is not None:
            member = line[1:].strip().replace("_", " ").lower()
            if not member:
                raise InputError(name, "empty synset member", lineno)
            result.synsets[synset] += (member,)
            continue
        synset = None
        if line.startswith("&"):
            synset = line.split()[0].rstrip("_").upper()
            if len(synset) < 2:
                raise InputError(name, "synset needs a name after &", lineno)
            result.synsets[synset] = ()
        elif line.startswith("---"):
            code, reverse = _block_code(line, name, lineno, result)
            blocks.append(_Block(code, reverse))
        elif not blocks:
            raise InputError(name, "verb or pattern before the first --- block ---", lineno)
        elif line.startswith("-"):
            result.patterns += 1
            sense = _pattern(line, blocks[-1], result, lineno)
            if sense is not None:
                result.mapped += 1
                blocks[-1].senses.append(sense)
        else:
            verb = _verb(line, blocks[-1], result, lineno)
            if verb is not None:
                blocks[-1].verbs.append(verb)
    if in_comment:
        raise InputError(name, "unclosed <!-- comment")
    for block in blocks:
        for verb in block.verbs:
            senses = [] if verb.particle else list(block.senses)  # patterns are for plain verbs
            if verb.code is not None:
                senses.append(
                    PetrarchSense(verb.code, verb.reverse, particle=verb.particle, line=verb.line)
                )
            for w in verb.words:
                result.verbs.setdefault(w, []).extend(senses)
    result.verbs = {w: s for w, s in result.verbs.items() if s}
    return result


def _strip_comments(raw: str, in_comment: bool) -> tuple[str, bool]:
    """The line without ``#`` and ``<!-- -->`` comments, and whether a comment stays open."""
    line = raw
    out = ""
    while line:
        if in_comment:
            end = line.find("-->")
            if end < 0:
                return out.strip(), True
            line, in_comment = line[end + 3 :], False
            continue
        start = line.find("<!--")
        if start < 0:
            out += line
            break
        out += line[:start]
        line, in_comment = line[start + 4 :], True
    return _HASH.split(out, 1)[0].strip(), in_comment


def _codes(line: str, name: str, lineno: int) -> list[str]:
    """The bracketed codes on a line; an unbalanced bracket is malformed."""
    if line.count("[") != line.count("]"):
        raise InputError(name, "unbalanced [ ] around a code", lineno)
    codes = [c.strip() for c in _CODE.findall(line)]
    if any(not c for c in codes):
        raise InputError(name, "empty code []", lineno)
    return codes


def _parse_code(code: str, result: PetrarchVerbs) -> tuple[str | None, str | None] | None:
    """(code, reverse) for a valid code; None for the null code; counts invalid ones."""
    if code.strip("-") == "":
        return None
    first, _, second = code.partition(":")
    a, b = normalise_code(first.strip()), normalise_code(second.strip()) if second else None
    if not is_valid(a) or (b is not None and b.strip("-") and not is_valid(b)):
        result.skipped["invalid code"] += 1
        return None
    return a, (b if b and b.strip("-") else None)


def _block_code(
    line: str,
    name: str,
    lineno: int,
    result: PetrarchVerbs,
) -> tuple[str | None, str | None]:
    codes = _codes(line, name, lineno)
    if not _CODE.sub("", line).strip("- "):
        raise InputError(name, "a block header reads --- NAME [code] ---", lineno)
    if not codes:
        return None, None
    parsed = _parse_code(codes[0], result)  # PETRARCH reads the first code of a header
    return parsed if parsed else (None, None)


def _verb(line: str, block: _Block, result: PetrarchVerbs, lineno: int) -> _Verb | None:
    name = result.name
    codes = _codes(line, name, lineno)
    if len(codes) > 1:
        raise InputError(name, "a verb line takes at most one [code]", lineno)
    head = _CODE.sub(" ", line)
    if head.count("{") != head.count("}") or head.count("{") > 1:
        raise InputError(name, "unbalanced { } around verb forms", lineno)
    base, _, rest = head.partition("{")
    forms_text, _, tail = rest.partition("}")
    if tail.strip():
        raise InputError(name, f"unexpected text after the verb forms: {tail.strip()!r}", lineno)
    base_words = base.split()
    if not base_words:
        raise InputError(name, "verb line without a verb", lineno)
    if codes:
        parsed = _parse_code(codes[0], result)
        code, reverse = parsed if parsed else (None, None)
    else:
        code, reverse = block.code, block.reverse
    forms = [base_words[0] if len(base_words) == 1 else "_".join(base_words)]
    forms += forms_text.split()
    words: list[str] = []
    particle: str | None = None
    for form in forms:
        parts = [p for p in form.lower().split("_") if p]
        if "+" in form:  # multi-word verb: "+" marks the verb word
            if not parts[0].startswith("+"):
                result.skipped["multi-word verb with words before it"] += 1
                return None
            parts[0] = parts[0][1:]
        if any(not re.fullmatch(r"[a-z][a-z'\-]*", p) for p in parts):
            raise InputError(name, f"not a verb form: {form!r}", lineno)
        if len(parts) == 2 and parts[1] in PARTICLES:
            particle = parts[1]
        elif len(parts) != 1:
            result.skipped["multi-word verb"] += 1
            return None
        words.append(parts[0])
    return _Verb(tuple(dict.fromkeys(words)), code, reverse, particle, lineno)


def _pattern(line: str, block: _Block, result: PetrarchVerbs, lineno: int) -> PetrarchSense | None:
    name = result.name
    codes = _codes(line, name, lineno)
    if len(codes) != 1:
        raise InputError(name, "a pattern needs exactly one [code]", lineno)
    body = _CODE.sub(" ", line)[1:].replace("_ ", " ").strip().rstrip("_")
    if body.count("*") != 1:
        raise InputError(name, "a pattern needs exactly one * for the verb", lineno)
    before, _, after = body.partition("*")
    tokens = [t for t in re.split(r"[\s_]+", after) if t]
    for t in re.split(r"[\s_]+", body):
        if t.startswith("&") and t.rstrip("_").upper() not in result.synsets:
            raise InputError(name, f"undefined synset {t!r}", lineno)
    if "{" in body or "|" in body:
        result.skipped["disjunction"] += 1
        return None
    if before.strip():
        result.skipped["words before the verb"] += 1
        return None
    if any(t in _MARKERS for t in tokens) or "+" in tokens[:-1]:
        result.skipped["actor markers"] += 1
        return None
    target = bool(tokens) and tokens[-1] == "+"
    if target:
        tokens = tokens[:-1]
    words = [t.lower() for t in tokens]
    particle = words.pop(0) if words and words[0] in PARTICLES else None
    prep = words.pop(0) if words and words[0] in PREPOSITIONS else None
    objects: tuple[str, ...] = ()
    if len(words) > 1:
        result.skipped["multi-word phrase"] += 1
        return None
    if words:
        w = words[0]
        if w.startswith("&"):
            objects = tuple(m for m in _members(w.upper(), result.synsets) if " " not in m)
            if not objects:
                result.skipped["synset of phrases"] += 1
                return None
        elif re.fullmatch(r"[a-z][a-z'\-]*", w):
            objects = (w,)
        else:
            result.skipped["odd word"] += 1
            return None
    if not (particle or prep or objects):
        result.skipped["no condition"] += 1  # "- * [code]": the verb itself, with another code
        return None
    parsed = _parse_code(codes[0], result)
    if parsed is None:
        if codes[0].strip("-") == "":
            result.skipped["null code"] += 1
        return None
    code, reverse = parsed
    return PetrarchSense(code, reverse, objects, particle, prep, target, lineno)


def _members(
    synset: str,
    synsets: dict[str, tuple[str, ...]],
    seen: frozenset[str] = frozenset(),
) -> list[str]:
    """A synset's members with embedded synsets (``+&TIETYPES``) expanded, cycles ignored."""
    out: list[str] = []
    for m in synsets.get(synset, ()):
        inner = m.upper()
        if inner.startswith("&") and " " not in inner:
            if inner not in seen:
                out += _members(inner.rstrip("_"), synsets, seen | {synset})
        else:
            out.append(m)
    return out
