"""The analysis commands: dyad series, alignment, blocs, shifts, axis, signed network.

Aggregation happens in DuckDB (``scores``); numpy/scipy only see dense per-period matrices
and per-dyad series; evidence is fetched for the handful of numbers that are reported.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from allegiance.analysis import scores as sc
from allegiance.analysis.periods import (
    GRIDS,
    Period,
    check_grid,
    grid_index,
    grid_period,
    parse_layers,
    parse_period,
)
from allegiance.analysis.results import (
    Alignment,
    Axis,
    AxisPoint,
    Blocs,
    DyadSeries,
    SeriesPoint,
    Shift,
    Shifts,
    SignedNetwork,
)
from allegiance.analysis.signed import frustrated_ties, partition_signed

LayersArg = str | dict[str, float] | None
PeriodArg = str | Period | None
DateArg = str | dt.date | Period | None


def _con(store: Any) -> Any:
    return store.con if hasattr(store, "con") else store


def _spec(layers: LayersArg, lineage: bool, states: Sequence[str] | None = None) -> sc.Spec:
    return sc.Spec(parse_layers(layers), lineage, states)


def _date(v: DateArg, end: bool = False) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    p = parse_period(v)
    return p.end if end else p.start


def _codes(states: Sequence[str] | str, lineage: bool) -> list[str]:
    if isinstance(states, str):
        states = [s for s in states.split(",") if s.strip()]
    out: list[str] = []
    for s in states:
        c = sc.apply_lineage(str(s), lineage)
        if c not in out:
            out.append(c)
    return out


def _f(v: Any) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return float(v)


# ---------------------------------------------------------------------------------------------
# dyad series


def dyad_series(
    store: Any,
    a: str,
    b: str,
    by: str = "year",
    layers: LayersArg = None,
    lineage: bool = True,
    evidence: int = 3,
    start: DateArg = None,
    end: DateArg = None,
) -> DyadSeries:
    """r(a, b, t) per period with counts and the top records behind each point."""
    check_grid(by)
    a2, b2 = sc.apply_lineage(a, lineage), sc.apply_lineage(b, lineage)
    if a2 == b2:
        raise ValueError(f"a dyad needs two different states, got {a} and {b} ({a2})")
    spec = _spec(layers, lineage, [a2, b2])
    d0, d1 = _date(start), _date(end, end=True)
    df = sc.grid_scores(_con(store), spec, by, d0, d1)
    lo_code, hi_code = sorted((a2, b2))
    df = df[(df["a"] == lo_code) & (df["b"] == hi_code)]
    if df.empty and d0 is None:
        return DyadSeries(a2, b2, by, [], spec.layers, lineage)
    t_lo = grid_index(d0, by) if d0 else int(df["t"].min())
    t_hi = grid_index(d1, by) if d1 else int(df["t"].max())
    rows = {int(r["t"]): r for r in df.to_dict("records")}
    ev = sc.grid_evidence(
        _con(store),
        spec,
        by,
        [(lo_code, hi_code)],
        [t for t, r in rows.items() if r["W"] > 0],
        n=evidence,
    )
    series = []
    for t in range(t_lo, t_hi + 1):
        p = grid_period(t, by)
        r = rows.get(t)
        if r is None:
            series.append(SeriesPoint(p.label, p.start.isoformat(), p.end.isoformat(), None))
            continue
        series.append(
            SeriesPoint(
                period=p.label,
                start=p.start.isoformat(),
                end=p.end.isoformat(),
                score=float(r["score"]) if r["W"] > 0 else None,
                events=int(r["n_events"]),
                quad_counts={str(q): int(r[f"q{q}"]) for q in (1, 2, 3, 4)},
                goldstein_sum=float(r["goldstein_sum"]),
                relations=int(r["n_relations"]),
                ties=int(r["n_ties"]),
                weight=float(r["W"]),
                own_weight=float(r["own_W"]),
                evidence=ev.get((lo_code, hi_code, t), []),
            )
        )
    return DyadSeries(a2, b2, by, series, spec.layers, lineage)


# ---------------------------------------------------------------------------------------------
# signed network, alignment


def _matrix(df: pd.DataFrame, min_evidence: float) -> tuple[list[str], np.ndarray, np.ndarray]:
    df = df[df["W"] >= min_evidence]
    nodes = sorted(set(df["a"]) | set(df["b"]))
    pos = {s: i for i, s in enumerate(nodes)}
    n = len(nodes)
    Wm, Em = np.zeros((n, n)), np.zeros((n, n))
    if n:
        i = df["a"].map(pos).to_numpy()
        j = df["b"].map(pos).to_numpy()
        Wm[i, j] = Wm[j, i] = df["score"].to_numpy(dtype=float)
        Em[i, j] = Em[j, i] = df["W"].to_numpy(dtype=float)
    return nodes, Wm, Em


def signed_network(
    store: Any,
    period: PeriodArg = None,
    layers: LayersArg = None,
    lineage: bool = True,
    min_evidence: float = sc.MIN_EVIDENCE,
    within: bool = False,
) -> SignedNetwork:
    """The signed weighted network of one period: W[i, j] = r(i, j) for dyads with enough
    evidence (total weight >= min_evidence).  period=None: all data as one period."""
    p = parse_period(period) if period is not None else None
    df = sc.span_scores(_con(store), _spec(layers, lineage), [p] if p else None, within)
    nodes, Wm, Em = _matrix(df, min_evidence)
    return SignedNetwork(nodes, Wm, p.label if p else "all", Em)


def _score_map(
    store: Any, period: PeriodArg, layers: LayersArg, lineage: bool
) -> tuple[dict[tuple[str, str], float], Period | None]:
    p = parse_period(period) if period is not None else None
    df = sc.span_scores(_con(store), _spec(layers, lineage), [p] if p else None)
    df = df[df["W"] > 0]
    score: dict[tuple[str, str], float] = {}
    for x, y, s in zip(df["a"], df["b"], df["score"], strict=True):
        score[(x, y)] = score[(y, x)] = float(s)
    return score, p


def _alignment_from(score: dict[tuple[str, str], float], a2: str, b2: str, label: str) -> Alignment:
    direct = score.get((a2, b2))
    thirds = sorted({y for (x, y) in score if x in (a2, b2)} - {a2, b2})
    xa = np.array([score.get((a2, k), 0.0) for k in thirds])
    xb = np.array([score.get((b2, k), 0.0) for k in thirds])
    s_score = kappa = pi = None
    if thirds:
        d_obs = float(np.abs(xa - xb).mean())
        s_score = 1.0 - d_obs  # 1 - 2 * sum|d| / (n * dmax) with dmax = 2
        d_exp = float(np.abs(xa[:, None] - xb[None, :]).mean())
        kappa = 1.0 - d_obs / d_exp if d_exp > 1e-12 else None
        z = np.concatenate([xa, xb])
        m = len(z)
        d_pool = float(np.abs(z[:, None] - z[None, :]).sum() / (m * (m - 1))) if m > 1 else 0.0
        pi = 1.0 - d_obs / d_pool if d_pool > 1e-12 else None
    profiles = [
        {"state": k, "a": round(float(u), 4), "b": round(float(v), 4)}
        for k, u, v in zip(thirds, xa, xb, strict=True)
    ]
    return Alignment(a2, b2, label, direct, s_score, kappa, pi, len(thirds), profiles)


def alignment(
    store: Any,
    a: str,
    b: str,
    period: PeriodArg = None,
    layers: LayersArg = None,
    lineage: bool = True,
) -> Alignment:
    """How alike a's and b's relations to third states are (S and kappa), plus r(a, b)."""
    a2, b2 = sc.apply_lineage(a, lineage), sc.apply_lineage(b, lineage)
    score, p = _score_map(store, period, layers, lineage)
    return _alignment_from(score, a2, b2, p.label if p else "all")


def alignment_matrix(
    store: Any,
    states: Sequence[str],
    period: PeriodArg = None,
    layers: LayersArg = None,
    lineage: bool = True,
) -> dict[tuple[str, str], Alignment]:
    """Alignment of every pair of ``states`` from one scoring pass (for heat maps)."""
    codes = [sc.apply_lineage(s_, lineage) for s_ in states]
    score, p = _score_map(store, period, layers, lineage)
    label = p.label if p else "all"
    return {
        (codes[i], codes[j]): _alignment_from(score, codes[i], codes[j], label)
        for i in range(len(codes))
        for j in range(i + 1, len(codes))
    }


# ---------------------------------------------------------------------------------------------
# blocs


def _blocs_from(
    label: str, nodes: list[str], Wm: np.ndarray, k: int | None, seed: int, restarts: int
) -> Blocs:
    best, base = partition_signed(Wm, k=k, restarts=restarts, seed=seed)
    groups: dict[int, list[str]] = {}
    for s, lab in zip(nodes, best.labels.tolist(), strict=True):
        groups.setdefault(lab, []).append(s)
    blocs = sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))
    n_ties = int(np.count_nonzero(np.triu(Wm, 1)))
    return Blocs(
        period=label,
        blocs=blocs,
        frustration=best.frustration,
        method=f"signed spectral start + local moves ({restarts} seeded restarts, seed {seed})"
        + (f", k={k}" if k else ", k chosen by penalised frustration"),
        baseline={
            "method": "signed spectral (top eigenvectors + k-means)",
            "frustration": round(base.frustration, 4),
            "k": base.k,
            "frustrated_ties": frustrated_ties(Wm, base.labels) if len(nodes) else 0,
        },
        k=len(blocs),
        nodes=len(nodes),
        ties=n_ties,
        frustrated_ties=frustrated_ties(Wm, best.labels) if len(nodes) else 0,
        total_weight=float(np.abs(np.triu(Wm, 1)).sum()),
    )


def blocs(
    store: Any,
    period: PeriodArg = None,
    layers: LayersArg = None,
    k: int | None = None,
    lineage: bool = True,
    seed: int = 0,
    min_evidence: float = sc.MIN_EVIDENCE,
    within: bool = False,
    restarts: int = 20,
) -> Blocs:
    """The partition of the period's signed network with least frustration."""
    net = signed_network(store, period, layers, lineage, min_evidence, within)
    return _blocs_from(net.period, net.nodes, net.weights, k, seed, restarts)


