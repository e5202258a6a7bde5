-- Puts an ended job that did not finish (failed, stopped, canceled) back in the queue.
-- ARGV[1] id
-- Returns {0} no such job, {1} queued again, {2, status} it is not in an ended, unfinished state.
local id = ARGV[1]
local st = get_state(id)
if not st then return {0} end
if st.status ~= 'failed' and st.status ~= 'stopped' and st.status ~= 'canceled' then
  return {2, st.status}
end
redis.call('ZREM', K_DONE, id)
st.error, st.ended, st.runAt, st.stalls = nil, nil, nil, 0
make_ready(id, st)
put_state(id, st)
event('queued', id, 'requeued')
return {1}
