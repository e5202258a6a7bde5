-- Cancels a job that has not started, or asks a running one to stop.
-- ARGV[1] id
-- Returns {0} no such job, {1} canceled, {2} a stop was asked of its worker, {3, status} it had
-- already ended.
local id = ARGV[1]
local st = get_state(id)
if not st then return {0} end
if st.status == 'started' then
  st.stop = true
  put_state(id, st)
  event('stopping', id)
  return {2}
end
if st.status == 'queued' then redis.call('ZREM', K_READY, id)
elseif st.status == 'scheduled' then redis.call('ZREM', K_SCHEDULED, id)
elseif st.status == 'deferred' then redis.call('HDEL', K_PENDING, id)
else return {3, st.status} end
st.error = 'canceled'
retire(id, st, 'canceled', st.failureTtl)
put_state(id, st)
event('canceled', id)
resolve_dependents(id, false)
return {1}
