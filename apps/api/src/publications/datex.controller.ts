import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Clock } from '@app/guidance';
import { notModified, Publications, PublishedDocument } from '@app/publications';
import { Public } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { datexStatusSchema, datexTableSchema } from '../openapi/schemas/publications.schemas';

const CONDITIONAL =
  'Sends `ETag` and `Last-Modified`; answers 304 without a body to a matching `If-None-Match` ' +
  '(or, without it, to an `If-Modified-Since` not older than the content).';

/** DATEX II v3 parking publications for navigation providers and national access points. */
@ApiTags('open data')
@Controller('v1/open-data/datex')
export class DatexController {
  constructor(
    private readonly publications: Publications,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get('parking-table')
  @ApiDoc({
    summary: 'DATEX II v3 ParkingTablePublication (static: zones, lots, location, capacity)',
    description: CONDITIONAL,
    response: datexTableSchema,
  })
  table(
    @Headers('if-none-match') inm: string | undefined,
    @Headers('if-modified-since') ims: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, this.publications.datex.table(this.clock.now()), inm, ims);
  }

  @Public()
  @Get('parking-status')
  @ApiDoc({
    summary:
      'DATEX II v3 ParkingStatusPublication (per lot: vacant, occupied, status incl. unknown)',
    description:
      `${CONDITIONAL} Rebuilt at most once a second and only replaced when a published count ` +
      'or status changed, so the ETag stays while nothing changes.',
    response: datexStatusSchema,
  })
  status(
    @Headers('if-none-match') inm: string | undefined,
    @Headers('if-modified-since') ims: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, this.publications.datex.status(this.clock.now()), inm, ims);
  }
}

function send(
  reply: FastifyReply,
  doc: PublishedDocument,
  inm: string | undefined,
  ims: string | undefined,
) {
  reply
    .header('etag', doc.etag)
    .header('last-modified', new Date(doc.lastModifiedMs).toUTCString())
    .header('cache-control', 'public, no-cache');
  if (notModified(doc, inm, ims)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(doc.body);
}
