-- Each hour starts from the state the previous hour ended with.
SELECT run_id, hour_ts_utc, prev_state_sha256, previous_state
FROM (SELECT run_id, hour_ts_utc, prev_state_sha256,
             lag(state_sha256) OVER (PARTITION BY run_id ORDER BY hour_ts_utc) AS previous_state,
             lag(hour_ts_utc) OVER (PARTITION BY run_id ORDER BY hour_ts_utc) AS previous_hour
      FROM hour_manifests) m
WHERE previous_state IS NOT NULL
  AND (prev_state_sha256 <> previous_state OR hour_ts_utc <> previous_hour + interval '1 hour');
