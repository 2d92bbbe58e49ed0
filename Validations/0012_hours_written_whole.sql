-- Every executed hour is written whole or not at all (its events, manifest, inputs and
-- projections commit in one transaction), even when the writer was killed mid-window.
-- Returns one row per violation: events without a manifest or the reverse, an event count other
-- than the manifest's output count + HourClosed, events outside first_seq…last_seq, recorded
-- inputs other than the manifest's input count, projection rows without their event, projected
-- events without their rows, and runs whose hours are not contiguous from the run's start.
-- (Scripts/crash-test and CrashAtomicityTests run it after every SIGKILL.)
WITH m AS (
    SELECT run_id, hour_ts_utc, first_seq, last_seq,
           (manifest::jsonb -> 'output_events' ->> 'count')::bigint AS outputs,
           (manifest::jsonb -> 'input_events' ->> 'count')::bigint AS inputs
    FROM hour_manifests),
e AS (
    SELECT run_id, hour_ts_utc, count(*) AS n, min(seq) AS lo, max(seq) AS hi
    FROM events WHERE run_id IS NOT NULL AND hour_ts_utc IS NOT NULL
    GROUP BY run_id, hour_ts_utc),
i AS (SELECT run_id, hour_ts_utc, count(*) AS n FROM hour_inputs GROUP BY run_id, hour_ts_utc),
projected (table_name, event_type, run_id, seq) AS (
    SELECT 'predictions', 'PredictionMade', run_id, seq FROM predictions
    UNION ALL SELECT 'verdicts', 'VerdictRecorded', run_id, seq FROM verdicts
    UNION ALL SELECT 'verdict_rules', 'VerdictRecorded', run_id, seq FROM verdict_rules
    UNION ALL SELECT 'orders', 'OrderPlaced', run_id, seq FROM orders
    UNION ALL SELECT 'fills', 'OrderFilled', run_id, seq FROM fills
    UNION ALL SELECT 'order_cancellations', 'OrderCancelled', run_id, seq FROM order_cancellations
    UNION ALL SELECT 'ledger_lines', 'LedgerPosted', run_id, seq FROM ledger_lines
    UNION ALL SELECT 'exits', 'ExitTriggered', run_id, seq FROM exits)
SELECT coalesce(m.run_id, e.run_id) AS run_id, coalesce(m.hour_ts_utc, e.hour_ts_utc) AS hour_ts_utc,
       CASE WHEN m.hour_ts_utc IS NULL THEN e.n || ' events but no manifest'
            WHEN e.hour_ts_utc IS NULL THEN 'a manifest but no events'
            WHEN e.n <> m.outputs + 1 THEN e.n || ' events, the manifest says ' || m.outputs || ' + HourClosed'
            ELSE 'events ' || e.lo || '..' || e.hi || ', the manifest says ' || m.first_seq || '..' || m.last_seq END AS problem
FROM m FULL JOIN e ON m.run_id = e.run_id AND m.hour_ts_utc = e.hour_ts_utc
WHERE m.hour_ts_utc IS NULL OR e.hour_ts_utc IS NULL OR e.n <> m.outputs + 1
   OR e.lo <> m.first_seq OR e.hi <> m.last_seq OR e.hi - e.lo + 1 <> e.n
UNION ALL
SELECT m.run_id, m.hour_ts_utc, coalesce(i.n, 0) || ' inputs recorded, the manifest says ' || m.inputs
FROM m LEFT JOIN i ON i.run_id = m.run_id AND i.hour_ts_utc = m.hour_ts_utc
WHERE coalesce(i.n, 0) <> m.inputs
UNION ALL
SELECT p.run_id, NULL, p.table_name || ' row of seq ' || p.seq || ' has no ' || p.event_type || ' event in its run'
FROM projected p
WHERE NOT EXISTS (SELECT 1 FROM events ev WHERE ev.seq = p.seq AND ev.run_id = p.run_id AND ev.event_type = p.event_type)
UNION ALL
SELECT ev.run_id, ev.hour_ts_utc, ev.event_type || ' event ' || ev.seq || ' has no projection row'
FROM events ev
WHERE ev.run_id IS NOT NULL
  AND ev.event_type IN ('PredictionMade', 'VerdictRecorded', 'OrderPlaced', 'OrderFilled', 'OrderCancelled', 'LedgerPosted', 'ExitTriggered')
  AND NOT EXISTS (SELECT 1 FROM projected p WHERE p.seq = ev.seq)
UNION ALL
SELECT m.run_id, min(m.hour_ts_utc), count(*) || ' hours up to ' || max(m.hour_ts_utc) || ' are not contiguous from the run start ' || r.start_hour_ts_utc
FROM m JOIN runs r ON r.run_id = m.run_id
GROUP BY m.run_id, r.start_hour_ts_utc
HAVING max(m.hour_ts_utc) - min(m.hour_ts_utc) <> (count(*) - 1) * interval '1 hour' OR min(m.hour_ts_utc) <> r.start_hour_ts_utc;
