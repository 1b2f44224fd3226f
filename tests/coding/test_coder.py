"""The coder on sentences written for these tests (not from any corpus)."""

import pytest


def dyads(events, modality=None):
    return {
        (
            e["source"]["country"] or e["source"]["code"],
            e["target"]["country"] or e["target"]["code"] if e["target"] else None,
            e["cameo_root"],
        )
        for e in events
        if modality is None or e["modality"] == modality
    }


def test_active_clause_with_object(code):
    events, _ = code("Turkish jets bombed Kurdish positions and Iraq condemned Turkey on Friday.")
    assert ("IRQ", "TUR", "11") in dyads(events)


def test_passive_with_agent(code):
    events, _ = code("The border post was attacked by Afghan troops on Sunday.")
    assert not events  # no target state named: nothing dyadic to code
    events, _ = code("Pakistan was attacked by Indian aircraft on Tuesday.")
    assert ("IND", "PAK", "19") in dyads(events)


def test_symmetric_events_yield_one_record_each_way(code):
    events, _ = code("Egypt and Sudan signed a water-sharing treaty in Cairo.")
    assert {("EGY", "SDN", "05"), ("SDN", "EGY", "05")} <= dyads(events)


def test_nominal_event_with_prefix_compound(code):
    events, _ = code("The Sino-Pakistani naval exercise ended on Friday.")
    assert {("CHN", "PAK", "06"), ("PAK", "CHN", "06")} <= dyads(events)


def test_light_verb_with_event_noun(code):
    events, _ = code("Japan held talks with South Korea on the fishing dispute.")
    assert ("JPN", "KOR", "04") in dyads(events)
    events, _ = code("Washington imposed sanctions on Venezuela last month.")
    assert ("USA", "VEN", "16") in dyads(events)


def test_coordinated_nationalities_share_the_head_noun(code):
    events, _ = code("French and German troops began a joint exercise in Poland.")
    assert {("FRA", "DEU", "06"), ("DEU", "FRA", "06")} <= dyads(events)
    assert all(e["source"]["sector"] == "MIL" for e in events)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Brazil did not sign the trade pact with Argentina.", "negated"),
        ("No Chinese warship has ever visited Lithuania.", "negated"),
        ("Kenya will send troops to Somalia next month.", "future"),
        ("Officials said Chile plans to open talks with Bolivia.", "future"),
        ("Seoul had expected that Tokyo would cancel its visit to Pyongyang.", "hypothetical"),
        ("Analysts speculate that Chile could sign a pact with Bolivia.", "speculative"),
        ("Diplomats fear that Serbia may attack Kosovo.", "speculative"),
        ("Speculation is growing that Peru could expel Chile's ambassador.", "speculative"),
        ("If Iran attacks Israel, the region will burn.", "hypothetical"),
        ("Ukraine alleges that Belarus trained Russian troops.", "alleged"),
        ("Belarus reportedly trained Russian troops.", "alleged"),
        ("There is a possibility of a Turkey-Iran alliance against Iraq.", "speculative"),
    ],
)
def test_modality(code, text, modality):
    events, relations = code(text)
    records = events + relations
    assert records, text
    assert modality in {r["modality"] for r in records}, [r["modality"] for r in records]
    if modality != "asserted":
        main = [
            r
            for r in records
            if r["modality"] == "asserted" and r.get("cameo_root") not in {"11", "03"}
        ]
        assert not main, main


def test_expectation_is_not_coded_as_an_event_that_happened(code):
    events, _ = code("Delhi had expected that Moscow would call off its naval drill with Beijing.")
    assert events
    assert all(e["modality"] != "asserted" for e in events if e["cameo_root"] in {"06", "16"})


def test_intent_is_asserted_and_the_intended_act_is_future(code):
    events, _ = code("Norway decided to expand military cooperation with Sweden.")
    roots = {(e["cameo_root"], e["modality"]) for e in events if e["source"]["country"] == "NOR"}
    assert ("03", "asserted") in roots and ("06", "future") in roots
    assert next(e for e in events if e["cameo_root"] == "03")["cameo"] == "0312"
    # a phrase between the verb and its infinitive (parsed as an adverbial clause)
    events, _ = code("Chile and Peru resolved in 2019 to deepen their trade cooperation.")
    assert {("CHL", "PER", "03"), ("PER", "CHL", "03")} <= dyads(events, "asserted")
    assert ("CHL", "PER", "06") in dyads(events, "future")
    # the date of the intended act does not date the decision
    events, _ = code("Egypt agreed on Monday to hold joint drills with Greece next year.")
    dates = {e["cameo_root"]: e["date"]["start"][:4] for e in events}
    assert dates == {"03": "2016", "06": "2017"}


def test_appeal_carries_the_act_asked_for(code):
    events, _ = code("Sweden urged Russia to resume talks with Ukraine.")
    assert {(e["cameo"], e["modality"]) for e in events if e["source"]["country"] == "SWE"} == {
        ("026", "asserted")
    }


def test_joint_intent_of_coordinated_parties_goes_both_ways(code):
    events, _ = code("Sudan and Chad agreed on Monday to respect the truce along their border.")
    assert {("SDN", "TCD", "03"), ("TCD", "SDN", "03")} <= dyads(events, "asserted")
    assert {e["cameo"] for e in events if e["modality"] == "asserted"} == {"0356"}
    events, _ = code("Bahrain agreed to restore relations with Qatar.")
    assert ("BHR", "QAT", "03") in dyads(events, "asserted")


@pytest.mark.parametrize(
    ("text", "dyad", "cameo"),
    [
        ("Norway urged Serbia and Kosovo to resume talks.", ("NOR", "SRB", "02"), "026"),
        ("Chile demanded that Peru release the detained fishermen.", ("CHL", "PER", "10"), "1053"),
        ("Laos offered to mediate between Thailand and Cambodia.", ("LAO", "THA", "03"), "039"),
    ],
)
def test_requested_or_offered_act_specifies_the_request(code, text, dyad, cameo):
    events, _ = code(text)
    assert dyad in dyads(events)
    assert cameo in {e["cameo"] for e in events}
    # the act asked for or offered has not happened: no event of its own
    assert {e["cameo_root"] for e in events} == {dyad[2]}


def test_temporal_adjunct_inside_a_complement_is_a_fact(code):
    events, _ = code("Greece agreed to free the sailors after two days of talks with Turkey.")
    assert ("GRC", "TUR", "04") in dyads(events)


def test_dates_from_the_clause(code):
    events, relations = code(
        "Hungary and Austria were rivals during the Cold War, "
        "and in 1989 they opened their border.",
        "2019-05-01",
    )
    rel = next(r for r in relations if {r["a"]["country"], r["b"]["country"]} == {"HUN", "AUT"})
    assert rel["stance"] == "rival" and rel["date"]["basis"] == "era"
    assert rel["date"]["start"].startswith("1947")


def test_past_perfect_without_date_is_before_the_document(code):
    events, _ = code("Greece had accused Turkey of violating its airspace.", "2020-03-01")
    acc = next(e for e in events if e["cameo_root"] == "11")
    assert acc["date"]["basis"] == "tense" and acc["date"]["end"] == "2020-03-01"


@pytest.mark.parametrize(
    ("text", "pair", "stance", "trend"),
    [
        ("Cuba and the United States were enemies for decades.", {"CUB", "USA"}, "adversary", None),
        ("Hungary was an ally of Germany in 1941.", {"HUN", "DEU"}, "ally", None),
        ("In those years Cairo was close to Moscow.", {"EGY", "RUS"}, "friendly", None),
        (
            "Relations between Canada and India have soured.",
            {"CAN", "IND"},
            "strained",
            "worsening",
        ),
        ("Vietnam has moved closer to the United States.", {"VNM", "USA"}, "friendly", "improving"),
        ("Kazakhstan signed a strategic partnership with China.", {"KAZ", "CHN"}, "partner", None),
    ],
)
def test_relation_statements(code, text, pair, stance, trend):
    _, relations = code(text)
    match = [r for r in relations if {r["a"]["country"], r["b"]["country"]} == pair]
    assert match, relations
    assert match[0]["stance"] == stance and match[0]["trend"] == trend
    assert -1 <= match[0]["polarity"] <= 1


def test_pronouns_resolve_within_the_document(code):
    text = (
        "Nigeria hosted a summit on Monday. It later signed a security pact with Ghana. "
        "The two countries also agreed to share intelligence."
    )
    events, _ = code(text)
    assert ("NGA", "GHA", "05") in dyads(events)
    assert ("GHA", "NGA", "06") in dyads(events) or ("NGA", "GHA", "03") in dyads(events)
    resolved = [e for e in events if e["source"]["text"] in {"It", "two countries"}]
    assert resolved


def test_spans_point_into_the_original_text(code):
    text = "Intro line\n\nAt dawn #Sweden   praised Finland for its bid."
    events, _ = code(text)
    e = next(e for e in events if e["cameo_root"] == "05")
    start, end = e["span"]
    assert e["sentence_text"] in text
    assert "Sweden" in text[start:end] and "Finland" in text[start:end]
    assert "#Sweden" in e["sentence_text"]


def test_domestic_events_are_not_dyadic(code):
    events, _ = code("Indian police arrested Indian protesters in Delhi.")
    assert all(e["target"] is None or e["target"]["country"] != "IND" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello",
        "." * 1000,
        "word " * 200_000,
        "Россия и Пакистан провели учения.",
        "\x00\x01\x02 India \x7f attacked \u200b Pakistan",
        "((((((" * 500,
        "India said that " * 300 + "Pakistan attacked China.",
    ],
)
def test_any_text_codes_without_exception(coder, text):
    from allegiance.model import Document

    coded = coder.code(Document("x", text, None))
    assert coded.sentences >= 0
    for e in coded.events:
        assert 0 <= e.span[0] <= e.span[1] <= len(text)


def test_limits_skip_and_count_instead_of_failing(coder):
    from allegiance.coding import Coder
    from allegiance.model import Document

    small = Coder(coder.gazetteer, coder.lexicon, nlp=coder.nlp, max_chars=60)
    text = "Chile praised Peru. " * 10
    coded = small.code(Document("x", text, None))
    assert coded.sentences == 10
    assert coded.skipped_sentences == 7 and len(coded.events) == 3
    hurried = Coder(coder.gazetteer, coder.lexicon, nlp=coder.nlp, time_budget=-1)
    coded = hurried.code(Document("x", text, None))
    assert coded.events == [] and coded.skipped_sentences == 10


