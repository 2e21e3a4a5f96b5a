import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { pgAdminUrl, pgUrl } from './test-services';

/**
 * Throwaway PostgreSQL databases for integration tests, on the test server (TEST_DATABASE_URL:
 * found or started for the run, test/support/test-services.ts).
 * A migrated template is built once per migration set (and per UTC day, since the migration
 * creates the partitions around today), then each test database is a cheap copy of it.
 * Everything that creates or drops templates holds one advisory lock, so parallel jest workers
 * and other engineers' runs never copy a template while it is being built.
 */
const LOCK_KEY = 7_264_002;
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'libs', 'persistence', 'src', 'migrations');

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  return pgUrl(name);
}

function migrationSetHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) {
    if (!/\.(ts|js)$/.test(f)) continue;
    h.update(f)
      .update('\0')
      .update(readFileSync(join(MIGRATIONS_DIR, f)))
      .update('\0');
  }
  h.update(new Date().toISOString().slice(0, 10));
  return h.digest('hex').slice(0, 16);
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: pgAdminUrl(), application_name: 'test-db-helper' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function exists(c: Client, name: string): Promise<boolean> {
  const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return r.rowCount === 1;
}

async function migrate(name: string): Promise<void> {
  const ds = new DataSource(
    dataSourceOptions(
      { db: { url: urlFor(name), poolSize: 2, runMigrations: true } },
      { applicationName: 'test-db-template' },
    ),
  );
  await ds.initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

/** Builds the template for the current migration set if missing; call with the lock held. */
async function ensureTemplate(c: Client): Promise<string> {
  const template = `tmpl_parking_${migrationSetHash()}`;
  if (await exists(c, template)) return template;
  const building = `${template}_building`;
  await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${building}`);
  try {
    await migrate(building);
  } catch (err) {
    await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    throw err;
  }
  await c.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  const stale = await c.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'tmpl\\_parking\\_%' AND datname <> $1`,
    [template],
  );
  for (const { datname } of stale.rows) {
    await c.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  }
  return template;
}

function handle(name: string): TestDatabase {
  return {
    name,
    url: urlFor(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(),
  };
}

/** A fresh database without any migration applied (to test migrating itself). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  return handle(name);
}

/** A fresh, fully migrated database with a random name; `drop()` removes it (FORCE). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      const template = await ensureTemplate(c);
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
  return handle(name);
}
