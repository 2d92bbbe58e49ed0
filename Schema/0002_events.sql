-- The event log: append-only, globally ordered by seq, hash-chained.
-- chain_sha256 = SHA-256(previous chain_sha256 || canonical header || payload_sha256); the header
-- covers seq, stream, stream_version, run_id, account_id, hour_ts_utc and event_type.
-- recorded_at is wall-clock time for operators and never enters a hash.
CREATE TABLE events (
    seq             bigint      PRIMARY KEY CHECK (seq > 0),
    stream          text        NOT NULL CHECK (stream <> ''),
    stream_version  bigint      NOT NULL CHECK (stream_version > 0),
    run_id          uuid,
    account_id      text,
    hour_ts_utc     timestamptz,
    event_type      text        NOT NULL,
    codec           smallint    NOT NULL CHECK (codec IN (0, 1)),
    payload         bytea       NOT NULL,
    payload_sha256  bytea       NOT NULL CHECK (length(payload_sha256) = 32),
    chain_sha256    bytea       NOT NULL CHECK (length(chain_sha256) = 32),
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT events_stream_version_unique UNIQUE (stream, stream_version)
);

CREATE INDEX events_run_hour_idx ON events (run_id, hour_ts_utc) WHERE run_id IS NOT NULL;

COMMENT ON TABLE events IS 'Append-only event log; UPDATE, DELETE and TRUNCATE are rejected by triggers.';
COMMENT ON COLUMN events.codec IS '0 = raw canonical bytes, 1 = LZ4 block of the canonical bytes (payload_sha256 is of the raw bytes)';
