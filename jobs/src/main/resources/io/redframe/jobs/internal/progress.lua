-- Records a running job's progress (only while its token holds the lease).
-- ARGV[1] id, ARGV[2] token, ARGV[3] progress JSON
-- Returns 1 recorded, 0 the lease is lost.
local st = get_state(ARGV[1])
if not holds(st, ARGV[2]) then return 0 end
st.progress = cjson.decode(ARGV[3])
put_state(ARGV[1], st)
event('progress', ARGV[1], ARGV[3])
return 1
