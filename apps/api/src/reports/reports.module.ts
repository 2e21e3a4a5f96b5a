import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PersistenceModule, PgReportQueries, PgSessionHistory } from '@app/persistence';
import { ReportService, WhatIfService } from '@app/enforcement';
import { DataSource } from 'typeorm';
import { ReportsController } from './reports.controller';
import { WhatIfController } from './what-if.controller';

/** Zone reports (police, operators) and the what-if rule replay (operators). */
@Module({
  imports: [PersistenceModule],
  controllers: [ReportsController, WhatIfController],
  providers: [
    {
      provide: ReportService,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new ReportService(new PgReportQueries(ds)),
    },
    {
      provide: WhatIfService,
      inject: [DataSource, AppConfig],
      useFactory: (ds: DataSource, c: AppConfig) =>
        new WhatIfService(new PgSessionHistory(ds), {
          graceMin: c.enforcement.graceMin,
          flagStartInsideRestricted: c.enforcement.flagStartInsideRestricted,
        }),
    },
  ],
})
export class ReportsModule {}
