import { LUA_RECORD } from './lua-common';

/**
 * Loads ONE lot. KEYS: s, c, m. ARGV: epoch, mode, then 2 fields per space: spaceId, packed
 * record or ''. Mode 0 loads a lot whose marker is missing (skipped when present), 1 reloads it
 * anyway: both REPLACE the lot's records with the given ones, because records without a marker
 * are not to be trusted (a rollback to the durable copy deletes the marker). Mode 2 refreshes a
 * loaded lot after a city change: keeps a record newer (higher ver) than the given one, drops
 * spaces no longer listed. Recomputes the counts and sets the marker.
 */
export const REBUILD_LUA =
  LUA_RECORD +
  `
local mode = ARGV[2]
if mode == '0' and redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
if mode ~= '2' then redis.call('DEL', KEYS[1]) end
if mode == '2' then
  local keep = {}
  for i = 3, #ARGV, 2 do keep[ARGV[i]] = true end
  for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
    if not keep[f] then redis.call('HDEL', KEYS[1], f) end
  end
end
local free, occ, n = 0, 0, 0
for i = 3, #ARGV, 2 do
  local sid, packed = ARGV[i], ARGV[i + 1]
  n = n + 1
  local r = nil
  if mode == '2' then
    local cur = redis.call('HGET', KEYS[1], sid)
    if cur then r = decode(cur) end
  end
  if packed ~= '' then
    local g = decode(packed)
    if (not r) or r.ver < g.ver then
      redis.call('HSET', KEYS[1], sid, packed)
      r = g
    end
  end
  if r then
    if r.state == 'f' then free = free + 1
    elseif r.state == 'o' then occ = occ + 1 end
  end
end
local unknown = n - free - occ
if unknown < 0 then unknown = 0 end
redis.call('HSET', KEYS[2], 'free', free, 'occupied', occ, 'unknown', unknown)
redis.call('SET', KEYS[3], ARGV[1])
return 1
`;
