import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WhatIfService } from '@app/enforcement';
import { Access } from '../common/public.decorator';
import { parseOrThrow } from '../auth/zod-body';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { whatIfResultSchema } from '../openapi/schemas/report.schemas';
import { whatIfBodySchema } from './reports.dto';

/** What a changed city file would have done to a period of recorded history (docs/what-if.md). */
@ApiTags('reports')
@Controller('v1/what-if')
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  @Access('operator')
  @Post()
  @HttpCode(200)
  @ApiDoc({
    summary: 'Replay recorded sessions under the stored rules and a changed city file',
    description:
      'Per zone: sessions whose findings change, suspected breaches, exempted violations and ' +
      'public space-hours under both rule sets. Nothing is written. The period is at most 93 ' +
      'days; 422 `validation_failed` when the city file is invalid (every problem by JSON path).',
    body: whatIfBodySchema,
    response: whatIfResultSchema,
    errors: [413, 422],
  })
  async run(@Body() body: unknown) {
    const b = parseOrThrow(whatIfBodySchema, body);
    const r = await this.whatIf.run(b);
    return { ...r, from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() };
  }
}
