import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Clock } from '@app/guidance';
import { Publications } from '@app/publications';
import { Public } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import {
  entityIdParams,
  ngsiEntitiesSchema,
  ngsiEntitySchema,
  ngsiOptionsQuerySchema,
  ngsiQuerySchema,
} from '../openapi/schemas/publications.schemas';

const LD_JSON = 'application/ld+json';

/** A read-only subset of the NGSI-LD API over the Smart Data Models Parking entities. */
@ApiTags('open data')
@Controller('ngsi-ld/v1/entities')
export class NgsiLdController {
  constructor(
    private readonly publications: Publications,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get()
  @ApiDoc({
    summary: 'NGSI-LD query: lots, zones and spaces as Smart Data Models entities',
    description:
      'type, id, q, georel=near;maxDistance== with geometry=Point and coordinates=[lon,lat] ' +
      '(nearest first), limit/offset, options=keyValues. Bodies are application/ld+json with `@context`.',
    query: ngsiQuerySchema,
    response: ngsiEntitiesSchema,
  })
  query(@Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const entities = this.publications.ngsiLd.query(q, this.clock.now());
    return reply.type(LD_JSON).send(JSON.stringify(entities));
  }

  @Public()
  @Get(':entityId')
  @ApiDoc({
    summary: 'One NGSI-LD entity by id (urn:ngsi-ld:<type>:<id>)',
    params: entityIdParams,
    query: ngsiOptionsQuerySchema,
    response: ngsiEntitySchema,
    errors: [404],
  })
  entity(
    @Param('entityId') id: string,
    @Query('options') options: unknown,
    @Res() reply: FastifyReply,
  ) {
    const keyValues = typeof options === 'string' && options.split(',').includes('keyValues');
    const entity = this.publications.ngsiLd.entity(id, keyValues, this.clock.now());
    return reply.type(LD_JSON).send(JSON.stringify(entity));
  }
}
