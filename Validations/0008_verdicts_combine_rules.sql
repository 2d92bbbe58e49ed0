-- A verdict is BLOCK if any rule blocked, else MODIFY if any rule reduced the size, else APPROVE.
SELECT v.run_id, v.seq, v.decision, r.blocks, r.modifies
FROM verdicts v
JOIN (SELECT seq, count(*) FILTER (WHERE outcome = 'BLOCK') AS blocks,
             count(*) FILTER (WHERE outcome = 'MODIFY' AND modified_quantity < (SELECT requested_quantity FROM verdicts x WHERE x.seq = vr.seq)) AS modifies
      FROM verdict_rules vr GROUP BY seq) r ON r.seq = v.seq
WHERE (r.blocks > 0 AND v.decision <> 'BLOCK')
   OR (r.blocks = 0 AND r.modifies > 0 AND v.decision NOT IN ('MODIFY', 'BLOCK'))
   OR (r.blocks = 0 AND r.modifies = 0 AND v.decision <> 'APPROVE')
UNION ALL
SELECT v.run_id, v.seq, v.decision, NULL, NULL
FROM verdicts v WHERE NOT EXISTS (SELECT 1 FROM verdict_rules r WHERE r.seq = v.seq);
