/**
 * Lua helpers shared by the scripts: decode/encode the packed space record (docs/live-store.md)
 * and the change message. Written for the per-event cost: one pattern match to decode, one concat
 * to encode, the change JSON built as text (ids are [A-Za-z0-9._:-], nothing to escape).
 * Numbers print with %.14g, as cjson does: integers below 1e14 (epoch ms for millennia) are exact.
 * `seen` (field 14, absent in older records) is hex of the unsigned window; the bit library
 * works on signed 32-bit numbers, so encode() normalises.
 */
export const LUA_RECORD = `
local REC = '^' .. string.rep('([^|]*)|', 12) .. '([^|]*)|?([^|]*)$'
local function decode(s)
  local st, since, lastSeen, seq, bootTs, lastTs, occ, bat, batLow, sensor, ver, lost, staleMs,
    seen = string.match(s, REC)
  return { state = st, since = tonumber(since), lastSeen = tonumber(lastSeen),
    seq = tonumber(seq), bootTs = tonumber(bootTs), lastTs = tonumber(lastTs), occ = occ,
    bat = tonumber(bat), batLow = batLow, sensor = sensor, ver = tonumber(ver),
    lost = tonumber(lost), staleMs = tonumber(staleMs), seen = tonumber(seen, 16) or 0 }
end
local function encode(r)
  local seen = r.seen
  if seen < 0 then seen = seen + 4294967296 end
  return r.state .. '|' .. r.since .. '|' .. r.lastSeen .. '|' .. r.seq .. '|' .. r.bootTs ..
    '|' .. r.lastTs .. '|' .. r.occ .. '|' .. r.bat .. '|' .. r.batLow .. '|' .. r.sensor ..
    '|' .. r.ver .. '|' .. r.lost .. '|' .. r.staleMs .. '|' .. string.format('%x', seen)
end
local STATE = { f = 'free', o = 'occupied', u = 'unknown' }
local function change(sid, r, lotId, zoneId)
  return '{"spaceId":"' .. sid .. '","lotId":"' .. lotId .. '","zoneId":"' .. zoneId ..
    '","state":"' .. STATE[r.state] .. '","since":' .. r.since .. ',"lastSeen":' .. r.lastSeen ..
    ',"seq":' .. r.seq .. ',"batteryLow":' .. (r.batLow == '1' and 'true' or 'false') ..
    ',"ver":' .. r.ver .. '}'
end
local function counts(key)
  local c = redis.call('HMGET', key, 'free', 'occupied', 'unknown')
  return { tonumber(c[1]) or 0, tonumber(c[2]) or 0, tonumber(c[3]) or 0 }
end
local function lotCounts(lotId, zoneId, ckey)
  local c = counts(ckey)
  return '{"lotId":"' .. lotId .. '","zoneId":"' .. zoneId .. '","free":' .. c[1] ..
    ',"occupied":' .. c[2] .. ',"unknown":' .. c[3] .. '}'
end
local function publishAll(chan, changes, lots)
  if #changes == 0 then return end
  redis.call('PUBLISH', chan, '{"v":1,"changes":[' .. table.concat(changes, ',') ..
    '],"lots":[' .. table.concat(lots, ',') .. ']}')
end
local function publish(chan, lotId, zoneId, ckey, changes)
  if #changes == 0 then return end
  publishAll(chan, changes, { lotCounts(lotId, zoneId, ckey) })
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
-- redis.call with many arguments, in slices that stay below Lua's C stack limit for unpack
local function callSliced(cmd, key, list, out)
  for i = 1, #list, 1000 do
    local part = redis.call(cmd, key, unpack(list, i, math.min(i + 999, #list)))
    if out then for _, v in ipairs(part) do out[#out + 1] = v end end
  end
end
`;
