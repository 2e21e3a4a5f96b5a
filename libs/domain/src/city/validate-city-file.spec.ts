import { toJsonPath } from './json-path';
import { normaliseCityFile } from './normalise-city-file';
import { validateCityFile } from './validate-city-file';

function city(): Record<string, unknown> {
  return {
    version: 1,
    city: { name: 'T' },
    pricingTiers: [{ id: 'tier-a', basePricePerHour: 2 }],
    rules: [
      {
        id: 'r-night',
        kind: 'audience',
        audience: 'residents',
        windows: [{ days: 'everyday', from: '19:00', to: '07:00' }],
      },
    ],
    sensorModels: [{ id: 'sm', heartbeatIntervalS: 300, lowBatteryMv: 3300 }],
    zones: [{ id: 'z1', name: 'Z', pricingTierId: 'tier-a' }],
    lots: [
      { id: 'l1', zoneId: 'z1', name: 'L', category: 'onstreet', capacity: 2, lat: 30, lon: 120 },
    ],
    spaces: [
      { id: 's1', lotId: 'l1', lat: 30, lon: 120, ruleIds: ['r-night'] },
      { id: 's2', lotId: 'l1', lat: 30, lon: 120 },
    ],
    gateways: [{ id: 'g1' }],
    sensors: [
      { id: 'n1', modelId: 'sm', spaceId: 's1', gatewayIds: ['g1'] },
      { id: 'n2', modelId: 'sm', spaceId: 's2', gatewayIds: ['g1'] },
    ],
  };
}

const paths = (input: unknown) => {
  const v = validateCityFile(input);
  return v.ok ? [] : v.errors.map((e) => e.path);
};

describe('validateCityFile', () => {
  it('accepts a consistent city and fills the defaults', () => {
    const v = validateCityFile(city());
    expect(v.errors).toEqual([]);
    expect(v.ok && v.city.spaces[1]).toMatchObject({ type: 'standard', ruleIds: [] });
  });

  it('names every fault of a faulty file by JSON path, schema and references together', () => {
    const c = city() as Record<string, Array<Record<string, unknown>>>;
    c.spaces.push({ id: 's3', lotId: 'nowhere', lat: 30, lon: 120 });
    c.spaces.push({ id: 's1', lotId: 'l1', lat: 30, lon: 120 });
    c.rules[0].windows = [{ days: 'everyday', from: '19:00', to: '25:00' }];
    c.lots[0].capacity = -1;
    c.sensors.push({ id: 'n3', modelId: 'sm-x', spaceId: 's2', gatewayIds: ['g1', 'g9'] });
    c.zones[0].pricingTierId = 'tier-z';
    const v = validateCityFile(c);
    expect(v.ok).toBe(false);
    const byPath = new Map(v.errors.map((e) => [e.path, e.message]));
    expect(byPath.get('$.spaces[2].lotId')).toMatch(/unknown lot "nowhere"/);
    expect(byPath.get('$.spaces[3].id')).toMatch(/duplicate id "s1" \(first at \$\.spaces\[0\]\)/);
    expect(byPath.get('$.rules[0].windows[0].to')).toMatch(/HH:MM/);
    expect(byPath.get('$.lots[0].capacity')).toBeDefined();
    expect(byPath.get('$.sensors[2].modelId')).toMatch(/unknown sensor model "sm-x"/);
    expect(byPath.get('$.sensors[2].spaceId')).toMatch(/already bound .*\$\.sensors\[1\]/);
    expect(byPath.get('$.sensors[2].gatewayIds[1]')).toMatch(/unknown gateway "g9"/);
    expect(byPath.get('$.zones[0].pricingTierId')).toMatch(/unknown pricing tier/);
  });

  it('refuses more spaces than a lot holds', () => {
    const c = city() as Record<string, Array<Record<string, unknown>>>;
    c.lots[0].capacity = 1;
    const v = validateCityFile(c);
    expect(v.errors).toEqual([
      { path: '$.lots[0].capacity', message: 'lot has 2 spaces, more than its capacity 1' },
    ]);
  });

  it('checks rule references of lots and spaces, sign lots and thresholds, calendar days', () => {
    const c = city() as Record<string, Array<Record<string, unknown>>>;
    c.lots[0].ruleIds = ['r-night', 'r-gone', 'r-night'];
    c.signs = [{ id: 'sg', entries: [{ lotId: 'l9', label: 'X', fullAt: 5, fullClearAt: 5 }] }];
    const withCalendar = {
      ...c,
      calendar: {
        holidays: [{ date: '2026-10-01' }, { date: '2026-10-01' }],
        adjustedWorkingDays: [{ date: '2026-10-01' }],
      },
    };
    expect(paths(withCalendar).sort()).toEqual(
      [
        '$.calendar.adjustedWorkingDays[0].date',
        '$.calendar.holidays[1].date',
        '$.lots[0].ruleIds[1]',
        '$.lots[0].ruleIds[2]',
        '$.signs[0].entries[0].fullClearAt',
        '$.signs[0].entries[0].lotId',
      ].sort(),
    );
  });

  it('reports unknown fields, an unknown time zone, a temporary lot without validity dates', () => {
    const c = city() as Record<string, Array<Record<string, unknown>>>;
    c.lots[0].category = 'temporary';
    c.spaces[0].colour = 'red';
    const v = validateCityFile({ ...c, city: { name: 'T', timeZone: 'Mars/Olympus' } });
    expect(v.errors).toEqual(
      expect.arrayContaining([
        { path: '$.spaces[0]', message: 'unknown field(s): colour' },
        { path: '$.lots[0]', message: 'a temporary lot needs validFrom and validTo' },
        { path: '$.city.timeZone', message: expect.stringMatching(/IANA/) },
      ]),
    );
  });

  it('refuses a non-object without crashing', () => {
    expect(paths(null)).toEqual(['$']);
    expect(paths([1])).toEqual(['$']);
  });

  it('normalises collection order by id', () => {
    const v = validateCityFile({
      ...city(),
      gateways: [{ id: 'g2' }, { id: 'g1' }, { id: 'G0' }],
    });
    expect(v.ok && normaliseCityFile(v.city).gateways.map((g) => g.id)).toEqual(['G0', 'g1', 'g2']);
  });
});

describe('toJsonPath', () => {
  it('writes indexes in brackets and odd keys quoted', () => {
    expect(toJsonPath(['spaces', 12, 'lotId'])).toBe('$.spaces[12].lotId');
    expect(toJsonPath([])).toBe('$');
    expect(toJsonPath(['a-b'])).toBe('$["a-b"]');
  });
});
