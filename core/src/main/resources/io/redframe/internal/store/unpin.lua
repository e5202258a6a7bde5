-- Ends a pin. A version that only the pin kept readable then gets what retention gives it: the
-- longest other pin, else the grace period if the frame still exists, else it goes at once.
-- KEYS[1] head, KEYS[2] versions (zset), KEYS[3] (optional) the pins key of the version: on Redis
-- Cluster every key a script writes must be one of its KEYS or read before the first write
-- ARGV[1] version key base, ARGV[2] version, ARGV[3] pin token, ARGV[4] grace ms,
-- ARGV[5] versions to keep, ARGV[6] pins key base
-- Returns {held, segs}: held 1 if the pin was held, else 0 (it had expired, or was ended before);
-- segs 1 if the frame has a segment registry (layout 2: the client then syncs segment lives).
local v = ARGV[2]
local key = ARGV[1] .. v
local exists = redis.call('EXISTS', key) == 1
local segs = redis.call('EXISTS', string.sub(ARGV[1], 1, -3) .. 'segs')
local pins = KEYS[3] or (ARGV[6] .. v)
local held = redis.call('ZREM', pins, ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', pins, '-inf', now)
local longest = 0
local last = redis.call('ZRANGE', pins, -1, -1, 'WITHSCORES')
if #last > 0 then
  longest = tonumber(last[2]) - now
  redis.call('PEXPIREAT', pins, last[2])
end

if not exists then return {held, segs} end
local cur = redis.call('HGET', KEYS[1], 'cur')
local want = longest
if cur then
  if cur == v then return {held, segs} end
  for _, m in ipairs(redis.call('ZREVRANGE', KEYS[2], 0, tonumber(ARGV[5]) - 1)) do
    if m == v then return {held, segs} end -- still within keepVersions: the frame's TTL applies
  end
  want = math.max(longest, tonumber(ARGV[4]))
end
if want <= 0 then
  redis.call('UNLINK', key)
  redis.call('ZREM', KEYS[2], v)
else
  local left = redis.call('PTTL', key)
  if left < 0 or left > want then redis.call('PEXPIRE', key, want) end
end
return {held, segs}
