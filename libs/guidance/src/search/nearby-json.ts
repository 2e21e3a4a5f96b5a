import type { SpaceAccess } from '../ports/guidance-policy.port';
import type { SpaceTable } from '../replica/space-table';

/** A JSON value as JSON.stringify writes it inside an object (null, finite number or string). */
export function jsonValue(v: string | number | null): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  return Number.isFinite(v) ? String(v) : 'null';
}

/**
 * The constant parts of a nearby item's JSON, written once per space (its id, lot, coordinates
 * and type never change within one table) and once per rule answer, so an answer is a handful of
 * string joins instead of an object per item for JSON.stringify. Field order and text are
 * exactly JSON.stringify's of `NearbySpaceItem` (a spec checks it byte for byte).
 */
export class NearbyJson {
  private readonly heads: (string | undefined)[];
  private readonly mids: (string | undefined)[];
  private readonly midOfType = new Map<string, string>();

  constructor(
    readonly table: SpaceTable,
    private readonly currency: string,
  ) {
    this.heads = new Array<string | undefined>(table.size);
    this.mids = new Array<string | undefined>(table.size);
  }

  /** `{"spaceId":..,"lotId":..,"lat":..,"lon":..,"distanceM":` */
  head(i: number): string {
    let h = this.heads[i];
    if (h === undefined) {
      const t = this.table;
      const lot = t.lotOf[i];
      h =
        `{"spaceId":${jsonValue(t.ids[i])},"lotId":${jsonValue(lot >= 0 ? t.lots[lot].id : null)}` +
        `,"lat":${jsonValue(t.lat[i])},"lon":${jsonValue(t.lon[i])},"distanceM":`;
      this.heads[i] = h;
    }
    return h;
  }

  /** `,"type":..,"state":"free","ageS":` */
  mid(i: number): string {
    let m = this.mids[i];
    if (m === undefined) {
      const type = this.table.types[i];
      m = this.midOfType.get(type);
      if (m === undefined) {
        m = `,"type":${jsonValue(type)},"state":"free","ageS":`;
        this.midOfType.set(type, m);
      }
      this.mids[i] = m;
    }
    return m;
  }

  /** `,"usableUntil":..,"maxStayMin":..,"pricePerHour":..,"currency":..}` */
  tail(a: SpaceAccess): string {
    const until = a.usableUntilMs === null ? null : new Date(a.usableUntilMs).toISOString();
    return (
      `,"usableUntil":${jsonValue(until)},"maxStayMin":${jsonValue(a.maxStayMin)}` +
      `,"pricePerHour":${jsonValue(a.pricePerHour)},"currency":${jsonValue(this.currency)}}`
    );
  }
}
