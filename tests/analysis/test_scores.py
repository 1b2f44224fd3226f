import pytest
from analysis_support import add_events, ev, rel, tie

from allegiance.analysis import (
    alignment,
    axis,
    blocs,
    dyad_series,
    parse_layers,
    parse_period,
    shifts,
    signed_network,
)


def score_at(series, period):
    return {p.period: p.score for p in series.series}[period]


def test_parse_period_and_layers():
    p = parse_period("1966-1969")
    assert (p.start.isoformat(), p.end.isoformat()) == ("1966-01-01", "1969-12-31")
    assert parse_period("2016Q3").end.isoformat() == "2016-09-30"
    assert parse_period("2016-02").end.isoformat() == "2016-02-29"
    assert parse_period("1970").label == "1970"
    for bad in ("19", "1970-1960", "2016Q5", "2016-13", "last year"):
        with pytest.raises(ValueError):
            parse_period(bad)
    assert parse_layers("events=1,atop=0.5") == {"events": 1.0, "atop": 0.5}
    assert parse_layers("events") == {"events": 1.0}
    assert parse_layers(None) is None
    for bad in ("events=x", "events=1,,atop", "events=-1", "a b=1", "atop=1,atop=2"):
        with pytest.raises(ValueError):
            parse_layers(bad)


def test_modality_weights(store):
    add_events(store, [ev("USA", "IRN", "2010-03-01", -10.0)])
    add_events(store, [ev("USA", "CUB", "2010-03-01", -10.0, "hypothetical")])
    add_events(store, [ev("USA", "PRK", "2010-03-01", -10.0, "negated")])
    asserted = score_at(dyad_series(store, "USA", "IRN"), "2010")
    hypo = score_at(dyad_series(store, "USA", "CUB"), "2010")
    neg = score_at(dyad_series(store, "USA", "PRK"), "2010")
    assert asserted <= -0.4
    assert abs(hypo) < abs(asserted) / 3
    assert neg is None or neg == 0.0
    # a negated event does not dilute an asserted one either
    add_events(store, [ev("USA", "IRN", "2010-04-01", 8.0, "negated")])
    assert score_at(dyad_series(store, "USA", "IRN"), "2010") == pytest.approx(asserted)


def test_relation_spread_over_span_and_lineage(store):
    rel(store, "SUN", "PAK", -0.8, "1950-01-01", "1989-12-31")
    add_events(store, [ev("RUS", "PAK", "2016-09-24", 7.4)])
    s = dyad_series(store, "RUS", "PAK")
    scores = {p.period: p.score for p in s.series}
    assert all(scores[str(y)] < -0.5 for y in range(1950, 1990))
    assert scores["2016"] > 0
    assert {p.period for p in s.series if p.relations} == {str(y) for y in range(1950, 1990)}
    ev1970 = next(p for p in s.series if p.period == "1970").evidence
    assert ev1970 and ev1970[0]["type"] == "relation" and ev1970[0]["stance"] == "adversary"
    # without lineage the Soviet Union and Russia are different states
    s2 = dyad_series(store, "RUS", "PAK", lineage=False)
    assert all(p.relations == 0 for p in s2.series)
    s3 = dyad_series(store, "SUN", "PAK", lineage=False)
    assert s3.a == "SUN" and any(p.relations for p in s3.series)
    net = signed_network(store, "1970")
    assert "RUS" in net.nodes and "SUN" not in net.nodes
    assert "SUN" in signed_network(store, "1970", lineage=False).nodes


def test_dyad_contract_and_evidence(store):
    add_events(
        store,
        [
            ev("RUS", "PAK", "2016-09-24", 7.4, quad=2),
            ev("PAK", "RUS", "2016-09-25", 7.4, quad=2),
            ev("RUS", "PAK", "2016-03-01", -4.0, quad=3),
        ],
    )
    d = dyad_series(store, "RUS", "PAK", evidence=2).to_dict()
    assert {"a", "b", "by", "series"} <= set(d)
    pt = d["series"][0]
    assert {"period", "score", "events", "evidence", "goldstein_sum", "quad_counts"} <= set(pt)
    assert pt["events"] == 3 and pt["quad_counts"] == {"1": 0, "2": 2, "3": 1, "4": 0}
    assert pt["goldstein_sum"] == pytest.approx(10.8)
    assert len(pt["evidence"]) == 2
    rec = pt["evidence"][0]
    for key in (
        "doc_id",
        "sentence",
        "span",
        "sentence_text",
        "date",
        "code",
        "modality",
        "weight",
    ):
        assert key in rec
    q = dyad_series(store, "RUS", "PAK", by="quarter").to_dict()
    assert [p["period"] for p in q["series"]][:3] == ["2016Q1", "2016Q2", "2016Q3"]


