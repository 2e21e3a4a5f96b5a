// Which profile `npm start` runs: the real services (today's multi-process layout) when any of
// DATABASE_URL, REDIS_URL or MQTT_URL is configured, in the environment or in the repository's
// `.env` file; otherwise the embedded development profile (docs/dev-profile.md). Plain
// CommonJS: scripts/start-backend.js loads it before anything else.
const fs = require('fs');
const path = require('path');

/** The settings that point at real services: any one of them selects the services profile. */
const SERVICE_URLS = ['DATABASE_URL', 'REDIS_URL', 'MQTT_URL'];

/**
 * Parses a `.env` file the way Node's `--env-file` reads the common cases: `KEY=value` lines,
 * optional `export `, `#` comments, single/double/back quotes (double quotes expand \n), an
 * unquoted value ends at ` #`. Later lines win.
 */
function parseDotEnv(text) {
  const out = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    let value = m[2];
    const q = value[0];
    if (q === '"' || q === "'" || q === '`') {
      // a quoted value may span lines
      let rest = value.slice(1);
      while (rest.indexOf(q) < 0 && i + 1 < lines.length) rest += '\n' + lines[++i];
      const end = rest.indexOf(q);
      value = end < 0 ? q + rest : rest.slice(0, end);
      if (q === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]] = value;
  }
  return out;
}

/**
 * The environment the backend runs with: the process environment, plus the `.env` file's
 * settings it does not already have (as `node --env-file`: the environment wins).
 */
function loadEnvironment(root, env = process.env) {
  const file = path.join(root, '.env');
  let fromFile = {};
  if (fs.existsSync(file)) fromFile = parseDotEnv(fs.readFileSync(file, 'utf8'));
  const merged = { ...env };
  for (const [k, v] of Object.entries(fromFile)) if (merged[k] === undefined) merged[k] = v;
  return { env: merged, dotEnv: fs.existsSync(file) ? file : null };
}

const configured = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/**
 * `services` when a service URL is configured; else `embedded`, which refuses to run with
 * NODE_ENV=production (`refusal` then holds the message to print).
 */
function selectProfile(env) {
  const urls = SERVICE_URLS.filter((n) => configured(env, n));
  if (urls.length > 0) return { profile: 'services', configured: urls, refusal: null };
  const refusal =
    env.NODE_ENV === 'production'
      ? 'NODE_ENV=production but none of DATABASE_URL, REDIS_URL, MQTT_URL is set: the embedded ' +
        'development profile (embedded PostgreSQL, in-process broker, in-memory live state) is ' +
        'not for production. Configure the real services (docs/dev-profile.md).'
      : null;
  return { profile: 'embedded', configured: [], refusal };
}

module.exports = { SERVICE_URLS, parseDotEnv, loadEnvironment, selectProfile };
