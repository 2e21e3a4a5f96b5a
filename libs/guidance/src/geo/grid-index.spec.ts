import fc from 'fast-check';
import { distanceM } from './geo';
import { GridIndex } from './grid-index';

const BASE = { lat: 31.23, lon: 121.47 };

describe('GridIndex', () => {
  it('returns exactly the nearest points within the radius, in order (vs brute force)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -0.03, max: 0.03 }), fc.double({ min: -0.03, max: 0.03 })),
          {
            maxLength: 300,
          },
        ),
        fc.tuple(fc.double({ min: -0.03, max: 0.03 }), fc.double({ min: -0.03, max: 0.03 })),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 40, max: 300 }),
        (pts, [qa, qo], radius, limit, cell) => {
          const grid = new GridIndex(cell, BASE.lat);
          pts.forEach(([a, o], i) => grid.insert(i, BASE.lat + a, BASE.lon + o));
          const q = { lat: BASE.lat + qa, lon: BASE.lon + qo };
          const got: [number, number][] = [];
          grid.search(q.lat, q.lon, radius, limit, (id, d) => (got.push([id, d]), true));
          const want = pts
            .map(([a, o], i) => [i, distanceM(q.lat, q.lon, BASE.lat + a, BASE.lon + o)] as const)
            .filter(([, d]) => d <= radius)
            .sort((x, y) => x[1] - y[1])
            .slice(0, limit);
          expect(got.map(([, d]) => d)).toEqual(want.map(([, d]) => d));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches a brute-force scan with refusals, removals, radius limits and far points', () => {
    const offset = fc.tuple(
      fc.double({ min: -0.05, max: 0.05 }),
      fc.double({ min: -0.05, max: 0.05 }),
    );
    fc.assert(
      fc.property(
        fc.array(offset, { maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        offset,
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 2, max: 5 }),
        (pts, removed, [qa, qo], radius, limit, cell, refuseEvery) => {
          const grid = new GridIndex(cell, BASE.lat + 0.02);
          pts.forEach(([a, o], i) => grid.insert(i, BASE.lat + a, BASE.lon + o));
          grid.insert(pts.length, -BASE.lat, BASE.lon - 180); // far away, folds onto nearby cells
          const gone = new Set(removed.filter((i) => i < pts.length));
          gone.forEach((i) => grid.remove(i));
          const q = { lat: BASE.lat + qa, lon: BASE.lon + qo };
          const refused = (id: number) => id % refuseEvery === 0;
          const got: [number, number][] = [];
          grid.search(q.lat, q.lon, radius, limit, (id, d) => !refused(id) && !!got.push([id, d]));
          const want = pts
            .map(([a, o], i) => [i, distanceM(q.lat, q.lon, BASE.lat + a, BASE.lon + o)] as const)
            .filter(([i, d]) => d <= radius && !gone.has(i) && !refused(i))
            .sort((x, y) => x[1] - y[1])
            .slice(0, limit);
          expect(got.map(([, d]) => d)).toEqual(want.map(([, d]) => d));
          // the same ids, ties at the cut-off distance aside
          const last = want.length ? want[want.length - 1][1] : 0;
          const ids = (l: readonly (readonly [number, number])[]) =>
            l
              .filter(([, d]) => d < last)
              .map(([i]) => i)
              .sort((x, y) => x - y);
          expect(ids(got)).toEqual(ids(want));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps offering points until enough are accepted, skipping refused ones', () => {
    const grid = new GridIndex(100, BASE.lat);
    for (let i = 0; i < 50; i++) grid.insert(i, BASE.lat + i * 0.0001, BASE.lon);
    const got: number[] = [];
    grid.search(BASE.lat, BASE.lon, 1000, 5, (id) => {
      if (id % 2 === 0) return false;
      got.push(id);
      return true;
    });
    expect(got).toEqual([1, 3, 5, 7, 9]);
  });

  it('moves and removes points', () => {
    const grid = new GridIndex(150, BASE.lat);
    grid.insert(1, BASE.lat, BASE.lon);
    grid.insert(2, BASE.lat + 0.001, BASE.lon);
    grid.insert(1, BASE.lat + 0.01, BASE.lon);
    expect(grid.size).toBe(2);
    grid.remove(2);
    grid.remove(2);
    expect(grid.size).toBe(1);
    const got: number[] = [];
    grid.search(BASE.lat, BASE.lon, 500, 10, (id) => (got.push(id), true));
    expect(got).toEqual([]);
    grid.search(BASE.lat, BASE.lon, 2000, 10, (id) => (got.push(id), true));
    expect(got).toEqual([1]);
  });
});
