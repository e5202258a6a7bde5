-- Claims a due run of a schedule or a trigger, so that one worker of many enqueues it.
-- ARGV[1] 'schedule' or 'trigger', ARGV[2] name, ARGV[3] the expected mark (a schedule's due time
-- in ms, a trigger's last seen version reference), ARGV[4] the new mark, ARGV[5] the new JSON
-- Returns 1 claimed, 0 another worker claimed it (or it was removed).
if ARGV[1] == 'schedule' then
  local due = redis.call('ZSCORE', K_DUE, ARGV[2])
  if not due or tonumber(due) ~= tonumber(ARGV[3]) then return 0 end
  redis.call('ZADD', K_DUE, tonumber(ARGV[4]), ARGV[2])
  redis.call('HSET', K_SCHEDULES, ARGV[2], ARGV[5])
  return 1
end
local raw = redis.call('HGET', K_TRIGGERS, ARGV[2])
if not raw then return 0 end
local trigger = cjson.decode(raw)
if (trigger.last or '') ~= ARGV[3] then return 0 end
redis.call('HSET', K_TRIGGERS, ARGV[2], ARGV[5])
return 1
