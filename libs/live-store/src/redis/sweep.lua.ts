import { LUA_RECORD } from './lua-common';

/**
 * Turns silent spaces of ONE lot `unknown`. KEYS: s, c, m. ARGV: channel, lotId, zoneId, now,
 * spaceIds... Re-checks each record's own deadline, so a space that reported meanwhile stays.
 */
export const SWEEP_LUA =
  LUA_RECORD +
  `
if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
local chan, lotId, zoneId, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local delta = { f = 0, o = 0, u = 0 }
local changes = {}
for i = 5, #ARGV do
  local sid = ARGV[i]
  local raw = redis.call('HGET', KEYS[1], sid)
  if raw then
    local r = decode(raw)
    local deadline = r.lastSeen + r.staleMs
    if r.state ~= 'u' and deadline <= now then
      delta[r.state] = delta[r.state] - 1
      delta.u = delta.u + 1
      r.state, r.since, r.ver = 'u', deadline, r.ver + 1
      redis.call('HSET', KEYS[1], sid, encode(r))
      changes[#changes + 1] = change(sid, r, lotId, zoneId)
    end
  end
end
bump(delta, KEYS[2])
publish(chan, lotId, zoneId, KEYS[2], changes)
return #changes
`;

/** Removes swept deadline members whose score is still due. KEYS: deadlines. ARGV: now, members. */
export const UNDUE_LUA = `
local now, removed = tonumber(ARGV[1]), 0
for i = 2, #ARGV do
  local s = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if s and tonumber(s) <= now then redis.call('ZREM', KEYS[1], ARGV[i]); removed = removed + 1 end
end
return removed
`;
