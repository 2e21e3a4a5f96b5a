import type { Prng } from '../random/prng';
import type { SimFleet } from './sim-fleet';
import type { StreamOptions } from './stream-options';

/** Each sensor's clock (a few are skewed) and how its firmware writes `ts`. */
export class TsFormatter {
  readonly skewMs: Float64Array;
  private readonly offsetMs: number;
  private readonly offsetText: string;

  constructor(
    fleet: SimFleet,
    private readonly options: StreamOptions,
    rng: Prng,
  ) {
    this.skewMs = new Float64Array(fleet.size);
    const { skewShare, maxSkewS } = options.faults;
    for (let i = 0; i < fleet.size; i++) {
      if (rng.chance(skewShare)) this.skewMs[i] = Math.round(rng.range(-maxSkewS, maxSkewS) * 1000);
    }
    this.offsetMs = options.utcOffsetMin * 60_000;
    const abs = Math.abs(options.utcOffsetMin);
    this.offsetText = `${options.utcOffsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }

  /** The `ts` sensor i writes at true time `at`. */
  format(i: number, at: number): string | number {
    const local = at + this.skewMs[i];
    const style =
      this.options.tsFormat === 'mixed' ? i % 3 : this.options.tsFormat === 'ms' ? 0 : 1;
    if (style === 0) return local;
    if (style === 2) return new Date(local).toISOString();
    return new Date(local + this.offsetMs).toISOString().slice(0, -1) + this.offsetText;
  }

  /** The same clock shifted, for invalid copies with a `ts` out of the accepted window. */
  shifted(i: number, at: number, shiftMs: number): string | number {
    return this.format(i, at + shiftMs);
  }
}
