"""Coding on a Dask LocalCluster of two worker processes gives the records of a local run."""

from __future__ import annotations

import os
import signal

import pytest

distributed = pytest.importorskip("distributed")

from coding_corpus import make_store, records  # noqa: E402

from allegiance.distributed import process_on_dask  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as cl:
        yield cl


def test_dask_run_matches_local_run(cluster, corpus, local_records, tmp_path):
    store = make_store(tmp_path / "dask.duckdb", corpus)
    seen: list[tuple[int, int]] = []
    res = process_on_dask(store, cluster, batch_size=5, progress=lambda d, t: seen.append((d, t)))
    assert res.documents == len(corpus)
    assert seen[0] == (0, len(corpus)) and seen[-1] == (len(corpus), len(corpus))
    assert records(store) == local_records
    run = [r for r in store.runs() if r["kind"] == "process"][-1]
    assert run["status"] == "ok" and run["stored"] == len(corpus)
    assert run["events"] == res.events == len(local_records[0])
    # Idempotent: a second run finds nothing pending and changes nothing.
    again = process_on_dask(store, cluster, batch_size=5)
    assert again.documents == 0 and records(store) == local_records
    store.close()


def test_worker_killed_mid_run_loses_and_doubles_nothing(cluster, corpus, local_records, tmp_path):
    client = distributed.Client(cluster)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if done and not killed:  # first batch saved, the others in flight: kill a worker
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    store = make_store(tmp_path / "killed.duckdb", corpus)
    try:
        res = process_on_dask(store, client, batch_size=2, window=8, progress=progress)
        assert killed
        assert res.documents == len(corpus)
        assert store.count("processed") == len(corpus)
        assert records(store) == local_records
    finally:
        store.close()
        client.close()
