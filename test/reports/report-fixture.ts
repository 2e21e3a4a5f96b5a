import { CityFileInput } from '@app/domain';
import { DataSource } from 'typeorm';
import { ENFORCEMENT_CITY } from '../enforcement/support/seed-city';

/**
 * The enforcement test city (Z1: S1 short stay 30 min 08:00-20:00, S2 tidal school 07:00-09:00;
 * Z2: S3 short stay, S4 no rules) with one sensor per space, and a recorded Thursday
 * 2026-11-19 (Asia/Shanghai) whose report figures are worked out by hand in reports.e2e-spec.ts.
 */
export const REPORT_CITY: CityFileInput = {
  ...ENFORCEMENT_CITY,
  sensorModels: [{ id: 'M', heartbeatIntervalS: 600, lowBatteryMv: 2500 }],
  gateways: [{ id: 'G' }],
  sensors: ['S1', 'S2', 'S3', 'S4'].map((s) => ({
    id: `se-${s}`,
    modelId: 'M',
    spaceId: s,
    gatewayIds: ['G'],
  })),
};

/** Local wall time of the city (UTC+8, no DST). */
export const local = (t: string) => new Date(`${t}+08:00`);

const SESSIONS: Array<[string, string, string | null]> = [
  ['S1', '2026-11-18T23:00:00', '2026-11-19T01:00:00'], // began the day before
  ['S1', '2026-11-19T10:00:00', '2026-11-19T11:00:00'],
  ['S1', '2026-11-19T14:00:00', '2026-11-19T14:30:00'],
  ['S2', '2026-11-19T09:00:00', '2026-11-19T12:00:00'],
  ['S3', '2026-11-19T20:00:00', '2026-11-19T21:00:00'],
  ['S4', '2026-11-19T23:30:00', null], // still parked
];

// [session index, kind, rule, since, exemption]
const VIOLATIONS: Array<[number, string, string, string, string | null]> = [
  [0, 'overstay', 'R-short', '2026-11-18T23:30:00', null], // the day before: not in the day
  [1, 'overstay', 'R-short', '2026-11-19T10:30:00', null],
  [2, 'overstay', 'R-short', '2026-11-19T14:29:00', 'E-holiday-minor'],
  [3, 'tidal_breach', 'R-tidal', '2026-11-19T09:05:00', null],
  [4, 'overstay', 'R-short', '2026-11-19T20:30:00', null],
];

// [sensor, local time, type, occupied, late]
const EVENTS: Array<[string, string, string, boolean, boolean]> = [
  ['se-S1', '2026-11-19T00:10:00', 'heartbeat', false, false],
  ['se-S1', '2026-11-19T00:20:00', 'heartbeat', false, false],
  ['se-S1', '2026-11-19T05:30:00', 'heartbeat', false, false],
  ['se-S1', '2026-11-19T10:00:00', 'status', true, false],
  ['se-S1', '2026-11-19T10:10:00', 'heartbeat', true, false],
  ['se-S1', '2026-11-19T11:00:00', 'status', false, false],
  ['se-S2', '2026-11-19T10:00:00', 'heartbeat', false, false],
  ['se-S4', '2026-11-19T12:00:00', 'status', true, true], // late: neither counted nor replayed
  ['se-S4', '2026-11-19T23:30:00', 'status', true, false],
];

/** Writes the recorded day: sessions and violations (as the enforcer would) and uplinks. */
export async function seedHistory(ds: DataSource): Promise<void> {
  const ids: number[] = [];
  for (const [space, start, end] of SESSIONS) {
    const [r] = (await ds.query(
      'INSERT INTO parking_sessions (space_id, started_at, ended_at) VALUES ($1, $2, $3) RETURNING id',
      [space, local(start), end === null ? null : local(end)],
    )) as Array<{ id: string }>;
    ids.push(Number(r.id));
  }
  for (const [i, kind, rule, since, exemption] of VIOLATIONS) {
    const space = SESSIONS[i][0];
    const lot = space === 'S1' || space === 'S2' ? 'L1' : 'L2';
    await ds.query(
      `INSERT INTO violations (session_id, space_id, lot_id, zone_id, kind, rule_id, since, overstay_s, exemption_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 60, $8)`,
      [ids[i], space, lot, lot === 'L1' ? 'Z1' : 'Z2', kind, rule, local(since), exemption],
    );
  }
  let seq = 0;
  for (const [sensor, at, type, occupied, late] of EVENTS) {
    await ds.query(
      `INSERT INTO occupancy_events (sensor_id, space_id, gateway_id, seq, type, occupied, ts, late)
       VALUES ($1, $2, 'G', $3, $4, $5, $6, $7)`,
      [sensor, sensor.slice(3), ++seq, type, occupied, local(at), late],
    );
  }
}
