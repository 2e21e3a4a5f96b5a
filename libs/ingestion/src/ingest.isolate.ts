import { MAX_DETAIL_CHARS, pgSafeText } from '@app/domain';
import type { ApplyItem } from '@app/live-store';
import type { EventLog, HistoryRow, RecordBatch, RejectionRow } from './event-log.port';
import type { AppliedBatch } from './applied-batch';
import { rawHead } from './ingest.prepare';
import { retrying, RetryOptions } from './retry';

/**
 * Finds the messages of a refused batch that cause the refusal: probes halves (each probe is a
 * statement rolled back) down to single messages. Only the rare refused batch pays for it:
 * about 2 log2(messages) probes per bad message.
 */
export async function findRefused(
  log: EventLog,
  b: AppliedBatch,
  rows: HistoryRow[],
  rowMsg: number[],
  retry: RetryOptions,
): Promise<Map<number, string>> {
  const rowsOf = new Map<number, HistoryRow[]>();
  rows.forEach((r, i) => push(rowsOf, rowMsg[i], r));
  const rejOf = new Map<number, RejectionRow[]>();
  for (const r of b.rejections) push(rejOf, r.msg ?? -1, r);
  const msgs = [...new Set([...rowsOf.keys(), ...rejOf.keys()])].sort((x, y) => x - y);
  const bad = new Map<number, string>();
  const search = async (group: number[]): Promise<void> => {
    const part: RecordBatch = { events: [], rejections: [], states: [] };
    for (const m of group) {
      for (const r of rowsOf.get(m) ?? []) part.events.push(r);
      for (const r of rejOf.get(m) ?? []) part.rejections.push(r);
    }
    const detail = await retrying(() => log.probe(part), retry);
    if (detail === null) return;
    if (group.length === 1) return void bad.set(group[0], detail);
    const mid = group.length >> 1;
    await search(group.slice(0, mid));
    await search(group.slice(mid));
  };
  await search(msgs);
  return bad;
}

/**
 * The batch without the refused messages: each becomes one `store_refused` rejection (raw copy
 * kept, so nothing is lost silently) and its events are marked rejected in the results.
 * `items`/`pending` keep only the others; the caller re-applies the lots that saw a refused event.
 */
export function withoutRefused(b: AppliedBatch, bad: Map<number, string>): AppliedBatch {
  const keep = b.pending.map((p) => !bad.has(p.msg));
  const rejections = b.rejections.filter((r) => r.msg === undefined || !bad.has(r.msg));
  for (const [msg, detail] of bad) {
    const m = b.messages[msg];
    const text = `PostgreSQL refused this message: ${detail}`.slice(0, 300);
    rejections.push({
      receivedAt: m.receivedAt,
      gatewayId: m.gatewayId,
      reason: 'store_refused',
      detail: pgSafeText(text, MAX_DETAIL_CHARS),
      raw: rawHead(m.payload),
      msg,
    });
    const res = b.results[msg];
    res.rejection = { reason: 'store_refused', detail: text };
    res.events = [];
  }
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

/** Lots that saw an event of a refused message (their live records include its effect). */
export function lotsOf(items: ApplyItem[], pendingMsg: number[], bad: Map<number, string>) {
  const lots = new Set<string>();
  items.forEach((it, i) => bad.has(pendingMsg[i]) && lots.add(it.lotId));
  return lots;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