def test_gate_parses_only_sentences_that_can_hold_a_record(coder):
    """One party and no one-party trigger: not parsed, yet its party is a later referent."""
    import datetime as dt

    from allegiance.coding import Coder
    from allegiance.model import Document

    text = (
        "Chancellor Angela Merkel spoke to reporters on the flight home. "
        "She later criticised China over its steel exports. "
        "The weather in Berlin was mild. "
        "Russia deployed extra troops along its western border. "
        "Oil prices rose on Tuesday."
    )
    doc = Document(doc_id="g", text=text, date=dt.date(2016, 5, 3))
    prep = coder._prepare(doc)
    parsed = [
        sent.text.split()[0] for (sent, _), p in zip(prep.selected, prep.parse, strict=True) if p
    ]
    noted = [
        sent.text.split()[0]
        for (sent, _), p in zip(prep.selected, prep.parse, strict=True)
        if not p
    ]
    assert parsed == ["She", "Russia"]  # a resolvable pronoun; a state with a one-party verb
    assert noted == ["Chancellor", "The"]  # named parties only; "Oil prices" names none
    gated = coder.code(doc)
    ungated = Coder(coder.gazetteer, coder.lexicon, gate=False, nlp=coder.nlp).code(doc)
    assert [e.to_dict() for e in gated.events] == [e.to_dict() for e in ungated.events]
    assert ("DEU", "CHN", "11") in dyads([e.to_dict() for e in gated.events])


def test_act_in_an_accusation_is_alleged_against_the_accuser(code):
    events, _ = code("Georgia accused Russia on Monday of massing troops near South Ossetia.")
    assert ("GEO", "RUS", "11") in dyads(events, "asserted")
    assert ("RUS", "GEO", "15") in dyads(events, "alleged")
    # a target named in the charge wins over the accuser
    events, _ = code("Mali accused France of arming rebels in Libya.")
    assert ("FRA", "MLI", "07") not in dyads(events)


def test_reciprocal_accusation_alleges_the_act_each_way(code):
    events, _ = code("Eritrea and Ethiopia accused each other of shelling border towns.")
    assert {("ERI", "ETH", "19"), ("ETH", "ERI", "19")} <= dyads(events, "alleged")


def test_coordinated_verbs_share_their_object(code):
    events, _ = code("Iran detained and interrogated two British sailors.")
    assert ("IRN", "GBR", "17") in dyads(events)


def test_arms_transfers_are_military_aid(code):
    events, _ = code("Belarus sold attack helicopters to Sudan in 2012.", "2013-01-01")
    assert ("BLR", "SDN", "07") in dyads(events)
    events, _ = code("Germany's arms sales to Qatar doubled last year.")
    assert ("DEU", "QAT", "07") in dyads(events)


def test_a_plan_is_the_planned_act_as_future_not_an_intent(code):
    events, _ = code("Vietnam plans to buy fighter jets from India.")
    assert {e["cameo_root"] for e in events} == {"06"}
    assert {e["modality"] for e in events} == {"future"}


def test_punitive_act_announced_on_a_condition_is_a_threat(code):
    events, _ = code(
        "Ankara will impose sanctions on Austria if the ban goes ahead, a minister said."
    )
    assert ("TUR", "AUT", "13") in dyads(events, "asserted")
    assert ("TUR", "AUT", "16") in dyads(events) - dyads(events, "asserted")
    threat = next(e for e in events if e["cameo_root"] == "13")
    assert threat["cameo"] == "1312"
    # a possibility is no threat, nor is a conditional reward
    events, _ = code("Washington could cut aid to Egypt if the army refuses, senators said.")
    assert not any(e["cameo_root"] == "13" for e in events)
    events, _ = code("Japan would lift its sanctions on Iran if Tehran signs the deal.")
    assert not any(e["cameo_root"] == "13" for e in events)


def test_punitive_act_in_a_warning_is_a_threat(code):
    events, _ = code(
        "Houthi fighters could attack Saudi tankers, a spokesman for the group warned."
    )
    assert ("HOUTHI", "SAU", "13") in dyads(events, "asserted")
    events, _ = code("Algeria warned that it would sever relations with Spain.")
    threats = [e for e in events if e["cameo_root"] == "13"]
    assert [e["cameo"] for e in threats] == ["1313"]


def test_relative_clause_and_reduced_relative_take_the_head_noun_as_object(code):
    events, _ = code("Oman asked about the Omani fishing boats which Iranian guards seized.")
    assert ("IRN", "OMN", "17") in dyads(events)
    events, _ = code("Officials praised the border treaty that Chile and Bolivia signed in 1904.")
    assert {("CHL", "BOL", "05"), ("BOL", "CHL", "05")} <= dyads(events)
    events, _ = code("Twelve Indian fishermen detained by Sri Lankan forces went home on Monday.")
    assert ("LKA", "IND", "17") in dyads(events)
    assert ("IND", "LKA", "17") not in dyads(events)


def test_relative_clause_object_gap(code):
    events, _ = code("Peru still honours the trade pact it signed with Chile in 2006.")
    assert ("PER", "CHL", "05") in dyads(events)


def test_severing_ties_with_a_named_party_is_one_way(code):
    events, _ = code("Bolivia severed diplomatic ties with Israel in 2009.", "2010-01-01")
    assert dyads(events) == {("BOL", "ISR", "16")}
    events, _ = code("Qatar and Egypt restored diplomatic relations on Monday.")
    assert {("QAT", "EGY", "05"), ("EGY", "QAT", "05")} <= dyads(events)


def test_one_act_per_pair_of_parties(code):
    events, _ = code(
        "Algeria recalled its ambassador to Madrid over Spain's position on the Sahara."
    )
    pairs = [(e["source"]["country"], e["target"]["country"]) for e in events if e["target"]]
    assert pairs == [("DZA", "ESP")]


def test_role_in_an_event_names_its_agent(code):
    events, _ = code("Kenyan police are investigating Somalia's role in the raid on a Kenyan camp.")
    assert ("SOM", "KEN", "19") in dyads(events, "alleged")
    events, _ = code("Rwanda denied any involvement in the shelling of Burundian villages.")
    assert ("RWA", "BDI", "01") in dyads(events)


def test_offer_or_willingness_to_act_is_an_intent(code):
    events, _ = code("Kenya rejected a Nigerian offer to mediate between Sudan and Chad.")
    assert {("NGA", "SDN", "03"), ("NGA", "TCD", "03")} <= dyads(events, "asserted")
    assert not any(e["cameo_root"] == "04" for e in events)
    events, _ = code("Ghana's offer to aid Togo was welcomed in Lome.")
    assert ("GHA", "TGO", "03") in dyads(events, "asserted")


def test_welcoming_a_decision_endorses_it(code):
    events, _ = code("Nepal welcomed India's decision on Monday.")
    assert ("NPL", "IND", "05") in dyads(events)


@pytest.mark.parametrize(
    ("text", "dyad", "cameo"),
    [
        ("Ethiopian troops captured Mogadishu in 2006.", ("ETH", "SOM", "19"), "192"),
        ("Iraq expelled thousands of Iranian villagers in 1980.", ("IRQ", "IRN", "20"), "201"),
        ("Uganda expelled a Kenyan journalist on Monday.", ("UGA", "KEN", "17"), "174"),
        ("Iranian guards killed an American hostage.", ("IRN", "USA", "18"), "1823"),
        ("Russian commandos stormed a Georgian border post.", ("RUS", "GEO", "19"), "190"),
        ("Israel and Hamas completed a prisoner swap.", ("ISR", "HAMAS", "08"), "0841"),
        ("Chile and Peru quarrelled over fishing rights.", ("CHL", "PER", "11"), "111"),
    ],
)
def test_lexicon_for_wire_news(code, text, dyad, cameo):
    events, _ = code(text)
    assert dyad in dyads(events), events
    assert cameo in {e["cameo"] for e in events}


def test_a_second_subject_is_a_misparsed_aside(code):
    events, _ = code("Greece and Turkey, though NATO allies, quarrelled openly over airspace.")
    assert dyads(events) == {("GRC", "TUR", "11"), ("TUR", "GRC", "11")}


def test_negated_intention_is_a_negated_intent(code):
    events, _ = code("Spain has no intention of negotiating the status of Gibraltar with Britain.")
    assert ("ESP", "GBR", "03") in dyads(events, "negated")
    assert not any(e["cameo_root"] == "04" for e in events)


def test_event_hoped_for_is_not_coded_apart(code):
    events, _ = code("Seoul is optimistic about resuming talks with Tokyo.")
    assert ("KOR", "JPN", "01") in dyads(events)
    assert not any(e["cameo_root"] == "04" for e in events)


def test_a_count_is_not_a_pair_anaphor(code):
    events, _ = code("Israel mobilised as Egyptian and Syrian armies attacked on two fronts.")
    assert ("EGY", "SYR", "19") not in dyads(events)


def test_military_action_in_a_country_is_aimed_at_it(code):
    events, _ = code("Russia's offensive in Georgia began in August 2008.", "2009-01-01")
    assert ("RUS", "GEO", "19") in dyads(events)


def test_party_past_the_subjects_own_border(code):
    events, _ = code("Armenia has mobilised troops on its border with Azerbaijan.")
    assert ("ARM", "AZE", "15") in dyads(events)
    events, _ = code("Hundreds of Egyptian troops were rushed to the border with Libya.")
    assert ("EGY", "LBY", "15") in dyads(events)


def test_their_refers_to_coordinated_parties_not_to_its_own_noun(code):
    events, _ = code(
        "The Thai and Cambodian defence ministers met on Monday, a week after their troops "
        "clashed near the temple."
    )
    assert {("THA", "KHM", "19"), ("KHM", "THA", "19")} <= dyads(events)


def test_refusal_carries_the_act_refused(code):
    events, _ = code("Japan refused on Friday to lift its sanctions on North Korea.")
    assert ("JPN", "PRK", "12") in dyads(events)
    assert "1244" in {e["cameo"] for e in events}
    assert not any(e["cameo_root"] == "08" for e in events)
    # refusing what is no event rejects no one
    events, _ = code("Austria refused to take sides between Serbia and Croatia.")
    assert not events


def test_gate_word_forms_find_regular_and_irregular_forms(coder):
    from allegiance.coding.coder import WordForms

    forms = WordForms({"deplo", "talk", "met", "ok"})
    assert forms.search("Troops were DEPLOYED on Sunday.")
    assert forms.search("Peace-talks resumed.")  # a word after a hyphen
    assert forms.search("They met in Oslo.") and forms.search("It was OK.")
    assert forms.search("Metals fell.")  # a prefix match: over-matching only parses more
    assert not forms.search("The weather was mild.")
    # the coder's own forms include irregular ones from the lemmatizer's exceptions
    assert coder._trigger_words.search("Putin met Erdogan.")  # meet -> met
    assert coder._trigger_words.search("The envoys held talks.")
    assert not coder._trigger_words.search("The weather in Oslo was mild.")


