import type { Prng } from '../random/prng';
import type { FaultOptions } from './fault-options';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

export interface Outage {
  gateway: number;
  fromMs: number;
  toMs: number;
}

/** Plans gateway outages up front; each ends at least a minute before the run ends. */
export function planOutages(
  rng: Prng,
  gateways: number,
  startMs: number,
  endMs: number,
  f: FaultOptions,
): Outage[][] {
  const plan: Outage[][] = Array.from({ length: gateways }, () => []);
  if (f.outagesPerGatewayDay <= 0) return plan;
  const meanGap = DAY_MS / f.outagesPerGatewayDay;
  for (let g = 0; g < gateways; g++) {
    let t = startMs + rng.exponential(meanGap);
    while (t < endMs - 2 * MIN_MS) {
      const length = Math.min(
        Math.max(MIN_MS, rng.exponential(f.outageMeanMin * MIN_MS)),
        6 * f.outageMeanMin * MIN_MS,
      );
      const to = Math.min(t + length, endMs - MIN_MS);
      plan[g].push({ gateway: g, fromMs: Math.round(t), toMs: Math.round(to) });
      t = to + rng.exponential(meanGap);
    }
  }
  return plan;
}

/** End of the outage covering `at` on gateway g, or -1 if the gateway is up. */
export function outageEnd(plan: Outage[][], g: number, at: number): number {
  for (const o of plan[g]) if (o.fromMs <= at && at < o.toMs) return o.toMs;
  return -1;
}
