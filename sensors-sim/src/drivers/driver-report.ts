/** One driver's outcome. */
export interface DriverOutcome {
  app: boolean;
  parked: boolean;
  /** App drivers: the first recommended space was free when they got there. */
  firstFree: boolean;
  requeries: number;
  /** Until parked, or until giving up. */
  cruiseM: number;
  cruiseS: number;
  parkS: number;
  /** Straight-line distance from the space parked in to the destination (parked drivers). */
  walkM: number;
}

export interface GroupFigures {
  drivers: number;
  parked: number;
  gaveUp: number;
  firstFreeShare: number;
  meanRequeries: number;
  meanCruiseM: number;
  meanCruiseS: number;
  /** The same over the drivers who parked (give-ups left out). */
  meanCruiseSParked: number;
  meanTimeToParkS: number;
  meanWalkM: number;
}

export interface DriverReport {
  intents: boolean;
  seed: string;
  spaces: number;
  usableSpaces: number;
  startOccupancy: number;
  meanOccupancy: number;
  app: GroupFigures;
  others: GroupFigures;
  wallMs: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function groupFigures(outcomes: DriverOutcome[]): GroupFigures {
  const parked = outcomes.filter((o) => o.parked);
  return {
    drivers: outcomes.length,
    parked: parked.length,
    gaveUp: outcomes.length - parked.length,
    firstFreeShare: outcomes.length
      ? outcomes.filter((o) => o.firstFree).length / outcomes.length
      : 0,
    meanRequeries: mean(outcomes.map((o) => o.requeries)),
    meanCruiseM: mean(outcomes.map((o) => o.cruiseM)),
    meanCruiseS: mean(outcomes.map((o) => o.cruiseS)),
    meanCruiseSParked: mean(parked.map((o) => o.cruiseS)),
    meanTimeToParkS: mean(parked.map((o) => o.parkS)),
    meanWalkM: mean(parked.map((o) => o.walkM)),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The report as aligned text lines. */
export function formatReport(r: DriverReport): string[] {
  const row = (name: string, g: GroupFigures, app: boolean) =>
    `  ${name.padEnd(7)} drivers ${String(g.drivers).padStart(5)}  parked ${String(g.parked).padStart(5)}` +
    `  first space free ${app ? pct(g.firstFreeShare).padStart(7) : '      -'}` +
    `  re-queries ${g.meanRequeries.toFixed(2).padStart(5)}` +
    `  cruising ${g.meanCruiseM.toFixed(0).padStart(5)} m ${g.meanCruiseS.toFixed(0).padStart(4)} s` +
    `  time to park ${g.meanTimeToParkS.toFixed(0).padStart(4)} s` +
    `  walk ${g.meanWalkM.toFixed(0).padStart(4)} m`;
  return [
    `intents ${r.intents ? 'on ' : 'off'}  seed ${r.seed}  city ${r.spaces} spaces (${r.usableSpaces} public standard)` +
      `  occupancy start ${pct(r.startOccupancy)} mean ${pct(r.meanOccupancy)}  (${r.wallMs} ms)`,
    row('app', r.app, true),
    row('others', r.others, false),
  ];
}
