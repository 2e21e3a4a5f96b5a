import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { AbortedError, MessageResult } from '@app/ingestion';
import { Access } from '../common/public.decorator';
import { GatewayAuthGuard, GatewayRequest } from './gateway-auth.guard';
import { ApiIngestRuntime, INGEST_RUNTIME } from './ingest-runtime.provider';

/** HTTP fallback for gateways without MQTT: same body, same semantics, answered per event. */
@Controller('v1/ingest')
export class IngestController {
  constructor(@Inject(INGEST_RUNTIME) private readonly rt: ApiIngestRuntime) {}

  @Post('events')
  @HttpCode(200)
  @Access('gateway')
  @UseGuards(GatewayAuthGuard)
  async events(@Req() req: GatewayRequest): Promise<MessageResult> {
    const payload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let result: MessageResult;
    try {
      [result] = await this.rt.service.ingest(
        [{ gatewayId: req.gatewayId as string, payload, receivedAt: Date.now() }],
        { maxAttempts: 3 },
      );
    } catch (err) {
      if (err instanceof AbortedError || err instanceof Error) {
        throw new DomainError('unavailable', 'event store unavailable, retry later');
      }
      throw err;
    }
    if (result.rejection) {
      throw new DomainError('validation_failed', result.rejection.detail, {
        reason: result.rejection.reason,
      });
    }
    return result;
  }
}
