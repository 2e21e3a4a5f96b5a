import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LiveStoreModule } from '@app/live-store';
import { PersistenceModule } from '@app/persistence';
import type { FastifyInstance } from 'fastify';
import { GatewayAuthGuard } from './gateway-auth.guard';
import { IngestController } from './ingest.controller';
import { IngestRuntimeCloser, ingestRuntimeProvider } from './ingest-runtime.provider';
import { registerRawIngestBody } from './raw-ingest-body';

/** `POST /v1/ingest/events` (docs/ingest.md). */
@Module({
  imports: [PersistenceModule, LiveStoreModule],
  controllers: [IngestController],
  providers: [ingestRuntimeProvider, IngestRuntimeCloser, GatewayAuthGuard],
})
export class IngestHttpModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    registerRawIngestBody(this.host.httpAdapter.getInstance<FastifyInstance>());
  }
}
