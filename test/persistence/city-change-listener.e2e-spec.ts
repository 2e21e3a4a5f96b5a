/** @needs postgres (test/support/services.js) */
import { CITY_CHANGED_CHANNEL, CityChange, CityChangeListener } from '@app/persistence';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/db';

/** Polls until `ok()` holds or the deadline passes (generous: a loaded 2-core machine). */
async function until(ok: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('CityChangeListener (one LISTEN connection per process)', () => {
  let db: TestDatabase;
  let pg: Client;
  let listener: CityChangeListener | undefined;
  const name = `city-listen-test-${process.pid}`;

  const connections = async (): Promise<number> =>
    (
      await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
        [name],
      )
    ).rows[0].n;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });
  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  it('delivers each change to every subscriber over a single connection', async () => {
    listener = new CityChangeListener(db.url, { name });
    const a: CityChange[] = [];
    const b: CityChange[] = [];
    listener.subscribe((c) => a.push(c));
    listener.subscribe((c) => b.push(c));
    await listener.start();
    await listener.start();
    expect(await connections()).toBe(1);

    await pg.query('SELECT pg_notify($1, $2)', [CITY_CHANGED_CHANNEL, '{"updated":2}']);
    await until(() => a.length === 1 && b.length === 1);
    expect(a[0].payload).toEqual({ updated: 2 });
    expect(b[0].payload).toEqual({ updated: 2 });
  });

  it('reconnects after the connection is killed and then signals a change', async () => {
    listener = new CityChangeListener(db.url, { name, retryMs: 50 });
    const seen: CityChange[] = [];
    listener.subscribe((c) => seen.push(c));
    await listener.start();
    await pg.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
      [name],
    );
    await until(() => seen.some((c) => c.payload.reconnected === true));
    expect(await connections()).toBe(1);

    // the new connection listens again
    const before = seen.length;
    await pg.query('SELECT pg_notify($1, $2)', [CITY_CHANGED_CHANNEL, '{"inserted":1}']);
    await until(() => seen.length > before);
    expect(seen[seen.length - 1].payload).toEqual({ inserted: 1 });
  });

  it('stops delivering after an unsubscribe and releases its connection on close', async () => {
    listener = new CityChangeListener(db.url, { name });
    const seen: CityChange[] = [];
    const off = listener.subscribe((c) => seen.push(c));
    const kept: CityChange[] = [];
    listener.subscribe((c) => kept.push(c));
    await listener.start();
    off();
    await pg.query('SELECT pg_notify($1, $2)', [CITY_CHANGED_CHANNEL, '{}']);
    await until(() => kept.length === 1);
    expect(seen).toHaveLength(0);

    await listener.close();
    const end = Date.now() + 15_000;
    while ((await connections()) > 0 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await connections()).toBe(0);
  });
});
