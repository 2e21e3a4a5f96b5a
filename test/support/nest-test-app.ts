import type { LogLevel, ModuleMetadata, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '@app/config';
import { AccessGuard } from '../../apps/api/src/common/access.guard';
import { HttpExceptionFilter } from '../../apps/api/src/common/http-exception.filter';

export interface NestTestAppOptions {
  config: AppConfig;
  imports?: ModuleMetadata['imports'];
  controllers?: ModuleMetadata['controllers'];
  providers?: Provider[];
  /** Providers replaced by a value before compiling (e.g. a test clock). */
  overrides?: Array<{ provide: unknown; useValue: unknown }>;
  fastify?: ConstructorParameters<typeof FastifyAdapter>[0];
  logger?: LogLevel[];
  /** Runs after the module is compiled and before the app is initialised (seed data, OpenAPI). */
  beforeInit?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * The API's HTTP stack for a test: Fastify, the global fail-closed AccessGuard and the error
 * filter, as apps/api/src/bootstrap.ts sets them up, initialised and ready for `app.inject`.
 * The caller closes the app; a failed start closes what it opened.
 */
export async function createNestTestApp(o: NestTestAppOptions): Promise<NestFastifyApplication> {
  let builder = Test.createTestingModule({
    imports: [ConfigModule.forRoot(o.config), ...(o.imports ?? [])],
    controllers: o.controllers ?? [],
    providers: [{ provide: APP_GUARD, useClass: AccessGuard }, ...(o.providers ?? [])],
  });
  for (const { provide, useValue } of o.overrides ?? []) {
    builder = builder.overrideProvider(provide).useValue(useValue);
  }
  const mod = await builder.compile();
  const app = mod.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter(o.fastify),
    o.logger ? { logger: o.logger } : {},
  );
  try {
    app.useGlobalFilters(new HttpExceptionFilter());
    await o.beforeInit?.(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}
