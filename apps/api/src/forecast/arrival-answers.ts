import { Injectable } from '@nestjs/common';
import { arrivalAt, ArrivalForecaster, type LotArrival } from '@app/forecast';
import { Clock, Guidance, instantParam, RawQuery } from '@app/guidance';

/**
 * The nearby answers for a later arrival (`at` in the future or `eta`): the guidance answer for
 * that instant plus, per lot, `arrival` (probability of a usable space, expected free spaces,
 * explanation). Only reached when the query names `at` or `eta`; `at` now keeps the hot path.
 */
@Injectable()
export class ArrivalAnswers {
  constructor(
    private readonly guidance: Guidance,
    private readonly clock: Clock,
    private readonly forecaster: ArrivalForecaster,
  ) {}

  lotsNearby(q: RawQuery) {
    const now = this.clock.now();
    const at = arrivalAt(q, now, instantParam(q, 'at', now));
    const answer = this.guidance.lotsNearby(q);
    if (at === null) return answer;
    return {
      ...answer,
      items: answer.items.map((lot) => ({ ...lot, arrival: this.lotArrival(lot.lotId, now, at) })),
    };
  }

  spacesNearbyJson(q: RawQuery): string {
    const now = this.clock.now();
    const at = arrivalAt(q, now, instantParam(q, 'at', now));
    // `eta` stays in the query: it also ranks the spaces other drivers declared (intents)
    if (at === null) return this.guidance.spacesNearbyJson(q);
    const answer = this.guidance.spacesNearby({ ...q, at: new Date(at).toISOString() });
    const memo = new Map<string, LotArrival | null>();
    const items = answer.items.map((s) => {
      if (s.lotId === null) return { ...s, arrival: null };
      let a = memo.get(s.lotId);
      if (a === undefined) memo.set(s.lotId, (a = this.lotArrival(s.lotId, now, at)));
      return { ...s, arrival: a };
    });
    return JSON.stringify({ ...answer, items });
  }

  private lotArrival(lotId: string, now: number, at: number): LotArrival | null {
    const view = this.guidance.lots.view(lotId, now);
    const open = this.guidance.replica.catalog.policy.lotAt(lotId, at).open;
    return this.forecaster.lot(
      lotId,
      {
        freeNow: view.status === 'unknown' ? null : view.free + view.reserved,
        closedAtArrival: !open,
      },
      now,
      at,
    );
  }
}
