"""The HTML report: one self-contained file a person reads, with the evidence behind each claim.

``write_report`` gathers the analyses (``collect``) and renders them (``render_html``).  The file
works offline: plotly.js is embedded once, inline; there are no web fonts and no CDN.  Text
from articles is untrusted and always escaped (Jinja2 autoescape; JSON in scripts is escaped
too), and source links are kept only for http(s) URLs.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from allegiance.report.collect import collect
from allegiance.report.figures import (
    BLOC_COLOURS,
    axis_figure,
    dyad_figure,
    heatmap_figure,
    network_figure,
    network_strip_figure,
)
from allegiance.report.words import (
    evidence_date,
    evidence_label,
    fmt_score,
    headline,
    level_word,
    state_name,
)
from allegiance.store import Store

__all__ = ["write_report", "render_html", "collect", "state_name", "headline", "script_json"]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("allegiance")
    except Exception:  # noqa: BLE001 - running from a source tree
        return "dev"


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("allegiance.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=False,
    )


@cache
def plotly_js() -> str:
    """The plotly.js bundle shipped with the installed plotly package (no network)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def script_json(obj: Any) -> Markup:
    """JSON safe to place inside a <script> element: no ``</script>``, ``<!--`` or ``&``."""
    text = json.dumps(obj, ensure_ascii=False, default=_json_default, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _json_default(o: Any) -> Any:
    if hasattr(o, "tolist"):
        return o.tolist()
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def safe_url(url: str | None) -> str | None:
    """Keep a source link only when it is plain http(s); anything else is not a link."""
    if not url:
        return None
    u = str(url).strip()
    return u if u.lower().startswith(("http://", "https://")) else None


def _evidence_items(
    evidence: list[dict[str, Any]], documents: dict[str, dict[str, Any]], limit: int = 3
) -> list[dict[str, Any]]:
    out = []
    seen: set[tuple[Any, ...]] = set()
    for ev in evidence:
        key = (ev.get("doc_id"), ev.get("sentence"), ev.get("sentence_text"))
        if key in seen:  # symmetric events and before/after evidence repeat a sentence
            continue
        seen.add(key)
        if len(out) >= limit:
            break
        doc = documents.get(ev.get("doc_id") or "", {})
        date = evidence_date(ev) or (doc.get("date").isoformat() if doc.get("date") else "")
        out.append(
            {
                "text": ev.get("sentence_text") or "",
                "title": doc.get("title") or doc.get("source") or ev.get("doc_id") or "document",
                "url": safe_url(doc.get("url") or ev.get("url")),
                "date": date,
                "label": evidence_label(ev),
            }
        )
    return out


def _scored(score: float | None) -> str:
    return f"{fmt_score(score)} ({level_word(score)})"


def _axis_verdict(axis: dict[str, Any]) -> str:
    pts = [p for p in axis.get("series") or [] if p.get("opposition") is not None]
    if not pts:
        return "The data hold no ties between the two camps."
    last = pts[-1]
    coh = [c for c in (last.get("cohesion") or []) if c is not None]
    opp = last["opposition"]
    cohesive = len(coh) == 2 and min(coh) >= 0.1
    if cohesive and opp >= 0.1:
        return (
            f"In {last['period']} both camps hang together (cohesion "
            f"{fmt_score(coh[0])}, {fmt_score(coh[1])}) and oppose each other "
            f"({fmt_score(opp)}): the data support the axis."
        )
    return (
        f"In {last['period']} the data do not support the axis (cohesion "
        f"{', '.join(fmt_score(c) for c in coh) or '–'}, opposition {fmt_score(opp)})."
    )


def render_html(data: dict[str, Any], title: str = "allegiance report") -> str:
    """Render collected analysis dicts (see ``collect``) to one self-contained HTML page."""
    figures: dict[str, Any] = {}
    documents = data.get("documents") or {}
    series_by_pair = {
        frozenset((d.get("a"), d.get("b"))): d.get("series") or [] for d in data.get("dyads") or []
    }
    shifts = []
    for s in data.get("shifts") or []:
        before, after = s.get("before") or {}, s.get("after") or {}
        shifts.append(
            {
                "headline": headline(s, series_by_pair.get(frozenset((s.get("a"), s.get("b"))))),
                "kind": s.get("kind") or "shift",
                "before_period": before.get("period", "?"),
                "after_period": after.get("period", "?"),
                "before_score": _scored(before.get("score")),
                "after_score": _scored(after.get("score")),
                "evidence": _evidence_items(s.get("evidence") or [], documents),
            }
        )
    timeline_figs = []
    for i, d in enumerate(data.get("dyads") or []):
        fid = f"fig-dyad-{i}"
        figures[fid] = dyad_figure(d)
        timeline_figs.append(fid)
    strip_fig = None
    strip = data.get("strip") or []
    if len(strip) > 1:
        strip_fig = "fig-strip"
        figures[strip_fig] = network_strip_figure(
            [(p["period"], p["nodes"], p["weights"], p["blocs"]) for p in strip]
        )
    networks = []
    for i, n in enumerate(data.get("networks") or []):
        fid = f"fig-net-{i}"
        figures[fid] = network_figure(n["nodes"], n["weights"], n["blocs"], title=str(n["period"]))
        networks.append(
            {
                "fig": fid,
                "period": n["period"],
                "blocs": [[state_name(s) for s in b] for b in n["blocs"]],
                "colours": [BLOC_COLOURS[j % len(BLOC_COLOURS)] for j in range(len(n["blocs"]))],
                "frustration": n.get("frustration"),
                "method": n.get("method"),
            }
        )
    heat_fig = heat_period = None
    heat = data.get("heatmap")
    if heat and len(heat.get("states") or []) > 1:
        heat_fig = "fig-heat"
        heat_period = heat["period"]
        figures[heat_fig] = heatmap_figure(
            heat["states"], heat["matrix"], title=f"Alignment, {heat['period']}"
        )
    axis_ctx = None
    if data.get("axis"):
        ax = data["axis"]
        camps = ax.get("camps") or [[], []]
        figures["fig-axis"] = axis_figure(ax)
        axis_ctx = {
            "fig": "fig-axis",
            "camp_a": ", ".join(state_name(s) for s in camps[0]),
            "camp_b": ", ".join(state_name(s) for s in camps[1]) if len(camps) > 1 else "",
            "verdict": _axis_verdict(ax),
        }
    css = resources.files("allegiance.report").joinpath("templates", "report.css")
    css = css.read_text("utf-8")
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            title=title,
            version=_version(),
            css=Markup(css),
            plotly_js=Markup(plotly_js().replace("</script", "<\\/script")),
            facts=data.get("facts") or {},
            shifts=shifts,
            timeline_figs=timeline_figs,
            strip_fig=strip_fig,
            networks=networks,
            heat_fig=heat_fig,
            heat_period=heat_period,
            axis=axis_ctx,
            figures_json=script_json(figures),
        )
    )


def write_report(
    store: Store,
    out: Path,
    *,
    axis: tuple[list[str], list[str]] | None = None,
    layers: dict[str, float] | None = None,
    figures: Path | None = None,
    periods: list[str] | None = None,
    title: str = "allegiance report",
) -> Path:
    """Write the HTML report (and, with ``figures``, PNGs for papers); return the HTML path."""
    data = collect(store, axis=axis, layers=layers, periods=periods)
    out = Path(out)
    html = render_html(data, title=title)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    if figures is not None:
        from allegiance.report.png import write_pngs

        write_pngs(data, Path(figures))
    return out
