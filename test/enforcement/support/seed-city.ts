import { DataSource } from 'typeorm';

/**
 * A small city for enforcement tests: zones Z1 and Z2; lot L1 (Z1) with a 30-minute short-stay
 * space S1 and a tidal space S2 (school pick-up 07:00-09:00); lot L2 (Z2) with S3 (short stay)
 * and S4 (no rules). National Day 2026-10-01 is a holiday; 2026-07-01..08-31 a school vacation.
 */
export async function seedCity(ds: DataSource): Promise<void> {
  const json = (o: unknown) => JSON.stringify(o);
  await ds.query(
    `INSERT INTO city_settings (key, value) VALUES ('time_zone', $1), ('currency', $2)`,
    [json('Asia/Shanghai'), json('CNY')],
  );
  await ds.query(`INSERT INTO pricing_tiers (id, body) VALUES ('T', $1)`, [
    json({ id: 'T', basePricePerHour: 5, bands: [], freeMinutes: 0, dailyCap: null }),
  ]);
  const rules = [
    {
      id: 'R-short',
      kind: 'short_stay',
      maxStayMin: 30,
      windows: [{ days: 'everyday', from: '08:00', to: '20:00' }],
    },
    {
      id: 'R-tidal',
      kind: 'tidal',
      defaultAudience: 'public',
      schedule: [{ window: { days: 'everyday', from: '07:00', to: '09:00' }, audience: 'school' }],
    },
  ];
  for (const r of rules) {
    await ds.query(`INSERT INTO rules (id, kind, body) VALUES ($1, $2, $3)`, [
      r.id,
      r.kind,
      json(r),
    ]);
  }
  const exemptions = [
    {
      id: 'E-holiday-minor',
      when: 'holidays',
      violations: ['overstay', 'audience_breach'],
      minorOverstayMin: 15,
    },
    {
      id: 'E-tidal-vacation',
      when: 'school_vacations',
      violations: ['tidal_breach'],
      ruleKinds: ['tidal'],
    },
  ];
  for (const e of exemptions) {
    await ds.query(`INSERT INTO exemptions (id, body) VALUES ($1, $2)`, [e.id, json(e)]);
  }
  await ds.query(
    `INSERT INTO calendar_days (date, kind, name) VALUES ('2026-10-01', 'holiday', 'National Day')`,
  );
  await ds.query(
    `INSERT INTO school_vacations (id, name, date_from, date_to)
     VALUES ('summer-2026', 'Summer', '2026-07-01', '2026-08-31')`,
  );
  await ds.query(
    `INSERT INTO zones (id, name, pricing_tier_id) VALUES ('Z1', 'Zone 1', 'T'), ('Z2', 'Zone 2', 'T')`,
  );
  await ds.query(
    `INSERT INTO lots (id, zone_id, name, category, capacity, lat, lon)
     VALUES ('L1', 'Z1', 'Lot 1', 'onstreet', 2, 30.0, 120.0), ('L2', 'Z2', 'Lot 2', 'onstreet', 2, 30.01, 120.01)`,
  );
  await ds.query(
    `INSERT INTO spaces (id, lot_id, lat, lon, rule_ids) VALUES
       ('S1', 'L1', 30.0, 120.0, '{R-short}'), ('S2', 'L1', 30.0, 120.0001, '{R-tidal}'),
       ('S3', 'L2', 30.01, 120.01, '{R-short}'), ('S4', 'L2', 30.01, 120.0101, '{}')`,
  );
}
