import { ArrivalRanking, IntentRanking, NearbySearch } from '@app/guidance';
import { Prng } from '../random/prng';
import { IdHeap } from '../stream/min-heap';
import { DEFAULT_DRIVER_OPTIONS, type DriverSimOptions } from './driver-options';
import { groupFigures, type DriverOutcome, type DriverReport } from './driver-report';
import { DriverWorld } from './driver-world';

const enum Ev {
  Appear,
  Arrive,
  Leave,
  Report,
}

interface Driver {
  app: boolean;
  destLat: number;
  destLon: number;
  walkM: number;
  lat: number;
  lon: number;
  appearT: number;
  /** Space heading for, -1 while cruising. */
  target: number;
  legs: number;
  firstTarget: number;
  arrived: boolean;
  cruiseFromT: number;
  outcome: DriverOutcome;
}

const INTENT_MARGIN_MS = 10 * 60_000;

/**
 * Driver agents on simulated time, in process: guidance is the library itself (replica, nearby
 * search, intent book) fed with the simulated sensors' reports, with no HTTP and no live store.
 * App drivers query nearby at their destination (radius = their walking distance, `eta` = their
 * arrival), drive to the first space at street speed, park if it is still free on arrival, else
 * query again from there. The others drive to the destination and cruise until they see a free
 * space. Cruising starts at the first recommended space (app) or at the destination (others).
 */
