import { LUA_RECORD } from './lua-common';

/**
 * Applies a batch of events of one or more lots atomically: one call per batch (in chunks), not
 * one per lot, because with single-event messages a batch touches nearly one lot per event and
 * the per-call work (dispatch, marker, counts, PUBLISH) dominated. KEYS: per lot s (records),
 * c (counts), m (marker). ARGV: channel, then per lot: lotId, zoneId, events, where events is one
 * string of events each ended by ';' with 10 ','-separated fields (ids never contain either):
 * spaceId sensorId seq type occupied(0/1) ts receivedAt batteryMv(-1) lowMv(-1) staleMs.
 * Ordering mirrors orderEvent() in libs/domain/src/events/sensor-order.ts.
 * Publishes one change message for all lots. Returns per lot: marker ('' = not loaded: nothing
 * applied, rebuild and retry), {verdict,gap,...}, {spaceId,record,ver,staleDeadline,...};
 * verdict 0 apply, 1 late, 2 duplicate. A late event inside the seen window changes only the
 * record's window (and ver): written and returned, but no change message and no counts.
 */
export const APPLY_LUA =
  LUA_RECORD +
  `
local EVENT = string.rep('([^,;]*),', 9) .. '([^,;]*);'
local function applyLot(kS, kC, kM, lotId, zoneId, events, changes)
  local marker = redis.call('GET', kM)
  if not marker then return '', {}, {} end
  local cache, order, dirty, marked, verdicts = {}, {}, {}, {}, {}
  local delta = { f = 0, o = 0, u = 0 }
  local E = {}
  local n = 0
  for sid, sensor, seq, typ, occ, ts, rcv, bat, lowMv, staleMs in
      string.gmatch(events, EVENT) do
    E[n + 1], E[n + 2], E[n + 3], E[n + 4], E[n + 5] = sid, sensor, seq, typ, occ
    E[n + 6], E[n + 7], E[n + 8], E[n + 9], E[n + 10] = ts, rcv, bat, lowMv, staleMs
    n = n + 10
    if cache[sid] == nil then
      cache[sid] = false
      order[#order + 1] = sid
    end
  end
  -- every touched record in one HMGET instead of one HGET per event
  local raws = {}
  callSliced('HMGET', kS, order, raws)
  for k, sid in ipairs(order) do
    if raws[k] then cache[sid] = decode(raws[k]) end
  end
  for i = 1, n, 10 do
    local sid, sensor, seq, typ, occ = E[i], E[i + 1], tonumber(E[i + 2]), E[i + 3], E[i + 4]
    local ts, rcv, bat = tonumber(E[i + 5]), tonumber(E[i + 6]), tonumber(E[i + 7])
    local lowMv, staleMs = tonumber(E[i + 8]), tonumber(E[i + 9])
    local r = cache[sid]
    local verdict, gap, boot, seen = 0, 0, 0, 0
    if (not r) or r.sensor ~= sensor then
      if typ == 'startup' then boot = ts end
    elseif typ == 'startup' and ts > r.bootTs then
      boot = ts
    elseif ts < r.bootTs then
      verdict = 1
    else
      local d = (seq - r.seq) % 4294967296
      if d == 0 then verdict = 2
      elseif d < 2147483648 then
        gap = d - 1; boot = r.bootTs
        if d < 32 then seen = bit.bor(bit.lshift(r.seen, d), bit.lshift(1, d - 1))
        elseif d == 32 then seen = bit.lshift(1, 31) end
      else
        verdict = 1
        local k = 4294967296 - d
        if k <= 32 then
          local b = bit.lshift(1, k - 1)
          if bit.band(r.seen, b) ~= 0 then verdict = 2
          else
            -- only the window changes: stored and persisted (ver), never published
            r.seen, r.ver = bit.bor(r.seen, b), r.ver + 1
            marked[sid] = true
          end
        end
      end
    end
    verdicts[#verdicts + 1] = verdict
    verdicts[#verdicts + 1] = gap
    if verdict == 0 then
      local prev = r and r.state or 'u'
      local st = (occ == '1') and 'o' or 'f'
      local nr = { state = st, lastSeen = rcv, seq = seq, bootTs = boot, lastTs = ts, occ = occ,
        sensor = sensor, staleMs = staleMs, bat = -1, batLow = '0', ver = 1, lost = gap,
        seen = seen }
      if r then
        nr.ver = r.ver + 1
        if r.sensor == sensor then
          nr.bat, nr.batLow, nr.lost = r.bat, r.batLow, r.lost + gap
        end
        if r.lastSeen > rcv then nr.lastSeen = r.lastSeen end
      end
      if r and r.state == st then nr.since = r.since else nr.since = ts end
      if bat >= 0 then
        nr.bat = bat
        nr.batLow = (lowMv >= 0 and bat < lowMv) and '1' or '0'
      end
      if prev ~= st then
        delta[prev] = delta[prev] - 1
        delta[st] = delta[st] + 1
      end
      cache[sid] = nr
      dirty[sid] = true
    end
  end
  local records, writes = {}, {}
  for _, sid in ipairs(order) do
    local r = cache[sid]
    if r then
      local packed = encode(r)
      if dirty[sid] or marked[sid] then
        writes[#writes + 1] = sid
        writes[#writes + 1] = packed
      end
      if dirty[sid] then changes[#changes + 1] = change(sid, r, lotId, zoneId) end
      records[#records + 1] = sid
      records[#records + 1] = packed
      records[#records + 1] = r.ver
      records[#records + 1] = r.lastSeen + r.staleMs
    end
  end
  if #writes > 0 then callSliced('HSET', kS, writes) end
  bump(delta, kC)
  return marker, verdicts, records
end

local out, changes, lots = {}, {}, {}
for L = 1, #KEYS / 3 do
  local kS, kC, kM = KEYS[3 * L - 2], KEYS[3 * L - 1], KEYS[3 * L]
  local lotId, zoneId = ARGV[3 * L - 1], ARGV[3 * L]
  local before = #changes
  local marker, verdicts, records = applyLot(kS, kC, kM, lotId, zoneId, ARGV[3 * L + 1], changes)
  out[#out + 1] = marker
  out[#out + 1] = verdicts
  out[#out + 1] = records
  if #changes > before then lots[#lots + 1] = lotCounts(lotId, zoneId, kC) end
end
publishAll(ARGV[1], changes, lots)
return out
`;
