import { randomBytes } from 'node:crypto';
import { BadParameterError, NotFoundError } from '@app/domain';
import type { IntentStore, LiveIntent } from '@app/live-store';
import type { Clock } from '../clock';
import type { LiveReplica } from '../replica/live-replica';

export interface IntentTarget {
  spaceId?: string;
  lotId?: string;
  /** The declared arrival (epoch ms). */
  etaMs: number;
}

export interface IntentView {
  id: string;
  spaceId: string | null;
  lotId: string | null;
  eta: string;
  expiresAt: string;
}

export interface IntentOptions {
  /** An intent counts until its ETA plus this margin. */
  marginMs: number;
  /** How far ahead an ETA may lie. */
  horizonMs: number;
}

export const DEFAULT_INTENT_OPTIONS: IntentOptions = {
  marginMs: 10 * 60_000,
  horizonMs: 3 * 3600_000,
};

/** Spaces outside any lot keep their intents under a group of their own. */
const SOLO = '~';

/**
 * Declared intents: declare, move, cancel. The id is random (no identity of any kind) and
 * names the intent's lot group, so a move or cancel finds it in one live-store call. The
 * replica learns of the change through the intent channel like every other API process.
 */
export class IntentService {
  constructor(
    private readonly replica: LiveReplica,
    private readonly store: IntentStore,
    private readonly clock: Clock,
    private readonly options: IntentOptions = DEFAULT_INTENT_OPTIONS,
  ) {}

  async declare(target: IntentTarget): Promise<IntentView> {
    const now = this.clock.now();
    const intent = this.resolve(target, now, null);
    await this.store.put(intent, now);
    return view(intent);
  }

  async move(id: string, target: IntentTarget): Promise<IntentView> {
    const now = this.clock.now();
    const group = groupOf(id);
    const old = group === null ? null : await this.store.get(group, id, now);
    if (!old) throw new NotFoundError('intent', id);
    const next = this.resolve(target, now, old);
    if (next.lotId !== old.lotId) await this.store.remove(old.lotId, id, now);
    await this.store.put(next, now);
    return view(next);
  }

  async cancel(id: string): Promise<void> {
    const now = this.clock.now();
    const group = groupOf(id);
    if (group === null || !(await this.store.remove(group, id, now))) {
      throw new NotFoundError('intent', id);
    }
  }

  private resolve(target: IntentTarget, now: number, old: LiveIntent | null): LiveIntent {
    if (!this.replica.ready) throw new NotFoundError('space', target.spaceId ?? target.lotId ?? '');
    const t = this.replica.spaces;
    if (!(target.etaMs >= now - 60_000 && target.etaMs <= now + this.options.horizonMs)) {
      throw new BadParameterError(
        'eta',
        `must lie between now and ${this.options.horizonMs / 60_000} min ahead`,
      );
    }
    let lotId: string;
    let spaceId: string | null = null;
    if (target.spaceId !== undefined) {
      const i = t.index.get(target.spaceId);
      if (i === undefined) throw new NotFoundError('space', target.spaceId);
      spaceId = target.spaceId;
      lotId = t.lotOf[i] >= 0 ? t.lots[t.lotOf[i]].id : SOLO + spaceId;
      if (target.lotId !== undefined && target.lotId !== lotId) {
        throw new BadParameterError('lotId', 'is not the lot of spaceId');
      }
    } else if (target.lotId !== undefined) {
      if (!t.lotIndex.has(target.lotId)) throw new NotFoundError('lot', target.lotId);
      lotId = target.lotId;
    } else {
      throw new BadParameterError('spaceId', 'spaceId or lotId is required');
    }
    const id = old && old.lotId === lotId ? old.id : newId(lotId);
    return {
      id,
      lotId,
      spaceId,
      etaMs: target.etaMs,
      expiresAtMs: target.etaMs + this.options.marginMs,
    };
  }
}

function newId(group: string): string {
  return `${Buffer.from(group).toString('base64url')}.${randomBytes(15).toString('base64url')}`;
}

/** The lot group an id names, null when it is not one of ours. */
function groupOf(id: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,400})\.[A-Za-z0-9_-]{20}$/.exec(id);
  return m ? Buffer.from(m[1], 'base64url').toString() : null;
}

function view(i: LiveIntent): IntentView {
  return {
    id: i.id,
    spaceId: i.spaceId,
    lotId: i.lotId.startsWith(SOLO) ? null : i.lotId,
    eta: new Date(i.etaMs).toISOString(),
    expiresAt: new Date(i.expiresAtMs).toISOString(),
  };
}
