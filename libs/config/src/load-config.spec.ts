import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.city.timeZone).toBe('Asia/Shanghai');
    expect(c.http.port).toBe(3000);
    // listeners (API, the ingest worker's unauthenticated metrics) stay on loopback by default
    expect(c.http.host).toBe('127.0.0.1');
    expect(c.mqtt.clientId).toBeNull(); // derived by the worker from the database (session-prefix.ts)
    expect(c.ingest.partitions).toBe(1);
    expect(c.ingest.takeoverMs).toBe(2000);
  });

  it('bounds the ingest partitions and the takeover interval', () => {
    expect(loadConfig({ INGEST_PARTITIONS: '64' }).ingest.partitions).toBe(64);
    expect(() => loadConfig({ INGEST_PARTITIONS: '65' })).toThrow(/INGEST_PARTITIONS/);
    expect(() => loadConfig({ INGEST_PARTITIONS: '0' })).toThrow(/INGEST_PARTITIONS/);
    expect(() => loadConfig({ INGEST_TAKEOVER_MS: '99' })).toThrow(/INGEST_TAKEOVER_MS/);
    expect(() => loadConfig({ MQTT_CLIENT_ID: 'a/b' })).toThrow(/MQTT_CLIENT_ID/);
  });

  it('speaks MQTT 5 to the broker unless MQTT_PROTOCOL_VERSION=4 (3.1.1) is asked for', () => {
    expect(loadConfig({}).mqtt.protocolVersion).toBe(5);
    expect(loadConfig({ MQTT_PROTOCOL_VERSION: '4' }).mqtt.protocolVersion).toBe(4);
    expect(() => loadConfig({ MQTT_PROTOCOL_VERSION: '3' })).toThrow(/MQTT_PROTOCOL_VERSION/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ HTTP_PORT: '70000', CITY_TIMEZONE: 'Mars/Olympus', REDIS_URL: 'http://x' });
      fail('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain('HTTP_PORT');
      expect(msg).toContain('CITY_TIMEZONE');
      expect(msg).toContain('REDIS_URL');
    }
  });

  it('uses one Redis unless REDIS_CLUSTER_NODES lists the seed nodes of a cluster', () => {
    expect(loadConfig({}).redis.clusterNodes).toEqual([]);
    const c = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-b.local:7001' });
    expect(c.redis.clusterNodes).toEqual(['10.0.0.1:7000', 'redis-b.local:7001']);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1;b:2' })).toThrow(/REDIS_CLUSTER_NODES/);
    // a hash tag in the prefix would put every lot into one slot
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_KEY_PREFIX: 'p{x}:' })).toThrow(
      /REDIS_KEY_PREFIX/,
    );
    expect(loadConfig({ REDIS_KEY_PREFIX: 'p{x}:' }).redis.keyPrefix).toBe('p{x}:');
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('accepts a zone with daylight saving', () => {
    expect(loadConfig({ CITY_TIMEZONE: 'Europe/Berlin' }).city.timeZone).toBe('Europe/Berlin');
  });
});
