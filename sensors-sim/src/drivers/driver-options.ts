import { ARRIVAL_PENALTY_M_DEFAULT } from '@app/guidance';

/** One driver-agent run (`npm run sim -- drivers`): city, demand, behaviour, intents on or off. */
export interface DriverSimOptions {
  seed: string;
  /** City size (spaces); the generated city of `npm run sim -- city --spaces N --seed S`. */
  spaces: number;
  /** Share of the public standard spaces occupied at the start (the district's load). */
  occupancy: number;
  /** Arrivals per minute as a multiple of the departures that keep `occupancy` steady. */
  pressure: number;
  /** Drivers appear during this window (then the run lasts until every one parked or gave up). */
  durationMin: number;
  /** Share of drivers using the app (query guidance); the rest park wherever they see a space. */
  appShare: number;
  /** App drivers declare an intent for the space they head for (and move it on re-query). */
  intents: boolean;
  /**
   * App queries carry the driver's `eta`: spaces targeted by drivers arriving later are then not
   * demoted. Off, every declared target is demoted (the app's choice; see docs/guidance-intents.md).
   */
  sendEta: boolean;
  /** Ranked distance added to a space another driver reaches first (GUIDANCE_INTENT_PENALTY_M). */
  penaltyM: number;
  /**
   * Arrival-aware ranking (GUIDANCE_ARRIVAL_PENALTY_M): for queries with `eta` while intents are
   * open, a space ranks as if this x (1 - chance it is still free on arrival) farther. 0 = off.
   */
  arrivalPenaltyM: number;
  /** Ablation: the arrival ranking ignores the declared intents (turnover estimate only). */
  fillOnly: boolean;
  dwellMeanMin: number;
  speedKmh: number;
  /** Street distance over straight-line distance. */
  roadFactor: number;
  /** Each driver's maximum walking distance from the destination, drawn in this range. */
  walkM: [number, number];
  /** Distance from the driver's start to the destination, drawn in this range. */
  tripM: [number, number];
  /** Sensor to guidance delay. */
  sensorDelayS: number;
  /** Destinations cluster around this many hotspots (hospital, station...) for `hotspotShare`. */
  hotspots: number;
  hotspotShare: number;
  /** How far a driver without the app sees a free space while cruising. */
  sightM: number;
  /** Re-queries (or cruising legs) before a driver gives up. */
  maxLegs: number;
}

export const DRIVER_DISTRICTS = {
  busy: { occupancy: 0.93, pressure: 1.1 },
  quiet: { occupancy: 0.6, pressure: 1 },
} as const;

export const DEFAULT_DRIVER_OPTIONS: DriverSimOptions = {
  seed: 'drivers',
  spaces: 5000,
  ...DRIVER_DISTRICTS.busy,
  durationMin: 60,
  appShare: 0.5,
  intents: true,
  sendEta: false,
  penaltyM: 150,
  arrivalPenaltyM: ARRIVAL_PENALTY_M_DEFAULT,
  fillOnly: false,
  dwellMeanMin: 60,
  speedKmh: 25,
  roadFactor: 1.3,
  walkM: [200, 500],
  tripM: [500, 1500],
  sensorDelayS: 10,
  hotspots: 12,
  hotspotShare: 0.2,
  sightM: 40,
  maxLegs: 40,
};
