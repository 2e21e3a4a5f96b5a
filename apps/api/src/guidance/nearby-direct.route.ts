import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { mentionsArrival } from '@app/forecast';
import { Guidance, RawQuery } from '@app/guidance';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyWithError } from '../common/http-exception.filter';
import { ACCESS_KEY } from '../common/public.decorator';
import { RateLimitGuard } from '../common/rate-limit.guard';
import { ArrivalAnswers } from '../forecast/arrival-answers';
import { SpacesController } from './spaces.controller';

const PATH = '/v1/spaces/nearby';

/**
 * `GET /v1/spaces/nearby` answered from a Fastify hook instead of Nest's route pipeline, whose
 * guard and pipe chains, context objects and awaits cost about a quarter of the API's CPU per
 * nearby request at thousands of requests/s. `SpacesController.nearby` stays the declaration
 * (path, OpenAPI, access decision): the app refuses to start unless that decision is `public`.
 * Public routes' per-IP rate limit and the `{error, message}` error bodies apply as in Nest.
 */
@Injectable()
export class NearbyDirectRoute implements OnModuleInit {
  private readonly logger = new Logger('http');
  /** Requests answered here (tests check the hook really serves the route). */
  served = 0;

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly guidance: Guidance,
    private readonly rateLimit: RateLimitGuard,
    private readonly arrival: ArrivalAnswers,
  ) {}

  onModuleInit(): void {
    const access: unknown = Reflect.getMetadata(ACCESS_KEY, SpacesController.prototype.nearby);
    if (access !== 'public') {
      throw new Error(`${PATH} is served outside the access guard: it must stay @Public()`);
    }
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onRequest', (req, reply, done) => {
      if (req.method !== 'GET' || req.routeOptions.url !== PATH) return done();
      if (!this.rateLimit.enabled) return this.answer(req, reply);
      this.rateLimit.admit(req, reply).then(
        () => this.answer(req, reply),
        (err: unknown) => replyWithError(reply, err, this.logger),
      );
    });
  }

  private answer(req: FastifyRequest, reply: FastifyReply): void {
    this.served++;
    let body: string;
    try {
      const q = req.query as RawQuery;
      body = mentionsArrival(q)
        ? this.arrival.spacesNearbyJson(q)
        : this.guidance.spacesNearbyJson(q);
    } catch (err) {
      return replyWithError(reply, err, this.logger);
    }
    void reply.header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
