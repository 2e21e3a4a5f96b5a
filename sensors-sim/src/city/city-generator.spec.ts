import { cityFileSchema, lotCategorySchema, validateCityFile } from '@app/domain';
import { verifySecret } from '@app/security';
import { generateCity } from './city-generator';

describe('generateCity', () => {
  const small = generateCity({ spaces: 3000, seed: 'alpha' });

  it('is a pure function of the options: same seed, same city and secrets', () => {
    const again = generateCity({ spaces: 3000, seed: 'alpha' });
    expect(JSON.stringify(again.city)).toBe(JSON.stringify(small.city));
    expect(again.secrets).toEqual(small.secrets);
  });

  it('gives a different city for a different seed', () => {
    const other = generateCity({ spaces: 3000, seed: 'beta' });
    expect(other.city.spaces.map((s) => s.lat)).not.toEqual(small.city.spaces.map((s) => s.lat));
    expect(other.secrets).not.toEqual(small.secrets);
  });

  it('passes cityFileSchema unchanged (every default written out) and the reference checks', () => {
    expect(cityFileSchema.parse(small.city)).toEqual(small.city);
    expect(validateCityFile(small.city).errors).toEqual([]);
  });

  it('contains every lot category and every rule kind, each actually used', () => {
    const c = small.city;
    expect(new Set(c.lots.map((l) => l.category))).toEqual(new Set(lotCategorySchema.options));
    expect(new Set(c.rules.map((r) => r.kind))).toEqual(
      new Set(['audience', 'short_stay', 'tidal', 'no_parking']),
    );
    const used = new Set([
      ...c.lots.flatMap((l) => l.ruleIds),
      ...c.spaces.flatMap((s) => s.ruleIds),
    ]);
    for (const r of c.rules) expect(used).toContain(r.id);
    expect(c.exemptions.map((e) => e.when).sort()).toEqual(['holidays', 'school_vacations']);
  });

  it('models the city programme: off-hours sharing, temporary lots, night windows, short stays, tidal spaces', () => {
    const c = small.city;
    const rule = (id: string) => c.rules.find((r) => r.id === id)!;
    for (const lot of c.lots.filter((l) => l.category === 'institutional')) {
      expect(lot.publicHours?.map((w) => w.days)).toEqual(['rest_days', 'working_days']);
    }
    const temporary = c.lots.filter((l) => l.category === 'temporary');
    expect(temporary).toHaveLength(21);
    for (const lot of temporary) expect(lot.validFrom! <= lot.validTo!).toBe(true);
    expect(temporary.some((l) => l.validTo! < '2026-11-29')).toBe(true);
    expect(temporary.some((l) => l.validFrom! > '2026-11-29')).toBe(true);
    const night = c.lots
      .flatMap((l) => l.ruleIds)
      .map(rule)
      .find((r) => r.kind === 'audience');
    expect(night).toMatchObject({
      audience: 'residents',
      windows: [{ from: '19:00', to: '07:00' }],
    });
    const stays = c.rules.flatMap((r) => (r.kind === 'short_stay' ? [r.maxStayMin] : []));
    expect(stays.sort()).toEqual([15, 30]);
    expect(c.spaces.filter((s) => s.ruleIds.length > 0).length).toBeGreaterThan(0);
    const tiers = c.pricingTiers.find((t) => t.id === 'tier-core')!;
    expect(tiers.bands.length).toBeGreaterThan(0);
    expect(tiers.freeMinutes).toBeGreaterThan(0);
    expect(tiers.dailyCap).not.toBeNull();
  });

  it('prices the centre above the outskirts', () => {
    const price = (id: string) =>
      small.city.pricingTiers.find((t) => t.id === id)!.basePricePerHour;
    const tiersUsed = new Set(small.city.zones.map((z) => z.pricingTierId));
    expect(tiersUsed.size).toBeGreaterThanOrEqual(2);
    expect(price('tier-core')).toBeGreaterThan(price('tier-inner'));
    expect(price('tier-inner')).toBeGreaterThan(price('tier-outer'));
  });

  it('keeps references consistent and binds each sensor to 1-2 neighbouring gateways', () => {
    const c = small.city;
    const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
    const zones = ids(c.zones);
    const lots = ids(c.lots);
    const spaces = ids(c.spaces);
    const gateways = c.gateways.map((g) => g.id);
    expect(spaces.size).toBe(3000);
    for (const l of c.lots) expect(zones).toContain(l.zoneId);
    for (const s of c.spaces) expect(lots).toContain(s.lotId);
    expect(new Set(c.sensors.map((s) => s.spaceId)).size).toBe(3000);
    const perGateway = new Map<string, number>();
    for (const s of c.sensors) {
      expect(s.gatewayIds.length === 1 || s.gatewayIds.length === 2).toBe(true);
      const [a, b] = s.gatewayIds.map((g) => gateways.indexOf(g));
      expect(a).toBeGreaterThanOrEqual(0);
      if (b !== undefined) expect(Math.abs(a - b)).toBe(1);
      perGateway.set(s.gatewayIds[0], (perGateway.get(s.gatewayIds[0]) ?? 0) + 1);
    }
    expect(Math.max(...perGateway.values())).toBeLessThanOrEqual(300);
    const dual = c.sensors.filter((s) => s.gatewayIds.length === 2).length / c.sensors.length;
    expect(dual).toBeGreaterThan(0.25);
    expect(dual).toBeLessThan(0.35);
    for (const sign of c.signs) for (const e of sign.entries) expect(lots).toContain(e.lotId);
    expect(c.signs.length).toBeGreaterThan(0);
  });

  it('hashes gateway secrets with scrypt (deterministic salt) and keeps the plaintext apart', () => {
    const g = small.city.gateways[0];
    expect(g.secretHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(verifySecret(small.secrets[g.id], g.secretHash!)).toBe(true);
    expect(JSON.stringify(small.city)).not.toContain(small.secrets[g.id]);
  });

  it('still has every category and rule kind in a tiny city', () => {
    const tiny = generateCity({ spaces: 40, seed: 'tiny' }).city;
    expect(cityFileSchema.parse(tiny).spaces).toHaveLength(40);
    expect(new Set(tiny.lots.map((l) => l.category)).size).toBe(5);
    expect(tiny.lots.reduce((a, l) => a + l.capacity, 0)).toBe(40);
  });

  it('generates the full 135,000-space city, valid under the schema', () => {
    const big = generateCity({ seed: 'full' }).city;
    expect(big.spaces).toHaveLength(135_000);
    expect(big.gateways).toHaveLength(450);
    expect(cityFileSchema.safeParse(big).success).toBe(true);
    const spread = big.spaces.reduce(
      (m, s) => Math.max(m, Math.abs(s.lat - 30.12), Math.abs(s.lon - 104.63)),
      0,
    );
    expect(spread).toBeLessThan(0.1);
  });

  it('rejects nonsense options', () => {
    expect(() => generateCity({ spaces: 5 })).toThrow(RangeError);
    expect(() => generateCity({ spaces: 100, dualGatewayShare: 2 })).toThrow(RangeError);
  });
});