def test_led_force_is_its_leaders(code):
    events, _ = code("British-led forces shelled Iraqi positions near Basra on Monday.")
    assert ("GBR", "IRQ", "19") in dyads(events)
    events, _ = code("An AU-led mission will monitor the truce in Somalia.")
    assert not any(e["source"]["country"] == "SOM" for e in events)


def test_imposing_a_blockade_is_a_blockade(code):
    events, _ = code("The Egyptian navy imposed a blockade on Israeli shipping in 1967.")
    assert ("EGY", "ISR", "19") in dyads(events)
    assert ("EGY", "ISR", "16") not in dyads(events)


def test_alert_posture_faces_the_party_it_answers(code):
    events, _ = code(
        "Armenia put its army on high alert after Azerbaijani troops shelled villages."
    )
    assert ("ARM", "AZE", "15") in dyads(events)
    events, _ = code("Cuba placed its armed forces on a war footing as American warships gathered.")
    assert ("CUB", "USA", "15") in dyads(events)
    assert ("CUB", "USA", "19") not in dyads(events)  # a war footing is no war
    events, _ = code("Peru put the matter on the agenda after Chile objected.")
    assert not any(e["cameo_root"] == "15" for e in events)


def test_calling_up_reservists_is_mobilisation(code):
    events, _ = code("Syria called up its reservists on Monday as Turkish troops attacked.")
    assert ("SYR", "TUR", "15") in dyads(events)


def test_troops_sent_to_a_border_are_massed(code):
    events, _ = code("Chad sent two battalions to its frontier with Sudan on Friday.")
    assert ("TCD", "SDN", "15") in dyads(events)
    events, _ = code("Kenya sent two battalions to Somalia on Friday.")
    assert ("KEN", "SOM", "07") in dyads(events)


def test_exercise_in_a_show_of_force(code):
    events, _ = code("China and Russia held naval drills in a show of force on Monday.")
    assert ("CHN", "RUS", "15") in dyads(events)
    assert ("CHN", "RUS", "06") not in dyads(events)
    events, _ = code("China and Russia held joint naval drills on Monday.")
    assert ("CHN", "RUS", "06") in dyads(events)


def test_another_partys_act_as_object_keeps_its_own_event(code):
    events, _ = code("Poland blocked new EU sanctions on Belarus on Monday.")
    assert ("EU", "BLR", "16") in dyads(events)
    assert ("POL", "EU", "12") in dyads(events)
    assert ("POL", "BLR", "12") not in dyads(events)
    events, _ = code("Ukraine welcomed Germany's aid to Kyiv.")
    assert ("DEU", "UKR", "07") in dyads(events)
    events, _ = code("Iran condemned the sanctions on Syria.")
    assert not any(e["cameo_root"] == "16" for e in events)  # no owner: no sanctions event


def test_leaders_of_more_states_stand_for_them_in_office(code):
    events, _ = code("Zelensky met Erdogan in Ankara on Friday.", date="2023-03-10")
    assert ("UKR", "TUR", "04") in dyads(events)
    events, _ = code("Sadat flew to Jerusalem to meet Menachem Begin.", date="1977-11-19")
    assert ("EGY", "ISR", "04") in dyads(events)
    events, _ = code("Zelensky met Erdogan in Ankara on Friday.", date="2010-03-10")
    assert not any(e["source"]["country"] == "UKR" for e in events)  # not yet in office


def test_seizing_control_of_a_place_names_its_state(code):
    events, _ = code("Iraqi troops seized control of the Kuwaiti oil fields on Friday.")
    assert ("IRQ", "KWT", "19") in dyads(events)


def test_blocking_by_armed_forces_is_a_blockade(code):
    events, _ = code("Iranian gunboats blocked a British tanker in the strait.")
    assert ("IRN", "GBR", "19") in dyads(events)
    events, _ = code("Greek protesters blocked the Turkish embassy.")
    assert ("GRC", "TUR", "14") in dyads(events)


def test_palestinian_territories_by_name(code):
    events, _ = code("Israel has occupied the West Bank since 1967.")
    assert ("ISR", "PSE", "19") in dyads(events)


def test_the_dead_of_an_attack_are_its_target(code):
    events, _ = code("Five Lebanese soldiers were killed in an Israeli air strike on Sunday.")
    assert ("ISR", "LBN", "19") in dyads(events)
    events, _ = code("Two Kenyan police died in a Somali militant attack on Monday.")
    assert ("SOM", "KEN", "19") in dyads(events)
    events, _ = code("Israeli officials spoke about an Israeli air strike on Sunday.")
    assert not events


def test_year_opening_a_noun_phrase_dates_it(code):
    events, _ = code("Obama honoured the Americans killed in the 1941 Japanese attack.")
    attack = [e for e in events if e["source"]["country"] == "JPN"]
    assert attack and attack[0]["date"]["start"].startswith("1941")


def test_dismissed_claims_imply_an_accusation(code):
    events, _ = code("Serbia on Monday dismissed Croatia's claims as propaganda.")
    assert ("HRV", "SRB", "11") in dyads(events)  # Croatia accused Serbia
    assert ("SRB", "HRV", "11") in dyads(events)  # Serbia denounced the claims
    events, _ = code("Ghana dismissed what it called false allegations by Nigeria.")
    assert {("NGA", "GHA", "11"), ("GHA", "NGA", "11")} <= dyads(events)
    events, _ = code("Ghana dismissed claims of fraud in the election.")
    assert not events


def test_agentless_detention_is_the_holders(code):
    events, _ = code("India will release the captured Pakistani fishermen on Monday.")
    assert ("IND", "PAK", "17") in dyads(events, modality="asserted")
    events, _ = code("Hundreds of Lebanese detainees held in Syrian prisons began a fast.")
    assert ("SYR", "LBN", "17") in dyads(events)
    events, _ = code("Italy welcomed the captured Libyan fighters' statement.")
    assert not any(e["cameo_root"] == "17" for e in events)
    events, _ = code("India will release the Pakistani fishermen captured by the navy.")
    assert ("IND", "PAK", "17") not in dyads(events, modality="asserted")  # an agent says who


def test_crowd_violence_against_a_mission_is_a_violent_protest(code):
    events, _ = code("Pakistani protesters stormed the Danish embassy on Friday.")
    assert ("PAK", "DNK", "14") in dyads(events)
    events, _ = code("Iraqi protesters set fire to the Iranian consulate in Najaf.")
    assert ("IRQ", "IRN", "14") in dyads(events)
    events, _ = code("Russian troops stormed the Ukrainian town of Bakhmut.")
    assert ("RUS", "UKR", "19") in dyads(events)
    events, _ = code("Russian troops set fire to Ukrainian grain depots.")
    assert ("RUS", "UKR", "14") not in dyads(events)


def test_investigation_targets_the_state_of_the_matter(code):
    events, _ = code("The IAEA is investigating uranium particles found at a site in Syria.")
    assert ("IAEA", "SYR", "09") in dyads(events)
    events, _ = code("The European Commission will open an investigation into steel from India.")
    assert ("EU", "IND", "09") in dyads(events)
    events, _ = code("UN experts will examine allegations of torture by Egyptian police.")
    assert ("UN", "EGY", "09") in dyads(events)


def test_two_acts_of_one_root_by_one_pair_are_both_kept(code):
    events, _ = code("Kenya's president will visit Ethiopia next week for talks with Ethiopia.")
    codes = {
        e["cameo"]
        for e in events
        if (e["source"]["country"], e["target"]["country"]) == ("KEN", "ETH")
    }
    assert {"042", "040"} <= codes


def test_holders_of_coordinated_states(code):
    events, _ = code("The foreign ministers of Peru and Chile met in Lima on Monday.")
    assert {("PER", "CHL", "04"), ("CHL", "PER", "04")} <= dyads(events)


def test_announcing_an_act_is_the_act(code):
    events, _ = code("Canada announced new sanctions on Iran on Monday.")
    assert ("CAN", "IRN", "16") in dyads(events)
    events, _ = code("Canada announced on Monday that Iran had been warned.")
    assert not any(e["source"]["country"] == "CAN" and e["cameo_root"] == "01" for e in events)


def test_supplies_and_deposits(code):
    events, _ = code("France supplied Iraq with Mirage fighters and helicopters in the 1980s.")
    assert ("FRA", "IRQ", "07") in dyads(events)
    events, _ = code("Qatar deposited $3 billion in Egypt's central bank on Monday.")
    assert ("QAT", "EGY", "07") in dyads(events)
    events, _ = code("Moscow's supply of tanks to Syria angered Israel.")
    assert ("RUS", "SYR", "07") in dyads(events)


def test_weapons_of_mass_destruction_code_the_assault(code):
    events, _ = code("Iraq used chemical weapons against Iran in 1988.")
    assert ("IRQ", "IRN", "20") in dyads(events)
    events, _ = code("Pakistan could detonate a nuclear weapon near India, officials warned.")
    assert ("PAK", "IND", "20") in dyads(events)
    events, _ = code("Iraqi forces fired artillery shells at Iranian troops.")
    assert ("IRQ", "IRN", "19") in dyads(events)


def test_coordinated_act_shares_the_target(code):
    events, _ = code("Canada expelled Russian diplomats and imposed new sanctions on Monday.")
    assert ("CAN", "RUS", "16") in dyads(events)
    events, _ = code("Iran condemned the United States and called for calm.")
    assert ("IRN", "USA", "02") not in dyads(events)  # an appeal is not a condemnation


def test_since_the_year_of_an_event_dates_the_clause(code):
    events, _ = code(
        "Israel has occupied the Golan Heights of Syria since the 1967 Middle East war."
    )
    occ = [e for e in events if e["cameo_root"] == "19" and e["source"]["country"] == "ISR"]
    assert occ and occ[0]["date"]["start"].startswith("1967")


def test_its_in_a_reason_is_the_party_acted_upon(code):
    events, _ = code("Norway halted arms sales to Turkey because of its offensive in Syria.")
    assert ("TUR", "SYR", "19") in dyads(events)
    assert ("NOR", "SYR", "19") not in dyads(events)
    events, _ = code("Iraq was condemned by Egypt for its invasion of Kuwait.")
    assert ("IRQ", "KWT", "19") in dyads(events)
    events, _ = code("Japan praised India for its support.")
    assert ("JPN", "IND", "05") in dyads(events)


