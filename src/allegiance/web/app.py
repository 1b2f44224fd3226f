"""The local dashboard: a JSON API and a few HTML pages over one database, read-only.

Each request opens its own read-only ``Store`` (DuckDB allows one writer process; readers must
not hold the file between requests) and retries briefly when a writer holds the lock, then
answers 503.  Bad parameters get a 4xx with a one-line JSON message, never a traceback.
With a token, every request needs ``Authorization: Bearer <token>`` or ``?token=``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import html
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import numpy as np
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from allegiance.report import plotly_js, safe_url, script_json
from allegiance.report.collect import default_periods, documents_by_id, top_nodes
from allegiance.report.figures import BLOC_COLOURS, dyad_figure, network_figure
from allegiance.report.words import (
    evidence_date,
    evidence_label,
    fmt_score,
    headline,
    state_name,
)
from allegiance.store import Store, StoreError
from allegiance.web import queries as qs
from allegiance.web.queries import MAX_PAGE_SIZE, EventQuery, ParamError

log = logging.getLogger("allegiance.web")
BUSY_RETRIES = 6
BUSY = "database is busy, try again"
GRIDS = ("year", "quarter", "month")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# -- opening the store ------------------------------------------------------------------------


@contextmanager
def open_store(db: Path) -> Iterator[Store]:
    """A read-only store for one request; 503 when a writer keeps the file locked."""
    delay = 0.05
    store = None
    for attempt in range(BUSY_RETRIES):
        try:
            store = Store(db, read_only=True)
            break
        except StoreError as exc:
            msg = str(exc)
            if "busy" in msg or "lock" in msg.lower():
                if attempt < BUSY_RETRIES - 1:
                    time.sleep(delay)
                    delay *= 2
                continue
            raise ApiError(503, msg.splitlines()[0]) from None
    if store is None:
        raise ApiError(503, BUSY)
    try:
        yield store
    finally:
        store.close()


class ResultCache:
    """Small LRU of analysis results keyed by the database file's state and the call."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def stamp(db: Path) -> tuple[Any, ...]:
        parts: list[Any] = []
        for p in (db, db.with_name(db.name + ".wal")):
            try:
                st = p.stat()
                parts += [st.st_mtime_ns, st.st_size]
            except OSError:
                parts += [None, None]
        return tuple(parts)

    def get(self, db: Path, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full = (str(db), self.stamp(db), *key)
        with self.lock:
            if full in self.items:
                self.items.move_to_end(full)
                return self.items[full]
        value = compute()
        with self.lock:
            self.items[full] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("allegiance.web", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True, default_for_string=True),
    )
    env.filters["score"] = fmt_score
    env.filters["state"] = state_name
    return env


def _analysis() -> Any:
    import allegiance.analysis as analysis

    return analysis


def _jsonable(obj: Any) -> Any:
    """Numpy scalars, NaN and dates into plain JSON values."""
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        return _jsonable(obj.item())
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    return obj


# -- the app ----------------------------------------------------------------------------------


