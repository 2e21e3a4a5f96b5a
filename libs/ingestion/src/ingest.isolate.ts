import { MAX_DETAIL_CHARS, pgSafeText } from '@app/domain';
import type { AppliedBatch } from './applied-batch';
import type { EventLog, HistoryRow, RecordBatch, RejectionRow } from './ports/event-log.port';
import { rawHead } from './ingest.prepare';
import { retrying, RetryOptions } from './retry';

/** What a refused batch is split into: the rows PostgreSQL refuses, each with its reason. */
export interface Refused {
  /** Pending index -> why its history row is refused. */
  events: Map<number, string>;
  /** Indexes in `rejections` of rejection rows refused themselves. */
  rejections: Set<number>;
}

type Unit = { row: HistoryRow; pending: number } | { rejection: RejectionRow; index: number };

/**
 * Finds the rows of a refused batch that cause the refusal: probes halves (each probe is the
 * statement inside a transaction that is rolled back) down to single rows. Only a refused batch
 * pays for it: about 2 log2(rows) probes per bad row.
 */
export async function findRefused(
  log: EventLog,
  b: AppliedBatch,
  rows: HistoryRow[],
  rowOf: number[],
  retry: RetryOptions,
): Promise<Refused> {
  const units: Unit[] = [];
  rowOf.forEach((r, pending) => r >= 0 && units.push({ row: rows[r], pending }));
  b.rejections.forEach((rejection, index) => units.push({ rejection, index }));
  const found: Refused = { events: new Map(), rejections: new Set() };
  const search = async (part: Unit[]): Promise<void> => {
    const batch: RecordBatch = { events: [], rejections: [], states: [] };
    for (const u of part) {
      if ('row' in u) batch.events.push(u.row);
      else batch.rejections.push(u.rejection);
    }
    const detail = await retrying(() => log.probe(batch), retry);
    if (detail === null) return;
    if (part.length === 1) {
      const u = part[0];
      if ('row' in u) found.events.set(u.pending, detail);
      else found.rejections.add(u.index);
      return;
    }
    const mid = part.length >> 1;
    await search(part.slice(0, mid));
    await search(part.slice(mid));
  };
  await search(units);
  return found;
}

/** Every event and rejection of the batch refused (isolation gave up). */
export function refuseAll(b: AppliedBatch, detail: string): Refused {
  return {
    events: new Map(b.pending.map((_, i) => [i, detail])),
    rejections: new Set(b.rejections.map((_, i) => i)),
  };
}

/**
 * The batch without the refused rows: each refused event becomes a `store_refused` rejection
 * (with its message's raw copy, so nothing is lost silently) and is marked rejected in the
 * results; a refused rejection row is kept without its texts. `items`/`pending` keep only the
 * others; the caller re-applies the lots that saw a refused event.
 */
export function withoutRefused(b: AppliedBatch, refused: Refused): AppliedBatch {
  const rejections = b.rejections.map((r, i) =>
    refused.rejections.has(i)
      ? { ...r, detail: 'the rejection itself could not be stored', raw: '', sensorId: undefined }
      : r,
  );
  for (const [i, why] of refused.events) {
    const p = b.pending[i];
    const m = b.messages[p.msg];
    const detail = pgSafeText(`PostgreSQL refused this event: ${why}`, MAX_DETAIL_CHARS);
    rejections.push({
      receivedAt: m.receivedAt,
      gatewayId: m.gatewayId,
      reason: 'store_refused',
      detail,
      sensorId: p.event.sensorId,
      raw: rawHead(m.payload),
      msg: p.msg,
    });
    b.results[p.msg].events.push({
      index: p.event.index,
      sensorId: p.event.sensorId,
      status: 'rejected',
      reason: 'store_refused',
      detail,
    });
  }
  const keep = b.pending.map((_, i) => !refused.events.has(i));
  return {
    ...b,
    rejections,
    pending: b.pending.filter((_, i) => keep[i]),
    items: b.items.filter((_, i) => keep[i]),
    outcome: b.outcome && {
      ...b.outcome,
      verdicts: b.outcome.verdicts.filter((_, i) => keep[i]),
    },
  };
}

/** Lots that saw a refused event (their live records include its effect). */
export function lotsOf(b: AppliedBatch, refused: Refused): Set<string> {
  const lots = new Set<string>();
  for (const i of refused.events.keys()) lots.add(b.items[i].lotId);
  return lots;
}
