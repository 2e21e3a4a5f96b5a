import type { LotCategory } from '@app/domain';
import type { Prng } from '../random/prng';

/** Kerbside lots carry one of these rule sets; every variant appears at least once. */
export type OnstreetVariant =
  'commercial' | 'resident_night' | 'hospital' | 'school' | 'tidal' | 'cleaning';

export const ONSTREET_VARIANTS: readonly OnstreetVariant[] = [
  'commercial',
  'resident_night',
  'hospital',
  'school',
  'tidal',
  'cleaning',
];
const VARIANT_WEIGHTS = [0.5, 0.2, 0.07, 0.08, 0.1, 0.05];

export interface LotPlan {
  category: LotCategory;
  variant?: OnstreetVariant;
  size: number;
}

const SHARE: Record<LotCategory, number> = {
  onstreet: 0.35,
  offstreet: 0.28,
  institutional: 0.1,
  temporary: 0.05,
  residential: 0.22,
};
const SIZE: Record<LotCategory, [number, number]> = {
  onstreet: [8, 40],
  offstreet: [80, 500],
  institutional: [40, 200],
  temporary: [30, 500],
  residential: [60, 300],
};

/** Splits the space count into lots: category budgets by share, at least one lot per category. */
export function planLots(rng: Prng, spaces: number, temporaryLots: number): LotPlan[] {
  const cats = Object.keys(SHARE) as LotCategory[];
  const budgets = cats.map((c) =>
    Math.max(c === 'onstreet' ? ONSTREET_VARIANTS.length : 1, Math.floor(spaces * SHARE[c])),
  );
  budgets[cats.indexOf('offstreet')] += spaces - budgets.reduce((a, b) => a + b, 0);
  const plans: LotPlan[] = [];
  cats.forEach((category, ci) => {
    const budget = budgets[ci];
    const sizes =
      category === 'temporary'
        ? evenSplit(budget, Math.max(1, Math.min(temporaryLots, budget)))
        : category === 'onstreet'
          ? randomSplit(rng, budget, SIZE[category], ONSTREET_VARIANTS.length)
          : randomSplit(rng, budget, SIZE[category], 1);
    sizes.forEach((size, i) => {
      const plan: LotPlan = { category, size };
      if (category === 'onstreet')
        plan.variant = i < ONSTREET_VARIANTS.length ? ONSTREET_VARIANTS[i] : weightedVariant(rng);
      plans.push(plan);
    });
  });
  return plans;
}

function evenSplit(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total - base * parts ? 1 : 0));
}

function randomSplit(
  rng: Prng,
  total: number,
  [min, max]: [number, number],
  minParts: number,
): number[] {
  if (total < min * minParts) return evenSplit(total, minParts);
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    const mustLeave = Math.max(0, minParts - sizes.length - 1) * min;
    let size = Math.min(rng.int(min, max), left - mustLeave);
    if (left - size < min && mustLeave === 0) size = left;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

function weightedVariant(rng: Prng): OnstreetVariant {
  let r = rng.next();
  for (let i = 0; i < VARIANT_WEIGHTS.length; i++) {
    r -= VARIANT_WEIGHTS[i];
    if (r < 0) return ONSTREET_VARIANTS[i];
  }
  return 'commercial';
}
