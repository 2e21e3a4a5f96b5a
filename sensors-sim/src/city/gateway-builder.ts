import type { CityFile } from '@app/domain';
import { hashSecret } from '@app/security';
import { Prng } from '../random/prng';
import type { CityOptions } from './city-options';
import { pad } from './geo';

/** Gateways with scrypt-hashed secrets; salts and secrets derive from the seed. */
export function makeGateways(
  o: CityOptions,
  count: number,
): Pick<CityFile, 'gateways'> & { secrets: Record<string, string> } {
  const rng = Prng.derive(o.seed, 'gateway-secrets');
  const secrets: Record<string, string> = {};
  const digits = String(count).length;
  const gateways = Array.from({ length: count }, (_, i) => {
    const id = `GW-${pad(i + 1, digits)}`;
    const secret = `gws_${rng.hex(16)}`;
    secrets[id] = secret;
    const salt = Buffer.from(rng.bytes(16));
    return { id, name: `Gateway ${i + 1}`, secretHash: hashSecret(secret, o.scrypt, salt) };
  });
  return { gateways, secrets };
}
