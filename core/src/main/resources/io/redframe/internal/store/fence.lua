-- Raises a fence: a fenced save publishes only while its token is the fence's highest, and only
-- once per fence. Tokens only go up, so a writer that was superseded (a job attempt whose lease
-- lapsed) can never publish after a later one began.
-- KEYS[1] the fence
-- ARGV[1] token, ARGV[2] fence TTL ms
-- Returns {0, version published under the fence or 0, its id or ''}, or {1, higher token} when a
-- higher token holds the fence already.
local held = redis.call('HMGET', KEYS[1], 'token', 'published', 'id')
local token = tonumber(ARGV[1])
if held[1] and tonumber(held[1]) > token then
  return {1, tonumber(held[1])}
end
redis.call('HSET', KEYS[1], 'token', token)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {0, tonumber(held[2] or '0'), held[3] or ''}
