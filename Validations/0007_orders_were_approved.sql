-- Every order placed was approved (APPROVE or MODIFY) for at least its quantity, in the hour it
-- was decided, and fills at the next hour's open, never earlier.
SELECT o.run_id, o.order_id, o.symbol, o.side, o.quantity
FROM orders o
LEFT JOIN (SELECT run_id, hour_ts_utc, symbol, side, sum(approved_quantity) AS approved
           FROM verdicts WHERE decision <> 'BLOCK' GROUP BY 1, 2, 3, 4) v
  ON v.run_id = o.run_id AND v.hour_ts_utc = o.decided_hour AND v.symbol = o.symbol AND v.side = o.side
WHERE v.approved IS NULL OR o.quantity > v.approved OR o.fills_at_hour <> o.decided_hour + interval '1 hour'
UNION ALL
SELECT f.run_id, f.order_id, f.symbol, f.side, f.quantity
FROM fills f LEFT JOIN orders o ON o.run_id = f.run_id AND o.order_id = f.order_id
WHERE o.order_id IS NULL OR f.fill_hour <> o.fills_at_hour OR f.quantity > o.quantity;
