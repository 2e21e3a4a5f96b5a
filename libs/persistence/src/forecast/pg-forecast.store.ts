import { calendarSchema, pricingTierSchema } from '@app/domain';
import {
  CalibrationTable,
  ForecastModel,
  ForecastStore,
  LotHistory,
  SLOTS_PER_DAY,
  type CityTime,
  type LotStats,
  type PricingLayout,
} from '@app/forecast';
import type { DataSource } from 'typeorm';
import { LOT_CAPACITY_SQL, SAMPLE_DAY_SQL } from './forecast.sql';

const DAY_MS = 86_400_000;
type Row = Record<string, unknown>;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The forecast tables (migration 1885000000000) and the sampling of `occupancy_events`. */
export class PgForecastStore extends ForecastStore {
  constructor(private readonly db: DataSource) {
    super();
  }

  async cityTime(): Promise<CityTime> {
    const [zone, days, vacations] = await Promise.all([
      this.db.query(`SELECT value FROM city_settings WHERE key = 'time_zone'`) as Promise<Row[]>,
      this.db.query(`SELECT date::text AS date, kind FROM calendar_days`) as Promise<Row[]>,
      this.db.query(
        `SELECT id, date_from::text AS "from", date_to::text AS "to" FROM school_vacations`,
      ) as Promise<Row[]>,
    ]);
    const of = (kind: string) =>
      days.filter((d) => d.kind === kind).map((d) => ({ date: String(d.date) }));
    return {
      timeZone: typeof zone[0]?.value === 'string' ? zone[0].value : 'Asia/Shanghai',
      calendar: calendarSchema.parse({
        holidays: of('holiday'),
        adjustedWorkingDays: of('adjusted_working_day'),
        schoolVacations: vacations.map((v) => ({ id: v.id, from: v.from, to: v.to })),
      }),
    };
  }

  async sampleDays(fromMs: number, toMs: number): Promise<number> {
    const done = new Set(
      (
        (await this.db.query(
          `SELECT day::text AS day FROM forecast_sampled_days WHERE day >= $1 AND day < $2`,
          [day(fromMs), day(toMs)],
        )) as Row[]
      ).map((r) => String(r.day)),
    );
    let sampled = 0;
    for (let t = fromMs; t < toMs; t += DAY_MS) {
      if (done.has(day(t))) continue;
      await this.sampleDay(t);
      sampled++;
    }
    return sampled;
  }

