-- No approved entry breaks the exposure limits it was judged by: for every non-blocked buy, the
-- total_exposure and position_size_cap rules measured a value within their threshold after any
-- modification (a MODIFY outcome records the reduced size that fits).
SELECT v.run_id, v.seq, r.rule_id, r.measured, r.threshold, r.outcome
FROM verdicts v JOIN verdict_rules r ON r.seq = v.seq
WHERE v.decision <> 'BLOCK' AND v.side = 'BUY' AND NOT v.is_exit
  AND r.rule_id IN ('total_exposure', 'position_size_cap')
  AND r.outcome = 'PASS' AND r.measured ~ '^-?[0-9.]+$' AND r.threshold ~ '^-?[0-9.]+$'
  AND r.measured::numeric > r.threshold::numeric;
