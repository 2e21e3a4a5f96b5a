import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@app/config';
import type { CityFile } from '@app/domain';
import { createLiveRedis, RedisLiveStore } from '@app/live-store';
import { Client } from 'pg';
import { runCityCli } from '../../../apps/cli/src/city.cli';
import type { FaultOptions, GroundTruthReport, StreamInput } from '../../../sensors-sim/src';
import { createTestDatabase, type TestDatabase } from '../../support/db';
import { deletePrefix } from '../../support/redis-keys';
import { serviceEnv } from '../../support/test-services';

const HOUR = 3_600_000;

/** Every fault well above its default, so a short run exercises all of them. */
export const E2E_FAULTS: FaultOptions = {
  repeat: 0.05,
  dual: 0.5,
  reorder: 0.03,
  loss: 0.02,
  flap: 0.1,
  skewShare: 0.1,
  maxSkewS: 120,
  invalid: 0.01,
  outagesPerGatewayDay: 8,
  outageMeanMin: 10,
};

/** Three simulated hours ending now, so every honest `ts` is inside the accepted window. */
export function e2eStreamOptions(seed: string): StreamInput {
  const durationMs = 3 * HOUR;
  return {
    seed,
    startMs: Math.floor((Date.now() - durationMs) / 1000) * 1000,
    durationMs,
    rebootsPerDay: 4,
    seqWrapShare: 0.05,
    faults: E2E_FAULTS,
  };
}

export interface SimBackend {
  id: string;
  prefix: string;
  root: string;
  db: TestDatabase;
  pg: Client;
  config: AppConfig;
  close(): Promise<void>;
}

