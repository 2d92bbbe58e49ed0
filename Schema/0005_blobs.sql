-- Content-addressed large blobs (state snapshots, model artifacts, archived hour segments),
-- LZ4-compressed when that pays. sha256 is of the uncompressed bytes.
CREATE TABLE blobs (
    sha256        bytea       PRIMARY KEY CHECK (length(sha256) = 32),
    kind          text        NOT NULL,
    codec         smallint    NOT NULL CHECK (codec IN (0, 1)),
    raw_length    integer     NOT NULL CHECK (raw_length >= 0),
    data          bytea       NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TRIGGER blobs_reject_update BEFORE UPDATE ON blobs
    FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change();
CREATE TRIGGER blobs_reject_delete BEFORE DELETE ON blobs
    FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change();
CREATE TRIGGER blobs_reject_truncate BEFORE TRUNCATE ON blobs
    FOR EACH STATEMENT EXECUTE FUNCTION hourglass_reject_change();
