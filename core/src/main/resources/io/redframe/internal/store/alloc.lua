-- Allocates a new version number and reserves its key as pending, if the number the writer
-- guessed is the next one (on Redis Cluster every key a script creates must be one of its KEYS).
-- KEYS[1] head, KEYS[2] the version key of the guessed number, KEYS[3] (optional) the fence of a
-- fenced save
-- ARGV[1] version key base, ARGV[2] pending TTL ms, ARGV[3] expected current version or '',
-- ARGV[4] writer description, ARGV[5] the fenced save's token (with KEYS[3]), ARGV[6] the guess
-- Returns {0, version}, {1, actual current version} on a compare-and-set conflict,
-- {2, token holding the fence, version published under it} when fenced out (publish checks
-- again), or {4, next} when the guess was not the next number (nothing was written).
-- Every read comes before the first write (see publish-lib.lua).
local head = KEYS[1]
if ARGV[3] ~= '' then
  local actual = tonumber(redis.call('HGET', head, 'cur') or '0')
  if actual ~= tonumber(ARGV[3]) then
    return {1, actual}
  end
end
if KEYS[3] then
  local held = redis.call('HMGET', KEYS[3], 'token', 'published')
  if held[1] ~= ARGV[5] or (held[2] and held[2] ~= '0') then
    return {2, tonumber(held[1] or '0'), tonumber(held[2] or '0')}
  end
end
local v = tonumber(redis.call('HGET', head, 'seq') or '0') + 1
while redis.call('EXISTS', ARGV[1] .. v) == 1 do v = v + 1 end
if v ~= tonumber(ARGV[6]) then return {4, v} end
local unpublished = redis.call('HEXISTS', head, 'cur') == 0
redis.call('HSET', head, 'seq', v)
redis.call('HSET', KEYS[2], 'pending', ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
if unpublished then
  -- A head that only counts versions of unpublished writes must not outlive them.
  redis.call('PEXPIRE', head, ARGV[2])
end
return {0, v}
