"""Modality of a record from the parse: asserted, negated, hypothetical, future, alleged,
speculative.

A cue counts only where it governs the trigger: a negation or modal on the trigger's own verb,
a determiner on an event noun ("no exercise"), or a verb, noun or conditional whose complement
holds the trigger ("India had expected that Russia will call off ...").  Reporting verbs ("said")
pass their complement through as asserted.  The nearest governing cue wins, so "X denied that
it plans to attack" is negated at "denied" only if nothing nearer (the plan) decides first.
"""

from __future__ import annotations

from typing import Any

from allegiance.coding.lexicon import Lexicon

# Dependency labels through which a governing word's modality reaches its complement.
COMPLEMENT_DEPS = {
    "xcomp",
    "ccomp",
    "advcl",
    "pcomp",
    "pobj",
    "dobj",
    "acl",
    "relcl",
    "nsubj",
    "nsubjpass",
    "prep",
    "conj",
    "attr",
    "appos",
    "compound",
    "amod",
    "obj",
}
STOP_DEPS = {"relcl", "appos", "parataxis", "punct", "cc", "mark", "npadvmod", "nmod"}
# Prepositions through which a verb's modality reaches its object ("accused X of attacking").
VERB_PREPS = {"of", "for", "about", "on"}


def is_infinitive_complement(tok: Any) -> bool:
    """A "to"-infinitive completing its head: an xcomp, or the same clause that the parser
    attached as an advcl because a phrase came between ("decided in 2014 to enhance ...")."""
    if tok.dep_ == "xcomp":
        return True
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ == "mark" for c in tok.children)
    )


