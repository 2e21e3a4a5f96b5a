import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { AdminModule } from './admin/admin.module';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './common/access.guard';
import { DashboardModule } from './dashboard/dashboard.module';
import { GuidanceApiModule } from './guidance/guidance-api.module';
import { HealthController } from './health/health.controller';
import { IngestHttpModule } from './ingest/ingest-http.module';
import { PoliceModule } from './police/police.module';
import { ReportsModule } from './reports/reports.module';
import { PublicationsApiModule } from './publications/publications-api.module';

// Feature modules are added to `imports` (one line each).
@Module({
  imports: [
    PersistenceModule,
    AdminModule,
    PoliceModule,
    GuidanceApiModule,
    IngestHttpModule,
    DashboardModule,
    ReportsModule,
    PublicationsApiModule,
  ],
  controllers: [HealthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class AppModule {}
