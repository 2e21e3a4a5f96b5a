import { createLiveRedis, RedisLiveStore } from '@app/live-store';
import { Client } from 'pg';
import { liveMismatches } from '../../ingest/support/expect-converged';
import { Published } from '../../ingest/support/publisher';
import { TestCity } from '../../ingest/support/test-city';
import { SentEvent } from './load-generator';

export interface ExpectedRejection {
  reason: string;
  /** The sensor_id the row must carry; omit when the id itself is the poison. */
  sensorId?: string;
}

export interface VerifyInput {
  pg: Client;
  city: TestCity;
  prefix: string;
  redisUrl: string;
  events: SentEvent[];
  /** Which events must be in history (default: the acked ones). */
  mustRecord?: (e: SentEvent) => boolean;
  /** Sensors whose events PostgreSQL refuses: none of them may be in history. */
  refused?: string[];
  /** Exactly these rejections (by reason, multiset), apart from `store_refused` of `refused`. */
  rejections?: ExpectedRejection[];
  timeoutMs?: number;
  /** Called with the figures before anything is asserted, so a failing run still reports. */
  report?: (f: Figures) => void;
}

export interface Figures {
  acked: number;
  mustRecord: number;
  recorded: number;
  rejected: number;
  duplicates: number;
  missing: SentEvent[];
  unknownRows: number;
  live: string[];
  rejectionsByReason: Record<string, number>;
}

interface Row {
  sensor_id: string;
  seq: string;
  ts_ms: string;
  n: string;
}

