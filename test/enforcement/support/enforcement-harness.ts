import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  PgCityReader,
  PgSessionRepository,
  PgViolationRepository,
} from '@app/persistence';
import {
  EnforcementRunner,
  LiveChangeLike,
  RuleBookSessionRules,
  toObservation,
} from '@app/enforcement';
import { TestDatabase, createTestDatabase } from '../../support/db';
import { seedCity } from './seed-city';

/** A migrated, seeded throwaway database and a runner on a hand-driven clock. */
export class EnforcementHarness {
  now = 0;
  runner!: EnforcementRunner;
  ds!: DataSource;
  private db!: TestDatabase;

  get url(): string {
    return this.db.url;
  }

  async start(): Promise<void> {
    this.db = await createTestDatabase();
    this.ds = new DataSource(
      dataSourceOptions({ db: { url: this.db.url, poolSize: 4, runMigrations: false } }),
    );
    await this.ds.initialize();
    await seedCity(this.ds);
    await this.newRunner();
  }

  /** A fresh runner (as after a restart) over the same database. */
  async newRunner(live: LiveChangeLike[] = []): Promise<void> {
    this.runner?.stop();
    const rules = new RuleBookSessionRules(await PgCityReader.of(this.ds).ruleBookInput(), {
      graceMin: 5,
    });
    this.runner = new EnforcementRunner(
      new PgSessionRepository(this.ds),
      new PgViolationRepository(this.ds),
      rules,
      () => this.now,
    );
    await this.runner.start(live.map(toObservation));
  }

  /** Feeds one live-store change message (docs/live-store.md section 3) through the input port. */
  async change(spaceId: string, state: LiveChangeLike['state'], at: string, type?: string) {
    const since = Date.parse(at);
    this.now = since;
    await this.runner.handle(toObservation({ spaceId, state, since, type }));
  }

  /** Advances the clock and runs the deadline checks that fell due. */
  async advanceTo(at: string): Promise<void> {
    this.now = Date.parse(at);
    this.runner.runDueChecks();
    await this.runner.idle();
  }

  violations(spaceId: string) {
    return this.ds.query(
      `SELECT v.kind, v.rule_id, v.overstay_s, v.exemption_id, v.status, s.ended_at IS NULL AS open
       FROM violations v JOIN parking_sessions s ON s.id = v.session_id
       WHERE v.space_id = $1 ORDER BY v.detected_at`,
      [spaceId],
    ) as Promise<
      Array<{
        kind: string;
        rule_id: string;
        overstay_s: number;
        exemption_id: string | null;
        status: string;
        open: boolean;
      }>
    >;
  }

  sessions(spaceId: string) {
    return this.ds.query(
      `SELECT started_at, ended_at, start_inferred, end_inferred FROM parking_sessions
       WHERE space_id = $1 ORDER BY started_at`,
      [spaceId],
    ) as Promise<
      Array<{
        started_at: Date;
        ended_at: Date | null;
        start_inferred: boolean;
        end_inferred: boolean;
      }>
    >;
  }

  async stop(): Promise<void> {
    this.runner?.stop();
    await this.ds?.destroy();
    await this.db?.drop();
  }
}