def test_by_phrase_names_the_actors_of_an_event_noun(code):
    events, _ = code("China condemned joint naval drills by Japanese and American warships.")
    assert {("JPN", "USA", "06"), ("USA", "JPN", "06")} <= dyads(events)
    assert ("CHN", "JPN", "11") in dyads(events)
    events, _ = code("Pyongyang cited joint air drills by South Korean and American warplanes.")
    assert {("KOR", "USA", "06"), ("USA", "KOR", "06")} <= dyads(events)


def test_the_other_half_of_a_divided_country(code):
    events, _ = code("North Korea cancelled planned talks with the South on Monday.")
    assert ("PRK", "KOR", "16") in dyads(events)
    events, _ = code("Seoul would put its army on alert if the North fired another missile.")
    assert ("KOR", "PRK", "15") in dyads(events)
    events, _ = code("Brazil held talks with the South on Monday.")
    assert not events  # no divided country in sight


def test_anothers_act_is_not_aimed_at_whoever_reacts(code):
    events, _ = code("China condemned the Japanese prime minister's visit to the shrine.")
    assert ("CHN", "JPN", "11") in dyads(events)
    assert ("JPN", "CHN", "04") not in dyads(events)


def test_on_a_visit_the_visitor_is_whoever_is_on_it(code):
    events, _ = code("Norway's prime minister, on a two-day visit to Chile, said copper was vital.")
    assert ("NOR", "CHL", "04") in dyads(events)
    events, _ = code("On a visit to Hanoi, the Australian foreign minister said trade was growing.")
    assert ("AUS", "VNM", "04") in dyads(events)


def test_the_guest_parsed_as_an_object_of_visiting(code):
    events, _ = code("Jordan's king told visiting Austrian President Heinz Fischer: aid mattered.")
    assert ("AUT", "JOR", "04") in dyads(events)
    assert ("JOR", "AUT", "04") not in dyads(events)


def test_a_dummy_it_names_no_one(code):
    events, _ = code("Peru has a new cabinet. It was a surprise to see Chile condemn the vote.")
    assert not any(e["source"]["country"] == "PER" for e in events)
    events, _ = code("Peru rejected the claim. It was ready to recall its envoy from Chile.")
    assert any(e["source"]["country"] == "PER" for e in events)  # "ready to" is no dummy


def test_a_capital_modifying_a_noun_is_a_place(code):
    events, _ = code("Canada criticised Brazil's withdrawal from the Paris climate accord.")
    assert ("CAN", "BRA", "11") in dyads(events)
    assert not any("FRA" in (e["target"] or {}).get("country", "") for e in events)
    events, _ = code("The Beijing government protested to Tokyo over the visit.")
    assert any(e["source"]["country"] == "CHN" for e in events)


def test_coordinated_owners_of_an_event_noun_share_it(code):
    events, _ = code("The Swiss and Norwegian sanctions on Belarus took effect on Monday.")
    assert {("CHE", "BLR", "16"), ("NOR", "BLR", "16")} <= dyads(events)
    assert ("CHE", "NOR", "16") not in dyads(events)


def test_a_pledge_is_one_intent_towards_the_act_target(code):
    events, _ = code("Egypt pledged to send troops to Sudan.")
    assert [(e["cameo"], e["modality"]) for e in events] == [("0334", "asserted")]
    assert ("EGY", "SDN", "03") in dyads(events)


def test_going_to_war(code):
    events, _ = code("Ecuador went to war with Peru over the border in 1995.")
    assert {("ECU", "PER", "19"), ("PER", "ECU", "19")} <= dyads(events)
    assert {e["date"]["start"][:4] for e in events} == {"1995"}


def test_an_exchange_is_coded_by_what_is_exchanged(code):
    events, _ = code("Cuba and Mexico held a frank exchange of views on migration.")
    assert ("CUB", "MEX", "04") in dyads(events)
    events, _ = code("Armenian and Azerbaijani troops had an exchange of fire on the border.")
    assert ("ARM", "AZE", "19") in dyads(events)


def test_a_participle_after_a_quote_belongs_to_the_speaker(code):
    events, _ = code(
        'Mexico\'s president said "Cuba can solve this quickly", urging Havana to free '
        "the fishermen."
    )
    assert any(e["source"]["country"] == "MEX" and e["target"]["country"] == "CUB" for e in events)
    assert not any(e["source"]["country"] == "CUB" for e in events)


def test_the_news_frame_is_dated_now_after_a_history_sentence(code):
    text = (
        "Greece and Turkey fought a war in 1897. Greek officials declined to comment on "
        "Tuesday's talks. Athens has since criticised Ankara and expelled the Turkish consul."
    )
    events, _ = code(text, date="2016-09-27")
    years = {e["trigger"]: e["date"]["start"][:4] for e in events}
    assert years.get("fought") == "1897"
    assert years.get("declined") == "2016"
    assert years.get("expelled") == "2016"


def test_co_brokers_do_not_mediate_between_each_other(code):
    events, relations = code(
        "Truces brokered by Egypt and Qatar have freed up fighters for Sudan's allies."
    )
    assert not any(e["cameo"] == "045" for e in events)
    assert not any(e["cameo"].startswith("08") for e in events)  # "freed up" frees no one
    assert not relations  # the brokers are not among "Sudan's allies"


def test_pleading_guilty_is_no_appeal(code):
    events, _ = code("The Dutch businessman pleaded guilty to selling parts to Iran.")
    assert not any(e["cameo_root"] == "02" for e in events)
    events, _ = code("Pakistan pleaded with the United States to release the funds.")
    assert ("PAK", "USA", "02") in dyads(events)


def test_an_appeal_is_aimed_at_whom_it_asks(code):
    events, _ = code("The senator asked the ministry's auditor to review a trip to Morocco.")
    assert not events


def test_parties_in_talks(code):
    events, _ = code("Peru and Chile have been in talks over the maritime border since 2012.")
    assert {("PER", "CHL", "04"), ("CHL", "PER", "04")} <= dyads(events)
    assert {e["date"]["start"][:4] for e in events} == {"2012"}


def test_naming_something_is_no_appeal(code):
    events, _ = code('Canada on Monday called the Venezuelan crackdown "a tragedy".')
    assert not any(e["cameo_root"] == "02" for e in events)


def test_a_participle_clause_can_be_passive(code):
    events, _ = code(
        "Asked at a news conference with the visiting Kenyan foreign minister about the vote, "
        "the Dutch minister declined to say more."
    )
    assert not any(e["cameo_root"] == "02" for e in events)


def test_visiting_a_place_and_a_visiting_guest(code):
    events, _ = code("Visiting Lima, the Bolivian president said trade mattered.")
    assert ("BOL", "PER", "04") in dyads(events)
    events, _ = code("The Irish minister, when visiting Ghana last week, praised its schools.")
    assert ("GHA", "IRL", "04") not in dyads(events)


def test_trading_insults_or_fire(code):
    events, _ = code("Iran has traded insults with Saudi Arabia all week.")
    assert {("IRN", "SAU", "11"), ("SAU", "IRN", "11")} <= dyads(events)
    events, _ = code("Armenian and Azerbaijani troops traded fire on the border.")
    assert ("ARM", "AZE", "19") in dyads(events)
    events, _ = code("Chile trades with Peru.")
    assert ("CHL", "PER", "06") in dyads(events)


def test_a_state_name_after_a_given_name_is_a_surname(code):
    events, _ = code("Republican senator Bill Chad pressed Kenya on the vote.")
    assert not any(
        "TCD" in (e["source"]["country"], (e["target"] or {}).get("country")) for e in events
    )
    events, _ = code("In 1940 Vichy France signed an armistice with Germany.")
    assert ("FRA", "DEU", "05") in dyads(events)


def test_a_reaction_drawn_by_an_act_is_aimed_at_its_author(code):
    events, _ = code(
        "Iran tested a ballistic missile on Sunday, drawing condemnation from Paris and Berlin."
    )
    assert {("FRA", "IRN", "11"), ("DEU", "IRN", "11")} <= dyads(events)
    events, _ = code("Morocco's deal with Israel drew a furious response from Algeria.")
    assert ("DZA", "MAR", "11") in dyads(events)
    events, _ = code("Vietnam seized a Thai trawler, prompting a formal protest from Bangkok.")
    assert ("THA", "VNM", "11") in dyads(events)


def test_a_move_condemned_by_someone(code):
    events, _ = code("Laos expelled two Thai monks on Friday, a move criticised by Thailand.")
    assert ("THA", "LAO", "11") in dyads(events)


def test_agreeing_to_a_ceasefire_is_an_intent_and_a_future_truce(code):
    events, _ = code("Eritrea and Ethiopia agreed to a ceasefire on Sunday.")
    assert {("ERI", "ETH", "03"), ("ETH", "ERI", "03")} <= dyads(events, "asserted")
    assert {("ERI", "ETH", "08"), ("ETH", "ERI", "08")} <= dyads(events, "future")


def test_joint_exercises_of_several_subjects_with_a_partner(code):
    events, _ = code(
        "Chile, Peru and Colombia began naval exercises on Monday, with Brazil taking part, "
        "in a move likely to irritate Venezuela."
    )
    assert {("CHL", "PER", "06"), ("PER", "COL", "06"), ("CHL", "BRA", "06")} <= dyads(events)
    assert not any("VEN" in d for d in dyads(events))


def test_allies_of_a_state_are_not_that_state(code):
    events, _ = code("Norway and Denmark, both allies of Britain, signed a fisheries accord.")
    assert ("NOR", "DNK", "05") in dyads(events)
    assert not any("GBR" in d for d in dyads(events))


def test_an_act_told_twice_in_a_sentence_is_one_event(code):
    events, _ = code(
        "The Kenyan president will travel to Ghana next week, the first visit by a Kenyan "
        "leader to Accra in a decade."
    )
    assert [(d, e["modality"]) for e in events for d in dyads([e])] == [
        (("KEN", "GHA", "04"), "future")
    ]
    events, _ = code("Chilean and Peruvian officials met in Lima to discuss the border.")
    assert {e["trigger"] for e in events} == {"met"}


def test_idioms_with_no_event(code):
    events, _ = code("Kenya urged Uganda and Tanzania on Tuesday to exercise restraint.")
    assert ("KEN", "UGA", "02") in dyads(events)
    assert all(e["cameo"] == "020" for e in events)  # not an appeal for military exercises
    events, _ = code("Seoul pressed ahead with joint drills with the United States.")
    assert not any(e["cameo_root"] == "02" for e in events)


