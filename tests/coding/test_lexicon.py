import pytest

from allegiance.coding.lexicon import NO_EVENT, Lexicon
from allegiance.model import InputError
from allegiance.ontology import cameo_codes


def test_lexicon_covers_every_cameo_root():
    lex = Lexicon.default()
    codes = [s.code for senses in lex.verbs.values() for s in senses if s.code != NO_EVENT]
    codes += [s.code for senses in lex.nouns.values() for s in senses if s.code != NO_EVENT]
    roots = {cameo_codes()[c].root for c in codes}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_particles_stay_strings_not_yaml_booleans():
    lex = Lexicon.default()
    assert any(s.particle == "off" for s in lex.verbs["call"])
    assert any(s.particle == "on" for s in lex.verbs["call"])
    assert "on" in lex.default_targets


def test_relation_and_modality_cues_are_loaded():
    lex = Lexicon.default()
    assert lex.relation_nouns["adversaries"].stance == "adversary"
    assert lex.relation_predicates["sour"].trend == "worsening"
    assert "would" in lex.cues("hypothetical", "modals")


def test_user_lexicon_with_unknown_code_names_file(tmp_path):
    bad = tmp_path / "lex.yaml"
    bad.write_text("verbs:\n  bless:\n    - {code: '13y'}\n", encoding="utf-8")
    with pytest.raises(InputError, match="lex.yaml.*13y"):
        Lexicon.from_file(bad)


def test_user_lexicon_replaces_the_event_patterns(tmp_path, coder):
    from allegiance.coding import Coder
    from allegiance.model import Document

    path = tmp_path / "lex.yaml"
    path.write_text("verbs:\n  scold:\n    - {code: '111'}\n", encoding="utf-8")
    custom = Coder(coder.gazetteer, Lexicon.from_file(path), nlp=coder.nlp)
    coded = custom.code(Document("x", "Chile scolded Peru over fishing rights.", None))
    assert [(e.source.country, e.target.country, e.cameo) for e in coded.events] == [
        ("CHL", "PER", "111")
    ]
    assert custom.version != coder.version


def test_invalid_yaml_is_an_input_error(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("verbs: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.yaml"):
        Lexicon.from_file(bad)


def test_a_verb_sense_can_name_no_event():
    lex = Lexicon.default()
    assert any(s.particle == "up" and s.code == NO_EVENT for s in lex.verbs["free"])


def test_scene_word_lists_are_data_and_optional():
    from allegiance.coding.lexicon import SCENE_LISTS, _packaged

    lex = Lexicon.default()
    assert set(lex.scene) == set(SCENE_LISTS)
    assert all(lex.scene[name] for name in SCENE_LISTS)
    assert "kharkiv" not in lex.scene["locative_preps"] and "in" in lex.scene["locative_preps"]
    bare = Lexicon.from_texts(
        "verbs: {}\nnouns: {}\n", _packaged("relations.yaml"), _packaged("modality.yaml")
    )
    assert set(bare.scene) == set(SCENE_LISTS) and not any(bare.scene.values())


def test_grammar_word_lists_are_data_and_default_to_the_packaged_ones():
    from allegiance.coding.lexicon import _packaged

    lex = Lexicon.default()
    assert "urge" in lex.grammar.object_control_verbs
    assert "say" in lex.grammar.reporting_verbs
    rel, mod = _packaged("relations.yaml"), _packaged("modality.yaml")
    # a user's lexicon that leaves the grammar out reads sentences the same way
    assert Lexicon.from_texts("verbs: {}\n", rel, mod).grammar == lex.grammar
    mine = Lexicon.from_texts("grammar:\n  reporting_verbs: [mutter]\n", rel, mod)
    assert mine.grammar.reporting_verbs == {"mutter"}
    assert mine.grammar.object_control_verbs == lex.grammar.object_control_verbs


def test_a_users_grammar_list_changes_how_a_sentence_is_read(coder):
    import re

    from allegiance.coding import Coder
    from allegiance.coding.lexicon import _packaged
    from allegiance.model import Document

    text = "Egypt urged Israel to halt its air strikes on Syria."
    by_default = coder.code(Document("x", text, None))
    assert ("ISR", "SYR") in {(e.source.country, e.target.country) for e in by_default.events}
    # without "urge" among the object-control verbs, "its" is the subject's
    packaged = _packaged("lexicon.yaml")
    start = packaged.index("  object_control_verbs:")
    end = packaged.index("]", start)
    lexicon = packaged[:start] + re.sub(r"\burge, ", "", packaged[start:end]) + packaged[end:]
    lex = Lexicon.from_texts(lexicon, _packaged("relations.yaml"), _packaged("modality.yaml"))
    assert "urge" not in lex.grammar.object_control_verbs
    custom = Coder(coder.gazetteer, lex, nlp=coder.nlp)
    coded = custom.code(Document("x", text, None))
    assert ("ISR", "SYR") not in {(e.source.country, e.target.country) for e in coded.events}


def test_an_unknown_grammar_list_names_the_file(tmp_path):
    bad = tmp_path / "lex.yaml"
    bad.write_text("grammar:\n  reportin_verbs: [say]\n", encoding="utf-8")
    with pytest.raises(InputError, match="lex.yaml.*reportin_verbs"):
        Lexicon.from_file(bad)
