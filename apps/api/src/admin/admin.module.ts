import { Module } from '@nestjs/common';
import { CityService, CityStore } from '@app/city';
import { PgCityStore } from '@app/persistence';
import { CityAdminController } from './city-admin.controller';

@Module({
  controllers: [CityAdminController],
  providers: [CityService, { provide: CityStore, useClass: PgCityStore }],
})
export class AdminModule {}
