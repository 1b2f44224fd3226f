"""Plotly figure specs (plain dicts) built from the analysis contract shapes.

The HTML report embeds them and the web dashboard serves them as JSON, so both show the same
picture.  Only state names and numbers go into a figure: article text never does, because
Plotly renders a subset of HTML in labels.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from allegiance.report.words import state_name

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
POSITIVE = "#2f9e5b"
NEGATIVE = "#d1453b"
SCORE = "#1f4e89"
BLOC_COLOURS = ("#2f6db5", "#e07b24", "#7b4fa0", "#1b998b", "#c0392b", "#8d6e63", "#5f6b7a")
UNASSIGNED = "#9aa5b1"
QUAD_COLOURS = {1: "#a6dbb4", 2: "#2f9e5b", 3: "#f4ae96", 4: "#c2362b"}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_QUAD_ALIASES = {
    1: ("q1", "quad1", "quad_1", "verbal_coop", "verbal_cooperation", "vc"),
    2: ("q2", "quad2", "quad_2", "material_coop", "material_cooperation", "mc"),
    3: ("q3", "quad3", "quad_3", "verbal_conflict", "vk", "vf"),
    4: ("q4", "quad4", "quad_4", "material_conflict", "mk", "mf"),
}
CONFIG = {"displaylogo": False, "responsive": True}


def quad_counts(point: dict[str, Any]) -> dict[int, int]:
    """Event counts by quad class in a series point, whichever key spelling it uses."""
    out = {q: 0 for q in (1, 2, 3, 4)}
    nested = point.get("quads") or point.get("quad_counts") or point.get("quad")
    if isinstance(nested, dict):
        for k, v in nested.items():
            key = str(k).lower()
            for q, names in _QUAD_ALIASES.items():
                if key == str(q) or key in names:
                    out[q] = int(v or 0)
        return out
    if isinstance(nested, list | tuple) and len(nested) == 4:
        return {q: int(nested[q - 1] or 0) for q in (1, 2, 3, 4)}
    for q, names in _QUAD_ALIASES.items():
        for name in names:
            if name in point:
                out[q] = int(point[name] or 0)
                break
    return out


def _base_layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 13, "color": INK},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 56, "r": 24, "t": 36, "b": 44},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
    }
    layout.update(extra)
    return layout


def dyad_figure(dyad: dict[str, Any], height: int = 340) -> dict[str, Any]:
    """Relation score as a line (left axis) over event counts by quad class as bars (right)."""
    series = dyad.get("series") or []
    periods = [str(p.get("period")) for p in series]
    data: list[dict[str, Any]] = []
    counts = [quad_counts(p) for p in series]
    has_quads = any(any(c.values()) for c in counts)
    for q in (1, 2, 3, 4) if has_quads else ():
        ys = [c[q] for c in counts]
        if not any(ys):
            continue
        data.append(
            {
                "type": "bar",
                "name": QUAD_NAMES[q],
                "x": periods,
                "y": ys,
                "yaxis": "y2",
                "marker": {"color": QUAD_COLOURS[q]},
                "opacity": 0.75,
                "hovertemplate": "%{x}: %{y} " + QUAD_NAMES[q] + "<extra></extra>",
            }
        )
    if not has_quads:  # no quad split in the series: plain event counts
        data.append(
            {
                "type": "bar",
                "name": "events",
                "x": periods,
                "y": [int(p.get("events") or 0) for p in series],
                "yaxis": "y2",
                "marker": {"color": "#cbd2d9"},
                "hovertemplate": "%{x}: %{y} events<extra></extra>",
            }
        )
    data.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "relation score",
            "x": periods,
            "y": [p.get("score") for p in series],
            "connectgaps": True,
            "line": {"color": SCORE, "width": 2.5},
            "marker": {"size": 8, "color": SCORE},
            "hovertemplate": "%{x}: score %{y:+.2f}<extra>click for evidence</extra>",
        }
    )
    a, b = state_name(dyad.get("a")), state_name(dyad.get("b"))
    top = max(
        [sum(c.values()) or int(p.get("events") or 0) for c, p in zip(counts, series, strict=True)]
        or [1]
    )
    layout = _base_layout(
        height=height,
        title={"text": f"{a} – {b}", "x": 0, "font": {"size": 15}},
        barmode="stack",
        margin={"l": 56, "r": 60, "t": 36, "b": 56},
        xaxis={
            "type": "category",
            "gridcolor": GRID,
            "automargin": True,
            "tickangle": -45 if len(periods) > 12 else 0,
        },
        yaxis={
            "title": {"text": "relation score"},
            "range": [-1.05, 1.05],
            "zeroline": True,
            "zerolinecolor": MUTED,
            "gridcolor": GRID,
        },
        yaxis2={
            "title": {"text": "events"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "rangemode": "tozero",
            "dtick": max(1, math.ceil(top / 4)),
            "tickformat": "d",
        },
    )
    # Bars first so the score line is drawn on top of them.
    return {"data": data, "layout": layout, "config": CONFIG}


def axis_figure(axis: dict[str, Any], height: int = 320) -> dict[str, Any]:
    """Cohesion of each camp and opposition between them, over time."""
    camps = axis.get("camps") or [[], []]
    series = axis.get("series") or []
    periods = [str(p.get("period")) for p in series]

    def camp_name(c: Sequence[str]) -> str:
        return ", ".join(state_name(x) for x in c)

    data = []
    for i, colour in ((0, BLOC_COLOURS[1]), (1, BLOC_COLOURS[0])):
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"cohesion: {camp_name(camps[i]) if i < len(camps) else '?'}",
                "x": periods,
                "y": [(p.get("cohesion") or [None, None])[i] for p in series],
                "line": {"color": colour, "width": 2},
                "connectgaps": True,
            }
        )
    data.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "opposition between camps",
            "x": periods,
            "y": [p.get("opposition") for p in series],
            "line": {"color": NEGATIVE, "width": 2, "dash": "dash"},
            "connectgaps": True,
        }
    )
    layout = _base_layout(
        height=height,
        xaxis={"type": "category", "gridcolor": GRID, "automargin": True},
        yaxis={"range": [-1.05, 1.05], "gridcolor": GRID, "zerolinecolor": MUTED},
    )
    return {"data": data, "layout": layout, "config": CONFIG}


def heatmap_figure(
    states: Sequence[str], matrix: Sequence[Sequence[float | None]], title: str, height: int = 460
) -> dict[str, Any]:
    """A states × states matrix of values in [-1, 1] on a red–white–green scale."""
    names = [state_name(s) for s in states]
    z = [
        [
            None if v is None or (isinstance(v, float) and math.isnan(v)) else round(v, 3)
            for v in row
        ]
        for row in matrix
    ]
    data = [
        {
            "type": "heatmap",
            "x": names,
            "y": names,
            "z": z,
            "zmin": -1,
            "zmax": 1,
            "colorscale": [[0, NEGATIVE], [0.5, "#f7f7f7"], [1, POSITIVE]],
            "hovertemplate": "%{y} – %{x}: %{z:+.2f}<extra></extra>",
            "xgap": 1,
            "ygap": 1,
        }
    ]
    layout = _base_layout(
        height=height,
        title={"text": title, "x": 0, "font": {"size": 15}},
        xaxis={"side": "bottom", "tickangle": -45},
        yaxis={"autorange": "reversed"},
        margin={"l": 110, "r": 24, "t": 40, "b": 110},
    )
    return {"data": data, "layout": layout, "config": CONFIG}


# -- signed network ------------------------------------------------------------------------


def signed_layout(weights: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Deterministic 2-D positions for a signed network.

    Each pair gets a target distance 1 - 0.6·w (positive ties short, negative ties long, no tie
    in between); classical MDS on those distances gives the start and a few SMACOF stress
    iterations refine it.  No randomness, so the same network always gives the same picture,
    and no node sits on another because no target distance is below 0.4.
    """
    w = np.clip(np.nan_to_num(np.asarray(weights, dtype=float)), -1.0, 1.0)
    n = w.shape[0]
    if n <= 1:
        return np.zeros((n, 2))
    w = (w + w.T) / 2.0
    target = 1.0 - 0.6 * w
    np.fill_diagonal(target, 0.0)
    j = np.eye(n) - np.ones((n, n)) / n
    b = -0.5 * j @ (target**2) @ j
    vals, vecs = np.linalg.eigh(b)
    order = np.argsort(vals)[::-1][:2]
    pos = vecs[:, order] * np.sqrt(np.clip(vals[order], 1e-9, None))
    angles = 2 * np.pi * np.arange(n) / n
    pos = pos + 1e-3 * np.column_stack([np.cos(angles), np.sin(angles)])
    for _ in range(iterations):  # SMACOF (Guttman transform), unit weights
        dist = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(axis=2))
        ratio = np.divide(target, dist, out=np.zeros_like(dist), where=dist > 1e-9)
        bz = -ratio
        np.fill_diagonal(bz, 0.0)
        np.fill_diagonal(bz, -bz.sum(axis=1))
        pos = bz @ pos / n
    pos = pos - pos.mean(axis=0)
    # A canonical orientation: principal axis horizontal, signs fixed by the first nodes.
    _, _, vt = np.linalg.svd(pos, full_matrices=False)
    pos = pos @ vt.T
    for k in range(2):
        nz = np.flatnonzero(np.abs(pos[:, k]) > 1e-6)
        if nz.size and pos[nz[0], k] < 0:
            pos[:, k] *= -1
    spread = np.abs(pos).max()
    return pos / spread if spread > 1e-9 else pos


