-- Every append-only table still has its UPDATE, DELETE and TRUNCATE triggers, enabled.
SELECT t.tablename, k.kind
FROM pg_tables t CROSS JOIN (VALUES ('update'), ('delete'), ('truncate')) k(kind)
WHERE t.schemaname = 'public' AND t.tablename IN ('events', 'bars', 'blobs', 'runs', 'hour_manifests', 'hour_inputs', 'predictions',
      'verdicts', 'verdict_rules', 'orders', 'fills', 'order_cancellations', 'ledger_lines', 'exits', 'kill_switch_events')
  AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                  WHERE c.relname = t.tablename AND g.tgname = t.tablename || '_reject_' || k.kind AND g.tgenabled = 'O');
