-- Every stream's versions run 1, 2, 3 … with no gap or repeat.
SELECT stream, count(*) AS events, max(stream_version) AS last_version
FROM events GROUP BY stream
HAVING count(*) <> max(stream_version) OR min(stream_version) <> 1;
