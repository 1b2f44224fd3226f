"""The event lexicon and the relation and modality cue tables, loaded from data files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from allegiance.model import InputError
from allegiance.ontology import is_valid, normalise_code


class _StrictBoolLoader(yaml.SafeLoader):
    """YAML loader where only true/false are booleans: particles such as "on" and "off"
    and country codes such as "NO" must stay strings in a lexicon."""


_StrictBoolLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictBoolLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictBoolLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(
            name,
            f"invalid YAML: {getattr(exc, 'problem', exc)}",
            line + 1 if line is not None else None,
        ) from None


def _packaged(name: str) -> str:
    return resources.files("allegiance.coding").joinpath("data").joinpath(name).read_text("utf-8")


@dataclass(frozen=True, slots=True)
class VerbSense:
    code: str
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    prep: str | None = None
    targets: tuple[str, ...] = ()
    symmetric: bool = False
    reverse: bool = False
    subject_sectors: frozenset[str | None] | None = None
    theme: bool = False  # the object is the thing given or moved, never the target
    one_way: bool = False  # symmetric among coordinated subjects only ("A severed ties with B")
    prep_objects: frozenset[str] = frozenset()  # the object of `prep` ("put on *alert*")


# The code of a verb sense that names no event ("freed up manpower"): it stops the
# verb's general senses from applying.
NO_EVENT = "none"


@dataclass(frozen=True, slots=True)
class NounSense:
    code: str
    symmetric: bool = False
    modifiers: frozenset[str] = frozenset()
    modifiers_code: dict[str, str] = field(default_factory=dict)
    objects_code: dict[str, str] = field(default_factory=dict)
    light_only: bool = False
    compound: str | None = None  # "phone call": the compound word before the head
    verbs: dict[str, str] = field(default_factory=dict)  # light verb -> code ("voice agreement")
    targets: tuple[str, ...] = ()  # extra prepositions that introduce the target ("in" for money)
    preps_code: dict[str, str] = field(default_factory=dict)  # "drills around X": a show of force
    only_verbs: frozenset[str] = frozenset()  # the sense holds only with these light verbs
    # with one of these prepositions the noun needs none of its modifiers ("strikes against")
    modifier_preps: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AdjectiveSense:
    code: str
    targets: tuple[str, ...] = ()
    intent: bool = False  # "ready to meet X": an intent to do what the complement says


@dataclass(frozen=True, slots=True)
class StanceCue:
    stance: str
    polarity: float
    trend: str | None = None
    preps: tuple[str, ...] = ()


# The word lists of the "scene" section (a lexicon file may leave any of them out).
SCENE_LISTS = (
    "terrain_codes",
    "locative_preps",
    "venue_nouns",
    "resident_nouns",
    "force_nouns",
    "ending_verbs",
    "lifting_verbs",
    "describing_adjectives",
    "duration_nouns",
    "truce_nouns",
    "arrival_verbs",
    "peacekeeper_nouns",
)


@dataclass(frozen=True, slots=True)
class Grammar:
    """The word lists of the coder's grammar ("grammar" in the lexicon file): which verbs
    report, urge, warn or plan, which nouns hold a party or sum up a clause.  They decide how
    a sentence is read, not what is coded."""

    reporting_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    raising_verbs: frozenset[str]
    raising_adjectives: frozenset[str]
    intent_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    warning_verbs: frozenset[str]
    addressing_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    mediation_verbs: frozenset[str]
    mediating_participles: frozenset[str]
    supply_verbs: frozenset[str]
    arms_words: frozenset[str]
    prospective_modifiers: frozenset[str]
    role_nouns: frozenset[str]
    doubting_verbs: frozenset[str]
    spokes_nouns: frozenset[str]
    aide_nouns: frozenset[str]
    summary_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    container_nouns: frozenset[str]
    holder_nouns: frozenset[str]
    group_nouns: frozenset[str]

    @classmethod
    def from_section(cls, section: dict[str, Any], name: str) -> Grammar:
        """The lists of a lexicon file's "grammar" section; a list it leaves out is the
        packaged one, so a user's lexicon need not repeat them."""
        if not isinstance(section, dict):
            raise InputError(name, "the grammar section must map list names to word lists")
        unknown = sorted(set(section) - set(cls.__slots__))
        if unknown:
            raise InputError(name, f"unknown grammar list(s): {', '.join(unknown)}")
        packaged = _packaged_grammar_section() if set(section) != set(cls.__slots__) else {}
        return cls(
            **{
                key: frozenset(str(w).lower() for w in section.get(key, packaged.get(key)) or [])
                for key in cls.__slots__
            }
        )


