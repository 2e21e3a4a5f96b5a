import type { SensorEventWire } from '@app/domain';
import { INJECTED_REJECTIONS, type ExpectedRejection } from '../faults/fault-options';
import type { Delivery } from '../stream/delivery';
import type { EventStream } from '../stream/event-stream';

export interface SensorTruth {
  sensorId: string;
  spaceId: string;
  /** The space's physical state at the end of the run. */
  occupied: boolean;
  /** The newest uplink the backend received (by the sensor's own order): live state must reflect it. */
  lastEvent: SensorEventWire | null;
  /** Valid deliveries sent for this sensor (copies included). */
  eventsSent: number;
}

/** One intentionally invalid message: where it went, what the ingest should answer, how it began. */
export interface InvalidSent {
  gatewayId: string;
  reason: ExpectedRejection;
  atMs: number;
  /** The first 256 characters of the payload (the ingest keeps the first 4 KiB). */
  head: string;
}

export interface GroundTruthReport {
  seed: string;
  startMs: number;
  endMs: number;
  sensors: SensorTruth[];
  /** Invalid messages sent, by the rejection reason the ingest is expected to give. */
  expectedRejections: Record<ExpectedRejection, number>;
  invalidSent: InvalidSent[];
  totals: { deliveries: number; validEvents: number; invalidMessages: number };
  faults: EventStream['faults']['counts'];
  /**
   * With `bootRaceMs`: distinct non-startup uplinks first delivered before, or less than
   * `bootRaceMs` after, the first delivery of their boot's `startup`. Until the startup arrives
   * the backend cannot tell such an uplink from a repeat of the previous boot's seq (the contract
   * makes a repeated seq in the window a duplicate whatever its ts), so it may keep it out of the
   * history. 0 without the option.
   */
  bootRaces: number;
}

export interface GroundTruthOptions {
  /** Count boot races (see `GroundTruthReport.bootRaces`) with this slack, in simulated ms. */
  bootRaceMs?: number;
}

/** Records what was actually sent, to compare the backend's converged state with. */
export class GroundTruth {
  private readonly lastOrdinal: Float64Array;
  private readonly lastEvent: (SensorEventWire | null)[];
  private readonly sent: Uint32Array;
  private readonly rejections = Object.fromEntries(
    INJECTED_REJECTIONS.map((r) => [r, 0]),
  ) as Record<ExpectedRejection, number>;
  private readonly invalidSent: InvalidSent[] = [];
  private deliveries = 0;
  private invalid = 0;
  /** With bootRaceMs: per sensor, startup ordinal -> first delivery, uplink ordinal -> first delivery. */
  private readonly startups = new Map<number, Map<number, number>>();
  private readonly firstAt = new Map<number, Map<number, number>>();

  constructor(
    private readonly stream: EventStream,
    private readonly options: GroundTruthOptions = {},
  ) {
    const n = stream.fleet.size;
    this.lastOrdinal = new Float64Array(n);
    this.lastEvent = new Array<SensorEventWire | null>(n).fill(null);
    this.sent = new Uint32Array(n);
  }

  observe(d: Delivery): void {
    this.deliveries++;
    if (d.rejection !== null) {
      this.rejections[d.rejection]++;
      this.invalid++;
      this.invalidSent.push({
        gatewayId: d.gatewayId,
        reason: d.rejection,
        atMs: d.atMs,
        head: (d.raw ?? '').slice(0, 256),
      });
      return;
    }
    this.sent[d.sensor]++;
    if (this.options.bootRaceMs !== undefined) this.trackBoot(d);
    if (d.ordinal > this.lastOrdinal[d.sensor]) {
      this.lastOrdinal[d.sensor] = d.ordinal;
      this.lastEvent[d.sensor] = d.event;
    }
  }

  /** Deliveries are observed in delivery order, so the first one seen is the earliest. */
  private trackBoot(d: Delivery): void {
    const into = d.event?.type === 'startup' ? this.startups : this.firstAt;
    let m = into.get(d.sensor);
    if (!m) into.set(d.sensor, (m = new Map()));
    if (!m.has(d.ordinal)) m.set(d.ordinal, d.atMs);
  }

  private countBootRaces(): number {
    const slack = this.options.bootRaceMs;
    if (slack === undefined) return 0;
    let races = 0;
    for (const [sensor, boots] of this.startups) {
      const ordinals = [...boots.keys()].sort((a, b) => a - b);
      for (const [ordinal, at] of this.firstAt.get(sensor) ?? []) {
        let boot = -1;
        for (const o of ordinals) if (o < ordinal) boot = o;
        if (boot >= 0 && at < (boots.get(boot) as number) + slack) races++;
      }
    }
    return races;
  }

  report(): GroundTruthReport {
    const { fleet, source, options } = this.stream;
    return {
      seed: options.seed,
      startMs: options.startMs,
      endMs: this.stream.endMs,
      sensors: fleet.sensorIds.map((sensorId, i) => ({
        sensorId,
        spaceId: fleet.spaceIds[i],
        occupied: source.occupied[i] === 1,
        lastEvent: this.lastEvent[i],
        eventsSent: this.sent[i],
      })),
      expectedRejections: { ...this.rejections },
      invalidSent: [...this.invalidSent],
      totals: {
        deliveries: this.deliveries,
        validEvents: this.deliveries - this.invalid,
        invalidMessages: this.invalid,
      },
      faults: { ...this.stream.faults.counts },
      bootRaces: this.countBootRaces(),
    };
  }
}
