-- Publishes a fully written version atomically: see publish-lib.lua for KEYS, ARGV and replies.
return publish(KEYS, ARGV)
