/** @needs none */
import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/config';
import { enableConfiguredCors } from '../../apps/api/src/common/cors';
import { Public } from '../../apps/api/src/common/public.decorator';
import { createNestTestApp } from '../support/nest-test-app';

@Controller('t')
class ProbeController {
  @Public() @Get('open') open() {
    return { ok: true };
  }
}

async function appWith(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadConfig(env);
  return createNestTestApp({
    config,
    controllers: [ProbeController],
    beforeInit: (app) => enableConfiguredCors(app, config.http),
  });
}

describe('CORS (CORS_ORIGINS)', () => {
  const ops = 'https://ops.example.cn';

  it('answers a configured origin, preflight included, and no other', async () => {
    const app = await appWith({ CORS_ORIGINS: `${ops}, http://localhost:5173` });
    try {
      const pre = await app.inject({
        method: 'OPTIONS',
        url: '/t/open',
        headers: {
          origin: ops,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(ops);
      expect(String(pre.headers['access-control-allow-headers'])).toMatch(/Authorization/);
      expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
      const get = await app.inject({ url: '/t/open', headers: { origin: ops } });
      expect(get.headers['access-control-allow-origin']).toBe(ops);
      const other = await app.inject({
        url: '/t/open',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.statusCode).toBe(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('sends no CORS header at all by default', async () => {
    const app = await appWith({});
    try {
      const get = await app.inject({ url: '/t/open', headers: { origin: ops } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('refuses a malformed origin at start', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'ops.example.cn' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://ops.example.cn/' })).toThrow(/origin/);
  });
});
