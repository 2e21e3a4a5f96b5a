import { Body, Controller, Delete, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { instantParam, IntentService, IntentTarget } from '@app/guidance';
import type { FastifyRequest } from 'fastify';
import { parseOrThrow } from '../auth/zod-body';
import { Public } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import {
  intentBodySchema,
  intentCancelledSchema,
  intentIdParams,
  intentSchema,
} from '../openapi/schemas/intent.schemas';
import { IntentRateLimit } from './intent-rate-limit';

const MOVE = {
  summary: 'Move a declared intent (new target or ETA); the id changes when the lot does',
  params: intentIdParams,
  body: intentBodySchema,
  response: intentSchema,
  errors: [404],
};

/**
 * Declared intents: a driver app says where it is heading so guidance can spread drivers over
 * spaces. Public (no identity is ever taken); the opaque id is the only handle; nobody can read
 * another client's intent, only the counts lots expose.
 */
@ApiTags('drivers')
@Controller('v1/guidance/intents')
export class IntentsController {
  constructor(
    private readonly intents: IntentService,
    private readonly limit: IntentRateLimit,
  ) {}

  @Public()
  @Post()
  @ApiDoc({
    summary: 'Declare where the driver is heading (a space or a lot) and when they arrive',
    body: intentBodySchema,
    response: intentSchema,
    errors: [404],
  })
  async declare(@Req() req: FastifyRequest, @Body() body: unknown) {
    await this.limit.admit(req);
    return this.intents.declare(target(body));
  }

  @Public()
  @Put(':id')
  @ApiDoc(MOVE)
  replace(@Req() req: FastifyRequest, @Param('id') id: string, @Body() body: unknown) {
    return this.move(req, id, body);
  }

  @Public()
  @Patch(':id')
  @ApiDoc(MOVE)
  async move(@Req() req: FastifyRequest, @Param('id') id: string, @Body() body: unknown) {
    await this.limit.admit(req);
    return this.intents.move(id, target(body));
  }

  @Public()
  @Delete(':id')
  @ApiDoc({
    summary: 'Cancel a declared intent',
    params: intentIdParams,
    response: intentCancelledSchema,
    errors: [404],
  })
  async cancel(@Req() req: FastifyRequest, @Param('id') id: string) {
    await this.limit.admit(req);
    await this.intents.cancel(id);
    return { id, cancelled: true as const };
  }
}

function target(body: unknown): IntentTarget {
  const b = parseOrThrow(intentBodySchema, body);
  return { spaceId: b.spaceId, lotId: b.lotId, etaMs: instantParam({ eta: b.eta }, 'eta', NaN) };
}
