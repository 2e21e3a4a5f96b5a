import { createHash } from 'node:crypto';
import type { Publisher } from '../publisher';

export const DATEX_VERSION = '3.5';
export const DATEX_MODEL_BASE_VERSION = '3';

/** Name of the extension object carried where DATEX II has no element for our data. */
export const EXTENSION = 'smartParking';

export function multilingual(lang: string, value: string) {
  return { values: [{ lang, value }] };
}

export function facilityRef(idG: string, versionG: string) {
  return { targetClass: 'FacilityObject', idG, versionG };
}

export function creator(p: Publisher) {
  return { country: p.country, nationalIdentifier: p.nationalIdentifier };
}

/** A short stable version string of some content (DATEX `versionG`). */
export function contentVersion(content: unknown): string {
  return createHash('sha1').update(JSON.stringify(content)).digest('hex').slice(0, 12);
}

/** The D2Payload envelope of one payload publication (DATEX II v3 JSON encoding). */
export function d2Payload(key: string, publication: object) {
  return {
    payload: {
      modelBaseVersionG: DATEX_MODEL_BASE_VERSION,
      versionG: DATEX_VERSION,
      [key]: publication,
    },
  };
}
