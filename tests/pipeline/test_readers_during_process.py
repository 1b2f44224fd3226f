"""Readers in other processes can query the database while `process` codes a corpus."""

import subprocess
import sys
import time

from allegiance.demo import articles_dir
from allegiance.pipeline.ingest import ingest
from allegiance.store import Store, StoreError


def test_reads_succeed_between_batches(tmp_path):
    db = tmp_path / "live.duckdb"
    with Store(db) as store, articles_dir() as src:
        ingest(store, [str(src)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "allegiance", "process", "--db", str(db), "--batch-size", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reads = busy = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with Store(db, read_only=True) as reader:
                reader.con.execute("SELECT count(*) FROM events").fetchall()
            # count a read only once the writer has held the file and is still running
            if busy and proc.poll() is None:
                reads += 1
        except StoreError:
            busy += 1
        time.sleep(0.05)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert busy > 0, "the writer never held the file: the test proves nothing"
    # Holding the file for the whole run lets a handful of reads through at the very end
    # (measured: 6 of 156); releasing it between batches lets about half through.
    assert reads >= 20, f"only {reads} reads got through while process ran ({busy} busy)"
    with Store(db, read_only=True) as store:
        assert store.count("processed") == store.count("documents")
