-- Long only: the running position of every symbol, from its fills, never goes below zero, and
-- every fill's recorded position_after equals that running sum.
SELECT run_id, symbol, order_id, running, position_after
FROM (SELECT run_id, symbol, order_id, position_after,
             sum(CASE side WHEN 'BUY' THEN quantity ELSE -quantity END)
                 OVER (PARTITION BY run_id, symbol ORDER BY seq) AS running
      FROM fills) f
WHERE running < 0 OR running <> position_after;
