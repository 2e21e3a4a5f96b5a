import { StoreRefusedError, StoreUnavailableError } from '@app/ingestion';
import { classifyPgError } from './pg-failure';

const pgError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('classifyPgError', () => {
  it.each(['22021', '22P02', '23505', '54001', '42804'])('%s: refused for good', (code) => {
    const e = classifyPgError(pgError(code, 'invalid byte sequence'));
    expect(e).toBeInstanceOf(StoreRefusedError);
    expect((e as StoreRefusedError).detail).toContain(code);
  });

  it.each([
    ['08006', 'unavailable'],
    ['57P01', 'unavailable'],
    ['57014', 'timeout'],
    ['40001', 'conflict'],
    ['40P01', 'conflict'],
    ['53300', 'resources'],
    ['42P01', 'other'],
  ])('%s: transient (%s)', (code, kind) => {
    const e = classifyPgError(pgError(code));
    expect(e).toBeInstanceOf(StoreUnavailableError);
    expect((e as StoreUnavailableError).kind).toBe(kind);
  });

  it('network errors without SQLSTATE are transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyPgError(refused)).toBeInstanceOf(StoreUnavailableError);
    expect(classifyPgError(new Error('Connection terminated unexpectedly'))).toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('an encoding failure before sending (too deep to serialise) is refused', () => {
    expect(classifyPgError(new RangeError('Maximum call stack size exceeded'))).toBeInstanceOf(
      StoreRefusedError,
    );
  });
});
