import { Module } from '@nestjs/common';
import { PersistenceModule, PgPoliceQueries, PgViolationRepository } from '@app/persistence';
import { LiveStore, LiveStoreModule } from '@app/live-store';
import { CaseService, PoliceDashboardService, ViolationRepository } from '@app/enforcement';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { PoliceController } from './police.controller';

/** Police and operator API plus staff login (the one import line in AppModule). */
@Module({
  imports: [PersistenceModule, LiveStoreModule, AuthModule],
  controllers: [PoliceController],
  providers: [
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
      provide: PoliceDashboardService,
      inject: [DataSource, LiveStore],
      useFactory: (ds: DataSource, live: LiveStore) =>
        new PoliceDashboardService(new PgPoliceQueries(ds), live),
    },
  ],
})
export class PoliceModule {}
