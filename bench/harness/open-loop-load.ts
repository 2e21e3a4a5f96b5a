/**
 * Open-loop HTTP load generator process: `open-loop-load <baseUrl> <rate> <seconds> <sockets>
 * <minLat,maxLat,minLon,maxLon> <seed>`. Sends `GET /v1/spaces/nearby` at a steady rate (every
 * millisecond the requests that are due) over keep-alive sockets, one request in flight per
 * socket, whether or not earlier answers came back; latency runs from the *scheduled* send time,
 * so a stalled server is not hidden (no coordinated omission). autocannon's rate limit instead
 * sends each connection's per-second quota at the start of every second: bursts.
 * A minimal HTTP/1.1 client on raw sockets (Content-Length bodies only, which is what the API
 * sends) keeps the generator's CPU well below node:http's on this 2-core machine.
 * Prints one JSON line: counts, the HdrHistogram (microseconds, compressed base64), the
 * generator's own event-loop delay and the CPU it used while sending.
 */
import { connect, Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { rng } from '../guidance/bench-city';

interface Conn {
  sock: Socket;
  scheduled: bigint | null;
  buf: Buffer;
  need: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function main(): void {
  const [base, rateS, secondsS, socketsS, box, seedS] = process.argv.slice(2);
  const rate = Number(rateS);
  const seconds = Number(secondsS);
  const [minLat, maxLat, minLon, maxLon] = box.split(',').map(Number);
  const r = rng(Number(seedS ?? 7));
  const url = new URL(base);
  const h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const total = rate * seconds;
  let sent = 0;
  let done = 0;
  let non2xx = 0;
  let errors = 0;
  const waiting: bigint[] = [];
  const idle: Conn[] = [];
  let t0 = process.hrtime.bigint();
  let cpu0 = process.cpuUsage();

  const finish = () => {
    process.stdout.write(
      JSON.stringify({
        requests: done,
        non2xx,
        errors,
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
        histogram: hdr.encodeIntoCompressedBase64(h),
        loopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
        cpuMs: ((c) => (c.user + c.system) / 1000)(process.cpuUsage(cpu0)),
      }) + '\n',
    );
    process.exit(0);
  };

  // BENCH_NEARBY_ETA_SHARE: that share of queries carries the driver's `eta` (declared intents)
  const etaShare = Number(process.env.BENCH_NEARBY_ETA_SHARE ?? 0);
  const path = () => {
    const lat = minLat + r() * (maxLat - minLat);
    const lon = minLon + r() * (maxLon - minLon);
    const later = r() < 0.2;
    // `eta` (minutes) and `at` are one arrival each: a query names one of them
    const extra =
      etaShare > 0 && r() < etaShare
        ? `&eta=5${later ? '&stay=60' : ''}`
        : later
          ? `&at=${encodeURIComponent(new Date(Date.now() + 1_800_000).toISOString())}&stay=60`
          : '';
    return `/v1/spaces/nearby?lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}${extra}`;
  };

  const send = (c: Conn, scheduled: bigint) => {
    c.scheduled = scheduled;
    c.sock.write(`GET ${path()} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`);
  };

  const completed = (c: Conn, status: number) => {
    h.recordValue(Math.max(1, Math.round(Number(process.hrtime.bigint() - c.scheduled!) / 1000)));
    if (status < 200 || status > 299) non2xx++;
    c.scheduled = null;
    if (++done + errors === total) finish();
    const next = waiting.shift();
    if (next !== undefined) send(c, next);
    else idle.push(c);
  };

  const onData = (c: Conn, chunk: Buffer) => {
    c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
    for (;;) {
      if (c.need < 0) {
        const end = c.buf.indexOf(HEADER_END);
        if (end < 0) return;
        const head = c.buf.toString('latin1', 0, end);
        const len = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!len) throw new Error('response without Content-Length');
        c.need = end + 4 + Number(len[1]);
      }
      if (c.buf.length < c.need) return;
      const status = Number(c.buf.toString('latin1', 9, 12));
      c.buf = c.buf.subarray(c.need);
      c.need = -1;
      completed(c, status);
    }
  };

  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const c: Conn = {
        sock: connect(Number(url.port), url.hostname),
        scheduled: null,
        buf: Buffer.alloc(0),
        need: -1,
      };
      c.sock.setNoDelay(true);
      c.sock.on('data', (d: Buffer) => onData(c, d));
      c.sock.on('error', reject);
      c.sock.on('close', () => {
        if (c.scheduled !== null && done + ++errors === total) finish();
      });
      c.sock.once('connect', () => {
        idle.push(c);
        resolve();
      });
    });

  const intervalNs = BigInt(Math.round(1e9 / rate));
  const tick = () => {
    const now = process.hrtime.bigint();
    while (sent < total && t0 + BigInt(sent) * intervalNs <= now) {
      const at = t0 + BigInt(sent) * intervalNs;
      sent++;
      const c = idle.pop();
      if (c) send(c, at);
      else waiting.push(at);
    }
    if (sent < total) setTimeout(tick, 1);
  };

  Promise.all(Array.from({ length: Number(socketsS) }, open)).then(
    () => {
      t0 = process.hrtime.bigint();
      cpu0 = process.cpuUsage();
      tick();
    },
    (err: unknown) => {
      process.stderr.write(`open-loop-load: ${String(err)}\n`);
      process.exit(1);
    },
  );
  setTimeout(finish, (seconds + 30) * 1000).unref();
}

main();
