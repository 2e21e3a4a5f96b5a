import type { CityFile } from '@app/domain';
import { FaultInjector } from '../faults/fault-injector';
import type { Delivery } from './delivery';
import { SimFleet } from './sim-fleet';
import { resolveStreamOptions, type StreamInput, type StreamOptions } from './stream-options';
import { UplinkSource } from './uplink-source';

/**
 * Every delivery the gateways forward, in simulated-time order: a pure function of the city and
 * the options (seed included), independent of the wall clock and of how fast it is consumed.
 */
export class EventStream implements Iterable<Delivery> {
  readonly fleet: SimFleet;
  readonly options: StreamOptions;
  readonly source: UplinkSource;
  readonly faults: FaultInjector;
  private pendingUplinkAt = -Infinity;
  private exhausted = false;

  constructor(city: CityFile | SimFleet, options: StreamInput) {
    this.fleet = city instanceof SimFleet ? city : new SimFleet(city);
    this.options = resolveStreamOptions(options);
    this.source = new UplinkSource(this.fleet, this.options);
    const o = this.options;
    this.faults = new FaultInjector(
      this.fleet,
      this.source.ts,
      o.faults,
      o.seed,
      o.startMs,
      o.startMs + o.durationMs,
    );
  }

  get startMs(): number {
    return this.options.startMs;
  }

  get endMs(): number {
    return this.source.endMs;
  }

  /** The next delivery, or null when the run is over. */
  next(): Delivery | null {
    for (;;) {
      const ready = this.faults.release(this.exhausted ? Infinity : this.pendingUplinkAt);
      if (ready) return ready;
      if (this.exhausted) return null;
      const up = this.source.next();
      if (up === null) {
        this.exhausted = true;
        this.faults.flushHeld(this.endMs);
        continue;
      }
      this.faults.accept(up);
      this.pendingUplinkAt = this.source.clock;
    }
  }

  *[Symbol.iterator](): Iterator<Delivery> {
    for (let d = this.next(); d !== null; d = this.next()) yield d;
  }
}
