import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpConfig } from '@app/config';

/**
 * CORS for browser clients served from another origin (a dashboard elsewhere): only the exact
 * origins configured in CORS_ORIGINS; nothing at all when the list is empty. Tokens travel in the
 * Authorization header, never in cookies, so credentials stay off.
 */
export function enableConfiguredCors(app: NestFastifyApplication, http: HttpConfig): void {
  if (http.corsOrigins.length === 0) return;
  app.enableCors({
    origin: http.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    credentials: false,
    maxAge: 600,
  });
}
