import { LiveSpace, LiveState } from './live-space';

const STATE: Record<string, LiveState> = { f: 'free', o: 'occupied', u: 'unknown' };
const CODE: Record<LiveState, string> = { free: 'f', occupied: 'o', unknown: 'u' };

/** Decodes the packed record of docs/live-store.md section 2 (13 fields, or 14 with `seen`). */
export function decodeRecord(lotId: string, spaceId: string, packed: string): LiveSpace {
  const p = packed.split('|');
  const bat = Number(p[7]);
  return {
    spaceId,
    lotId,
    state: STATE[p[0]] ?? 'unknown',
    since: Number(p[1]),
    lastSeen: Number(p[2]),
    seq: Number(p[3]),
    bootTs: Number(p[4]),
    lastTs: Number(p[5]),
    occupied: p[6] === '1',
    batteryMv: bat >= 0 ? bat : null,
    batteryLow: p[8] === '1',
    sensorId: p[9],
    ver: Number(p[10]),
    lost: Number(p[11]),
    staleMs: Number(p[12]),
    seen: p[13] ? parseInt(p[13], 16) : 0,
  };
}

export function encodeRecord(r: LiveSpace): string {
  return [
    CODE[r.state],
    r.since,
    r.lastSeen,
    r.seq,
    r.bootTs,
    r.lastTs,
    r.occupied ? '1' : '0',
    r.batteryMv ?? -1,
    r.batteryLow ? '1' : '0',
    r.sensorId,
    r.ver,
    r.lost,
    r.staleMs,
    ((r.seen ?? 0) >>> 0).toString(16),
  ].join('|');
}