def synthetic_step(store, a, b, years, flip_year, before=-6.0, after=6.0):
    rows = []
    for y in years:
        g = before if y < flip_year else after
        rows += [ev(a, b, f"{y}-0{m}-01", g) for m in (2, 5, 8)]
    add_events(store, rows)


def test_changepoint_flip_and_trend(store):
    years = range(1990, 2010)
    synthetic_step(store, "IND", "RUS", years, 2000, before=6.0, after=-6.0)
    synthetic_step(store, "IND", "USA", years, 3000)  # constant: no shift
    # steady warming
    add_events(
        store,
        [ev("PAK", "USA", f"{y}-06-01", -8 + 0.8 * (y - 1990)) for y in years for _ in range(2)],
    )
    res = shifts(store, by="year", top=50)
    d = res.to_dict()
    assert set(d) >= {"shifts"}
    kinds = {(s["a"], s["b"], s["kind"]) for s in d["shifts"]}
    cps = [
        s for s in d["shifts"] if s["kind"] == "changepoint" and {s["a"], s["b"]} == {"IND", "RUS"}
    ]
    assert cps and abs(int(cps[0]["after"]["period"]) - 2000) <= 1
    assert ("IND", "RUS", "flip") in kinds
    flip = next(s for s in d["shifts"] if s["kind"] == "flip" and s["a"] == "IND")
    assert flip["before"]["score"] > 0 > flip["after"]["score"]
    assert flip["evidence"] and {"before", "after", "a", "b", "kind"} <= set(flip)
    assert ("PAK", "USA", "warming") in kinds
    assert not any({s["a"], s["b"]} == {"IND", "USA"} for s in d["shifts"] if s["b"])
    mags = [s["magnitude"] for s in d["shifts"]]
    assert mags == sorted(mags, reverse=True)


def test_blocs_alignment_axis(store):
    west, east = ["USA", "GBR", "FRA"], ["SUN", "POL", "CUB"]
    rows = []
    for camp in (west, east):
        for i, a in enumerate(camp):
            for b in camp[i + 1 :]:
                rows += [ev(a, b, "1970-05-01", 6.0), ev(b, a, "1970-06-01", 5.0)]
    for a in west:
        for b in east:
            rows.append(ev(a, b, "1970-07-01", -7.0))
    add_events(store, rows)
    tie(store, "atop", "USA", "GBR", 1969, 1972, 1.0)
    b = blocs(store, period="1970").to_dict()
    assert {"period", "blocs", "frustration", "method", "baseline"} <= set(b)
    assert sorted(map(sorted, b["blocs"])) == [sorted(["CUB", "POL", "RUS"]), sorted(west)]
    assert b["frustration"] == 0.0 and b["baseline"]["frustration"] >= b["frustration"]
    b_nolin = blocs(store, period="1970", lineage=False).to_dict()
    assert any("SUN" in x for x in b_nolin["blocs"])
    al = alignment(store, "USA", "GBR", period="1970").to_dict()
    assert al["s_score"] > 0.5 and al["direct"] > 0
    al2 = alignment(store, "USA", "POL", period="1970").to_dict()
    assert al2["s_score"] < al["s_score"] and al2["direct"] < 0
    assert al2["kappa"] is None or al2["kappa"] < al["kappa"]
    ax = axis(store, ["USA", "GBR", "FRA"], "SUN,POL,CUB").to_dict()
    assert {"camps", "series"} <= set(ax)
    assert ax["camps"][1] == ["RUS", "POL", "CUB"]
    pt = next(p for p in ax["series"] if p["period"] == "1970")
    assert pt["opposition"] > 0.3
    assert all(c > 0.3 for c in pt["cohesion"])
    assert pt["support"] and not pt["contradict"]
    with pytest.raises(ValueError):
        axis(store, ["USA"], ["USA"])
