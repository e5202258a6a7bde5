-- Lists a frame's layout 2 versions (its segment registry) with the time each version key has
-- left, so that the client can give every segment the life of its version; keeps the registry for
-- as long as any of its versions, or until the segments of removed versions are removed.
-- KEYS[1] the segment registry (sorted set: version -> segment count)
-- ARGV[1] version key base, ARGV[2] margin ms
-- Returns {v1, segments1, pttl1, v2, ...}: pttl -1 no expiry, -2 the version is gone.
local out, longest = {}, 0
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #entries, 2 do
  local v = entries[i]
  local ttl = redis.call('PTTL', ARGV[1] .. v)
  out[#out + 1] = tonumber(v)
  out[#out + 1] = tonumber(entries[i + 1])
  out[#out + 1] = ttl
  if ttl < 0 then longest = -1 elseif longest >= 0 and ttl > longest then longest = ttl end
end
if #out > 0 then
  if longest < 0 then
    redis.call('PERSIST', KEYS[1])
  else
    redis.call('PEXPIRE', KEYS[1], longest + tonumber(ARGV[2]))
  end
end
return out
