import datetime as dt

import pytest

from allegiance.store import Store
from allegiance.store.importers import ImportError_
from allegiance.store.importers.layers import LAYER_IMPORTERS


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.duckdb")
    s.con.execute("SELECT 1").fetchall()
    yield s
    s.close()


def gazetteer_ready() -> bool:
    try:
        from allegiance.actors import Gazetteer

        return Gazetteer.default().by_cow(2) == "USA"
    except Exception:
        return False


needs_cow = pytest.mark.skipif(not gazetteer_ready(), reason="actors gazetteer not available")


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_signed_edges_rejects_and_dedupe(store, tmp_path):
    p = write(
        tmp_path,
        "se.csv",
        "period,start_year,end_year,from,to,sign\n"
        "46-49,1946,1949,USA,RUS,-1\n"
        "46-49,19x6,1949,USA,GBR,1\n"
        "46-49,1946,1949,,GBR,1\n"
        "46-49,1946,1949,USA,FRA,maybe\n"
        "46-49,1946,1949,USA,GBR,1\n",
    )
    c = LAYER_IMPORTERS["signed-edges"](store, p, "r1")
    assert (c.rows, c.stored, c.rejected) == (5, 2, 3)
    rej = {r["line"]: r["reason"] for r in store.rejects("r1")}
    assert set(rej) == {3, 4, 5} and "sign" in rej[5] and "from" in rej[4]
    row = store.con.execute(
        "SELECT a, b, start_date, end_date, value, ref FROM ties WHERE b = 'RUS'"
    ).fetchall()[0]
    assert row == ("USA", "RUS", dt.date(1946, 1, 1), dt.date(1949, 12, 31), -1.0, "se.csv:2")
    c2 = LAYER_IMPORTERS["signed-edges"](store, p, "r2")
    assert c2.stored == 0 and c2.duplicates == 2
    assert store.count("ties") == 2


def test_missing_columns(store, tmp_path):
    p = write(tmp_path, "bad.csv", "period,start_year,from,to\n1,1946,A,B\n")
    with pytest.raises(ImportError_, match="missing columns: end_year, sign"):
        LAYER_IMPORTERS["signed-edges"](store, p, "r")
    with pytest.raises(ImportError_, match="missing columns"):
        LAYER_IMPORTERS["unga-votes"](store, p, "r")


@needs_cow
def test_unga_agreement_by_hand(store, tmp_path):
    # USA(2), GBR(200), IND(750); three roll calls in 1990, one in 1991
    rows = ["rcid,session,year,ccode,vote"]
    votes = {1: (1, 1, 3), 2: (3, 3, 3), 3: (1, 2, 1), 4: (1, 8, 1)}
    for rcid, vs in votes.items():
        year = 1990 if rcid < 4 else 1991
        for ccode, v in zip((2, 200, 750), vs, strict=True):
            rows.append(f"{rcid},45,{year},{ccode},{v}")
    rows += ["5,45,1990,999,1", "6,45,1990,2,7"]
    p = write(tmp_path, "un.csv", "\n".join(rows) + "\n")
    c = LAYER_IMPORTERS["unga-votes"](store, p, "r1")
    assert c.rows == 14 and c.stored == 12 and c.rejected == 2
    assert c.unknown_codes == {"999": 1}
    got = {
        (a, b, s.year): (v, w)
        for a, b, s, v, w in store.con.execute(
            "SELECT a, b, start_date, value, weight FROM ties WHERE layer = 'unga-votes'"
        ).fetchall()
    }
    # GBR-USA 1990: same on 1 and 2, differ on 3 -> 2/3 -> 2*2/3-1
    assert got[("GBR", "USA", 1990)] == (pytest.approx(1 / 3), 3.0)
    # IND-USA 1990: differ, same, same -> 2/3
    assert got[("IND", "USA", 1990)] == (pytest.approx(1 / 3), 3.0)
    # GBR-IND 1990: differ, same, differ -> 1/3
    assert got[("GBR", "IND", 1990)] == (pytest.approx(-1 / 3), 3.0)
    # 1991: GBR absent; IND-USA agree once
    assert got[("IND", "USA", 1991)] == (1.0, 1.0)
    assert ("GBR", "USA", 1991) not in got
    n = store.count("ties")
    c2 = LAYER_IMPORTERS["unga-votes"](store, p, "r2")
    assert c2.stored == 0 and store.count("ties") == n and store.count("unga_votes") == 12


@needs_cow
def test_alliances_and_disputes(store, tmp_path):
    atop = write(
        tmp_path,
        "atop.csv",
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,"
        "atop_consul\n2,200,1990,1,0,0,0,1\n200,2,1990,0,0,0,0,1\n"
        "365,750,1975,0,0,0,1,1\n2,abc,1990,1,0,0,0,0\n2,99999,1990,1,0,0,0,0\n",
    )
    c = LAYER_IMPORTERS["atop"](store, atop, "r1")
    assert c.rejected == 2 and c.unknown_codes == {"99999": 1} and c.stored == 2
    ties = store.con.execute(
        "SELECT a, b, value FROM ties WHERE layer='atop' ORDER BY a"
    ).fetchall()
    assert ("GBR", "USA", 1.0) in ties
    assert any(v == 0.6 and "IND" in (a, b) for a, b, v in ties)
    assert LAYER_IMPORTERS["atop"](store, atop, "r2").stored == 0
    mid = write(
        tmp_path,
        "mid.csv",
        "dispnum,ccode1,ccode2,year,hostlev1,hostlev2,other\n"
        "258,2,365,1962,4,3,x\n258,365,2,1962,3,4,x\n300,2,365,1970,-9,,x\n",
    )
    c = LAYER_IMPORTERS["cow-mid"](store, mid, "r3")
    assert c.rejected == 1 and c.stored == 1
    (val,) = store.con.execute("SELECT value FROM ties WHERE layer='cow-mid'").fetchall()[0]
    assert val == pytest.approx(-0.8)
    cow = write(
        tmp_path,
        "cow.csv",
        "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n2,20,1950,0,0,0,1\n",
    )
    assert LAYER_IMPORTERS["cow-alliance"](store, cow, "r4").stored == 1


def test_design_name_unga_agreement_is_the_unga_votes_layer():
    from allegiance.analysis import parse_layers
    from allegiance.store.importers import IMPORTERS, KINDS

    assert "unga-agreement" in KINDS
    assert IMPORTERS["unga-agreement"] is IMPORTERS["unga-votes"]
    assert parse_layers("events=1,unga-agreement=0.5") == {"events": 1.0, "unga-votes": 0.5}
