import { NotFoundError } from '@app/domain';
import type { Clock } from './clock';
import { ARRIVAL_PENALTY_M_DEFAULT, ArrivalRanking } from './intents/arrival-ranking';
import { INTENT_PENALTY_M_DEFAULT, IntentRanking } from './intents/intent-ranking';
import { LotAvailability } from './lots/lot-availability';
import type { LiveReplica } from './replica/live-replica';
import { parseNearbyQuery, parsePointQuery } from './search/nearby-query';
import { NearbySearch } from './search/nearby-search';
import { instantParam, optionalIntParam, RawQuery } from './search/query-params';
import { SignBoard } from './signs/sign-board';
import { SpaceDetails } from './spaces/space-details';
import { ChangeFeed } from './streams/change-feed';

export interface GuidanceOptions {
  /** Ranked distance added to a space another driver declared they reach first. */
  intentPenaltyM: number;
  /**
   * Arrival-aware ranking (queries with `eta` while intents are open): a space ranks as if this
   * x (1 - chance it is still free on arrival) farther; 0 = off (docs/guidance-intents.md).
   */
  arrivalPenaltyM: number;
  /** Signs show free spaces minus declared arrivals. */
  signsSubtractIntents: boolean;
}

export const DEFAULT_GUIDANCE_OPTIONS: GuidanceOptions = {
  intentPenaltyM: INTENT_PENALTY_M_DEFAULT,
  arrivalPenaltyM: ARRIVAL_PENALTY_M_DEFAULT,
  signsSubtractIntents: false,
};

/** The driver-facing use cases over one replica (controllers pass raw query strings). */
export class Guidance {
  readonly search: NearbySearch;
  readonly lots: LotAvailability;
  readonly details: SpaceDetails;
  readonly feed: ChangeFeed;

  constructor(
    readonly replica: LiveReplica,
    private readonly clock: Clock,
    private readonly options: GuidanceOptions = DEFAULT_GUIDANCE_OPTIONS,
    /** The signs' hysteresis memory (shared by every instance when built on a `SignLevelStore`). */
    readonly signs: SignBoard = new SignBoard(),
  ) {
    this.search = new NearbySearch(
      replica,
      new IntentRanking(replica.intents, options.intentPenaltyM),
      new ArrivalRanking(replica.intents, replica.fill, {
        penaltyM: options.arrivalPenaltyM,
        intentPenaltyM: options.intentPenaltyM,
        useIntents: true,
      }),
    );
    this.lots = new LotAvailability(replica);
    this.details = new SpaceDetails(replica);
    this.feed = new ChangeFeed(replica, this.lots, () => clock.now());
  }

  spacesNearby(q: RawQuery) {
    const now = this.clock.now();
    return this.search.search(parseNearbyQuery(q, now), now);
  }

  /** The same answer as JSON text (the HTTP route sends it as is). */
  spacesNearbyJson(q: RawQuery): string {
    const now = this.clock.now();
    return this.search.json(parseNearbyQuery(q, now), now);
  }

  lotsNearby(q: RawQuery) {
    const now = this.clock.now();
    return this.lots.nearby(parsePointQuery(q), now);
  }

  lot(lotId: string) {
    const now = this.clock.now();
    return { ...this.lots.view(lotId, now), asOf: new Date(now).toISOString() };
  }

  space(spaceId: string) {
    return this.details.now(spaceId, this.clock.now());
  }

  spaceRules(spaceId: string, q: RawQuery) {
    const now = this.clock.now();
    return this.details.rulesAt(
      spaceId,
      instantParam(q, 'at', now),
      optionalIntParam(q, 'stay', 1, 1440),
    );
  }

  /** Current lot events matching a stream filter (sent first on a new lot stream). */
  currentLots(f: { lotId?: string; zoneId?: string }) {
    if (!this.replica.ready) return [];
    const now = this.clock.now();
    return this.replica.spaces.lots
      .filter((l) => (!f.lotId || l.id === f.lotId) && (!f.zoneId || l.zoneId === f.zoneId))
      .map((l) => this.feed.lotEvent(this.lots.view(l.id, now)));
  }

  async sign(signId: string) {
    const sign = this.replica.ready
      ? this.replica.catalog.signs.find((s) => s.id === signId)
      : undefined;
    if (!sign) throw new NotFoundError('sign', signId);
    const now = this.clock.now();
    const shown = await this.signs.display(sign, (lotId) => {
      if (!this.replica.spaces.lotIndex.has(lotId)) return null;
      const v = this.lots.view(lotId, now);
      return {
        lotId,
        free: this.options.signsSubtractIntents ? (v.freeOnArrival ?? v.free) : v.free,
        closed: v.status === 'closed',
        unknown: v.status === 'unknown',
      };
    });
    return { ...shown, asOf: new Date(now).toISOString() };
  }
}
