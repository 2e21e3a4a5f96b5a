import { randomBytes } from 'node:crypto';

/** Environment for a worker process on a test database, its own prefix and topic root. */
export function workerEnv(dbUrl: string, mqttUrl: string, extra: Record<string, string> = {}) {
  const id = randomBytes(4).toString('hex');
  return {
    id,
    prefix: `t:${id}:`,
    root: `t${id}/`,
    env: {
      DATABASE_URL: dbUrl,
      REDIS_KEY_PREFIX: `t:${id}:`,
      MQTT_URL: mqttUrl,
      MQTT_TOPIC_ROOT: `t${id}/`,
      MQTT_CLIENT_ID: `ingest-${id}`,
      ...extra,
    } as Record<string, string>,
  };
}
