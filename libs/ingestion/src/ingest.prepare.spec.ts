import { isPgText } from '@app/domain';
import { prepareMessages } from './ingest.prepare';
import { SensorDirectory } from './sensor-directory';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const ok = { sensorId: 'S-1', seq: 1, type: 'status', occupied: true, ts: NOW - 1000 };
const directory = new SensorDirectory([
  {
    sensorId: 'S-1',
    spaceId: 'P-1',
    lotId: 'L-1',
    zoneId: 'Z-1',
    staleMs: 60_000,
    lowBatteryMv: null,
    gateways: new Set(['G-1']),
  },
]);
const msg = (gatewayId: string, payload: Buffer | string) => ({
  gatewayId,
  payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8'),
  receivedAt: NOW,
});

describe('prepareMessages: rejection rows PostgreSQL can store', () => {
  it('keeps gateway, detail, sensorId and raw of every rejection storable', () => {
    const { rejections, results } = prepareMessages(
      [
        msg('G-\0\uD800', JSON.stringify(ok)),
        msg('G-1', '{"sensorId":"S-1\\u0000"}'),
        msg('G-1', Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x00, 0xff, 0x22])),
        msg('G-1', '{"x":"\\ud800"'),
        msg('G-1', `{"a":"\0${'\uDC00'.repeat(300)}`),
      ],
      directory,
    );
    expect(rejections.map((r) => r.reason)).toEqual([
      'wrong_gateway',
      'schema',
      'malformed_json',
      'malformed_json',
      'malformed_json',
    ]);
    for (const r of rejections) {
      for (const text of [r.gatewayId, r.detail, r.sensorId ?? '', r.raw ?? '']) {
        expect(isPgText(text)).toBe(true);
      }
      expect(r.detail.length).toBeLessThanOrEqual(200);
    }
    expect(rejections[0].gatewayId).toBe('G-\uFFFD\uFFFD');
    expect(rejections[1].sensorId).toBeUndefined();
    expect(rejections[2].raw).toBe('{\uFFFD\uFFFD\uFFFD\uFFFD"');
    expect(results[4].rejection?.detail).toBe(rejections[4].detail);
  });
});
