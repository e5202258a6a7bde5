-- Pins a published version (or renews a pin): the version stays readable by number until its last
-- pin ends or expires, whatever saves, retention, TTL or deletes happen meanwhile.
-- KEYS[1] head, KEYS[2] (optional; with ARGV[2] a version) the pins key of that version: on Redis
-- Cluster every key a script creates must be one of its KEYS
-- ARGV[1] version key base, ARGV[2] version or '' for the current one, ARGV[3] pin TTL ms,
-- ARGV[4] pin token, ARGV[5] expected version id or '', ARGV[6] pins key base
-- Returns {0} no such frame, {1, v} no such version, {2, v, id} the version has another id,
-- {3, v, id, pin expiry as Unix ms, segs}, segs 1 if the frame has a segment registry (layout 2:
-- the client then gives the pinned version's segments its new life). Every read comes before the
-- first write.
local v = ARGV[2]
if v == '' then
  v = redis.call('HGET', KEYS[1], 'cur')
  if not v then return {0} end
end
local key = ARGV[1] .. v
if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'pending') == 1 then
  return {1, tonumber(v)}
end
local id = redis.call('HGET', key, 'id') or ''
if ARGV[5] ~= '' and ARGV[5] ~= id then return {2, tonumber(v), id} end
local left = redis.call('PTTL', key)
local segs = redis.call('EXISTS', string.sub(ARGV[1], 1, -3) .. 'segs')

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[3])
local pins = KEYS[2] or (ARGV[6] .. v)
redis.call('ZREMRANGEBYSCORE', pins, '-inf', now)
redis.call('ZADD', pins, now + ttl, ARGV[4])
local last = redis.call('ZRANGE', pins, -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', pins, last[2])
-- The version must outlive its pin; a version without expiry keeps none.
if left >= 0 and left < ttl then redis.call('PEXPIRE', key, ttl) end
return {3, tonumber(v), id, now + ttl, segs}
