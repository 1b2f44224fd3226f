"""PNG figures for papers, drawn with matplotlib.

Plotly's own PNG export needs kaleido and a browser, which an offline install lacks; matplotlib
draws the same pictures from the same dicts without either.  When matplotlib is missing,
``write_pngs`` raises a one-line error saying how to get it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from allegiance.report.figures import (
    BLOC_COLOURS,
    NEGATIVE,
    POSITIVE,
    QUAD_COLOURS,
    QUAD_NAMES,
    SCORE,
    UNASSIGNED,
    bloc_of,
    quad_counts,
    signed_layout,
)
from allegiance.report.words import state_name


def _plt() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "--figures needs matplotlib (pip install matplotlib); the HTML report was written"
        ) from None
    plt.rcParams.update(
        {"font.size": 9, "axes.spines.top": False, "axes.spines.right": False, "figure.dpi": 100}
    )
    return plt


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-") or "x"


def dyad_png(plt: Any, dyad: dict[str, Any], path: Path) -> None:
    series = dyad.get("series") or []
    periods = [str(p.get("period")) for p in series]
    x = np.arange(len(periods))
    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax2 = ax.twinx()
    bottom = np.zeros(len(periods))
    counts = [quad_counts(p) for p in series]
    if any(any(c.values()) for c in counts):
        for q in (1, 2, 3, 4):
            ys = np.array([c[q] for c in counts], dtype=float)
            if ys.any():
                ax2.bar(x, ys, bottom=bottom, color=QUAD_COLOURS[q], label=QUAD_NAMES[q], alpha=0.8)
                bottom += ys
    else:
        ax2.bar(x, [p.get("events") or 0 for p in series], color="#cbd2d9", label="events")
    ax2.set_ylabel("events")
    scores = np.array([np.nan if p.get("score") is None else p["score"] for p in series])
    ok = ~np.isnan(scores)
    ax.plot(x[ok], scores[ok], color=SCORE, marker="o", lw=2, label="relation score", zorder=5)
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.axhline(0, color="#9aa5b1", lw=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("relation score")
    step = max(1, len(periods) // 12)
    ax.set_xticks(x[::step], periods[::step], rotation=45 if len(periods) > 8 else 0, ha="right")
    ax.set_title(f"{state_name(dyad.get('a'))} – {state_name(dyad.get('b'))}", loc="left")
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles=handles, fontsize=7, loc="upper left", frameon=False, ncol=3)
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)


def network_png(plt: Any, panel: dict[str, Any], ax: Any, node_size: float = 420) -> None:
    nodes, w = panel["nodes"], np.nan_to_num(np.asarray(panel["weights"], dtype=float))
    pos = signed_layout(w)
    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            v = (w[i, j] + w[j, i]) / 2
            if abs(v) < 0.05:
                continue
            ax.plot(
                pos[[i, j], 0],
                pos[[i, j], 1],
                color=POSITIVE if v > 0 else NEGATIVE,
                ls="-" if v > 0 else "--",
                lw=0.6 + 2.4 * min(1.0, abs(v)),
                alpha=0.8,
                zorder=1,
            )
    member = bloc_of(nodes, panel["blocs"])
    colours = [
        BLOC_COLOURS[member[s] % len(BLOC_COLOURS)] if member[s] >= 0 else UNASSIGNED for s in nodes
    ]
    ax.scatter(pos[:, 0], pos[:, 1], s=node_size, c=colours, edgecolors="white", zorder=2)
    for (x, y), s in zip(pos, nodes, strict=True):
        ax.text(x, y, s, ha="center", va="center", color="white", fontsize=7, zorder=3)
    ax.set_title(str(panel["period"]), fontsize=9)
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")


def write_pngs(data: dict[str, Any], outdir: Path) -> list[Path]:
    """Write the report's figures as PNGs into ``outdir``; return the files written."""
    plt = _plt()
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for d in data.get("dyads") or []:
        p = outdir / f"dyad-{_slug(d.get('a'))}-{_slug(d.get('b'))}.png"
        dyad_png(plt, d, p)
        written.append(p)
    for n in data.get("networks") or []:
        fig, ax = plt.subplots(figsize=(4.5, 4.5))
        network_png(plt, n, ax)
        p = outdir / f"network-{_slug(n['period'])}.png"
        fig.tight_layout()
        fig.savefig(p, dpi=150)
        plt.close(fig)
        written.append(p)
    strip = data.get("strip") or []
    if len(strip) > 1:
        fig, axes = plt.subplots(1, len(strip), figsize=(2.4 * len(strip), 2.6))
        for ax, panel in zip(np.atleast_1d(axes), strip, strict=True):
            network_png(plt, panel, ax, node_size=160)
        fig.tight_layout()
        p = outdir / "networks-strip.png"
        fig.savefig(p, dpi=150)
        plt.close(fig)
        written.append(p)
    heat = data.get("heatmap")
    if heat and len(heat.get("states") or []) > 1:
        states = heat["states"]
        m = np.array([[np.nan if v is None else v for v in row] for row in heat["matrix"]])
        size = 2.5 + 0.28 * len(states)
        fig, ax = plt.subplots(figsize=(size + 1, size))
        im = ax.imshow(m, cmap="RdYlGn", vmin=-1, vmax=1)
        names = [state_name(s) for s in states]
        ax.set_xticks(range(len(states)), names, rotation=90)
        ax.set_yticks(range(len(states)), names)
        ax.set_title(f"Alignment, {heat['period']}", loc="left")
        fig.colorbar(im, ax=ax, shrink=0.7)
        fig.tight_layout()
        p = outdir / f"alignment-{_slug(heat['period'])}.png"
        fig.savefig(p, dpi=150)
        plt.close(fig)
        written.append(p)
    ax_data = data.get("axis")
    if ax_data:
        series = ax_data.get("series") or []
        periods = [str(p.get("period")) for p in series]
        camps = ax_data.get("camps") or [[], []]
        fig, ax = plt.subplots(figsize=(7, 3))
        x = np.arange(len(periods))
        for i, colour in ((0, BLOC_COLOURS[1]), (1, BLOC_COLOURS[0])):
            ys = [(p.get("cohesion") or [None, None])[i] for p in series]
            ys = np.array([np.nan if v is None else v for v in ys])
            ax.plot(x, ys, marker="o", color=colour, label="cohesion " + ",".join(camps[i]))
        opp = np.array([np.nan if p.get("opposition") is None else p["opposition"] for p in series])
        ax.plot(x, opp, marker="o", ls="--", color=NEGATIVE, label="opposition")
        step = max(1, len(periods) // 12)
        ax.set_xticks(x[::step], periods[::step], rotation=45 if len(periods) > 8 else 0)
        ax.set_ylim(-1.05, 1.05)
        ax.axhline(0, color="#9aa5b1", lw=0.8)
        ax.legend(fontsize=7, frameon=False)
        fig.tight_layout()
        p = outdir / "axis.png"
        fig.savefig(p, dpi=150)
        plt.close(fig)
        written.append(p)
    return written
