import type { FaultOptions } from '../faults/fault-options';
import { DEFAULT_FAULTS } from '../faults/fault-options';

export type TsFormat = 'iso' | 'ms' | 'mixed';

export interface StreamOptions {
  seed: string;
  /** Simulated start (epoch ms); every `ts` derives from it, never from the wall clock. */
  startMs: number;
  durationMs: number;
  /** City's UTC offset for the demand curves (Asia/Shanghai: +480). */
  utcOffsetMin: number;
  /** Each sensor boots (a `startup` with seq 0) within its first heartbeat interval. */
  initialStartup: boolean;
  /** Share of sensors already running with a seq just below 2^32, so their seq wraps. */
  seqWrapShare: number;
  /** Expected reboots per sensor per simulated day (each a `startup`, seq back to 0). */
  rebootsPerDay: number;
  /** +-fraction of the heartbeat interval. */
  heartbeatJitter: number;
  /** Share of sensors whose battery starts around the low-battery threshold. */
  lowBatteryShare: number;
  /** Multiplies the demand curves (capped below 1). */
  demandScale: number;
  /** At the end every sensor sends one clean heartbeat, so the backend can converge to the truth. */
  finalSync: boolean;
  tsFormat: TsFormat;
  faults: FaultOptions;
}

export const DEFAULT_STREAM_OPTIONS: Omit<StreamOptions, 'startMs'> = {
  seed: 'sim',
  durationMs: 3_600_000,
  utcOffsetMin: 480,
  initialStartup: true,
  seqWrapShare: 0.01,
  rebootsPerDay: 0.02,
  heartbeatJitter: 0.05,
  lowBatteryShare: 0.01,
  demandScale: 1,
  finalSync: true,
  tsFormat: 'mixed',
  faults: DEFAULT_FAULTS,
};

/** What callers pass: only the start is required; fault rates may be given one by one. */
export type StreamInput = Partial<Omit<StreamOptions, 'faults'>> & {
  startMs: number;
  faults?: Partial<FaultOptions>;
};

export function resolveStreamOptions(partial: StreamInput): StreamOptions {
  const o: StreamOptions = {
    ...DEFAULT_STREAM_OPTIONS,
    ...partial,
    faults: { ...DEFAULT_FAULTS, ...partial.faults },
  };
  if (!Number.isFinite(o.startMs)) throw new RangeError('startMs must be a finite epoch ms');
  if (!(o.durationMs > 0)) throw new RangeError('durationMs must be > 0');
  return o;
}