def test_a_delegation_of_visiting_lawmakers_visits_the_host(code):
    events, _ = code("The Thai premier told a delegation of visiting Malaysian lawmakers: no.")
    assert ("MYS", "THA", "04") in dyads(events)
    assert ("THA", "MYS", "04") not in dyads(events)


def test_a_sentence_about_an_earlier_year_names_that_years_actors(code):
    events, _ = code("Archives show Cuba asked Moscow for missiles in 1962.", date="1999-05-01")
    assert ("CUB", "SUN", "02") in dyads(events)
    assert events[0]["cameo"] == "0232"
    events, _ = code("Cuba asked Moscow for missiles on Monday.", date="1999-05-01")
    assert ("CUB", "RUS", "02") in dyads(events)


def test_comments_about_another_partys_prospects(code):
    events, _ = code("The Chadian president said he was pessimistic that Libya would ever pay.")
    assert ("TCD", "LBY", "01") in dyads(events)
    events, _ = code("A spokesman for the Swedish government declined to comment on Iraq's plan.")
    assert ("SWE", "IRQ", "01") in dyads(events)


def test_sharing_a_view_is_agreement(code):
    events, _ = code("Hanoi said it shared Manila's view that the ruling was binding.")
    assert ("VNM", "PHL", "01") in dyads(events)


def test_approving_a_sale_or_loan_is_the_sale_or_loan(code):
    events, _ = code("Washington approved the sale of 40 fighter jets to Greece.")
    assert ("USA", "GRC", "07") in dyads(events)
    events, _ = code(
        "A $2 billion loan to Ghana was approved on Friday by the International Monetary Fund."
    )
    assert ("IMF", "GHA", "07") in dyads(events)


def test_a_treaty_between_two_states_was_concluded(code):
    events, _ = code("The 1994 peace treaty between Jordan and Israel has held for decades.")
    assert {("JOR", "ISR", "05"), ("ISR", "JOR", "05")} <= dyads(events)
    assert {e["date"]["start"][:4] for e in events} == {"1994"}
    events, _ = code("The growing partnership between Peru and Chile worries Bolivia.")
    assert not events


def test_during_a_visit_the_visitor_is_the_subject(code):
    events, _ = code("The Irish premier praised Ghana on Tuesday during a visit to Accra.")
    assert ("IRL", "GHA", "04") in dyads(events)


def test_vowing_to_attack_is_a_threat(code):
    events, _ = code("The Taliban vowed on Friday to attack any Pakistani convoy.")
    assert [e["cameo"][:2] for e in events] == ["13"]


def test_forces_massing_or_moved_towards_a_border(code):
    events, _ = code("Serbia would act if Croatian forces massed on the Bosnian border.")
    assert ("HRV", "BIH", "15") in dyads(events)
    events, _ = code("Belarus has not moved any troops towards its border with Poland.")
    assert ("BLR", "POL", "15") in dyads(events, "negated")


def test_the_author_and_dead_of_an_attack(code):
    events, _ = code("Two Iraqi soldiers were killed by shelling from Turkish forces on Monday.")
    assert ("TUR", "IRQ", "19") in dyads(events)
    events, _ = code("Hamas fighters stormed into southern Israel on Saturday.")
    assert ("HAMAS", "ISR", "19") in dyads(events)
    events, _ = code(
        "Al-Shabaab claimed responsibility for the bombing at a Mogadishu hotel, which killed "
        "two Kenyan diplomats."
    )
    assert ("ALSHABAAB", "KEN", "18") in dyads(events)


def test_a_weekday_in_a_future_clause_is_the_coming_one(code):
    # 2017-11-29 is a Wednesday
    events, _ = code("Egypt will host the Sudanese president on Friday.", date="2017-11-29")
    assert events[0]["date"]["start"] == "2017-12-01"
    events, _ = code("Egypt hosted the Sudanese president on Friday.", date="2017-11-29")
    assert events[0]["date"]["start"] == "2017-11-24"


def test_firing_back_is_verbal(code):
    events, _ = code("Turkey's president fired back at Austria's chancellor over the remarks.")
    assert ("TUR", "AUT", "11") in dyads(events)


def test_states_named_before_an_appositive_stance_noun(code):
    _, relations = code(
        "Peru and Ecuador, bitter rivals for decades, have become close partners since 1998."
    )
    stances = {(frozenset((r["a"]["code"], r["b"]["code"])), r["stance"]) for r in relations}
    assert (frozenset(("PER", "ECU")), "rival") in stances
    assert (frozenset(("PER", "ECU")), "partner") in stances


def test_a_dispute_is_no_stance(code):
    _, relations = code("Greece and Turkey agreed to resume talks on their maritime disputes.")
    assert not relations


def test_its_in_an_accusation_is_the_accused(code):
    events, _ = code("Gambia accused Myanmar of genocide against its Muslim minority.")
    assert ("GMB", "MMR", "11") in dyads(events)
    assert not any(d[0] == "MMR" and d[1] == "GMB" for d in dyads(events))


def test_attacking_someone_over_something_is_verbal(code):
    events, _ = code("China attacked Washington over its trade practices.")
    assert ("CHN", "USA", "11") in dyads(events)
    events, _ = code("Officials want to fight trade imbalances with Japan.")
    assert not events


def test_the_pope_is_the_holy_see(code):
    events, _ = code("Pope Francis visited the Philippines in January.", date="2015-02-01")
    assert ("VAT", "PHL", "04") in dyads(events)


def test_the_country_is_not_the_invaders_own(code):
    events, _ = code(
        "Kuwait put its army on alert. Iraq moved troops north, years after Saddam Hussein's "
        "invasion of the emirate.",
        date="1994-10-09",
    )
    assert ("IRQ", "KWT", "19") in dyads(events)


def test_a_fact_in_a_reduced_relative_keeps_its_truth(code):
    events, _ = code(
        "Greece demanded reparations for the damage caused by Germany's occupation of Greece.",
        date="2019-06-01",
    )
    assert ("DEU", "GRC", "19") in dyads(events, "asserted")


def test_an_appeal_for_someone_to_act(code):
    events, _ = code("Mexico appealed on Saturday for Cuba to free the fishermen.")
    assert ("MEX", "CUB", "02") in dyads(events)
    events, _ = code("Norway called for Iran to release the sailors.")
    assert ("NOR", "IRN", "02") in dyads(events)


def test_the_subjects_held_the_talks_no_one_else_is_named(code):
    events, _ = code(
        "In a second round of talks last month, Peru's and Chile's ministers failed to agree."
    )
    assert ("PER", "CHL", "04") in dyads(events)
    events, _ = code("During talks, Spain and Portugal pressed Morocco on migration.")
    assert ("ESP", "PRT", "04") not in dyads(events)


def test_a_group_named_by_its_members(code):
    events, _ = code("Several European nations, including Spain, have accused Iran of spying.")
    assert ("ESP", "IRN", "11") in dyads(events)


def test_pushing_back_is_rejection(code):
    events, _ = code("Chile and Peru have pushed back at demands by Bolivia.")
    assert {("CHL", "BOL", "12"), ("PER", "BOL", "12")} <= dyads(events)


def test_a_title_names_whom_its_holder_speaks_for(code):
    events, _ = code(
        "EU foreign policy chief Jane Doe warned the Trump administration.", date="2017-12-05"
    )
    assert ("EU", "USA", "13") in dyads(events)


def test_a_trip_that_takes_someone_somewhere(code):
    events, _ = code("The Kenyan president's trip will also take him to Accra and Abuja.")
    assert {("KEN", "GHA", "04"), ("KEN", "NGA", "04")} <= dyads(events, "future")


def test_first_person_in_a_quote_is_the_speaker(code):
    events, _ = code('"We will never attack Chile," the Peruvian defence minister said.')
    assert ("PER", "CHL", "19") in dyads(events, "negated")
    events, _ = code('"I do not blame Norway," the Swedish prime minister said on Friday.')
    assert ("SWE", "NOR", "11") in dyads(events, "negated")
    # outside a quote a first-person word names no one
    events, _ = code("We will never attack Chile, the Peruvian defence minister said.")
    assert ("PER", "CHL", "19") not in dyads(events)


def test_an_exchange_of_views_with_someone(code):
    events, _ = code("The Kenyan president had a frank exchange of views with Uganda's leader.")
    assert {("KEN", "UGA", "04"), ("UGA", "KEN", "04")} <= dyads(events)


def test_phone_calls_taken_and_received(code):
    events, _ = code("The Chilean president took a telephone call from Argentina's president.")
    assert ("ARG", "CHL", "04") in dyads(events)
    events, _ = code("The Dutch prime minister received a phone call from the Belgian king.")
    assert ("BEL", "NLD", "04") in dyads(events)
    assert ("NLD", "BEL", "04") in dyads(events)  # no hosting of a visit


def test_railing_against_and_praise_as_a_noun(code):
    events, _ = code("The Venezuelan president railed against Colombia's border policy.")
    assert ("VEN", "COL", "11") in dyads(events)
    events, _ = code("Egypt's praise of Sudan surprised diplomats.")
    assert ("EGY", "SDN", "05") in dyads(events)


def test_talks_on_a_country_are_about_it(code):
    events, _ = code("Kenya and Ethiopia held talks on Somalia.")
    assert ("KEN", "ETH", "04") in dyads(events)
    assert not {d for d in dyads(events) if "SOM" in d}
    events, _ = code("Kenya's talks on Somalia ended on Friday.")
    assert not {d for d in dyads(events) if "SOM" in d}


def test_the_two_leaders_are_the_last_two_people_named(code):
    events, _ = code(
        "Brazil's president met Argentina's president in Brasilia. "
        "They discussed trade with Paraguay. The two leaders will meet again in June."
    )
    assert ("BRA", "ARG", "04") in dyads(events, "future")
    assert not {d for d in dyads(events, "future") if "PRY" in d}


def test_he_and_she_find_a_leader_of_their_gender(code):
    text = "Golda Meir met Willy Brandt in Jerusalem. {} praised {} for the new trade accord."
    events, _ = code(text.format("She", "him"), date="1973-06-12")
    assert ("ISR", "DEU", "05") in dyads(events)
    assert ("DEU", "ISR", "05") not in dyads(events)
    events, _ = code(text.format("He", "her"), date="1973-06-12")
    assert ("DEU", "ISR", "05") in dyads(events)
    assert ("ISR", "DEU", "05") not in dyads(events)


def test_an_owner_pronoun_is_no_party_when_one_is_named_further_in(code):
    events, _ = code(
        '"Peru is also committed to improving our economic relationship with Chile," '
        "the Peruvian president said."
    )
    assert ("PER", "CHL", "03") in dyads(events)


