import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import { AppConfig } from '@app/config';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { dashboardDir, htmlSecurityHeaders, isBuilt } from './dashboard-files';

const NOT_BUILT =
  'The web dashboard is not built. Run `npm run build` (it builds the API and the dashboard ' +
  'into dist/), or set DASHBOARD_DIR to a built dashboard folder.\n';

/**
 * Sends the built dashboard's files with @fastify/static (`reply.sendFile`, no routes of its
 * own: the routes are DashboardStaticController's, with their access decision). Hashed assets
 * are cached for a year, index.html is revalidated. Checked per request, so a dashboard built
 * after the API started is served without a restart.
 */
@Injectable()
export class DashboardFiles implements OnModuleInit {
  readonly dir: string;
  private readonly htmlHeaders: Record<string, string>;

  constructor(
    private readonly adapter: HttpAdapterHost,
    config: AppConfig,
  ) {
    this.dir = dashboardDir(config.dashboard);
    this.htmlHeaders = htmlSecurityHeaders(config.dashboard);
  }

  async onModuleInit(): Promise<void> {
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasReplyDecorator('sendFile')) return;
    await fastify.register(fastifyStatic, {
      root: this.dir,
      serve: false,
      decorateReply: true,
      dotfiles: 'deny',
    });
  }

  send(reply: FastifyReply, file: string): FastifyReply {
    if (!isBuilt(this.dir)) {
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    const rel = file === '' ? 'index.html' : file;
    if (rel === 'index.html') {
      void reply.headers(this.htmlHeaders);
      return reply.sendFile(rel, { cacheControl: false });
    }
    void reply.header('x-content-type-options', 'nosniff');
    if (rel.startsWith('assets/')) {
      return reply.sendFile(rel, { maxAge: '365d', immutable: true });
    }
    return reply.sendFile(rel, { maxAge: 0 });
  }
}
