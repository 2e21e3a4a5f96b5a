import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.city.timeZone).toBe('Asia/Shanghai');
    expect(c.http.port).toBe(3000);
    expect(c.mqtt.shareGroup).toBe('ingest');
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

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('accepts a zone with daylight saving', () => {
    expect(loadConfig({ CITY_TIMEZONE: 'Europe/Berlin' }).city.timeZone).toBe('Europe/Berlin');
  });
});
