-- Reads the manifest of the current (or a given) version in one atomic step.
-- KEYS[1] head
-- ARGV[1] version key base, ARGV[2] version or '' for the current one, ARGV[3] manifest byte limit
-- Returns {0} no such frame, {1, v} no such version, {2, v, length} manifest over the limit,
-- {3, v, manifest, crc32c, id} (id '' for versions written before ids existed).
local v = ARGV[2]
if v == '' then
  v = redis.call('HGET', KEYS[1], 'cur')
  if not v then return {0} end
end
local key = ARGV[1] .. v
if redis.call('HEXISTS', key, 'pending') == 1 then return {1, tonumber(v)} end
local length = redis.call('HSTRLEN', key, 'manifest')
if length == 0 then return {1, tonumber(v)} end
if length > tonumber(ARGV[3]) then return {2, tonumber(v), length} end
local found = redis.call('HMGET', key, 'manifest', 'manifest.crc32c', 'id')
return {3, tonumber(v), found[1], found[2] or '', found[3] or ''}