  private async sampleDay(startMs: number): Promise<void> {
    const rows = (await this.db.query(SAMPLE_DAY_SQL, [
      new Date(startMs).toISOString(),
      new Date(startMs + DAY_MS).toISOString(),
    ])) as { lot_id: string; i: number; free: number; known: number }[];
    const byLot = new Map<string, { free: number[]; known: number[] }>();
    for (const r of rows) {
      let a = byLot.get(r.lot_id);
      if (!a) {
        a = {
          free: new Array<number>(SLOTS_PER_DAY).fill(-1),
          known: new Array<number>(SLOTS_PER_DAY).fill(0),
        };
        byLot.set(r.lot_id, a);
      }
      if (r.i < 0 || r.i >= SLOTS_PER_DAY) continue;
      a.free[r.i] = r.free;
      a.known[r.i] = r.known;
    }
    const lots = [...byLot.keys()];
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM forecast_lot_days WHERE day = $1`, [day(startMs)]);
      if (lots.length > 0) {
        await m.query(
          `INSERT INTO forecast_lot_days (day, lot_id, free, known)
           SELECT $1::date, u.lot_id, string_to_array(u.free, ',')::smallint[], string_to_array(u.known, ',')::smallint[]
             FROM unnest($2::text[], $3::text[], $4::text[]) AS u(lot_id, free, known)`,
          [
            day(startMs),
            lots,
            lots.map((l) => byLot.get(l)!.free.join(',')),
            lots.map((l) => byLot.get(l)!.known.join(',')),
          ],
        );
      }
      await m.query(
        `INSERT INTO forecast_sampled_days (day, sampled_at) VALUES ($1, now())
         ON CONFLICT (day) DO UPDATE SET sampled_at = now()`,
        [day(startMs)],
      );
    });
  }

  async readHistory(fromMs: number, toMs: number): Promise<LotHistory> {
    const lots = (await this.db.query(LOT_CAPACITY_SQL)) as { id: string; sensed: number }[];
    const history = new LotHistory(
      lots.map((l) => l.id),
      lots.map((l) => l.sensed),
      fromMs,
      toMs,
    );
    const rows = (await this.db.query(
      `SELECT (extract(epoch FROM day::timestamp) * 1000)::float8 AS ms, lot_id, free, known
         FROM forecast_lot_days WHERE day >= $1 AND day < $2`,
      [day(fromMs), day(toMs)],
    )) as { ms: number; lot_id: string; free: number[]; known: number[] }[];
    for (const r of rows) {
      const lot = history.lotIndex(r.lot_id);
      if (lot === undefined) continue;
      const first = history.instantAt(Number(r.ms));
      r.free.forEach((f, k) => {
        if (f >= 0 && first + k < history.instants) history.set(lot, first + k, f, r.known[k]);
      });
    }
    return history;
  }

  async saveModel(model: ForecastModel): Promise<void> {
    const arr = (a: ArrayLike<number>) =>
      Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : String(v))).join(',');
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM forecast_lot_stats`);
      const l = model.lots;
      if (l.length > 0) {
        await m.query(
          `INSERT INTO forecast_lot_stats (lot_id, capacity, persistence, mean_free, any_free, samples)
           SELECT u.id, u.cap, u.pers, string_to_array(u.mf, ',')::real[],
                  string_to_array(u.af, ',')::real[], string_to_array(u.n, ',')::int[]
             FROM unnest($1::text[], $2::int[], $3::real[], $4::text[], $5::text[], $6::text[])
                  AS u(id, cap, pers, mf, af, n)`,
          [
            l.map((s) => s.lotId),
            l.map((s) => s.capacity),
            l.map((s) => s.persistence),
            l.map((s) => arr(s.meanFree)),
            l.map((s) => arr(s.anyFree)),
            l.map((s) => arr(s.samples)),
          ],
        );
      }
      await m.query(
        `INSERT INTO forecast_model (id, built_at, history_from, history_to, calibration)
         VALUES (1, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET built_at = $1, history_from = $2, history_to = $3, calibration = $4`,
        [
          new Date(model.builtAtMs).toISOString(),
          new Date(model.fromMs).toISOString(),
          new Date(model.toMs).toISOString(),
          JSON.stringify(model.calibration.toJSON()),
        ],
      );
    });
  }

  async builtAt(): Promise<number | null> {
    const rows = (await this.db.query(`SELECT built_at FROM forecast_model WHERE id = 1`)) as Row[];
    return rows.length > 0 ? new Date(rows[0].built_at as string).getTime() : null;
  }

  async loadModel(): Promise<ForecastModel | null> {
    const head = (await this.db.query(`SELECT * FROM forecast_model WHERE id = 1`)) as Row[];
    if (head.length === 0) return null;
    const rows = (await this.db.query(
      `SELECT lot_id, capacity, persistence, mean_free, any_free, samples FROM forecast_lot_stats`,
    )) as {
      lot_id: string;
      capacity: number;
      persistence: number;
      mean_free: number[];
      any_free: number[];
      samples: number[];
    }[];
    const lots: LotStats[] = rows.map((r) => ({
      lotId: r.lot_id,
      capacity: r.capacity,
      persistence: r.persistence,
      meanFree: Float32Array.from(r.mean_free, Number),
      anyFree: Float32Array.from(r.any_free, Number),
      samples: Int32Array.from(r.samples, Number),
    }));
    const h = head[0];
    const ms = (v: unknown) => new Date(v as string).getTime();
    return new ForecastModel(
      lots,
      new CalibrationTable(h.calibration as ConstructorParameters<typeof CalibrationTable>[0]),
      ms(h.history_from),
      ms(h.history_to),
      ms(h.built_at),
    );
  }

  async pricing(): Promise<PricingLayout> {
    const [tiers, lots] = await Promise.all([
      this.db.query(`SELECT id, body FROM pricing_tiers ORDER BY id`) as Promise<Row[]>,
      this.db.query(
        `SELECT l.id, coalesce(l.pricing_tier_id, z.pricing_tier_id) AS tier
           FROM lots l JOIN zones z ON z.id = l.zone_id`,
      ) as Promise<Row[]>,
    ]);
    return {
      tiers: tiers.map((t) => pricingTierSchema.parse({ ...(t.body as object), id: t.id })),
      lotTier: new Map(lots.map((l) => [String(l.id), String(l.tier)])),
    };
  }
}
