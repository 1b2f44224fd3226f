"""Generators of large synthetic inputs for the benchmarks (fast: numpy + pyarrow).

- ``gdelt2_file``: a GDELT 2.0 event export (61 tab-separated columns, no header) with
  realistic values: real CAMEO country and event codes, Goldstein scores and quad classes
  that match the codes, dates, geography columns and URLs.
- ``events_table`` / ``unga_votes_table``: rows straight into a store, for the analysis
  benchmark (200 states, 30 years).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

TYPES = ["GOV", "MIL", "", "", "COP", "BUS", "MED", "CVL", "OPP", "REB", "JUD", "LEG"]


def states(n: int = 200) -> list[tuple[str, str]]:
    """(ISO3 code, name) of ``n`` real states from the importer's country table."""
    from importlib import resources

    rows = (
        resources.files("allegiance.store.importers")
        .joinpath("countries.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    out = []
    for line in rows:
        if line.startswith("#") or line.startswith("iso3"):
            continue
        code, names = line.split("\t", 1)
        if len(code) == 3 and code.isupper():
            out.append((code, names.split("|")[0].split(";")[0].upper()))
    if len(out) < n:
        raise RuntimeError(f"only {len(out)} states in countries.tsv")
    big = [
        "USA",
        "CHN",
        "RUS",
        "GBR",
        "FRA",
        "DEU",
        "IND",
        "PAK",
        "JPN",
        "IRN",
        "ISR",
        "TUR",
        "UKR",
        "SYR",
        "SAU",
        "KOR",
        "PRK",
        "AFG",
        "IRQ",
        "EGY",
        "BRA",
        "CAN",
        "AUS",
        "ITA",
    ]
    out.sort(key=lambda s: (big.index(s[0]) if s[0] in big else len(big), s[0]))
    return out[:n]


def _cameo() -> tuple[list[str], np.ndarray, np.ndarray]:
    from allegiance.ontology import cameo_codes

    codes = cameo_codes()
    names = sorted(c for c in codes if len(c) >= 3)
    gold = np.array([codes[c].goldstein for c in names], dtype=np.float64)
    quad = np.array([codes[c].quad_class for c in names], dtype=np.int64)
    return names, gold, quad


def gdelt2_chunk(
    rng: np.random.Generator, start_id: int, n: int, pool: list[tuple[str, str]]
) -> pa.Table:
    """``n`` GDELT 2.0 rows.  Strings come from small pools by index (``take``), never
    formatted one by one in Python: 10 million rows in a few minutes."""
    import pyarrow.compute as pc

    codes, gold, quad = _cameo()
    iso = [c for c, _ in pool]
    names = [nm for _, nm in pool]
    k = len(TYPES)
    actor_codes = [c + t for c in iso for t in TYPES] + [""]
    actor_names = [nm for nm in names for _t in TYPES] + [""]
    actor_iso = [c for c in iso for _t in TYPES] + [""]
    actor_type = [t for _c in iso for t in TYPES] + [""]
    # A skewed choice of states: a few big ones dominate the news, as in real GDELT.
    weights = 1.0 / np.arange(1, len(pool) + 1) ** 0.8
    weights /= weights.sum()
    a1 = rng.choice(len(pool), n, p=weights) * k + rng.integers(0, k, n)
    a2 = rng.choice(len(pool), n, p=weights) * k + rng.integers(0, k, n)
    a2 = np.where(rng.random(n) < 0.12, len(actor_codes) - 1, a2)  # no second actor
    ev = rng.integers(0, len(codes), n)
    day = rng.integers(0, 3650, n)
    days = np.datetime64("2015-02-18") + np.arange(3650).astype("timedelta64[D]")
    ymd = [str(d).replace("-", "") for d in days]
    years = days.astype("datetime64[Y]").astype(int) + 1970
    months = days.astype("datetime64[M]").astype(int) % 12 + 1
    floats = [f"{x:.4f}" for x in rng.uniform(-90, 90, 5000)]
    tones = [f"{x:.6f}" for x in rng.normal(-1.5, 3.0, 5000)]
    empty = pa.nulls(n, pa.string()).fill_null("")
    mentions = rng.integers(1, 40, n)
    ids = pa.array(np.arange(start_id, start_id + n)).cast(pa.string())

    def take(values: list[str], idx: np.ndarray) -> pa.Array:
        return pa.array(values, pa.string()).take(pa.array(idx))

    def ints(a: np.ndarray) -> pa.Array:
        return pa.array(a).cast(pa.string())

    actor1 = [
        take(actor_codes, a1),
        take(actor_names, a1),
        take(actor_iso, a1),
        empty,
        empty,
        empty,
        empty,
        take(actor_type, a1),
        empty,
        empty,
    ]
    actor2 = [
        take(actor_codes, a2),
        take(actor_names, a2),
        take(actor_iso, a2),
        empty,
        empty,
        empty,
        empty,
        take(actor_type, a2),
        empty,
        empty,
    ]
    cols: list[pa.Array] = [
        ids,
        take(ymd, day),
        ints(years[day] * 100 + months[day]),
        ints(years[day]),
        take([f"{y + d % 365 / 365:.4f}" for d, y in enumerate(years)], day),
        *actor1,
        *actor2,
        ints(rng.integers(0, 2, n)),  # IsRootEvent
        take(codes, ev),
        take(codes, ev),
        take([c[:2] for c in codes], ev),
        ints(quad[ev]),
        take([f"{g:.1f}" for g in gold], ev),  # QuadClass Goldstein
        ints(mentions),
        ints(np.maximum(1, mentions // 3)),
        ints(mentions),
        take(tones, rng.integers(0, 5000, n)),  # AvgTone
    ]
    geo_names = actor_names[:-1] + [names[0]]
    for _ in range(3):  # Actor1/2/Action geo
        cols += [
            ints(rng.integers(1, 5, n)),
            take(geo_names, a1),
            take([c[:2] for c in actor_iso[:-1]] + ["US"], a1),
            take([c[:2] + "01" for c in actor_iso[:-1]] + ["US01"], a1),
            empty,
            take(floats, rng.integers(0, 5000, n)),
            take(floats, rng.integers(0, 5000, n)),
            ints(rng.integers(-3000000, 3000000, n)),
        ]
    cols += [
        pc.binary_join_element_wise(take(ymd, day), "214500", ""),  # DATEADDED
        pc.binary_join_element_wise("https://news.example.com/story/", ids, ""),
    ]
    assert len(cols) == 61, len(cols)
    return pa.table(cols, names=[f"c{i}" for i in range(61)])


def gdelt2_file(path: Path, rows: int, chunk: int = 500_000, seed: int = 7) -> Path:
    """Write a GDELT 2.0 export of ``rows`` events to ``path`` (tab-separated, no header)."""
    rng = np.random.default_rng(seed)
    pool = states(200)
    opts = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
    first = gdelt2_chunk(rng, 1, min(chunk, rows), pool)
    with pacsv.CSVWriter(str(path), first.schema, write_options=opts) as w:
        w.write_table(first)
        done = first.num_rows
        while done < rows:
            n = min(chunk, rows - done)
            w.write_table(gdelt2_chunk(rng, done + 1, n, pool))
            done += n
    return path


def events_sql(rows: int, n_states: int = 200, years: int = 30, seed: float = 0.42) -> str:
    """An INSERT filling ``events`` with ``rows`` dyadic events (layer 'gdelt2')."""
    pool = states(n_states)
    codes = ", ".join(f"'{c}'" for c, _ in pool)
    cameo, gold, quad = _cameo()
    cam = ", ".join(f"'{c}'" for c in cameo)
    golds = ", ".join(f"{g:.1f}" for g in gold)
    quads = ", ".join(str(int(q)) for q in quad)
    # Each state pair gets a lasting affinity, so the network has structure (blocs) to find.
    return f"""
    SELECT setseed({seed});
    CREATE TEMP TABLE _st AS SELECT unnest([{codes}]) AS c, generate_subscripts([{codes}], 1)
        AS i;
    CREATE TEMP TABLE _cam AS SELECT unnest([{cam}]) AS code, unnest([{golds}]) AS g,
        unnest([{quads}]) AS q, generate_subscripts([{cam}], 1) AS i;
    INSERT INTO events (event_id, layer, source_code, source_country, target_code,
        target_country, cameo, cameo_root, goldstein, quad_class, modality, date_start,
        date_end, date_precision, date_basis, confidence, num_sources)
    SELECT 'gen:' || r.range, 'gdelt2', s.c || 'GOV', s.c, t.c || 'GOV', t.c, k.code,
        substr(k.code, 1, 2), k.g, k.q, 'asserted', r.d, r.d, 'day', 'document', 1.0,
        1 + (r.range % 5)::INTEGER
    FROM (
        SELECT range,
            1 + floor({n_states} * pow(random(), 1.6))::INTEGER AS si,
            1 + floor({n_states} * pow(random(), 1.6))::INTEGER AS ti,
            1 + floor(random() * {len(cameo)})::INTEGER AS ki,
            (DATE '{2024 - years + 1}-01-01' + floor(random() * {years * 365})::INTEGER)
                AS d
        FROM range({rows})
    ) r
    JOIN _st s ON s.i = r.si JOIN _st t ON t.i = r.ti JOIN _cam k ON k.i = r.ki
    WHERE r.si <> r.ti;
    """


def unga_votes_sql(votes: int, n_states: int = 200, years: int = 30) -> str:
    """An INSERT filling ``unga_votes`` with about ``votes`` votes: 200 states per roll call."""
    pool = states(n_states)
    codes = ", ".join(f"'{c}'" for c, _ in pool)
    calls = max(1, votes // n_states)
    return f"""
    CREATE TEMP TABLE _vst AS SELECT unnest([{codes}]) AS c,
        generate_subscripts([{codes}], 1) AS i;
    INSERT INTO unga_votes (rcid, session, year, ccode, country, vote)
    SELECT rc.range, (rc.range * {years} // {calls})::INTEGER + 40,
        {2024 - years + 1} + (rc.range * {years} // {calls})::INTEGER, s.i, s.c,
        CASE WHEN random() < 0.08 THEN 8 ELSE 1 + floor(random() * 3)::INTEGER END
    FROM range({calls}) rc, _vst s;
    """
