import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@app/config';
import { CityFile, ZoneClock, normaliseCityFile, parseCityFile } from '@app/domain';
import { WhatIfService } from '@app/enforcement';
import {
  PgCityStore,
  PgSessionHistory,
  ensureOccupancyPartitions,
  openDatabase,
} from '@app/persistence';
import { EventStream, generateCity } from '../../sensors-sim/src';

const DAY_MS = 86_400_000;
const BATCH = 5000;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The change an operator might try: longer short stays, a rest-day grace, street cleaning. */
function changedCity(city: CityFile): CityFile {
  const rules = city.rules.map((r) =>
    r.kind === 'short_stay' ? { ...r, maxStayMin: r.maxStayMin + 30 } : r,
  );
  rules.push({
    id: 'R-whatif-cleaning',
    kind: 'no_parking',
    windows: [{ days: 'working_days', from: '03:00', to: '05:00' }],
  });
  return {
    ...city,
    rules,
    exemptions: [
      ...city.exemptions,
      {
        id: 'E-whatif-rest-days',
        when: 'rest_days',
        violations: ['overstay'],
        minorOverstayMin: 30,
      },
    ],
    lots: city.lots.map((l, i) =>
      i % 10 === 0 ? { ...l, ruleIds: [...(l.ruleIds ?? []), 'R-whatif-cleaning'] } : l,
    ),
  };
}

/** Records the simulated uplinks as ingest would: valid events only, late = older than the last. */
async function record(ds: DataSource, city: CityFile, stream: EventStream): Promise<number> {
  const spaceOf = new Map(city.sensors.map((s) => [s.id, s.spaceId]));
  const lastTs = new Map<string, number>();
  const cols: unknown[][] = [[], [], [], [], [], [], [], []];
  let n = 0;
  const flush = async () => {
    if (!cols[0].length) return;
    await ds.query(
      `INSERT INTO occupancy_events (sensor_id, space_id, gateway_id, seq, type, occupied, ts, late)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[],
                            $6::boolean[], $7::timestamptz[], $8::boolean[])
       ON CONFLICT DO NOTHING`,
      cols,
    );
    n += cols[0].length;
    for (const c of cols) c.length = 0;
  };
  for (const d of stream) {
    const e = d.event;
    if (!e) continue;
    const ts = typeof e.ts === 'number' ? e.ts : Date.parse(e.ts);
    if (!Number.isFinite(ts) || !spaceOf.has(e.sensorId)) continue;
    const late = ts < (lastTs.get(e.sensorId) ?? -Infinity);
    if (!late) lastTs.set(e.sensorId, ts);
    const row = [e.sensorId, spaceOf.get(e.sensorId), d.gatewayId, e.seq, e.type, e.occupied];
    row.forEach((v, i) => cols[i].push(v));
    cols[6].push(new Date(ts));
    cols[7].push(late);
    if (cols[0].length >= BATCH) await flush();
  }
  await flush();
  return n;
}

