"""Near-duplicate documents: wire copies of one story from several outlets share a cluster.

Analysis counts a story once (with its number of sources) by grouping on ``cluster_id``.
One-permutation MinHash over word 5-shingles with banding (LSH), as set-based DuckDB SQL,
finds candidate pairs; their exact shingle Jaccard similarity decides; clusters are the
connected components.  Deterministic, so running it again changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    from allegiance.store import Store

SHINGLE = 5  # words; the hash() call below spells out the five positions
BANDS = 8
ROWS = 4  # BANDS * ROWS hash functions; a pair at Jaccard 0.8 is a candidate with p ~ 0.985


def cluster_near_duplicates(store: Store, threshold: float = 0.8) -> int:
    """Give near-duplicate documents one ``cluster_id``; returns how many rows changed.

    The cluster id is the doc_id of the cluster's earliest document (by date, then doc_id).
    """
    con = store.con
    con.execute("SET enable_progress_bar = false")
    k = BANDS * ROWS
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _shingles AS
        WITH w AS (
            SELECT doc_id,
                   list_filter(regexp_split_to_array(lower(text), '[^[:alnum:]]+'),
                               lambda x: x <> '') AS ws
            FROM documents
        )
        SELECT DISTINCT doc_id,
               hash(ws[i], ws[i + 1], ws[i + 2], ws[i + 3], ws[i + 4]) AS h
        FROM w, range(1, greatest(len(ws) - {SHINGLE - 2}, 2)) AS r(i)
        WHERE len(ws) > 0
        """
    )
    pairs = con.execute(
        f"""
        WITH sig AS (
            -- one-permutation MinHash: the minimum hash in each of k bins of the hash space
            SELECT doc_id, (h % {k})::INTEGER AS k, min(h) AS m
            FROM _shingles
            GROUP BY doc_id, h % {k}
        ),
        bands AS (
            SELECT doc_id, k // {ROWS} AS band,
                   hash(list(k::VARCHAR || ':' || m::VARCHAR ORDER BY k)) AS bh
            FROM sig GROUP BY doc_id, k // {ROWS}
        ),
        cand AS (
            SELECT DISTINCT a.doc_id AS x, b.doc_id AS y
            FROM bands a JOIN bands b
              ON a.band = b.band AND a.bh = b.bh AND a.doc_id < b.doc_id
        ),
        sizes AS (SELECT doc_id, count(*) AS n FROM _shingles GROUP BY doc_id),
        inter AS (
            SELECT c.x, c.y, count(*) AS n
            FROM cand c
            JOIN _shingles sa ON sa.doc_id = c.x
            JOIN _shingles sb ON sb.doc_id = c.y AND sb.h = sa.h
            GROUP BY c.x, c.y
        )
        SELECT i.x, i.y
        FROM inter i JOIN sizes a ON a.doc_id = i.x JOIN sizes b ON b.doc_id = i.y
        WHERE i.n::DOUBLE / (a.n + b.n - i.n) >= ?
        """,
        [threshold],
    ).fetchall()
    con.execute("DROP TABLE IF EXISTS _shingles")

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for x, y in pairs:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    members: dict[str, list[str]] = {}
    for x in parent:
        members.setdefault(find(x), []).append(x)
    for root in list(members):
        if root not in members[root]:
            members[root].append(root)

    rows: list[tuple[str, str]] = []
    if members:
        ids = [d for group in members.values() for d in group]
        order = dict(
            con.execute(
                "SELECT doc_id, row_number() OVER (ORDER BY date NULLS LAST, doc_id) "
                "FROM documents WHERE doc_id IN (SELECT unnest(?))",
                [ids],
            ).fetchall()
        )
        for group in members.values():
            first = min(group, key=lambda d: order.get(d, 0))
            rows.extend((d, first) for d in group)
    table = pa.table(
        {
            "doc_id": pa.array([r[0] for r in rows], pa.string()),
            "cluster_id": pa.array([r[1] for r in rows], pa.string()),
        }
    )
    con.register("_clusters_in", table)
    con.execute("CREATE OR REPLACE TEMP TABLE _clusters AS SELECT * FROM _clusters_in")
    con.unregister("_clusters_in")
    changed = con.execute(
        """
        UPDATE documents d SET cluster_id = coalesce(c.cluster_id, d.doc_id)
        FROM (SELECT doc_id FROM documents) AS a
        LEFT JOIN _clusters c ON c.doc_id = a.doc_id
        WHERE a.doc_id = d.doc_id
          AND d.cluster_id IS DISTINCT FROM coalesce(c.cluster_id, d.doc_id)
        """
    ).fetchall()
    changed = changed[0] if changed else None
    con.execute("DROP TABLE IF EXISTS _clusters")
    return int(changed[0]) if changed else 0
