import { z } from 'zod';

/** Named schemas of the OpenAPI document (`#/components/schemas/<id>`). */
export const apiSchemas = z.registry<{ id: string }>();

/** Registers a schema under a component name and returns it (for use in other schemas). */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  apiSchemas.add(schema, { id });
  return schema;
}

/** An RFC 3339 instant as the API writes it (`toISOString()`), or as a client may send it. */
export const dateTime = () => z.string().meta({ format: 'date-time' });
export const id64 = () => z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);
export const count = () => z.int().min(0);

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'rate_limited',
  'internal_error',
  'unavailable',
] as const;

/** The one error body of every 4xx/5xx (common/http-exception.filter.ts). */
export const errorSchema = named(
  'Error',
  z
    .object({
      error: z.enum(ERROR_CODES).describe('machine-readable code'),
      message: z.string().describe('human text; never echoes a driver-supplied value'),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('e.g. `{param}` for a bad parameter, `{reason}` for a refused ingest message'),
    })
    .meta({
      description: 'Error body of every 4xx/5xx answer',
      examples: [
        {
          error: 'bad_request',
          message: 'radius: must be greater than 0 and at most 5000',
          details: { param: 'radius' },
        },
      ],
    }),
);

/** Which error code each status carries (the filter's mapping). */
export const ERROR_FOR_STATUS: Record<number, { code: string; description: string }> = {
  400: {
    code: 'bad_request',
    description: 'A bad parameter or body field (named in `message` and `details.param`)',
  },
  401: { code: 'unauthorized', description: 'Credentials missing or not recognised' },
  403: { code: 'forbidden', description: 'Credentials valid but not allowed here' },
  404: { code: 'not_found', description: 'Unknown id, or outside the caller’s zones' },
  409: {
    code: 'conflict',
    description: 'The resource changed meanwhile or the transition is not allowed',
  },
  413: { code: 'payload_too_large', description: 'Body larger than the route accepts' },
  422: {
    code: 'validation_failed',
    description: 'The body was read but refused (details say why)',
  },
  429: {
    code: 'rate_limited',
    description: 'Too many requests from this client; see `Retry-After`',
  },
  500: { code: 'internal_error', description: 'Unexpected server error' },
  503: { code: 'unavailable', description: 'A store the answer needs is unavailable; retry later' },
};
