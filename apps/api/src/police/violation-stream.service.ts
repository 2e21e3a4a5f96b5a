import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { ViolationView } from '@app/domain';
import { ViolationRepository } from '@app/enforcement';
import { ViolationChangeListener } from '@app/persistence';
import { Observable, Subject } from 'rxjs';

export type ViolationStreamEvent =
  | { kind: 'violation'; view: ViolationView }
  /** Notifications may have been missed (the listener reconnected): re-read the list. */
  | { kind: 'resync' };

/**
 * The process's live feed of violations: one `LISTEN violation_changed` (a trigger announces every
 * insert and status change, whoever made it), each notification turned into the violation's
 * current view. Views are read one after the other, so a case's steps arrive in order.
 */
@Injectable()
export class ViolationStreamService implements OnApplicationShutdown {
  private readonly logger = new Logger('violation-stream');
  private readonly events$ = new Subject<ViolationStreamEvent>();
  private listener: ViolationChangeListener | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly violations: ViolationRepository,
  ) {}

  /** Resolves once listening (or after a failed first attempt, retried in the background). */
  async start(): Promise<void> {
    if (!this.listener) {
      this.listener = new ViolationChangeListener(this.config.db.url, {
        name: 'api-violation-listen',
        onError: (err) => this.logger.warn(`violation listener: ${String(err)}`),
      });
      this.listener.subscribe(({ payload }) => this.onNotify(payload));
    }
    await this.listener.start();
  }

  events(): Observable<ViolationStreamEvent> {
    return this.events$.asObservable();
  }

  async onApplicationShutdown(): Promise<void> {
    this.events$.complete();
    await this.listener?.close();
  }

  private onNotify(payload: Record<string, unknown>): void {
    if (payload.reconnected) {
      this.events$.next({ kind: 'resync' });
      return;
    }
    const id = payload.id;
    if (typeof id !== 'string') return;
    this.chain = this.chain.then(async () => {
      try {
        const view = await this.violations.get(id, null);
        if (view) this.events$.next({ kind: 'violation', view });
      } catch (err) {
        this.logger.warn(`violation ${id}: ${String(err)}`);
        this.events$.next({ kind: 'resync' });
      }
    });
  }
}
