"""find_mentions and resolve on raw text."""

from __future__ import annotations

import datetime as dt

import pytest

from allegiance.actors import Gazetteer, Mention

DATE = dt.date(2016, 9, 24)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def codes(m: Mention) -> list[str]:
    return [a.code for a in m.actors]


def only(gaz: Gazetteer, text: str, date: dt.date | None = DATE) -> Mention:
    found = gaz.find_mentions(text, date)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russo-Pak ties", ["RUS", "PAK"]),
        ("the Indo-US deal", ["IND", "USA"]),
        ("the Sino-Indian war", ["CHN", "IND"]),
        ("a US-India-Japan axis", ["USA", "IND", "JPN"]),
        ("Indo-Pakistani talks", ["IND", "PAK"]),
        ("a Russo- Chinese - Pak axis", ["RUS", "CHN", "PAK"]),
        ("India-Pakistan relations", ["IND", "PAK"]),
        ("U.S.-China trade", ["USA", "CHN"]),
        ("Anglo-American ties", ["GBR", "USA"]),
        ("the Russia\u2013Ukraine war", ["RUS", "UKR"]),
        ("Sino-Soviet split", ["CHN", "SUN"]),
    ],
)
def test_compounds(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    m = only(gaz, text)
    assert codes(m) == expected
    assert m.text == text[m.start : m.end]
    assert all(a.sector is None for a in m.actors)


def test_prefix_without_state_is_nothing(gaz: Gazetteer) -> None:
    assert gaz.find_mentions("the Indo-Pacific and Anglo-Saxon law") == []
    assert gaz.find_mentions("Indo and Sino") == []


@pytest.mark.parametrize(
    ("text", "span", "code", "plural"),
    [
        ("the Pakistan army attacked", "Pakistan army", "PAKMIL", False),
        ("Pakistan's army chief spoke", "Pakistan's army chief", "PAKMIL", False),
        ("Indian troops crossed", "Indian troops", "INDMIL", True),
        ("Indian diplomats met", "Indian diplomats", "INDGOV", True),
        ("Russian troops left", "Russian troops", "RUSMIL", True),
        ("Chinese firms invested", "Chinese firms", "CHNBUS", True),
        ("the Indian prime minister said", "Indian prime minister", "INDGOV", False),
        ("Indian senior officials said", "Indian senior officials", "INDGOV", True),
        (
            "Russian foreign minister Sergei Lavrov said",
            "Russian foreign minister Sergei Lavrov",
            "RUSGOV",
            False,
        ),
        ("the US secretary of state said", "US secretary of state", "USAGOV", False),
        ("the army of Pakistan", "army of Pakistan", "PAKMIL", False),
        ("troops from India arrived", "troops from India", "INDMIL", True),
        ("Chinese state media reported", "Chinese state media", "CHNMED", False),
    ],
)
def test_sector_attachment(gaz: Gazetteer, text: str, span: str, code: str, plural: bool) -> None:
    m = only(gaz, text)
    assert m.text == span
    assert codes(m) == [code]
    assert m.plural is plural
    assert text[m.start : m.end] == span


def test_sector_does_not_jump_over_verbs(gaz: Gazetteer) -> None:
    m = gaz.find_mentions("India told officials nothing")
    assert [x.text for x in m] == ["India"]
    assert codes(m[0]) == ["IND"]


@pytest.mark.parametrize(
    ("text", "kind", "code", "plural"),
    [
        ("Russia", "country", "RUS", False),
        ("the Russians", "plural", "RUS", True),
        ("the Soviets", "plural", "SUN", True),
        ("the Soviet Union", "country", "SUN", False),
        ("USSR", "alias", "SUN", False),
        ("Islamabad", "capital", "PAKGOV", False),
        ("New Delhi", "capital", "INDGOV", False),
        ("Peking", "capital", "CHNGOV", False),
        ("the Kremlin", "institution", "RUSGOV", False),
        ("the Pentagon", "institution", "USAMIL", False),
        ("GHQ Rawalpindi", "institution", "PAKMIL", False),
        ("Whitehall", "institution", "GBRGOV", False),
        ("the Quai d\u2019Orsay", "institution", "FRAGOV", False),
        ("South Block", "institution", "INDGOV", False),
        ("NATO", "igo", "NATO", False),
        ("the Security Council", "igo", "UNSC", False),
        ("the Taliban", "group", "TALIBAN", True),
        ("al Qaeda", "group", "ALQAEDA", False),
        ("Modi", "leader", "INDGOV", False),
        ("militants", "sector", "INS", True),
        ("the police", "sector", "GOV", True),
        ("protesters", "sector", "CVL", True),
    ],
)
def test_kinds(gaz: Gazetteer, text: str, kind: str, code: str, plural: bool) -> None:
    m = only(gaz, text)
    assert (m.kind, codes(m)[0], m.plural) == (kind, code, plural)


def test_actor_fields(gaz: Gazetteer) -> None:
    m = only(gaz, "the Pakistan army")
    assert m.actors[0].to_dict() == {
        "code": "PAKMIL",
        "country": "PAK",
        "sector": "MIL",
        "name": "Pakistan",
        "text": "Pakistan army",
    }
    nato = only(gaz, "NATO").actors[0]
    assert (nato.country, nato.sector) == (None, "IGO")
    soviet = only(gaz, "the Soviets").actors[0]
    assert (soviet.country, soviet.name) == ("SUN", "Soviet Union")  # no lineage here


def test_groups_with_demonym(gaz: Gazetteer) -> None:
    pak = only(gaz, "the Pakistani Taliban").actors[0]
    assert (pak.code, pak.country) == ("TTP", "PAK")
    afg = only(gaz, "the Afghan Taliban").actors[0]
    assert (afg.code, afg.country, afg.sector) == ("TALIBAN", "AFG", "INS")
    bare = only(gaz, "the Taliban").actors[0]
    assert bare.country is None


@pytest.mark.parametrize(
    "text",
    [
        "Indiana voters",
        "let us go",
        "tell us about it",
        "the Indian Ocean",
        "a turkey for dinner",
        "fine china",
        "Latin American states",
        "he was modest",
    ],
)
def test_non_matches(gaz: Gazetteer, text: str) -> None:
    assert gaz.find_mentions(text) == []


def test_no_match_inside_words_and_longest_wins(gaz: Gazetteer) -> None:
    text = "Romania, Nigeria, Papua New Guinea, Equatorial Guinea, Guinea-Bissau"
    found = gaz.find_mentions(text)
    assert [codes(m)[0] for m in found] == ["ROU", "NGA", "PNG", "GNQ", "GNB"]
    found = gaz.find_mentions("Chinese exports to Guinea")
    assert [(m.kind, codes(m)[0]) for m in found] == [("demonym", "CHN"), ("country", "GIN")]


def test_hashtag(gaz: Gazetteer) -> None:
    m = only(gaz, "trending: #India")
    assert m.text == "India" and codes(m) == ["IND"]


def test_mentions_sorted_and_disjoint(gaz: Gazetteer) -> None:
    text = (
        "Russia and Pakistan were Cold-War adversaries, while the Soviets were close to "
        "India. Now Russia sold attack helicopters to Pakistan, and Indian officials in New "
        "Delhi expected Moscow to call off its first joint exercise with the Pakistan army."
    )
    found = gaz.find_mentions(text, DATE)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert [codes(m)[0] for m in found] == [
        "RUS",
        "PAK",
        "SUN",
        "IND",
        "RUS",
        "PAK",
        "INDGOV",
        "INDGOV",
        "RUSGOV",
        "PAKMIL",
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Pakistan army", "PAKMIL"),
        ("Modi", "INDGOV"),
        ("Whitehall", "GBRGOV"),
        ("Indian diplomats", "INDGOV"),
        ("officials", "GOV"),
        ("Russo-Pak", "RUS"),
        ("nothing here", None),
        ("", None),
    ],
)
def test_resolve(gaz: Gazetteer, text: str, code: str | None) -> None:
    actor = gaz.resolve(text, DATE)
    assert (actor.code if actor else None) == code
    if actor:
        assert actor.text == text


