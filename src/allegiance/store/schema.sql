-- allegiance store, the current schema (version: allegiance.store.migrations.SCHEMA_VERSION).
-- Changes go into migrations.py as a new step too, so that older files are upgraded.
-- One DuckDB file.  Actors are flattened into columns so that analysis is plain SQL;
-- allegiance.store.records turns rows back into contract records.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Every ingest, process and import is a run; the ledger says what each did.
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,              -- ingest | process | import
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,            -- running | ok | failed | interrupted (killed; marked by a later run)
    coder_version VARCHAR,
    params VARCHAR,                     -- JSON
    stored BIGINT DEFAULT 0,
    duplicates BIGINT DEFAULT 0,
    rejected BIGINT DEFAULT 0,
    events BIGINT DEFAULT 0,
    relations BIGINT DEFAULT 0,
    owner VARCHAR                       -- the process running it (schema version 2)
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title VARCHAR,
    date DATE,
    url VARCHAR,
    source VARCHAR,
    path VARCHAR,
    text VARCHAR NOT NULL,
    n_chars BIGINT,
    cluster_id VARCHAR,                 -- near-duplicate wire copies share a cluster (its first doc_id)
    meta VARCHAR,                       -- JSON
    run_id VARCHAR
);

-- Inputs that were not stored, with the reason: nothing is lost silently.
CREATE TABLE IF NOT EXISTS rejects (
    run_id VARCHAR,
    input VARCHAR,
    line BIGINT,
    reason VARCHAR,
    kind VARCHAR                        -- rejected | duplicate
);

-- Which document was coded by which coder version (process is idempotent on this).
CREATE TABLE IF NOT EXISTS processed (
    doc_id VARCHAR,
    coder_version VARCHAR,
    run_id VARCHAR,
    sentences INTEGER,
    skipped_sentences INTEGER,
    PRIMARY KEY (doc_id, coder_version)
);

-- Coded events (layer 'events') and imported event data (layer = import kind).
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    layer VARCHAR NOT NULL,
    doc_id VARCHAR,
    sentence INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    sentence_text VARCHAR,
    trigger VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    source_name VARCHAR,
    source_text VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    target_name VARCHAR,
    target_text VARCHAR,
    cameo VARCHAR,
    cameo_root VARCHAR,
    plover VARCHAR,
    plover_mode VARCHAR,
    goldstein DOUBLE,
    quad_class TINYINT,
    modality VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    date_basis VARCHAR,
    confidence DOUBLE,
    coder_version VARCHAR,
    run_id VARCHAR,
    native_id VARCHAR,                  -- the id in the imported dataset
    num_sources INTEGER DEFAULT 1,
    is_root BOOLEAN,
    url VARCHAR
);

CREATE TABLE IF NOT EXISTS relations (
    relation_id VARCHAR PRIMARY KEY,
    layer VARCHAR NOT NULL,
    doc_id VARCHAR,
    sentence INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    sentence_text VARCHAR,
    trigger VARCHAR,
    a_code VARCHAR,
    a_country VARCHAR,
    a_sector VARCHAR,
    a_name VARCHAR,
    a_text VARCHAR,
    b_code VARCHAR,
    b_country VARCHAR,
    b_sector VARCHAR,
    b_name VARCHAR,
    b_text VARCHAR,
    stance VARCHAR,
    polarity DOUBLE,
    trend VARCHAR,
    modality VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    date_basis VARCHAR,
    confidence DOUBLE,
    coder_version VARCHAR,
    run_id VARCHAR
);

-- Structured relation layers (signed-edges, atop, cow-alliance, cow-mid, unga-votes):
-- one signed or valued tie between two states over a date span, value in [-1, 1].
CREATE TABLE IF NOT EXISTS ties (
    layer VARCHAR NOT NULL,
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    value DOUBLE NOT NULL,
    weight DOUBLE DEFAULT 1.0,
    ref VARCHAR,                        -- where it came from (file:line, dispute number, ...)
    run_id VARCHAR
);

-- Raw UN General Assembly roll-call votes; agreement ties are derived from it in SQL.
CREATE TABLE IF NOT EXISTS unga_votes (
    rcid BIGINT,
    session INTEGER,
    year INTEGER,
    ccode INTEGER,
    country VARCHAR,
    vote TINYINT,
    run_id VARCHAR
);
