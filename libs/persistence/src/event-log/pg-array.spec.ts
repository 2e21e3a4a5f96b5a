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
});