def create_app(db: Path, token: str | None = None) -> FastAPI:
    """The dashboard app over database ``db``; with ``token``, every request must carry it."""
    db = Path(db)
    cache_ = ResultCache()
    app = FastAPI(
        title="allegiance",
        description=(
            "Read-only JSON API over an allegiance database: events, documents, dyad series, "
            "blocs, shifts and axis tests; the same records as the CLI's `--format json`."
        ),
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.token = token

    # -- middleware: token, security headers ---------------------------------------------

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Any]) -> Response:
        if token:
            supplied = request.query_params.get("token")
            auth = request.headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                supplied = auth[7:].strip()
            if not supplied or not hmac.compare_digest(supplied.encode(), token.encode()):
                return JSONResponse(
                    {"error": "unauthorized: send 'Authorization: Bearer <token>' or ?token="},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    # -- errors: one clear message, never a traceback ------------------------------------

    def _is_api(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    def _error(request: Request, status: int, message: str) -> Response:
        if _is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        page = (
            _env()
            .get_template("error.html")
            .render(status=status, message=message, tq=_tq(request), nav=None)
        )
        return HTMLResponse(page, status_code=status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error(request, exc.status, exc.message)

    @app.exception_handler(ParamError)
    async def _param_error(request: Request, exc: ParamError) -> Response:
        return _error(request, exc.status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
            parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}")
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"not found: {request.url.path}"
        return _error(request, exc.status_code, msg)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    # -- helpers --------------------------------------------------------------------------

    def cached(key: tuple[Any, ...], compute: Callable[[Store], Any]) -> Any:
        def run() -> Any:
            with open_store(db) as store:
                return compute(store)

        return cache_.get(db, key, run)

    def layers_arg(store: Store, layers: str | None) -> dict[str, float] | None:
        try:
            parsed = _analysis().parse_layers(layers)
        except ValueError as exc:
            raise ParamError(f"layers: {exc}") from None
        if parsed:
            present = set(store.layers())
            unknown = sorted(set(parsed) - present)
            if unknown:
                raise ParamError(
                    f"layers: unknown layer {unknown[0]!r} (present: {', '.join(sorted(present))})"
                )
        return parsed

    def period_arg(period: str | None) -> str | None:
        if period is None or not period.strip():
            return None
        try:
            return _analysis().parse_period(period).label
        except ValueError as exc:
            raise ParamError(f"period: {exc}") from None

    def by_arg(by: str) -> str:
        if by not in GRIDS:
            raise ParamError(f"by: {by!r} is not one of {', '.join(GRIDS)}")
        return by

    def camp_arg(store: Store, value: str, name: str, known: set[str]) -> list[str]:
        codes = [c for c in (x.strip() for x in value.split(",")) if c]
        if not codes:
            raise ParamError(f"{name}: a comma-separated list of state codes is required")
        if len(codes) > 50:
            raise ParamError(f"{name}: at most 50 states")
        return [qs.check_state(store, c, name, known) for c in codes]

    # -- JSON API -------------------------------------------------------------------------

    @app.get("/api/states", tags=["data"], summary="State codes present, with names")
    def api_states() -> dict[str, Any]:
        """Every state that appears in any layer: its code, display name and record count."""
        with open_store(db) as store:
            return {"states": qs.states(store)}

    @app.get("/api/events", tags=["data"], summary="Search coded and imported events")
    def api_events(
        start: str | None = Query(None, description="Events on or after this date (YYYY-MM-DD)"),
        end: str | None = Query(None, description="Events on or before this date (YYYY-MM-DD)"),
        country: str | None = Query(None, description="ISO3 code of source or target state"),
        code: str | None = Query(None, description="CAMEO code or prefix, e.g. 06 or 062"),
        modality: str | None = Query(None, description="asserted, negated, hypothetical, ..."),
        layer: str | None = Query(None, description="'events' or an import kind"),
        page: int = Query(1, ge=1, le=1_000_000, description="Page number, from 1"),
        size: int = Query(50, ge=1, le=MAX_PAGE_SIZE, description="Events per page"),
    ) -> dict[str, Any]:
        """Events overlapping [start, end] that match every filter, ordered by date."""
        q = EventQuery(
            qs.parse_day(start, "start"),
            qs.parse_day(end, "end"),
            country,
            code,
            modality,
            layer,
            page,
            size,
        )
        with open_store(db) as store:
            q = qs.check_event_query(store, q)
            return _jsonable(qs.search_events(store, q))

    @app.get("/api/documents/{doc_id}", tags=["data"], summary="A document with coded spans")
    def api_document(doc_id: str) -> dict[str, Any]:
        """The document's text and metadata, with the events and relations coded from it."""
        if len(doc_id) > 300:
            raise ParamError("doc_id: too long")
        with open_store(db) as store:
            doc = qs.document(store, doc_id)
        if doc is None:
            raise ApiError(404, f"no document with id {doc_id!r}")
        return _jsonable(doc)

    @app.get("/api/dyad", tags=["analysis"], summary="Relation score series of two states")
    def api_dyad(
        a: str = Query(..., description="ISO3 code, e.g. RUS"),
        b: str = Query(..., description="ISO3 code, e.g. PAK"),
        by: str = Query("year", description="year, quarter or month"),
        layers: str | None = Query(None, description="NAME=WEIGHT,... (default: all, 1)"),
        evidence: int = Query(3, ge=0, le=20, description="Evidence records per period"),
    ) -> dict[str, Any]:
        """r(a, b, t) per period with event counts by quad class and the evidence behind it."""
        return _jsonable(dyad_dict(a, b, by, layers, evidence))

    def dyad_dict(a: str, b: str, by: str, layers: str | None, evidence: int) -> dict[str, Any]:
        by = by_arg(by)
        with open_store(db) as store:
            known = {s["code"] for s in qs.states(store)}
            a2 = qs.check_state(store, a, "a", known)
            b2 = qs.check_state(store, b, "b", known)
            if qs.lineage(a2) == qs.lineage(b2):
                raise ParamError(f"a and b must be two different states, got {a2} and {b2}")
            lay = layers_arg(store, layers)
        key = ("dyad", a2, b2, by, layers, evidence)
        return cached(
            key,
            lambda s: (
                _analysis().dyad_series(s, a2, b2, by=by, layers=lay, evidence=evidence).to_dict()
            ),
        )

    @app.get("/api/blocs", tags=["analysis"], summary="Blocs of one period")
    def api_blocs(
        period: str | None = Query(None, description="1970, 1966-1969, 2016Q3 or 2016-09"),
        k: int | None = Query(None, ge=1, le=20, description="Number of blocs (default: chosen)"),
        layers: str | None = Query(None, description="NAME=WEIGHT,..."),
    ) -> dict[str, Any]:
        """The partition of the period's signed network that minimises frustration."""
        per = period_arg(period)
        with open_store(db) as store:
            lay = layers_arg(store, layers)
        return _jsonable(
            cached(
                ("blocs", per, k, layers),
                lambda s: _analysis().blocs(s, period=per, layers=lay, k=k).to_dict(),
            )
        )

    @app.get("/api/shifts", tags=["analysis"], summary="Realignments")
    def api_shifts(
        by: str = Query("year", description="year, quarter or month"),
        top: int = Query(20, ge=1, le=200, description="How many shifts"),
        layers: str | None = Query(None, description="NAME=WEIGHT,..."),
    ) -> dict[str, Any]:
        """Dyads whose relation flips or changes level, states that change bloc; each with
        before/after values, evidence and a one-line headline."""
        return _jsonable(shifts_dict(by, top, layers))

    def shifts_dict(by: str, top: int, layers: str | None) -> dict[str, Any]:
        by = by_arg(by)
        with open_store(db) as store:
            lay = layers_arg(store, layers)

        def compute(s: Store) -> dict[str, Any]:
            out = _analysis().shifts(s, by=by, layers=lay, top=top).to_dict()
            ids = []
            for sh in out.get("shifts") or []:
                sh["headline"] = headline(sh)
                ids += [ev.get("doc_id") for ev in sh.get("evidence") or [] if ev.get("doc_id")]
            docs = documents_by_id(s, ids)
            out["documents"] = {
                k: {"title": v.get("title"), "date": v.get("date")} for k, v in docs.items()
            }
            return out

        return cached(("shifts", by, top, layers), compute)

    @app.get("/api/axis", tags=["analysis"], summary="Axis test of two camps")
    def api_axis(
        a: str = Query(..., description="First camp, e.g. RUS,CHN,PAK"),
        b: str = Query(..., description="Second camp, e.g. USA,IND,JPN"),
        by: str = Query("year", description="year, quarter or month"),
        layers: str | None = Query(None, description="NAME=WEIGHT,..."),
    ) -> dict[str, Any]:
        """Cohesion within each camp and opposition between them per period."""
        by = by_arg(by)
        with open_store(db) as store:
            known = {s["code"] for s in qs.states(store)}
            camp_a = camp_arg(store, a, "a", known)
            camp_b = camp_arg(store, b, "b", known)
            lay = layers_arg(store, layers)
        both = set(camp_a) & set(camp_b)
        if both:
            raise ParamError(f"a state cannot be in both camps: {', '.join(sorted(both))}")
        return _jsonable(
            cached(
                ("axis", tuple(camp_a), tuple(camp_b), by, layers),
                lambda s: _analysis().axis(s, camp_a, camp_b, by=by, layers=lay).to_dict(),
            )
        )

    @app.get("/api/network", tags=["analysis"], summary="Signed network of one period")
    def api_network(
        period: str | None = Query(None, description="1970, 1966-1969, 2016Q3 or 2016-09"),
        layers: str | None = Query(None, description="NAME=WEIGHT,..."),
    ) -> dict[str, Any]:
        """Nodes and signed edges (relation scores) of the period's network."""
        per = period_arg(period)
        with open_store(db) as store:
            lay = layers_arg(store, layers)
        return _jsonable(
            cached(
                ("network", per, layers),
                lambda s: _analysis().signed_network(s, period=per, layers=lay).to_dict(),
            )
        )

    @app.get("/api/periods", tags=["data"], summary="Suggested periods for bloc maps")
    def api_periods(parts: int = Query(5, ge=1, le=50)) -> dict[str, Any]:
        """The data's year range split into ``parts`` spans, plus every single year."""
        with open_store(db) as store:
            from allegiance.report.collect import data_years

            years = data_years(store)
            spans = default_periods(store, parts)
        return {
            "spans": spans,
            "years": [str(y) for y in range(years[0], years[1] + 1)] if years else [],
        }

    @app.get("/api/figures/dyad", tags=["figures"], summary="Plotly figure of a dyad timeline")
    def api_fig_dyad(
        a: str = Query(...),
        b: str = Query(...),
        by: str = Query("year"),
        layers: str | None = Query(None),
    ) -> dict[str, Any]:
        """The dyad series plus a Plotly figure spec for it (as in the HTML report)."""
        d = dyad_dict(a, b, by, layers, 5)
        ids = [ev.get("doc_id") for p in d.get("series") or [] for ev in p.get("evidence") or []]
        with open_store(db) as store:
            docs = documents_by_id(store, [i for i in ids if i])
        titles = {k: {"title": v.get("title"), "date": v.get("date")} for k, v in docs.items()}
        return _jsonable({"dyad": d, "figure": dyad_figure(d, height=380), "documents": titles})

    @app.get("/api/figures/network", tags=["figures"], summary="Plotly figure of a bloc map")
    def api_fig_network(
        period: str | None = Query(None),
        layers: str | None = Query(None),
        k: int | None = Query(None, ge=1, le=20),
    ) -> dict[str, Any]:
        """Blocs of the period and a Plotly figure of its signed network coloured by bloc."""
        per = period_arg(period)
        with open_store(db) as store:
            lay = layers_arg(store, layers)

        def compute(s: Store) -> dict[str, Any]:
            an = _analysis()
            net = an.signed_network(s, period=per, layers=lay)
            bl = an.blocs(s, period=per, layers=lay, k=k).to_dict()
            nodes, w = list(net.nodes), np.asarray(net.weights, dtype=float)
            keep = top_nodes(nodes, w)
            nodes, w = [nodes[i] for i in keep], w[np.ix_(keep, keep)]
            shown = set(nodes)
            blocs = [[x for x in g if x in shown] for g in bl.get("blocs") or []]
            blocs = [g for g in blocs if g]
            fig = network_figure(nodes, w, blocs, title=per or "all data", height=520)
            return {
                "blocs": bl,
                "figure": fig,
                "colours": [BLOC_COLOURS[i % len(BLOC_COLOURS)] for i in range(len(blocs))],
                "names": {x: state_name(x) for x in nodes},
            }

        return _jsonable(cached(("fig-network", per, layers, k), compute))

    # -- static assets --------------------------------------------------------------------

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def static_plotly() -> Response:
        return Response(
            plotly_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "private, max-age=86400"},
        )

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        files = _static_files()
        if name not in files:
            raise ApiError(404, f"no static file {name!r}")
        media, body = files[name]
        return Response(body, media_type=media, headers={"Cache-Control": "no-cache"})

    # -- HTML pages -----------------------------------------------------------------------

    def page(
        request: Request, template: str, nav: str, status: int = 200, **ctx: Any
    ) -> HTMLResponse:
        body = (
            _env()
            .get_template(template)
            .render(tq=_tq(request), nav=nav, token_value=request.query_params.get("token"), **ctx)
        )
        return HTMLResponse(body, status_code=status)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        with open_store(db) as store:
            counts = {t: store.count(t) for t in ("documents", "events", "relations", "ties")}
            layers = store.layers()
            from allegiance.report.collect import data_years

            years = data_years(store)
            n_states = len(qs.states(store))
        return page(
            request,
            "overview.html",
            "overview",
            counts=counts,
            layers=layers,
            years=years,
            n_states=n_states,
            db=db.name,
        )

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(
        request: Request, a: str | None = None, b: str | None = None, by: str = "year"
    ) -> HTMLResponse:
        with open_store(db) as store:
            states = qs.states(store)
        codes = [s["code"] for s in states]
        a = (a or ("RUS" if "RUS" in codes else codes[0] if codes else "")).upper()
        b = (b or ("PAK" if "PAK" in codes else codes[1] if len(codes) > 1 else "")).upper()
        return page(
            request,
            "dyad.html",
            "dyad",
            states=states,
            a=a,
            b=b,
            by=by if by in GRIDS else "year",
            grids=GRIDS,
        )

    @app.get("/blocs", response_class=HTMLResponse, include_in_schema=False)
    def blocs_page(request: Request, period: str | None = None) -> HTMLResponse:
        with open_store(db) as store:
            spans = default_periods(store, 5)
        chosen = period_arg(period) if period else (spans[-1] if spans else "")
        return page(request, "blocs.html", "blocs", spans=spans, period=chosen)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        start: str | None = None,
        end: str | None = None,
        country: str | None = None,
        code: str | None = None,
        modality: str | None = None,
        layer: str | None = None,
        page_: int = Query(1, alias="page", ge=1, le=1_000_000),
        size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
    ) -> HTMLResponse:
        form = {
            "start": start or "",
            "end": end or "",
            "country": country or "",
            "code": code or "",
            "modality": modality or "",
            "layer": layer or "",
        }
        error = None
        result = None
        with open_store(db) as store:
            layers = store.layers()
            try:
                q = EventQuery(
                    qs.parse_day(start, "start"),
                    qs.parse_day(end, "end"),
                    country or None,
                    code or None,
                    modality or None,
                    layer or None,
                    page_,
                    size,
                )
                result = qs.search_events(store, qs.check_event_query(store, q))
            except ParamError as exc:
                error = str(exc)
        from allegiance.model import MODALITIES

        def link(p: int) -> str:
            params = {k: v for k, v in form.items() if v}
            params.update(page=str(p), size=str(size))
            if request.query_params.get("token"):
                params["token"] = request.query_params["token"]
            return "/events?" + urlencode(params)

        return page(
            request,
            "events.html",
            "events",
            form=form,
            error=error,
            result=result,
            layers=layers,
            modalities=MODALITIES,
            link=link,
            status=400 if error else 200,
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        with open_store(db) as store:
            doc = qs.document(store, doc_id) if len(doc_id) <= 300 else None
        if doc is None:
            raise ApiError(404, f"no document with id {doc_id!r}")
        records = doc["events"] + doc["relations"]
        return page(
            request,
            "document.html",
            "",
            doc=doc,
            url=safe_url(doc.get("url")),
            pieces=qs.segments(doc["text"], records),
            records=records,
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        spec = app.openapi()
        endpoints = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                endpoints.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": op.get("summary", ""),
                        "description": op.get("description", ""),
                        "params": [
                            {
                                "name": p["name"],
                                "in": p["in"],
                                "required": p.get("required", False),
                                "description": p.get("description", ""),
                                "default": p.get("schema", {}).get("default"),
                            }
                            for p in op.get("parameters", [])
                        ],
                    }
                )
        return page(request, "apidocs.html", "docs", endpoints=endpoints)

    # Event-page template helper needs Jinja's access to evidence formatting too.
    _env().globals.update(
        evidence_date=evidence_date,
        evidence_label=evidence_label,
        script_json=script_json,
        escape=html.escape,
    )
    return app


def _tq(request: Request) -> str:
    """The ``token=...`` query suffix to carry on links and asset URLs ('' without a token)."""
    tok = request.query_params.get("token")
    return urlencode({"token": tok}) if tok else ""


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("allegiance")
    except Exception:  # noqa: BLE001
        return "dev"


@cache
def _static_files() -> dict[str, tuple[str, bytes]]:
    from importlib import resources

    base = resources.files("allegiance.web").joinpath("static")
    out = {}
    for entry in base.iterdir():
        name = entry.name
        if name.endswith(".css"):
            out[name] = ("text/css", entry.read_bytes())
        elif name.endswith(".js"):
            out[name] = ("text/javascript", entry.read_bytes())
        elif name.endswith(".svg"):
            out[name] = ("image/svg+xml", entry.read_bytes())
    return out