def test_a_group_named_by_examples(code):
    events, _ = code("The minister has condemned adversaries such as Iran and Syria, Israel said.")
    events, _ = code("Israel has long condemned adversaries such as Iran and Syria.")
    assert {("ISR", "IRN", "11"), ("ISR", "SYR", "11")} <= dyads(events)


def test_a_person_named_by_an_appositive_description(code):
    events, _ = code("Jones, the State Department official, flew to Hanoi on Monday.")
    assert ("USA", "VNM", "04") in dyads(events)


def test_a_when_clause_dates_the_clause_it_modifies(code):
    events, _ = code(
        "When the journalist was killed in March 2015, the British envoy flew to Hanoi.",
        date="2017-06-01",
    )
    flights = [e for e in events if e["cameo_root"] == "04"]
    assert flights and flights[0]["date"]["start"].startswith("2015")


def test_aides_to_a_leader_speak_for_the_leader(code):
    events, _ = code("The Chilean envoy met aides to the Bolivian president on Friday.")
    assert ("CHL", "BOL", "04") in dyads(events)


def test_whose_names_the_antecedent(code):
    events, _ = code("Iran, whose forces have been supporting the Iraqi army, denied the report.")
    assert ("IRN", "IRQ", "05") in dyads(events)


def test_dispatching_envoys_and_troops(code):
    events, _ = code("The Kenyan president dispatched his chief envoy to Juba.")
    assert ("KEN", "SSD", "04") in dyads(events)
    events, _ = code("Nigeria dispatched troops to Gambia.")
    assert ("NGA", "GMB", "07") in dyads(events)


def test_they_in_a_when_clause_are_the_parties_of_its_governor(code):
    events, _ = code("Japan's prime minister will try to persuade Seoul when they meet in June.")
    assert {("JPN", "KOR", "04"), ("KOR", "JPN", "04")} <= dyads(events, "future")


def test_a_feeling_sparked_in_a_country_is_its_reaction(code):
    events, _ = code("Turkey's president sparked fury in Greece with a visit to the island.")
    assert ("GRC", "TUR", "11") in dyads(events)
    # a place that is no party stays out: "caused anger in the region"
    events, _ = code("Turkey's move caused anger in the region.")
    assert not dyads(events)


def test_an_act_done_with_a_noun_is_the_subjects(code):
    events, _ = code("Chile's president stunned observers with a sharp rebuke of Peru.")
    assert ("CHL", "PER", "11") in dyads(events)


def test_more_verbs_of_criticism_and_working_with(code):
    events, _ = code("Cuban exiles decried a Spanish decision to end the program.")
    assert ("CUB", "ESP", "11") in dyads(events)
    events, _ = code("The Kenyan president berated Uganda on Monday.")
    assert ("KEN", "UGA", "11") in dyads(events)
    events, _ = code("Peru worked with Chile on the border issue last year.")
    assert {("PER", "CHL", "06"), ("CHL", "PER", "06")} <= dyads(events)
    events, _ = code("Japan has worked hard on the issue with little result.")
    assert not dyads(events)


def test_officials_from_several_states(code):
    events, _ = code("Diplomats from Canada and Mexico met on Monday.")
    assert {("CAN", "MEX", "04"), ("MEX", "CAN", "04")} <= dyads(events)
    events, _ = code("Negotiators from Chile, Peru and Bolivia met in Lima.")
    assert {("CHL", "PER", "04"), ("PER", "BOL", "04"), ("CHL", "BOL", "04")} <= dyads(events)


def test_looking_forward_to_talks_is_future(code):
    events, _ = code("The Irish prime minister looks forward to conversations with Britain.")
    assert ("IRL", "GBR", "04") in dyads(events, "future")


def test_he_does_not_reach_back_past_a_person_we_cannot_name(code):
    text = (
        "Kenya's president met Uganda's president on Monday. "
        "Smith told reporters in Nairobi that talks with Uganda had gone well. "
        "He said he would visit Tanzania next week."
    )
    events, _ = code(text)
    assert not {d for d in dyads(events) if "TZA" in d}
    events, _ = code(
        "Kenya's president met Uganda's president on Monday. "
        "He said he would visit Tanzania next week."
    )
    assert {d for d in dyads(events) if "TZA" in d}


def test_every_code_the_coder_derives_is_a_cameo_code():
    """Codes built in the coder (refusals, intents) must exist in the ontology."""
    from allegiance.coding import coder as coder_module
    from allegiance.ontology import is_valid

    tables = [coder_module.REFUSAL_CODES, coder_module.INTENT_CODES]
    derived = {code for table in tables for code in table.values()}
    assert derived and all(is_valid(code) for code in derived), sorted(
        c for c in derived if not is_valid(c)
    )


def test_meeting_demands_is_no_meeting(code):
    events, _ = code("Chile and Peru have given Bolivia a week to meet their demands.")
    assert not {d for d in dyads(events) if d[2] == "04"}


def test_several_states_sever_ties_with_a_third(code):
    events, _ = code("Chad and Niger severed diplomatic ties with Libya on Monday.")
    assert {("TCD", "LBY", "16"), ("NER", "LBY", "16")} <= dyads(events)
    assert ("TCD", "NER", "16") not in dyads(events)


def test_the_neighbours_are_the_two_states_of_the_sentence(code):
    events, _ = code(
        "Peru's president arrived in Quito on Monday, as the neighbours, which fought a "
        "border war in 1995, seek closer ties."
    )
    assert {("PER", "ECU", "19"), ("ECU", "PER", "19")} <= dyads(events)


def test_a_state_bombing_is_an_air_raid(code):
    events, _ = code("Ghana condemned the Anglo-French bombing of Egypt.")
    codes = {
        (e["source"]["country"], e["target"]["country"], e["cameo"]) for e in events if e["target"]
    }
    assert ("GBR", "EGY", "195") in codes
    events, _ = code("The bombing of the Kenyan embassy by Somali militants killed 20.")
    assert [e["cameo"] for e in events if e["target"]] == ["183"]


def test_armies_driving_and_advancing_into_a_country(code):
    events, _ = code("Ethiopian troops drove into Somalia and advanced towards Eritrea.")
    assert {("ETH", "SOM", "19"), ("ETH", "ERI", "19")} <= dyads(events)


def test_a_reaction_hung_on_a_relative_clause_answers_the_main_one(code):
    events, _ = code(
        "Indian police detained dozens of Nepalis who had crossed the border, drawing "
        "condemnation from Nepal."
    )
    assert ("NPL", "IND", "11") in dyads(events)


def test_a_plural_description_of_the_two_states_carries_a_stance(code):
    _, relations = code(
        "A Chilean warship docked in Lima on Monday, a sign of warming ties between the "
        "former enemies."
    )
    assert {(r["a"]["country"], r["b"]["country"], r["stance"]) for r in relations} & {
        ("CHL", "PER", "adversary"),
        ("PER", "CHL", "adversary"),
    }
    _, relations = code(
        "Peruvian pilgrims crossed into Bolivia, a gesture between the rival states."
    )
    assert {r["stance"] for r in relations} == {"rival"}


def test_declaring_a_state_an_enemy(code):
    _, relations = code("Chad's parliament declared the Libyan government an enemy.")
    assert [(r["a"]["country"], r["b"]["country"], r["stance"]) for r in relations] == [
        ("TCD", "LBY", "adversary")
    ]


def test_reported_would_is_future_unless_conditioned_or_hedged(code):
    events, _ = code("Ghana said on Monday it would free the Togolese fishermen.")
    assert ("GHA", "TGO", "08") in dyads(events, "future")
    events, _ = code("Ghana said it would free the Togolese fishermen if Lome paid the fines.")
    assert ("GHA", "TGO", "08") in dyads(events, "hypothetical")


def test_planned_visits_and_before_clauses_are_future(code):
    events, _ = code(
        "Chile protested on Monday, days before a planned visit to Lima by its minister."
    )
    events, _ = code("The talks come days before the Chilean president travels to Peru.")
    assert ("CHL", "PER", "04") in dyads(events, "future")
    events, _ = code("Oman's foreign minister announced a planned visit to Iran.")
    assert ("OMN", "IRN", "04") in dyads(events, "future")


def test_a_past_fact_after_after_keeps_its_truth(code):
    events, _ = code(
        "Chad and Niger have given Libya a week to meet their demands, a month after they "
        "severed ties with Tripoli."
    )
    assert ("TCD", "LBY", "16") in dyads(events, "asserted")


def test_time_spans_of_talks_are_the_talks(code):
    events, _ = code("The Kenyan and Ugandan presidents held five hours of talks on Friday.")
    assert {("KEN", "UGA", "04"), ("UGA", "KEN", "04")} <= dyads(events)


def test_a_leader_and_his_counterpart_as_joint_subjects(code):
    events, _ = code("Kenya's president and his Ugandan counterpart signed an agreement on Friday.")
    assert {("KEN", "UGA", "05"), ("UGA", "KEN", "05")} <= dyads(events)


def test_troops_massed_along_a_border_hung_on_the_object(code):
    events, _ = code("Chad has massed thousands of troops along its border with Sudan.")
    assert ("TCD", "SDN", "15") in dyads(events)


def test_aid_flown_or_withheld_and_trade_frozen(code):
    events, _ = code("Kenya flew hundreds of tonnes of food to Somalia on Friday.")
    assert ("KEN", "SOM", "07") in dyads(events)
    events, _ = code("Sweden is withholding $20 million in aid from Uganda.")
    assert ("SWE", "UGA", "16") in dyads(events)
    events, _ = code("Morocco froze all new trade and investment with Algeria.")
    assert ("MAR", "DZA", "16") in dyads(events)


def test_a_condemned_killing_is_aimed_at_its_author(code):
    events, _ = code(
        "The Japanese government condemned the beheading of a Japanese hostage by ISIS."
    )
    assert {("JPN", "ISIS", "11"), ("ISIS", "JPN", "18")} <= dyads(events)


def test_the_one_prompted_does_the_act(code):
    events, _ = code(
        "The vote angered Ankara, prompting Turkey to recall its ambassador from Vienna."
    )
    assert ("TUR", "AUT", "16") in dyads(events)


def test_a_broker_is_no_party_to_the_talks(code):
    events, _ = code("Ethiopia suspended U.S.-brokered talks with Egypt on Thursday.")
    assert ("ETH", "EGY", "16") in dyads(events)
    # the broker mediated between both parties, and suspended nothing
    assert {("USA", "ETH", "04"), ("USA", "EGY", "04")} <= dyads(events)
    assert not {d for d in dyads(events) if "USA" in d[:2] and d[2] != "04"}


