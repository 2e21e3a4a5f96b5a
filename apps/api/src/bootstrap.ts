import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigModule } from '@app/config';
import { Module } from '@nestjs/common';
import { AppModule } from './app.module';
import { enableConfiguredCors } from './common/cors';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { attachOpenApi } from './openapi/openapi.setup';

/** Builds the API application (used by main.ts and by e2e tests). */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  @Module({ imports: [ConfigModule.forRoot(config), AppModule] })
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
