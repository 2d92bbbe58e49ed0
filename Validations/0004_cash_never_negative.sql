-- Cash never goes negative: neither after any posting (running balance of the cash account)
-- nor in any fill or hour manifest.
SELECT run_id, posting_id, cash
FROM (SELECT run_id, posting_id,
             sum(CASE side WHEN 'DEBIT' THEN amount ELSE -amount END)
                 OVER (PARTITION BY run_id ORDER BY posting_id, position) AS cash
      FROM ledger_lines WHERE account = 'cash') c
WHERE cash < 0
UNION ALL
SELECT run_id, order_id, cash_after FROM fills WHERE cash_after < 0
UNION ALL
SELECT run_id, NULL, cash FROM hour_manifests WHERE cash < 0;
