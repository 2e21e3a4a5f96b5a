import type { z } from 'zod';
import { DomainError } from '@app/domain';

/** Validates a request part at the edge; a bad field gives 400 naming it. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const param = issue.path.join('.') || '(body)';
  throw new DomainError('bad_request', `${param}: ${issue.message}`, { param });
}
