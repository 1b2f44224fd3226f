"""Orchestration shared by every face (CLI, web, Python API): ingest, process, import.

Each module runs one kind of run: it opens a ledger entry, moves data in transactional
batches with a progress callback, and closes the ledger with counts.
"""
