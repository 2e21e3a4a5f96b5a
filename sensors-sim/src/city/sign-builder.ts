import type { CityFile } from '@app/domain';

const GUIDED: ReadonlySet<string> = new Set(['offstreet', 'institutional', 'temporary']);

/** A few junction signs: one per handful of zones, each pointing to up to three garages of its zone. */
export function buildSigns(zones: CityFile['zones'], lots: CityFile['lots']): CityFile['signs'] {
  const byZone = new Map<string, CityFile['lots']>();
  for (const lot of lots) {
    if (!GUIDED.has(lot.category)) continue;
    const list = byZone.get(lot.zoneId) ?? [];
    list.push(lot);
    byZone.set(lot.zoneId, list);
  }
  const wanted = Math.min(20, Math.max(1, Math.round(zones.length / 4)));
  const signs: CityFile['signs'] = [];
  for (const zone of zones) {
    const targets = (byZone.get(zone.id) ?? []).slice(0, 3);
    if (targets.length === 0) continue;
    signs.push({
      id: `SIGN-${String(signs.length + 1).padStart(2, '0')}`,
      name: `${zone.name} junction`,
      lat: targets[0].lat,
      lon: targets[0].lon,
      entries: targets.map((lot) => ({
        lotId: lot.id,
        label: `P ${lot.id}`.slice(0, 40),
        fullAt: 0,
        fullClearAt: 3,
        almostFullAt: Math.max(1, Math.round(lot.capacity * 0.1)),
        almostFullClearAt: Math.max(2, Math.round(lot.capacity * 0.15)),
      })),
    });
    if (signs.length >= wanted) break;
  }
  return signs;
}
