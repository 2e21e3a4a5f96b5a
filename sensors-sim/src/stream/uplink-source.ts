import type { SensorEventType, SensorEventWire } from '@app/domain';
import { SEQ_MODULUS } from '@app/domain';
import { DayCalendar } from '../demand/day-calendar';
import { DemandModel } from '../demand/demand-model';
import { Prng } from '../random/prng';
import type { Uplink } from './delivery';
import { IdHeap } from './min-heap';
import type { SimFleet } from './sim-fleet';
import type { StreamOptions } from './stream-options';
import { TsFormatter } from './ts-formatter';

const DAY_MS = 86_400_000;

/** The sensors themselves: physical occupancy, heartbeats, reboots, battery, in simulated-time order. */
export class UplinkSource {
  readonly demand: DemandModel;
  readonly occupied: Uint8Array;
  readonly endMs: number;
  private readonly booted: Uint8Array;
  private readonly nextSeq: Float64Array;
  private readonly ordinal: Float64Array;
  private readonly nextChange: Float64Array;
  private readonly nextHeartbeat: Float64Array;
  private readonly nextReboot: Float64Array;
  private readonly battery: Float64Array;
  private readonly rssiBase: Float64Array;
  private readonly heap: IdHeap;
  private readonly rng: Prng;
  private readonly flapRng: Prng;
  readonly ts: TsFormatter;
  private readonly queue: Uplink[] = [];
  private syncNext = -1;
  private now = -Infinity;

  constructor(
    readonly fleet: SimFleet,
    readonly options: StreamOptions,
  ) {
    const n = fleet.size;
    const o = options;
    this.endMs = o.startMs + o.durationMs;
    this.demand = new DemandModel(
      new DayCalendar(fleet.city.calendar, o.utcOffsetMin * 60_000),
      o.demandScale,
    );
    this.rng = Prng.derive(o.seed, 'sensors');
    this.flapRng = Prng.derive(o.seed, 'flaps');
    this.ts = new TsFormatter(fleet, o, Prng.derive(o.seed, 'clocks'));
    this.occupied = new Uint8Array(n);
    this.booted = new Uint8Array(n);
    this.nextSeq = new Float64Array(n);
    this.ordinal = new Float64Array(n);
    this.nextChange = new Float64Array(n);
    this.nextHeartbeat = new Float64Array(n).fill(Infinity);
    this.nextReboot = new Float64Array(n);
    this.battery = new Float64Array(n);
    this.rssiBase = new Float64Array(n);
    this.heap = new IdHeap(n);
    const rebootMean = o.rebootsPerDay > 0 ? DAY_MS / o.rebootsPerDay : Infinity;
    for (let i = 0; i < n; i++) {
      const profile = fleet.profiles[i];
      const hb = fleet.heartbeatMs[i];
      const occupied = this.rng.chance(this.demand.targetAt(profile, o.startMs));
      this.occupied[i] = occupied ? 1 : 0;
      this.nextChange[i] = occupied
        ? o.startMs + this.demand.dwellMs(profile, o.startMs, this.rng) * this.rng.next()
        : this.demand.nextArrival(profile, o.startMs, this.rng);
      const wraps = this.rng.chance(o.seqWrapShare);
      const firstAt = o.startMs + this.rng.range(0, hb);
      if (o.initialStartup && !wraps) {
        this.nextReboot[i] = firstAt;
      } else {
        this.booted[i] = 1;
        this.nextSeq[i] = wraps ? SEQ_MODULUS - this.rng.int(1, 10) : this.rng.int(0, 2_000_000);
        this.nextHeartbeat[i] = firstAt;
        this.nextReboot[i] = o.startMs + this.rng.exponential(rebootMean);
      }
      const low = fleet.lowBatteryMv[i];
      this.battery[i] = this.rng.chance(o.lowBatteryShare)
        ? low + this.rng.range(-30, 15)
        : this.rng.range(3300, 3650);
      this.rssiBase[i] = this.rng.range(-105, -70);
      this.heap.push(i, this.due(i));
    }
  }

