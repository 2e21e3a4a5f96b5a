/** Who parks on a space over the day; derived from the lot category and the rules in force. */
export type DemandProfile =
  'commercial' | 'office' | 'residential' | 'hospital' | 'school' | 'tidal' | 'temporary';

export const DEMAND_PROFILES: readonly DemandProfile[] = [
  'commercial',
  'office',
  'residential',
  'hospital',
  'school',
  'tidal',
  'temporary',
];

/** Target share of occupied spaces per local hour (0..23), on working days and on rest days. */
export interface DemandCurve {
  working: readonly number[];
  rest: readonly number[];
}

/** Dwell of a car that arrives at a given local hour: lognormal median (minutes) and sigma. */
export interface DwellSpec {
  medianMin: number;
  sigma: number;
}

const flat = (v: number): number[] => Array.from({ length: 24 }, () => v);
const fill = (base: number, spans: [number, number, number][]): number[] => {
  const a = flat(base);
  for (const [from, to, v] of spans) for (let h = from; h < to; h++) a[h] = v;
  return a;
};

export const DEMAND_CURVES: Record<DemandProfile, DemandCurve> = {
  commercial: {
    working: fill(0.12, [
      [7, 8, 0.3],
      [8, 9, 0.5],
      [9, 18, 0.75],
      [18, 21, 0.8],
      [21, 22, 0.55],
      [22, 23, 0.3],
    ]),
    rest: fill(0.12, [
      [8, 10, 0.35],
      [10, 21, 0.8],
      [21, 22, 0.55],
      [22, 23, 0.3],
    ]),
  },
  office: {
    working: fill(0.1, [
      [7, 8, 0.3],
      [8, 9, 0.65],
      [9, 17, 0.85],
      [17, 18, 0.6],
      [18, 19, 0.35],
      [19, 21, 0.2],
    ]),
    rest: fill(0.1, [
      [9, 18, 0.3],
      [18, 21, 0.2],
    ]),
  },
  residential: {
    working: fill(0.4, [
      [0, 7, 0.9],
      [7, 8, 0.75],
      [8, 9, 0.55],
      [17, 18, 0.55],
      [18, 19, 0.7],
      [19, 20, 0.8],
      [20, 24, 0.88],
    ]),
    rest: fill(0.6, [
      [0, 9, 0.9],
      [19, 24, 0.88],
    ]),
  },
  hospital: {
    working: fill(0.15, [
      [7, 8, 0.5],
      [8, 17, 0.85],
      [17, 18, 0.6],
      [18, 20, 0.4],
      [20, 22, 0.25],
    ]),
    rest: fill(0.15, [
      [8, 18, 0.6],
      [18, 21, 0.3],
    ]),
  },
  school: {
    working: fill(0.05, [
      [7, 8, 0.75],
      [8, 9, 0.35],
      [9, 16, 0.15],
      [16, 17, 0.7],
      [17, 18, 0.6],
      [18, 19, 0.2],
    ]),
    rest: fill(0.05, [[9, 20, 0.15]]),
  },
  tidal: {
    working: fill(0.35, [
      [0, 7, 0.85],
      [7, 8, 0.7],
      [8, 9, 0.45],
      [16, 17, 0.6],
      [17, 18, 0.55],
      [18, 20, 0.5],
      [20, 24, 0.8],
    ]),
    rest: fill(0.4, [
      [0, 8, 0.85],
      [20, 24, 0.8],
    ]),
  },
  temporary: {
    working: fill(0.2, [
      [8, 18, 0.6],
      [18, 23, 0.4],
    ]),
    rest: fill(0.2, [[9, 20, 0.5]]),
  },
};

/** Dwell by profile and the local hour of arrival. */
export function dwellSpec(profile: DemandProfile, hour: number): DwellSpec {
  switch (profile) {
    case 'commercial':
      return { medianMin: 45, sigma: 0.8 };
    case 'office':
      return hour >= 6 && hour < 11
        ? { medianMin: 420, sigma: 0.35 }
        : { medianMin: 60, sigma: 0.9 };
    case 'residential':
      return hour >= 17 || hour < 2
        ? { medianMin: 660, sigma: 0.3 }
        : { medianMin: 90, sigma: 0.9 };
    case 'hospital':
      return { medianMin: 22, sigma: 0.45 };
    case 'school':
      return (hour >= 7 && hour < 9) || (hour >= 16 && hour < 18)
        ? { medianMin: 7, sigma: 0.4 }
        : { medianMin: 30, sigma: 0.7 };
    case 'tidal':
      if ((hour >= 7 && hour < 9) || (hour >= 16 && hour < 18)) return { medianMin: 9, sigma: 0.4 };
      return hour >= 19 || hour < 2
        ? { medianMin: 600, sigma: 0.3 }
        : { medianMin: 60, sigma: 0.8 };
    case 'temporary':
      return { medianMin: 150, sigma: 0.7 };
  }
}

export function meanDwellMin(spec: DwellSpec): number {
  return spec.medianMin * Math.exp((spec.sigma * spec.sigma) / 2);
}