@cache
def _packaged_grammar_section() -> dict[str, Any]:
    return (load_yaml(_packaged("lexicon.yaml"), "lexicon.yaml") or {}).get("grammar") or {}


@dataclass(slots=True)
class Lexicon:
    """Verb and noun patterns to CAMEO codes, plus the relation and modality cues."""

    verbs: dict[str, list[VerbSense]]
    nouns: dict[str, list[NounSense]]
    adjectives: dict[str, AdjectiveSense]
    light_verbs: frozenset[str]
    default_targets: tuple[str, ...]
    stop_triggers: frozenset[str]
    force_displays: dict[str, frozenset[str]]
    casualty_verbs: frozenset[str]
    rebuttals: dict[str, frozenset[str]]
    custody: dict[str, frozenset[str]]
    weapon_kinds: dict[str, str]
    counterparts: dict[str, dict[str, str]]
    state_epithets: frozenset[str]
    reaction_verbs: frozenset[str]
    reaction_nouns: dict[str, str]
    reactions_felt_in: frozenset[str]
    custody_code: str
    relation_nouns: dict[str, StanceCue]
    relation_adjectives: dict[str, StanceCue]
    relation_verbs: dict[str, StanceCue]
    relation_verb_particles: dict[str, dict[str, StanceCue]]
    relation_subject_nouns: frozenset[str]
    # "no formal ties with Taiwan": ties of recognition, whose absence is no stance
    recognition_modifiers: frozenset[str]
    relation_predicates: dict[str, StanceCue]
    relation_modifiers: dict[str, StanceCue]
    relation_phrases: dict[str, StanceCue]
    modality: dict[str, dict[str, frozenset[str]]]
    version: str
    # word lists of the place, visit, truce and interval constructions ("scene" in the file)
    scene: dict[str, frozenset[str]] = field(default_factory=dict)
    grammar: Grammar = field(default_factory=lambda: Grammar.from_section({}, "lexicon.yaml"))

    @classmethod
    @cache
    def default(cls) -> Lexicon:
        return cls.from_texts(
            _packaged("lexicon.yaml"), _packaged("relations.yaml"), _packaged("modality.yaml")
        )

    @classmethod
    def from_texts(
        cls, lexicon: str, relations: str, modality: str, name: str = "lexicon.yaml"
    ) -> Lexicon:
        lex = load_yaml(lexicon, name) or {}
        rel = load_yaml(relations, "relations.yaml") or {}
        mod = load_yaml(modality, "modality.yaml") or {}
        default_targets = tuple(lex.get("defaults", {}).get("targets", []))
        verbs: dict[str, list[VerbSense]] = {}
        for lemma, senses in (lex.get("verbs") or {}).items():
            verbs[str(lemma).lower()] = [
                _verb_sense(lemma, s, default_targets, name) for s in senses
            ]
        nouns: dict[str, list[NounSense]] = {}
        for key, s in (lex.get("nouns") or {}).items():
            words = str(key).lower().split()
            head = words[-1]
            compound = words[0] if len(words) > 1 else None
            nouns.setdefault(head, []).append(_noun_sense(key, s, compound, name))
        for senses in nouns.values():
            senses.sort(key=lambda s: s.compound is None)  # compound senses first
        verb_cues: dict[str, StanceCue] = {}
        particle_cues: dict[str, dict[str, StanceCue]] = {}
        for lemma, cue in (rel.get("verbs") or {}).items():
            if "stance" in cue:
                verb_cues[lemma] = _cue(cue)
            else:
                particle_cues[lemma] = {word: _cue(c) for word, c in cue.items()}
        modality_cues = {
            group: {k: frozenset(str(w).lower() for w in v) for k, v in entries.items()}
            for group, entries in mod.items()
        }
        digest = hashlib.sha1((lexicon + relations + modality).encode()).hexdigest()[:8]
        adjectives = {
            str(k).lower(): AdjectiveSense(
                code=_code(v.get("code", "030"), f"adjective {k!r}", name),
                targets=tuple(
                    v.get("targets")
                    or ("about", "on", "over", "with", "toward", "towards", "of", "to")
                ),
                intent=bool(v.get("intent", False)),
            )
            for k, v in (lex.get("adjectives") or {}).items()
        }
        return cls(
            verbs=verbs,
            nouns=nouns,
            adjectives=adjectives,
            light_verbs=frozenset(lex.get("light_verbs") or []),
            default_targets=default_targets,
            stop_triggers=frozenset(lex.get("stop_triggers") or []),
            state_epithets=frozenset(str(w).lower() for w in lex.get("state_epithets") or []),
            reaction_verbs=frozenset(
                str(w).lower() for w in (lex.get("reactions") or {}).get("verbs") or []
            ),
            reaction_nouns={
                str(k).lower(): _code(v, f"reaction {k!r}", name)
                for k, v in ((lex.get("reactions") or {}).get("nouns") or {}).items()
            },
            reactions_felt_in=frozenset(
                str(w).lower() for w in (lex.get("reactions") or {}).get("felt_in") or []
            ),
            counterparts={
                str(k).lower(): {str(a).upper(): str(b).upper() for a, b in (v or {}).items()}
                for k, v in (lex.get("counterparts") or {}).items()
            },
            weapon_kinds={
                str(k).lower(): _code(v, f"weapon kind {k!r}", name)
                for k, v in (lex.get("weapon_kinds") or {}).items()
            },
            custody={
                str(k).lower(): frozenset(str(w).lower() for w in v or [])
                for k, v in (lex.get("custody") or {}).items()
                if k != "code"
            },
            custody_code=str((lex.get("custody") or {}).get("code") or "173"),
            rebuttals={
                str(k).lower(): frozenset(str(w).lower() for w in v or [])
                for k, v in (lex.get("rebuttals") or {}).items()
            },
            casualty_verbs=frozenset(str(w).lower() for w in lex.get("casualty_verbs") or []),
            force_displays={
                str(k).lower(): frozenset(str(w).lower() for w in v or [])
                for k, v in (lex.get("force_displays") or {}).items()
            },
            relation_nouns={k: _cue(v) for k, v in (rel.get("nouns") or {}).items()},
            relation_adjectives={k: _cue(v) for k, v in (rel.get("adjectives") or {}).items()},
            relation_verbs=verb_cues,
            relation_verb_particles=particle_cues,
            relation_subject_nouns=frozenset(rel.get("relation_nouns") or []),
            recognition_modifiers=frozenset(rel.get("recognition_modifiers") or []),
            relation_predicates={
                k: _cue(v) for k, v in (rel.get("relation_predicates") or {}).items()
            },
            relation_modifiers={
                k: _cue(v) for k, v in (rel.get("relation_adjectives") or {}).items()
            },
            relation_phrases={k: _cue(v) for k, v in (rel.get("at_phrases") or {}).items()},
            modality=modality_cues,
            version=digest,
            scene={
                key: frozenset(str(w).lower() for w in (lex.get("scene") or {}).get(key) or [])
                for key in SCENE_LISTS
            },
            grammar=Grammar.from_section(lex.get("grammar") or {}, name),
        )

    @classmethod
    def from_file(cls, path: str | Path) -> Lexicon:
        """A user lexicon file replacing the packaged event lexicon (same format)."""
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(p), f"cannot read lexicon: {exc}") from None
        return cls.from_texts(text, _packaged("relations.yaml"), _packaged("modality.yaml"), str(p))

    def with_verbs(self, extra: dict[str, list[VerbSense]]) -> Lexicon:
        """A new lexicon trying ``extra`` senses before the packaged ones of the same verb, so an
        imported dictionary refines the lexicon without losing what it does not cover; the
        version changes with the senses so stored codings are redone."""
        verbs = {lemma: list(senses) for lemma, senses in self.verbs.items()}
        for lemma, senses in extra.items():
            verbs[lemma.lower()] = [*senses, *verbs.get(lemma.lower(), [])]
        canon = repr(
            sorted(
                (lemma.lower(), [_sense_key(s) for s in senses]) for lemma, senses in extra.items()
            )
        )
        digest = hashlib.sha1((self.version + canon).encode()).hexdigest()[:8]
        return replace(self, verbs=verbs, version=digest)

    @classmethod
    def from_petrarch_verbs(cls, path: str | Path, base: Lexicon | None = None) -> Lexicon:
        """``base`` (default: the packaged lexicon) with the verbs of a PETRARCH/TABARI verb
        dictionary tried first."""
        from allegiance.coding.petrarch_verbs import parse_petrarch_verbs

        p = Path(path)
        try:
            text = p.read_text("utf-8", errors="replace")
        except OSError as exc:
            raise InputError(str(p), f"cannot read verb dictionary: {exc}") from None
        base = base or cls.default()
        return base.with_verbs(parse_petrarch_verbs(text, str(p)).verb_senses(base.default_targets))

    def cues(self, group: str, kind: str) -> frozenset[str]:
        return self.modality.get(group, {}).get(kind, frozenset())


