import { EntityManager } from 'typeorm';

/** Tables whose foreign keys are re-validated in one query each instead of row by row. */
const BULK_TABLES = ['spaces', 'sensors', 'sensor_gateways'];

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * For a bulk import (many new rows), checking a foreign key per inserted row costs more than the
 * insert itself. This drops the foreign keys of the big tables inside the import transaction and
 * re-adds them from their own catalog definition afterwards, which validates every row with one
 * anti-join. The price is an exclusive lock on those tables until commit, so it is used only
 * when many rows are inserted. Returns the function that restores (and validates) them.
 */
export async function suspendForeignKeys(em: EntityManager): Promise<() => Promise<void>> {
  const keys: ForeignKey[] = await em.query(
    `SELECT conrelid::regclass::text AS "table", conname AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND conrelid = ANY($1::regclass[])
      ORDER BY conname`,
    [BULK_TABLES],
  );
  for (const k of keys) await em.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  return async () => {
    // pending deferred checks must fire before ALTER TABLE may touch these tables again
    await em.query('SET CONSTRAINTS ALL IMMEDIATE');
    for (const k of keys) {
      await em.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.definition}`);
    }
  };
}

/** Bulk mode when the file brings at least `threshold` more spaces than the database holds. */
export async function isBulkImport(
  em: EntityManager,
  fileSpaces: number,
  threshold: number,
): Promise<boolean> {
  if (fileSpaces < threshold) return false;
  const r: Array<{ n: number }> = await em.query('SELECT count(*)::int AS n FROM spaces');
  return fileSpaces - r[0].n >= threshold;
}
