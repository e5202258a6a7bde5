-- Allocates a new version number and reserves its key as pending.
-- KEYS[1] head
-- ARGV[1] version key base, ARGV[2] pending TTL ms, ARGV[3] expected current version or '',
-- ARGV[4] writer description
-- Returns {0, version} or {1, actual current version} on a compare-and-set conflict.
local head = KEYS[1]
if ARGV[3] ~= '' then
  local actual = tonumber(redis.call('HGET', head, 'cur') or '0')
  if actual ~= tonumber(ARGV[3]) then
    return {1, actual}
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
