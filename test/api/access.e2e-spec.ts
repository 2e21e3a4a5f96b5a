import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule, loadConfig } from '@app/config';
import { AccessGuard } from '../../apps/api/src/common/access.guard';
import { Access, Public } from '../../apps/api/src/common/public.decorator';
import { HttpExceptionFilter } from '../../apps/api/src/common/http-exception.filter';

@Controller('t')
class ProbeController {
  @Public() @Get('open') open() {
    return { ok: true };
  }
  @Access('admin') @Get('admin') admin() {
    return { ok: true };
  }
  @Get('undecided') undecided() {
    return { ok: true };
  }
}

describe('AccessGuard (fail closed)', () => {
  let app: NestFastifyApplication;
  const adminToken = 'a'.repeat(32);

  beforeAll(async () => {
    const mod = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({ ADMIN_TOKEN: adminToken }))],
      controllers: [ProbeController],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    }).compile();
    app = mod.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
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
});
