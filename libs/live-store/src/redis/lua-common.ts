/** Lua helpers shared by the scripts: decode/encode the packed space record (docs/live-store.md). */
export const LUA_RECORD = `
local function decode(s)
  local t = {}
  local i = 1
  for part in string.gmatch(s .. '|', '([^|]*)|') do t[i] = part; i = i + 1 end
  return { state = t[1], since = tonumber(t[2]), lastSeen = tonumber(t[3]), seq = tonumber(t[4]),
    bootTs = tonumber(t[5]), lastTs = tonumber(t[6]), occ = t[7], bat = tonumber(t[8]),
    batLow = t[9], sensor = t[10], ver = tonumber(t[11]), lost = tonumber(t[12]),
    staleMs = tonumber(t[13]) }
end
-- numbers print with %.14g: integers below 1e14 (epoch ms for millennia) come out exact
local function encode(r)
  return table.concat({ r.state, r.since, r.lastSeen, r.seq, r.bootTs, r.lastTs,
    r.occ, r.bat, r.batLow, r.sensor, r.ver, r.lost, r.staleMs }, '|')
end
local STATE = { f = 'free', o = 'occupied', u = 'unknown' }
local function change(sid, r, lotId, zoneId)
  return { spaceId = sid, lotId = lotId, zoneId = zoneId, state = STATE[r.state], since = r.since,
    lastSeen = r.lastSeen, seq = r.seq, batteryLow = r.batLow == '1', ver = r.ver }
end
local function counts(key)
  local c = redis.call('HMGET', key, 'free', 'occupied', 'unknown')
  return { tonumber(c[1]) or 0, tonumber(c[2]) or 0, tonumber(c[3]) or 0 }
end
local function publish(chan, lotId, zoneId, ckey, changes)
  if #changes == 0 then return end
  local c = counts(ckey)
  redis.call('PUBLISH', chan, cjson.encode({ v = 1, changes = changes,
    lots = { { lotId = lotId, zoneId = zoneId, free = c[1], occupied = c[2], unknown = c[3] } } }))
end
local FIELD = { f = 'free', o = 'occupied', u = 'unknown' }
local function bump(delta, ckey)
  for st, d in pairs(delta) do
    if d ~= 0 then
      local v = redis.call('HINCRBY', ckey, FIELD[st], d)
      if v < 0 then redis.call('HSET', ckey, FIELD[st], 0) end
    end
  end
end
`;
