import { IntentMessage, IntentStore, LiveIntent } from '@app/live-store';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const MIN = 60_000;

const intent = (id: string, lotId: string, spaceId: string | null, etaMin: number): LiveIntent => ({
  id,
  lotId,
  spaceId,
  etaMs: NOW + etaMin * MIN,
  expiresAtMs: NOW + (etaMin + 10) * MIN,
});

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What every IntentStore adapter must do (Redis and memory run the same cases). */
export function describeIntentStoreContract(
  adapter: string,
  open: () => Promise<{ store: IntentStore; close: () => Promise<void> }>,
): void {
  describe(`${adapter}: intent store`, () => {
    let store: IntentStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => {
      await close?.();
    });

    it('keeps intents per lot, answers only open ones, replaces by id', async () => {
      await store.put(intent('a', 'L1', 'S1', 5), NOW);
      await store.put(intent('b', 'L1', null, 7), NOW);
      await store.put(intent('c', 'L2', 'S9', 1), NOW);
      expect(await store.get('L1', 'a', NOW)).toEqual(intent('a', 'L1', 'S1', 5));
      expect(await store.get('L2', 'a', NOW)).toBeNull();
      const byId = (xs: LiveIntent[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(await store.snapshot(['L1', 'L2', 'L3'], NOW))).toEqual([
        intent('a', 'L1', 'S1', 5),
        intent('b', 'L1', null, 7),
        intent('c', 'L2', 'S9', 1),
      ]);
      await store.put(intent('a', 'L1', 'S2', 6), NOW);
      expect(await store.get('L1', 'a', NOW)).toEqual(intent('a', 'L1', 'S2', 6));
      // c expires at NOW + 11 min: no longer answered, and forgotten on the lot's next write
      const later = NOW + 12 * MIN;
      expect(await store.get('L2', 'c', later)).toBeNull();
      expect(byId(await store.snapshot(['L1', 'L2'], later))).toEqual([
        intent('a', 'L1', 'S2', 6),
        intent('b', 'L1', null, 7),
      ]);
      expect(await store.remove('L2', 'c', later)).toBe(false);
    });

    it('removes once: true for an open intent, false after', async () => {
      await store.put(intent('a', 'L1', 'S1', 5), NOW);
      expect(await store.remove('L1', 'a', NOW)).toBe(true);
      expect(await store.remove('L1', 'a', NOW)).toBe(false);
      expect(await store.remove('L1', 'never', NOW)).toBe(false);
      expect(await store.snapshot(['L1'], NOW)).toEqual([]);
    });

    // in order per lot (on a Redis Cluster two lots' messages come from different nodes)
    it('announces puts and removals, in order per lot, with the whole intent', async () => {
      const got: IntentMessage[] = [];
      const stop = await store.subscribe((m) => got.push(m));
      try {
        await store.put(intent('a', 'L1', 'S1', 5), NOW);
        await store.put(intent('b', 'L2', null, 3), NOW);
        await store.remove('L1', 'a', NOW);
        await store.remove('L1', 'a', NOW); // nothing removed: nothing announced
        await eventually(() => got.length >= 3);
        await new Promise((r) => setTimeout(r, 50));
        expect(got).toHaveLength(3);
        expect(got.filter((m) => m.intent.lotId === 'L1')).toEqual([
          { op: 'put', intent: intent('a', 'L1', 'S1', 5) },
          { op: 'delete', intent: intent('a', 'L1', 'S1', 5) },
        ]);
        expect(got.filter((m) => m.intent.lotId === 'L2')).toEqual([
          { op: 'put', intent: intent('b', 'L2', null, 3) },
        ]);
      } finally {
        await stop();
      }
    });
  });
}
