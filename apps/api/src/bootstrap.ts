import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigModule } from '@app/config';
import { Module } from '@nestjs/common';
import { LiveStoreModule, MemoryLiveState } from '@app/live-store';
import { AppModule } from './app.module';
import { enableConfiguredCors } from './common/cors';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { attachOpenApi } from './openapi/openapi.setup';

export interface ApiAppOptions {
  /** Live state in this process (one-process profile) instead of Redis. */
  live?: MemoryLiveState;
}

/** Builds the API application (used by main.ts, by e2e tests and by the one-process profile). */
export async function createApiApp(
  config: AppConfig,
  opts: ApiAppOptions = {},
): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      LiveStoreModule.forRoot({ memory: opts.live }),
      AppModule,
    ],
  })
  class RootModule {}

  const adapter = new FastifyAdapter({
    trustProxy: config.http.trustProxy,
    bodyLimit: 64 * 1024 * 1024,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(RootModule, adapter, {
    logger: config.env === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  enableConfiguredCors(app, config.http);
  app.enableShutdownHooks();
  attachOpenApi(app);
  return app;
}
