/** @needs postgres (test/support/services.js) */
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { DataSource } from 'typeorm';
import { createEmptyDatabase, TestDatabase } from '../support/db';
import { serviceEnv } from '../support/test-services';

describe('PersistenceModule at boot', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(() => db?.drop());

  async function boot(runMigrations: boolean) {
    const config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATABASE_RUN_MIGRATIONS: String(runMigrations),
    });
    return Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), PersistenceModule],
    }).compile();
  }

  it('refuses to start on an unmigrated database when migrations are off', async () => {
    await expect(boot(false)).rejects.toThrow(/ensure_occupancy_partitions/);
  });

  it('migrates an empty database when config.db.runMigrations, concurrently safe', async () => {
    const [a, b] = await Promise.all([boot(true), boot(true)]);
    const ds = a.get(DataSource);
    expect(ds.isInitialized).toBe(true);
    expect(await ds.showMigrations()).toBe(false);
    const t: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('spaces', 'occupancy_events')`,
    );
    expect(t[0].n).toBe(2);
    await a.close();
    await b.close();
    expect(ds.isInitialized).toBe(false);
  });
});
