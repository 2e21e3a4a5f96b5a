import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import type { Logger } from '@app/logging';

/** Never logged: answered by a Fastify hook for speed (nearby-direct.route.ts), benchmarked. */
const UNLOGGED = new Set(['/v1/spaces/nearby']);

/**
 * The request log: a route-level `onResponse` hook on every route but the unlogged ones, so
 * GET /v1/spaces/nearby runs no logging code at all. A response is written when it is a 5xx
 * (always) or drawn by `sample` (REQUEST_LOG_SAMPLE, 0..1). Fastify's own logger stays off: it
 * would build a child logger per request, nearby included.
 * Must be installed before the routes are registered (right after the adapter is made).
 */
export function installRequestLog(fastify: FastifyInstance, logger: Logger, sample: number): void {
  const log = logger.child({ context: 'http' });
  const hook: onResponseHookHandler = (req: FastifyRequest, reply: FastifyReply, done) => {
    const status = reply.statusCode;
    if (status >= 500 || (sample > 0 && (sample >= 1 || Math.random() < sample))) {
      const fields = {
        method: req.method,
        url: req.url,
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: req.ip,
      };
      if (status >= 500) log.error(fields, 'request failed');
      else log.info(fields, 'request');
    }
    done();
  };
  fastify.addHook('onRoute', (route) => {
    if (UNLOGGED.has(route.url)) return;
    const own = route.onResponse;
    route.onResponse =
      own === undefined ? [hook] : Array.isArray(own) ? [...own, hook] : [own, hook];
  });
}
