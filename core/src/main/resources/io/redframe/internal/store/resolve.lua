-- Reads the manifest of the current (or a given) version in one atomic step, and the chunks with
-- it when the version is small.
-- KEYS[1] head
-- ARGV[1] version key base, ARGV[2] version or '' for the current one, ARGV[3] manifest byte limit,
-- ARGV[4] (optional) the most chunk bytes to return with the manifest (0 or absent: none),
-- ARGV[5] (optional) the id of a version whose manifest the caller holds ('' or absent: none)
-- Returns {0} no such frame, {1, v} no such version, {2, v, length} manifest over the limit,
-- {3, v, manifest, crc32c, id, [field, value]...} (id '' for versions written before ids existed),
-- with every chunk field and its value if the version has at most 64 chunks holding at most
-- ARGV[4] bytes in all, else none; {4, v} when version v is readable and its id is ARGV[5] (the
-- caller's manifest is that version's: nothing more to send).
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
local known = ARGV[5]
if known and known ~= '' and redis.call('HGET', key, 'id') == known then return {4, tonumber(v)} end
local found = redis.call('HMGET', key, 'manifest', 'manifest.crc32c', 'id')
local reply = {3, tonumber(v), found[1], found[2] or '', found[3] or ''}
local most = tonumber(ARGV[4] or '0')
if most > 0 and redis.call('HLEN', key) <= 64 + 5 then
  local fields, total = {}, 0
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if string.sub(field, 1, 2) == 'c:' then
      total = total + redis.call('HSTRLEN', key, field)
      if total > most then return reply end
      fields[#fields + 1] = field
    end
  end
  for _, field in ipairs(fields) do
    reply[#reply + 1] = field
    reply[#reply + 1] = redis.call('HGET', key, field)
  end
end
return reply
