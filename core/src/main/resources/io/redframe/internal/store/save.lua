-- Saves a small version in one step: allocates it, if the number the writer guessed is the next
-- one, writes all its fields and publishes it (publish-lib.lua) in the same atomic script.
-- KEYS and ARGV[1..13] as publish's, ARGV[1] being the guessed version and ARGV[7] the field count
-- (pending marker included); ARGV[14] writer description, ARGV[15] pending TTL ms, ARGV[16..] the
-- version's fields and values, in pairs.
-- Returns publish's replies, or {4, next} when the guess was not the next version number: the
-- writer guesses next and tries again (nothing was written). Every read comes before the first
-- write (see publish-lib.lua).
local head, vkey, v = KEYS[1], KEYS[2], tonumber(ARGV[1])
-- As alloc.lua, the checks that refuse a save come before a number is taken.
if ARGV[2] ~= '' then
  local actual = tonumber(redis.call('HGET', head, 'cur') or '0')
  if actual ~= tonumber(ARGV[2]) then return {1, actual} end
end
if KEYS[6] then
  local held = redis.call('HMGET', KEYS[6], 'token', 'published')
  if held[1] ~= ARGV[13] or (held[2] and held[2] ~= '0') then
    return {3, tonumber(held[1] or '0'), tonumber(held[2] or '0')}
  end
end
local nxt = tonumber(redis.call('HGET', head, 'seq') or '0') + 1
while redis.call('EXISTS', ARGV[6] .. nxt) == 1 do nxt = nxt + 1 end
if nxt ~= v then return {4, nxt} end
local ended, p = unpack(plan(KEYS, ARGV, false), 1, 2)
if ended then return ended end -- not reached: the checks above refuse first
redis.call('HSET', head, 'seq', v)
redis.call('HSET', vkey, 'pending', ARGV[14])
for i = 16, #ARGV, 2 do
  redis.call('HSET', vkey, ARGV[i], ARGV[i + 1])
end
return apply(KEYS, ARGV, p)
