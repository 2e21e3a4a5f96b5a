import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, sensorEventSchema, sensorMessageSchema } from '@app/domain';
import { AbortedError, MessageResult } from '@app/ingestion';
import { Access } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { named } from '../openapi/schemas/registry';
import { ingestResultSchema } from '../openapi/schemas/staff.schemas';
import { GatewayAuthGuard, GatewayRequest } from './gateway-auth.guard';
import { ApiIngestRuntime, INGEST_RUNTIME } from './ingest-runtime.provider';

named('SensorEvent', sensorEventSchema);
const sensorMessage = named('SensorMessage', sensorMessageSchema);

/** HTTP fallback for gateways without MQTT: same body, same semantics, answered per event. */
@ApiTags('ingest')
@Controller('v1/ingest')
export class IngestController {
  constructor(@Inject(INGEST_RUNTIME) private readonly rt: ApiIngestRuntime) {}

  @Post('events')
  @HttpCode(200)
  @Access('gateway')
  @UseGuards(GatewayAuthGuard)
  @ApiDoc({
    summary: 'HTTP fallback for gateways: the MQTT message body (docs/asyncapi.json)',
    description:
      'Each event is answered in `events`; a whole-message rejection (malformed, oversized, ' +
      'too many events, schema) is 422 with `details.reason`, and is stored like MQTT ones.',
    body: sensorMessage,
    response: ingestResultSchema,
    errors: [413, 422, 503],
  })
  async events(@Req() req: GatewayRequest): Promise<MessageResult> {
    const payload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let result: MessageResult;
    try {
      const core = await this.rt.core();
      [result] = await core.service.ingest(
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
