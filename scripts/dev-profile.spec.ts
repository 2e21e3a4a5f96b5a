import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment, parseDotEnv, selectProfile } from './dev-profile';

describe('npm start profile selection (scripts/dev-profile.js)', () => {
  it('runs the embedded profile when no service URL is configured', () => {
    expect(selectProfile({ PATH: '/bin', HTTP_PORT: '3001' })).toEqual({
      profile: 'embedded',
      configured: [],
      refusal: null,
    });
    // empty values count as unset, as in loadConfig
    expect(selectProfile({ DATABASE_URL: '', REDIS_URL: '  ' }).profile).toBe('embedded');
  });

  it.each(['DATABASE_URL', 'REDIS_URL', 'MQTT_URL'])(
    'runs the real services when %s is set',
    (n) => {
      const choice = selectProfile({ [n]: 'x://127.0.0.1' });
      expect(choice.profile).toBe('services');
      expect(choice.configured).toEqual([n]);
      expect(choice.refusal).toBeNull();
    },
  );

  it('refuses the embedded profile with NODE_ENV=production, not the real services', () => {
    const refused = selectProfile({ NODE_ENV: 'production' });
    expect(refused.profile).toBe('embedded');
    expect(refused.refusal).toMatch(/NODE_ENV=production.*not for production/s);
    expect(selectProfile({ NODE_ENV: 'production', MQTT_URL: 'mqtt://b' }).refusal).toBeNull();
    expect(selectProfile({ NODE_ENV: 'test' }).refusal).toBeNull();
  });

  it('parses .env files: comments, export, quotes, inline comments, CRLF', () => {
    const text = [
      '# a comment',
      'DATABASE_URL=postgres://u@db:5432/parking',
      'export REDIS_URL = redis://r:6379/0 # inline',
      "SINGLE='a # not a comment'",
      'DOUBLE="line1\\nline2"',
      'MULTI="first',
      'second"',
      'EMPTY=',
      'not a line',
      'DATABASE_URL=postgres://later@db/parking',
    ].join('\r\n');
    expect(parseDotEnv(text)).toEqual({
      DATABASE_URL: 'postgres://later@db/parking',
      REDIS_URL: 'redis://r:6379/0',
      SINGLE: 'a # not a comment',
      DOUBLE: 'line1\nline2',
      MULTI: 'first\nsecond',
      EMPTY: '',
    });
  });

  describe('loadEnvironment', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dotenv-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('adds the .env settings the environment lacks; the environment wins', () => {
      writeFileSync(join(dir, '.env'), 'MQTT_URL=mqtt://broker:1883\nHTTP_PORT=4000\n');
      const { env, dotEnv } = loadEnvironment(dir, { HTTP_PORT: '5000' });
      expect(dotEnv).toBe(join(dir, '.env'));
      expect(env).toEqual({ MQTT_URL: 'mqtt://broker:1883', HTTP_PORT: '5000' });
      expect(selectProfile(env).profile).toBe('services');
    });

    it('without a .env file, is the environment itself', () => {
      const { env, dotEnv } = loadEnvironment(dir, { A: '1' });
      expect(dotEnv).toBeNull();
      expect(env).toEqual({ A: '1' });
      expect(selectProfile(env).profile).toBe('embedded');
    });
  });
});
