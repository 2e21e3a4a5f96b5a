import { timeZoneSchema } from '../common.schema';
import { exemptionSchema, ruleSchema } from './rule.schema';

describe('rule and exemption schemas (v1, additive changes)', () => {
  it.each([
    'holidays',
    'school_vacations',
    'rest_days',
    'everyday',
    'working_days',
    { weekdays: [6, 7] },
  ])('accepts exemption when = %j', (when) => {
    expect(exemptionSchema.safeParse({ id: 'E', when, violations: ['overstay'] }).success).toBe(
      true,
    );
  });

  it('rejects an unknown exemption day selector', () => {
    expect(
      exemptionSchema.safeParse({ id: 'E', when: 'sometimes', violations: ['overstay'] }).success,
    ).toBe(false);
  });

  it('defaults a tidal rule to the public outside its schedule', () => {
    const r = ruleSchema.parse({
      id: 'T',
      kind: 'tidal',
      schedule: [
        { window: { days: 'school_days', from: '07:00', to: '08:30' }, audience: 'school_pickup' },
      ],
    });
    expect(r.kind === 'tidal' && r.defaultAudience).toBe('public');
  });

  it('rejects windows that do not make sense', () => {
    const w = (from: string, to: string) =>
      ruleSchema.safeParse({
        id: 'A',
        kind: 'no_parking',
        windows: [{ days: 'everyday', from, to }],
      }).success;
    expect(w('19:00', '07:00')).toBe(true);
    expect(w('08:00', '24:00')).toBe(true);
    expect(w('08:00', '08:00')).toBe(false);
    expect(w('24:00', '08:00')).toBe(false);
    expect(w('8:00', '09:00')).toBe(false);
  });

  it('validates time zones', () => {
    expect(timeZoneSchema.safeParse('Europe/Berlin').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
  });
});
