import { z } from 'zod';
import { CityFile, cityFileSchema } from './city-file.schema';
import { CityFileInvalidError, CityFileIssue } from './city-file.issue';
import { CityReferenceChecker } from './city-references';
import { toJsonPath } from './json-path';

export type CityValidation =
  { ok: true; city: CityFile; errors: [] } | { ok: false; errors: CityFileIssue[] };

function schemaIssues(error: z.ZodError): CityFileIssue[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown field(s): ${i.keys.join(', ')}`;
    return { path: toJsonPath(i.path), message };
  });
}

/**
 * Validates a whole city file: the schema (shapes, ranges, time windows) and every
 * cross-reference (unknown ids, duplicates, capacity, sensor bindings). Every problem is
 * reported, each located by a JSON path.
 */
export function validateCityFile(input: unknown): CityValidation {
  const parsed = cityFileSchema.safeParse(input);
  const errors = parsed.success ? [] : schemaIssues(parsed.error);
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    errors.push(...new CityReferenceChecker(input as Record<string, unknown>).check());
  }
  if (parsed.success && errors.length === 0) return { ok: true, city: parsed.data, errors: [] };
  return { ok: false, errors };
}

/** Like validateCityFile but throws CityFileInvalidError (HTTP 422 through the API filter). */
export function parseCityFile(input: unknown): CityFile {
  const v = validateCityFile(input);
  if (!v.ok) throw new CityFileInvalidError(v.errors);
  return v.city;
}
