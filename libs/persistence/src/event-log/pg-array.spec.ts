import { Client } from 'pg';
import { boolArray, numberArray, textArray } from './pg-array';

describe('PostgreSQL array literals', () => {
  it('builds literals in the text array syntax', () => {
    expect(textArray(['a', null, 'NULL', 'x"y', 'b\\c', ''])).toBe(
      '{"a",NULL,"NULL","x\\"y","b\\\\c",""}',
    );
    expect(numberArray([1, null, -2.5, 1764430000000])).toBe('{1,NULL,-2.5,1764430000000}');
    expect(boolArray([true, false])).toBe('{t,f}');
    expect(textArray([])).toBe('{}');
  });

  it('round-trips awkward values through the real server', async () => {
    const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
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