def bloc_of(nodes: Sequence[str], blocs: Sequence[Sequence[str]]) -> dict[str, int]:
    """Node -> bloc index (-1 for nodes in no bloc)."""
    member = {s: i for i, bloc in enumerate(blocs) for s in bloc}
    return {n: member.get(n, -1) for n in nodes}


def network_traces(
    nodes: Sequence[str],
    weights: np.ndarray,
    blocs: Sequence[Sequence[str]],
    *,
    xaxis: str = "x",
    yaxis: str = "y",
    labels: bool = True,
    node_size: int = 22,
    min_weight: float = 0.05,
) -> list[dict[str, Any]]:
    """Plotly traces for one signed network: solid green positive ties, dashed red negative."""
    w = np.nan_to_num(np.asarray(weights, dtype=float))
    pos = signed_layout(w)
    groups: dict[tuple[int, int], dict[str, list[float | None]]] = {}
    n = len(nodes)
    for i in range(n):
        for j in range(i + 1, n):
            v = (w[i, j] + w[j, i]) / 2.0
            if abs(v) < min_weight:
                continue
            sign = 1 if v > 0 else -1
            strength = 0 if abs(v) < 0.34 else (1 if abs(v) < 0.67 else 2)
            g = groups.setdefault((sign, strength), {"x": [], "y": []})
            g["x"] += [float(pos[i, 0]), float(pos[j, 0]), None]
            g["y"] += [float(pos[i, 1]), float(pos[j, 1]), None]
    traces: list[dict[str, Any]] = []
    for (sign, strength), g in sorted(groups.items()):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": g["x"],
                "y": g["y"],
                "xaxis": xaxis,
                "yaxis": yaxis,
                "hoverinfo": "skip",
                "showlegend": False,
                "line": {
                    "color": POSITIVE if sign > 0 else NEGATIVE,
                    "width": (1.2, 2.4, 4.0)[strength] * (node_size / 22) ** 0.5,
                    "dash": "solid" if sign > 0 else "dash",
                },
                "opacity": 0.8,
            }
        )
    member = bloc_of(nodes, blocs)
    colours = [
        BLOC_COLOURS[member[s] % len(BLOC_COLOURS)] if member[s] >= 0 else UNASSIGNED for s in nodes
    ]
    names = [state_name(s) for s in nodes]
    hover = [
        f"{name} ({code})<br>bloc {member[code] + 1 if member[code] >= 0 else '–'}"
        for name, code in zip(names, nodes, strict=True)
    ]
    traces.append(
        {
            "type": "scatter",
            "mode": "markers+text" if labels else "markers",
            "x": [float(p) for p in pos[:, 0]],
            "y": [float(p) for p in pos[:, 1]],
            "xaxis": xaxis,
            "yaxis": yaxis,
            "text": list(nodes),
            "textposition": "middle center",
            "textfont": {"color": "white", "size": max(8, node_size // 2 - 1)},
            "hovertext": hover,
            "hoverinfo": "text",
            "showlegend": False,
            "marker": {
                "size": node_size,
                "color": colours,
                "line": {"color": "white", "width": 1.5},
            },
        }
    )
    return traces


def _hidden_axis() -> dict[str, Any]:
    return {"visible": False, "range": [-1.25, 1.25], "fixedrange": True}


def network_figure(
    nodes: Sequence[str],
    weights: np.ndarray,
    blocs: Sequence[Sequence[str]],
    title: str = "",
    height: int = 460,
) -> dict[str, Any]:
    """One signed network with nodes coloured by bloc."""
    traces = network_traces(nodes, weights, blocs, node_size=40)
    legend = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [None],
            "y": [None],
            "name": name,
            "line": {"color": colour, "dash": dash, "width": 2.5},
        }
        for name, colour, dash in (
            ("positive tie", POSITIVE, "solid"),
            ("negative tie", NEGATIVE, "dash"),
        )
    ]
    for i, bloc in enumerate(blocs):
        legend.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [None],
                "y": [None],
                "name": f"bloc {i + 1}: " + ", ".join(bloc[:4]) + (" …" if len(bloc) > 4 else ""),
                "marker": {"size": 12, "color": BLOC_COLOURS[i % len(BLOC_COLOURS)]},
            }
        )
    layout = _base_layout(
        height=height,
        title={"text": title, "x": 0, "font": {"size": 15}},
        xaxis=_hidden_axis(),
        yaxis={**_hidden_axis(), "scaleanchor": "x", "scaleratio": 1},
        margin={"l": 10, "r": 10, "t": 40, "b": 60},
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top"},
        dragmode=False,
    )
    return {"data": traces + legend, "layout": layout, "config": CONFIG}


