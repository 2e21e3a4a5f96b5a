import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import { Public } from '../common/public.decorator';
import { SkipRateLimit } from '../common/rate-limit.decorator';
import { OpenApiDocument } from './openapi-document';

@ApiExcludeController()
@Controller('v1')
export class OpenApiController {
  constructor(private readonly holder: OpenApiDocument) {}

  /** Public: the API description is what client developers build against. */
  @Public()
  @SkipRateLimit()
  @Get('openapi.json')
  openapi() {
    if (!this.holder.document) throw new DomainError('unavailable', 'OpenAPI document not built');
    return this.holder.document;
  }
}
