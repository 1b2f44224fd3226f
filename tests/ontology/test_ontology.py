import pytest

from allegiance.ontology import cameo_codes, is_valid, lookup, normalise_code, plover_types, root_of


def test_all_cameo_codes_with_scores_and_quads():
    codes = cameo_codes()
    assert len(codes) >= 300
    roots = {c.root for c in codes.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert all(-10 <= c.goldstein <= 10 for c in codes.values())
    assert {c.quad_class for c in codes.values()} == {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("code", "goldstein", "quad", "plover"),
    [
        ("062", 7.4, 2, "COOPERATE"),
        ("190", -10.0, 4, "ASSAULT"),
        ("042", 1.9, 1, "CONSULT"),
        ("112", -2.0, 3, "ACCUSE"),
        ("163", -8.0, 4, "COERCE"),
        ("161", -4.0, 4, "SANCTION"),
    ],
)
def test_known_codes(code, goldstein, quad, plover):
    c = lookup(code)
    assert (c.goldstein, c.quad_class, c.plover) == (goldstein, quad, plover)


def test_plover_modes_and_unknown_codes():
    assert lookup("042").plover_mode == "visit"
    assert "ASSAULT" in plover_types() and "18" in plover_types()["ASSAULT"].cameo_roots
    assert not is_valid("13y")
    with pytest.raises(KeyError, match="13y"):
        lookup("13y")
    assert normalise_code("62") == "062" and root_of("0874") == "08"