def _grid_cells(store: Any, spec: sc.Spec, by: str) -> pd.DataFrame:
    return sc.grid_scores(_con(store), spec, by)


def blocs_by_period(
    store: Any,
    by: str | Sequence[str | Period] = "year",
    layers: LayersArg = None,
    k: int | None = None,
    lineage: bool = True,
    seed: int = 0,
    min_evidence: float = sc.MIN_EVIDENCE,
    within: bool = False,
    restarts: int = 20,
) -> list[Blocs]:
    """Blocs per period: by a grid (year|quarter|month, decayed scores as in the series) or
    by explicit periods/windows (each scored on its own, no decay)."""
    spec = _spec(layers, lineage)
    out = []
    if isinstance(by, str) and by in GRIDS:
        df = _grid_cells(store, spec, by)
        for t, g in df.groupby("t", sort=True):
            nodes, Wm, _ = _matrix(g, min_evidence)
            out.append(_blocs_from(grid_period(int(t), by).label, nodes, Wm, k, seed, restarts))
        return out
    if isinstance(by, str):
        raise ValueError(f"bad by {by!r}: expected year, quarter, month or a list of periods")
    periods = [parse_period(p) for p in by]
    if not periods:
        return []
    df = sc.span_scores(_con(store), spec, periods, within)
    groups = {int(i): g for i, g in df.groupby("pidx")}
    for i, p in enumerate(periods):
        g = groups.get(i, df.iloc[0:0])
        nodes, Wm, _ = _matrix(g, min_evidence)
        out.append(_blocs_from(p.label, nodes, Wm, k, seed, restarts))
    return out