def _sense_key(s: VerbSense) -> tuple[Any, ...]:
    """A VerbSense as a stable tuple: sets sorted, so version hashes do not vary per run."""
    sectors = sorted(map(str, s.subject_sectors)) if s.subject_sectors is not None else None
    return (
        s.code,
        sorted(s.objects),
        s.particle,
        s.prep,
        s.targets,
        s.symmetric,
        s.reverse,
        sectors,
        s.one_way,
    )


def _code(code: Any, where: str, name: str) -> str:
    c = normalise_code(str(code))
    if not is_valid(c):
        raise InputError(name, f"{where}: unknown CAMEO code {code!r}")
    return c


def _verb_sense(
    lemma: str, s: dict[str, Any], default_targets: tuple[str, ...], name: str
) -> VerbSense:
    if not isinstance(s, dict) or "code" not in s:
        raise InputError(name, f"verb {lemma!r}: each sense needs a code")
    sectors = s.get("subject_sectors")
    no_event = s["code"] is None or str(s["code"]).lower() == "none"
    return VerbSense(
        code=NO_EVENT if no_event else _code(s["code"], f"verb {lemma!r}", name),
        objects=frozenset(str(o).lower() for o in s.get("objects") or []),
        particle=str(s["particle"]).lower() if s.get("particle") else None,
        prep=str(s["prep"]).lower() if s.get("prep") else None,
        targets=tuple(s.get("targets") or default_targets),
        symmetric=bool(s.get("symmetric", False)),
        reverse=bool(s.get("reverse", False)),
        subject_sectors=frozenset(sectors) if sectors is not None else None,
        theme=bool(s.get("theme", False)),
        one_way=bool(s.get("one_way", False)),
        prep_objects=frozenset(str(o).lower() for o in s.get("prep_objects") or []),
    )


