/**
 * One UTC day of `occupancy_events` sampled per lot on the 15-minute grid: each reading holds
 * its state until the space's next reading, for at most an hour (older counts as unknown).
 * $1 day start, $2 day end.
 */
export const SAMPLE_DAY_SQL = `
  WITH ev AS (
    SELECT e.space_id, e.ts, e.occupied,
           lead(e.ts) OVER (PARTITION BY e.space_id ORDER BY e.ts, e.seq) AS next_ts
      FROM occupancy_events e
     WHERE e.ts >= $1::timestamptz - interval '1 hour' AND e.ts < $2::timestamptz
       AND e.space_id IS NOT NULL
  ), cover AS (
    SELECT ev.space_id, ev.occupied, g.t
      FROM ev, generate_series(
             to_timestamp(ceil(extract(epoch FROM greatest(ev.ts, $1::timestamptz)) / 900) * 900),
             least(coalesce(ev.next_ts, $2::timestamptz), ev.ts + interval '1 hour', $2::timestamptz)
               - interval '1 millisecond',
             interval '15 minutes') AS g(t)
  )
  SELECT s.lot_id,
         round((extract(epoch FROM c.t) - extract(epoch FROM $1::timestamptz)) / 900)::int AS i,
         (count(*) FILTER (WHERE NOT c.occupied))::int AS free,
         count(*)::int AS known
    FROM cover c JOIN spaces s ON s.id = c.space_id
   GROUP BY s.lot_id, i`;

export const LOT_CAPACITY_SQL = `
  SELECT l.id, count(se.id)::int AS sensed
    FROM lots l LEFT JOIN spaces sp ON sp.lot_id = l.id LEFT JOIN sensors se ON se.space_id = sp.id
   GROUP BY l.id ORDER BY l.id`;
