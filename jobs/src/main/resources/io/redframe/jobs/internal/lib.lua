-- Shared by every job script (prepended to each). All keys of one queue share its hash tag and
-- are passed in KEYS in this order:
-- KEYS[1] spec (hash id -> immutable JSON), KEYS[2] state (hash id -> JSON), KEYS[3] result
-- (hash id -> JSON), KEYS[4] ready (zset by priority then order), KEYS[5] scheduled (zset by run
-- time), KEYS[6] active (zset by lease expiry), KEYS[7] done (zset by removal time), KEYS[8]
-- pending (hash id -> unfinished dependencies), KEYS[9] dependents (hash id -> JSON list),
-- KEYS[10] seq (counter), KEYS[11] events (stream), KEYS[12] marker (list that wakes workers),
-- KEYS[13] cache (hash memo key -> id), KEYS[14] schedules (hash name -> JSON), KEYS[15] due
-- (zset schedule name by next run time), KEYS[16] triggers (hash name -> JSON)
local K_SPEC, K_STATE, K_RESULT, K_READY, K_SCHEDULED, K_ACTIVE, K_DONE, K_PENDING,
  K_DEPENDENTS, K_SEQ, K_EVENTS, K_MARKER, K_CACHE, K_SCHEDULES, K_DUE, K_TRIGGERS =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10],
  KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15], KEYS[16]

local EVENTS_KEPT = 10000
local t = redis.call('TIME')
local NOW = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local function get_state(id)
  local raw = redis.call('HGET', K_STATE, id)
  if not raw then return nil end
  return cjson.decode(raw)
end

local function put_state(id, st)
  redis.call('HSET', K_STATE, id, cjson.encode(st))
end

local function event(kind, id, extra)
  if extra then
    redis.call('XADD', K_EVENTS, 'MAXLEN', '~', EVENTS_KEPT, '*', 'event', kind, 'job', id,
      'detail', extra)
  else
    redis.call('XADD', K_EVENTS, 'MAXLEN', '~', EVENTS_KEPT, '*', 'event', kind, 'job', id)
  end
end

-- Wakes a worker blocked on the marker list. A script that makes many jobs ready (enqueue of a
-- batch) sets defer_wakes and pushes them at its end with flush_wakes: one LPUSH of up to 64
-- markers instead of a push and a trim per job.
local defer_wakes, pending_wakes = false, 0

local function wake()
  if defer_wakes then
    pending_wakes = pending_wakes + 1
    return
  end
  redis.call('LPUSH', K_MARKER, '1')
  redis.call('LTRIM', K_MARKER, 0, 63)
end

local function flush_wakes()
  local n = math.min(pending_wakes, 64)
  if n > 0 then
    local markers = {}
    for i = 1, n do markers[i] = '1' end
    redis.call('LPUSH', K_MARKER, unpack(markers))
    redis.call('LTRIM', K_MARKER, 0, 63)
  end
  defer_wakes, pending_wakes = false, 0
end

-- Higher priority first, then first in, first out.
local function make_ready(id, st)
  local order = redis.call('INCR', K_SEQ)
  st.status = 'queued'
  redis.call('ZADD', K_READY, (1000 - st.priority) * 1e12 + order, id)
  wake()
end

local function queue_or_schedule(id, st)
  if st.runAt and st.runAt > NOW then
    st.status = 'scheduled'
    redis.call('ZADD', K_SCHEDULED, st.runAt, id)
  else
    make_ready(id, st)
  end
end

-- An ended job stays readable until its TTL, then retention removes it.
local function retire(id, st, status, ttl)
  st.status = status
  st.ended = NOW
  st.token = nil
  redis.call('ZREM', K_ACTIVE, id)
  redis.call('ZADD', K_DONE, NOW + ttl, id)
end

-- After `id` ended: dependents waiting for it go on (ok, or allowed to fail), or are canceled,
-- and theirs in turn.
local function resolve_dependents(id, ok)
  local todo = {{id, ok}}
  while #todo > 0 do
    local item = table.remove(todo)
    local raw = redis.call('HGET', K_DEPENDENTS, item[1])
    if raw then
      redis.call('HDEL', K_DEPENDENTS, item[1])
      for _, d in ipairs(cjson.decode(raw)) do
        local st = get_state(d)
        if st and st.status == 'deferred' then
          if item[2] or st.allowFailure then
            if redis.call('HINCRBY', K_PENDING, d, -1) <= 0 then
              redis.call('HDEL', K_PENDING, d)
              queue_or_schedule(d, st)
              event(st.status, d)
            end
          else
            redis.call('HDEL', K_PENDING, d)
            st.error = 'canceled: dependency ' .. item[1] .. ' did not finish'
            retire(d, st, 'canceled', st.failureTtl)
            event('canceled', d, st.error)
            table.insert(todo, {d, false})
          end
          put_state(d, st)
        end
      end
    end
  end
end

-- Moves due scheduled jobs (delayed, or retries waiting out their backoff) to ready. Once per
-- script call: NOW does not change within it, and nothing it schedules is due before NOW.
local promoted = false
local function promote()
  if promoted then return end
  promoted = true
  local due = redis.call('ZRANGEBYSCORE', K_SCHEDULED, '-inf', NOW, 'LIMIT', 0, 1000)
  for _, id in ipairs(due) do
    redis.call('ZREM', K_SCHEDULED, id)
    local st = get_state(id)
    if st and st.status == 'scheduled' then
      make_ready(id, st)
      put_state(id, st)
      event('queued', id)
    end
  end
end

-- Takes the next ready job for a worker; returns {1, id, spec, attempt} or {0, the next
-- scheduled run time or -1, now}, times in Unix ms.
local function take(worker, token, lease)
  promote()
  while true do
    local popped = redis.call('ZPOPMIN', K_READY)
    if #popped == 0 then
      local next = redis.call('ZRANGE', K_SCHEDULED, 0, 0, 'WITHSCORES')
      return {0, #next > 0 and tonumber(next[2]) or -1, NOW}
    end
    local id = popped[1]
    local st = get_state(id)
    if st and st.status == 'queued' then
      st.status = 'started'
      st.attempts = st.attempts + 1
      st.started = NOW
      st.worker = worker
      st.token = token
      st.stop = nil
      put_state(id, st)
      redis.call('ZADD', K_ACTIVE, NOW + lease, id)
      event('started', id, worker)
      return {1, id, redis.call('HGET', K_SPEC, id), st.attempts}
    end
  end
end

-- Whether `token` still holds the lease of job `id`.
local function holds(st, token)
  return st and st.status == 'started' and st.token == token
end
