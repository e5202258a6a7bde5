-- Renews the leases of a worker's running jobs.
-- ARGV[1] lease ms, then pairs of job id and token.
-- Returns one code per job: 1 renewed, 2 renewed but a stop was asked, 0 lost (the lease lapsed
-- and the job went back to the queue, or it ended).
local lease = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local st = get_state(id)
  if holds(st, token) then
    redis.call('ZADD', K_ACTIVE, 'XX', NOW + lease, id)
    table.insert(out, st.stop and 2 or 1)
  else
    table.insert(out, 0)
  end
end
return out
