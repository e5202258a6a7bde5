-- Ends attempts, each fenced by its lease token, then optionally takes the next jobs: one round trip
-- per batch of jobs for a worker that runs short jobs.
-- ARGV[1] n, the number of attempts to end; then five per attempt: id, token, outcome (finished |
-- failed | retry | stopped | release), result JSON (finished) or error text, retry delay in ms
-- (retry); then the worker id or '' (take nothing), how many jobs to take at most, the lease token
-- prefix (the i-th job taken gets prefix .. ':' .. i), the lease in ms.
-- 'release' hands back a job the worker took but did not start: queued again at the front of its
-- priority, the attempt not counted.
-- Returns one code per attempt (1 ended, 0 the token no longer holds the job: nothing changed),
-- then the take replies one after another (see take in lib.lua), up to the count or the first
-- {0, next run time, now}.
local function end_attempt(id, token, outcome, payload, delay)
  local st = get_state(id)
  if not holds(st, token) then return 0 end
  if outcome == 'finished' then
    redis.call('HSET', K_RESULT, id, payload)
    st.error = nil
    retire(id, st, 'finished', st.resultTtl)
    event('finished', id)
    resolve_dependents(id, true)
  elseif outcome == 'retry' then
    st.error = payload
    st.token = nil
    st.runAt = NOW + tonumber(delay)
    redis.call('ZREM', K_ACTIVE, id)
    queue_or_schedule(id, st)
    event('retrying', id, payload)
  elseif outcome == 'release' then
    st.attempts = st.attempts - 1
    st.token = nil
    st.status = 'queued'
    redis.call('ZREM', K_ACTIVE, id)
    redis.call('ZADD', K_READY, (1000 - st.priority) * 1e12, id)
    wake()
    event('released', id, st.worker)
  else
    st.error = payload
    retire(id, st, outcome, st.failureTtl)
    event(outcome, id, payload)
    resolve_dependents(id, false)
  end
  put_state(id, st)
  return 1
end

local n = tonumber(ARGV[1])
local reply = {}
for i = 0, n - 1 do
  local a = 2 + 5 * i
  reply[#reply + 1] = end_attempt(ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4])
end
local w = 2 + 5 * n
if ARGV[w] ~= '' then
  local count, prefix, lease = tonumber(ARGV[w + 1]), ARGV[w + 2], tonumber(ARGV[w + 3])
  for i = 1, count do
    local taken = take(ARGV[w], prefix .. ':' .. i, lease)
    for _, v in ipairs(taken) do reply[#reply + 1] = v end
    if taken[1] == 0 then break end
  end
end
return reply
