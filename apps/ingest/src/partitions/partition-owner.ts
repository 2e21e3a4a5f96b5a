import { ClientConfig } from 'pg';
import { lockNamespaces, OwnershipDb } from './ownership-db';
import { PartitionClient } from './partition-client';
import { ownershipStep, partitionTopics } from './partitions';

export interface PartitionOwnerOptions {
  partitions: number;
  /** MQTT_CLIENT_ID: names the sessions and the advisory-lock namespaces of this deployment. */
  sessionPrefix: string;
  takeoverMs: number;
  topicRoot: string;
  /** A connected-later client for partition `p` subscribed to `topics`. */
  makeClient(p: number, topics: string[], onTakenOver: (p: number) => void): PartitionClient;
  /**
   * Runs once per acquisition round, before the acquired partitions connect: a dead owner may
   * have applied events to the live state that it never recorded (the lead's rollback hook).
   */
  onAcquire(partitions: number[]): Promise<void>;
  /** The process's city_changed subscription (gateways added or removed); returns unsubscribe. */
  cityChanges(onChange: () => void): () => void;
  log(msg: string, err?: unknown): void;
  info(msg: string, detail: Record<string, unknown>): void;
}

export interface OwnershipStatus {
  connected: boolean;
  slot: number | null;
  partitions: number[];
  /** Partition -> its MQTT connection is up. */
  mqtt: Record<string, boolean>;
}

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 5000;

/**
 * Owns partitions through PostgreSQL session advisory locks: every `takeoverMs` it counts the live
 * workers (member locks) and moves towards ceil(N / W) partitions, taking free ones (a dead
 * worker's locks vanish with its connection) and releasing extra ones (client ended first, then
 * unlocked). Losing the ownership connection stops every partition client at once.
 */
export class PartitionOwner {
  private readonly owned = new Map<number, PartitionClient>();
  private readonly db: OwnershipDb;
  private readonly offCity: () => void;
  private gateways: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private backoff = 0;
  private generation = 0;
  private settled!: () => void;
  private readonly firstSettle = new Promise<void>((r) => (this.settled = r));

  constructor(
    dbConfig: ClientConfig,
    private readonly o: PartitionOwnerOptions,
  ) {
    this.db = new OwnershipDb(dbConfig, lockNamespaces(o.sessionPrefix), (err) => this.lost(err));
    this.offCity = o.cityChanges(
      () => void this.refreshTopics().catch((err) => this.o.log('gateway reload failed', err)),
    );
  }

  /** Resolves once the first round settled and its partitions subscribed; the owned partitions. */
  async start(): Promise<number[]> {
    this.schedule(0);
    await this.firstSettle;
    await Promise.all([...this.owned.values()].map((c) => c.ready));
    return this.partitions();
  }

  partitions(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  status(): OwnershipStatus {
    const mqtt: Record<string, boolean> = {};
    for (const p of this.partitions()) mqtt[p] = this.owned.get(p)!.connected;
    return {
      connected: this.db.connected,
      slot: this.db.slot,
      partitions: this.partitions(),
      mqtt,
    };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round().then(
        () => {
          this.backoff = 0;
          this.schedule(this.o.takeoverMs);
        },
        (err) => {
          this.backoff = Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, this.backoff * 2));
          this.o.log(`partition ownership round failed, retrying in ${this.backoff} ms`, err);
          this.schedule(Math.min(this.backoff, this.o.takeoverMs));
        },
      );
    }, ms);
  }

  private async round(): Promise<void> {
    if (!this.db.connected) {
      await this.db.connect();
      this.generation++;
      this.gateways = await this.db.gatewayIds();
      this.o.info('ownership connected', { slot: this.db.slot });
    }
    const gen = this.generation;
    const [workers, held] = await Promise.all([this.db.liveWorkers(), this.db.heldPartitions()]);
    const step = ownershipStep(this.o.partitions, workers, new Set(this.owned.keys()), held);
    for (const p of step.release) await this.release(p);
    if (step.release.length)
      this.o.info('partitions released', { released: step.release, workers });
    const got: number[] = [];
    for (const p of step.tryAcquire) {
      if (got.length >= step.acquire) break;
      if (await this.db.tryLock(p)) got.push(p);
    }
    if (got.length) await this.acquired(got, gen, workers);
    if (gen === this.generation) this.settled();
  }

  private async acquired(got: number[], gen: number, workers: number): Promise<void> {
    try {
      await this.o.onAcquire(got);
    } catch (err) {
      for (const p of got) await this.db.unlock(p).catch(() => undefined);
      throw err;
    }
    // the connection dropped meanwhile: those locks went with it
    if (gen !== this.generation || !this.db.connected || this.stopped) return;
    for (const p of got) {
      const c = this.o.makeClient(p, this.topicsOf(p), (q) => this.takenOver(q));
      this.owned.set(p, c);
      c.start();
    }
    this.o.info('partitions acquired', { acquired: got, owned: this.partitions(), workers });
  }

  private topicsOf(p: number): string[] {
    return partitionTopics(p, this.o.partitions, this.gateways, this.o.topicRoot);
  }

  /** Ends the partition's session connection (acks written so far flushed), then unlocks it. */
  private async release(p: number): Promise<void> {
    const c = this.owned.get(p);
    this.owned.delete(p);
    await c?.stop();
    await this.db.unlock(p);
  }

  private lost(err?: unknown): void {
    this.generation++;
    const gone = this.partitions();
    // no longer ours: another worker may take them now, so stop at once (no session ping-pong)
    for (const c of this.owned.values()) c.kill();
    this.owned.clear();
    this.o.log(`ownership connection lost, stopped partitions [${gone.join(', ')}]`, err);
    if (!this.stopped && this.timer) {
      clearTimeout(this.timer);
      this.schedule(BACKOFF_MIN_MS);
    }
  }

  private takenOver(p: number): void {
    const c = this.owned.get(p);
    if (!c) return;
    this.o.log(
      `session ${c.clientId} taken over by a connection outside this ownership database ` +
        '(is MQTT_CLIENT_ID unique per deployment?); releasing it',
    );
    c.kill();
    this.owned.delete(p);
    void this.db.unlock(p).catch(() => undefined);
  }

  private async refreshTopics(): Promise<void> {
    if (this.o.partitions === 1 || !this.db.connected) return;
    this.gateways = await this.db.gatewayIds();
    for (const [p, c] of this.owned) c.setTopics(this.topicsOf(p));
  }

  /** No more ownership rounds (nothing acquired or released from now on). */
  async halt(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running.catch(() => undefined);
  }

  /** Graceful: end the partition clients (acks written are flushed), then release the locks. */
  async stop(): Promise<void> {
    this.offCity();
    await this.halt();
    await Promise.all([...this.owned.values()].map((c) => c.stop()));
    this.owned.clear();
    await this.db.close();
  }
}
