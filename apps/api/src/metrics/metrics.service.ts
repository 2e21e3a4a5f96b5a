import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LiveReplica } from '@app/guidance';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RateLimitGuard } from '../common/rate-limit.guard';
import { StreamRegistry } from '../streams/stream-registry.service';
import { ProcessMetrics } from './cluster-metrics';

/** The API's Prometheus registry (one per app instance, so tests can build several apps). */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  /** What a scrape answers: this process's metrics, or every HTTP worker's (HTTP_WORKERS > 1). */
  readonly scrape = new ProcessMetrics(this.registry);
  private readonly http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  /** The histogram's child per method, route and status (prom-client hashes labels per call). */
  private readonly httpChildren = new Map<string, Histogram.Internal<string>>();

  constructor(
    private readonly adapter: HttpAdapterHost,
    replica: LiveReplica,
    streams: StreamRegistry,
    rateLimit: RateLimitGuard,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('guidance_replica_spaces', 'Spaces held by the in-memory replica', () =>
      replica.ready ? replica.spaces.size : 0,
    );
    gauge('guidance_free_index_size', 'Spaces reported free in the grid index', () =>
      replica.ready ? replica.freeIndex.size : 0,
    );
    gauge('guidance_stream_clients', 'Open SSE stream connections', () => streams.open);
    const counter = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    counter(
      'guidance_live_changes_applied_total',
      'Live changes applied to the replica',
      () => replica.applied,
    );
    counter(
      'guidance_catalog_loads_total',
      'City catalogs installed in the replica (start-up and reloads)',
      () => replica.catalogLoads,
    );
    counter(
      'guidance_stream_overflows_total',
      'Slow stream clients disconnected',
      () => streams.overflows,
    );
    counter(
      'http_rate_limited_total',
      'Requests refused by the rate limit',
      () => rateLimit.limited,
    );
    counter(
      'http_rate_limit_failures_total',
      'Rate-limit checks that failed open',
      () => rateLimit.failures,
    );
  }

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', (req, reply, done) => {
      const route = req.routeOptions?.url ?? 'unmatched';
      const key = `${req.method} ${reply.statusCode} ${route}`;
      let child = this.httpChildren.get(key);
      if (!child) {
        child = this.http.labels(req.method, route, String(reply.statusCode));
        this.httpChildren.set(key, child);
      }
      child.observe(reply.elapsedTime / 1000);
      done();
    });
  }
}
