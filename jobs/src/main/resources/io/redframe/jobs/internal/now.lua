-- The server's time in Unix ms, with the schedules due by then.
-- Returns {now, name1, due1, name2, due2, ...}.
local out = {NOW}
for _, item in ipairs(redis.call('ZRANGEBYSCORE', K_DUE, '-inf', NOW, 'WITHSCORES', 'LIMIT', 0, 100)) do
  table.insert(out, item)
end
return out