# ---------------------------------------------------------------------------------------------
# shifts


def _flips(df: pd.DataFrame, by: str, threshold: float) -> list[Shift]:
    d = df[["a", "b", "t", "score"]].copy()
    strong = d["score"].abs() >= threshold
    d["state"] = np.where(strong, np.sign(d["score"]), np.nan)
    d["st_t"] = np.where(strong, d["t"], np.nan)
    d["st_s"] = np.where(strong, d["score"], np.nan)
    d = d.sort_values(["a", "b", "t"]).reset_index(drop=True)
    keys = [d["a"], d["b"]]
    for col in ("state", "st_t", "st_s"):
        filled = d[col].groupby(keys, sort=False).ffill()
        d["prev_" + col] = filled.groupby(keys, sort=False).shift()
    hit = d[d["state"].notna() & d["prev_state"].notna() & (d["state"] != d["prev_state"])]
    out = []
    for r in hit.itertuples(index=False):
        out.append(
            Shift(
                r.a,
                r.b,
                "flip",
                {
                    "period": grid_period(int(r.prev_st_t), by).label,
                    "score": float(r.prev_st_s),
                    "t": int(r.prev_st_t),
                },
                {"period": grid_period(int(r.t), by).label, "score": float(r.score), "t": int(r.t)},
                abs(float(r.score) - float(r.prev_st_s)),
            )
        )
    return out