def network_strip_figure(
    panels: Sequence[tuple[str, Sequence[str], np.ndarray, Sequence[Sequence[str]]]],
    height: int = 260,
) -> dict[str, Any]:
    """Small multiples: one small signed network per period, side by side."""
    data: list[dict[str, Any]] = []
    layout = _base_layout(height=height, margin={"l": 6, "r": 6, "t": 34, "b": 6}, showlegend=False)
    m = max(1, len(panels))
    gap = 0.02
    width = (1 - gap * (m - 1)) / m
    annotations = []
    for i, (label, nodes, weights, blocs) in enumerate(panels):
        suffix = "" if i == 0 else str(i + 1)
        data += network_traces(
            nodes, weights, blocs, xaxis=f"x{suffix}", yaxis=f"y{suffix}", node_size=18
        )
        x0 = i * (width + gap)
        layout[f"xaxis{suffix}"] = {**_hidden_axis(), "domain": [x0, x0 + width]}
        layout[f"yaxis{suffix}"] = {**_hidden_axis(), "scaleanchor": f"x{suffix}"}
        annotations.append(
            {
                "text": f"<b>{html.escape(str(label))}</b>",
                "x": x0 + width / 2,
                "y": 1.06,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
    layout["annotations"] = annotations
    layout["dragmode"] = False
    return {"data": data, "layout": layout, "config": {**CONFIG, "displayModeBar": False}}
