/** @needs postgres (test/support/services.js) */
import { Client } from 'pg';
import { boolArray, numberArray, textArray } from '../../libs/persistence/src/event-log/pg-array';
import { pgAdminUrl } from '../support/test-services';

/** The literal builders (unit-tested in pg-array.spec.ts) against the real server's parser. */
describe('PostgreSQL array literals on the server', () => {
  it('round-trips awkward values through the real server', async () => {
    const c = new Client({ connectionString: pgAdminUrl() });
    await c.connect();
    try {
      const texts = [
        'plain',
        'NULL',
        'null',
        'q"uote',
        'back\\slash',
        '{br,ace}',
        ' sp ',
        '',
        '{"j":[1,"x"]}',
        '雪',
      ];
      const nums = [0, -1, 3.25, 4294967295, 1764430000000, null];
      const res = await c.query<{ t: (string | null)[]; n: (string | null)[]; b: boolean[] }>(
        'SELECT $1::text[] AS t, $2::float8[]::text[] AS n, $3::bool[] AS b',
        [textArray([...texts, null]), numberArray(nums), boolArray([true, false, true])],
      );
      expect(res.rows[0].t).toEqual([...texts, null]);
      expect(res.rows[0].n.map((x) => (x === null ? null : Number(x)))).toEqual(nums);
      expect(res.rows[0].b).toEqual([true, false, true]);
    } finally {
      await c.end();
    }
  });
});
