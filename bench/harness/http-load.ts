import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as hdr from 'hdr-histogram-js';
import { helperArgs, repoRoot } from './child';
import { Extent } from './stack';

export interface LoadFigures {
  requests: number;
  rps: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Event-loop delay of the generator itself (open loop only), p99 / max in ms. */
  generatorLoopMs?: { p99: number; max: number };
  /** CPU of the generator process(es) while sending, in cores (open loop only). */
  generatorCpuShare?: number;
}

const run = promisify(execFile);

async function lastJson<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [...helperArgs(script), ...args], {
    cwd: repoRoot,
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/**
 * Steady (open-loop) load on `/v1/spaces/nearby` from `procs` generator processes, histograms
 * merged: latency from each request's scheduled send time.
 */
export async function openLoopLoad(
  url: string,
  rate: number,
  seconds: number,
  extent: Extent,
  procs = 1,
  sockets = 64,
): Promise<LoadFigures> {
  const box = [extent.minLat, extent.maxLat, extent.minLon, extent.maxLon].join(',');
  const parts = await Promise.all(
    Array.from({ length: procs }, (_, i) =>
      lastJson<{
        requests: number;
        non2xx: number;
        errors: number;
        seconds: number;
        histogram: string;
        loopDelayMs: { p99: number; max: number };
        cpuMs: number;
      }>('bench/harness/open-loop-load', [
        url,
        String(rate / procs),
        String(seconds),
        String(sockets),
        box,
        String(7 + i),
      ]),
    ),
  );
  const h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });
  for (const p of parts) h.add(hdr.decodeFromCompressedBase64(p.histogram));
  const requests = parts.reduce((a, p) => a + p.requests, 0);
  return {
    requests,
    rps: requests / Math.max(...parts.map((p) => p.seconds)),
    failed: parts.reduce((a, p) => a + p.non2xx + p.errors, 0),
    p50Ms: h.getValueAtPercentile(50) / 1000,
    p99Ms: h.getValueAtPercentile(99) / 1000,
    maxMs: h.maxValue / 1000,
    generatorLoopMs: {
      p99: Math.max(...parts.map((p) => p.loopDelayMs.p99)),
      max: Math.max(...parts.map((p) => p.loopDelayMs.max)),
    },
    generatorCpuShare:
      parts.reduce((a, p) => a + p.cpuMs, 0) / 1000 / Math.max(...parts.map((p) => p.seconds)),
  };
}

/** autocannon (closed loop, per-second quota per connection: bursty) for comparison. */
export async function autocannonLoad(
  url: string,
  rate: number,
  seconds: number,
  extent: Extent,
  connections = 100,
): Promise<LoadFigures> {
  const box = [extent.minLat, extent.maxLat, extent.minLon, extent.maxLon].join(',');
  const res = await lastJson<{
    requests: number;
    rps: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    latencyMs: { p50: number; p99: number; max: number };
  }>('bench/guidance/nearby-load', [url, String(rate), String(seconds), String(connections), box]);
  return {
    requests: res.requests,
    rps: res.rps,
    failed: res.non2xx + res.errors + res.timeouts,
    p50Ms: res.latencyMs.p50,
    p99Ms: res.latencyMs.p99,
    maxMs: res.latencyMs.max,
  };
}
