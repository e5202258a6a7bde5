-- Maintenance, run by every worker now and then: jobs whose lease lapsed go back to the queue (or
-- fail once they have stalled too often: a job that keeps killing its workers), ended jobs past
-- their TTL or beyond the retention cap are removed.
-- ARGV[1] most stalls before a job fails, ARGV[2] ended jobs kept at most
-- Returns {requeued, failed, then the removed jobs' specs (for the caller to end their pins)}.
local most, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
promote()
local requeued, failed = 0, 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_ACTIVE, '-inf', NOW, 'LIMIT', 0, 1000)) do
  local st = get_state(id)
  redis.call('ZREM', K_ACTIVE, id)
  if st and st.status == 'started' then
    st.stalls = (st.stalls or 0) + 1
    if st.stalls > most then
      st.error = 'its worker was lost ' .. st.stalls .. ' times (killed, paused or cut off past'
        .. ' its lease); not retried again'
      retire(id, st, 'failed', st.failureTtl)
      event('failed', id, st.error)
      resolve_dependents(id, false)
      failed = failed + 1
    else
      st.token = nil
      make_ready(id, st)
      event('stalled', id, st.worker)
      requeued = requeued + 1
    end
    put_state(id, st)
  end
end
local out = {requeued, failed}
local gone = redis.call('ZRANGEBYSCORE', K_DONE, '-inf', NOW, 'LIMIT', 0, 1000)
local over = redis.call('ZCARD', K_DONE) - #gone - cap
if over > 0 then
  for _, id in ipairs(redis.call('ZRANGE', K_DONE, #gone, #gone + math.min(over, 1000) - 1)) do
    table.insert(gone, id)
  end
end
for _, id in ipairs(gone) do
  local raw = redis.call('HGET', K_SPEC, id) or '{}'
  table.insert(out, raw)
  local spec = cjson.decode(raw)
  if type(spec.memo) == 'string' and redis.call('HGET', K_CACHE, spec.memo) == id then
    redis.call('HDEL', K_CACHE, spec.memo)
  end
  redis.call('ZREM', K_DONE, id)
  redis.call('HDEL', K_SPEC, id)
  redis.call('HDEL', K_STATE, id)
  redis.call('HDEL', K_RESULT, id)
end
return out
