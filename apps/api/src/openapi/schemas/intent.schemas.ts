import { z } from 'zod';
import { dateTime, named } from './registry';

/** A declared intent's target and arrival (POST, and PUT/PATCH to move it). */
export const intentBodySchema = named(
  'IntentRequest',
  z
    .object({
      spaceId: z.string().min(1).max(64).optional().describe('the space the driver heads for'),
      lotId: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .describe('the lot, when heading for a lot rather than one space'),
      eta: dateTime().describe('expected arrival, RFC 3339 with an offset (now .. 3 h ahead)'),
    })
    .strict()
    .refine((b) => b.spaceId !== undefined || b.lotId !== undefined, {
      message: 'spaceId or lotId is required',
      path: ['spaceId'],
    }),
);

export const intentSchema = named(
  'Intent',
  z
    .object({
      id: z.string().describe('opaque, random; the only handle to move or cancel the intent'),
      spaceId: z.string().nullable(),
      lotId: z.string().nullable(),
      eta: dateTime(),
      expiresAt: dateTime().describe('ETA plus the margin; earlier when the space is taken'),
    })
    .meta({
      examples: [
        {
          id: 'bG90LWNvcmU.3q2-7wAAAAAAAAAAAAAAAAAA',
          spaceId: 'sp-0001',
          lotId: 'lot-core',
          eta: '2026-03-02T00:20:00.000Z',
          expiresAt: '2026-03-02T00:30:00.000Z',
        },
      ],
    }),
);

export const intentCancelledSchema = named(
  'IntentCancelled',
  z.object({ id: z.string(), cancelled: z.literal(true) }),
);

export const intentIdParams = z.object({ id: z.string() });
