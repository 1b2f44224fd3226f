"""The Python API: ``allegiance.open(db)`` gives a Database with data frames and analyses.

Thin: every method calls the same library function the CLI and web use, so the three faces
return the same records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from allegiance.store import Store


class Database:
    """One allegiance database file, opened for reading and writing."""

    def __init__(self, db: str | Path | None = None, *, read_only: bool = False) -> None:
        self.store = Store(db, read_only=read_only)

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<allegiance.Database {self.store.path}>"

    # -- queries -------------------------------------------------------------------------------

    def _frame(self, sql: str, args: list[Any], as_: str) -> Any:
        if as_ not in ("pandas", "polars", "arrow"):
            raise ValueError(f"unknown frame kind {as_!r} (choose from pandas, polars, arrow)")
        if as_ == "pandas":
            return self.store.con.execute(sql, args).df()
        table = self.store.con.sql(sql, params=args).to_arrow_table()
        if as_ == "polars":
            import polars as pl

            return pl.from_arrow(table)
        return table

    def events(
        self,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        country: str | None = None,
        code: str | None = None,
        modality: str | None = None,
        layer: str | None = None,
        as_: str = "pandas",
    ) -> Any:
        """Events (coded and imported) as a data frame, filtered like ``export``."""
        from allegiance.export import filter_sql

        where, args = filter_sql(
            "events",
            start=start,
            end=end,
            country=country,
            code=code,
            modality=modality,
            layer=layer,
        )
        return self._frame(f"SELECT * FROM events{where} ORDER BY date_start, event_id", args, as_)

    def relations(
        self,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        country: str | None = None,
        stance: str | None = None,
        modality: str | None = None,
        layer: str | None = None,
        as_: str = "pandas",
    ) -> Any:
        """Relation statements as a data frame (``stance`` filters on ally, rival, ...)."""
        from allegiance.export import filter_sql

        where, args = filter_sql(
            "relations",
            start=start,
            end=end,
            country=country,
            code=stance,
            modality=modality,
            layer=layer,
        )
        return self._frame(
            f"SELECT * FROM relations{where} ORDER BY date_start, relation_id", args, as_
        )

    def documents(
        self,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        text: bool = True,
        as_: str = "pandas",
    ) -> Any:
        """Stored documents (with their near-duplicate ``cluster_id``)."""
        cols = "*" if text else "* EXCLUDE (text)"
        conds, args = [], []
        if start:
            conds.append("date >= ?")
            args.append(dt.date.fromisoformat(str(start)))
        if end:
            conds.append("date <= ?")
            args.append(dt.date.fromisoformat(str(end)))
        where = (" WHERE " + " AND ".join(conds)) if conds else ""
        return self._frame(f"SELECT {cols} FROM documents{where} ORDER BY date, doc_id", args, as_)

    def runs(self, as_: str | None = None) -> Any:
        """The run ledger (a list of dicts, or a frame with ``as_``)."""
        if as_:
            return self._frame("SELECT * FROM runs ORDER BY started_at, run_id", [], as_)
        return self.store.runs()

    def rejects(self, run_id: str | None = None) -> list[dict[str, Any]]:
        return self.store.rejects(run_id)

    # -- writes --------------------------------------------------------------------------------

    def ingest(self, paths: str | Path | Sequence[str | Path], **kwargs: Any) -> Any:
        """Store documents from files, folders or globs; returns an IngestResult."""
        from allegiance.pipeline.ingest import ingest

        if isinstance(paths, str | Path):
            paths = [paths]
        return ingest(self.store, [str(p) for p in paths], **kwargs)

    def process(self, **kwargs: Any) -> Any:
        """Code the stored documents not yet coded by this coder version (see `process`)."""
        from allegiance.pipeline.process import process

        return process(self.store, **kwargs)

    def import_file(self, kind: str, path: str | Path) -> Any:
        """Import a GDELT, ICEWS, POLECAT, ... file; returns an ImportResult."""
        from allegiance.pipeline.imports import import_file

        return import_file(self.store, kind, path)

    def export(self, to: str | Path, **kwargs: Any) -> int:
        """Write events or relations to Parquet, CSV or JSONL; returns the row count."""
        from allegiance.export import export

        return export(self.store, Path(to), **kwargs)

    # -- analysis ------------------------------------------------------------------------------

    def dyad(self, a: str, b: str, by: str = "year", layers: Any = None, **kwargs: Any) -> Any:
        """r(a, b, t) per period with evidence (a DyadSeries)."""
        from allegiance.analysis import dyad_series

        return dyad_series(self.store, a, b, by=by, layers=layers, **kwargs)

    def blocs(self, period: Any = None, **kwargs: Any) -> Any:
        """The least-frustrated partition of a period's signed network (Blocs)."""
        from allegiance.analysis import blocs

        return blocs(self.store, period, **kwargs)

    def shifts(self, **kwargs: Any) -> Any:
        """Realignments: flips, changepoints, trends, bloc changes (Shifts)."""
        from allegiance.analysis import shifts

        return shifts(self.store, **kwargs)

    def axis(self, camp_a: Any, camp_b: Any, **kwargs: Any) -> Any:
        """Cohesion within and opposition between two camps over time (Axis)."""
        from allegiance.analysis import axis

        return axis(self.store, camp_a, camp_b, **kwargs)


def open(db: str | Path | None = None, *, read_only: bool = False) -> Database:  # noqa: A001
    """Open (or create) an allegiance database: ``$ALLEGIANCE_DB`` or ./allegiance.duckdb."""
    return Database(db, read_only=read_only)
