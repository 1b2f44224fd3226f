"""Code the stored documents on a Dask cluster.

The client (this process) owns the database: it reads pending documents batch by batch, ships
their text to the workers and saves each coded batch in one transaction as soon as it comes
back.  Workers never touch the store; each loads the coder once, through a worker plugin.

Nothing is lost or doubled when a worker dies: Dask re-runs the tasks that were on it, and the
store's save is idempotent per (document, coder version), so a batch that lands twice replaces
itself.  Only a bounded window of batches is in flight, so memory stays flat on any corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from allegiance.coding import Coder
from allegiance.model import CodedDocument, Document
from allegiance.pipeline.process import ProcessResult, Progress, save_batch
from allegiance.store import Store

__all__ = ["CoderPlugin", "process_on_dask"]

# Coders loaded on this worker process, by plugin name (one per configuration).
_CODERS: dict[str, Coder] = {}


def _plugin_name(dictionaries: Sequence[str], lexicon: str | None, gate: bool) -> str:
    key = json.dumps([list(dictionaries), lexicon, gate])
    return "allegiance-coder-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _load_coder(name: str, dictionaries: Sequence[str], lexicon: str | None, gate: bool) -> Coder:
    coder = _CODERS.get(name)
    if coder is None:
        coder = Coder.load(dictionaries, lexicon=lexicon, gate=gate)
        coder.nlp  # noqa: B018 - load the parse model now, not inside the first task
        _CODERS[name] = coder
    return coder


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the optional [dask] extra is not installed; process_on_dask says so
    WorkerPlugin = object  # type: ignore[misc, assignment]


class CoderPlugin(WorkerPlugin):  # type: ignore[misc, valid-type]
    """Loads the coder once when a worker starts (and on workers that join later).

    Dictionary and lexicon paths must be readable by the workers (a shared folder on a real
    cluster).
    """

    def __init__(
        self, dictionaries: Sequence[str] = (), lexicon: str | None = None, gate: bool = True
    ) -> None:
        self.dictionaries = [str(d) for d in dictionaries]
        self.lexicon = lexicon
        self.gate = gate
        self.name = _plugin_name(self.dictionaries, lexicon, gate)

    def setup(self, worker: Any) -> None:
        _load_coder(self.name, self.dictionaries, self.lexicon, self.gate)


def _code_task(
    docs: list[Document], name: str, dictionaries: list[str], lexicon: str | None, gate: bool
) -> tuple[str, list[CodedDocument]]:
    """Runs on a worker: code one batch with the worker's coder."""
    coder = _load_coder(name, dictionaries, lexicon, gate)  # already loaded by the plugin
    return coder.version, list(coder.code_many(docs, batch_size=max(len(docs), 1)))


def _client(scheduler: Any) -> tuple[Any, bool]:
    """A Client for an address, a cluster object or a Client; True when we must close it."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    try:  # an address, a LocalCluster or any cluster object
        return Client(scheduler, timeout="20s"), True
    except (OSError, TimeoutError) as exc:
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc


def _threads(client: Any) -> int:
    info = client.scheduler_info()
    return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def process_on_dask(
    store: Store,
    scheduler: Any,
    *,
    dictionaries: Sequence[str | Path] = (),
    lexicon: str | Path | None = None,
    gate: bool = True,
    batch_size: int = 64,
    progress: Progress | None = None,
    window: int | None = None,
    limit: int | None = None,
) -> ProcessResult:
    """Code pending documents on a Dask cluster; same records and run ledger as ``process``.

    ``scheduler`` is an address ("tcp://host:8786"), a ``distributed.Client`` or a cluster
    object such as ``LocalCluster``.  ``window`` bounds the batches in flight (default: twice
    the cluster's threads).
    """
    try:
        from distributed import as_completed
    except ImportError as exc:
        raise RuntimeError(
            "coding on Dask needs the dask extra: pip install 'allegiance[dask]'"
        ) from exc

    dicts = [str(d) for d in dictionaries]
    lex = str(lexicon) if lexicon else None
    version = Coder.load(dicts, lexicon=lex, gate=gate).version  # no parse model needed here
    total = store.count_pending(version)
    if limit is not None:
        total = min(total, limit)
    client, owned = _client(scheduler)
    run_id = store.begin_run(
        "process",
        {
            "scheduler": str(getattr(client, "scheduler", None) and client.scheduler.address),
            "gate": gate,
            "dictionaries": dicts,
            "lexicon": lex,
        },
        coder_version=version,
    )
    result = ProcessResult(run_id, 0, 0, 0, 0, 0, version)
    if progress:
        progress(0, total)
    try:
        plugin = CoderPlugin(dicts, lex, gate)
        client.register_plugin(plugin, name=plugin.name)
        window = window or 2 * _threads(client)
        batches: Iterator[list[Document]] = store.pending_documents(
            version, batch_size=batch_size, limit=limit
        )

        def submit(i: int, docs: list[Document]) -> Any:
            return client.submit(
                _code_task,
                docs,
                plugin.name,
                dicts,
                lex,
                gate,
                key=f"allegiance-code-{run_id}-{i}",
                retries=3,
                pure=False,
            )

        done_submitting = False
        n_submitted = 0
        futures = as_completed()
        while n_submitted < window and not done_submitting:
            docs = next(batches, None)
            if docs is None:
                done_submitting = True
            elif docs:
                futures.add(submit(n_submitted, docs))
                n_submitted += 1
        for fut in futures:
            worker_version, coded = fut.result()
            if worker_version != version:
                raise RuntimeError(
                    f"worker coder version {worker_version} differs from ours ({version}): "
                    "install the same allegiance on the workers"
                )
            save_batch(store, coded, result, progress, total)
            if not done_submitting:
                docs = next(batches, None)
                if docs is None:
                    done_submitting = True
                else:
                    futures.add(submit(n_submitted, docs))
                    n_submitted += 1
    except BaseException:
        store.finish_run(run_id, "failed")
        raise
    finally:
        if owned:
            client.close()
    store.finish_run(run_id, "ok")
    return result