export function runDrivers(partial: Partial<DriverSimOptions> = {}): DriverReport {
  const started = Date.now();
  const o: DriverSimOptions = { ...DEFAULT_DRIVER_OPTIONS, ...partial };
  const w = new DriverWorld(o.seed, o.spaces);
  // separate streams: the demand (who appears where and when) is the same with intents on or off
  const rng = Prng.derive(o.seed, 'driving');
  const demand = Prng.derive(o.seed, 'demand');
  const stays = Prng.derive(o.seed, 'stays');
  const search = new NearbySearch(
    w.replica,
    new IntentRanking(w.replica.intents, o.penaltyM),
    new ArrivalRanking(w.replica.intents, w.replica.fill, {
      penaltyM: o.arrivalPenaltyM,
      intentPenaltyM: o.penaltyM,
      useIntents: !o.fillOnly,
    }),
  );
  const mps = (o.speedKmh * 1000) / 3600 / o.roadFactor; // straight-line metres per second
  const heap = new IdHeap(1024);
  const evKind: Ev[] = [];
  const evArg: number[] = [];
  const at = (t: number, kind: Ev, arg: number) => {
    evKind.push(kind);
    evArg.push(arg);
    heap.push(evKind.length - 1, t);
  };
  const drivers: Driver[] = [];
  let done = 0;
  const dwellMs = () => stays.exponential(o.dwellMeanMin * 60_000);

  const newDriver = (t: number): Driver => {
    const hot = demand.chance(o.hotspotShare);
    const spot = hot ? demand.pick(hotspots) : demand.pick(w.usable);
    const jitter = hot ? 120 : 50;
    const cos = Math.cos((w.lat(spot) * Math.PI) / 180);
    const destLat = w.lat(spot) + (demand.normal() * jitter) / 111_320;
    const destLon = w.lon(spot) + (demand.normal() * jitter) / 111_320 / cos;
    const trip = demand.range(o.tripM[0], o.tripM[1]);
    const angle = demand.range(0, 2 * Math.PI);
    const app = demand.chance(o.appShare);
    return {
      app,
      destLat,
      destLon,
      walkM: demand.range(o.walkM[0], o.walkM[1]),
      lat: destLat + (trip * Math.cos(angle)) / 111_320,
      lon: destLon + (trip * Math.sin(angle)) / 111_320 / cos,
      appearT: t,
      target: -1,
      legs: 0,
      firstTarget: -2,
      arrived: false,
      cruiseFromT: t,
      outcome: {
        app,
        parked: false,
        firstFree: false,
        requeries: 0,
        cruiseM: 0,
        cruiseS: 0,
        parkS: 0,
        walkM: 0,
      },
    };
  };

  // start: the district at its load, each parked car with a remaining stay
  for (const i of w.usable) {
    const taken = demand.chance(o.occupancy);
    w.setTaken(i, taken);
    w.report(i, w.t0);
    if (taken) at(w.t0 + dwellMs(), Ev.Leave, i);
  }
  const startTaken = w.usable.filter((i) => w.taken[i] === 1).length;
  const hotspots = Array.from({ length: o.hotspots }, () => demand.pick(w.usable));
  const perMin = ((startTaken / o.dwellMeanMin) * o.pressure) / 60_000;
  for (let t = w.t0 + demand.exponential(1 / perMin); t < w.t0 + o.durationMin * 60_000;) {
    at(t, Ev.Appear, drivers.length);
    drivers.push(newDriver(t));
    t += demand.exponential(1 / perMin);
  }

  const travelMs = (d: Driver, lat: number, lon: number) =>
    (w.distance(d.lat, d.lon, lat, lon) / mps) * 1000;
  const driveTo = (d: Driver, t: number, lat: number, lon: number, id: number) => {
    const ms = travelMs(d, lat, lon);
    if (d.arrived) {
      d.outcome.cruiseM += (ms / 1000) * mps * o.roadFactor;
    }
    d.lat = lat;
    d.lon = lon;
    at(t + ms, Ev.Arrive, id);
  };
  const intentId = (id: number) => `d${id}`;

  const query = (d: Driver, id: number, t: number) => {
    const etaMs = t + travelMs(d, d.destLat, d.destLon);
    const q = {
      lat: d.destLat,
      lon: d.destLon,
      radiusM: d.walkM,
      limit: 1,
      type: 'standard',
      atMs: t,
      stayMin: null,
      etaMs: o.sendEta ? etaMs : undefined,
    };
    const item = search.search(q, t).items[0];
    const i = item ? w.replica.spaces.index.get(item.spaceId)! : -1;
    if (d.firstTarget === -2) d.firstTarget = i;
    d.target = i;
    if (i < 0) return cruise(d, id, t);
    if (o.intents) {
      const arrive = t + travelMs(d, w.lat(i), w.lon(i));
      w.replica.intents.put({
        id: intentId(id),
        lotId: w.lotOf(i),
        spaceId: w.replica.spaces.ids[i],
        etaMs: arrive,
        expiresAtMs: arrive + INTENT_MARGIN_MS,
      });
    }
    driveTo(d, t, w.lat(i), w.lon(i), id);
  };

  /** No space in sight: drive on around the destination (back towards it when too far). */
  const cruise = (d: Driver, id: number, t: number) => {
    d.target = -1;
    const away = w.distance(d.lat, d.lon, d.destLat, d.destLon);
    if (!d.arrived || away > d.walkM * 0.8) return driveTo(d, t, d.destLat, d.destLon, id);
    const angle = rng.range(0, 2 * Math.PI);
    const step = 150;
    const dLat = (step * Math.cos(angle)) / 111_320;
    const dLon = (step * Math.sin(angle)) / (111_320 * Math.cos((d.lat * Math.PI) / 180));
    driveTo(d, t, d.lat + dLat, d.lon + dLon, id);
  };

  const park = (d: Driver, i: number, t: number) => {
    w.setTaken(i, true);
    at(t + o.sensorDelayS * 1000, Ev.Report, i);
    at(t + dwellMs(), Ev.Leave, i);
    d.outcome.parked = true;
    done++;
    d.outcome.parkS = (t - d.appearT) / 1000;
    d.outcome.cruiseS = (t - d.cruiseFromT) / 1000;
    d.outcome.walkM = w.distance(w.lat(i), w.lon(i), d.destLat, d.destLon);
  };

  const arrive = (d: Driver, id: number, t: number) => {
    if (!d.arrived) {
      d.arrived = true;
      d.cruiseFromT = t;
    }
    if (d.target >= 0 && w.taken[d.target] === 0) {
      if (d.app && d.target === d.firstTarget && d.legs === 0) d.outcome.firstFree = true;
      return park(d, d.target, t);
    }
    if (++d.legs > o.maxLegs) {
      done++; // gives up
      d.outcome.cruiseS = (t - d.cruiseFromT) / 1000;
      return;
    }
    if (d.app) {
      if (o.intents) w.replica.intents.remove(intentId(id));
      d.outcome.requeries++;
      return query(d, id, t);
    }
    const seen = w.nearestFree(d.lat, d.lon, o.sightM);
    if (seen < 0 || w.distance(w.lat(seen), w.lon(seen), d.destLat, d.destLon) > d.walkM) {
      return cruise(d, id, t);
    }
    d.target = seen;
    driveTo(d, t, w.lat(seen), w.lon(seen), id);
  };

  const appear = (id: number, t: number) => {
    const d = drivers[id];
    if (d.app) query(d, id, t);
    else driveTo(d, t, d.destLat, d.destLon, id);
  };

  let occupiedSum = 0;
  let samples = 0;
  const end = w.t0 + o.durationMin * 60_000;
  while (heap.length > 0) {
    const t = heap.peekKey();
    const e = heap.pop();
    const arg = evArg[e];
    switch (evKind[e]) {
      case Ev.Appear:
        appear(arg, t);
        break;
      case Ev.Arrive:
        arrive(drivers[arg], arg, t);
        break;
      case Ev.Leave:
        w.setTaken(arg, false);
        at(t + o.sensorDelayS * 1000, Ev.Report, arg);
        break;
      case Ev.Report:
        w.report(arg, t);
        break;
    }
    if (t <= end && evKind[e] === Ev.Appear) {
      occupiedSum += w.usable.length - w.freeTruth.size;
      samples++;
    }
    if (t > end && done === drivers.length) break;
  }
  const outcomes = drivers.map((d) => d.outcome);
  return {
    intents: o.intents,
    seed: o.seed,
    spaces: o.spaces,
    usableSpaces: w.usable.length,
    startOccupancy: startTaken / w.usable.length,
    meanOccupancy: samples ? occupiedSum / samples / w.usable.length : 0,
    app: groupFigures(outcomes.filter((x) => x.app)),
    others: groupFigures(outcomes.filter((x) => !x.app)),
    wallMs: Date.now() - started,
  };
}
