import { NotFoundError } from '@app/domain';
import type { RuleSummary, SpaceAccess } from '../ports/guidance-policy.port';
import type { LiveReplica } from '../replica/live-replica';

export type SensorHealth = 'ok' | 'low_battery' | 'stale' | 'no_data' | 'no_sensor';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface RulesAnswer {
  spaceId: string;
  lotId: string | null;
  at: string;
  stay: number | null;
  publicOpen: boolean;
  audience: string | null;
  usableUntil: string | null;
  nextPublicFrom: string | null;
  maxStayMin: number | null;
  pricePerHour: number | null;
  stayCost: number | null;
  currency: string;
  rules: RuleSummary[];
  explanation: string[];
}

/** One space's state, sensor health and rules in force ("what if I arrive then"). */
export class SpaceDetails {
  constructor(private readonly replica: LiveReplica) {}

  rulesAt(spaceId: string, atMs: number, stayMin: number | null): RulesAnswer {
    const i = this.indexOf(spaceId);
    const { policy, currency } = this.replica.catalog;
    const a: SpaceAccess = policy.spaceAt(spaceId, atMs, stayMin, true);
    const t = this.replica.spaces;
    return {
      spaceId,
      lotId: t.lotOf[i] >= 0 ? t.lots[t.lotOf[i]].id : null,
      at: new Date(atMs).toISOString(),
      stay: stayMin,
      publicOpen: a.publicOpen,
      audience: a.audience,
      usableUntil: iso(a.usableUntilMs),
      nextPublicFrom: iso(a.nextPublicFromMs),
      maxStayMin: a.maxStayMin,
      pricePerHour: a.pricePerHour,
      stayCost: a.stayCost,
      currency,
      rules: policy.rulesOf(spaceId),
      explanation: a.explanation,
    };
  }

  now(spaceId: string, nowMs: number) {
    const i = this.indexOf(spaceId);
    const t = this.replica.spaces;
    const rules = this.rulesAt(spaceId, nowMs, null);
    const sensed = t.sensed(i, nowMs);
    const live = t.read(i);
    const lot = t.lotOf[i] >= 0 ? t.lots[t.lotOf[i]] : null;
    const closed = rules.audience === null;
    return {
      ...rules,
      lotId: lot?.id ?? null,
      zoneId: lot?.zoneId ?? null,
      type: t.types[i],
      lat: t.lat[i],
      lon: t.lon[i],
      state: closed ? ('closed' as const) : sensed,
      since: iso(live.sinceMs),
      ageS: t.ageS(i, nowMs),
      sensor: {
        sensorId: t.sensorIds[i],
        health: this.health(i, nowMs),
        lastSeen: iso(live.lastSeenMs),
        staleLimitS: live.staleMs === null ? null : live.staleMs / 1000,
        batteryLow: live.batteryLow,
      },
      asOf: new Date(nowMs).toISOString(),
    };
  }

  private health(i: number, nowMs: number): SensorHealth {
    const t = this.replica.spaces;
    if (t.sensorIds[i] === null && Number.isNaN(t.lastSeen[i])) return 'no_sensor';
    if (Number.isNaN(t.lastSeen[i])) return 'no_data';
    if (!t.fresh(i, nowMs)) return 'stale';
    return t.batteryLow[i] === 1 ? 'low_battery' : 'ok';
  }

  private indexOf(spaceId: string): number {
    const i = this.replica.ready ? this.replica.spaces.index.get(spaceId) : undefined;
    if (i === undefined) throw new NotFoundError('space', spaceId);
    return i;
  }
}
