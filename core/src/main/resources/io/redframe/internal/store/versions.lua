-- Lists readable published versions, oldest first, with their remaining TTL in ms (-1: none).
-- KEYS[1] head, KEYS[2] versions
-- ARGV[1] version key base
-- Returns {current, v1, ttl1, v2, ttl2, ...}; current is 0 when the frame does not exist.
local out = {tonumber(redis.call('HGET', KEYS[1], 'cur') or '0')}
for _, m in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local ttl = redis.call('PTTL', ARGV[1] .. m)
  if ttl == -2 then
    redis.call('ZREM', KEYS[2], m)
  else
    table.insert(out, tonumber(m))
    table.insert(out, ttl)
  end
end
return out
