"""What a document has said so far: actors in order of mention and the last date.

Pronouns ("it", "they", "their") and definite descriptions ("the two countries") are resolved
against this state; "at that time" takes the last date a record was given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from allegiance.model import Actor, DateSpan

SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "theirs", "themselves"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him", "himself", "herself", "hers"})
FEMININE_PRONOUNS = frozenset({"she", "her", "herself", "hers"})


def gender_agrees(pronoun: str, gender: str | None) -> bool:
    """Can a person of ``gender`` (None: unknown, as for "the foreign minister") be meant by
    ``pronoun``?"""
    if gender is None or pronoun not in PERSON_PRONOUNS:
        return True
    return (gender == "f") == (pronoun.lower() in FEMININE_PRONOUNS)


PAIR_NOUNS = frozenset(
    {
        "countries",
        "nations",
        "sides",
        "states",
        "neighbours",
        "neighbors",
        "governments",
        "powers",
        "rivals",
        "allies",
        "capitals",
        "parties",
        "leaders",
        "armies",
        "militaries",
        "giants",
        "superpowers",
        "foes",
        "adversaries",
        "enemies",
        "partners",
        "regimes",
        "republics",
        "kingdoms",
        "monarchies",
        "democracies",
        "delegations",
        "presidents",
        "ministers",
        "navies",
        "forces",
        "economies",
        "signatories",
    }
)
# Pair nouns that name people: "the two leaders" are the last two people mentioned.
PERSON_PAIR_NOUNS = frozenset(
    {
        "men",
        "women",
        "leaders",
        "presidents",
        "ministers",
        "premiers",
        "officials",
        "diplomats",
        "envoys",
        "counterparts",
        "heads",
        "chiefs",
    }
)
SINGLE_NOUNS = frozenset(
    {
        "country",
        "nation",
        "state",
        "government",
        "kingdom",
        "republic",
        "emirate",
        "island",
        "archipelago",
        "monarchy",
        "regime",
    }
)


@dataclass(slots=True)
class Referent:
    actors: tuple[Actor, ...]
    plural: bool
    position: int  # document character offset of the mention
    person: bool = False  # a leader or official: "he", "she"
    gender: str | None = None  # a named person's, "f" or "m"


@dataclass(slots=True)
class Discourse:
    """Running state of one document while its sentences are coded in order."""

    referents: list[Referent] = field(default_factory=list)
    # Where a sentence's subject was a person we cannot resolve ("Pence said ..."): a later
    # "he" or "she" may be that person, so it no longer reaches back past it.
    unknown_persons: list[int] = field(default_factory=list)
    last_date: DateSpan | None = None
    # True while consecutive sentences of one paragraph tell dated history; a paragraph
    # break or a sentence dated by the document date ends it.
    narrative: bool = False

    def mention(
        self,
        actors: tuple[Actor, ...],
        plural: bool,
        position: int,
        person: bool = False,
        gender: str | None = None,
    ) -> None:
        if actors:
            self.referents.append(
                Referent(actors, plural or len(actors) > 1, position, person, gender)
            )

    def _before(self, position: int) -> list[Referent]:
        return [r for r in self.referents if r.position < position]

    def resolve_pronoun(
        self, word: str, position: int, exclude: frozenset[str] = frozenset()
    ) -> tuple[Actor, ...]:
        """The most recent fitting antecedent before ``position``, or nothing."""
        word = word.lower()
        candidates = reversed(self._before(position))
        if word in SINGULAR_PRONOUNS:
            for r in candidates:
                a = r.actors[0]
                if (
                    not r.plural
                    and not r.person
                    and len(r.actors) == 1
                    and a.code not in exclude
                    and (a.country is not None or a.sector == "IGO")
                ):
                    return r.actors
            return ()
        if word in PERSON_PRONOUNS:
            blocker = max((p for p in self.unknown_persons if p < position), default=-1)
            for r in candidates:
                if r.position < blocker:
                    return ()
                if r.person and r.actors[0].code not in exclude and gender_agrees(word, r.gender):
                    return r.actors
            return ()
        if word in PLURAL_PRONOUNS:
            for r in candidates:
                if r.plural and all(a.code not in exclude for a in r.actors):
                    return r.actors
            return ()
        return ()

    def resolve_pair(self, position: int, persons: bool = False) -> tuple[Actor, ...]:
        """'the two countries': the last two distinct states mentioned. 'The two leaders' are
        the last two people mentioned, when there are two."""
        if persons:
            pair = self._last_two(r for r in reversed(self._before(position)) if r.person)
            if pair:
                return pair
        return self._last_two(reversed(self._before(position)))

    @staticmethod
    def _last_two(referents: Iterable[Referent]) -> tuple[Actor, ...]:
        seen: dict[str, Actor] = {}
        for r in referents:
            for a in r.actors:
                if a.country and a.country not in seen:
                    seen[a.country] = a
                if len(seen) == 2:
                    return tuple(reversed(list(seen.values())))
        return ()

    def resolve_single(
        self, position: int, exclude: frozenset[str] = frozenset()
    ) -> tuple[Actor, ...]:
        """'the country': the last single state mentioned (other than the states excluded)."""
        for r in reversed(self._before(position)):
            if len(r.actors) == 1 and r.actors[0].country and r.actors[0].country not in exclude:
                return r.actors
        return ()
