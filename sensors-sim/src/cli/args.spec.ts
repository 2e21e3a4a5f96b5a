import { ArgError, Args } from './args';

describe('Args', () => {
  it('reads values, flags, negations and durations', () => {
    const a = new Args([
      '--spaces',
      '500',
      '--speed=max',
      '--quiet',
      '--no-final-sync',
      '--duration',
      '2h',
      'x',
    ]);
    expect(a.number('spaces', 1)).toBe(500);
    expect(a.string('speed')).toBe('max');
    expect(a.bool('quiet', false)).toBe(true);
    expect(a.bool('final-sync', true)).toBe(false);
    expect(a.duration('duration', 0)).toBe(7_200_000);
    expect(a.duration('window', 1000)).toBe(1000);
    expect(a.positional).toEqual(['x']);
    expect(() => a.rejectUnknown()).not.toThrow();
  });

  it('names the bad or unknown option', () => {
    expect(() => new Args(['--spaces', 'many']).number('spaces', 1)).toThrow('--spaces');
    expect(() => new Args(['--duration', '2 weeks']).duration('duration', 1)).toThrow(ArgError);
    const a = new Args(['--sapces', '3']);
    a.number('spaces', 1);
    expect(() => a.rejectUnknown()).toThrow('--sapces');
  });
});
