import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfigOrExit } from '@app/config';
import { createApiApp } from './bootstrap';

/**
 * With HTTP_WORKERS > 1 this process only forks that many API processes sharing the port
 * (node:cluster hands out connections round robin), restarts one that dies and forwards
 * SIGTERM/SIGINT. Each worker is a whole API instance: its own replica of the live state, as
 * separate instances behind a load balancer would be.
 */
function runPrimary(workers: number): void {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      process.stderr.write(
        `api worker ${worker.process.pid} ended (${signal ?? code}), restarting\n`,
      );
      cluster.fork();
    } else if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
    });
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.http.workers > 1 && cluster.isPrimary) return runPrimary(config.http.workers);
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  process.stdout.write(
    `api listening on ${config.http.host}:${config.http.port} (pid ${process.pid})\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`api failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
