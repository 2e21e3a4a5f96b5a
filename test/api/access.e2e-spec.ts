/** @needs none (test/support/services.js) */
import { Controller, Get } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/config';
import { JwtService } from '@nestjs/jwt';
import { JwtTokens } from '@app/auth';
import type { Principal } from '@app/domain';
import { Access, Public } from '../../apps/api/src/common/public.decorator';
import { CurrentPrincipal } from '../../apps/api/src/auth/principal.decorator';
import { createNestTestApp } from '../support/nest-test-app';
import { serviceEnv } from '../support/test-services';

@Controller('t')
class ProbeController {
  @Public() @Get('open') open() {
    return { ok: true };
  }
  @Access('admin') @Get('admin') admin() {
    return { ok: true };
  }
  @Access('operator') @Get('operator') operator() {
    return { ok: true };
  }
  @Access('police') @Get('police') police(@CurrentPrincipal() p: Principal) {
    return { role: p.role, zones: p.zones };
  }
  @Access('gateway') @Get('gateway') gateway() {
    return { ok: true };
  }
  @Get('undecided') undecided() {
    return { ok: true };
  }
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('AccessGuard (fail closed)', () => {
  let app: NestFastifyApplication;
  const adminToken = 'a'.repeat(32);
  const secret = 's'.repeat(40);
  const config = loadConfig({ ...serviceEnv(), ADMIN_TOKEN: adminToken, JWT_SECRET: secret });
  const tokens = new JwtTokens(config.auth);
  const officer: Principal = { userId: 'u1', username: 'li', role: 'police', zones: ['Z1'] };
  const operator: Principal = { userId: 'u2', username: 'op', role: 'operator', zones: null };
  const admin: Principal = { userId: 'u3', username: 'ad', role: 'admin', zones: null };

  beforeAll(async () => {
    app = await createNestTestApp({ config, controllers: [ProbeController] });
  });
  afterAll(() => app.close());

  const get = (url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('lets anyone through a public route', async () => {
    expect((await get('/t/open')).statusCode).toBe(200);
  });
  it('refuses an admin route without a token (401) or with a wrong one (403)', async () => {
    const none = await get('/t/admin');
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect((await get('/t/admin', 'b'.repeat(32))).statusCode).toBe(403);
    expect((await get('/t/admin', adminToken)).statusCode).toBe(200);
  });
  it('refuses a route that has no access decision', async () => {
    expect((await get('/t/undecided', adminToken)).statusCode).toBe(403);
  });

  it('maps JWT roles onto access levels', async () => {
    const police = tokens.issue(officer).token;
    const op = tokens.issue(operator).token;
    const ad = tokens.issue(admin).token;
    expect((await get('/t/police', police)).json()).toEqual({ role: 'police', zones: ['Z1'] });
    expect((await get('/t/police', op)).json()).toEqual({ role: 'operator', zones: null });
    expect((await get('/t/police', adminToken)).json()).toEqual({ role: 'admin', zones: null });
    expect((await get('/t/operator', police)).statusCode).toBe(403);
    expect((await get('/t/operator', op)).statusCode).toBe(200);
    expect((await get('/t/admin', op)).statusCode).toBe(403);
    expect((await get('/t/admin', ad)).statusCode).toBe(200);
  });

  it('refuses drivers and gateway credentials on police routes', async () => {
    expect((await get('/t/police')).statusCode).toBe(401);
    expect((await get('/t/police', 'gateway-secret-1234567890')).statusCode).toBe(403);
    expect((await get('/t/gateway')).statusCode).toBe(200);
  });

  it('refuses tampered, expired, foreign and alg:none tokens', async () => {
    const good = tokens.issue(officer).token;
    const [h, , sig] = good.split('.');
    const widened = b64({
      ...JSON.parse(Buffer.from(good.split('.')[1], 'base64url').toString()),
      zones: null,
      role: 'admin',
    });
    const tampered = `${h}.${widened}.${sig}`;
    const expired = tokens.issue(officer, Date.now() - 3600_000).token;
    const foreign = new JwtTokens({ ...config.auth, jwtSecret: 'x'.repeat(40) }).issue(
      officer,
    ).token;
    const payload = b64({
      sub: 'u1',
      name: 'li',
      role: 'admin',
      zones: null,
      iss: 'smart-parking',
      aud: 'parking-staff',
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const hs512 = new JwtService({ secret }).sign(
      { name: 'li', role: 'admin', zones: null },
      { algorithm: 'HS512', subject: 'u1', issuer: 'smart-parking', audience: 'parking-staff' },
    );
    for (const t of [tampered, expired, foreign, none, hs512]) {
      const r = await get('/t/police', t);
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toBe('unauthorized');
    }
    expect((await get('/t/police', expired)).json().message).toBe('token expired');
  });
});

describe('AccessGuard without a JWT secret', () => {
  it('refuses every JWT (no default secret)', () => {
    const unsigned = new JwtTokens({ jwtTtlSeconds: 900 });
    expect(unsigned.enabled).toBe(false);
    expect(() =>
      unsigned.issue({ userId: 'u', username: 'u', role: 'admin', zones: null }),
    ).toThrow(/no JWT secret configured/);
  });
});
