"""An event reported by several wire copies of one story counts once, with its sources."""

from analysis_support import add_events, ev

from allegiance.analysis import dyad_series


def _doc(store, doc_id, cluster):
    store.con.execute(
        "INSERT INTO documents (doc_id, content_hash, text, cluster_id) VALUES (?, ?, 'x', ?)",
        [doc_id, doc_id, cluster],
    )


def _one_event_in(doc, date="2016-05-01"):
    row = ev("RUS", "PAK", date, 7.4, doc=doc)
    row["cameo"] = "062"
    return row


def test_copies_of_one_story_count_once_but_weigh_more(store):
    for d in ("a1", "a2", "a3"):
        _doc(store, d, "a1")
    _doc(store, "b1", "b1")
    add_events(store, [_one_event_in(d) for d in ("a1", "a2", "a3")])
    point = dyad_series(store, "RUS", "PAK").to_dict()["series"]
    point = next(p for p in point if p["period"] == "2016")
    assert point["events"] == 1
    copies_score = point["score"]

    # the same event from one independent story: one record, less weight, lower score
    store.con.execute("DELETE FROM events")
    add_events(store, [_one_event_in("b1")])
    single = next(
        p for p in dyad_series(store, "RUS", "PAK").to_dict()["series"] if p["period"] == "2016"
    )
    assert single["events"] == 1
    assert copies_score > single["score"] > 0


def test_independent_stories_are_separate_evidence(store):
    _doc(store, "a1", "a1")
    _doc(store, "b1", "b1")
    add_events(store, [_one_event_in("a1"), _one_event_in("b1")])
    point = next(
        p for p in dyad_series(store, "RUS", "PAK").to_dict()["series"] if p["period"] == "2016"
    )
    assert point["events"] == 2
