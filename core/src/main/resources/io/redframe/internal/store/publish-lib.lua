-- plan(KEYS, ARGV, written) and apply(KEYS, ARGV, plan): publishing a fully written version
-- atomically (publish.lua runs both; save.lua plans, writes the version, then applies).
-- KEYS[1] head, KEYS[2] version key, KEYS[3] versions (zset), KEYS[4] events (stream),
-- KEYS[5] catalog (on Redis Cluster, where it is in another slot: the head again, with ARGV[8]
-- '', and the client updates the catalog after the publish), KEYS[6] the fence (when ARGV[13] is
-- not ''; else absent, or a placeholder when save.lua takes KEYS[7])
-- ARGV[1] version, ARGV[2] expected current version or '', ARGV[3] TTL ms (0: none),
-- ARGV[4] grace ms, ARGV[5] versions to keep, or `keep,budget,bytes`: the grace budget (bytes of
-- superseded versions in their grace period) and this version's chunk bytes, ARGV[6] version key base,
-- ARGV[7] field count the version key must have, ARGV[8] catalog entry, ARGV[9] frame name,
-- ARGV[10] events to keep in the stream, ARGV[11] pins key base, ARGV[12] the version's id,
-- ARGV[13] the fenced save's token ('' for a save without a fence)
-- Replies: {0, 1, segs} published as current, {0, 0, segs} kept as superseded (a later version is
-- current), segs being 1 if the frame has a segment registry (layout 2 versions: the client then
-- gives their segments the lives retention gave the versions), else 0;
-- {1, actual} compare-and-set conflict (the written version is removed),
-- {2, fields} the version key is incomplete (it expired while being written),
-- {3, token, published} fenced out: the fence holds another token, or a version was already
-- published under it (the written version is removed).
--
-- Every key this reads besides KEYS (older versions, their pins) it reads in plan, before any
-- write: on Redis Cluster a slot being migrated refuses a key it no longer holds with an error,
-- and a script that fails in plan has changed nothing, so the client can run it again.

-- Time left on the longest live pin of version m (0 if none): a pinned version outlives retention.
local function pinned(ARGV, m, clock)
  local last = redis.call('ZRANGE', ARGV[11] .. m, -1, -1, 'WITHSCORES')
  if #last == 0 then return 0 end
  if not clock.now then
    local t = redis.call('TIME')
    clock.now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return math.max(0, tonumber(last[2]) - clock.now)
end

