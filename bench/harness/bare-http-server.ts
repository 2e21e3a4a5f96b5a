/**
 * The floor the nearby figures are compared with: a bare `node:http` server answering with the
 * same bytes the API answered (bodies captured from it, read from the file given as argument),
 * in turn, whatever the query. Prints `{"port": N}` once listening; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const bodies = (JSON.parse(readFileSync(process.argv[2], 'utf8')) as string[]).map((b) =>
  Buffer.from(b),
);
let next = 0;
const server = createServer((_req, res) => {
  const body = bodies[next++ % bodies.length];
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
// the harness holds stdin open: if it dies, so does this server
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
