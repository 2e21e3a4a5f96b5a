import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cityFileSchema } from '@app/domain';
import { catalogFromCity } from './catalog-from-city';

const city = cityFileSchema.parse(
  JSON.parse(readFileSync(join(__dirname, '../../../../data/sample-city.json'), 'utf8')),
);
const { policy } = catalogFromCity(city);

describe('DomainGuidancePolicy.policyKey', () => {
  it('groups only spaces whose rule answers are the same, with and without a stay', () => {
    const byKey = new Map<string, string[]>();
    for (const s of city.spaces) {
      const key = policy.policyKey(s.id);
      byKey.set(key, [...(byKey.get(key) ?? []), s.id]);
    }
    expect(byKey.size).toBeLessThan(city.spaces.length);
    const start = Date.parse('2026-11-30T00:00:00+08:00');
    for (const ids of byKey.values()) {
      for (let h = 0; h < 7 * 24; h += 11) {
        const at = start + h * 3_600_000 + 17 * 60_000;
        for (const stay of [null, 45, 600]) {
          const first = policy.spaceAt(ids[0], at, stay);
          for (const id of ids.slice(1, 12)) expect(policy.spaceAt(id, at, stay)).toEqual(first);
        }
      }
    }
  });
});

describe('DomainGuidancePolicy.rulesOf', () => {
  it("lists the lot's rules then the space's own, each caller getting its own list", () => {
    const lotOf = new Map(city.lots.map((l) => [l.id, l]));
    const ruleIds = new Set(city.rules.map((r) => r.id));
    for (const s of city.spaces) {
      const want = [...(lotOf.get(s.lotId)?.ruleIds ?? []), ...(s.ruleIds ?? [])].filter((id) =>
        ruleIds.has(id),
      );
      expect(policy.rulesOf(s.id).map((r) => r.id)).toEqual(want);
    }
    const withRules = city.spaces.find((s) => policy.rulesOf(s.id).length > 0)!;
    policy.rulesOf(withRules.id).pop();
    expect(policy.rulesOf(withRules.id).length).toBeGreaterThan(0);
    expect(policy.rulesOf('no-such-space')).toEqual([]);
    expect(policy.policyKey('no-such-space')).toBe('no-such-space');
  });
});
