-- The current version and the id of the last publish event, read together so that a waiter
-- cannot miss a publish between the two.
-- KEYS[1] head, KEYS[2] events
-- Returns {current or 0, last event id or '0-0'}.
local cur = tonumber(redis.call('HGET', KEYS[1], 'cur') or '0')
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last == 0 then return {cur, '0-0'} end
return {cur, last[1][1]}