def _noun_sense(key: str, s: dict[str, Any], compound: str | None, name: str) -> NounSense:
    if not isinstance(s, dict) or "code" not in s:
        raise InputError(name, f"noun {key!r}: needs a code")
    no_event = s["code"] is None or str(s["code"]).lower() == NO_EVENT  # "trade war"
    return NounSense(
        code=NO_EVENT if no_event else _code(s["code"], f"noun {key!r}", name),
        symmetric=bool(s.get("symmetric", False)),
        modifiers=frozenset(str(m).lower() for m in s.get("modifiers") or []),
        modifiers_code={
            str(k).lower(): _code(v, f"noun {key!r}", name)
            for k, v in (s.get("modifiers_code") or {}).items()
        },
        objects_code={
            str(k).lower(): _code(v, f"noun {key!r}", name)
            for k, v in (s.get("objects_code") or {}).items()
        },
        light_only=bool(s.get("light_only", False)),
        compound=compound,
        verbs={
            str(k).lower(): _code(v, f"noun {key!r}", name)
            for k, v in (s.get("verbs") or {}).items()
        },
        only_verbs=frozenset(str(v).lower() for v in s.get("only_verbs") or []),
        modifier_preps=frozenset(str(v).lower() for v in s.get("modifier_preps") or []),
        targets=tuple(str(t).lower() for t in s.get("targets") or ()),
        preps_code={
            str(k).lower(): _code(v, f"noun {key!r}", name)
            for k, v in (s.get("preps_code") or {}).items()
        },
    )


def _cue(v: dict[str, Any]) -> StanceCue:
    return StanceCue(
        stance=v["stance"],
        polarity=float(v["polarity"]),
        trend=v.get("trend"),
        preps=tuple(v.get("preps") or ()),
    )
