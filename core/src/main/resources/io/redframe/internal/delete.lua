-- Deletes a frame: every readable version, the head, the version list, the events and its
-- catalog entry. Writes still in flight keep their pending keys, which expire by themselves.
-- KEYS[1] head, KEYS[2] versions, KEYS[3] events, KEYS[4] catalog
-- ARGV[1] version key base, ARGV[2] frame name
-- Returns 1 if the frame existed, else 0.
local existed = redis.call('HEXISTS', KEYS[1], 'cur')
for _, m in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  redis.call('UNLINK', ARGV[1] .. m)
end
redis.call('UNLINK', KEYS[1], KEYS[2], KEYS[3])
redis.call('HDEL', KEYS[4], ARGV[2])
return existed
