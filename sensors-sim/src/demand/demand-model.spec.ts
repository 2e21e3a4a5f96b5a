import { calendar } from '../city/city-catalog';
import { Prng } from '../random/prng';
import { DayCalendar, DayKind } from './day-calendar';
import { DemandModel } from './demand-model';
import { DEMAND_PROFILES, dwellSpec, type DemandProfile } from './demand-profiles';
import { profileOf } from './profile-of';

const HOUR = 3_600_000;
const cal = new DayCalendar(calendar(), 8 * HOUR);
const model = new DemandModel(cal);
// Tuesday 2026-12-01 00:00 in Asia/Shanghai.
const START = Date.parse('2026-12-01T00:00:00+08:00');

/** Runs `spaces` independent spaces of one profile for `days`; returns the occupied share at each mid-hour. */
function simulate(profile: DemandProfile, spaces: number, days: number): number[] {
  const rng = new Prng(`demand-${profile}`);
  const samples = new Float64Array(days * 24);
  for (let i = 0; i < spaces; i++) {
    let occupied = rng.chance(model.targetAt(profile, START));
    let t = START;
    let next = occupied
      ? t + model.dwellMs(profile, t, rng) * rng.next()
      : model.nextArrival(profile, t, rng);
    for (let h = 0; h < samples.length; h++) {
      const at = START + (h + 0.5) * HOUR;
      while (next <= at) {
        t = next;
        occupied = !occupied;
        next = occupied ? t + model.dwellMs(profile, t, rng) : model.nextArrival(profile, t, rng);
      }
      if (occupied) samples[h] += 1 / spaces;
    }
  }
  return [...samples];
}

describe('DemandModel', () => {
  it('classifies days with the official calendar and school vacations', () => {
    const at = (d: string) => cal.kindOf(Date.parse(`${d}T12:00:00+08:00`));
    expect(at('2026-12-01')).toBe(DayKind.SchoolDay); // Tuesday
    expect(at('2026-12-05')).toBe(DayKind.RestDay); // Saturday
    expect(at('2026-10-01')).toBe(DayKind.RestDay); // National Day
    expect(at('2026-10-10')).toBe(DayKind.SchoolDay); // adjusted working Saturday
    expect(at('2026-07-15')).toBe(DayKind.WorkingDay); // summer vacation
    expect(cal.hourOf(Date.parse('2026-12-01T23:30:00+08:00'))).toBe(23);
  });

  it.each(DEMAND_PROFILES)(
    '%s: occupancy follows the configured curve over a large sample',
    (profile) => {
      const samples = simulate(profile, 3000, 3).slice(24); // after a day of warm-up
      const errors = samples.map((v, h) =>
        Math.abs(v - model.targetAt(profile, START + (h + 24.5) * HOUR)),
      );
      const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
      // Short-stay and kerbside profiles track closely; long dwells (homes, offices, tidal) lag their ramps.
      const tight = ['commercial', 'hospital', 'school', 'temporary'].includes(profile);
      expect(mean).toBeLessThan(tight ? 0.04 : 0.1);
      expect(Math.max(...errors)).toBeLessThan(tight ? 0.2 : 0.3);
    },
  );

  it('puts offices full by day, homes full by night and school gates at their peaks', () => {
    const office = simulate('office', 2000, 2);
    const home = simulate('residential', 2000, 2);
    const school = simulate('school', 2000, 2);
    const at = (xs: number[], hour: number) => xs[24 + hour];
    expect(at(office, 11)).toBeGreaterThan(0.7);
    expect(at(office, 23)).toBeLessThan(0.25);
    expect(at(home, 3)).toBeGreaterThan(0.8);
    expect(at(home, 13)).toBeLessThan(0.55);
    expect(at(school, 7)).toBeGreaterThan(3 * at(school, 12));
    expect(at(school, 16)).toBeGreaterThan(3 * at(school, 12));
  });

  it('draws lognormal dwells: short for short-stay spaces, long for homes at night', () => {
    const rng = new Prng('dwell');
    const median = (profile: DemandProfile, hour: number) => {
      const at = START + hour * HOUR;
      const xs = Array.from({ length: 4001 }, () => model.dwellMs(profile, at, rng) / 60_000);
      return xs.sort((a, b) => a - b)[2000];
    };
    expect(median('hospital', 10)).toBeCloseTo(dwellSpec('hospital', 10).medianMin, -0.5);
    expect(median('school', 7)).toBeLessThan(15);
    expect(median('residential', 20)).toBeGreaterThan(8 * 60);
  });

  it('derives the profile from the lot category and its rules', () => {
    const shortStay = (maxStayMin: number) =>
      ({ id: 'r', kind: 'short_stay', maxStayMin, windows: [] }) as never;
    expect(profileOf('onstreet', [shortStay(15)])).toBe('school');
    expect(profileOf('onstreet', [shortStay(30)])).toBe('hospital');
    expect(profileOf('residential', [])).toBe('residential');
    expect(profileOf('institutional', [])).toBe('office');
    expect(profileOf('temporary', [])).toBe('temporary');
    expect(profileOf('onstreet', [])).toBe('commercial');
  });
});
