import { backoffMs, retrying } from './retry';
import { StoreRefusedError } from './store-errors';

describe('retrying', () => {
  it('backs off exponentially up to 1 s, with jitter between half and all of it', () => {
    expect(backoffMs(1, () => 0)).toBe(13);
    expect(backoffMs(1, () => 0.999999)).toBe(25);
    expect(backoffMs(3, () => 1)).toBe(100);
    expect(backoffMs(12, () => 0)).toBe(500);
    expect(backoffMs(12, () => 1)).toBe(1000);
  });

  it('retries transient failures until success', async () => {
    let n = 0;
    const errors: number[] = [];
    const v = await retrying(
      async () => {
        if (++n < 3) throw new Error('ECONNREFUSED');
        return 'ok';
      },
      { onError: (_e, attempt) => errors.push(attempt) },
    );
    expect(v).toBe('ok');
    expect(errors).toEqual([1, 2]);
  });

  it('never retries a refusal of the data itself', async () => {
    let n = 0;
    await expect(
      retrying(async () => {
        n++;
        throw new StoreRefusedError('22021: invalid byte sequence');
      }),
    ).rejects.toBeInstanceOf(StoreRefusedError);
    expect(n).toBe(1);
  });
});
