import { ForecastBuilder, PriceReview, type PricePolicy } from '@app/forecast';

/** `build` and `prices` against the configured PostgreSQL (DATABASE_URL, docs/operations.md). */
export async function withStore<T>(
  run: (store: import('@app/forecast').ForecastStore) => Promise<T>,
): Promise<T> {
  const { loadConfig } = await import('@app/config/load-config');
  const { openDatabase, PgForecastStore } = await import('@app/persistence');
  const ds = await openDatabase(loadConfig(), 'forecast-cli');
  try {
    return await run(new PgForecastStore(ds));
  } finally {
    await ds.destroy();
  }
}

export async function buildCommand(days: number): Promise<string> {
  const s = await withStore((store) => new ForecastBuilder(store).build(Date.now(), days));
  return `forecast statistics built: ${s.lots} lots from ${new Date(s.fromMs).toISOString()} to ${new Date(s.toMs).toISOString()} (${s.sampledDays} days newly sampled)`;
}

export async function pricesCommand(policy: PricePolicy): Promise<string> {
  const r = await withStore((store) => new PriceReview(store).suggest(Date.now(), policy));
  return JSON.stringify(r, null, 2);
}
