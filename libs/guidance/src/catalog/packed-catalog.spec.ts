import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cityFileSchema } from '@app/domain';
import { LiveReplica } from '../replica/live-replica';
import { catalogFromCity } from './catalog-from-city';
import { packCatalog, unpackCatalog } from './packed-catalog';

const city = cityFileSchema.parse(
  JSON.parse(readFileSync(join(__dirname, '../../../../data/sample-city.json'), 'utf8')),
);

describe('packCatalog / unpackCatalog', () => {
  it('answers like catalogFromCity with one rule-book space per policy key', async () => {
    const whole = catalogFromCity(city);
    const packed = structuredClone(packCatalog(city));
    expect(packed.ruleInput.spaces!.length).toBe(packed.policyKeys.length);
    expect(packed.policyKeys.length).toBeLessThan(city.spaces.length);
    let turns = 0;
    const lean = await unpackCatalog(packed, async () => void turns++);
    expect(turns).toBeGreaterThan(0);

    const a = new LiveReplica();
    a.setCatalog(whole);
    const b = new LiveReplica();
    b.setCatalog(lean);
    const [ta, tb] = [a.spaces, b.spaces];
    expect(tb.size).toBe(ta.size);
    for (let i = 0; i < ta.size; i++) {
      expect([tb.ids[i], tb.types[i], tb.sensorIds[i], tb.lat[i], tb.lon[i], tb.lotOf[i]]).toEqual([
        ta.ids[i],
        ta.types[i],
        ta.sensorIds[i],
        ta.lat[i],
        ta.lon[i],
        ta.lotOf[i],
      ]);
      expect(Object.is(tb.staleMs[i], ta.staleMs[i])).toBe(true);
      expect(tb.policy[i]).toBe(ta.policy[i]);
      expect(tb.index.get(ta.ids[i])).toBe(i);
    }
    expect(tb.lotSpaces).toEqual(ta.lotSpaces);
    expect(lean.lots).toEqual(whole.lots);
    expect(lean.signs).toEqual(whole.signs);

    const start = Date.parse('2026-11-30T00:00:00+08:00');
    for (const s of city.spaces) {
      expect(lean.policy.policyKey(s.id)).toBe(whole.policy.policyKey(s.id));
      expect(lean.policy.rulesOf(s.id)).toEqual(whole.policy.rulesOf(s.id));
      for (let h = 0; h < 7 * 24; h += 29) {
        const at = start + h * 3_600_000 + 7 * 60_000;
        for (const stay of [null, 90]) {
          expect(lean.policy.spaceAt(s.id, at, stay, true)).toEqual(
            whole.policy.spaceAt(s.id, at, stay, true),
          );
        }
      }
    }
    for (const l of city.lots)
      expect(lean.policy.lotAt(l.id, start)).toEqual(whole.policy.lotAt(l.id, start));
    expect(lean.policy.rulesOf('no-such-space')).toEqual([]);
    expect(lean.policy.policyKey('no-such-space')).toBe('no-such-space');
    expect(() => lean.policy.spaceAt('no-such-space', start, null)).toThrow(/no-such-space/);
  });
});

describe('LiveReplica.installCatalog', () => {
  it('keeps answering from the old catalog until the swap and carries changes made meanwhile', async () => {
    const replica = new LiveReplica();
    replica.setCatalog(catalogFromCity(city));
    const ids = replica.spaces.ids;
    replica.apply({
      spaceId: ids[0],
      occupied: false,
      lastSeenMs: 1,
      sinceMs: 1,
      batteryLow: false,
      ver: 1,
      staleMs: null,
    });
    const next = await unpackCatalog(packCatalog(city), async () => undefined);
    let turn = 0;
    const loads = replica.catalogLoads;
    await replica.installCatalog(
      next,
      async () => {
        turn++;
        // a change arriving mid-install, and the old catalog still serving
        if (turn === 2) {
          expect(replica.catalogLoads).toBe(loads);
          replica.apply({
            spaceId: ids[1],
            occupied: false,
            lastSeenMs: 2,
            sinceMs: 2,
            batteryLow: false,
            ver: 1,
            staleMs: null,
          });
          replica.apply({
            spaceId: ids[0],
            occupied: true,
            lastSeenMs: 3,
            sinceMs: 3,
            batteryLow: false,
            ver: 2,
            staleMs: null,
          });
        }
      },
      16,
    );
    expect(replica.catalogLoads).toBe(loads + 1);
    expect(replica.catalog.policy).toBe(next.policy);
    const t = replica.spaces;
    expect(t.read(t.index.get(ids[0])!).occupied).toBe(true);
    expect(t.read(t.index.get(ids[1])!).occupied).toBe(false);
    expect(replica.freeIndex.has(t.index.get(ids[1])!)).toBe(true);
    expect(replica.freeIndex.has(t.index.get(ids[0])!)).toBe(false);
  });
});
