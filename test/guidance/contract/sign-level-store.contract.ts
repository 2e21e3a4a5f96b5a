import { SignLevelStore } from '@app/live-store';

/** What every SignLevelStore adapter must do (memory, Redis and Redis Cluster run the same cases). */
export function describeSignLevelStoreContract(
  adapter: string,
  open: () => Promise<{ store: SignLevelStore; close: () => Promise<void> }>,
): void {
  describe(`${adapter}: sign level store`, () => {
    let store: SignLevelStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => {
      await close?.();
    });

    it('answers null for entries never stored, per sign', async () => {
      expect(await store.read('S1', 3)).toEqual([null, null, null]);
      expect(await store.replace('S1', [null, null], ['full', 'open'])).toBe(true);
      expect(await store.read('S1', 3)).toEqual(['full', 'open', null]);
      expect(await store.read('S2', 2)).toEqual([null, null]);
    });

    it('replaces only when the stored levels are still the expected ones', async () => {
      expect(await store.replace('S1', [null], ['full'])).toBe(true);
      // a second instance that read before the first write loses
      expect(await store.replace('S1', [null], ['almost_full'])).toBe(false);
      expect(await store.read('S1', 1)).toEqual(['full']);
      expect(await store.replace('S1', ['full'], ['almost_full'])).toBe(true);
      expect(await store.read('S1', 1)).toEqual(['almost_full']);
    });

    it('compares every entry, not only the first', async () => {
      expect(await store.replace('S1', [null, null], ['open', 'full'])).toBe(true);
      expect(await store.replace('S1', ['open', 'open'], ['full', 'open'])).toBe(false);
      expect(await store.read('S1', 2)).toEqual(['open', 'full']);
    });

    it('of many concurrent replaces from the same reading, exactly one wins', async () => {
      const won = await Promise.all(
        ['open', 'almost_full', 'full', 'open', 'full'].map((l) =>
          store.replace('S9', [null], [l]),
        ),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
    });
  });
}
