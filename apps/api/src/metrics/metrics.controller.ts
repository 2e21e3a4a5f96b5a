import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /**
   * Admin only: the scraper sends `Authorization: Bearer <ADMIN_TOKEN>` (Prometheus
   * `authorization.credentials`), so the public port exposes no internals. With
   * `HTTP_WORKERS > 1` any worker answers with every worker's series (label `worker`).
   */
  @Access('admin')
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiDoc({
    summary: 'Prometheus metrics (admin bearer token)',
    text: 'Prometheus text exposition format 0.0.4',
  })
  metricsText(): Promise<string> {
    return this.metrics.scrape.text();
  }
}
