/**
 * Where the integration suites find PostgreSQL, Redis and the MQTT broker: the URLs the jest
 * global setup (or `npm test`) found or started, passed to the workers as TEST_DATABASE_URL,
 * TEST_REDIS_URL and TEST_MQTT_URL (docs/testing.md). No test hard-codes an address.
 */

/** The defaults (a machine with the three services on their usual loopback ports). */
const DEFAULTS = {
  TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: 'redis://127.0.0.1:6379/0',
  TEST_MQTT_URL: 'mqtt://127.0.0.1:1883',
} as const;

function setting(key: keyof typeof DEFAULTS): string {
  return process.env[key] || DEFAULTS[key];
}

/** A superuser URL on the server's `postgres` database (creates and drops test databases). */
export function pgAdminUrl(): string {
  return pgUrl('postgres');
}

/** The same server and credentials, database `name`. */
export function pgUrl(name: string): string {
  const u = new URL(setting('TEST_DATABASE_URL'));
  u.pathname = `/${name}`;
  return u.toString();
}

/** Host and port of the PostgreSQL server (e.g. for a TCP proxy in front of it). */
export function pgAddress(): { host: string; port: number } {
  const u = new URL(setting('TEST_DATABASE_URL'));
  return { host: u.hostname, port: Number(u.port || 5432) };
}

/** The same database URL through a loopback port (a test's TCP proxy in front of the server). */
export function viaPort(databaseUrl: string, port: number): string {
  const u = new URL(databaseUrl);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

export function redisUrl(): string {
  return setting('TEST_REDIS_URL');
}

export function mqttUrl(): string {
  return setting('TEST_MQTT_URL');
}

/** The app settings that point at the test's Redis and broker (spread before a test's own). */
export function serviceEnv(): { REDIS_URL: string; MQTT_URL: string } {
  return { REDIS_URL: redisUrl(), MQTT_URL: mqttUrl() };
}
