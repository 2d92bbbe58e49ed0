-- Runs and the per-hour bookkeeping of the hourly cycle. All append-only; derived from events
-- except hour_inputs (which input events an hour consumed, so replay reads exactly those).
CREATE TABLE runs (
    run_id            uuid        PRIMARY KEY,
    account_id        text        NOT NULL,
    run_mode          text        NOT NULL CHECK (run_mode IN ('BACKTEST', 'PAPER', 'LIVE')),
    start_hour_ts_utc timestamptz NOT NULL,
    engine_version    text        NOT NULL,
    config_sha256     text        NOT NULL,
    model_set_sha256  text        NOT NULL,
    seq               bigint      NOT NULL UNIQUE
);

-- One row per executed hour: the manifest (canonical JSON text, byte for byte what
-- replay-manifest prints), the state hash chain and, when one was taken, the LZ4 snapshot of the
-- state after the hour (snapshot_sha256 is NULL for hours between snapshots; see docs/DESIGN-NOTES.md).
CREATE TABLE hour_manifests (
    run_id             uuid        NOT NULL REFERENCES runs (run_id),
    hour_ts_utc        timestamptz NOT NULL,
    account_id         text        NOT NULL,
    prev_state_sha256  text        NOT NULL,
    state_sha256       text        NOT NULL,
    snapshot_sha256    bytea       REFERENCES blobs (sha256),
    equity             numeric     NOT NULL,
    cash               numeric     NOT NULL CHECK (cash >= 0),
    open_positions     integer     NOT NULL CHECK (open_positions >= 0),
    first_seq          bigint      NOT NULL,
    last_seq           bigint      NOT NULL,
    manifest           text        NOT NULL,
    PRIMARY KEY (run_id, hour_ts_utc)
);

-- The input events (bars, operator releases) each hour consumed, in the order the reducer saw them.
CREATE TABLE hour_inputs (
    run_id       uuid        NOT NULL,
    hour_ts_utc  timestamptz NOT NULL,
    position     integer     NOT NULL CHECK (position >= 0),
    seq          bigint      NOT NULL REFERENCES events (seq),
    PRIMARY KEY (run_id, hour_ts_utc, position),
    FOREIGN KEY (run_id, hour_ts_utc) REFERENCES hour_manifests (run_id, hour_ts_utc) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX hour_inputs_seq_idx ON hour_inputs (seq);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['runs', 'hour_manifests', 'hour_inputs'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_reject_update BEFORE UPDATE ON %1$I FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change()', t);
        EXECUTE format('CREATE TRIGGER %1$s_reject_delete BEFORE DELETE ON %1$I FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change()', t);
        EXECUTE format('CREATE TRIGGER %1$s_reject_truncate BEFORE TRUNCATE ON %1$I FOR EACH STATEMENT EXECUTE FUNCTION hourglass_reject_change()', t);
        EXECUTE format('ALTER TABLE %I OWNER TO hourglass_owner', t);
        EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
        EXECUTE format('GRANT SELECT, INSERT ON %I TO hourglass_writer', t);
        EXECUTE format('GRANT SELECT ON %I TO hourglass_auditor', t);
    END LOOP;
END
$$;
