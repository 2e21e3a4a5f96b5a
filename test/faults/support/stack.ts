import { Client } from 'pg';
import { Child } from '../../support/child-process';
import { createTestDatabase, TestDatabase } from '../../support/db';
import { freePort } from '../../support/free-port';
import { OwnMosquitto, startMosquitto } from '../../support/mosquitto';
import { deletePrefix } from '../../support/redis-keys';
import { OwnRedis, startRedisServer } from '../../support/redis-server';
import { startTcpProxy, TcpProxy } from '../../support/tcp-proxy';
import { pgAddress, redisUrl, viaPort } from '../../support/test-services';
import { seedTestCity, TestCity } from '../../ingest/support/test-city';
import { workerEnv } from '../../ingest/support/worker-env';
import { startWorkerProcess } from '../../ingest/support/worker-process';
import { report, Recovery, RecoveryWatch, watchRecovery } from './figures';
import { LoadGenerator, LoadOptions } from './load-generator';
import { Figures, verify, VerifyInput } from './verify';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StackOptions {
  /** Mosquitto with persistence that can restart (broker scenarios). */
  persistentBroker?: boolean;
  /** A private redis-server the scenario may kill. */
  ownRedis?: boolean;
  /** Workers reach PostgreSQL through a TCP proxy the scenario can cut. */
  pgProxy?: boolean;
  /** `gateways.secret_hash` of every gateway (HTTP ingest). */
  secretHash?: string;
  /** Runs on the fresh database before any worker starts (e.g. a trigger). */
  prepareDb?: (pg: Client) => Promise<void>;
}

export interface Worker {
  child: Child;
  metricsPort: number;
}

/**
 * One scenario's world: its own broker, database with a ~2,000-space city, Redis prefix (or
 * server), topic root, the load generator and the workers it started. `stop()` ends all of it.
 */
export class FaultStack {
  readonly workers: Worker[] = [];
  gen: LoadGenerator | null = null;
  private readonly watches: RecoveryWatch[] = [];
  private constructor(
    readonly db: TestDatabase,
    readonly pg: Client,
    readonly city: TestCity,
    readonly broker: OwnMosquitto,
    readonly redis: OwnRedis | null,
    readonly proxy: TcpProxy | null,
    readonly w: ReturnType<typeof workerEnv>,
    private readonly persistent: boolean,
  ) {}

  static async start(o: StackOptions = {}): Promise<FaultStack> {
    const parts: Array<{ stop(): Promise<void> } | TcpProxy | TestDatabase> = [];
    try {
      const db = await createTestDatabase();
      parts.push(db);
      // persistence saved every second: Mosquitto 2.0 writes only on autosave and clean exit
      const broker = await startMosquitto({ persistence: o.persistentBroker, autosaveInterval: 1 });
      parts.push(broker);
      const redis = o.ownRedis ? await startRedisServer() : null;
      if (redis) parts.push(redis);
      const pgAt = pgAddress();
      const proxy = o.pgProxy ? await startTcpProxy(pgAt.port, pgAt.host) : null;
      if (proxy) parts.push(proxy);
      const city = await seedTestCity(db.url, {
        lots: 20,
        spacesPerLot: 100,
        gateways: 8,
        secretHash: o.secretHash,
      });
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      await o.prepareDb?.(pg);
      const dbUrl = proxy ? viaPort(db.url, proxy.port) : db.url;
      const w = workerEnv(dbUrl, broker.url, { REDIS_URL: redis?.url ?? redisUrl() });
      return new FaultStack(db, pg, city, broker, redis, proxy, w, !!o.persistentBroker);
    } catch (err) {
      for (const p of parts.reverse()) await stopPart(p);
      throw err;
    }
  }

  /** The restartable broker (only with `persistentBroker`). */
  get restartableBroker(): OwnMosquitto {
    if (!this.persistent) throw new Error('stack started without persistentBroker');
    return this.broker;
  }

  get redisUrl(): string {
    return this.redis?.url ?? redisUrl();
  }

  async startWorker(extra: Record<string, string> = {}): Promise<Worker> {
    const metricsPort = await freePort();
    const child = await startWorkerProcess({
      ...this.w.env,
      INGEST_METRICS_PORT: String(metricsPort),
      ...extra,
    });
    const worker = { child, metricsPort };
    this.workers.push(worker);
    return worker;
  }

  async load(opts: LoadOptions = {}): Promise<LoadGenerator> {
    this.gen = await LoadGenerator.connect(this.broker.url, this.city, this.w.root, opts);
    return this.gen;
  }

  /** Starts timing the recovery at the fault's end (see `watchRecovery`). */
  recovery(ackedAtEnd = this.gen?.acked().length ?? 0): Recovery {
    const watch = watchRecovery(this.pg, ackedAtEnd);
    this.watches.push(watch);
    return watch.result;
  }

  count = async (sql = 'SELECT count(*) AS n FROM occupancy_events'): Promise<number> =>
    Number((await this.pg.query(sql)).rows[0].n);

  /** Checks the outcome (see `verify`) and appends the scenario's figures to results.md. */
  verify(
    scenario: string,
    recovery: Recovery | null,
    o: Partial<VerifyInput> & { notes?: string; faultAt?: number } = {},
  ): Promise<Figures> {
    const split = (f: Figures) => {
      if (o.faultAt === undefined || f.missing.length === 0) return '';
      const before = f.missing.filter((e) => e.ackedAt < o.faultAt!).length;
      return `missing: ${before} acked before the fault, ${f.missing.length - before} after`;
    };
    return verify({
      pg: this.pg,
      city: this.city,
      prefix: this.w.prefix,
      redisUrl: this.redisUrl,
      events: this.gen?.events ?? [],
      ...o,
      report: (f) =>
        report(scenario, f, recovery, [o.notes, failures(f), split(f)].filter(Boolean).join('; ')),
    });
  }

  async stop(): Promise<void> {
    const steps: Array<() => Promise<unknown>> = [
      ...this.watches.map((w) => () => w.stop()),
      async () => this.gen?.close(),
      ...this.workers.map((w) => () => w.child.kill('SIGKILL')),
      () => this.pg.end(),
      () => this.proxy?.close() ?? Promise.resolve(),
      () => this.broker.stop(),
      () => this.redis?.stop() ?? Promise.resolve(),
      () => (this.redis ? Promise.resolve() : deletePrefix(this.w.prefix)),
      () => this.db.drop(),
    ];
    for (const step of steps) await step().catch(() => undefined);
  }
}

function failures(f: Figures): string {
  const bad: string[] = [];
  if (f.missing.length) bad.push(`MISSING ${f.missing.length}`);
  if (f.unknownRows) bad.push(`UNKNOWN ROWS ${f.unknownRows}`);
  if (f.live.length) bad.push(`LIVE MISMATCH ${f.live.length}`);
  return bad.join(', ');
}

async function stopPart(p: { stop(): Promise<void> } | TcpProxy | TestDatabase): Promise<void> {
  const f = 'stop' in p ? p.stop() : 'drop' in p ? p.drop() : p.close();
  await f.catch(() => undefined);
}

/** Resumes a SIGSTOPped process (no-op when it already ended). */
export function signal(child: Child, sig: NodeJS.Signals): void {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill(sig);
}

/** GET /health/ready of a worker: the HTTP status, or 0 when nothing answers. */
export async function readiness(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status;
  } catch {
    return 0;
  }
}
