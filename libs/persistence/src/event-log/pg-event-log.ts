import { EventLog, HistoryRow, RecordBatch } from '@app/ingestion';
import type { LiveSpace } from '@app/live-store';
import { Pool, PoolClient } from 'pg';
import { INSERT_EVENTS, INSERT_REJECTIONS, SELECT_STATES, UPSERT_STATES } from './event-log.sql';

const STATE_CODE = { free: 'f', occupied: 'o', unknown: 'u' } as const;
const STATE_NAME = { f: 'free', o: 'occupied', u: 'unknown' } as const;

const key = (sensorId: string, seq: number, ts: number) => `${sensorId}|${seq}|${ts}`;

interface StateRow {
  space_id: string;
  lot_id: string;
  sensor_id: string;
  state: 'f' | 'o' | 'u';
  since_ms: string;
  last_seen_ms: string;
  seq: string;
  boot_ts_ms: string;
  last_ts_ms: string;
  occupied: boolean;
  battery_mv: number | null;
  battery_low: boolean;
  ver: string;
  lost: string;
  stale_ms: string;
}

/** History, rejections and durable live records in PostgreSQL, one transaction per batch. */
export class PgEventLog extends EventLog {
  constructor(private readonly pool: Pool) {
    super();
  }

  async record(batch: RecordBatch): Promise<boolean[]> {
    const { unique, firstOf } = dedupe(batch.events);
    const client = await this.pool.connect();
    let inserted: Set<string>;
    try {
      await client.query('BEGIN');
      inserted = unique.length ? await this.insertEvents(client, unique) : new Set();
      if (batch.states.length) await this.upsertStates(client, batch.states);
      if (batch.rejections.length) await this.insertRejections(client, batch);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw err;
    }
    client.release();
    return batch.events.map((e, i) => firstOf[i] && inserted.has(key(e.sensorId, e.seq, e.ts)));
  }

  private async insertEvents(c: PoolClient, rows: HistoryRow[]): Promise<Set<string>> {
    const res = await c.query<{ sensor_id: string; seq: string; ts_ms: string }>(INSERT_EVENTS, [
      rows.map((r) => r.sensorId),
      rows.map((r) => r.spaceId),
      rows.map((r) => r.gatewayId),
      rows.map((r) => r.seq),
      rows.map((r) => r.type),
      rows.map((r) => r.occupied),
      rows.map((r) => r.ts),
      rows.map((r) => r.receivedAt),
      rows.map((r) => r.batteryMv ?? null),
      rows.map((r) => r.temperatureC ?? null),
      rows.map((r) => r.rssi ?? null),
      rows.map((r) => r.late),
      rows.map((r) => (r.extra ? JSON.stringify(r.extra) : null)),
    ]);
    return new Set(res.rows.map((r) => key(r.sensor_id, Number(r.seq), Number(r.ts_ms))));
  }

  private async upsertStates(c: PoolClient, states: LiveSpace[]): Promise<void> {
    const latest = new Map<string, LiveSpace>();
    for (const s of states) {
      const cur = latest.get(s.spaceId);
      if (!cur || cur.ver < s.ver) latest.set(s.spaceId, s);
    }
    const list = [...latest.values()].sort((a, b) => (a.spaceId < b.spaceId ? -1 : 1));
    await c.query(UPSERT_STATES, [
      list.map((s) => s.spaceId),
      list.map((s) => s.lotId),
      list.map((s) => s.sensorId),
      list.map((s) => STATE_CODE[s.state]),
      list.map((s) => s.since),
      list.map((s) => s.lastSeen),
      list.map((s) => s.seq),
      list.map((s) => s.bootTs),
      list.map((s) => s.lastTs),
      list.map((s) => s.occupied),
      list.map((s) => s.batteryMv),
      list.map((s) => s.batteryLow),
      list.map((s) => s.ver),
      list.map((s) => s.lost),
      list.map((s) => s.staleMs),
    ]);
  }

  private async insertRejections(c: PoolClient, batch: RecordBatch): Promise<void> {
    const r = batch.rejections;
    await c.query(INSERT_REJECTIONS, [
      r.map((x) => new Date(x.receivedAt).toISOString()),
      r.map((x) => x.gatewayId),
      r.map((x) => x.reason),
      r.map((x) => x.detail),
      r.map((x) => x.sensorId ?? null),
      r.map((x) => x.raw),
    ]);
  }

  async loadSpaceStates(lotIds?: string[]): Promise<LiveSpace[]> {
    const res = await this.pool.query<StateRow>(SELECT_STATES, [lotIds ?? null]);
    return res.rows.map((r) => ({
      spaceId: r.space_id,
      lotId: r.lot_id,
      sensorId: r.sensor_id,
      state: STATE_NAME[r.state],
      since: Number(r.since_ms),
      lastSeen: Number(r.last_seen_ms),
      seq: Number(r.seq),
      bootTs: Number(r.boot_ts_ms),
      lastTs: Number(r.last_ts_ms),
      occupied: r.occupied,
      batteryMv: r.battery_mv,
      batteryLow: r.battery_low,
      ver: Number(r.ver),
      lost: Number(r.lost),
      staleMs: Number(r.stale_ms),
    }));
  }
}

/** Same uplink twice in one batch (two gateways): keep the first, report the rest as duplicates. */
function dedupe(rows: HistoryRow[]): { unique: HistoryRow[]; firstOf: boolean[] } {
  const seen = new Set<string>();
  const unique: HistoryRow[] = [];
  const firstOf = rows.map((r) => {
    const k = key(r.sensorId, r.seq, r.ts);
    if (seen.has(k)) return false;
    seen.add(k);
    unique.push(r);
    return true;
  });
  return { unique, firstOf };
}
