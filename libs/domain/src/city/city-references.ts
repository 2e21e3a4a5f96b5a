import { CityFileIssue } from './city-file.issue';
import { toJsonPath } from './json-path';

type Item = Record<string, unknown>;
type Path = Array<string | number>;

function items(root: Item, key: string): Array<[number, Item]> {
  const list = root[key];
  if (!Array.isArray(list)) return [];
  const out: Array<[number, Item]> = [];
  list.forEach((v, i) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push([i, v as Item]);
  });
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Cross-reference checks over the raw file, so that they run even when the schema check fails
 * and every problem is reported in one pass. Malformed parts are skipped (the schema names them).
 */
export class CityReferenceChecker {
  private readonly issues: CityFileIssue[] = [];
  private readonly ids = new Map<string, Map<string, number>>();

  constructor(private readonly root: Item) {}

  check(): CityFileIssue[] {
    for (const c of [
      'pricingTiers',
      'rules',
      'exemptions',
      'sensorModels',
      'zones',
      'lots',
      'spaces',
      'gateways',
      'sensors',
      'signs',
    ]) {
      this.collectIds([c], items(this.root, c));
    }
    const calendar = this.root.calendar;
    if (calendar && typeof calendar === 'object') this.checkCalendar(calendar as Item);
    this.checkZones();
    this.checkLots();
    this.checkSpaces();
    this.checkSensors();
    this.checkSigns();
    return this.issues;
  }

  private add(path: Path, message: string): void {
    this.issues.push({ path: toJsonPath(path), message });
  }

  private collectIds(path: Path, list: Array<[number, Item]>): void {
    const seen = new Map<string, number>();
    for (const [i, it] of list) {
      const id = str(it.id);
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first !== undefined) {
        this.add(
          [...path, i, 'id'],
          `duplicate id "${id}" (first at ${toJsonPath([...path, first])})`,
        );
      } else seen.set(id, i);
    }
    this.ids.set(path.join('.'), seen);
  }

  private ref(collection: string, what: string, path: Path, value: unknown): void {
    const id = str(value);
    if (id === undefined) return;
    if (!this.ids.get(collection)?.has(id)) this.add(path, `unknown ${what} "${id}"`);
  }

  private refList(collection: string, what: string, path: Path, value: unknown): void {
    if (!Array.isArray(value)) return;
    const seen = new Set<string>();
    value.forEach((v, j) => {
      this.ref(collection, what, [...path, j], v);
      if (typeof v === 'string') {
        if (seen.has(v)) this.add([...path, j], `"${v}" is listed twice`);
        seen.add(v);
      }
    });
  }

  private checkCalendar(cal: Item): void {
    this.collectIds(['calendar', 'schoolVacations'], items(cal, 'schoolVacations'));
    const holidays = new Set<string>();
    for (const key of ['holidays', 'adjustedWorkingDays']) {
      const seen = new Map<string, number>();
      for (const [i, d] of items(cal, key)) {
        const date = str(d.date);
        if (date === undefined) continue;
        if (seen.has(date)) this.add(['calendar', key, i, 'date'], `duplicate date ${date}`);
        seen.set(date, i);
        if (key === 'holidays') holidays.add(date);
        else if (holidays.has(date)) {
          this.add(
            ['calendar', key, i, 'date'],
            `${date} is also listed as a holiday; a day is either a holiday or an adjusted working day`,
          );
        }
      }
    }
  }

  private checkZones(): void {
    for (const [i, z] of items(this.root, 'zones')) {
      this.ref('pricingTiers', 'pricing tier', ['zones', i, 'pricingTierId'], z.pricingTierId);
    }
  }

  private checkLots(): void {
    const spacesPerLot = new Map<string, number>();
    for (const [, s] of items(this.root, 'spaces')) {
      const lot = str(s.lotId);
      if (lot !== undefined) spacesPerLot.set(lot, (spacesPerLot.get(lot) ?? 0) + 1);
    }
    for (const [i, l] of items(this.root, 'lots')) {
      this.ref('zones', 'zone', ['lots', i, 'zoneId'], l.zoneId);
      this.ref('pricingTiers', 'pricing tier', ['lots', i, 'pricingTierId'], l.pricingTierId);
      this.refList('rules', 'rule', ['lots', i, 'ruleIds'], l.ruleIds);
      const id = str(l.id);
      const count = id === undefined ? 0 : (spacesPerLot.get(id) ?? 0);
      if (typeof l.capacity === 'number' && count > l.capacity) {
        this.add(
          ['lots', i, 'capacity'],
          `lot has ${count} spaces, more than its capacity ${l.capacity}`,
        );
      }
      if (l.category === 'temporary' && (l.validFrom === undefined || l.validTo === undefined)) {
        this.add(['lots', i], 'a temporary lot needs validFrom and validTo');
      }
    }
  }

  private checkSpaces(): void {
    for (const [i, s] of items(this.root, 'spaces')) {
      this.ref('lots', 'lot', ['spaces', i, 'lotId'], s.lotId);
      this.refList('rules', 'rule', ['spaces', i, 'ruleIds'], s.ruleIds);
    }
  }

  private checkSensors(): void {
    const boundBy = new Map<string, number>();
    for (const [i, s] of items(this.root, 'sensors')) {
      this.ref('sensorModels', 'sensor model', ['sensors', i, 'modelId'], s.modelId);
      this.ref('spaces', 'space', ['sensors', i, 'spaceId'], s.spaceId);
      this.refList('gateways', 'gateway', ['sensors', i, 'gatewayIds'], s.gatewayIds);
      const space = str(s.spaceId);
      if (space === undefined) continue;
      const other = boundBy.get(space);
      if (other !== undefined) {
        this.add(
          ['sensors', i, 'spaceId'],
          `space "${space}" is already bound to the sensor at ${toJsonPath(['sensors', other])}`,
        );
      } else boundBy.set(space, i);
    }
  }

  private checkSigns(): void {
    for (const [i, sign] of items(this.root, 'signs')) {
      for (const [j, e] of items(sign, 'entries')) {
        const at = ['signs', i, 'entries', j];
        this.ref('lots', 'lot', [...at, 'lotId'], e.lotId);
        const n = (k: string, d: number) => (typeof e[k] === 'number' ? (e[k] as number) : d);
        if (n('fullClearAt', 3) <= n('fullAt', 0)) {
          this.add([...at, 'fullClearAt'], 'fullClearAt must be above fullAt');
        }
        if (n('almostFullClearAt', 15) <= n('almostFullAt', 10)) {
          this.add([...at, 'almostFullClearAt'], 'almostFullClearAt must be above almostFullAt');
        }
        if (n('almostFullAt', 10) < n('fullAt', 0)) {
          this.add([...at, 'almostFullAt'], 'almostFullAt must not be below fullAt');
        }
      }
    }
  }
}
