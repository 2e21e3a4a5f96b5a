import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarSchema, cityFileJsonSchema, validateCityFile } from '@app/domain';
import { verifySecret } from '@app/security';
import { officialCalendar } from '@app/city/sample';
import { buildSampleCity, sampleGatewaySecret } from '../../apps/cli/src/sample/sample-city';

const root = join(__dirname, '..', '..');
const readJson = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

describe('shipped city data and schema', () => {
  it('docs/city-file.schema.json is the generated one (run npm run city:schema)', () => {
    expect(readJson('docs/city-file.schema.json')).toEqual(cityFileJsonSchema());
  });

  it('data/sample-city.json is valid and is what the generator writes', () => {
    const file = readJson('data/sample-city.json');
    const v = validateCityFile(file);
    expect(v.errors).toEqual([]);
    expect(file).toEqual(JSON.parse(JSON.stringify(buildSampleCity())));
  });

  it('the sample covers every lot category, rule kind and the exemptions', () => {
    const v = validateCityFile(readJson('data/sample-city.json'));
    if (!v.ok) throw new Error('sample invalid');
    const c = v.city;
    expect(new Set(c.lots.map((l) => l.category))).toEqual(
      new Set(['onstreet', 'offstreet', 'institutional', 'temporary', 'residential']),
    );
    expect(new Set(c.rules.map((r) => r.kind))).toEqual(
      new Set(['audience', 'short_stay', 'tidal', 'no_parking']),
    );
    expect(c.exemptions.map((e) => e.when).sort()).toEqual(['holidays', 'school_vacations']);
    expect(c.spaces.length).toBeGreaterThanOrEqual(250);
    expect(c.zones.length).toBeGreaterThanOrEqual(3);
    expect(c.sensors.every((s) => s.gatewayIds.length >= 1 && s.gatewayIds.length <= 2)).toBe(true);
    expect(c.sensors.some((s) => s.gatewayIds.length === 2)).toBe(true);
    const gw = c.gateways[0];
    expect(verifySecret(sampleGatewaySecret(gw.id), gw.secretHash!)).toBe(true);
    expect(verifySecret('wrong', gw.secretHash!)).toBe(false);
  });

  it('data/calendar/cn-official.json is the 2026 official schedule from chinese-days', () => {
    const cal = readJson('data/calendar/cn-official.json');
    expect(cal).toEqual(officialCalendar(2026));
    const parsed = calendarSchema.parse(cal);
    const dates = [...parsed.holidays, ...parsed.adjustedWorkingDays].map((d) => d.date);
    expect(dates.every((d) => d.startsWith('2026-'))).toBe(true);
    expect(parsed.holidays.map((d) => d.date)).toContain('2026-10-01');
    expect(parsed.adjustedWorkingDays.map((d) => d.date)).toContain('2026-02-14');
  });
});
