/** @needs postgres (test/support/services.js) */
import { EnforcementHarness } from './support/enforcement-harness';

/**
 * Sessions and live violation detection against the real PostgreSQL and the real rules engine.
 * Events enter through the session builder's input port as live-store change messages.
 * Times are Asia/Shanghai (+08:00).
 */
describe('live enforcement', () => {
  const h = new EnforcementHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('raises a short-stay overstay while the car is parked, then closes it with the final overstay', async () => {
    await h.change('S1', 'free', '2026-11-25T09:00:00+08:00');
    await h.change('S1', 'occupied', '2026-11-25T10:00:00+08:00');
    const deadline = Date.parse('2026-11-25T10:30:00+08:00');
    expect(h.runner.nextCheckOf('S1')).toBeGreaterThanOrEqual(deadline);
    expect(h.runner.nextCheckOf('S1')).toBeLessThanOrEqual(deadline + 1000);
    await h.advanceTo('2026-11-25T10:20:00+08:00');
    expect(await h.violations('S1')).toEqual([]);

    await h.advanceTo('2026-11-25T10:42:00+08:00');
    const live = await h.violations('S1');
    expect(live).toEqual([
      expect.objectContaining({
        kind: 'overstay',
        rule_id: 'R-short',
        overstay_s: 720,
        exemption_id: null,
        status: 'reported',
        open: true,
      }),
    ]);

    await h.change('S1', 'free', '2026-11-25T10:55:00+08:00');
    expect(await h.violations('S1')).toEqual([
      expect.objectContaining({
        kind: 'overstay',
        overstay_s: 25 * 60,
        exemption_id: null,
        open: false,
      }),
    ]);
    expect(h.runner.openSessionOf('S1')).toBeUndefined();
  });

  it('records a minor overstay on a public holiday as exempted with the exemption id', async () => {
    await h.change('S3', 'occupied', '2026-10-01T10:00:00+08:00');
    await h.advanceTo('2026-10-01T10:35:00+08:00');
    expect(await h.violations('S3')).toEqual([
      expect.objectContaining({ kind: 'overstay', exemption_id: 'E-holiday-minor', open: true }),
    ]);
    await h.change('S3', 'free', '2026-10-01T10:40:00+08:00');
    expect(await h.violations('S3')).toEqual([
      expect.objectContaining({
        kind: 'overstay',
        overstay_s: 600,
        exemption_id: 'E-holiday-minor',
        open: false,
      }),
    ]);
  });

  it('lifts the holiday exemption once the overstay outgrows the minor margin', async () => {
    await h.change('S3', 'occupied', '2026-10-01T14:00:00+08:00');
    await h.advanceTo('2026-10-01T14:35:00+08:00');
    const [, first] = await h.violations('S3');
    expect(first).toMatchObject({ exemption_id: 'E-holiday-minor', open: true });
    await h.advanceTo('2026-10-01T14:50:00+08:00');
    const [, later] = await h.violations('S3');
    expect(later).toMatchObject({ exemption_id: null, overstay_s: 20 * 60, open: true });
    await h.change('S3', 'free', '2026-10-01T14:52:00+08:00');
  });

  it('exempts a tidal breach during a school vacation but not outside it', async () => {
    await h.change('S2', 'occupied', '2026-07-15T06:30:00+08:00');
    await h.advanceTo('2026-07-15T07:06:00+08:00');
    await h.change('S2', 'free', '2026-07-15T07:30:00+08:00');
    await h.change('S2', 'occupied', '2026-11-25T06:30:00+08:00');
    await h.advanceTo('2026-11-25T07:06:00+08:00');
    await h.change('S2', 'free', '2026-11-25T07:45:00+08:00');
    const v = await h.violations('S2');
    expect(v).toEqual([
      expect.objectContaining({
        kind: 'tidal_breach',
        rule_id: 'R-tidal',
        exemption_id: 'E-tidal-vacation',
        overstay_s: 25 * 60,
      }),
      expect.objectContaining({
        kind: 'tidal_breach',
        rule_id: 'R-tidal',
        exemption_id: null,
        overstay_s: 40 * 60,
      }),
    ]);
  });

  it('ignores duplicates and late events and marks sessions revealed by heartbeats as inferred', async () => {
    await h.change('S4', 'occupied', '2026-11-26T09:00:00+08:00', 'heartbeat');
    await h.change('S4', 'occupied', '2026-11-26T09:00:00+08:00', 'heartbeat');
    await h.change('S4', 'free', '2026-11-26T08:00:00+08:00');
    await h.change('S4', 'free', '2026-11-26T09:30:00+08:00', 'startup');
    const s = await h.sessions('S4');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ start_inferred: true, end_inferred: true });
    expect(s[0].ended_at!.getTime() - s[0].started_at.getTime()).toBe(30 * 60_000);
  });

  it('reconciles open sessions with the live state after a restart', async () => {
    await h.change('S4', 'occupied', '2026-11-27T10:00:00+08:00');
    h.now = Date.parse('2026-11-27T12:00:00+08:00');
    await h.newRunner([
      { spaceId: 'S4', state: 'free', since: Date.parse('2026-11-27T11:00:00+08:00') },
      { spaceId: 'S1', state: 'occupied', since: Date.parse('2026-11-27T11:50:00+08:00') },
    ]);
    const s4 = await h.sessions('S4');
    expect(s4[s4.length - 1]).toMatchObject({ end_inferred: true });
    expect(s4[s4.length - 1].ended_at?.toISOString()).toBe('2026-11-27T03:00:00.000Z');
    expect(h.runner.openSessionOf('S1')).toMatchObject({ startInferred: true });
  });
});
