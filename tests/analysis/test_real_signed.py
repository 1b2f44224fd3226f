"""The 51 Doreian-Mrvar signed networks (COW, 1946-1999): our blocs against the baseline."""

from pathlib import Path

import pytest

from allegiance.analysis import blocs_by_period
from allegiance.store.importers.layers import LAYER_IMPORTERS

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data" / "signed_networks" / "doreian_mrvar_cow_signed_networks_1946_1999.csv"


@pytest.fixture(scope="module")
def windows(tmp_path_factory):
    if not DATA.exists():
        pytest.skip("../shared signed networks not available")
    from allegiance.store import Store

    store = Store(tmp_path_factory.mktemp("sn") / "sn.duckdb")
    store.con.execute("SELECT 1").fetchall()
    counts = LAYER_IMPORTERS["signed-edges"](store, DATA, "test")
    assert counts.rejected == 0 and counts.stored == counts.rows > 40000
    wins = [f"{y}-{y + 3}" for y in range(1946, 1997)]
    # the file labels the Soviet Union "RUS"; lineage off keeps labels exactly as given
    res = blocs_by_period(store, wins, within=True, lineage=False)
    store.close()
    return res


def test_never_worse_than_spectral(windows):
    assert len(windows) == 51
    for b in windows:
        assert b.frustration <= b.baseline["frustration"] + 1e-9, b.period
    mean_ours = sum(b.frustrated_ties for b in windows) / 51
    mean_base = sum(b.baseline["frustrated_ties"] for b in windows) / 51
    assert mean_ours < 0.8 * mean_base


def test_cold_war_usa_and_ussr_apart(windows):
    for b in windows:
        if int(b.period[-4:]) <= 1989:  # windows ending by 1989: the file has USA-RUS -1
            m = b.membership()
            assert m["USA"] != m["RUS"], b.period
