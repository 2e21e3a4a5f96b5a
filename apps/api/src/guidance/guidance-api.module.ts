import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Clock, Guidance } from '@app/guidance';
import { LiveStoreModule } from '@app/live-store';
import { RateLimitGuard } from '../common/rate-limit.guard';
import { ReadinessController } from '../health/readiness.controller';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsService } from '../metrics/metrics.service';
import { DocsController } from '../openapi/docs.controller';
import { OpenApiController } from '../openapi/openapi.controller';
import { OpenApiDocument } from '../openapi/openapi-document';
import { SignsController } from '../signs/signs.controller';
import { StreamRegistry } from '../streams/stream-registry.service';
import { StreamsController } from '../streams/streams.controller';
import { forecastProviders } from '../forecast/forecast-providers';
import { PriceSuggestionsController } from '../forecast/price-suggestions.controller';
import { guidanceProviders } from './guidance-providers';
import { GuidanceRuntime } from './guidance-runtime.service';
import { IntentRateLimit } from './intent-rate-limit';
import { IntentsController } from './intents.controller';
import { LotsController } from './lots.controller';
import { NearbyDirectRoute } from './nearby-direct.route';
import { SpacesController } from './spaces.controller';

/**
 * Drivers, signs, streams and the operational endpoints (readiness, metrics, OpenAPI and its UI at /docs).
 * Needs the global PersistenceModule (DataSource) from the app.
 */
@Module({
  imports: [LiveStoreModule],
  controllers: [
    SpacesController,
    LotsController,
    IntentsController,
    SignsController,
    StreamsController,
    ReadinessController,
    MetricsController,
    OpenApiController,
    DocsController,
    PriceSuggestionsController,
  ],
  providers: [
    ...guidanceProviders,
    ...forecastProviders,
    GuidanceRuntime,
    StreamRegistry,
    RateLimitGuard,
    IntentRateLimit,
    { provide: APP_GUARD, useExisting: RateLimitGuard },
    MetricsService,
    NearbyDirectRoute,
    OpenApiDocument,
  ],
  exports: [OpenApiDocument, Guidance, Clock, StreamRegistry],
})
export class GuidanceApiModule {}