  /** Simulated time of the step that produced the last uplink (flap bursts may be ahead of it). */
  get clock(): number {
    return this.now;
  }

  /** The next uplink in simulated-time order (flap bursts may run a few seconds ahead), or null at the end. */
  next(): Uplink | null {
    while (this.queue.length === 0) {
      if (this.heap.peekKey() < this.endMs) this.step(this.heap.pop());
      else if (this.options.finalSync && this.syncNext < this.fleet.size) this.sync();
      else return null;
    }
    return this.queue.shift() ?? null;
  }

  private due(i: number): number {
    return Math.min(this.nextChange[i], this.nextHeartbeat[i], this.nextReboot[i]);
  }

  private step(i: number): void {
    const t = this.due(i);
    this.now = t;
    const profile = this.fleet.profiles[i];
    const hb = this.fleet.heartbeatMs[i];
    const jitter = (): number =>
      hb * (1 + this.options.heartbeatJitter * (2 * this.rng.next() - 1));
    if (this.nextReboot[i] === t) {
      const rebootMean =
        this.options.rebootsPerDay > 0 ? DAY_MS / this.options.rebootsPerDay : Infinity;
      this.booted[i] = 1;
      this.nextSeq[i] = 0;
      this.nextReboot[i] = t + Math.max(hb, this.rng.exponential(rebootMean));
      this.nextHeartbeat[i] = t + jitter();
      this.emit(i, t, 'startup');
    } else if (this.nextChange[i] === t) {
      const occupied = this.occupied[i] === 0;
      this.occupied[i] = occupied ? 1 : 0;
      this.nextChange[i] = occupied
        ? t + this.demand.dwellMs(profile, t, this.rng)
        : this.demand.nextArrival(profile, t, this.rng);
      if (this.booted[i] === 1) {
        const flaps = this.flapRng.chance(this.options.faults.flap)
          ? 2 * this.flapRng.int(1, 2)
          : 0;
        let at = t;
        for (let k = 0; k < flaps; k++) {
          this.emit(i, at, 'status', { occupied: k % 2 === 0 ? occupied : !occupied, flap: true });
          at += this.flapRng.range(500, 3000);
        }
        this.emit(i, at, 'status', { flap: flaps > 0 });
        if (flaps > 0 && this.nextChange[i] <= at) this.nextChange[i] = at + 1000;
      }
    } else {
      this.nextHeartbeat[i] = t + jitter();
      this.emit(i, t, 'heartbeat');
    }
    this.heap.push(i, this.due(i));
  }

  private sync(): void {
    if (this.syncNext < 0) this.syncNext = 0;
    const i = this.syncNext++;
    this.now = this.endMs;
    this.emit(i, this.endMs, this.booted[i] === 1 ? 'heartbeat' : 'startup', { sync: true });
  }

  private emit(
    i: number,
    t: number,
    type: SensorEventType,
    opts: { occupied?: boolean; flap?: boolean; sync?: boolean } = {},
  ): void {
    if (type === 'startup') this.nextSeq[i] = 0;
    const seq = this.nextSeq[i];
    this.nextSeq[i] = (seq + 1) % SEQ_MODULUS;
    this.battery[i] -= 0.05;
    const at = Math.round(t);
    const event: SensorEventWire = {
      sensorId: this.fleet.sensorIds[i],
      seq,
      type,
      occupied: opts.occupied ?? this.occupied[i] === 1,
      ts: this.ts.format(i, at),
    };
    if (type !== 'status') {
      event.batteryMv = Math.max(0, Math.round(this.battery[i]));
      event.temperatureC = this.temperature(at);
    }
    event.rssi = Math.round(this.rssiBase[i] + 4 * (this.rng.next() - 0.5));
    this.queue.push({
      sensor: i,
      ordinal: ++this.ordinal[i],
      atMs: at,
      type,
      event,
      flap: opts.flap ?? false,
      sync: opts.sync ?? false,
    });
  }

  private temperature(at: number): number {
    const hour = this.demand.calendar.hourOf(at);
    return (
      Math.round(
        (14 + 7 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + 2 * (this.rng.next() - 0.5)) * 10,
      ) / 10
    );
  }
}