def test_whose_forces_carry_their_sector(code):
    events, _ = code(
        "Israel, whose warplanes have pounded southern Lebanon for a week, said nothing."
    )
    assert ("ISR", "LBN", "19") in dyads(events)


def test_warfare_is_coded_by_its_weapons(code):
    events, _ = code("The Iraqi army waged chemical warfare against Iran.", date="1988-03-20")
    assert [e["cameo"] for e in events if e["target"]] == ["2041"]


def test_the_speaker_and_the_one_told_hold_the_talks(code):
    events, _ = code(
        "Cuba told senior Mexican officials during talks in Havana that visas were late."
    )
    assert {("CUB", "MEX", "04"), ("MEX", "CUB", "04")} <= dyads(events)


def test_forces_surrounding_a_place_blockade_it(code):
    events, _ = code("Ethiopian tanks have surrounded the Eritrean president's headquarters.")
    assert ("ETH", "ERI", "19") in dyads(events)


def test_a_leader_named_in_full_is_later_named_by_surname(code):
    events, _ = code(
        "Kenyan President Uhuru Kenyatta arrived in Kampala on Monday. "
        "Kenyatta praised Uganda for its help.",
        date="2016-07-20",
    )
    assert ("KEN", "UGA", "05") in dyads(events)
    # a month is never a surname: "Theresa May ... in May"
    events, _ = code(
        "British Prime Minister Theresa May met the Irish leader. Ireland criticised the plan "
        "in May.",
        date="2017-07-20",
    )
    assert ("IRL", "GBR", "11") not in dyads(events)


def test_money_counts_as_a_quantity(code):
    events, _ = code("Washington sent hundreds of millions of dollars in aid to Honduras.")
    assert ("USA", "HND", "07") in dyads(events)


def test_territory_taken_from_a_state(code):
    events, _ = code("Ethiopian troops seized the town from Eritrea last week.")
    assert ("ETH", "ERI", "19") in dyads(events)
    events, _ = code("Eritrean forces recaptured Badme from Ethiopia on Friday.")
    assert ("ERI", "ETH", "19") in dyads(events)


def test_a_violent_act_in_a_foreign_state_is_aimed_at_it(code):
    events, _ = code("Israeli aircraft struck weapons depots in Syria on Sunday.")
    assert ("ISR", "SYR", "19") in dyads(events)
    events, _ = code("Turkey condemned the Russian air strikes in Syria.")
    assert ("RUS", "SYR", "19") in dyads(events)


def test_a_violent_act_on_home_ground_has_no_place_target(code):
    events, _ = code("Pakistani troops killed five militants in Waziristan and Balochistan.")
    assert not {d for d in dyads(events) if d[1] == "PAK" and d[0] == "PAK"}
    events, _ = code("Egyptian jets bombed militant hideouts in Egypt's north.")
    assert not events


def test_a_named_place_gives_the_state_attacked_or_visited(code):
    events, _ = code("Russian forces shelled Kharkiv and Kherson overnight.")
    assert ("RUS", "UKR", "19") in dyads(events)
    events, _ = code("Kharkiv was shelled by Russian artillery overnight.")
    assert ("RUS", "UKR", "19") in dyads(events)
    events, _ = code("Russian air strikes on Aleppo killed 40 people.")
    assert ("RUS", "SYR", "19") in dyads(events)
    events, _ = code("Israel captured the Golan Heights in 1967.")
    assert ("ISR", "SYR", "19") in dyads(events)
    events, _ = code("The U.S. president visited Hiroshima last week.")
    assert ("USA", "JPN", "04") in dyads(events)


def test_a_place_is_no_party_and_no_antecedent(code):
    events, _ = code("Lahore hosted a cricket match. It condemned India on Monday.")
    assert not events
    events, _ = code("Indian and Pakistani officials met in Lahore on Monday.")
    assert {d[:2] for d in dyads(events)} <= {("IND", "PAK"), ("PAK", "IND")}


def test_an_accused_act_on_its_own_doer_is_aimed_at_the_accuser(code):
    events, _ = code("Niger accused Mali of launching an unprovoked raid on its border posts.")
    assert ("MLI", "NER", "19") in dyads(events, "alleged")
    assert ("MLI", "MLI", "19") not in dyads(events)
    events, _ = code("Laos accused Thailand of launching an attack on Cambodia.")
    assert ("THA", "KHM", "19") in dyads(events, "alleged")


def test_an_act_supplied_with_a_noun_takes_the_verbs_modality(code):
    events, _ = code("Kyiv accused Minsk of supplying Moscow with artillery shells.")
    assert ("BLR", "RUS", "07") in dyads(events, "alleged")
    events, _ = code("Belarus will supply Russia with artillery shells.")
    assert ("BLR", "RUS", "07") in dyads(events, "future")


def test_a_leader_acting_in_a_foreign_capital_is_visiting(code):
    events, _ = code(
        "Chilean President Michelle Bachelet announced in Lima on Monday that the two "
        "countries would share border data.",
        date="2015-06-01",
    )
    assert ("CHL", "PER", "04") in dyads(events)
    events, _ = code("Speaking in Nairobi, the British foreign secretary praised the reforms.")
    assert ("GBR", "KEN", "04") in dyads(events)


def test_no_visit_at_home_or_at_a_third_party_venue(code):
    events, _ = code("The French president said in Paris that he would not resign.")
    assert not events
    events, _ = code(
        "The Iranian foreign minister met the Saudi foreign minister in Beijing on Friday."
    )
    assert not {d for d in dyads(events) if "CHN" in d}
    events, _ = code(
        "A treaty was signed in Rome by the Italian prime minister and the Austrian chancellor."
    )
    assert not {d for d in dyads(events) if d[2] == "04"}


def test_unnamed_fighters_struck_are_the_group_the_sentence_names(code):
    events, _ = code(
        "Al-Shabaab vowed revenge on Friday, a day after Kenyan jets bombed militant camps "
        "in Somalia."
    )
    assert ("KEN", "ALSHABAAB", "19") in dyads(events)
    assert ("KEN", "SOM", "19") not in dyads(events)
    events, _ = code("Kenyan jets bombed rebel camps in Somalia.")
    assert ("KEN", "SOM", "19") in dyads(events)


def test_an_act_blamed_on_a_party_is_its_alleged_covert_violence(code):
    events, _ = code("Kenya denied any role in the Nairobi bombing, which Uganda blamed on Sudan.")
    assert ("SDN", "UGA", "18") in dyads(events, "alleged")
    events, _ = code(
        "Oslo expelled two diplomats over the poisoning of a defector in Bergen, which Norway "
        "blamed on Moscow."
    )
    assert ("RUS", "NOR", "18") in dyads(events, "alleged")
    events, _ = code("The attack on the Greek embassy was blamed on Turkey.")
    assert ("TUR", "GRC", "18") in dyads(events, "alleged")


def test_a_war_a_truce_ends_was_fought_by_its_parties(code):
    events, _ = code(
        "Eritrea and Ethiopia signed a peace accord that ended two years of war.",
        date="2000-12-12",
    )
    assert {("ERI", "ETH", "19"), ("ETH", "ERI", "19")} <= dyads(events, "asserted")
    events, _ = code(
        "A truce between Armenia and Azerbaijan took effect on Tuesday, halting six weeks of "
        "fighting.",
        date="2020-11-10",
    )
    assert {("ARM", "AZE", "19"), ("AZE", "ARM", "19")} <= dyads(events, "asserted")


def test_a_trade_war_is_no_fighting(code):
    events, _ = code("Brazil and Argentina waged a trade war over shoes in 2019.")
    assert not {d for d in dyads(events) if d[2] == "19"}


def test_a_house_speaker_landing_in_a_foreign_capital_is_visiting(code):
    events, _ = code("The Czech Senate speaker landed in Taipei on Sunday.")
    assert ("CZE", "TWN", "04") in dyads(events)


def test_a_mediator_brokers_the_parties_act(code):
    events, _ = code("Qatar brokered a prisoner swap between Rwanda and Burundi on Monday.")
    assert {("RWA", "BDI", "08"), ("BDI", "RWA", "08")} <= dyads(events)
    assert ("QAT", "RWA", "04") in dyads(events)


def test_peacekeepers_arriving_in_a_country_keep_the_peace_there(code):
    events, _ = code("Ghanaian peacekeepers arrived in Liberia on Tuesday.")
    assert ("GHA", "LBR", "07") in dyads(events)
    events, _ = code("Ghanaian peacekeepers arrived in Accra on Tuesday.")
    assert not events


def test_a_claim_of_responsibility_is_aimed_where_the_act_was(code):
    events, _ = code("Al-Shabaab claimed responsibility for a bombing at Mogadishu airport.")
    assert {("ALSHABAAB", "SOM", "01"), ("ALSHABAAB", "SOM", "18")} <= dyads(events)
    events, _ = code(
        "Boko Haram claimed responsibility for the bombing of a market, which killed "
        "ten Chadian soldiers."
    )
    assert ("BOKOHARAM", "TCD", "18") in dyads(events)


def test_relations_that_broke_down_are_strained(code):
    _, relations = code("Relations between Peru and Ecuador broke down in 1995.")
    assert {(r["a"]["country"], r["b"]["country"], r["stance"]) for r in relations} >= {
        ("PER", "ECU", "strained")
    }
    _, relations = code("Germany recalled its envoy after relations with Kenya collapsed.")
    assert {frozenset((r["a"]["country"], r["b"]["country"])) for r in relations} == {
        frozenset(("DEU", "KEN"))
    }


def test_hostility_ended_by_two_states_was_theirs(code):
    _, relations = code(
        "Vietnam and China normalised relations in 1991, ending a decade of hostility."
    )
    assert any(
        {r["a"]["country"], r["b"]["country"]} == {"VNM", "CHN"} and r["stance"] == "adversary"
        for r in relations
    )


def test_standing_relations_held_on_terms_or_in_a_peace(code):
    cases = [
        (
            "Albania remained on hostile terms with Belgrade for decades.",
            {"ALB", "SRB"},
            "adversary",
        ),
        ("Peru is on good terms with Chile.", {"PER", "CHL"}, "friendly"),
        ("Jordan and Israel have kept a cold peace since 1994.", {"JOR", "ISR"}, "strained"),
        ("Brazil maintains friendly relations with Beijing.", {"BRA", "CHN"}, "friendly"),
        ("Iran and Iraq have been sworn enemies since 1980.", {"IRN", "IRQ"}, "adversary"),
    ]
    for text, pair, stance in cases:
        _, relations = code(text)
        assert any(
            {r["a"]["country"], r["b"]["country"]} == pair and r["stance"] == stance
            for r in relations
        ), text


