import type { HistoryRetention } from '@app/config';
import { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;
/** Day partitions are named by ensure_occupancy_partitions (initial migration). */
const DAY_PARTITION = /^occupancy_events_p(\d{4})(\d{2})(\d{2})$/;
/** One retirement at a time across every API instance (pg_advisory_xact_lock key). */
const RETENTION_LOCK = 7_318_005_001;

export interface RetiredPartitions {
  /** Partitions retired in this run (names), oldest first. */
  retired: string[];
  mode: HistoryRetention['mode'];
}

/** The day partitions of occupancy_events, oldest first, with the UTC day each holds. */
export async function occupancyDayPartitions(
  ds: DataSource,
): Promise<Array<{ name: string; day: string }>> {
  const rows: Array<{ name: string }> = await ds.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'occupancy_events'::regclass`,
  );
  return rows
    .map((r) => ({ name: r.name, m: DAY_PARTITION.exec(r.name) }))
    .filter((r) => r.m !== null)
    .map((r) => ({ name: r.name, day: `${r.m![1]}-${r.m![2]}-${r.m![3]}` }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Retires every day partition of the event history whose whole day is older than `days` days
 * before `now`: detached (a short exclusive lock on the parent; `DETACH ... CONCURRENTLY` is not
 * allowed next to the DEFAULT partition), then dropped, or kept as a plain table for archiving
 * (`detach`). The DEFAULT partition is never touched. Safe to run from several instances.
 */
export async function retireOccupancyPartitions(
  ds: DataSource,
  retention: HistoryRetention,
  now: Date = new Date(),
): Promise<RetiredPartitions> {
  const out: RetiredPartitions = { retired: [], mode: retention.mode };
  if (retention.days <= 0) return out;
  const cutoff = new Date(now.getTime() - retention.days * DAY_MS).toISOString().slice(0, 10);
  for (const p of await occupancyDayPartitions(ds)) {
    // the partition holds [day, day + 1): retired once day + 1 <= cutoff
    if (p.day >= cutoff) break;
    const done = await ds.transaction(async (tx) => {
      const [lock] = (await tx.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [
        RETENTION_LOCK,
      ])) as Array<{ ok: boolean }>;
      if (!lock.ok) return false;
      const [still] = (await tx.query(
        `SELECT count(*)::int AS n FROM pg_inherits
         WHERE inhparent = 'occupancy_events'::regclass AND inhrelid = to_regclass($1)`,
        [p.name],
      )) as Array<{ n: number }>;
      if (still.n === 0) return false;
      await tx.query(`ALTER TABLE occupancy_events DETACH PARTITION "${p.name}"`);
      if (retention.mode === 'drop') await tx.query(`DROP TABLE "${p.name}"`);
      return true;
    });
    if (done) out.retired.push(p.name);
  }
  return out;
}
