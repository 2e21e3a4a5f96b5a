import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/public.decorator';
import { DashboardFiles } from './dashboard-files.service';

/**
 * The built web dashboard (HTML, JS, CSS, images): public, since the files hold no data; every
 * data request the dashboard makes carries the staff bearer token.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardStaticController {
  constructor(private readonly files: DashboardFiles) {}

  /** `/dashboard` -> `/dashboard/`, so the page's relative asset URLs resolve under it. */
  @Public()
  @Get()
  root(@Res() reply: FastifyReply) {
    return reply.redirect('/dashboard/', 301);
  }

  /** `/dashboard/` (the page) and `/dashboard/<file>` (its assets). */
  @Public()
  @Get('*')
  asset(@Param('*') path: string | undefined, @Res() reply: FastifyReply) {
    return this.files.send(reply, path ?? '');
  }
}
