import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './common/access.guard';
import { HealthController } from './health/health.controller';

// Feature modules are added to `imports` (one line each).
@Module({
  imports: [],
  controllers: [HealthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class AppModule {}
