import type { FastifyInstance } from 'fastify';

export const INGEST_PATH = '/v1/ingest/events';
const RAW_TYPE = 'application/x-parking-ingest-raw';

/**
 * The ingest route needs the raw bytes (size limit, malformed JSON stored as a rejection with
 * its first 4 KiB), so its JSON body is routed to a buffer parser of a private content type.
 * Other routes are untouched.
 */
export function registerRawIngestBody(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    RAW_TYPE,
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );
  fastify.addHook('onRequest', (req, _reply, done) => {
    if (req.method === 'POST' && req.url.split('?')[0] === INGEST_PATH) {
      req.headers['content-type'] = RAW_TYPE;
    }
    done();
  });
}
