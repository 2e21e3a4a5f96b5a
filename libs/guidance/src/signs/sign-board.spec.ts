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

describe('SignBoard', () => {
  it('shows no number for a lot whose status is unknown, and resumes its hysteresis after', () => {
    const board = new SignBoard();
    const show = (free: number, unknown = false, closed = false) =>
      board.display(sign, (lotId) => ({ lotId, free, closed, unknown })).entries[0];
    expect(show(0)).toMatchObject({ level: 'full', text: 'P1 FULL' });
    expect(show(0, true)).toMatchObject({ level: 'unknown', text: 'P1 --' });
    // still inside the full band's hysteresis once counts are known again
    expect(show(2)).toMatchObject({ level: 'full' });
    expect(show(40, false, true)).toMatchObject({ level: 'closed', text: 'P1 CLOSED' });
    expect(show(40)).toMatchObject({ level: 'open', text: 'P1 40' });
  });
});
