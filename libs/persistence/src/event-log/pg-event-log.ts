import { EventLog, HistoryRow, RecordBatch, StoreRefusedError } from '@app/ingestion';
import type { PackedRecord } from '@app/live-store/live-apply';
import type { LiveSpace } from '@app/live-store/live-space';
import { decodeRecord } from '@app/live-store/record-codec';
import { Pool } from 'pg';
import { RECORD_BATCH, SELECT_RECORDS } from './event-log.sql';
import { boolArray, numberArray, textArray } from './pg-array';
import { classifyPgError } from './pg-failure';

const STATEMENT = 'ingest_record_batch_v2';

const key = (sensorId: string, seq: number, ts: number) => `${sensorId}|${seq}|${ts}`;

/** History, rejections and durable live records in PostgreSQL, one statement per batch. */
export class PgEventLog extends EventLog {
  constructor(private readonly pool: Pool) {
    super();
  }

  /**
   * Copies of one uplink inside a batch (two gateways) go in together: ON CONFLICT DO NOTHING
   * keeps the first. Only when fewer rows went in than were sent are keys compared, to tell new
   * rows from duplicates; the first copy in the batch is the new one.
   */
  async record(batch: RecordBatch): Promise<boolean[]> {
    const events = batch.events;
    let res;
    try {
      res = await this.pool.query<{ n: number; keys: string | null }>({
        name: STATEMENT,
        text: RECORD_BATCH,
        values: values(batch),
      });
    } catch (err) {
      throw classifyPgError(err);
    }
    const { n, keys } = res.rows[0];
    if (n === events.length) return events.map(() => true);
    const inserted = new Set(keys ? keys.split('\n') : []);
    return events.map((e) => inserted.delete(key(e.sensorId, e.seq, e.ts)));
  }

  /** Runs the batch's statement in a transaction that is rolled back: null if it would pass. */
  async probe(batch: RecordBatch): Promise<string | null> {
    let client;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw classifyPgError(err);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        await client.query({ name: STATEMENT, text: RECORD_BATCH, values: values(batch) });
        return null;
      } catch (err) {
        const e = classifyPgError(err);
        if (e instanceof StoreRefusedError) return e.detail;
        throw e;
      } finally {
        await client.query('ROLLBACK').catch(() => (broken = true));
      }
    } catch (err) {
      broken = true;
      throw classifyPgError(err);
    } finally {
      client.release(broken);
    }
  }

  async loadSpaceStates(lotIds?: string[]): Promise<LiveSpace[]> {
    const res = await this.pool.query<{ space_id: string; lot_id: string; record: string }>(
      SELECT_RECORDS,
      [lotIds ?? null],
    );
    return res.rows.map((r) => decodeRecord(r.lot_id, r.space_id, r.record));
  }
}

function values(batch: RecordBatch): unknown[] {
  return [
    ...historyColumns(batch.events),
    ...recordColumns(batch.states),
    ...rejectionColumns(batch),
    batch.events.length,
  ];
}

function historyColumns(rows: HistoryRow[]): string[] {
  const n = rows.length;
  const sensor = new Array<string>(n);
  const space = new Array<string>(n);
  const gateway = new Array<string>(n);
  const seq = new Array<number>(n);
  const type = new Array<string>(n);
  const occupied = new Array<boolean>(n);
  const ts = new Array<number>(n);
  const rcv = new Array<number>(n);
  const battery = new Array<number | undefined>(n);
  const temperature = new Array<number | undefined>(n);
  const rssi = new Array<number | undefined>(n);
  const late = new Array<boolean>(n);
  const extra = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    sensor[i] = r.sensorId;
    space[i] = r.spaceId;
    gateway[i] = r.gatewayId;
    seq[i] = r.seq;
    type[i] = r.type;
    occupied[i] = r.occupied;
    ts[i] = r.ts;
    rcv[i] = r.receivedAt;
    battery[i] = r.batteryMv;
    temperature[i] = r.temperatureC;
    rssi[i] = r.rssi;
    late[i] = r.late;
    extra[i] = r.extra ? JSON.stringify(r.extra) : null;
  }
  return [
    textArray(sensor),
    textArray(space),
    textArray(gateway),
    numberArray(seq),
    textArray(type),
    boolArray(occupied),
    numberArray(ts),
    numberArray(rcv),
    numberArray(battery),
    numberArray(temperature),
    numberArray(rssi),
    boolArray(late),
    textArray(extra),
  ];
}

/** Newest record per space, sorted by id so concurrent batches lock rows in the same order. */
function recordColumns(states: PackedRecord[]): string[] {
  const latest = new Map<string, PackedRecord>();
  for (const s of states) {
    const cur = latest.get(s.spaceId);
    if (!cur || cur.ver < s.ver) latest.set(s.spaceId, s);
  }
  const list = [...latest.values()].sort((a, b) => (a.spaceId < b.spaceId ? -1 : 1));
  return [
    textArray(list.map((s) => s.spaceId)),
    textArray(list.map((s) => s.lotId)),
    numberArray(list.map((s) => s.ver)),
    textArray(list.map((s) => s.packed)),
  ];
}

function rejectionColumns(batch: RecordBatch): string[] {
  const r = batch.rejections;
  return [
    numberArray(r.map((x) => x.receivedAt)),
    textArray(r.map((x) => x.gatewayId)),
    textArray(r.map((x) => x.reason)),
    textArray(r.map((x) => x.detail)),
    textArray(r.map((x) => x.sensorId ?? null)),
    textArray(r.map((x) => x.raw)),
  ];
}
