import { Logger } from '@nestjs/common';
import { SpaceObservation, SpaceTrack, observe } from '@app/domain';
import { DeadlineScheduler } from './deadline-scheduler';
import { SessionRules } from './ports/session-rules.port';
import { SessionRepository } from './ports/session-repository.port';
import type { ParkingSession, SpacePlace } from './sessions';
import { ViolationRepository } from './ports/violation-repository.port';

/** A verdict that says "check again now" cannot spin the loop. */
const MIN_RECHECK_MS = 1000;

/**
 * Builds parking sessions from live observations and detects violations while the car is
 * still there: every open session has one deadline in a min-heap (its next rule check), so
 * nothing scans the city. Observations of one space are handled strictly in order.
 */
export class EnforcementRunner {
  private readonly logger = new Logger('enforcement');
  private readonly tracks = new Map<string, SpaceTrack>();
  private readonly open = new Map<string, ParkingSession>();
  private readonly places = new Map<string, SpacePlace>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly scheduler: DeadlineScheduler;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly violations: ViolationRepository,
    private readonly rules: SessionRules,
    private readonly now: () => number = Date.now,
  ) {
    this.scheduler = new DeadlineScheduler(
      (spaceId) => this.enqueue(spaceId, () => this.check(spaceId)),
      now,
    );
  }

  /** Loads open sessions, reconciles them with the live state if given, arms their checks. */
  async start(live: SpaceObservation[] = []): Promise<void> {
    for (const s of await this.sessions.findOpen()) {
      this.open.set(s.spaceId, s);
      this.tracks.set(s.spaceId, { lastTs: s.startedAt, occupied: true, openSince: s.startedAt });
    }
    await Promise.all(live.map((o) => this.handle({ ...o, source: 'reconcile' })));
    await Promise.all([...this.open.keys()].map((id) => this.enqueue(id, () => this.check(id))));
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** Runs the checks whose deadline has passed now (the timer does this by itself). */
  runDueChecks(): void {
    this.scheduler.runDue();
  }

  /** Input port: one applied live-state change. Resolves once it is durably processed. */
  handle(o: SpaceObservation): Promise<void> {
    return this.enqueue(o.spaceId, () => this.apply(o));
  }

  /** Waits for everything queued so far (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** After a city change: spaces may have moved to another lot or zone. */
  forgetPlaces(): void {
    this.places.clear();
  }

  /** See SessionRepository.markInferredFromHistory. */
  markInferredFromHistory(since: number): Promise<number> {
    return this.sessions.markInferredFromHistory(since);
  }

  openSessionOf(spaceId: string): ParkingSession | undefined {
    return this.open.get(spaceId);
  }

  nextCheckOf(spaceId: string): number | undefined {
    return this.scheduler.deadlineOf(spaceId);
  }

  private enqueue(spaceId: string, work: () => Promise<void>): Promise<void> {
    const prev = this.chains.get(spaceId) ?? Promise.resolve();
    const next = prev.then(work).catch((err: unknown) => {
      this.logger.error(`space ${spaceId}: ${err instanceof Error ? err.stack : String(err)}`);
    });
    this.chains.set(spaceId, next);
    void next.finally(() => {
      if (this.chains.get(spaceId) === next) this.chains.delete(spaceId);
    });
    return next;
  }

  private async apply(o: SpaceObservation): Promise<void> {
    const step = observe(this.tracks.get(o.spaceId), o);
    for (const a of step.actions) {
      if (a.type === 'open') {
        this.open.set(a.spaceId, await this.sessions.open(a.spaceId, a.at, a.inferred));
        await this.check(a.spaceId);
      } else {
        this.scheduler.cancel(a.spaceId);
        this.open.delete(a.spaceId);
        const closed = await this.sessions.close(a.spaceId, a.at, a.inferred);
        if (closed) await this.assess(closed, closed.endedAt ?? a.at, true);
      }
    }
    this.tracks.set(o.spaceId, step.track);
  }

  private async check(spaceId: string): Promise<void> {
    const s = this.open.get(spaceId);
    if (!s) return;
    const next = await this.assess(s, Math.max(this.now(), s.startedAt), false);
    if (next !== null && this.open.get(spaceId) === s) {
      this.scheduler.schedule(spaceId, Math.max(next, this.now() + MIN_RECHECK_MS));
    }
  }

  private async assess(s: ParkingSession, until: number, ended: boolean): Promise<number | null> {
    const verdict = await this.rules.assess(s.spaceId, s.startedAt, until, ended);
    if (verdict.breaches.length > 0) {
      const place = await this.placeOf(s.spaceId);
      if (place) await this.violations.record(s, place, verdict.breaches);
      else this.logger.warn(`space ${s.spaceId} is not in the city; breach not recorded`);
    }
    return verdict.nextCheckAt;
  }

  private async placeOf(spaceId: string): Promise<SpacePlace | null> {
    const known = this.places.get(spaceId);
    if (known) return known;
    const place = await this.violations.placeOf(spaceId);
    if (place) this.places.set(spaceId, place);
    return place;
  }
}
