import { Scorecard } from './scorecard';

describe('Scorecard', () => {
  it('computes the Brier score and the deciles', () => {
    const card = new Scorecard();
    card.add(0.9, true);
    card.add(0.9, false);
    card.add(0.05, false);
    const s = card.summary();
    expect(s.count).toBe(3);
    expect(s.brier).toBeCloseTo((0.01 + 0.81 + 0.0025) / 3, 10);
    expect(s.deciles[9]).toMatchObject({ count: 2, observed: 0.5 });
    expect(s.deciles[9].meanPredicted).toBeCloseTo(0.9, 10);
    expect(s.deciles[0]).toMatchObject({ count: 1, observed: 0 });
  });
});
