/**
 * Intent scripts: one lot's hash `{lot:<id>}:i` (field = intent id, value = encodeIntent), so a
 * script touches one cluster slot. Writes purge the lot's expired intents, keep the key's expiry
 * a minute past its latest intent's (relative to the caller's clock, which may be simulated), and publish the change on the intent channel (ARGV[1]).
 */
const PURGE = `
local function purge(key, now)
  local all = redis.call('HGETALL', key)
  local latest = 0
  for i = 1, #all, 2 do
    local exp = tonumber(cjson.decode(all[i + 1])[3])
    if exp <= now then redis.call('HDEL', key, all[i]) elseif exp > latest then latest = exp end
  end
  return latest
end
`;

/** KEYS[1] lot hash; ARGV: channel, now, id, value, expiresAt, message. */
export const INTENT_PUT_LUA = `${PURGE}
local now = tonumber(ARGV[2])
local latest = purge(KEYS[1], now)
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
local exp = tonumber(ARGV[5])
if exp > latest then latest = exp end
redis.call('PEXPIRE', KEYS[1], latest - now + 60000)
redis.call('PUBLISH', ARGV[1], ARGV[6])
return 1`;

/** KEYS[1] lot hash; ARGV: channel, now, id, lotId. Answers 1 when an open intent was removed. */
export const INTENT_REMOVE_LUA = `${PURGE}
local value = redis.call('HGET', KEYS[1], ARGV[3])
if not value then return 0 end
redis.call('HDEL', KEYS[1], ARGV[3])
local now = tonumber(ARGV[2])
local latest = purge(KEYS[1], now)
if latest > now then redis.call('PEXPIRE', KEYS[1], latest - now + 60000) end
local f = cjson.decode(value)
if tonumber(f[3]) <= now then return 0 end
redis.call('PUBLISH', ARGV[1], '{"op":"delete","intent":{"id":' .. cjson.encode(ARGV[3]) ..
  ',"lotId":' .. cjson.encode(ARGV[4]) .. ',"spaceId":' .. cjson.encode(f[1]) ..
  ',"etaMs":' .. string.format('%d', f[2]) .. ',"expiresAtMs":' .. string.format('%d', f[3]) .. '}}')
return 1`;
