import { ArgError, Args, type OptionSpec } from './args';

const SPEC: OptionSpec = {
  spaces: 'string',
  speed: 'string',
  quiet: 'boolean',
  'final-sync': 'boolean',
  duration: 'string',
  window: 'string',
  lon: 'string',
};

describe('Args', () => {
  it('reads values, flags, negations and durations', () => {
    const a = Args.parse(
      ['--spaces', '500', '--speed=max', '--quiet', '--no-final-sync', '--duration', '2h', 'x'],
      SPEC,
    );
    expect(a.number('spaces', 1)).toBe(500);
    expect(a.string('speed')).toBe('max');
    expect(a.bool('quiet', false)).toBe(true);
    expect(a.bool('final-sync', true)).toBe(false);
    expect(a.duration('duration', 0)).toBe(7_200_000);
    expect(a.duration('window', 1000)).toBe(1000);
    expect(a.positional).toEqual(['x']);
    expect(a.help).toBe(false);
  });

  it('keeps the older forms: a negative value after its option, --flag=false', () => {
    const a = Args.parse(['--lon', '-73.9', '--quiet=false', '--final-sync=1'], SPEC);
    expect(a.number('lon', 0)).toBe(-73.9);
    expect(a.bool('quiet', true)).toBe(false);
    expect(a.bool('final-sync', false)).toBe(true);
  });

  it('declares --help and -h for every command', () => {
    expect(Args.parse(['--help'], SPEC).help).toBe(true);
    expect(Args.parse(['-h'], {}).help).toBe(true);
  });

  it('names the bad or unknown option', () => {
    expect(() => Args.parse(['--spaces', 'many'], SPEC).number('spaces', 1)).toThrow('--spaces');
    expect(() => Args.parse(['--duration', '2 weeks'], SPEC).duration('duration', 1)).toThrow(
      ArgError,
    );
    expect(() => Args.parse(['--sapces', '3'], SPEC)).toThrow(ArgError);
    expect(() => Args.parse(['--sapces', '3'], SPEC)).toThrow('--sapces');
    expect(() => Args.parse(['--quiet=maybe'], SPEC)).toThrow('--quiet');
    expect(() => Args.parse(['--speed'], SPEC)).toThrow('--speed');
  });
});
