import { BadParameterError } from '@app/domain';
import { parseNearbyQuery } from './nearby-query';

const NOW = Date.parse('2026-11-29T08:00:00Z');

function paramOf(q: Record<string, unknown>): string | null {
  try {
    parseNearbyQuery(q, NOW);
    return null;
  } catch (e) {
    if (e instanceof BadParameterError) return e.param;
    throw e;
  }
}

describe('parseNearbyQuery', () => {
  it('applies defaults', () => {
    expect(parseNearbyQuery({ lat: '31.2', lon: '121.4' }, NOW)).toEqual({
      lat: 31.2,
      lon: 121.4,
      radiusM: 500,
      limit: 20,
      type: null,
      atMs: NOW,
      stayMin: null,
    });
  });

  it('reads at with an offset and stay', () => {
    const q = parseNearbyQuery(
      { lat: '1', lon: '2', at: '2026-11-29T19:30:00+08:00', stay: '90', type: 'ev' },
      NOW,
    );
    expect(q.atMs).toBe(Date.parse('2026-11-29T11:30:00Z'));
    expect(q.stayMin).toBe(90);
    expect(q.type).toBe('ev');
  });

  it.each([
    [{ lon: '1' }, 'lat'],
    [{ lat: 'abc', lon: '1' }, 'lat'],
    [{ lat: '91', lon: '1' }, 'lat'],
    [{ lat: '1' }, 'lon'],
    [{ lat: '1', lon: '1', radius: '0' }, 'radius'],
    [{ lat: '1', lon: '1', radius: '1000000000' }, 'radius'],
    [{ lat: '1', lon: '1', limit: '-1' }, 'limit'],
    [{ lat: '1', lon: '1', limit: '201' }, 'limit'],
    [{ lat: '1', lon: '1', limit: '2.5' }, 'limit'],
    [{ lat: '1', lon: '1', at: 'tomorrow' }, 'at'],
    [{ lat: '1', lon: '1', at: '2026-11-29T19:30:00' }, 'at'],
    [{ lat: '1', lon: '1', at: '2026-02-30T19:30:00Z' }, 'at'],
    [{ lat: '1', lon: '1', stay: '0' }, 'stay'],
    [{ lat: '1', lon: '1', stay: '1441' }, 'stay'],
    [{ lat: '1', lon: '1', type: 'EV!' }, 'type'],
    [{ lat: ['1', '2'], lon: '1' }, 'lat'],
  ])('rejects %j naming %s', (q, param) => {
    expect(paramOf(q)).toBe(param);
  });
});
