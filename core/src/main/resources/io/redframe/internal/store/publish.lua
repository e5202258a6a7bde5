-- Publishes a fully written version atomically: see publish-lib.lua for KEYS, ARGV and replies.
local ended, p = unpack(plan(KEYS, ARGV, true), 1, 2)
if ended then return ended end
return apply(KEYS, ARGV, p)
