import { Module } from '@nestjs/common';
import { Guidance } from '@app/guidance';
import { Publications } from '@app/publications';
import { GuidanceApiModule } from '../guidance/guidance-api.module';
import { DatexController } from './datex.controller';
import { GeoJsonController } from './geojson.controller';
import { NgsiLdController } from './ngsi-ld.controller';

/** DATEX II, NGSI-LD and GeoJSON publications over guidance's replica (docs/standards.md). */
@Module({
  imports: [GuidanceApiModule],
  controllers: [DatexController, NgsiLdController, GeoJsonController],
  providers: [
    {
      provide: Publications,
      inject: [Guidance],
      useFactory: (guidance: Guidance) => new Publications(guidance),
    },
  ],
})
export class PublicationsApiModule {}
