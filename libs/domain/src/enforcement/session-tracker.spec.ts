import fc from 'fast-check';
import { SpaceObservation, SpaceTrack, observe } from './session-tracker';

const at = (min: number) => Date.UTC(2026, 10, 29, 8, min);
const obs = (
  occupied: boolean | null,
  min: number,
  source: SpaceObservation['source'] = 'status',
): SpaceObservation => ({ spaceId: 's1', occupied, ts: at(min), source });

function run(list: SpaceObservation[]) {
  let t: SpaceTrack | undefined;
  const actions = [];
  for (const o of list) {
    const step = observe(t, o);
    t = step.track;
    actions.push(...step.actions);
  }
  return { track: t, actions };
}

describe('session tracker', () => {
  it('opens on occupied and closes on free', () => {
    const { actions } = run([obs(false, 0), obs(true, 5), obs(false, 20)]);
    expect(actions).toEqual([
      { type: 'open', spaceId: 's1', at: at(5), inferred: false },
      { type: 'close', spaceId: 's1', at: at(20), inferred: false },
    ]);
  });

  it('ignores duplicates and late observations', () => {
    const { actions } = run([
      obs(true, 5),
      obs(true, 5),
      obs(true, 6),
      obs(false, 2),
      obs(false, 9),
    ]);
    expect(actions.map((a) => [a.type, a.at])).toEqual([
      ['open', at(5)],
      ['close', at(9)],
    ]);
  });

  it('marks a session inferred when a heartbeat or startup reveals the change', () => {
    const { actions } = run([obs(false, 0), obs(true, 10, 'heartbeat'), obs(false, 30, 'startup')]);
    expect(actions).toEqual([
      { type: 'open', spaceId: 's1', at: at(10), inferred: true },
      { type: 'close', spaceId: 's1', at: at(30), inferred: true },
    ]);
  });

  it('keeps a session open while the space is unknown', () => {
    const { actions, track } = run([obs(true, 1), obs(null, 30), obs(true, 40)]);
    expect(actions).toHaveLength(1);
    expect(track?.openSince).toBe(at(1));
  });

  it('never closes before it opens and alternates open/close (property)', () => {
    const arb = fc.array(
      fc.record({
        occupied: fc.constantFrom(true, false, null),
        min: fc.integer({ min: 0, max: 600 }),
        source: fc.constantFrom('status', 'heartbeat', 'startup') as fc.Arbitrary<
          SpaceObservation['source']
        >,
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (list) => {
        const { actions } = run(list.map((x) => obs(x.occupied, x.min, x.source)));
        actions.forEach((a, i) => {
          expect(a.type).toBe(i % 2 === 0 ? 'open' : 'close');
          if (a.type === 'close') expect(a.at).toBeGreaterThanOrEqual(actions[i - 1].at);
        });
      }),
    );
  });
});

describe('session tracker after an unknown spell', () => {
  it('marks the close inferred: the transition itself was not observed', () => {
    const { actions } = run([obs(true, 1), obs(null, 30), obs(false, 40)]);
    expect(actions[1]).toEqual({ type: 'close', spaceId: 's1', at: at(40), inferred: true });
  });
});
