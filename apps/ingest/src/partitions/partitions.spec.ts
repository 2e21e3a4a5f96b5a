import { lockNamespaces } from './ownership-db';
import {
  fnv1a32,
  ownershipStep,
  ownershipTarget,
  partitionOf,
  partitionTopics,
} from './partitions';

describe('lock namespaces', () => {
  it('differ per deployment and between partitions and members, and fit a positive int4', () => {
    const a = lockNamespaces('parking-ingest');
    const b = lockNamespaces('other-city');
    expect(new Set([a.partitions, a.members, b.partitions, b.members]).size).toBe(4);
    for (const n of [a.partitions, a.members, b.partitions, b.members]) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(0x7fffffff);
    }
    expect(lockNamespaces('parking-ingest')).toEqual(a);
  });
});

describe('partition assignment', () => {
  it('hashes with FNV-1a 32 (reference vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('puts every gateway in exactly one partition, spread roughly evenly', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `gw-${i}`);
    const per = new Array<number>(8).fill(0);
    for (const g of ids) per[partitionOf(g, 8)]++;
    for (const n of per) expect(n).toBeGreaterThan(400);
    const topics = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((p) => partitionTopics(p, 8, ids, 'r/'));
    expect(new Set(topics).size).toBe(ids.length);
    expect(topics).toContain('r/parking/v1/gateways/gw-7/events');
  });

  it('uses the wildcard with one partition', () => {
    expect(partitionTopics(0, 1, ['G1'], '')).toEqual(['parking/v1/gateways/+/events']);
  });

  it('targets ceil(N / W) partitions per worker', () => {
    expect(ownershipTarget(4, 2)).toBe(2);
    expect(ownershipTarget(4, 3)).toBe(2);
    expect(ownershipTarget(5, 2)).toBe(3);
    expect(ownershipTarget(1, 2)).toBe(1);
    expect(ownershipTarget(4, 0)).toBe(4);
  });

  it('releases the extra partitions, highest first', () => {
    expect(ownershipStep(4, 2, new Set([0, 1, 2, 3]), new Set([0, 1, 2, 3]))).toEqual({
      tryAcquire: [],
      acquire: 0,
      release: [3, 2],
    });
  });

  it('tries only partitions nobody holds, up to the target', () => {
    const step = ownershipStep(6, 2, new Set([0]), new Set([0, 1, 4]));
    expect(step.acquire).toBe(2);
    expect(step.tryAcquire).toEqual([2, 3, 5]);
    expect(step.release).toEqual([]);
  });
});