/**
 * What-if replay of a simulated week (docs/what-if.md "Performance"): a generated city, its
 * sensors simulated for the week (plus the day before, which the replay reads as look-back) and
 * recorded in occupancy_events, then replayed under the stored and a changed city file.
 * `flock /tmp/bench.lock npm run bench:what-if -- --spaces 5000 --days 7`; or record first without
 * the lock (`--keep --record-only`, prints the database) and time the replay alone under it
 * (`flock /tmp/bench.lock npm run bench:what-if -- --db <name>`; it drops the database after).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spaces: { type: 'string', default: '5000' },
      days: { type: 'string', default: '7' },
      /** Replay a database recorded before (with --keep) instead of recording a new one. */
      db: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'record-only': { type: 'boolean', default: false },
      /** Simulate this many days and repeat them (ts shifted by whole days) to fill the period. */
      'sim-days': { type: 'string' },
    },
  });
  const spaces = Number(values.spaces);
  const days = Number(values.days);
  const config = loadConfigOrExit();
  const server = new URL(config.db.url);
  const name = values.db ?? `bench_whatif_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: new URL('/postgres', server).toString() });
  await admin.connect();
  if (!values.db) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(`/${name}`, server).toString();
  const ds = await openDatabase({ db: { ...config.db, url, runMigrations: true } }, 'bench');
  try {
    const { city } = generateCity({ spaces, seed: 'what-if' });
    const clock = new ZoneClock(city.city.timeZone);
    let from: number;
    let to: number;
    if (values.db) {
      const [r] = (await ds.query(
        `SELECT (EXTRACT(EPOCH FROM min(ts)) * 1000)::float8 AS lo,
                (EXTRACT(EPOCH FROM max(ts)) * 1000)::float8 AS hi FROM occupancy_events`,
      )) as Array<{ lo: number; hi: number }>;
      // the simulator starts a few seconds early (boot jitter): round to the nearest local day
      from = clock.startOf(clock.dayOf(r.lo + DAY_MS / 2) + 1);
      to = clock.startOf(clock.dayOf(r.hi) + 1);
      if (clock.dayOf(to - 1) - clock.dayOf(from) + 1 !== days) throw new Error('--days differs');
    } else {
      await new PgCityStore(ds).replaceCity(normaliseCityFile(parseCityFile(city)));
      const today = clock.dayOf(Date.now());
      from = clock.startOf(today - days);
      to = clock.startOf(today);
      const startMs = from - DAY_MS;
      await ensureOccupancyPartitions(
        ds,
        new Date(startMs - DAY_MS).toISOString().slice(0, 10),
        new Date(to + DAY_MS).toISOString().slice(0, 10),
      );
      const t0 = performance.now();
      const total = days + 1;
      const simDays = Math.min(total, Number(values['sim-days'] ?? total));
      const stream = new EventStream(city, {
        seed: 'what-if',
        startMs,
        durationMs: simDays * DAY_MS,
      });
      await record(ds, city, stream);
      for (let k = simDays; k < total; k += simDays) {
        const n = Math.min(simDays, total - k);
        await ds.query(
          `INSERT INTO occupancy_events (sensor_id, space_id, gateway_id, seq, type, occupied, ts, late)
           SELECT sensor_id, space_id, gateway_id, seq, type, occupied, ts + $1 * interval '1 day', late
           FROM occupancy_events WHERE ts >= $2 AND ts < $3 ON CONFLICT DO NOTHING`,
          [k, new Date(startMs), new Date(startMs + n * DAY_MS)],
        );
      }
      const [c] = (await ds.query('SELECT count(*)::int AS n FROM occupancy_events')) as Array<{
        n: number;
      }>;
      const events = c.n;
      await ds.query('ANALYZE occupancy_events');
      console.log(
        `${spaces} spaces, ${days} days (+1 day look-back; ${simDays} simulated, repeated): ` +
          `${events} uplinks recorded in ${secs(performance.now() - t0)}; database ${name}`,
      );
      if (values['record-only']) return;
    }
    const svc = new WhatIfService(new PgSessionHistory(ds), { graceMin: 5 });
    const candidate = changedCity(city);
    for (const run of [1, 2]) {
      const t = performance.now();
      const r = await svc.run({ city: candidate, from, to });
      console.log(
        `what-if run ${run}: ${secs(performance.now() - t)} (read ${secs(r.timings.readMs)}, replay ${secs(r.timings.replayMs)}); ` +
          `${r.sessions} sessions, ${r.zones.length} zones, ${r.totals.sessionsAffected} affected, ` +
          `suspected ${r.totals.baseline.suspectedBreaches} -> ${r.totals.candidate.suspectedBreaches}, ` +
          `exempted ${r.totals.baseline.exemptedViolations} -> ${r.totals.candidate.exemptedViolations}, ` +
          `public space-h ${r.totals.baseline.publicSpaceHours} -> ${r.totals.candidate.publicSpaceHours}`,
      );
    }
  } finally {
    await ds.destroy();
    if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
