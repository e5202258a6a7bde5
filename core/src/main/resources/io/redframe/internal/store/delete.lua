-- Deletes a frame: every readable version, the head, the version list, the events and its
-- catalog entry. A pinned version stays readable by number until its last pin ends, then goes.
-- Writes still in flight keep their pending keys, which expire by themselves.
-- KEYS[1] head, KEYS[2] versions, KEYS[3] events, KEYS[4] catalog (on Redis Cluster the head
-- again, and ARGV[2] '': the client removes the catalog entry)
-- ARGV[1] version key base, ARGV[2] frame name, ARGV[3] pins key base
-- Returns 1 if the frame existed, else 0. Every key besides KEYS is read before the first write
-- (see publish-lib.lua).
local existed = redis.call('HEXISTS', KEYS[1], 'cur')
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local actions = {}
for _, m in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local key = ARGV[1] .. m
  if redis.call('EXISTS', key) == 1 then
    local last = redis.call('ZRANGE', ARGV[3] .. m, -1, -1, 'WITHSCORES')
    local left = #last > 0 and tonumber(last[2]) - now or 0
    actions[#actions + 1] = {key, left}
  end
end
for _, a in ipairs(actions) do
  if a[2] > 0 then
    redis.call('PEXPIRE', a[1], a[2])
  else
    redis.call('UNLINK', a[1])
  end
end
redis.call('UNLINK', KEYS[1], KEYS[2], KEYS[3])
if ARGV[2] ~= '' then redis.call('HDEL', KEYS[4], ARGV[2]) end
return existed
