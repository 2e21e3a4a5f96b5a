import { DataSource } from 'typeorm';

/** One process at a time migrates (the api and the ingest worker may boot together). */
const MIGRATION_LOCK = 7_264_001;

/** Runs pending migrations under a session advisory lock; returns the names applied. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await lock.release();
  }
}

/** Reverts every applied migration, newest first. */
export async function revertAllMigrations(ds: DataSource): Promise<number> {
  let reverted = 0;
  while (await hasAppliedMigrations(ds)) {
    await ds.undoLastMigration({ transaction: 'each' });
    reverted += 1;
  }
  return reverted;
}

async function hasAppliedMigrations(ds: DataSource): Promise<boolean> {
  const rows: Array<{ exists: boolean }> = await ds.query(
    `SELECT to_regclass('migrations') IS NOT NULL AS exists`,
  );
  if (!rows[0].exists) return false;
  const count: Array<{ n: number }> = await ds.query('SELECT count(*)::int AS n FROM migrations');
  return count[0].n > 0;
}
