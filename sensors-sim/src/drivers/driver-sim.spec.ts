import { runDrivers } from './driver-sim';

/** A small city, a short busy window: fast, deterministic, and intents change the outcome. */
const SMALL = { spaces: 600, seed: 'small', durationMin: 20, hotspots: 3 };

describe('driver agents (simulated time, guidance in process)', () => {
  it('plays the same demand with intents off and on, deterministically', () => {
    const off = runDrivers({ ...SMALL, intents: false });
    const on = runDrivers({ ...SMALL, intents: true });
    expect(off.app.drivers).toBeGreaterThan(20);
    expect(on.app.drivers).toBe(off.app.drivers);
    expect(on.others.drivers).toBe(off.others.drivers);
    expect(on.startOccupancy).toBe(off.startOccupancy);
    expect(off.startOccupancy).toBeGreaterThan(0.88);
    const again = runDrivers({ ...SMALL, intents: true });
    expect({ ...again, wallMs: 0 }).toEqual({ ...on, wallMs: 0 });
  });

  it('app drivers declaring intents find their first space free more often, with fewer re-queries', () => {
    const off = runDrivers({ ...SMALL, intents: false });
    const on = runDrivers({ ...SMALL, intents: true });
    expect(on.app.firstFreeShare).toBeGreaterThan(off.app.firstFreeShare);
    expect(on.app.meanRequeries).toBeLessThan(off.app.meanRequeries);
    for (const r of [off, on]) {
      expect(r.app.firstFreeShare).toBeGreaterThan(0);
      expect(r.app.firstFreeShare).toBeLessThanOrEqual(1);
      expect(r.app.parked + r.app.gaveUp).toBe(r.app.drivers);
    }
  });

  it('apps sending eta: the arrival-aware ranking beats plain nearest-first, and off answers ignore it', () => {
    const off = runDrivers({ ...SMALL, intents: false, sendEta: true });
    const offPlain = runDrivers({ ...SMALL, intents: false, sendEta: true, arrivalPenaltyM: 0 });
    // no intent open: the ranking is not used, the run is exactly the plain one
    expect({ ...off, wallMs: 0 }).toEqual({ ...offPlain, wallMs: 0 });
    const on = runDrivers({ ...SMALL, intents: true, sendEta: true });
    const intentsOnly = runDrivers({ ...SMALL, intents: true, sendEta: true, arrivalPenaltyM: 0 });
    expect(on.app.firstFreeShare).toBeGreaterThan(off.app.firstFreeShare);
    expect(on.app.firstFreeShare).toBeGreaterThan(intentsOnly.app.firstFreeShare);
    expect(on.app.meanCruiseS).toBeLessThan(off.app.meanCruiseS);
  });

  it('in a quiet district nearly every app driver finds the first space free', () => {
    const quiet = runDrivers({ ...SMALL, occupancy: 0.6, pressure: 1, intents: true });
    expect(quiet.app.firstFreeShare).toBeGreaterThan(0.8);
    expect(quiet.app.gaveUp).toBe(0);
  });
});
