import { CalendarIndex, ZoneClock, type CityFile } from '@app/domain';
import { DayKindClock, HistoryRecorder, type LotHistory } from '@app/forecast';
import { EventStream, NO_FAULTS } from '../../../sensors-sim/src';

export interface SimulatedHistory {
  history: LotHistory;
  kinds: DayKindClock;
  /** Valid readings recorded. */
  readings: number;
}

/** Sensed spaces per lot and the lot index of every sensor's space. */
export function lotLayout(city: CityFile): {
  lotIds: string[];
  capacity: number[];
  lotOfSpace: Map<string, number>;
} {
  const lotIds = city.lots.map((l) => l.id);
  const index = new Map(lotIds.map((id, i) => [id, i]));
  const capacity = new Array<number>(lotIds.length).fill(0);
  const spaceLot = new Map(city.spaces.map((s) => [s.id, index.get(s.lotId) ?? -1]));
  const lotOfSpace = new Map<string, number>();
  for (const sensor of city.sensors) {
    const lot = spaceLot.get(sensor.spaceId) ?? -1;
    if (lot < 0) continue;
    capacity[lot]++;
    lotOfSpace.set(sensor.spaceId, lot);
  }
  return { lotIds, capacity, lotOfSpace };
}

export function dayKindClockOf(city: CityFile): DayKindClock {
  return new DayKindClock(new ZoneClock(city.city.timeZone), new CalendarIndex(city.calendar));
}

/**
 * Plays the simulator's sensors over a period without faults (every uplink is the physical
 * state: the simulator's ground truth) and records what the backend would have recorded,
 * sampled per lot on the 15-minute grid. Only the readings leave the simulator.
 */
export function simulateHistory(
  city: CityFile,
  options: { seed: string; startMs: number; durationMs: number; demandScale?: number },
): SimulatedHistory {
  const { lotIds, capacity, lotOfSpace } = lotLayout(city);
  const stream = new EventStream(city, {
    seed: options.seed,
    startMs: options.startMs,
    durationMs: options.durationMs,
    demandScale: options.demandScale ?? 1,
    faults: NO_FAULTS,
    seqWrapShare: 0,
    rebootsPerDay: 0,
    lowBatteryShare: 0,
    finalSync: false,
    tsFormat: 'ms',
  });
  const spaceLot = Int32Array.from(stream.fleet.spaceIds, (id) => lotOfSpace.get(id) ?? -1);
  const endMs = options.startMs + options.durationMs;
  const recorder = new HistoryRecorder(lotIds, capacity, spaceLot, options.startMs, endMs);
  let readings = 0;
  for (let d = stream.next(); d !== null; d = stream.next()) {
    if (d.event === null) continue;
    recorder.observe(d.sensor, d.atMs, d.event.occupied);
    readings++;
  }
  return { history: recorder.finish(), kinds: dayKindClockOf(city), readings };
}
