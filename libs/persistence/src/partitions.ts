import { DataSource, EntityManager } from 'typeorm';

const DAY_MS = 86_400_000;

function utcDay(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** Creates the missing daily partitions of occupancy_events for [fromDay, toDay] (UTC dates). */
export async function ensureOccupancyPartitions(
  db: DataSource | EntityManager,
  fromDay: string,
  toDay: string,
): Promise<number> {
  const rows: Array<{ created: number }> = await db.query(
    'SELECT ensure_occupancy_partitions($1::date, $2::date) AS created',
    [fromDay, toDay],
  );
  return rows[0].created;
}

/**
 * Keeps partitions ready around `now`: the history window accepted by ingest (7 days back, plus
 * a day of margin) and a week ahead. Call at boot and daily.
 */
export async function ensureOccupancyPartitionsAround(
  db: DataSource | EntityManager,
  now: Date = new Date(),
  daysBack = 8,
  daysAhead = 7,
): Promise<number> {
  return ensureOccupancyPartitions(
    db,
    utcDay(new Date(now.getTime() - daysBack * DAY_MS)),
    utcDay(new Date(now.getTime() + daysAhead * DAY_MS)),
  );
}

/**
 * Re-runs ensureOccupancyPartitionsAround every `everyMs` (default 6 h) for long-running
 * processes without Nest (the ingest worker); returns a stop function. The timer is unref'd.
 */
export function schedulePartitionMaintenance(
  db: DataSource,
  onError: (err: unknown) => void,
  everyMs = 6 * 3600 * 1000,
): () => void {
  const timer = setInterval(() => {
    ensureOccupancyPartitionsAround(db).catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