-- The grace budget (ARGV[5]): the head's `grace.bytes` is an estimate of the bytes of superseded
-- versions in their grace period (it only grows as versions enter it, so an expired one leaves it
-- too high). Past the budget, one walk over the versions measures them, newest first: the newest
-- superseded version and those that fit half the budget keep their grace period, the others are
-- removed (a pinned one lives as long as its pin), and `grace.bytes` becomes what the walk kept.
-- Trimming to half the budget makes the walk run once per half a budget of new versions, so each
-- publish pays for about two visits, however many versions the budget holds.
local function trim(ARGV, versions, keep, budget, entering, clock, p)
  local head = p.head
  local estimate = (tonumber(redis.call('HGET', head, 'grace.bytes') or '0') or 0) + entering
  local actions = p.actions
  if estimate <= budget then
    if entering > 0 then actions[#actions + 1] = {'HSET', head, 'grace.bytes', estimate} end
    return
  end
  local target = math.floor(budget / 2)
  local kept, total, below, full = 1, 0, '+inf', false
  while true do
    local page = redis.call('ZREVRANGEBYSCORE', versions, below, '-inf', 'LIMIT', 0, 512)
    if #page == 0 then break end
    for _, m in ipairs(page) do
      below = '(' .. m
      local k = ARGV[6] .. m
      local found = redis.call('HMGET', k, 'bytes', 'id')
      -- the version exists: it has an id, or (written before ids existed) it is there at all
      if found[2] or redis.call('EXISTS', k) == 1 then
        kept = kept + 1
        if kept > keep then
          local bytes = tonumber(found[1] or '0') or 0
          if not full and (kept == keep + 1 or total + bytes <= target) then
            total = total + bytes
          else
            full = true -- every older one goes too: the newest are the ones kept
            local pin = pinned(ARGV, m, clock)
            if pin > 0 then
              if redis.call('PTTL', k) > pin then actions[#actions + 1] = {'PEXPIRE', k, pin} end
            else
              actions[#actions + 1] = {'UNLINK', k}
              actions[#actions + 1] = {'ZREM', versions, m}
            end
          end
        end
      end
    end
  end
  actions[#actions + 1] = {'HSET', head, 'grace.bytes', total}
end

-- Returns {reply} when the publish ends here (at most one write: removing the refused version),
-- else {nil, plan}. `written` is false when the version key is written after planning (save.lua).
local function plan(KEYS, ARGV, written)
  local head, vkey, versions = KEYS[1], KEYS[2], KEYS[3]
  local v = tonumber(ARGV[1])
  local ttl, grace = tonumber(ARGV[3]), tonumber(ARGV[4])
  -- ARGV[5] is `keep`, or `keep,budget,bytes`: without a budget every superseded version gets its
  -- grace period, and the version's size is not recorded.
  local keep = tonumber(string.match(ARGV[5], '^%d+'))
  local budget, size = string.match(ARGV[5], '^%d+,(%d+),(%d+)$')
  budget = tonumber(budget or '') or math.huge
  if written then
    local fields = redis.call('HLEN', vkey)
    if fields ~= tonumber(ARGV[7]) or redis.call('HEXISTS', vkey, 'pending') == 0 then
      return {{2, fields}}
    end
  end
  local cur = tonumber(redis.call('HGET', head, 'cur') or '0')
  if ARGV[2] ~= '' and cur ~= tonumber(ARGV[2]) then
    redis.call('UNLINK', vkey)
    return {{1, cur}}
  end
  local fence = ARGV[13] ~= '' and KEYS[6] or nil
  if fence then
    local held = redis.call('HMGET', fence, 'token', 'published')
    if held[1] ~= ARGV[13] or (held[2] and held[2] ~= '0') then
      redis.call('UNLINK', vkey)
      return {{3, tonumber(held[1] or '0'), tonumber(held[2] or '0')}}
    end
  end
  local p = {v = v, cur = cur, head = head, actions = {}, size = size}
  -- The segment registry shares the frame's hash tag: its key is the version key base's sibling.
  local segs = string.sub(ARGV[6], 1, -3) .. 'segs'
  p.segs = redis.call('EXISTS', segs)
  if v < cur then return {nil, p} end

  -- Retention: the newest `keep` versions (this one first) follow the frame's TTL; older ones get
  -- the grace period, within the grace budget (trim). Newest first, and only as far as needed: the
  -- walk stops at the first older version already in its grace period (every older one got its
  -- expiry when it left the newest `keep`), so a publish costs the same with 10 or 100,000
  -- superseded versions still readable.
  local clock = {}
  local actions = p.actions
  local function keepAction(k, m)
    local pin = pinned(ARGV, m, clock)
    if ttl > 0 then
      actions[#actions + 1] = {'PEXPIRE', k, math.max(ttl, pin)}
    else
      actions[#actions + 1] = {'PERSIST', k}
    end
  end
  keepAction(vkey, v)
  local kept, below = 1, '+inf'
  local entering = 0
  local walking = true
  while walking do
    local page = redis.call('ZREVRANGEBYSCORE', versions, below, '-inf', 'LIMIT', 0, keep + 8)
    if #page == 0 then break end
    for _, m in ipairs(page) do
      below = '(' .. m
      local k = ARGV[6] .. m
      if redis.call('EXISTS', k) == 0 then
        actions[#actions + 1] = {'ZREM', versions, m}
      else
        kept = kept + 1
        if kept <= keep then
          keepAction(k, m)
        else
          local pin = pinned(ARGV, m, clock)
          if grace == 0 and pin == 0 then
            actions[#actions + 1] = {'UNLINK', k}
            actions[#actions + 1] = {'ZREM', versions, m}
          else
            local want = math.max(grace, pin)
            local left = redis.call('PTTL', k)
            if left >= 0 and left <= want and kept > keep + 1 then
              walking = false
              break
            end
            if left < 0 or left > want then
              actions[#actions + 1] = {'PEXPIRE', k, want}
              if kept == keep + 1 and pin == 0 then -- it enters its grace period now
                entering = tonumber(redis.call('HGET', k, 'bytes') or '0') or 0
              end
            end
          end
        end
      end
    end
  end
  if grace > 0 and budget < math.huge then trim(ARGV, versions, keep, budget, entering, clock, p) end
  -- Versions whose keys expired leave entries behind: drop a few of the oldest each time.
  for _, m in ipairs(redis.call('ZRANGE', versions, 0, 1)) do
    if redis.call('EXISTS', ARGV[6] .. m) == 0 then
      actions[#actions + 1] = {'ZREM', versions, m}
    end
  end
  return {nil, p}
end

local function apply(KEYS, ARGV, p)
  local head, vkey, versions, events, catalog = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
  local v, ttl, grace = p.v, tonumber(ARGV[3]), tonumber(ARGV[4])
  if ARGV[13] ~= '' then redis.call('HSET', KEYS[6], 'published', v, 'id', ARGV[12]) end
  redis.call('HDEL', vkey, 'pending')
  if p.size then redis.call('HSET', vkey, 'bytes', p.size) end
  redis.call('ZADD', versions, v, v)
  if v < p.cur then
    -- A later save published first: this version was never current; keep it for the grace period.
    if grace > 0 then
      redis.call('PEXPIRE', vkey, grace)
    else
      redis.call('UNLINK', vkey)
      redis.call('ZREM', versions, v)
    end
    return {0, 0, p.segs}
  end
  redis.call('HSET', head, 'cur', v, 'id', ARGV[12])
  if tonumber(redis.call('HGET', head, 'seq') or '0') < v then
    redis.call('HSET', head, 'seq', v)
  end
  for _, a in ipairs(p.actions) do
    redis.call(unpack(a))
  end
  redis.call('XADD', events, 'MAXLEN', '~', ARGV[10], '*', 'version', v)
  for _, k in ipairs({head, versions, events}) do
    if ttl > 0 then redis.call('PEXPIRE', k, ttl) else redis.call('PERSIST', k) end
  end
  if ARGV[8] ~= '' then redis.call('HSET', catalog, ARGV[9], ARGV[8]) end
  return {0, 1, p.segs}
end