const key = (sensorId: string, seq: number | string, ts: number | string) =>
  `${sensorId}|${seq}|${ts}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function historyRows(pg: Client): Promise<Row[]> {
  const res = await pg.query<Row>(
    `SELECT sensor_id, seq, (extract(epoch FROM ts) * 1000)::bigint AS ts_ms, count(*) AS n
       FROM occupancy_events GROUP BY 1, 2, 3`,
  );
  return res.rows;
}

/** Live seq per space of the given sensors (0 when the space has no applied uplink). */
export async function liveSeqs(
  prefix: string,
  redisUrl: string,
  city: TestCity,
  sensorIds: string[],
): Promise<Map<string, number>> {
  const redis = createLiveRedis({ url: redisUrl, keyPrefix: prefix }, { offlineQueue: true });
  try {
    const spaces = new Map(
      (await new RedisLiveStore(redis).snapshotSpaces(city.lots)).map((s) => [s.spaceId, s]),
    );
    const out = new Map<string, number>();
    for (const id of sensorIds) {
      const space = city.sensors.find((s) => s.sensorId === id)!.spaceId;
      const got = spaces.get(space);
      out.set(id, got && got.state !== 'unknown' ? got.seq : 0);
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/**
 * Waits for history to hold every event that must be there, then checks: each exactly once,
 * nothing doubled, nothing unknown, live state = the last recorded event of every sensor, and
 * the rejections are exactly the expected ones.
 */
export async function verify(v: VerifyInput): Promise<Figures> {
  const must = v.events.filter(v.mustRecord ?? ((e) => e.acked));
  const until = Date.now() + (v.timeoutMs ?? 30_000);
  let rows: Row[] = [];
  let got = new Map<string, number>();
  for (;;) {
    rows = await historyRows(v.pg);
    got = new Map(rows.map((r) => [key(r.sensor_id, r.seq, r.ts_ms), Number(r.n)]));
    if (must.every((e) => got.has(key(e.sensorId, e.seq, e.ts))) || Date.now() > until) break;
    await sleep(500);
  }
  await sleep(1000); // anything still arriving late would show up as a double
  rows = await historyRows(v.pg);
  got = new Map(rows.map((r) => [key(r.sensor_id, r.seq, r.ts_ms), Number(r.n)]));
  const sent = new Map(v.events.map((e) => [key(e.sensorId, e.seq, e.ts), e]));
  const missing = must.filter((e) => got.get(key(e.sensorId, e.seq, e.ts)) !== 1);
  const perSensorSeq = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.sensor_id}|${r.seq}`;
    perSensorSeq.set(k, (perSensorSeq.get(k) ?? 0) + Number(r.n));
  }
  const duplicates = [...perSensorSeq.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
  const unknownRows = rows.filter((r) => !sent.has(key(r.sensor_id, r.seq, r.ts_ms))).length;
  const refused = new Set(v.refused ?? []);
  const refusedInHistory = rows.filter((r) => refused.has(r.sensor_id)).length;

  // the live state must equal the last event history holds for each sensor
  const last = new Map<string, Published>();
  for (const e of v.events) {
    if (!got.has(key(e.sensorId, e.seq, e.ts))) continue;
    const cur = last.get(e.sensorId);
    if (!cur || cur.seq < e.seq) last.set(e.sensorId, e);
  }
  let live: string[] = [];
  for (let i = 0; i < 20; i++) {
    live = await liveMismatches(v.prefix, v.city, last, v.redisUrl);
    if (live.length === 0) break;
    await sleep(500);
  }
  if (refused.size > 0) {
    for (const [id, seq] of await liveSeqs(v.prefix, v.redisUrl, v.city, [...refused])) {
      if (seq > 0) live.push(`${id}: live seq ${seq} ahead of its (empty) history`);
    }
  }

  const rej = await v.pg.query<{ reason: string; sensor_id: string | null; n: string }>(
    'SELECT reason, sensor_id, count(*) AS n FROM ingest_rejections GROUP BY 1, 2',
  );
  const rejectionsByReason: Record<string, number> = {};
  for (const r of rej.rows) {
    rejectionsByReason[r.reason] = (rejectionsByReason[r.reason] ?? 0) + Number(r.n);
  }
  const figures: Figures = {
    acked: v.events.filter((e) => e.acked).length,
    mustRecord: must.length,
    recorded: rows.reduce((a, r) => a + Number(r.n), 0),
    rejected: rej.rows.reduce((a, r) => a + Number(r.n), 0),
    duplicates,
    missing,
    unknownRows,
    live,
    rejectionsByReason,
  };
  v.report?.(figures);
  const shown = missing
    .slice(0, 10)
    .map((e) => `${e.sensorId}#${e.seq}: ${got.get(key(e.sensorId, e.seq, e.ts)) ?? 0} rows`);
  expect({ missing: shown, missingCount: missing.length }).toEqual({
    missing: [],
    missingCount: 0,
  });
  expect(duplicates).toBe(0);
  expect(unknownRows).toBe(0);
  expect(refusedInHistory).toBe(0);
  expect(live.slice(0, 10)).toEqual([]);
  checkRejections(rej.rows, v);
  return figures;
}

function checkRejections(
  rows: Array<{ reason: string; sensor_id: string | null; n: string }>,
  v: VerifyInput,
): void {
  const refused = new Set(v.refused ?? []);
  const left = rows
    .filter((r) => !(r.reason === 'store_refused' && refused.has(r.sensor_id ?? '')))
    .flatMap((r) => Array.from({ length: Number(r.n) }, () => r));
  const unmatched: string[] = [];
  // rows named by sensor first, so an anonymous expectation cannot take a named one's row
  const wanted = [...(v.rejections ?? [])].sort(
    (a, b) => (a.sensorId ? 0 : 1) - (b.sensorId ? 0 : 1),
  );
  for (const w of wanted) {
    const i = left.findIndex(
      (r) => r.reason === w.reason && (w.sensorId === undefined || r.sensor_id === w.sensorId),
    );
    if (i < 0) unmatched.push(`${w.reason} ${w.sensorId ?? ''}`.trim());
    else left.splice(i, 1);
  }
  expect({
    expectedButMissing: unmatched,
    unexpected: left.map((r) => `${r.reason} ${r.sensor_id ?? ''}`.trim()),
  }).toEqual({ expectedButMissing: [], unexpected: [] });
}
