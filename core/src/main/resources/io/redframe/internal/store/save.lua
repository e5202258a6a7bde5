-- Saves a small version in one step: allocates it, if the number the writer guessed is the next
-- one, writes all its fields and publishes it (publish-lib.lua) in the same atomic script.
-- KEYS and ARGV[1..13] as publish's, ARGV[1] being the guessed version and ARGV[7] the field count
-- (pending marker included); ARGV[14] writer description, ARGV[15] pending TTL ms, ARGV[16] '1'
-- when the chunks were staged, else '0'; ARGV[17..] the version's fields and values, in pairs:
-- every field, or only the id and manifest fields when staged.
-- Staged: the writer sent the chunk fields beforehand, in the same round trip, to KEYS[7], a key of
-- its own (Redis copies every script argument into Lua, about 1.2 us per KB, while a plain HSET
-- costs a fraction of that); the script renames it to the version key. KEYS[6] is then the fence,
-- or a placeholder when ARGV[13] is ''.
-- Returns publish's replies, or {4, next} when the guess was not the next version number: the
-- writer guesses next and tries again (nothing was written; a staged key stays for the retry).
-- Every read comes before the first write (see publish-lib.lua).
local head, vkey, v = KEYS[1], KEYS[2], tonumber(ARGV[1])
local staged = ARGV[16] == '1'
local function refuse(reply)
  if staged then redis.call('UNLINK', KEYS[7]) end
  return reply
end
-- As alloc.lua, the checks that refuse a save come before a number is taken.
if ARGV[2] ~= '' then
  local actual = tonumber(redis.call('HGET', head, 'cur') or '0')
  if actual ~= tonumber(ARGV[2]) then return refuse({1, actual}) end
end
if ARGV[13] ~= '' then
  local held = redis.call('HMGET', KEYS[6], 'token', 'published')
  if held[1] ~= ARGV[13] or (held[2] and held[2] ~= '0') then
    return refuse({3, tonumber(held[1] or '0'), tonumber(held[2] or '0')})
  end
end
local nxt = tonumber(redis.call('HGET', head, 'seq') or '0') + 1
while redis.call('EXISTS', ARGV[6] .. nxt) == 1 do nxt = nxt + 1 end
if nxt ~= v then return {4, nxt} end
if staged and redis.call('EXISTS', KEYS[7]) == 0 then
  return {2, 0} -- the staged chunks expired or were evicted before the script ran
end
local ended, p = unpack(plan(KEYS, ARGV, false), 1, 2)
if ended then return ended end -- not reached: the checks above refuse first
-- The RENAME is the first write: a server whose ACL refuses it fails the script unchanged.
if staged then redis.call('RENAME', KEYS[7], vkey) end
redis.call('HSET', head, 'seq', v)
if staged then
  redis.call('HSET', vkey, unpack(ARGV, 17))
else
  redis.call('HSET', vkey, 'pending', ARGV[14])
  for i = 17, #ARGV, 2 do
    redis.call('HSET', vkey, ARGV[i], ARGV[i + 1])
  end
end
return apply(KEYS, ARGV, p)
