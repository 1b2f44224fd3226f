"""User dictionaries: our YAML format and PETRARCH/TABARI actor and agent files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from allegiance.actors import Gazetteer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PETRARCH = SHARED / "data" / "petrarch"


def test_yaml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "states:\n"
        "  - iso3: ZZZ\n"
        "    name: Freedonia\n"
        "    demonyms: [Freedonian]\n"
        "    capitals: [Fredville]\n"
        "    cow: 999\n"
        "    successor: USA\n"
        "groups:\n"
        "  - {code: MARXB, name: Marx Brigade, sector: REB, aliases: [the Brothers]}\n"
        "leaders:\n"
        "  - {name: Rufus T. Firefly, aliases: [Firefly], country: ZZZ,\n"
        "     terms: [[1933-01-01, 1933-12-31]]}\n"
        "sectors:\n"
        "  MIL:\n"
        "    plurals: [grenadiers]\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load([path])
    found = gaz.find_mentions("Freedonian grenadiers met the Brothers in Fredville")
    assert [(m.text, m.actors[0].code) for m in found] == [
        ("Freedonian grenadiers", "ZZZMIL"),
        ("Brothers", "MARXB"),
        ("Fredville", "ZZZGOV"),
    ]
    assert gaz.successor("ZZZ") == "USA"
    assert gaz.by_cow(999) == "ZZZ"
    assert gaz.resolve("Firefly", dt.date(1933, 6, 1)).code == "ZZZGOV"  # type: ignore[union-attr]
    assert gaz.resolve("Firefly", dt.date(1950, 6, 1)) is None
    # The packaged default is not changed by loading extra dictionaries.
    assert Gazetteer.default().find_mentions("Freedonia") == []


def test_add_dictionary_counts_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "override.yaml"
    path.write_text(
        "organisations:\n  - {code: QUADX, name: Quad Plus, aliases: [Quad]}\n", encoding="utf-8"
    )
    gaz = Gazetteer.load()
    assert gaz.resolve("the Quad").code == "QUAD"  # type: ignore[union-attr]
    assert gaz.add_dictionary(path) == 1
    assert gaz.resolve("the Quad").code == "QUADX"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("states:\n  - iso3: ZZ\n    name: X\n", 2, "three letters"),
        ("groups:\n  - {code: A, name: B}\n  - {name: C}\n", 3, "lacks 'code'"),
        (
            "leaders:\n  - name: X\n    country: PAK\n    terms: [[2001-01-01, 1999-01-01]]\n",
            2,
            "ends before",
        ),
        ("leaders:\n  - {name: X, country: PAK, sector: ARMY}\n", 2, "unknown sector"),
        ("leaders:\n  - {name: X, country: PAK, gender: w}\n", 2, "gender must be f or m"),
        ("states: [\n  oops: : :\n", 2, "invalid YAML"),
        ("countries:\n  - iso3: ZZZ\n", 1, "unknown section"),
    ],
)
def test_malformed_yaml(tmp_path: Path, content: str, line: int, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        Gazetteer().add_dictionary(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert reason in message


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("ARNOR [ARN]\nGONDOR [GON\n", 2, "unbalanced"),
        ("+MINAS_TIRITH\nGONDOR [GON]\n", 1, "synonym"),
        ("ARNOR [ARN]\nROHAN\n\nMORDOR [MOR]\n", 2, "no [CODE]"),
        ("ARNOR\n  [ARN < 99x]\n", 2, "date restriction"),
    ],
)
def test_malformed_petrarch(tmp_path: Path, content: str, line: int, reason: str) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        Gazetteer().add_dictionary(path)
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert reason in str(err.value)


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(ValueError, match=r"blob\.bin:\d+: "):
        Gazetteer().add_dictionary(path)


def test_small_petrarch_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "small.actors.txt"
    actors.write_text(
        "<!-- a test world -->\n"
        "ARNOR_ [ARN]  # a kingdom\n"
        "+ARNORIAN\n"
        "ISRAELI_TROOPS [ISRMIL]\n"
        "SAM_GAMGEE [HOB]\n"
        "\t[HOBMIL 20080120-20121109]\n"
        "\t[HOBGOV >20121109]\n",
        encoding="utf-8",
    )
    agents = tmp_path / "small.agents.txt"
    agents.write_text(
        "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nWARDEN {WARDENS} [~MIL]\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load()
    assert gaz.add_dictionary(actors) == 3
    assert gaz.add_dictionary(agents) == 2
    arnor = gaz.resolve("the Arnorian wardens")
    assert arnor is not None and (arnor.code, arnor.country, arnor.sector) == (
        "ARNMIL",
        "ARN",
        "MIL",
    )
    troops = gaz.resolve("Israeli troops")
    assert troops is not None and (troops.code, troops.country, troops.sector) == (
        "ISRMIL",
        "ISR",
        "MIL",
    )
    assert gaz.resolve("Sam Gamgee", dt.date(2010, 1, 1)).code == "HOBMIL"  # type: ignore[union-attr]
    assert gaz.resolve("Sam Gamgee", dt.date(2014, 1, 1)).code == "HOBGOV"  # type: ignore[union-attr]
    assert gaz.resolve("Sam Gamgee").code == "HOB"  # type: ignore[union-attr]
    assert gaz.sector_of("congressmen") == "GOV"
    assert gaz.sector_of("congressman") == "GOV"


@pytest.mark.skipif(not PETRARCH.is_dir(), reason="../shared is not available")
def test_petrarch_validation_dictionaries() -> None:
    gaz = Gazetteer.load()
    assert gaz.add_dictionary(PETRARCH / "PETR.Validate.actors.txt") > 100
    assert gaz.add_dictionary(PETRARCH / "PETR.Validate.agents.txt") > 50
    for text, code, country, sector in [
        ("Arnor", "ARN", "ARN", None),
        ("Gondor", "GON", "GON", None),
        ("Minas Tirith", "GON", "GON", None),
        ("Ithilen military", "ITHMIL", "ITH", "MIL"),
        ("Hamas", "PSEREBHMS", "PSE", "REB"),
        ("the European Union", "IGOEEU", None, "IGO"),
        ("Interpol", "IGOCOPITP", None, "IGO"),
        ("Gondor soldiers", "GONMIL", "GON", "MIL"),
    ]:
        actor = gaz.resolve(text)
        assert actor is not None, text
        assert (actor.code, actor.country, actor.sector) == (code, country, sector), text
    assert gaz.resolve("Arnor").name == "Arnor"  # type: ignore[union-attr]
    # Dated codes: Gollum is HOB until mid-1995, then HOBGOV, then HOBREB.
    assert gaz.resolve("Gollum", dt.date(1994, 1, 1)).code == "HOB"  # type: ignore[union-attr]
    assert gaz.resolve("Gollum", dt.date(1997, 1, 1)).code == "HOBGOV"  # type: ignore[union-attr]
    assert gaz.resolve("Gollum", dt.date(2001, 1, 1)).code == "HOBREB"  # type: ignore[union-attr]
    assert gaz.resolve("Boromir") is None  # "[---]" is PETRARCH's null actor
