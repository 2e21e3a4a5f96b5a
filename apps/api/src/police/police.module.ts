import { Module } from '@nestjs/common';
import {
  PersistenceModule,
  PgPoliceQueries,
  PgViolationRepository,
  ReadDataSource,
} from '@app/persistence';
import { LiveStore, LiveStoreModule } from '@app/live-store';
import {
  CaseService,
  PoliceDashboardService,
  PublicLotCounts,
  PublicLotNow,
  ViolationRepository,
} from '@app/enforcement';
import { Clock, Guidance } from '@app/guidance';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { GuidanceApiModule } from '../guidance/guidance-api.module';
import { PoliceController } from './police.controller';
import { ViolationStreamController } from './violation-stream.controller';
import { ViolationStreamService } from './violation-stream.service';

/** Police and operator API plus staff login (the one import line in AppModule). */
@Module({
  imports: [PersistenceModule, LiveStoreModule, AuthModule, GuidanceApiModule],
  controllers: [PoliceController, ViolationStreamController],
  providers: [
    ViolationStreamService,
    {
      provide: ViolationRepository,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new PgViolationRepository(ds),
    },
    {
      provide: CaseService,
      inject: [ViolationRepository],
      useFactory: (v: ViolationRepository) => new CaseService(v),
    },
    {
      provide: PublicLotCounts,
      inject: [Guidance, Clock],
      useFactory: (g: Guidance, clock: Clock): PublicLotCounts => ({
        lots: (lotIds) => {
          if (!g.replica.ready) return null;
          const now = clock.now();
          const out: PublicLotNow[] = [];
          for (const id of lotIds) {
            if (!g.replica.spaces.lotIndex.has(id)) continue;
            const v = g.lots.view(id, now);
            const { free, occupied, unknown, reserved, status } = v;
            out.push({ lotId: id, free, occupied, unknown, reserved, status });
          }
          return out;
        },
      }),
    },
    {
      provide: PoliceDashboardService,
      // dashboard and report queries read from the replica when DATABASE_READ_URL is set
      inject: [ReadDataSource, LiveStore, PublicLotCounts],
      useFactory: (read: ReadDataSource, live: LiveStore, counts: PublicLotCounts) =>
        new PoliceDashboardService(new PgPoliceQueries(read.ds), live, Date.now, counts),
    },
  ],
})
export class PoliceModule {}
