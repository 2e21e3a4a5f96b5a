import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { MemoryLiveState } from '@app/live-store';
import { createApiApp } from '../apps/api/src/bootstrap';
import { OpenApiDocument } from '../apps/api/src/openapi/openapi-document';

/**
 * npm run openapi: writes docs/openapi.json, the document the API serves at /v1/openapi.json
 * (built from the controllers at boot), for the dashboard's generated types. Boots the API
 * application without listening, on the database of DATABASE_URL and an in-memory live state.
 */
async function main(): Promise<void> {
  const app = await createApiApp(loadConfig(), { live: new MemoryLiveState() });
  try {
    const doc = app.get(OpenApiDocument, { strict: false }).document;
    if (!doc) throw new Error('the API built no OpenAPI document');
    writeFileSync(
      join(__dirname, '..', 'docs', 'openapi.json'),
      JSON.stringify(doc, null, 2) + '\n',
    );
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
