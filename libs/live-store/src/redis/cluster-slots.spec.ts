import { CLUSTER_SLOTS, keySlot, lotSlot, shardChannel, slotTag } from './cluster-slots';

describe('cluster slots', () => {
  it('computes the slots Redis computes (CLUSTER KEYSLOT)', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('123456789')).toBe(12739);
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
    expect(keySlot('foo{{bar}}')).toBe(keySlot('{bar'));
    expect(keySlot('p:{lot:L1}:s')).toBe(lotSlot('L1'));
  });

  it('names one shard channel per slot that hashes to that slot', () => {
    for (const slot of [0, 1, 5460, 5461, 12182, CLUSTER_SLOTS - 1]) {
      expect(keySlot(`{${slotTag(slot)}}`)).toBe(slot);
      expect(keySlot(shardChannel('t:1:', slot))).toBe(slot);
    }
    const all = new Set(Array.from({ length: CLUSTER_SLOTS }, (_, s) => slotTag(s)));
    expect(all.size).toBe(CLUSTER_SLOTS);
  });
});
