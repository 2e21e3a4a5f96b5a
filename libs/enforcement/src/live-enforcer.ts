import { Logger } from '@nestjs/common';
import type { SpaceObservation } from '@app/domain';
import type { LiveChangeMessage, LiveSpace, LiveStore } from '@app/live-store';
import { EnforcementRunner } from './enforcement-runner';
import { toObservation } from './live-change.mapper';

export interface LiveEnforcerOptions {
  /** Pub/sub loses messages while disconnected: re-read the live state this often. */
  reconcileEveryMs: number;
  /**
   * The change channel does not say which uplink type caused a change: this often, sessions of
   * the last `inferWindowMs` are marked inferred from the event history (default 10 s / 2 h).
   */
  inferEveryMs?: number;
  inferWindowMs?: number;
}

export function snapshotObservation(s: LiveSpace): SpaceObservation {
  return {
    spaceId: s.spaceId,
    occupied: s.state === 'unknown' ? null : s.state === 'occupied',
    ts: s.since,
    source: 'reconcile',
  };
}

/**
 * Feeds the enforcement runner from the live store's change channel. Subscribes first and
 * buffers, then reconciles open sessions with a snapshot, then applies the buffered and later
 * changes (the tracker ignores anything older than what it applied). The port's resync signal
 * (reconnect, `reset` message) triggers a new reconcile, since pub/sub is lossy across
 * reconnects; a periodic reconcile stays as a backstop.
 */
export class LiveEnforcer {
  private readonly logger = new Logger('enforcer');
  private unsubscribe: (() => Promise<void>) | null = null;
  private buffer: LiveChangeMessage[] | null = [];
  private resyncWhileStarting = false;
  private timer: NodeJS.Timeout | null = null;
  private inferTimer: NodeJS.Timeout | null = null;
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly live: LiveStore,
    private readonly runner: EnforcementRunner,
    private readonly options: LiveEnforcerOptions,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.live.subscribeChanges(
      (m) => this.onMessage(m),
      () => this.onResync(),
    );
    const snapshot = await this.live.snapshotSpaces();
    await this.runner.start(snapshot.map(snapshotObservation));
    const buffered = this.buffer ?? [];
    this.buffer = null;
    buffered.forEach((m) => this.onMessage(m));
    if (this.resyncWhileStarting) this.track(this.reconcile());
    this.timer = setInterval(() => this.track(this.reconcile()), this.options.reconcileEveryMs);
    this.timer.unref();
    const window = this.options.inferWindowMs ?? 2 * 3600_000;
    this.inferTimer = setInterval(
      () =>
        this.track(this.runner.markInferredFromHistory(Date.now() - window).then(() => undefined)),
      this.options.inferEveryMs ?? 10_000,
    );
    this.inferTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.inferTimer) clearInterval(this.inferTimer);
    this.timer = null;
    this.inferTimer = null;
    await this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.all([...this.pending]);
    await this.runner.idle();
    this.runner.stop();
  }

  /** Re-reads the live state and feeds it as reconcile observations. */
  async reconcile(): Promise<void> {
    const snapshot = await this.live.snapshotSpaces();
    await Promise.all(snapshot.map((s) => this.runner.handle(snapshotObservation(s))));
  }

  private onMessage(m: LiveChangeMessage): void {
    if (this.buffer) {
      this.buffer.push(m);
      return;
    }
    for (const c of m.changes ?? []) this.track(this.runner.handle(toObservation(c)));
  }

  /** The port's signal that changes may have been lost (reconnect, live-store reset). */
  private onResync(): void {
    if (this.buffer) this.resyncWhileStarting = true;
    else this.track(this.reconcile());
  }

  private track(p: Promise<void>): void {
    const guarded = p.catch((err: unknown) => this.logger.error(`enforcer: ${String(err)}`));
    this.pending.add(guarded);
    void guarded.finally(() => this.pending.delete(guarded));
  }
}
