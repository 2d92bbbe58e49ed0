-- Double entry: every posting's debits equal its credits, exactly.
SELECT run_id, posting_id, sum(CASE side WHEN 'DEBIT' THEN amount ELSE -amount END) AS imbalance
FROM ledger_lines GROUP BY run_id, posting_id
HAVING sum(CASE side WHEN 'DEBIT' THEN amount ELSE -amount END) <> 0;
