import { RuleBookInput } from '../rules';
import { replayWhatIf } from './what-if-replay';

const at = (local: string) => Date.parse(`${local}+08:00`);

// Two zones: Z1 has a short-stay lot (60 min, 08:00-20:00), Z2 a street lot with a
// no-parking window 03:00-05:00 every day. 2026-12-01 is a Tuesday (no holiday).
function city(maxStayMin: number, noParkingTo = '05:00', exemptions = false): RuleBookInput {
  return {
    timeZone: 'Asia/Shanghai',
    pricingTiers: [{ id: 'T', basePricePerHour: 2, bands: [], freeMinutes: 0, dailyCap: null }],
    rules: [
      {
        id: 'R-short',
        kind: 'short_stay',
        maxStayMin,
        windows: [{ days: 'everyday', from: '08:00', to: '20:00' }],
      },
      {
        id: 'R-clean',
        kind: 'no_parking',
        windows: [{ days: 'everyday', from: '03:00', to: noParkingTo }],
      },
    ],
    exemptions: exemptions
      ? [{ id: 'E-all', when: 'everyday', violations: ['overstay'], minorOverstayMin: 60 }]
      : [],
    zones: [
      { id: 'Z1', pricingTierId: 'T' },
      { id: 'Z2', pricingTierId: 'T' },
    ],
    lots: [
      { id: 'L1', zoneId: 'Z1', ruleIds: ['R-short'] },
      { id: 'L2', zoneId: 'Z2', ruleIds: ['R-clean'] },
    ],
    spaces: [
      { id: 'S1', lotId: 'L1' },
      { id: 'S2', lotId: 'L1' },
      { id: 'S3', lotId: 'L2' },
    ],
  };
}

const period = { from: at('2026-12-01T00:00:00'), to: at('2026-12-02T00:00:00') };

describe('replayWhatIf', () => {
  const sessions = [
    // 90 min in the 60-min window: an overstay of 30 min, none with a 120-min limit
    { spaceId: 'S1', start: at('2026-12-01T09:00:00'), end: at('2026-12-01T10:30:00') },
    // 30 min: fine under both
    { spaceId: 'S2', start: at('2026-12-01T11:00:00'), end: at('2026-12-01T11:30:00') },
    // parked across the cleaning window: breach from 03:05 under both
    { spaceId: 'S3', start: at('2026-12-01T01:00:00'), end: at('2026-12-01T06:00:00') },
    // started before the period: not replayed
    { spaceId: 'S1', start: at('2026-11-30T09:00:00'), end: at('2026-11-30T12:00:00') },
    // a space neither rule set knows
    { spaceId: 'S-gone', start: at('2026-12-01T09:00:00'), end: null },
  ];

  it('counts findings per zone under both rule sets and the sessions they differ on', () => {
    const r = replayWhatIf(city(60), city(120), sessions, period);
    expect(r.sessions).toBe(3);
    expect(r.sessionsUnknownSpace).toBe(1);
    const z1 = r.zones.find((z) => z.zoneId === 'Z1')!;
    expect(z1).toMatchObject({ spaces: 2, sessions: 2, sessionsAffected: 1 });
    expect(z1.baseline).toMatchObject({ suspectedBreaches: 1, breachMinutes: 30 });
    expect(z1.baseline.byKind.overstay).toEqual({ suspected: 1, exempted: 0 });
    expect(z1.candidate).toMatchObject({ suspectedBreaches: 0, breachMinutes: 0 });
    expect(z1.delta.suspectedBreaches).toBe(-1);
    const z2 = r.zones.find((z) => z.zoneId === 'Z2')!;
    expect(z2).toMatchObject({ sessions: 1, sessionsAffected: 0 });
    expect(z2.baseline.byKind.no_parking_breach.suspected).toBe(1);
    expect(z2.candidate.byKind.no_parking_breach.suspected).toBe(1);
    expect(r.totals).toMatchObject({ sessions: 3, sessionsAffected: 1, spaces: 3 });
  });

  it('public space-hours: a longer cleaning window takes public hours away', () => {
    const r = replayWhatIf(city(60), city(60, '06:00'), sessions, period);
    const z2 = r.zones.find((z) => z.zoneId === 'Z2')!;
    expect(z2.baseline.publicSpaceHours).toBe(22);
    expect(z2.candidate.publicSpaceHours).toBe(21);
    expect(z2.delta.publicSpaceHours).toBe(-1);
    // the short-stay limit does not close anything: 2 spaces x 24 h
    expect(r.zones.find((z) => z.zoneId === 'Z1')!.baseline.publicSpaceHours).toBe(48);
    // the breach now runs until the session's end at 06:00 instead of the window's end at 05:00
    expect(z2.sessionsAffected).toBe(1);
  });

  it('an exemption turns a suspected breach into an exempted one', () => {
    const r = replayWhatIf(city(60), city(60, '05:00', true), sessions, period);
    const z1 = r.zones.find((z) => z.zoneId === 'Z1')!;
    expect(z1.candidate).toMatchObject({ suspectedBreaches: 0, exemptedViolations: 1 });
    expect(z1.delta).toMatchObject({ suspectedBreaches: -1, exemptedViolations: 1 });
    expect(z1.sessionsAffected).toBe(1);
  });

  it('keeps only the selected zones', () => {
    const r = replayWhatIf(city(60), city(120), sessions, { ...period, zones: ['Z2'] });
    expect(r.zones.map((z) => z.zoneId)).toEqual(['Z2']);
    expect(r.sessions).toBe(1);
  });
});
