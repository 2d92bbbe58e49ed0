-- The event log's seq is dense: every seq from 1 to max is present (appends are serialised).
-- Returns the seqs after which a gap starts.
SELECT seq AS gap_after_seq, next_seq
FROM (SELECT seq, lead(seq) OVER (ORDER BY seq) AS next_seq FROM events) s
WHERE next_seq IS NOT NULL AND next_seq <> seq + 1
UNION ALL
SELECT 0, min(seq) FROM events HAVING min(seq) <> 1;
