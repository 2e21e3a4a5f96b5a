import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal } from '@app/domain';
import {
  ReportService,
  ZoneReportSet,
  reportCsv,
  reportFileName,
  reportXlsx,
} from '@app/enforcement';
import { Access } from '../common/public.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { parseOrThrow } from '../auth/zod-body';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { zoneReportSetSchema } from '../openapi/schemas/report.schemas';
import { dailyReportQuerySchema, monthlyReportQuerySchema } from './reports.dto';

const FORMATS =
  '`format=json` (default), `csv` (one row per zone, RFC 4180) or `xlsx` (a formatted ' +
  'spreadsheet: Summary and Series sheets), downloaded as an attachment.';

/** Daily and monthly zone reports; police see only their zones (another zone is 404). */
@ApiTags('reports')
@Access('police')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportService) {}

  @Get('daily')
  @ApiDoc({
    summary: 'Daily report per zone (the city’s local day)',
    description: FORMATS,
    query: dailyReportQuerySchema,
    response: zoneReportSetSchema,
    errors: [404],
  })
  async daily(
    @CurrentPrincipal() p: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseOrThrow(dailyReportQuerySchema, query);
    return this.answer(reply, q.format, await this.reports.report(p, 'day', q.date, q.zone));
  }

  @Get('monthly')
  @ApiDoc({
    summary: 'Monthly report per zone, with one series point per local day',
    description: FORMATS,
    query: monthlyReportQuerySchema,
    response: zoneReportSetSchema,
    errors: [404],
  })
  async monthly(
    @CurrentPrincipal() p: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseOrThrow(monthlyReportQuerySchema, query);
    return this.answer(reply, q.format, await this.reports.report(p, 'month', q.month, q.zone));
  }

  private async answer(
    reply: FastifyReply,
    format: 'json' | 'csv' | 'xlsx',
    set: ZoneReportSet,
  ): Promise<ZoneReportSet | string | Buffer> {
    if (format === 'json') return set;
    const name = `${reportFileName(set)}.${format}`;
    void reply.header('content-disposition', `attachment; filename="${name}"`);
    if (format === 'csv') {
      void reply.type('text/csv; charset=utf-8');
      return reportCsv(set);
    }
    void reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reportXlsx(set);
  }
}
