import { AppConfig, loadConfig } from '@app/config';
import { randomBytes } from 'node:crypto';
import { serviceEnv } from '../../support/test-services';

/** A test config on the given database, with a unique Redis key prefix and topic root. */
export function testConfig(
  dbUrl: string,
  extra: Record<string, string> = {},
): AppConfig & { prefix: string } {
  const id = randomBytes(4).toString('hex');
  const prefix = `t:${id}:`;
  const config = loadConfig({
    ...serviceEnv(),
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_KEY_PREFIX: prefix,
    MQTT_TOPIC_ROOT: `t${id}/`,
    LOG_LEVEL: 'silent',
    ...extra,
  });
  return Object.assign(config, { prefix });
}

export { deletePrefix } from '../../support/redis-keys';
