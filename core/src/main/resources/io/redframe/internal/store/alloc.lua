-- Allocates a new version number and reserves its key as pending.
-- KEYS[1] head, KEYS[2] (optional) the fence of a fenced save
-- ARGV[1] version key base, ARGV[2] pending TTL ms, ARGV[3] expected current version or '',
-- ARGV[4] writer description, ARGV[5] the fenced save's token (with KEYS[2])
-- Returns {0, version}, {1, actual current version} on a compare-and-set conflict, or
-- {2, token holding the fence, version published under it} when fenced out (publish checks again).
local head = KEYS[1]
if ARGV[3] ~= '' then
  local actual = tonumber(redis.call('HGET', head, 'cur') or '0')
  if actual ~= tonumber(ARGV[3]) then
    return {1, actual}
  end
end
if KEYS[2] then
  local held = redis.call('HMGET', KEYS[2], 'token', 'published')
  if held[1] ~= ARGV[5] or (held[2] and held[2] ~= '0') then
    return {2, tonumber(held[1] or '0'), tonumber(held[2] or '0')}
  end
end
local v
repeat
  v = redis.call('HINCRBY', head, 'seq', 1)
until redis.call('EXISTS', ARGV[1] .. v) == 0
local key = ARGV[1] .. v
redis.call('HSET', key, 'pending', ARGV[4])
redis.call('PEXPIRE', key, ARGV[2])
if redis.call('HEXISTS', head, 'cur') == 0 then
  -- A head that only counts versions of unpublished writes must not outlive them.
  redis.call('PEXPIRE', head, ARGV[2])
end
return {0, v}