def test_a_relative_date_before_an_after_clause_dates_the_main_clause(code):
    events, _ = code(
        "Sweden summoned Russia's ambassador last month after a Russian submarine entered "
        "its waters, the ministry said on Monday.",
        date="2020-01-13",
    )
    summons = [e for e in events if e["cameo_root"] == "17" or e["trigger"] == "summoned"]
    assert summons and all(e["date"]["start"].startswith("2019-12") for e in summons)


def test_an_act_n_units_after_or_before_is_dated_from_its_clause(code):
    events, _ = code(
        "Chile and Argentina signed a treaty on Thursday, six years after their navies "
        "clashed in the Beagle Channel.",
        date="1984-11-30",
    )
    fights = [e for e in events if e["cameo_root"] == "19"]
    assert fights and all(e["date"]["start"].startswith("1978") for e in fights)
    events, _ = code(
        "Japan protested to China on Monday, two days before Chinese ships entered its waters.",
        date="2012-09-17",
    )
    protests = [e for e in events if e["trigger"] == "protested"]
    assert protests and all(e["date"]["start"] == "2012-09-17" for e in protests)


def test_its_in_a_phrase_of_a_noun_is_the_nouns_of_object(code):
    events, _ = code(
        "Cuba is the closest ally of the Soviet Union in its war against Afghanistan.",
        date="1985-01-01",
    )
    assert ("SUN", "AFG", "19") in dyads(events)
    assert ("CUB", "AFG", "19") not in dyads(events)


def test_strikes_against_a_state_need_no_military_modifier(code):
    events, _ = code("Israeli strikes against Iran's nuclear sites began on Friday.")
    assert ("ISR", "IRN", "19") in dyads(events)
    events, _ = code("Dock workers in Chile staged strikes against the new pension law.")
    assert not {d for d in dyads(events) if d[2] == "19"}


def test_an_act_someone_is_urged_to_end_is_going_on(code):
    events, _ = code("The Arab League asked the council to halt Israel's shelling of Gaza.")
    assert ("ISR", "PSE", "19") in dyads(events, "asserted")
    events, _ = code("Jordan urged Syria to end the air raids on Deraa at once.")
    assert ("SYR", "JOR", "19") not in dyads(events)


def test_a_possessive_in_an_appeal_is_the_one_appealed_to(code):
    events, _ = code("Turkey called on Russia to stop its bombing of Syria.")
    assert ("RUS", "SYR", "19") in dyads(events)
    assert ("TUR", "SYR", "19") not in dyads(events)


def test_a_ceasefire_brokered_by_a_third_state_is_still_agreed(code):
    events, _ = code("Armenia and Azerbaijan agreed to a truce brokered by Moscow.")
    assert {("ARM", "AZE", "03"), ("AZE", "ARM", "03")} <= dyads(events)
    assert {("RUS", "ARM", "04"), ("RUS", "AZE", "04")} <= dyads(events)


def test_an_offer_of_talks_is_the_offerers_intent(code):
    events, _ = code("Seoul made a new offer of talks to Pyongyang on Monday.")
    offers = [e for e in events if e["cameo"] == "036"]
    assert [(e["source"]["country"], e["target"]["country"]) for e in offers] == [("KOR", "PRK")]
    events, _ = code("France welcomed the Venezuelan offer of talks with Guyana.")
    assert ("VEN", "GUY", "03") in dyads(events)
    assert ("FRA", "GUY", "03") not in dyads(events)


def test_who_is_urged_to_lift_sanctions_imposed_them(code):
    events, _ = code(
        "Belarus urged the European Union on Monday to lift sanctions imposed on Minsk in 2006.",
        date="2015-06-01",
    )
    imposed = [e for e in events if e["cameo"] == "163"]
    assert [(e["source"]["code"], e["target"]["country"]) for e in imposed] == [("EU", "BLR")]
    assert imposed[0]["date"]["start"].startswith("2006")
    assert imposed[0]["modality"] == "asserted"
    # lifting says nothing of when they were imposed: the lifting alone is coded
    events, _ = code("Washington lifted its sanctions on Myanmar on Friday.")
    assert not [e for e in events if e["cameo_root"] == "16"]


def test_a_described_state_refers_like_the_country(code):
    events, _ = code(
        "Britain recognised Israel a year after the new state was invaded by Egypt.",
        date="1949-05-13",
    )
    assert ("EGY", "ISR", "19") in dyads(events)
    events, _ = code("Russia praised Mongolia and promised the landlocked country new loans.")
    assert ("RUS", "MNG", "03") in dyads(events)


def test_an_object_pronoun_is_not_the_understood_subject(code):
    events, _ = code("Bahrain cut ties with Qatar on Monday, accusing it of backing militants.")
    assert ("BHR", "QAT", "11") in dyads(events)
    events, _ = code("Bahrain cut ties with Qatar, accusing the tiny Gulf state of backing rebels.")
    assert ("BHR", "QAT", "11") in dyads(events)


def test_the_armies_of_named_states_are_no_pair_anaphor(code):
    events, _ = code(
        "Chile recognised Bolivia a day after Bolivia was invaded by the armies of "
        "Paraguay and Brazil.",
        date="1900-01-01",
    )
    invaders = {d[0] for d in dyads(events) if d[1] == "BOL" and d[2] == "19"}
    assert invaders == {"PRY", "BRA"}


def test_what_a_party_is_asked_to_cancel_or_end_is_its_own_act(code):
    events, _ = code("Beijing urged Washington on Monday to cancel the arms sale to Taiwan.")
    sales = [e for e in events if e["cameo"] == "072"]
    assert [(e["source"]["country"], e["target"]["country"], e["modality"]) for e in sales] == [
        ("USA", "TWN", "asserted")
    ]
    events, _ = code("Turkey called on Israel to end the blockade of Gaza.")
    assert ("ISR", "PSE", "19") in dyads(events, "asserted")
    events, _ = code("Washington refused on Friday to ease its embargo on Cuba.")
    assert ("USA", "CUB", "16") in dyads(events, "asserted")
    # a lifting that may come is the news, not the sanctions in force
    events, _ = code("Washington would lift some oil sanctions on Caracas if it held elections.")
    assert [e["cameo"] for e in events if e["cameo_root"] in {"08", "16"}] == ["085"]
    # a ban the sentence says was imposed is dated by its own clause
    events, _ = code(
        "Seoul has not lifted the ban on Japanese fish it imposed in 2013.", date="2019-04-12"
    )
    bans = [e for e in events if e["cameo"] == "163"]
    assert [(e["source"]["country"], e["target"]["country"]) for e in bans] == [("KOR", "JPN")]
    assert bans[0]["date"]["start"].startswith("2013")


def test_who_was_behind_an_attack_did_it(code):
    events, _ = code("Lebanon accused Syria on Friday of being behind a bomb attack in Beirut.")
    assert ("SYR", "LBN", "18") in dyads(events, "alleged")
    events, _ = code("Al-Shabaab said it was behind the suicide attack on a hotel in Nairobi.")
    attacks = [e for e in events if e["cameo_root"] == "18"]
    assert [(e["source"]["code"], e["target"]["country"], e["cameo"]) for e in attacks] == [
        ("ALSHABAAB", "KEN", "1831")
    ]
    events, _ = code("Moscow denied that it was behind the missile attack on Ukraine's grid.")
    assert ("RUS", "UKR", "19") in dyads(events, "negated")


def test_curbs_and_bans_on_trade_name_the_state_traded_with(code):
    events, _ = code("Seoul imposed curbs on exports of chemicals to Japan on Monday.")
    assert ("KOR", "JPN", "16") in dyads(events)
    events, _ = code("Russia banned imports of Georgian wine in 2006.")
    assert ("RUS", "GEO", "16") in dyads(events)
    events, _ = code(
        "Seoul is considering lifting the curbs it imposed in 2019 on exports to Japan.",
        date="2023-03-06",
    )
    curbs = [e for e in events if e["cameo_root"] == "16"]
    assert [(e["source"]["country"], e["target"]["country"]) for e in curbs] == [("KOR", "JPN")]
    assert curbs[0]["date"]["start"].startswith("2019")


def test_the_first_leader_to_visit_the_country_visits_the_one_named(code):
    events, _ = code(
        "Abe praised Mongolia on Sunday, becoming the first Japanese prime minister to visit "
        "the country."
    )
    assert ("JPN", "MNG", "04") in dyads(events)


def test_fighting_alongside_is_military_cooperation(code):
    events, _ = code("Iran sent troops to fight alongside Syrian government forces in 2015.")
    assert ("IRN", "SYR", "06") in dyads(events)
    assert not {d for d in dyads(events) if d[2] == "19"}


def test_ties_broken_with_no_partner_named_are_with_the_other_state(code):
    events, _ = code(
        "Kenya and Somalia have had no relations since 2020, when Mogadishu broke off ties.",
        date="2021-05-06",
    )
    assert [(d[0], d[1]) for d in dyads(events) if d[2] == "16"] == [("SOM", "KEN")]
    # with two other states named, the partner is unknown
    events, _ = code("Peru broke off ties after a row with Chile and Ecuador.")
    assert not [d for d in dyads(events) if d[2] == "16"]


def test_no_relations_is_a_strained_relation_asserted(code):
    _, relations = code("Israel and Iran have had no diplomatic relations since 1979.")
    assert [(r["stance"], r["modality"]) for r in relations] == [("strained", "asserted")]
    assert {relations[0]["a"]["country"], relations[0]["b"]["country"]} == {"ISR", "IRN"}
    # ties of recognition: their absence is no stance
    _, relations = code("Japan has no formal ties with Taiwan but trades with it.")
    assert not relations


def test_relations_two_states_own_together(code):
    _, relations = code("India and Nepal's frosty relations began to thaw in 2022.")
    assert [({r["a"]["country"], r["b"]["country"]}, r["stance"]) for r in relations] == [
        ({"IND", "NPL"}, "strained")
    ]


def test_a_visit_during_which_a_future_act_happens_is_ahead(code):
    events, _ = code(
        "Kenya and Ethiopia will sign a trade pact during the Kenyan president's visit to "
        "Addis Ababa."
    )
    visits = [e for e in events if e["cameo_root"] == "04"]
    assert visits and all(e["modality"] == "future" for e in visits)
    events, _ = code(
        "Kenya and Ethiopia signed a trade pact during the Kenyan president's visit to Addis Ababa."
    )
    visits = [e for e in events if e["cameo_root"] == "04"]
    assert visits and all(e["modality"] == "asserted" for e in visits)
