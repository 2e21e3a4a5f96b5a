/** @needs postgres (test/support/services.js) */
import { loadConfig } from '@app/config';
import { MemoryLiveState } from '@app/live-store';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { startChild } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { serviceEnv } from '../support/test-services';

const ROOT = join(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'openapi.json');
const TYPES = join(ROOT, 'apps', 'dashboard', 'src', 'api-schema.d.ts');
const STALE = 'out of date with the code: run `npm run openapi` and commit the result';

jest.setTimeout(60_000);

/**
 * The dashboard's API types are generated from the committed OpenAPI document (docs/openapi.json
 * -> apps/dashboard/src/api-schema.d.ts, `npm run openapi`): both must equal what the code gives
 * today, or the page would be type-checked against an API that no longer exists.
 */
describe('the dashboard typed client is current with the API', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication | undefined;
  let tmp: string | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('docs/openapi.json is the document the API serves', async () => {
    app = await createApiApp(
      loadConfig({
        ...serviceEnv(),
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        DATABASE_RUN_MIGRATIONS: 'false',
        JWT_SECRET: 'j'.repeat(40),
      }),
      { live: new MemoryLiveState() },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const served = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const committed: unknown = JSON.parse(readFileSync(DOC, 'utf8'));
    if (JSON.stringify(committed) !== JSON.stringify(served)) {
      // the difference first, readable
      expect(committed).toEqual(served);
      throw new Error(`docs/openapi.json differs in key order: ${STALE}`);
    }
  });

  it('api-schema.d.ts is what openapi-typescript generates from docs/openapi.json', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'dashboard-types-'));
    const out = join(tmp, 'api-schema.d.ts');
    const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    const child = startChild(process.execPath, [cli, DOC, '-o', out], { cwd: ROOT });
    const code = await child.exited;
    if (code !== 0) throw new Error(`openapi-typescript failed (${code}):\n${child.output()}`);
    const committed = readFileSync(TYPES, 'utf8');
    if (committed !== readFileSync(out, 'utf8')) {
      throw new Error(`apps/dashboard/src/api-schema.d.ts is ${STALE}`);
    }
  });
});
