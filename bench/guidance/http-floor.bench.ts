/**
 * CPU per `GET /v1/spaces/nearby` through HTTP against two floors, in one process and one run so
 * machine noise hits all three alike: `node -r ts-node/register/transpile-only -r
 * tsconfig-paths/register bench/guidance/http-floor.bench.ts [rate] [seconds]`. Serves the same
 * Guidance (the small e2e test city on a throwaway database, test/guidance/support) from the Nest
 * API module, from a bare Fastify route and from a bare node:http server, and loads each in turn
 * with the open-loop generator (own process, 64 keep-alive sockets). Prints µs of this process's
 * CPU per request: what the API adds over Node's own HTTP cost.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Guidance, RawQuery } from '@app/guidance';
import { GuidanceHarness, TestClock } from '../../test/guidance/support/guidance-harness';

interface LoadOut {
  requests: number;
  non2xx: number;
}

function load(url: string, box: string, rate: number, seconds: number): Promise<LoadOut> {
  const args = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  const gen = 'bench/harness/open-loop-load.ts';
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...args, gen, url, `${rate}`, `${seconds}`, '64', box, '1']);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.pipe(process.stderr);
    p.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadOut);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

async function main(): Promise<void> {
  const rate = Number(process.argv[2] ?? 2000);
  const seconds = Number(process.argv[3] ?? 8);
  const clock = new TestClock(Date.now());
  const h = await new GuidanceHarness(clock).start({ RATE_LIMIT_ENABLED: 'false' });
  await h.sense(Object.fromEntries(h.city.spaces.map((s) => [s.id, false])));
  const tick = setInterval(() => (clock.t = Date.now()), 1000);
  await h.app.listen(0, '127.0.0.1');
  const guidance = h.app.get(Guidance);
  const fastify = Fastify({ logger: false });
  fastify.get('/v1/spaces/nearby', (req, reply) =>
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .send(guidance.spacesNearbyJson(req.query as RawQuery)),
  );
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const bare = createServer((req, res) => {
    const q = Object.fromEntries(new URL(req.url!, 'http://x').searchParams);
    const body = guidance.spacesNearbyJson(q);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const lats = h.city.spaces.map((s) => s.lat);
  const lons = h.city.spaces.map((s) => s.lon);
  const box = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const port = (a: string | AddressInfo | null) => (a as AddressInfo).port;
  const targets: [string, number][] = [
    ['nest-api', port(h.app.getHttpServer().address())],
    ['fastify', port(fastify.server.address())],
    ['node-http', port(bare.address())],
  ];
  for (let round = 1; round <= 2; round++) {
    for (const [name, p] of targets) {
      const c0 = process.cpuUsage();
      const res = await load(`http://127.0.0.1:${p}`, box.join(','), rate, seconds);
      const c = process.cpuUsage(c0);
      const per = (us: number) => +(us / res.requests).toFixed(1);
      process.stdout.write(
        JSON.stringify({
          round,
          server: name,
          requests: res.requests,
          non2xx: res.non2xx,
          cpuUsPerReq: per(c.user + c.system),
          userUs: per(c.user),
          sysUs: per(c.system),
        }) + '\n',
      );
    }
  }
  clearInterval(tick);
  await fastify.close();
  bare.close();
  await h.stop();
}

void main();
