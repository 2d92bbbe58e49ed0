-- Projection of BarRecorded events: one row per (exchange, symbol, interval, bar start).
-- Derived data: rebuilt from events and compared by `hourglass audit`.
CREATE TABLE bars (
    exchange         text        NOT NULL,
    symbol           text        NOT NULL,
    interval_seconds integer     NOT NULL CHECK (interval_seconds > 0),
    ts_utc           timestamptz NOT NULL,
    open             numeric     NOT NULL CHECK (open > 0),
    high             numeric     NOT NULL CHECK (high > 0),
    low              numeric     NOT NULL CHECK (low > 0),
    close            numeric     NOT NULL CHECK (close > 0),
    volume           numeric     NOT NULL CHECK (volume >= 0),
    seq              bigint      NOT NULL UNIQUE,
    PRIMARY KEY (exchange, symbol, interval_seconds, ts_utc),
    CHECK (low <= least(open, close) AND high >= greatest(open, close))
);

CREATE TRIGGER bars_reject_update BEFORE UPDATE ON bars
    FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change();
CREATE TRIGGER bars_reject_delete BEFORE DELETE ON bars
    FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change();
CREATE TRIGGER bars_reject_truncate BEFORE TRUNCATE ON bars
    FOR EACH STATEMENT EXECUTE FUNCTION hourglass_reject_change();