/** A throwaway database holding the city (imported with the city CLI), a Redis prefix, a topic root. */
export async function simBackend(
  city: CityFile,
  env: Record<string, string> = {},
): Promise<SimBackend> {
  const id = randomBytes(4).toString('hex');
  const prefix = `t:${id}:`;
  const root = `t${id}/`;
  const db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'sim-e2e-'));
  try {
    const file = join(dir, 'city.json');
    writeFileSync(file, JSON.stringify(city));
    const io = { out: () => undefined, err: (t: string) => void process.stderr.write(t) };
    const code = await runCityCli(
      ['import', file],
      io,
      loadConfig({ ...serviceEnv(), DATABASE_URL: db.url }),
    );
    if (code !== 0) throw new Error(`city import failed (${code})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({
    ...serviceEnv(),
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_KEY_PREFIX: prefix,
    MQTT_TOPIC_ROOT: root,
    MQTT_CLIENT_ID: `ingest-${id}`,
    INGEST_METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  return {
    id,
    prefix,
    root,
    db,
    pg,
    config,
    close: async () => {
      await pg.end();
      await deletePrefix(prefix);
      await db.drop();
    },
  };
}

export async function rejectionsByReason(pg: Client): Promise<Record<string, number>> {
  const rows = await pg.query<{ reason: string; n: string }>(
    'SELECT reason, count(*) AS n FROM ingest_rejections GROUP BY reason',
  );
  return Object.fromEntries(rows.rows.map((r) => [r.reason, Number(r.n)]));
}

export function expectedRejections(truth: GroundTruthReport): Record<string, number> {
  return Object.fromEntries(Object.entries(truth.expectedRejections).filter(([, n]) => n > 0));
}

export const sameCounts = (a: Record<string, number>, b: Record<string, number>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Spaces whose live state (state, seq, sensor) or lot counts differ from the ground truth. */
export async function liveMismatches(
  b: SimBackend,
  city: CityFile,
  truth: GroundTruthReport,
): Promise<string[]> {
  const redis = createLiveRedis(
    { url: b.config.redis.url, keyPrefix: b.prefix },
    { offlineQueue: true },
  );
  try {
    const store = new RedisLiveStore(redis);
    const lots = city.lots.map((l) => l.id);
    const live = new Map((await store.snapshotSpaces(lots)).map((s) => [s.spaceId, s]));
    const bad: string[] = [];
    for (const t of truth.sensors) {
      const got = live.get(t.spaceId);
      const want = t.occupied ? 'occupied' : 'free';
      if (
        !got ||
        got.state !== want ||
        got.seq !== t.lastEvent?.seq ||
        got.sensorId !== t.sensorId
      ) {
        bad.push(`${t.spaceId}: want ${want}/${t.lastEvent?.seq}, got ${got?.state}/${got?.seq}`);
      }
    }
    for (const c of await store.lotCounts(lots)) {
      const inLot = city.spaces.filter((s) => s.lotId === c.lotId).map((s) => live.get(s.id));
      const occupied = inLot.filter((s) => s?.state === 'occupied').length;
      if (c.occupied !== occupied || c.free !== inLot.length - occupied || c.unknown !== 0) {
        bad.push(`${c.lotId}: counts ${c.free}/${c.occupied}/${c.unknown}`);
      }
    }
    return bad;
  } finally {
    redis.disconnect();
  }
}

export async function historyCount(pg: Client): Promise<number> {
  return Number((await pg.query('SELECT count(*) AS n FROM occupancy_events')).rows[0].n);
}

/** Distinct uplinks among the valid deliveries (copies through a second gateway or repeats are one). */
export function distinctUplinks(truth: GroundTruthReport): number {
  return truth.totals.validEvents - truth.faults.repeated - truth.faults.dual;
}

/**
 * Slack (simulated ms) for boot races: at speed max, deliveries reach the backend up to a batch
 * window and a few milliseconds of wall time (about a simulated second) out of the simulator's
 * order. GroundTruth counts the uplinks that raced their boot's startup with it.
 */
export const BOOT_RACE_MS = 60_000;

/**
 * How many history rows the run must leave: every distinct uplink, except that an uplink of a new
 * boot that reaches the backend before its boot's `startup` may be judged a repeat of the previous
 * boot's seq (docs/contracts.md: a repeated seq in the window is a duplicate whatever its ts).
 * Those are counted by GroundTruth (`bootRaces`) and may be missing; nothing else may.
 */
export function historyBounds(truth: GroundTruthReport): { min: number; max: number } {
  const max = distinctUplinks(truth);
  return { min: max - truth.bootRaces, max };
}

/** The history count once it holds at least `min` rows and stopped changing for a second. */
export async function settledHistoryCount(pg: Client, min: number, ms = 30_000): Promise<number> {
  const until = Date.now() + ms;
  let n = await historyCount(pg);
  let stable = 0;
  while (Date.now() < until && stable < 4) {
    await new Promise((r) => setTimeout(r, 250));
    const next = await historyCount(pg);
    stable = next === n && n >= min ? stable + 1 : 0;
    n = next;
  }
  return n;
}

export async function eventually<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms;
  let v = await probe();
  while (!done(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    v = await probe();
  }
  return v;
}

/**
 * Invalid messages sent without a stored refusal of the intended reason from the same gateway,
 * matched one to one on the start of the raw payload; empty when every refusal is as intended.
 */
export async function unmatchedRefusals(pg: Client, truth: GroundTruthReport): Promise<string[]> {
  const rows = await pg.query<{ gateway_id: string; reason: string; raw: string | null }>(
    'SELECT gateway_id, reason, raw FROM ingest_rejections',
  );
  const stored = new Map<string, number>();
  const key = (g: string, reason: string, raw: string) => `${g}|${reason}|${raw.slice(0, 256)}`;
  for (const r of rows.rows) {
    const k = key(r.gateway_id, r.reason, r.raw ?? '');
    stored.set(k, (stored.get(k) ?? 0) + 1);
  }
  const missing: string[] = [];
  for (const x of truth.invalidSent) {
    const k = key(x.gatewayId, x.reason, x.head);
    const n = stored.get(k) ?? 0;
    if (n === 0) missing.push(k.slice(0, 160));
    else stored.set(k, n - 1);
  }
  const unexpected = [...stored]
    .filter(([, n]) => n > 0)
    .map(([k]) => `unexpected ${k.slice(0, 160)}`);
  return [...missing, ...unexpected];
}
