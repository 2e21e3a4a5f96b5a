import { MemorySignLevelStore, SignLevelStore } from '@app/live-store';
import type { CatalogSign } from '../ports/catalog.types';
import { SignBoard } from './sign-board';

const sign = {
  id: 'S1',
  name: 'Gate',
  entries: [
    {
      lotId: 'L1',
      label: 'P1',
      fullAt: 0,
      fullClearAt: 3,
      almostFullAt: 10,
      almostFullClearAt: 15,
    },
  ],
} as unknown as CatalogSign;

const shower =
  (board: SignBoard) =>
  async (free: number, unknown = false, closed = false) =>
    (await board.display(sign, (lotId) => ({ lotId, free, closed, unknown }))).entries[0];

describe('SignBoard', () => {
  it('shows no number for a lot whose status is unknown, and resumes its hysteresis after', async () => {
    const show = shower(new SignBoard());
    expect(await show(0)).toMatchObject({ level: 'full', text: 'P1 FULL' });
    expect(await show(0, true)).toMatchObject({ level: 'unknown', text: 'P1 --' });
    // still inside the full band's hysteresis once counts are known again
    expect(await show(2)).toMatchObject({ level: 'full' });
    expect(await show(40, false, true)).toMatchObject({ level: 'closed', text: 'P1 CLOSED' });
    expect(await show(40)).toMatchObject({ level: 'open', text: 'P1 40' });
  });

  it('two instances on one level store show one sequence of levels (no flapping between them)', async () => {
    const store = new MemorySignLevelStore();
    const a = shower(new SignBoard(store));
    const b = shower(new SignBoard(store));
    expect(await a(0)).toMatchObject({ level: 'full' });
    // 2 free is inside the full band's hysteresis: B never saw the lot full itself
    expect(await b(2)).toMatchObject({ level: 'full', text: 'P1 FULL' });
    expect(await a(12)).toMatchObject({ level: 'almost_full' });
    expect(await b(14)).toMatchObject({ level: 'almost_full' });
    expect(await b(16)).toMatchObject({ level: 'open' });
    expect(await a(14)).toMatchObject({ level: 'open', text: 'P1 14' });
  });

  it('without a shared store each instance keeps its own levels', async () => {
    const a = shower(new SignBoard());
    const b = shower(new SignBoard());
    expect(await a(0)).toMatchObject({ level: 'full' });
    expect(await b(2)).toMatchObject({ level: 'almost_full' });
  });

  it('keeps answering from its own memory while the store fails, and says so', async () => {
    const failures: unknown[] = [];
    const broken: SignLevelStore = {
      read: () => Promise.reject(new Error('live store down')),
      replace: () => Promise.reject(new Error('live store down')),
    };
    const show = shower(new SignBoard(broken, (e) => failures.push(e)));
    expect(await show(0)).toMatchObject({ level: 'full' });
    expect(await show(2)).toMatchObject({ level: 'full' });
    expect(failures).toHaveLength(2);
  });

  it('recomputes from the levels another instance stored first', async () => {
    const store = new MemorySignLevelStore();
    const raced = new SignBoard({
      read: (id, n) => store.read(id, n),
      // another instance stores `full` just before this one's first write
      replace: async (id, expected, next) => {
        if ((await store.read(id, 1))[0] === null) await store.replace(id, [null], ['full']);
        return store.replace(id, expected, next);
      },
    });
    // 2 free judged from nothing would be almost_full; judged from the `full` the other instance
    // stored first it stays full (inside the full band's hysteresis): the first write lost, the
    // board read again and recomputed
    expect(await shower(raced)(2)).toMatchObject({ level: 'full' });
    expect(await store.read('S1', 1)).toEqual(['full']);
  });
});
