-- Takes the next job for a worker and starts its lease.
-- ARGV[1] worker id, ARGV[2] lease token, ARGV[3] lease ms
-- Returns {1, id, spec, attempt} or {0, the next scheduled run time or -1, now} (Unix ms).
return take(ARGV[1], ARGV[2], tonumber(ARGV[3]))
