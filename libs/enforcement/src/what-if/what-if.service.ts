import {
  BadParameterError,
  ClassifyOptions,
  WhatIfResult,
  parseCityFile,
  replayWhatIf,
  ruleBookInputOf,
} from '@app/domain';
import { SessionHistory } from '../ports/session-history.port';

const DAY_MS = 86_400_000;
/** The longest period one replay reads (a quarter), so a request cannot load years of history. */
export const WHAT_IF_MAX_DAYS = 93;

export interface WhatIfRequest {
  /** The changed city file (validated like an import: 422 listing every problem). */
  city: unknown;
  from: number;
  to: number;
  zones?: readonly string[];
  /** Compare against this city file instead of the city as stored. */
  baseline?: unknown;
}

export interface WhatIfRun extends WhatIfResult {
  /** Milliseconds spent reading the history and replaying it. */
  timings: { readMs: number; replayMs: number };
}

/**
 * What a changed city file would have done: replays recorded sessions of a period under the rules
 * as they are and under the changed ones (docs/what-if.md). Nothing is written.
 */
export class WhatIfService {
  constructor(
    private readonly history: SessionHistory,
    private readonly options: ClassifyOptions = {},
  ) {}

  async run(req: WhatIfRequest): Promise<WhatIfRun> {
    if (!(req.from < req.to)) throw new BadParameterError('from', 'must be before to');
    if (req.to - req.from > WHAT_IF_MAX_DAYS * DAY_MS) {
      throw new BadParameterError('to', `the period is limited to ${WHAT_IF_MAX_DAYS} days`);
    }
    const candidate = ruleBookInputOf(parseCityFile(req.city));
    const t0 = Date.now();
    const [baseline, sessions] = await Promise.all([
      req.baseline === undefined
        ? this.history.currentRules()
        : Promise.resolve(ruleBookInputOf(parseCityFile(req.baseline))),
      this.history.sessions(req.from, req.to),
    ]);
    const t1 = Date.now();
    const result = replayWhatIf(baseline, candidate, sessions, {
      ...this.options,
      from: req.from,
      to: req.to,
      zones: req.zones,
    });
    return { ...result, timings: { readMs: t1 - t0, replayMs: Date.now() - t1 } };
  }
}
