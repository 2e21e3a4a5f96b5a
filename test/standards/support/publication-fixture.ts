import { CityFile } from '@app/domain';
import { catalogFromCity, Clock, Guidance, LiveReplica, LiveSpaceState } from '@app/guidance';

/** Targets for the live state of a lot, so a test city has lots in every status. */
export type LotFill = 'all-free' | 'one-free' | 'all-occupied' | 'silent';
const FILLS: LotFill[] = ['all-free', 'one-free', 'all-occupied', 'silent'];

class FixedClock extends Clock {
  constructor(public nowMs: number) {
    super();
  }
  now(): number {
    return this.nowMs;
  }
}

/**
 * A guidance replica of `city` with live state at `nowMs`: lots take the fills in turn and every
 * fifth lot is closed by the operator, so all five lot statuses appear.
 */
export function guidanceFor(input: CityFile, nowMs: number) {
  const city: CityFile = {
    ...input,
    lots: input.lots.map((l, i) => (i % 5 === 4 ? { ...l, closed: true } : l)),
  };
  const replica = new LiveReplica({ cellM: 150 });
  replica.setCatalog(catalogFromCity(city));
  const fillOf = new Map(city.lots.map((l, i) => [l.id, FILLS[i % FILLS.length]]));
  const firstOfLot = new Set<string>();
  const states: LiveSpaceState[] = [];
  for (const s of city.spaces) {
    const fill = fillOf.get(s.lotId) ?? 'silent';
    if (fill === 'silent') continue;
    const first = !firstOfLot.has(s.lotId);
    firstOfLot.add(s.lotId);
    const occupied = fill === 'all-occupied' || (fill === 'one-free' && !first);
    states.push({
      spaceId: s.id,
      occupied,
      lastSeenMs: nowMs - 30_000,
      sinceMs: nowMs - 600_000,
      batteryLow: false,
      ver: 1,
      staleMs: null,
    });
  }
  replica.loadSnapshot(states);
  const clock = new FixedClock(nowMs);
  return { guidance: new Guidance(replica, clock), replica, clock };
}
