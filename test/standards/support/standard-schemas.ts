import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const ROOT = join(__dirname, '..', '..', '..', 'data', 'standards');
const SDM_COMMON = 'https://smart-data-models.github.io/data-models/common-schema.json';

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * The DATEX II v3 D2Payload schema (draft-04). The files reference each other by file name
 * (`DATEXII_3_Common.json#/...`): each is added under that name, so every $ref resolves locally.
 */
export function datexValidator(): ValidateFunction {
  const ajv = new Ajv04({ allErrors: false, strict: false });
  addFormats(ajv);
  const dir = join(ROOT, 'datex2-v3');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    ajv.addSchema(readJson(join(dir, f)), f);
  }
  return ajv.getSchema('DATEXII_3_D2Payload.json')!;
}

export type SmartDataModel =
  'OffStreetParking' | 'OnStreetParking' | 'ParkingSpot' | 'ParkingGroup';

/**
 * The Smart Data Models Parking schemas (draft 2020-12), with the common schema they reference
 * by URL served from the local copy (never fetched).
 */
export function smartDataModelValidators(): Record<SmartDataModel, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  const dir = join(ROOT, 'smart-data-models-parking');
  ajv.addSchema({ ...readJson(join(dir, 'common-schema.json')), $id: SDM_COMMON });
  const compile = (m: SmartDataModel) => ajv.compile(readJson(join(dir, m, 'schema.json')));
  return {
    OffStreetParking: compile('OffStreetParking'),
    OnStreetParking: compile('OnStreetParking'),
    ParkingSpot: compile('ParkingSpot'),
    ParkingGroup: compile('ParkingGroup'),
  };
}

/** A readable first error, for expect messages. */
export function firstError(v: ValidateFunction): string {
  const e = v.errors?.[0];
  return e ? `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}` : '';
}
