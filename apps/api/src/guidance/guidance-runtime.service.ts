import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  CityCatalogSource,
  IntentSync,
  LiveReplica,
  LiveStateSource,
  ReplicaSync,
} from '@app/guidance';

/** Starts and stops the replica's synchronisation with the city tables and the live store. */
@Injectable()
export class GuidanceRuntime implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('guidance');
  readonly sync: ReplicaSync;

  constructor(
    replica: LiveReplica,
    live: LiveStateSource,
    private readonly city: CityCatalogSource,
    private readonly intents: IntentSync,
  ) {
    this.sync = new ReplicaSync(replica, live, city, { warn: (m) => this.logger.warn(m) });
  }

  async onModuleInit(): Promise<void> {
    await this.sync.start();
    if (!this.sync.synced) this.logger.warn('live snapshot not loaded yet; not ready');
    await this.intents.start().catch((err: unknown) => {
      this.logger.warn(`intent channel not subscribed: ${String(err)}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.sync.stop();
    await this.intents.stop();
    await this.city.close();
  }
}
