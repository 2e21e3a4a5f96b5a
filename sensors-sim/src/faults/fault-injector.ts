import { Prng } from '../random/prng';
import type { Delivery, DeliveryTag, Uplink } from '../stream/delivery';
import type { SimFleet } from '../stream/sim-fleet';
import type { TsFormatter } from '../stream/ts-formatter';
import type { FaultOptions } from './fault-options';
import { DeliveryQueue } from './delivery-queue';
import { invalidMessage } from './invalid-messages';
import { outageEnd, planOutages, type Outage } from './outage-plan';

export interface FaultCounts {
  lost: number;
  repeated: number;
  dual: number;
  reordered: number;
  replayed: number;
  invalid: number;
  outages: number;
}

/** The radio and the gateways: turns uplinks into deliveries, with faults at the configured rates. */
export class FaultInjector {
  readonly outages: Outage[][];
  readonly counts: FaultCounts = {
    lost: 0,
    repeated: 0,
    dual: 0,
    reordered: 0,
    replayed: 0,
    invalid: 0,
    outages: 0,
  };
  private readonly queue = new DeliveryQueue();
  private readonly rng: Prng;
  /** Per sensor: an uplink held back until the sensor's next uplink has gone out. */
  private readonly held = new Map<number, Uplink>();
  private ghosts = 0;

  constructor(
    private readonly fleet: SimFleet,
    private readonly clock: TsFormatter,
    private readonly f: FaultOptions,
    seed: string,
    startMs: number,
    endMs: number,
  ) {
    this.rng = Prng.derive(seed, 'faults');
    this.outages = planOutages(
      Prng.derive(seed, 'outages'),
      fleet.gatewayIds.length,
      startMs,
      endMs,
      f,
    );
    this.counts.outages = this.outages.reduce((a, o) => a + o.length, 0);
  }

  accept(up: Uplink): void {
    const i = up.sensor;
    if (up.sync) {
      this.send(up, this.fleet.primary[i], up.atMs, 'sync');
      this.releaseHeld(i, up.atMs);
      return;
    }
    const r = this.rng;
    const protectedType = up.type === 'startup';
    if (!protectedType && r.chance(this.f.loss)) {
      this.counts.lost++;
      return;
    }
    if (!protectedType && !this.held.has(i) && r.chance(this.f.reorder)) {
      this.counts.reordered++;
      this.held.set(i, up);
    } else {
      this.transmit(up, up.atMs, up.flap ? 'flap' : null);
      this.releaseHeld(i, up.atMs);
    }
    if (r.chance(this.f.invalid)) {
      this.counts.invalid++;
      const bad = invalidMessage(r, this.fleet, this.clock, up, ++this.ghosts);
      this.push(bad.gateway, up.atMs, 'invalid', {
        sensor: -1,
        ordinal: 0,
        event: null,
        raw: bad.raw,
        rejection: bad.rejection,
      });
    }
  }

  /** Sends whatever is still held back (at the end of the run). */
  flushHeld(atMs: number): void {
    for (const i of [...this.held.keys()]) this.releaseHeld(i, atMs);
  }

  /** Next delivery due at or before `upTo` (all of them with Infinity), in delivery order. */
  release(upTo: number): Delivery | undefined {
    return this.queue.peekAt() <= upTo ? this.queue.pop() : undefined;
  }

  /** The uplink through its gateway(s), with repeats. */
  private transmit(up: Uplink, at: number, tag: DeliveryTag | null): void {
    const i = up.sensor;
    const r = this.rng;
    this.send(up, this.fleet.primary[i], at, tag);
    if (this.fleet.secondary[i] >= 0 && r.chance(this.f.dual)) {
      this.counts.dual++;
      this.send(up, this.fleet.secondary[i], at + Math.round(r.range(0, 500)), 'dual');
    }
    if (r.chance(this.f.repeat)) {
      this.counts.repeated++;
      this.send(up, this.fleet.primary[i], at + Math.round(r.range(200, 5_000)), 'repeat');
    }
  }

  private releaseHeld(sensor: number, after: number): void {
    const up = this.held.get(sensor);
    if (!up) return;
    this.held.delete(sensor);
    this.transmit(up, after + Math.round(this.rng.range(100, 2_000)), 'reorder');
  }

  private send(up: Uplink, gateway: number, at: number, tag: DeliveryTag | null): void {
    this.push(gateway, at, tag, {
      sensor: up.sensor,
      ordinal: up.ordinal,
      event: up.event,
      raw: null,
      rejection: null,
    });
  }

  /** Queues a delivery; a gateway that is down keeps it and replays it when it comes back. */
  private push(
    gateway: number,
    at: number,
    tag: DeliveryTag | null,
    body: Omit<Delivery, 'atMs' | 'gatewayId' | 'tag'>,
  ): void {
    const end = tag === 'sync' ? -1 : outageEnd(this.outages, gateway, at);
    if (end >= 0) this.counts.replayed++;
    this.queue.push({
      ...body,
      atMs: end >= 0 ? end : at,
      gatewayId: this.fleet.gatewayIds[gateway],
      tag: end >= 0 ? 'replay' : tag,
    });
  }
}
