import type { AppliedBatch } from './applied-batch';
import { mergeApplied } from './ingest.merge';

const event = (sensorId: string, index: number) => ({
  sensorId,
  seq: 1,
  type: 'status' as const,
  occupied: true,
  ts: 1,
  index,
});
const item = (lotId: string, spaceId: string) => ({
  lotId,
  zoneId: 'Z',
  spaceId,
  sensorId: `S-${spaceId}`,
  seq: 1,
  type: 'status' as const,
  occupied: true,
  ts: 1,
  receivedAt: 1,
  lowBatteryMv: null,
  staleMs: 1000,
});
const msg = (gatewayId: string) => ({ gatewayId, payload: Buffer.from('{}'), receivedAt: 1 });
const result = () => ({ accepted: 0, late: 0, duplicates: 0, rejected: 0, events: [] });

function batch(lot: string, epoch: string, spaces: string[]): AppliedBatch {
  return {
    messages: [msg('G0'), msg('G1')],
    results: [result(), result()],
    rejections: [],
    pending: spaces.map((s, i) => ({ msg: i % 2, event: event(`S-${s}`, i), item: item(lot, s) })),
    items: spaces.map((s) => item(lot, s)),
    outcome: {
      verdicts: spaces.map(() => ({ verdict: 'apply' as const, gap: 0 })),
      records: spaces.map((s) => ({ spaceId: s, lotId: lot, ver: 1, packed: 'x', staleAt: 9 })),
      epochs: new Map([[lot, epoch]]),
      notLoaded: [],
    },
  };
}

describe('mergeApplied', () => {
  it('returns a single batch as it is', () => {
    const b = batch('L1', 'e1', ['P1']);
    expect(mergeApplied([b])).toBe(b);
  });

  it('concatenates in order and shifts message indexes', () => {
    const a = batch('L1', 'e1', ['P1', 'P2']);
    const b = batch('L2', 'e2', ['P3']);
    const empty: AppliedBatch = {
      messages: [msg('G9')],
      results: [result()],
      rejections: [],
      pending: [],
      items: [],
      outcome: null,
    };
    const m = mergeApplied([a, empty, b]);
    expect(m.messages.map((x) => x.gatewayId)).toEqual(['G0', 'G1', 'G9', 'G0', 'G1']);
    expect(m.results).toHaveLength(5);
    expect(m.pending.map((p) => [p.msg, p.item.spaceId])).toEqual([
      [0, 'P1'],
      [1, 'P2'],
      [3, 'P3'],
    ]);
    expect(m.items.map((i) => i.spaceId)).toEqual(['P1', 'P2', 'P3']);
    expect(m.outcome?.verdicts).toHaveLength(3);
    expect(m.outcome?.records.map((r) => r.spaceId)).toEqual(['P1', 'P2', 'P3']);
    expect([...(m.outcome?.epochs ?? [])]).toEqual([
      ['L1', 'e1'],
      ['L2', 'e2'],
    ]);
    expect(a.pending[0].msg).toBe(0); // inputs untouched
  });

  it('marks a lot seen under two rebuild epochs so the epoch check re-applies it', () => {
    const m = mergeApplied([batch('L1', 'e1', ['P1']), batch('L1', 'e2', ['P2'])]);
    expect(m.outcome?.epochs.get('L1')).toBe('');
    const same = mergeApplied([batch('L1', 'e1', ['P1']), batch('L1', 'e1', ['P2'])]);
    expect(same.outcome?.epochs.get('L1')).toBe('e1');
  });
});
