import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createIngestRuntime, IngestRuntime } from '@app/persistence/event-log';

export const INGEST_RUNTIME = Symbol('INGEST_RUNTIME');

export const ingestRuntimeProvider = {
  provide: INGEST_RUNTIME,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Promise<IngestRuntime> => {
    const logger = new Logger('ingest-http');
    return createIngestRuntime(
      { ...config, db: { ...config.db, poolSize: Math.min(config.db.poolSize, 4) } },
      { name: 'api-ingest', onError: (err) => logger.warn(String(err)) },
    );
  },
};

/** Closes the ingest connections when the API stops. */
@Injectable()
export class IngestRuntimeCloser implements OnApplicationShutdown {
  constructor(@Inject(INGEST_RUNTIME) private readonly rt: IngestRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.rt.close();
  }
}