def _changepoints(
    df: pd.DataFrame, by: str, min_change: float, max_dyads: int = 300, min_points: int = 6
) -> list[Shift]:
    import ruptures as rpt

    stats = df.groupby(["a", "b"])["score"].agg(["count", "std"]).reset_index()
    stats = stats[stats["count"] >= min_points].sort_values("std", ascending=False)
    stats = stats.head(max_dyads)
    keep = set(zip(stats["a"], stats["b"], strict=True))
    out: list[Shift] = []
    sub = df[[(x, y) in keep for x, y in zip(df["a"], df["b"], strict=True)]]
    for (a, b), g in sub.groupby(["a", "b"], sort=False):
        t = g["t"].to_numpy()
        full = np.arange(t.min(), t.max() + 1)
        sig = pd.Series(g["score"].to_numpy(), index=t).reindex(full).ffill().to_numpy()
        n = len(sig)
        if n < min_points:
            continue
        diff = np.diff(sig)
        sigma = 1.4826 * np.median(np.abs(diff - np.median(diff))) / math.sqrt(2)
        pen = max(2.0 * math.log(n) * sigma**2, 0.25 * min_change**2 * 2)
        bkps = rpt.Pelt(model="l2", min_size=2, jump=1).fit(sig.reshape(-1, 1)).predict(pen=pen)
        edges = [0, *bkps]
        for s0, s1, s2 in zip(edges[:-2], edges[1:-1], edges[2:], strict=True):
            m0, m1 = float(sig[s0:s1].mean()), float(sig[s1:s2].mean())
            if abs(m1 - m0) < min_change:
                continue
            out.append(
                Shift(
                    a,
                    b,
                    "changepoint",
                    {
                        "period": grid_period(int(full[s1 - 1]), by).label,
                        "score": m0,
                        "t": int(full[s1 - 1]),
                    },
                    {
                        "period": grid_period(int(full[s1]), by).label,
                        "score": m1,
                        "t": int(full[s1]),
                    },
                    abs(m1 - m0),
                    detail={
                        "segments": [
                            {
                                "from": grid_period(int(full[s0]), by).label,
                                "to": grid_period(int(full[s1 - 1]), by).label,
                                "mean": round(m0, 4),
                            },
                            {
                                "from": grid_period(int(full[s1]), by).label,
                                "to": grid_period(int(full[s2 - 1]), by).label,
                                "mean": round(m1, 4),
                            },
                        ]
                    },
                )
            )
    return out


def _trends(df: pd.DataFrame, by: str, min_change: float, min_points: int = 3) -> list[Shift]:
    d = df[df["own_W"] > 0][["a", "b", "t", "score"]].copy()
    if d.empty:
        return []
    d["tt"] = d["t"] * d["t"]
    d["ts"] = d["t"] * d["score"]
    d["ss"] = d["score"] * d["score"]
    g = (
        d.groupby(["a", "b"])
        .agg(
            n=("t", "size"),
            st=("t", "sum"),
            ss_=("score", "sum"),
            stt=("tt", "sum"),
            sts=("ts", "sum"),
            sss=("ss", "sum"),
            t0=("t", "min"),
            t1=("t", "max"),
        )
        .reset_index()
    )
    g = g[g["n"] >= min_points]
    n = g["n"].astype(float)
    vt = n * g["stt"] - g["st"] ** 2
    vs = n * g["sss"] - g["ss_"] ** 2
    cov = n * g["sts"] - g["st"] * g["ss_"]
    g = g.assign(slope=np.where(vt > 0, cov / vt.where(vt > 0, 1), 0.0))
    g = g.assign(r2=np.where((vt > 0) & (vs > 1e-12), cov**2 / (vt * vs).where(vs > 1e-12, 1), 0.0))
    g = g.assign(icpt=(g["ss_"] - g["slope"] * g["st"]) / n)
    g = g.assign(change=g["slope"] * (g["t1"] - g["t0"]))
    g = g[(g["change"].abs() >= min_change) & (g["r2"] >= 0.5)]
    out = []
    for r in g.itertuples(index=False):
        f0 = r.icpt + r.slope * r.t0
        f1 = r.icpt + r.slope * r.t1
        out.append(
            Shift(
                r.a,
                r.b,
                "warming" if r.slope > 0 else "cooling",
                {"period": grid_period(int(r.t0), by).label, "score": float(f0), "t": int(r.t0)},
                {"period": grid_period(int(r.t1), by).label, "score": float(f1), "t": int(r.t1)},
                abs(float(r.change)),
                detail={
                    "slope_per_period": round(float(r.slope), 4),
                    "r2": round(float(r.r2), 3),
                    "points": int(r.n),
                },
            )
        )
    return out


