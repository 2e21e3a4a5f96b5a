import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigModule } from '@app/config';
import { Module } from '@nestjs/common';
import { LiveStoreModule, MemoryLiveState } from '@app/live-store';
import { createLogger, Logger, PinoNestLogger } from '@app/logging';
import { AppModule } from './app.module';
import { enableConfiguredCors } from './common/cors';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { installRequestLog } from './common/request-log';
import { attachOpenApi } from './openapi/openapi.setup';

export interface ApiAppOptions {
  /** Live state in this process (one-process profile) instead of Redis. */
  live?: MemoryLiveState;
  /** The process's logger (default: one from the config; warnings only when NODE_ENV=test). */
  logger?: Logger;
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

  const logger =
    opts.logger ??
    createLogger({
      app: 'api',
      level: config.env === 'test' ? 'warn' : config.logging.level,
      pretty: config.logging.pretty,
    });
  const adapter = new FastifyAdapter({
    trustProxy: config.http.trustProxy,
    bodyLimit: 64 * 1024 * 1024,
    // off: the request log below writes to the process's pino logger, sampled, never on nearby
    logger: false,
  });
  installRequestLog(adapter.getInstance(), logger, config.logging.requestSample);
  const app = await NestFactory.create<NestFastifyApplication>(RootModule, adapter, {
    logger: new PinoNestLogger(logger),
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  enableConfiguredCors(app, config.http);
  app.enableShutdownHooks();
  attachOpenApi(app);
  return app;
}
