import { hashSecret, verifySecret } from './secret-hash';

describe('secret hashing', () => {
  const cheap = { N: 1024, r: 8, p: 1 };

  it('verifies the right secret and refuses a wrong one', () => {
    const h = hashSecret('gateway-secret-1', cheap);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(verifySecret('gateway-secret-1', h)).toBe(true);
    expect(verifySecret('gateway-secret-2', h)).toBe(false);
  });

  it('salts: the same secret hashes differently', () => {
    expect(hashSecret('x', cheap)).not.toBe(hashSecret('x', cheap));
  });

  it('refuses malformed hashes instead of throwing', () => {
    expect(verifySecret('x', 'plain')).toBe(false);
    expect(verifySecret('x', 'scrypt$a$b$c$d$e')).toBe(false);
    expect(verifySecret('x', 'scrypt$1024$8$1$AAAA$')).toBe(false);
  });
});
