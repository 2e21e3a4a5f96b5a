import { Subscription } from 'rxjs';
import type { CityCatalogSource } from '../ports/city-catalog.port';
import type { LiveChange, LiveStateSource } from '../ports/live-state.port';
import type { LiveReplica } from './live-replica';

/** Yields to the event loop (pending I/O and timers run first). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Changes held while a snapshot is read; past this the snapshot is simply read again. */
const MAX_BUFFER = 200_000;

export interface SyncLog {
  warn(message: string): void;
}

/**
 * Keeps a LiveReplica current: catalog first, then the live-store protocol (subscribe, buffer,
 * snapshot, replay the buffer; versions drop stale replays), a re-snapshot on every `resync`, and
 * a catalog reload whenever the city tables change.
 */
export class ReplicaSync {
  private readonly subs = new Subscription();
  private buffer: LiveChange[] | null = null;
  private overflow = false;
  private firstSnapshot: () => void = () => undefined;
  private resyncing: Promise<void> | null = null;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private stopped = false;
  snapshots = 0;
  catalogLoads = 0;

  constructor(
    private readonly replica: LiveReplica,
    private readonly live: LiveStateSource,
    private readonly city: CityCatalogSource,
    private readonly log: SyncLog = { warn: () => undefined },
  ) {}

  /**
   * Loads the catalog and subscribes to live changes; resolves after the first snapshot, or after
   * `timeoutMs` with the replica still empty (`synced` false) when the live store is unreachable.
   */
  async start(timeoutMs = 10_000): Promise<void> {
    this.replica.setCatalog(await this.city.load());
    this.catalogLoads++;
    this.subs.add(this.city.changes().subscribe(() => void this.reloadCatalog()));
    const first = new Promise<void>((resolve) => (this.firstSnapshot = resolve));
    this.subs.add(
      this.live.changes().subscribe({
        next: (c) => this.onChange(c),
        error: (err: unknown) => this.log.warn(`live change stream failed: ${String(err)}`),
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([first, timeout]);
    clearTimeout(timer);
  }

  get synced(): boolean {
    return this.snapshots > 0;
  }

  stop(): void {
    this.stopped = true;
    this.subs.unsubscribe();
  }

  /** Resolves once any running snapshot or catalog reload has finished (tests, readiness). */
  async settled(): Promise<void> {
    while (this.resyncing || this.reloading) await (this.resyncing ?? this.reloading);
  }

  private onChange(c: LiveChange): void {
    if (this.buffer) {
      if (this.buffer.length < MAX_BUFFER) this.buffer.push(c);
      else this.overflow = true;
      return;
    }
    if (c.kind === 'resync') {
      this.buffer = [];
      void this.resync();
      return;
    }
    this.replica.apply(c.state);
  }

  private resync(): Promise<void> {
    this.resyncing ??= this.snapshotLoop().finally(() => (this.resyncing = null));
    return this.resyncing;
  }

  private async snapshotLoop(): Promise<void> {
    for (let attempt = 0; !this.stopped;) {
      try {
        const snapshot = await this.live.snapshot();
        const pending = this.buffer ?? [];
        if (this.overflow || pending.some((c) => c.kind === 'resync')) {
          // the connection dropped (or too much arrived) while reading: read again
          this.buffer = [];
          this.overflow = false;
          continue;
        }
        this.replica.loadSnapshot(snapshot);
        this.snapshots++;
        this.firstSnapshot();
        this.buffer = null;
        for (const c of pending) if (c.kind === 'state') this.replica.apply(c.state);
        return;
      } catch (err) {
        attempt++;
        this.log.warn(`live snapshot failed (attempt ${attempt}): ${String(err)}`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)).unref());
      }
    }
  }

  private async reloadCatalog(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        try {
          // in slices: the current catalog keeps answering until the new one is complete
          await this.replica.installCatalog(await this.city.load(), nextTurn);
          this.catalogLoads++;
        } catch (err) {
          this.log.warn(`city catalog reload failed: ${String(err)}`);
        }
      } while (this.reloadAgain && !this.stopped);
    })().finally(() => (this.reloading = null));
    await this.reloading;
  }
}
