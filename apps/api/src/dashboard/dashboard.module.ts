import { Module } from '@nestjs/common';
import { GuidanceApiModule } from '../guidance/guidance-api.module';
import { DashboardApiController } from './dashboard-api.controller';
import { DashboardFiles } from './dashboard-files.service';
import { DashboardStaticController } from './dashboard-static.controller';

/**
 * The web dashboard (docs/dashboard.md): its built files at /dashboard/ and the small
 * dashboard-only API (/v1/dashboard/config, /v1/dashboard/lots). The one import line in AppModule.
 */
@Module({
  imports: [GuidanceApiModule],
  controllers: [DashboardApiController, DashboardStaticController],
  providers: [DashboardFiles],
})
export class DashboardModule {}
