"""Code the stored documents that this coder version has not coded yet.

Each batch of documents is coded and written in one transaction together with its
``processed`` marks and ledger counts, so an interrupted run loses at most the batch in flight
and a re-run picks up exactly where it stopped.  With ``workers > 1`` the documents are coded in
a process pool (one pipeline per process, loaded once); results are identical whatever the
number of workers because records are keyed and ordered by document.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from allegiance.coding import Coder
from allegiance.model import CodedDocument, Document
from allegiance.store import Store

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ProcessResult:
    run_id: str
    documents: int
    events: int
    relations: int
    sentences: int
    skipped_sentences: int
    coder_version: str


_WORKER_CODER: Coder | None = None


def _init_worker(dictionaries: Sequence[str], lexicon: str | None, gate: bool) -> None:
    global _WORKER_CODER
    _WORKER_CODER = Coder.load(dictionaries, lexicon=lexicon, gate=gate)
    _WORKER_CODER.nlp  # noqa: B018 - load the pipeline once per worker process


def _code_chunk(docs: list[Document]) -> list[CodedDocument]:
    assert _WORKER_CODER is not None
    return list(_WORKER_CODER.code_many(docs))


def process(
    store: Store,
    *,
    dictionaries: Sequence[str | Path] = (),
    lexicon: str | Path | None = None,
    gate: bool = True,
    workers: int = 1,
    batch_size: int = 64,
    limit: int | None = None,
    progress: Progress | None = None,
    coder: Coder | None = None,
) -> ProcessResult:
    """Code pending documents into events and relations; idempotent per coder version."""
    coder = coder or Coder.load(dictionaries, lexicon=lexicon, gate=gate)
    version = coder.version
    total = store.count_pending(version)
    if limit is not None:
        total = min(total, limit)
    run_id = store.begin_run(
        "process",
        {
            "workers": workers,
            "gate": gate,
            "dictionaries": [str(d) for d in dictionaries],
            "lexicon": str(lexicon) if lexicon else None,
        },
        coder_version=version,
    )
    result = ProcessResult(run_id, 0, 0, 0, 0, 0, version)
    if progress:
        progress(0, total)
    try:
        for coded in _coded_batches(
            store,
            coder,
            version,
            workers,
            batch_size,
            limit,
            [str(d) for d in dictionaries],
            str(lexicon) if lexicon else None,
            gate,
        ):
            save_batch(store, coded, result, progress, total)
    except BaseException:
        store.finish_run(run_id, "failed")
        raise
    store.finish_run(run_id, "ok")
    return result


def save_batch(
    store: Store,
    coded: list[CodedDocument],
    result: ProcessResult,
    progress: Progress | None,
    total: int,
) -> None:
    """Write one coded batch and its ledger counts in one transaction; update ``result``."""
    with store.transaction():
        n_ev, n_rel = store.save_coded(coded, result.coder_version, result.run_id)
        store.add_to_run(result.run_id, stored=len(coded), events=n_ev, relations=n_rel)
    result.documents += len(coded)
    result.events += n_ev
    result.relations += n_rel
    result.sentences += sum(c.sentences for c in coded)
    result.skipped_sentences += sum(c.skipped_sentences for c in coded)
    if progress:
        progress(result.documents, total)


def _coded_batches(
    store: Store,
    coder: Coder,
    version: str,
    workers: int,
    batch_size: int,
    limit: int | None,
    dictionaries: list[str],
    lexicon: str | None,
    gate: bool,
) -> Iterator[list[CodedDocument]]:
    batches = store.pending_documents(version, batch_size=batch_size, limit=limit)
    if workers <= 1:
        for docs in batches:
            # The file is closed while a batch is coded, so that the dashboard and other
            # readers can query between batches (DuckDB admits one writer process).
            with store.released():
                coded = list(coder.code_many(docs))
            yield coded
        return
    workers = min(workers, os.cpu_count() or 1) if workers > 0 else (os.cpu_count() or 1)
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(dictionaries, lexicon, gate)
    ) as pool:
        # Keep a bounded window of batches in flight: memory stays flat on any corpus size.
        pending: list = []
        for docs in batches:
            pending.append(pool.submit(_code_chunk, docs))
            if len(pending) >= workers * 2:
                with store.released():
                    coded = pending.pop(0).result()
                yield coded
        for fut in pending:
            with store.released():
                coded = fut.result()
            yield coded