def test_titles_before_leaders(gaz: Gazetteer) -> None:
    m = only(gaz, "President Putin said")
    assert m.text == "President Putin" and m.kind == "leader"
    m = only(gaz, "Indian Prime Minister Narendra Modi said")
    assert m.text == "Indian Prime Minister Narendra Modi" and codes(m) == ["INDGOV"]


def test_led_phrase_takes_the_leaders_name():
    from allegiance.actors.gazetteer import Gazetteer

    ms = Gazetteer.default().find_mentions("The Saudi-led coalition struck Sanaa.")
    assert ms[0].text == "Saudi-led coalition"
    assert ms[0].actors[0].country == "SAU"
    ms = Gazetteer.default().find_mentions("Russian-backed separatists attacked.")
    assert ms[0].text == "Russian"


def test_anti_names_no_one(gaz: Gazetteer) -> None:
    """ "Anti-American protesters" oppose the United States and are not its people."""
    found = gaz.find_mentions("Anti-American protesters marched past the Japanese embassy.", DATE)
    assert found and not [c for m in found for c in codes(m) if c.startswith("USA")]
    assert gaz.resolve("anti-Japanese protests") is None


def test_the_british_take_a_title(gaz: Gazetteer) -> None:
    assert codes(only(gaz, "the British foreign minister")) == ["GBRGOV"]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("shelling of Kharkiv", "UKR"),
        ("the annexation of Crimea", "UKR"),
        ("the Golan Heights", "SYR"),
        ("a visit to Hiroshima", "JPN"),
        ("near Lahore", "PAK"),
    ],
)
def test_places_name_their_state(gaz: Gazetteer, text: str, state: str) -> None:
    m = only(gaz, text)
    assert m.kind == "place"
    assert codes(m) == [state]
    assert m.actors[0].name == gaz.country(state).name  # the actor is the state


def test_places_are_soviet_before_1992_and_seas_are_no_places(gaz: Gazetteer) -> None:
    assert codes(only(gaz, "a visit to Leningrad", dt.date(1970, 1, 1))) == ["SUN"]
    assert gaz.find_mentions("pirates in the Gulf of Aden") == []


def test_a_users_places(tmp_path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text("places:\n  - {name: Gondor Ridge, country: NZL, kind: region}\n")
    gaz = Gazetteer.load([path])
    assert codes(only(gaz, "raids on Gondor Ridge")) == ["NZL"]
    path.write_text("places:\n  - {name: Gondor Ridge, country: New Zealand}\n")
    with pytest.raises(ValueError, match="ISO3"):
        Gazetteer.load([path])


def test_leaders_carry_their_gender(gaz: Gazetteer) -> None:
    assert only(gaz, "Indira Gandhi", dt.date(1971, 1, 1)).gender == "f"
    assert only(gaz, "Jawaharlal Nehru", dt.date(1955, 1, 1)).gender == "m"
    assert only(gaz, "Pakistan").gender is None


def test_former_names_of_states(gaz: Gazetteer) -> None:
    assert codes(only(gaz, "Transjordan", dt.date(1948, 5, 20))) == ["JOR"]
    assert codes(only(gaz, "Transjordanian troops", dt.date(1948, 5, 20))) == ["JORMIL"]
