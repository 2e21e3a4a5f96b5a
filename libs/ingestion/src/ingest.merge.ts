import type { AppliedBatch } from './applied-batch';

/**
 * Joins batches applied one after another into one, so that they are recorded by one statement
 * (the live-state stage runs small batches for freshness; the durable stage takes whatever was
 * applied while it was busy). A lot seen under two different rebuild epochs gets '' so the
 * epoch check re-applies its events before the ack (idempotent) rather than trusting either.
 */
export function mergeApplied(batches: AppliedBatch[]): AppliedBatch {
  if (batches.length === 1) return batches[0];
  const merged: AppliedBatch = {
    messages: [],
    results: [],
    rejections: [],
    pending: [],
    items: [],
    outcome: null,
  };
  for (const b of batches) {
    const offset = merged.messages.length;
    append(merged.messages, b.messages);
    append(merged.results, b.results);
    append(merged.rejections, b.rejections);
    for (const p of b.pending) merged.pending.push({ ...p, msg: p.msg + offset });
    append(merged.items, b.items);
    if (!b.outcome) continue;
    const o = (merged.outcome ??= { verdicts: [], records: [], epochs: new Map(), notLoaded: [] });
    append(o.verdicts, b.outcome.verdicts);
    append(o.records, b.outcome.records);
    for (const [lot, epoch] of b.outcome.epochs) {
      const seen = o.epochs.get(lot);
      o.epochs.set(lot, seen === undefined || seen === epoch ? epoch : '');
    }
  }
  return merged;
}

/** push(...src) without the argument-count limit of a spread. */
function append<T>(dst: T[], src: readonly T[]): void {
  for (const x of src) dst.push(x);
}
