-- Removes a catalog entry whose frame is gone (expired or deleted), unless it came back.
-- KEYS[1] head, KEYS[2] catalog
-- ARGV[1] frame name
if redis.call('HEXISTS', KEYS[1], 'cur') == 0 then
  return redis.call('HDEL', KEYS[2], ARGV[1])
end
return 0
