import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_DOC_KEY = 'openapi:doc';

/** One Server-Sent Event an SSE route sends: `event: <name>` and JSON `data`. */
export interface SseEventDoc {
  name: string;
  data: z.ZodType;
  description: string;
}

/**
 * What the OpenAPI document says about a route (openapi.setup.ts builds it). The security
 * requirement and the auth/rate-limit error answers are not written here: they are derived
 * from the route's access decision (@Public / @Access) and @SkipRateLimit, as the guards do.
 */
export interface ApiDocSpec {
  summary: string;
  description?: string;
  tags?: string[];
  /** Path parameters (default: plain strings). */
  params?: z.ZodObject;
  /** Query string, as the route validates it (input types: integers, bounds, defaults). */
  query?: z.ZodObject;
  /** JSON request body. */
  body?: z.ZodType;
  /** JSON answer of the success status (a named schema of schemas/). */
  response?: z.ZodType;
  /** A text/plain answer instead (its description). */
  text?: string;
  /** A text/event-stream answer: the events it sends. */
  sse?: SseEventDoc[];
  /** Error statuses the handler itself can answer beyond those derived (404, 409, 422, 503...). */
  errors?: number[];
  /** Other answers with their own body (e.g. readiness 503 with its checks). */
  others?: Array<{ status: number; description: string; response: z.ZodType }>;
}

export const ApiDoc = (spec: ApiDocSpec) => SetMetadata(API_DOC_KEY, spec);
