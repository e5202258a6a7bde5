-- Ends a started job (fenced by its lease token), then optionally takes the next one.
-- ARGV[1] id, ARGV[2] token, ARGV[3] outcome: finished | failed | retry | stopped,
-- ARGV[4] result JSON (finished) or error text, ARGV[5] retry delay in ms (retry),
-- ARGV[6] worker id or '' (no next job), ARGV[7] next lease token, ARGV[8] lease ms
-- Returns {code, next...}: code 1 ended, 0 the token no longer holds the job (nothing changed);
-- then the take reply if a next job was asked for.
local id, token, outcome = ARGV[1], ARGV[2], ARGV[3]
local st = get_state(id)
local code = 0
if holds(st, token) then
  code = 1
  if outcome == 'finished' then
    redis.call('HSET', K_RESULT, id, ARGV[4])
    st.error = nil
    retire(id, st, 'finished', st.resultTtl)
    event('finished', id)
    resolve_dependents(id, true)
  elseif outcome == 'retry' then
    st.error = ARGV[4]
    st.token = nil
    st.runAt = NOW + tonumber(ARGV[5])
    redis.call('ZREM', K_ACTIVE, id)
    queue_or_schedule(id, st)
    event('retrying', id, ARGV[4])
  else
    st.error = ARGV[4]
    retire(id, st, outcome, st.failureTtl)
    event(outcome, id, ARGV[4])
    resolve_dependents(id, false)
  end
  put_state(id, st)
end
if ARGV[6] == '' then return {code} end
local next = take(ARGV[6], ARGV[7], tonumber(ARGV[8]))
table.insert(next, 1, code)
return next
