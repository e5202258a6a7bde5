-- Enqueues jobs, each atomically and in order (a job may depend on one before it in the same call).
-- ARGV: six per job: id, spec JSON, state JSON (priority, runAt, ttls, allowFailure...),
-- JSON list of dependency ids, memo key or '', '1' if the caller chose the id (else it is a fresh
-- random one and cannot exist yet).
-- Returns one reply per job: {0, id, status} enqueued, {1, existing id, its status} already there
-- (the same id, or a memoized job for the same key that did not fail), {2, dependency id} unknown
-- dependency (that job is not enqueued; the others are).
local function enqueue_one(id, spec, state_json, deps_json, memo, given)
  if memo ~= '' then
    local existing = redis.call('HGET', K_CACHE, memo)
    if existing then
      local st = get_state(existing)
      if st and st.status ~= 'failed' and st.status ~= 'canceled' and st.status ~= 'stopped' then
        return {1, existing, st.status}
      end
    end
  end
  if given == '1' then
    local existing = get_state(id)
    if existing then return {1, id, existing.status} end
  end

  local st = cjson.decode(state_json)
  if st.delayMs then
    st.runAt = NOW + st.delayMs
    st.delayMs = nil
  end
  st.attempts = 0
  st.enqueued = NOW
  local deps = cjson.decode(deps_json)
  local waiting, failed = 0, nil
  for _, d in ipairs(deps) do
    local ds = get_state(d)
    if not ds then return {2, d} end
    if ds.status == 'finished' then
      -- nothing to wait for
    elseif ds.status == 'failed' or ds.status == 'canceled' or ds.status == 'stopped' then
      if not st.allowFailure then failed = d end
    else
      waiting = waiting + 1
    end
  end

  redis.call('HSET', K_SPEC, id, spec)
  if memo ~= '' then redis.call('HSET', K_CACHE, memo, id) end
  if failed then
    st.error = 'canceled: dependency ' .. failed .. ' did not finish'
    retire(id, st, 'canceled', st.failureTtl)
  elseif waiting > 0 then
    st.status = 'deferred'
    redis.call('HSET', K_PENDING, id, waiting)
    for _, d in ipairs(deps) do
      local ds = get_state(d)
      if ds.status ~= 'finished' and ds.status ~= 'failed' and ds.status ~= 'canceled'
          and ds.status ~= 'stopped' then
        local list = cjson.decode(redis.call('HGET', K_DEPENDENTS, d) or '[]')
        table.insert(list, id)
        redis.call('HSET', K_DEPENDENTS, d, cjson.encode(list))
      end
    end
  else
    queue_or_schedule(id, st)
  end
  put_state(id, st)
  event(st.status, id)
  return {0, id, st.status}
end

local replies = {}
defer_wakes = true
for i = 1, #ARGV, 6 do
  replies[#replies + 1] =
    enqueue_one(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
end
flush_wakes()
return replies
