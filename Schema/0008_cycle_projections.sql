-- Queryable projections of the hourly cycle's events. Derived data: `hourglass audit` rebuilds
-- them from the events and requires the rebuild to equal what is stored. Each row names the
-- event (seq) it comes from.
CREATE TABLE predictions (
    run_id        uuid        NOT NULL,
    hour_ts_utc   timestamptz NOT NULL,
    symbol        text        NOT NULL,
    model_id      text        NOT NULL,
    regime        text        NOT NULL,
    score         float8      NOT NULL,
    expected_edge float8      NOT NULL,
    confidence    float8      NOT NULL,
    action        text        NOT NULL,
    sizing        text        NOT NULL,
    seq           bigint      PRIMARY KEY
);
CREATE INDEX predictions_run_hour_idx ON predictions (run_id, hour_ts_utc);

CREATE TABLE verdicts (
    run_id             uuid        NOT NULL,
    hour_ts_utc        timestamptz NOT NULL,
    symbol             text        NOT NULL,
    side               text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    is_exit            boolean     NOT NULL,
    requested_quantity numeric     NOT NULL CHECK (requested_quantity >= 0),
    approved_quantity  numeric     NOT NULL CHECK (approved_quantity >= 0 AND approved_quantity <= requested_quantity),
    reference_price    numeric     NOT NULL,
    decision           text        NOT NULL CHECK (decision IN ('APPROVE', 'MODIFY', 'BLOCK')),
    order_reason       text        NOT NULL,
    seq                bigint      PRIMARY KEY
);
CREATE INDEX verdicts_run_hour_idx ON verdicts (run_id, hour_ts_utc);

-- Every rule's judgement of every proposed order.
CREATE TABLE verdict_rules (
    run_id            uuid    NOT NULL,
    seq               bigint  NOT NULL REFERENCES verdicts (seq) DEFERRABLE INITIALLY DEFERRED,
    position          integer NOT NULL CHECK (position >= 0),
    rule_id           text    NOT NULL,
    measured          text    NOT NULL,
    threshold         text    NOT NULL,
    outcome           text    NOT NULL CHECK (outcome IN ('PASS', 'MODIFY', 'BLOCK')),
    modified_quantity numeric,
    reason            text    NOT NULL,
    PRIMARY KEY (seq, position)
);
CREATE INDEX verdict_rules_run_rule_idx ON verdict_rules (run_id, rule_id);

CREATE TABLE orders (
    run_id          uuid        NOT NULL,
    order_id        bigint      NOT NULL,
    symbol          text        NOT NULL,
    side            text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity        numeric     NOT NULL CHECK (quantity > 0),
    decided_hour    timestamptz NOT NULL,
    fills_at_hour   timestamptz NOT NULL CHECK (fills_at_hour > decided_hour),
    reference_price numeric     NOT NULL,
    is_exit         boolean     NOT NULL,
    reason          text        NOT NULL,
    seq             bigint      NOT NULL UNIQUE,
    PRIMARY KEY (run_id, order_id)
);

CREATE TABLE fills (
    run_id            uuid        NOT NULL,
    order_id          bigint      NOT NULL,
    symbol            text        NOT NULL,
    side              text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    decided_hour      timestamptz NOT NULL,
    fill_hour         timestamptz NOT NULL CHECK (fill_hour > decided_hour),
    quantity          numeric     NOT NULL CHECK (quantity > 0),
    open_price        numeric     NOT NULL,
    fill_price        numeric     NOT NULL,
    notional          numeric     NOT NULL,
    fee               numeric     NOT NULL CHECK (fee >= 0),
    cash_after        numeric     NOT NULL CHECK (cash_after >= 0),
    position_after    numeric     NOT NULL CHECK (position_after >= 0),
    seq               bigint      NOT NULL UNIQUE,
    PRIMARY KEY (run_id, order_id)
);

CREATE TABLE order_cancellations (
    run_id       uuid        NOT NULL,
    order_id     bigint      NOT NULL,
    symbol       text        NOT NULL,
    hour_ts_utc  timestamptz NOT NULL,
    quantity     numeric     NOT NULL,
    reason       text        NOT NULL,
    seq          bigint      NOT NULL UNIQUE,
    PRIMARY KEY (run_id, order_id)
);

CREATE TABLE ledger_lines (
    run_id       uuid        NOT NULL,
    posting_id   bigint      NOT NULL,
    hour_ts_utc  timestamptz NOT NULL,
    kind         text        NOT NULL,
    order_id     bigint,
    position     integer     NOT NULL CHECK (position >= 0),
    account      text        NOT NULL,
    side         text        NOT NULL CHECK (side IN ('DEBIT', 'CREDIT')),
    amount       numeric     NOT NULL CHECK (amount > 0),
    seq          bigint      NOT NULL,
    PRIMARY KEY (run_id, posting_id, position)
);

CREATE TABLE exits (
    run_id       uuid        NOT NULL,
    hour_ts_utc  timestamptz NOT NULL,
    symbol       text        NOT NULL,
    reason       text        NOT NULL,
    close_price  numeric     NOT NULL,
    quantity     numeric     NOT NULL,
    seq          bigint      PRIMARY KEY
);

CREATE TABLE kill_switch_events (
    run_id       uuid,
    account_id   text        NOT NULL,
    hour_ts_utc  timestamptz,
    kind         text        NOT NULL CHECK (kind IN ('TRIPPED', 'RELEASED')),
    reason       text        NOT NULL,
    detail       text        NOT NULL,
    seq          bigint      PRIMARY KEY
);

-- Positions at the close of the latest hour of each run: the last fill per symbol.
CREATE VIEW positions AS
SELECT DISTINCT ON (run_id, symbol) run_id, symbol, position_after AS quantity, fill_hour AS since_hour, seq
FROM fills ORDER BY run_id, symbol, seq DESC;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['predictions', 'verdicts', 'verdict_rules', 'orders', 'fills', 'order_cancellations',
                             'ledger_lines', 'exits', 'kill_switch_events'] LOOP
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
ALTER VIEW positions OWNER TO hourglass_owner;
GRANT SELECT ON positions TO hourglass_writer, hourglass_auditor;