class ModalityReader:
    def __init__(self, lexicon: Lexicon) -> None:
        c = lexicon.cues
        self.neg_particles = c("negation", "particles")
        self.neg_dets = c("negation", "determiners")
        self.neg_verbs = c("negation", "verbs")
        self.fut_modals = c("future", "modals")
        self.fut_verbs = c("future", "verbs")
        self.fut_phrases = c("future", "phrases")
        self.fut_adjs = c("future", "adjectives")
        self.fut_markers = c("future", "markers")
        self.going_to = c("future", "going_to")
        self.fut_object_verbs = c("future", "object_verbs")
        self.reported_modals = c("future", "reported_modal")
        self.fact_markers = c("factual", "markers")
        self.reporting = c("factual", "reporting_verbs")
        self.hyp_modals = c("hypothetical", "modals")
        self.hyp_verbs = c("hypothetical", "verbs")
        self.hyp_markers = c("hypothetical", "markers")
        self.all_verbs = c("alleged", "verbs")
        self.all_adverbs = c("alleged", "adverbs")
        self.all_adjs = c("alleged", "adjectives")
        self.spec_verbs = c("speculative", "verbs")
        self.spec_nouns = c("speculative", "nouns")
        self.spec_adjs = c("speculative", "adjectives")
        self.spec_adverbs = c("speculative", "adverbs")
        # what is to end or be lifted exists: "urged Israel to halt its strikes"
        self.ending_verbs = frozenset(lexicon.scene["ending_verbs"]) | frozenset(
            lexicon.scene["lifting_verbs"]
        )

    def of(self, trigger: Any) -> str:
        """The modality of the record whose trigger token is ``trigger``."""
        own = self._own(trigger)
        if own == "negated":
            return own
        gov = self._governor(trigger)
        if gov in {"hypothetical", "alleged", "speculative", "negated"}:
            return gov
        return own or gov or "asserted"

    def _governor(self, trigger: Any) -> str | None:
        """The modality imposed from above: climb through complements, never out of a
        relative clause or an adverbial phrase ("after the attack" keeps its own truth)."""
        cur = trigger
        for _ in range(8):
            head = cur.head
            if (
                head.i != cur.i
                and _present_when_clause(cur)
                and self.of(head) in {"future", "hypothetical", "speculative"}
            ):
                return "future"  # "will discuss trade when they meet": the meeting is ahead
            if head.i == cur.i or cur.dep_ in STOP_DEPS:
                return None
            if (
                cur.dep_ in {"dobj", "obj"}
                and _lemma(head) in self.ending_verbs
                and self._own(_first_conjunct(head)) is None
                and self._own(head) is None
            ):
                # "urged Israel to halt its strikes", "to lift the sanctions": they are in
                # force; but "will end his trip in Manila" ends a trip still ahead
                return None
            if (
                cur.dep_ == "advcl"
                and cur.tag_ in {"VBD", "VBN"}
                and _marks(cur) & self.fact_markers
            ):
                return None  # "three weeks after they severed ties": a past fact
            if cur.dep_ == "prep" and cur.lower_ == "to" and _looks_forward(head):
                return "future"  # "looks forward to talks with Egypt"
            if cur.dep_ == "acl" and cur.tag_ == "VBN":
                return None  # "reparations for the damage caused by the occupation": a fact
            if cur.dep_ == "prep" and head.pos_ in {"VERB", "AUX"} and cur.lower_ not in VERB_PREPS:
                if cur.lower_ == "during" and self._own(_first_conjunct(head)) == "future":
                    return "future"  # "will upgrade ties during Biden's visit": a visit ahead
                return None
            gov = self._governing(head, cur)
            if gov:
                return gov
            if head.pos_ in {"VERB", "AUX"} and cur.dep_ in {
                "dobj",
                "xcomp",
                "ccomp",
                "prep",
                "conj",
                "nsubj",  # "the trip will take him to Vienna": a future trip
            }:
                # the governing clause's own modality reaches its complements:
                # "is set to visit Moscow for talks" -> the talks are future too
                inherited = self._own(head)
                if inherited == "hypothetical" and self._governor(head) == "speculative":
                    inherited = "speculative"  # "speculation that Kim could travel for a summit"
                if inherited in {"future", "hypothetical", "speculative"} or (
                    inherited == "negated" and cur.dep_ in {"dobj", "xcomp"}
                ):
                    return inherited
            if _lemma(head) in self.reporting:
                return None
            cur = head
        return None

    def _own(self, tok: Any) -> str | None:
        """Cues attached to the trigger itself (or its auxiliaries and determiners)."""
        kids = list(tok.children)
        words = {c.lower_ for c in kids}
        lemmas = {_lemma(c) for c in kids}
        if any(c.dep_ == "neg" for c in kids) or (words & {"never"}):
            return "negated"
        if tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ == "det" and c.lower_ in self.neg_dets for c in kids
        ):
            return "negated"
        if any(c.dep_ in {"advmod"} and c.lower_ in self.all_adverbs for c in kids):
            return "alleged"
        if tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ == "amod" and c.lower_ in self.all_adjs for c in kids
        ):
            return "alleged"
        if tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ == "amod" and c.lower_ in self.spec_adjs for c in kids
        ):
            return "speculative"
        if any(c.dep_ == "mark" and c.lower_ in self.hyp_markers for c in kids):
            return "hypothetical"
        if tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ in {"amod", "compound"} and c.lower_ in self.fut_adjs for c in kids
        ):
            return "future"  # "a planned visit to Tehran"
        if (
            tok.dep_ == "advcl"
            and tok.tag_ in {"VBZ", "VBP"}
            and {c.lower_ for c in kids if c.dep_ == "mark"} & self.fut_markers
        ):
            return "future"  # "days before Yoon travels to Tokyo"
        aux = [c for c in kids if c.dep_ in {"aux", "auxpass"}]
        aux_words = {a.lower_ for a in aux}
        if aux_words & self.fut_modals:
            return "future"
        if aux_words & self.reported_modals and self._reported_without_condition(tok):
            return "future"  # "Sudan said it would free the teacher"
        if aux_words & {"may", "might"}:
            return "speculative"
        if aux_words & self.hyp_modals:
            return "hypothetical"
        if any(c.dep_ == "advmod" and c.lower_ in self.spec_adverbs for c in kids):
            return "speculative"
        # "is going to visit", "is set to sign", "is due to arrive"
        if (
            tok.dep_ == "xcomp"
            and _lemma(tok.head) in self.going_to
            and any(c.dep_ in {"aux", "auxpass"} and _lemma(c) == "be" for c in tok.head.children)
        ):
            return "future"
        # A noun subject with a negative determiner: "no Russo-Pak exercise has taken place"
        for c in kids:
            if c.dep_ in {"nsubj", "nsubjpass"} and any(
                d.dep_ == "det" and d.lower_ in self.neg_dets for d in c.children
            ):
                return "negated"
        if "if" in lemmas and tok.pos_ == "VERB":
            return "hypothetical"
        return None

    def _reported_without_condition(self, tok: Any) -> bool:
        """A "would" clause that a reporting verb governs and no "if" or "unless" qualifies."""
        if tok.dep_ != "ccomp" or _lemma(tok.head) not in self.reporting:
            return False
        return not any(
            c.dep_ == "advcl" and _marks(c) & self.hyp_markers for c in tok.children
        ) and not any(c.lower_ in self.spec_adverbs | self.spec_adjs for c in tok.children)

    def _governing(self, head: Any, child: Any) -> str | None:
        """The modality a governing word imposes on the complement ``child``."""
        if child.dep_ not in COMPLEMENT_DEPS:
            return None
        lemma = _lemma(head)
        low = head.lower_
        if head.pos_ in {"VERB", "AUX"}:
            own = self._verb_negated_or_modal(head)
            if lemma in self.neg_verbs and child.dep_ in {"xcomp", "dobj", "ccomp"}:
                return "negated"
            if lemma in self.all_verbs and child.dep_ in {
                "ccomp",
                "pcomp",
                "prep",
                "pobj",
                "xcomp",
            }:
                return "alleged"
            if (
                lemma == "expect"
                and child.dep_ == "xcomp"
                and any(c.dep_ == "auxpass" for c in head.children)
            ):
                return "future"
            if lemma in self.fut_verbs and (
                is_infinitive_complement(child)
                or (child.dep_ == "dobj" and lemma in self.fut_object_verbs)
            ):
                return "future" if own != "negated" else "negated"
            if child.dep_ == "ccomp" and (
                lemma in self.spec_verbs
                # "speculation is mounting that Kim could travel"
                or any(
                    c.dep_ in {"nsubj", "nsubjpass"} and _lemma(c) in self.spec_nouns
                    for c in head.children
                )
            ):
                return "speculative"
            if lemma in self.hyp_verbs and child.dep_ in {"ccomp", "xcomp"}:
                return "hypothetical"
            if child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in self.hyp_markers for c in child.children
            ):
                return "hypothetical"
            if own in {"hypothetical", "speculative", "future"} and child.dep_ in {
                "xcomp",
                "dobj",
                "ccomp",
            }:
                return own
            if own == "negated" and child.dep_ in {"xcomp", "dobj"}:
                return "negated"
            return None
        if head.pos_ in {"NOUN", "PROPN"}:
            if low in self.spec_nouns or lemma in self.spec_nouns:
                return "speculative"
            if any(c.dep_ == "amod" and c.lower_ in self.spec_adjs for c in head.children):
                return "speculative"
            if lemma in {
                "allegation",
                "accusation",
                "claim",
                "charge",
                "report",
                "suspicion",
            } and child.dep_ in {"acl", "prep", "pobj", "ccomp"}:
                return "alleged"
            if lemma in {
                "plan",
                "intention",
                "proposal",
                "offer",
                "pledge",
                "promise",
                "decision",
                "bid",
                "readiness",
            } and child.dep_ in {"acl", "prep", "pobj", "xcomp"}:
                return "future"
            if lemma in {
                "hope",
                "expectation",
                "fear",
                "threat",
                "call",
                "demand",
                "request",
                "appeal",
            } and child.dep_ in {"acl", "prep", "pobj", "ccomp", "xcomp"}:
                return "hypothetical"
        if head.pos_ == "ADJ" and (low in self.spec_adjs) and child.dep_ in {"xcomp", "ccomp"}:
            return "speculative"
        if head.pos_ == "ADV" and low in self.all_adverbs:
            return "alleged"
        return None

    def _verb_negated_or_modal(self, v: Any) -> str | None:
        kids = list(v.children)
        if any(c.dep_ == "neg" for c in kids):
            return "negated"
        aux = {c.lower_ for c in kids if c.dep_ in {"aux", "auxpass"}}
        if aux & {"may", "might"}:
            return "speculative"
        if aux & self.hyp_modals:
            return "hypothetical"
        if aux & self.fut_modals:
            return "future"
        return None


def _first_conjunct(tok: Any) -> Any:
    """ "will attend the summit, visit Hanoi and end his trip": the verb whose auxiliaries the
    later conjuncts share."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _marks(clause: Any) -> frozenset[str]:
    return frozenset(c.lower_ for c in clause.children if c.dep_ == "mark")


def _looks_forward(v: Any) -> bool:
    return _lemma(v) == "look" and any(c.lower_ == "forward" for c in v.children)


def is_when_clause(clause: Any) -> bool:
    """An adverbial clause opened by "when": "when they meet", "When X was killed, ..."."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "advmod" and c.lower_ == "when" and c.i < clause.i for c in clause.children
    )


def _present_when_clause(clause: Any) -> bool:
    return is_when_clause(clause) and clause.tag_ in {"VBP", "VBZ"}


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()
