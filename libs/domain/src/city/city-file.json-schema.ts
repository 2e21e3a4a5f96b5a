import { z } from 'zod';
import { cityFileSchema } from './city-file.schema';

/**
 * The JSON Schema (draft 2020-12) of the city file as an author writes it (fields with defaults
 * are optional). Cross-references and date-order checks are not expressible here; the importer
 * checks them. Committed as docs/city-file.schema.json (npm run city:schema).
 */
export function cityFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(cityFileSchema, {
      io: 'input',
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }),
    $id: 'https://smart-parking.example/schemas/city-file.v1.json',
    title: 'City file v1',
  };
}
