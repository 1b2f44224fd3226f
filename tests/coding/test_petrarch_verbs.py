"""PETRARCH/TABARI verb dictionaries as extra lexicon senses."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from allegiance.coding.lexicon import Lexicon, VerbSense
from allegiance.coding.petrarch_verbs import parse_petrarch_verbs
from allegiance.model import Document, InputError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PETRARCH = SHARED / "data" / "petrarch"

DICTIONARY = """\
<!-- A small test dictionary:
     blocks, forms, synsets, patterns -->
&MONEY
+DOLLARS
+EUROS
+SWISS FRANCS

--- CONSULT  [040]  ---
CONSULT {CONSULTS CONSULTED CONSULTING}  # pas 1 Jan 2014
CONFER [043]
- * WITH + [041]
- * DEAL  [057]
- SAID * [010]   # context before the verb: cannot map
- * TALKS [9x9]  # not a CAMEO code

--- GIVE [070] ---
GIVE {GAVE GIVEN}
- * &MONEY [071]
- * DOWN FROM [013]
- * FULL BACKING [051]   # a phrase: cannot map

--- BREAK [---] ---
BREAK {BROKE}
+BREAK_OFF {+BROKE_OFF} [195]
- * TREATY [161]
- * CARD [---]

--- MEET [031:031] ---
MEET {MET}

--- ARRIVE [032:033] # NOUN ---
ARRIVE
"""


def test_parses_blocks_forms_patterns_and_comments():
    pv = parse_petrarch_verbs(DICTIONARY, "test.verbs")
    consult = pv.verbs["consult"]
    assert [(s.code, s.prep, s.target_after_prep, s.objects) for s in consult] == [
        ("041", "with", True, ()),
        ("057", None, False, ("deal",)),
        ("040", None, False, ()),
    ]
    assert pv.verbs["consulted"] == consult  # listed inflections share the senses
    assert [s.code for s in pv.verbs["confer"]] == ["041", "057", "043"]  # own code
    give = pv.verbs["gave"]
    assert give[0].objects == ("dollars", "euros")  # one-word synset members
    assert (give[1].particle, give[1].prep, give[1].code) == ("down", "from", "013")
    # [---] gives no default sense; the particle verb keeps its particle and own code
    assert [(s.code, s.objects, s.particle) for s in pv.verbs["break"]] == [
        ("161", ("treaty",), None),
        ("195", (), "off"),
    ]
    assert pv.verbs["met"][0].reverse_code == "031"
    assert pv.patterns == 9 and pv.mapped == 5
    assert pv.skipped == {
        "words before the verb": 1,
        "invalid code": 1,
        "multi-word phrase": 1,
        "null code": 1,
    }


def test_verb_senses_carry_targets_and_paired_codes():
    senses = parse_petrarch_verbs(DICTIONARY, "t").verb_senses(("to", "with"))
    assert senses["consult"][0].targets == ("with",)  # "- * WITH +": the target follows with
    assert senses["consult"][1].targets == ("to", "with")
    assert senses["meet"][0].symmetric  # [031:031]: each way
    assert not senses["arrive"][0].symmetric  # [032:033]: the host side is not a visit


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("--- A [010] ---\nASK\n- SAID TO ATTEND [082]\n", 3, "exactly one \\*"),
        ("--- A [010] ---\nASK\n- * DEAL [082\n", 3, "unbalanced"),
        ("--- A [010] ---\nASK\n- * &NOPE [082]\n", 3, "undefined synset"),
        ("# comment\nASK [010]\n", 2, "before the first"),
        ("--- A [010] ---\nASK {ASKED\n", 2, "unbalanced \\{"),
        ("--- A [010] ---\nASK\n- * DEAL\n", 3, "one \\[code\\]"),
    ],
)
def test_malformed_lines_name_the_line(text, line, reason):
    with pytest.raises(InputError, match=reason) as info:
        parse_petrarch_verbs(text, "bad.verbs")
    assert info.value.line == line and info.value.input == "bad.verbs"


def test_with_verbs_puts_extra_senses_first_and_changes_version():
    base = Lexicon.default()
    n = len(base.verbs["consult"])
    extra = {"consult": [VerbSense("041", prep="with", targets=("with",))]}
    lex = base.with_verbs(extra)
    assert lex.verbs["consult"][0] == extra["consult"][0]
    assert lex.verbs["consult"][1:] == base.verbs["consult"]
    assert len(base.verbs["consult"]) == n  # the cached default is untouched
    assert lex.version != base.version
    assert base.with_verbs(extra).version == lex.version  # stable for the same senses


def test_from_petrarch_verbs_codes_a_new_verb(tmp_path, coder):
    from allegiance.coding import Coder

    path = tmp_path / "extra.verbs"
    path.write_text("--- BESMIRCH [122] ---\nBESMIRCH\n", encoding="utf-8")
    lex = Lexicon.from_petrarch_verbs(path)
    assert "besmirch" not in Lexicon.default().verbs
    doc = Document(doc_id="t", text="France besmirched Germany.", date=dt.date(2016, 9, 26))
    before = [e.cameo for e in coder.code(doc).events]
    after = Coder(coder.gazetteer, lex, nlp=coder.nlp).code(doc).events
    assert "122" not in before
    assert [(e.source.code, e.target.code if e.target else None, e.cameo) for e in after] == [
        ("FRA", "DEU", "122")
    ]


def test_unreadable_verb_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        Lexicon.from_petrarch_verbs(tmp_path / "missing.verbs")


def test_process_refuses_verbs_with_workers(tmp_path):
    verbs = tmp_path / "v.verbs"
    verbs.write_text("--- A [010] ---\nASK\n", encoding="utf-8")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "allegiance",
            "process",
            "--db",
            str(tmp_path / "x.db"),
            "--verbs",
            str(verbs),
            "--workers",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 1 and "--verbs" in r.stderr


@pytest.mark.skipif(not PETRARCH.is_dir(), reason="../shared is not present")
def test_petrarch_validation_verbs_improve_root_matches(coder):
    from allegiance.actors import Gazetteer
    from allegiance.coding import Coder
    from allegiance.evaluation import evaluate_paths

    gaz = Gazetteer.load(
        [PETRARCH / "PETR.Validate.actors.txt", PETRARCH / "PETR.Validate.agents.txt"]
    )
    gold = [PETRARCH / "PETR.UnitTest.records.xml"]
    pv = parse_petrarch_verbs((PETRARCH / "PETR.Validate.verbs.txt").read_text("utf-8"), "v")
    assert pv.mapped > 100 and len(pv.verbs) > 150
    reports = {}
    for label, lex in (
        ("without", Lexicon.default()),
        ("with", Lexicon.from_petrarch_verbs(PETRARCH / "PETR.Validate.verbs.txt")),
    ):
        r = evaluate_paths(gold, Coder(gaz, lex, nlp=coder.nlp))
        reports[label] = r
        print(
            f"PETRARCH unit tests {label} verbs: {r.sentences} sentences, {r.gold_events} gold "
            f"events, {r.predicted_events} predicted, dyad {r.events_dyad.tp}, "
            f"dyad+root {r.events_root.tp}, dyad+code {r.events_code.tp}"
        )
    assert reports["with"].events_root.tp > reports["without"].events_root.tp
    assert reports["with"].events_dyad.tp >= reports["without"].events_dyad.tp