def _bloc_changes(
    df: pd.DataFrame, by: str, min_change: float, min_evidence: float, seed: int
) -> list[Shift]:
    mats = {}
    for t, g in df.groupby("t", sort=True):
        nodes, Wm, _ = _matrix(g, min_evidence)
        if len(nodes) >= 3:
            # a few restarts suffice on these small yearly networks; there are many of them
            mats[int(t)] = (nodes, Wm, _blocs_from("", nodes, Wm, None, seed, 4))
    ts = sorted(mats)
    out = []
    for t0, t1 in zip(ts[:-1], ts[1:], strict=True):
        if t1 != t0 + 1:
            continue
        (n0, W0, b0), (n1, W1, b1) = mats[t0], mats[t1]
        m0, m1 = b0.membership(), b1.membership()
        common = sorted(set(m0) & set(m1))
        if len(common) < 3:
            continue
        ov = np.zeros((len(b0.blocs), len(b1.blocs)))
        for s in common:
            ov[m0[s], m1[s]] += 1
        rows, cols = linear_sum_assignment(-ov)
        match = dict(zip(rows.tolist(), cols.tolist(), strict=True))
        p0, p1 = {s: i for i, s in enumerate(n0)}, {s: i for i, s in enumerate(n1)}
        for s in common:
            if match.get(m0[s]) == m1[s]:
                continue
            mates = [x for x in b0.blocs[m0[s]] if x != s and x in p1]
            if not mates:
                continue
            before = float(np.mean([W0[p0[s], p0[x]] for x in mates]))
            after = float(np.mean([W1[p1[s], p1[x]] for x in mates]))
            if abs(after - before) < min_change / 2:
                continue
            out.append(
                Shift(
                    s,
                    None,
                    "bloc-change",
                    {"period": grid_period(t0, by).label, "score": before, "t": t0},
                    {"period": grid_period(t1, by).label, "score": after, "t": t1},
                    abs(after - before),
                    detail={
                        "from_bloc": b0.blocs[m0[s]],
                        "to_bloc": b1.blocs[m1[s]],
                        "mates": mates,
                    },
                )
            )
    return out


def shifts(
    store: Any,
    by: str = "year",
    layers: LayersArg = None,
    lineage: bool = True,
    top: int = 20,
    threshold: float = 0.2,
    min_change: float = 0.3,
    evidence: int = 3,
    bloc_changes: bool = True,
    seed: int = 0,
    max_bloc_periods: int = 200,
) -> Shifts:
    """Realignments: sign flips, changepoints, warming/cooling trends and bloc changes,
    ranked by magnitude, each with before/after values and evidence."""
    check_grid(by)
    spec = _spec(layers, lineage)
    df = sc.grid_scores(_con(store), spec, by)
    df = df[df["W"] > 0]
    found: list[Shift] = []
    if not df.empty:
        found += _flips(df, by, threshold)
        found += _changepoints(df, by, min_change)
        found += _trends(df, by, min_change)
        if bloc_changes and df["t"].nunique() <= max_bloc_periods:
            found += _bloc_changes(df, by, min_change, sc.MIN_EVIDENCE, seed)
    found.sort(key=lambda s: (-s.magnitude, s.kind, s.a, s.b or ""))
    found = found[:top] if top else found
    # evidence for what is reported, in one query
    pairs, cells = set(), set()
    for s in found:
        if s.b is not None:
            pairs.add(tuple(sorted((s.a, s.b))))
            cells.update((s.before["t"], s.after["t"]))
        else:
            for m in s.detail.get("mates", [])[:5]:
                pairs.add(tuple(sorted((s.a, m))))
            cells.add(s.after["t"])
    ev = sc.grid_evidence(_con(store), spec, by, pairs, sorted(cells), n=evidence) if pairs else {}
    for s in found:
        if s.b is not None:
            key = tuple(sorted((s.a, s.b)))
            recs = ev.get((*key, s.after["t"]), []) + ev.get((*key, s.before["t"]), [])
        else:
            recs = []
            for m in s.detail.pop("mates", [])[:5]:
                recs += ev.get((*sorted((s.a, m)), s.after["t"]), [])
            recs.sort(key=lambda r: -abs(r["contribution"]))
        s.evidence = recs[: 2 * evidence]
        s.before.pop("t", None)
        s.after.pop("t", None)
    return Shifts(by, found)


