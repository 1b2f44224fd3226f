"""The packaged data: states, codes, lineage, leaders' terms."""

from __future__ import annotations

import datetime as dt

import pytest

from allegiance.actors import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_all_un_members_and_extras_present(gaz: Gazetteer) -> None:
    members = [c for c in gaz.countries() if c.un_member]
    assert len(members) == 193
    codes = {c.iso3 for c in gaz.countries()}
    for iso3 in ("TWN", "XKX", "PSE", "VAT", "SUN", "YUG", "CSK", "DDR", "IND", "PAK", "USA"):
        assert iso3 in codes
    assert not gaz.country("TWN").un_member  # type: ignore[union-attr]


def test_lineage(gaz: Gazetteer) -> None:
    assert gaz.successor("SUN") == "RUS"
    assert gaz.successor("YUG") == "SRB"
    assert gaz.successor("CSK") == "CZE"
    assert gaz.successor("DDR") == "DEU"
    assert gaz.successor("PAK") == "PAK"
    assert gaz.successor("XYZ") == "XYZ"
    assert gaz.lineage["SUN"] == "RUS"
    sun = gaz.country("SUN")
    assert sun is not None and sun.until_year == 1991 and sun.name == "Soviet Union"


def test_code_crosswalks(gaz: Gazetteer) -> None:
    assert gaz.by_cow(770) == "PAK"
    assert gaz.by_cow(750) == "IND"
    assert gaz.by_cow(2) == "USA"
    assert gaz.by_cow(365) == "RUS"  # COW does not split the USSR from Russia
    assert gaz.by_cow(260) == "DEU"  # West Germany
    assert gaz.by_cow(265) == "DDR"
    assert gaz.by_cow(99999) is None
    assert gaz.by_fips("UK") == "GBR"
    assert gaz.by_fips("RS") == "RUS"
    assert gaz.by_cameo_country("ROM") == "ROU"
    assert gaz.by_cameo_country("USR") == "SUN"
    assert gaz.by_cameo_country("IND") == "IND"
    pak = gaz.country("PAK")
    assert pak is not None
    assert (pak.iso2, pak.cow, pak.cowc, pak.fips) == ("PK", 770, "PAK", "PK")


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("Putin", dt.date(2016, 9, 24), "RUSGOV"),
        ("Putin", dt.date(1995, 1, 1), None),
        ("Vladimir Putin", dt.date(1995, 1, 1), None),
        ("Putin", None, "RUSGOV"),
        ("Modi", dt.date(2016, 1, 1), "INDGOV"),
        ("Modi", dt.date(2010, 1, 1), None),
        ("Nehru", dt.date(1955, 1, 1), "INDGOV"),
        ("Zulfikar Ali Bhutto", dt.date(1975, 1, 1), "PAKGOV"),
        ("Benazir Bhutto", dt.date(1975, 1, 1), None),
        ("Benazir Bhutto", dt.date(1989, 6, 1), "PAKGOV"),
        ("Raheel Sharif", dt.date(2015, 1, 1), "PAKMIL"),
        ("Musharraf", dt.date(1999, 1, 1), "PAKMIL"),
        ("Musharraf", dt.date(2005, 1, 1), "PAKGOV"),
        ("Brezhnev", dt.date(1970, 1, 1), "SUNGOV"),
        ("Sergei Lavrov", dt.date(2016, 1, 1), "RUSGOV"),
        ("Lavrov", dt.date(2003, 1, 1), None),
    ],
)
def test_leader_terms(gaz: Gazetteer, text: str, date: dt.date | None, code: str | None) -> None:
    actor = gaz.resolve(text, date)
    assert (actor.code if actor else None) == code


def test_ambiguous_surname_picks_the_one_in_office(gaz: Gazetteer) -> None:
    # Both Sharifs share the surname; the date decides, both are Pakistan's government.
    nawaz = gaz.find_mentions("Sharif said", dt.date(2014, 1, 1))
    shehbaz = gaz.find_mentions("Sharif said", dt.date(2023, 1, 1))
    assert nawaz[0].actors[0].code == shehbaz[0].actors[0].code == "PAKGOV"
    assert gaz.find_mentions("Sharif said", dt.date(2020, 1, 1)) == []


def test_sector_of(gaz: Gazetteer) -> None:
    assert gaz.sector_of("army") == "MIL"
    assert gaz.sector_of("troops") == "MIL"
    assert gaz.sector_of("officials") == "GOV"
    assert gaz.sector_of("firms") == "BUS"
    assert gaz.sector_of("the police") == "GOV"
    assert gaz.sector_of("journalists") == "MED"
    assert gaz.sector_of("militants") == "INS"
    assert gaz.sector_of("rebels") == "REB"
    assert gaz.sector_of("protesters") == "CVL"
    assert gaz.sector_of("helicopters") is None
