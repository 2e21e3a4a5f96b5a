import type { RunProgress, RunSummary } from '../run/sim-runner';
import type { GroundTruthReport } from '../truth/ground-truth';

const n = (x: number): string => x.toLocaleString('en-US');

export function formatProgress(p: RunProgress): string {
  return (
    `[${(p.elapsedMs / 1000).toFixed(0).padStart(4)}s] sim ${new Date(p.simMs).toISOString()} | ` +
    `events ${n(p.eventsSent)} | msgs ${n(p.messagesSent)} | ${n(p.rate)} ev/s | in-flight ${p.inFlight}`
  );
}

export function formatSummary(s: RunSummary, t: GroundTruthReport): string {
  const occupied = t.sensors.filter((x) => x.occupied).length;
  const lines = [
    `${s.stopped ? 'stopped early' : 'done'} in ${(s.elapsedMs / 1000).toFixed(1)} s: ${n(s.eventsSent)} events in ` +
      `${n(s.messagesSent)} messages, ${n(s.rate)} events/s, simulated up to ${new Date(s.simMs).toISOString()}`,
    `faults: ${Object.entries(t.faults)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')}`,
    `invalid messages by expected rejection: ${Object.entries(t.expectedRejections)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `final state: ${n(occupied)} of ${n(t.sensors.length)} spaces occupied`,
    `publisher: ${JSON.stringify(s.publisher)}${s.errors > 0 ? `; ${s.errors} publish errors, first: ${s.firstError}` : ''}`,
  ];
  return lines.join('\n');
}
