import { createServer, Server } from 'node:http';
import { Registry } from 'prom-client';

/** `/metrics` (Prometheus) and `/health` (200 when `healthy()`), on a small port of its own. */
export async function startMetricsServer(
  registry: Registry,
  host: string,
  port: number,
  healthy: () => { ok: boolean; detail: Record<string, unknown> },
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (req.url === '/health' || req.url === '/health/ready') {
      const h = healthy();
      res
        .writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: h.ok ? 'ok' : 'degraded', ...h.detail }));
      return;
    }
    if (req.url === '/health/live') return void res.writeHead(200).end('{"status":"ok"}');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
