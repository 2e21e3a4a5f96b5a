import type { Breach } from '@app/domain';
import { EnforcementRunner } from './enforcement-runner';
import { SessionAssessment, SessionRules } from './ports/session-rules.port';
import { SessionRepository } from './ports/session-repository.port';
import type { ParkingSession, SpacePlace } from './sessions';
import { ViolationRepository } from './ports/violation-repository.port';

class MemorySessions extends SessionRepository {
  rows: ParkingSession[] = [];
  async findOpen() {
    return this.rows.filter((s) => s.endedAt === null);
  }
  async open(spaceId: string, at: number, inferred: boolean) {
    const s = {
      id: String(this.rows.length + 1),
      spaceId,
      startedAt: at,
      endedAt: null,
      startInferred: inferred,
      endInferred: false,
    };
    this.rows.push(s);
    return s;
  }
  async close(spaceId: string, at: number, inferred: boolean) {
    const s = this.rows.find((r) => r.spaceId === spaceId && r.endedAt === null);
    if (!s) return null;
    Object.assign(s, { endedAt: at, endInferred: inferred });
    return { ...s };
  }
  async markInferredFromHistory() {
    return 0;
  }
}

class MemoryViolations extends ViolationRepository {
  recorded: Array<{ session: string; final: boolean; breaches: Breach[] }> = [];
  async placeOf(spaceId: string): Promise<SpacePlace> {
    return { spaceId, lotId: 'L', zoneId: 'Z' };
  }
  async record(session: ParkingSession, _p: SpacePlace, breaches: Breach[]) {
    this.recorded.push({ session: session.id, final: session.endedAt !== null, breaches });
  }
  list = () => Promise.reject(new Error('unused'));
  get = () => Promise.reject(new Error('unused'));
  transition = () => Promise.reject(new Error('unused'));
  steps = () => Promise.reject(new Error('unused'));
}

/** A 10-minute maximum stay, measured as the real engine would. */
class TenMinutes extends SessionRules {
  calls = 0;
  async assess(_s: string, start: number, until: number): Promise<SessionAssessment> {
    this.calls++;
    const since = start + 600_000;
    const breaches: Breach[] =
      until > since
        ? [
            {
              kind: 'overstay',
              ruleId: 'R',
              since,
              overstayS: (until - since) / 1000,
              exemptionId: null,
              explanation: '',
            },
          ]
        : [];
    return { breaches, nextCheckAt: until < since ? since : null };
  }
}

describe('EnforcementRunner (unit)', () => {
  let now = 0;
  const setup = () => {
    const sessions = new MemorySessions();
    const violations = new MemoryViolations();
    const rules = new TenMinutes();
    const runner = new EnforcementRunner(sessions, violations, rules, () => now);
    return { sessions, violations, rules, runner };
  };

  it('arms one check at the deadline, raises live, then measures at the end', async () => {
    const { violations, rules, runner } = setup();
    now = 1_000_000;
    await runner.handle({ spaceId: 'A', occupied: true, ts: now, source: 'status' });
    expect(runner.nextCheckOf('A')).toBe(1_600_000);
    now = 1_300_000;
    runner.runDueChecks();
    await runner.idle();
    expect(violations.recorded).toHaveLength(0);
    now = 1_660_000;
    runner.runDueChecks();
    await runner.idle();
    expect(violations.recorded).toEqual([
      { session: '1', final: false, breaches: [expect.objectContaining({ overstayS: 60 })] },
    ]);
    await runner.handle({ spaceId: 'A', occupied: false, ts: 1_720_000, source: 'status' });
    expect(violations.recorded[1]).toEqual({
      session: '1',
      final: true,
      breaches: [expect.objectContaining({ overstayS: 120 })],
    });
    expect(runner.nextCheckOf('A')).toBeUndefined();
    expect(rules.calls).toBe(3);
    runner.stop();
  });

  it('handles the observations of one space strictly in order', async () => {
    const { sessions, runner } = setup();
    now = 0;
    const all = [true, false, true, false].map((occupied, i) =>
      runner.handle({ spaceId: 'B', occupied, ts: i * 1000, source: 'status' }),
    );
    await Promise.all(all);
    expect(sessions.rows.map((s) => [s.startedAt, s.endedAt])).toEqual([
      [0, 1000],
      [2000, 3000],
    ]);
    runner.stop();
  });
});
