import type { IntentMessage, IntentStore } from '@app/live-store';
import type { Clock } from '../clock';
import type { LiveReplica } from '../replica/live-replica';
import type { SyncLog } from '../replica/replica-sync';

/** A full re-read now and then, in case a message was lost without a reconnect. */
export const INTENT_RESYNC_MS = 60_000;

/**
 * Keeps the replica's intent book current across API processes: every intent change arrives on
 * the intent channel; a snapshot of the catalog's lots is read at start, after a reconnect and
 * every `resyncMs` (messages that arrive while it is read are replayed on top).
 */
export class IntentSync {
  private stopSub: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private buffer: IntentMessage[] | null = null;
  private reading: Promise<void> | null = null;
  private stopped = false;
  snapshots = 0;

  constructor(
    private readonly replica: LiveReplica,
    private readonly store: IntentStore,
    private readonly clock: Clock,
    private readonly log: SyncLog = { warn: () => undefined },
    private readonly resyncMs = INTENT_RESYNC_MS,
  ) {}

  async start(): Promise<void> {
    this.stopSub = await this.store.subscribe(
      (m) => this.onMessage(m),
      () => void this.resync(),
    );
    await this.resync();
    this.timer = setInterval(() => void this.resync(), this.resyncMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopSub?.();
    await this.reading;
  }

  /** Re-reads every lot's intents (the running read when one is already running). */
  resync(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  private onMessage(m: IntentMessage): void {
    if (this.buffer) this.buffer.push(m);
    else this.apply(m);
  }

  private apply(m: IntentMessage): void {
    const book = this.replica.intents;
    if (m.op === 'delete') {
      book.remove(m.intent.id);
      return;
    }
    const t = this.replica.ready ? this.replica.spaces : null;
    const i = m.intent.spaceId === null ? undefined : t?.index.get(m.intent.spaceId);
    // an intent on a space that is already taken is over before it starts
    if (t && i !== undefined && t.occupiedNow(i)) book.remove(m.intent.id);
    else book.put(m.intent);
  }

  private async read(): Promise<void> {
    if (this.stopped || !this.replica.ready) return;
    this.buffer = [];
    try {
      const lots = this.replica.spaces.lots.map((l) => l.id);
      const solo = [...this.replica.intents.soloGroups()];
      const intents = await this.store.snapshot([...lots, ...solo], this.clock.now());
      this.replica.intents.load(intents);
      this.replica.dropTakenIntents();
      this.snapshots++;
    } catch (err) {
      this.log.warn(`intent snapshot failed: ${String(err)}`);
    } finally {
      const pending = this.buffer ?? [];
      this.buffer = null;
      for (const m of pending) this.apply(m);
    }
  }
}