# ---------------------------------------------------------------------------------------------
# axis


def axis(
    store: Any,
    camp_a: Sequence[str] | str,
    camp_b: Sequence[str] | str,
    by: str = "year",
    layers: LayersArg = None,
    lineage: bool = True,
    evidence: int = 3,
) -> Axis:
    """Cohesion inside each camp and opposition between them per period, with the records
    that support the split and those that contradict it."""
    check_grid(by)
    A, B = _codes(camp_a, lineage), _codes(camp_b, lineage)
    if not A or not B:
        raise ValueError("axis needs two non-empty camps")
    both = set(A) & set(B)
    if both:
        raise ValueError(f"a state cannot be in both camps: {', '.join(sorted(both))}")
    spec = _spec(layers, lineage, A + B)
    df = sc.grid_scores(_con(store), spec, by)
    df = df[df["W"] > 0].copy()
    sa, sb = set(A), set(B)
    df["cls"] = [
        "a" if x in sa and y in sa else "b" if x in sb and y in sb else "x"
        for x, y in zip(df["a"], df["b"], strict=True)
    ]
    within_pairs = [
        tuple(sorted((x, y))) for camp in (A, B) for i, x in enumerate(camp) for y in camp[i + 1 :]
    ]
    cross_pairs = [tuple(sorted((x, y))) for x in A for y in B]
    series: list[AxisPoint] = []
    all_sup: list[dict[str, Any]] = []
    all_con: list[dict[str, Any]] = []
    if df.empty:
        return Axis([A, B], by, series)
    cells = list(range(int(df["t"].min()), int(df["t"].max()) + 1))
    con = _con(store)
    evs = {
        ("sup", "w"): sc.grid_evidence(con, spec, by, within_pairs, cells, evidence, "pos"),
        ("con", "w"): sc.grid_evidence(con, spec, by, within_pairs, cells, evidence, "neg"),
        ("sup", "x"): sc.grid_evidence(con, spec, by, cross_pairs, cells, evidence, "neg"),
        ("con", "x"): sc.grid_evidence(con, spec, by, cross_pairs, cells, evidence, "pos"),
    }
    by_cell: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for (side, _), d in evs.items():
        for (_, _, t), recs in d.items():
            by_cell.setdefault(t, {"sup": [], "con": []})[side].extend(recs)
    means = df.groupby(["t", "cls"])["score"].agg(["mean", "count"])
    for t in cells:

        def get(cls: str, t: int = t) -> tuple[float | None, int]:
            if (t, cls) in means.index:
                row = means.loc[(t, cls)]
                return float(row["mean"]), int(row["count"])
            return None, 0

        (ca, na), (cb, nb), (cx, nx) = get("a"), get("b"), get("x")
        recs = by_cell.get(t, {"sup": [], "con": []})
        sup = sorted(recs["sup"], key=lambda r: -abs(r["contribution"]))[:evidence]
        cont = sorted(recs["con"], key=lambda r: -abs(r["contribution"]))[:evidence]
        all_sup += sup
        all_con += cont
        series.append(
            AxisPoint(
                grid_period(t, by).label,
                [ca, cb],
                -cx if cx is not None else None,
                {"a": na, "b": nb, "cross": nx},
                sup,
                cont,
            )
        )
    all_sup.sort(key=lambda r: -abs(r["contribution"]))
    all_con.sort(key=lambda r: -abs(r["contribution"]))
    return Axis([A, B], by, series, all_sup[: 2 * evidence], all_con[: 2 * evidence])
