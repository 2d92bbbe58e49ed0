-- The bars projection has exactly one row per BarRecorded event, pointing at it.
SELECT 'bars without event' AS problem, b.seq FROM bars b LEFT JOIN events e ON e.seq = b.seq AND e.event_type = 'BarRecorded' WHERE e.seq IS NULL
UNION ALL
SELECT 'event without bar', e.seq FROM events e LEFT JOIN bars b ON b.seq = e.seq WHERE e.event_type = 'BarRecorded' AND b.seq IS NULL;
