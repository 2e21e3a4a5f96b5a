import type { SensorEventWire } from '@app/domain';
import type { Delivery } from '../stream/delivery';
import { MessageBatcher } from './message-batcher';

const event = (sensorId: string, seq: number): SensorEventWire => ({
  sensorId,
  seq,
  type: 'heartbeat',
  occupied: false,
  ts: 1_800_000_000_000 + seq,
});
const delivery = (gatewayId: string, atMs: number, seq: number): Delivery => ({
  atMs,
  gatewayId,
  sensor: 0,
  ordinal: seq,
  event: event('SN-1', seq),
  raw: null,
  rejection: null,
  tag: null,
});

describe('MessageBatcher', () => {
  it('batches up to N events per gateway into {"events": [...]} on the gateway topic', () => {
    const b = new MessageBatcher({ batchSize: 3, windowMs: 10_000, topicRoot: 'tenant-a/' });
    const out = [0, 1, 2, 3].flatMap((k) => b.add(delivery('GW-1', k, k)));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      gatewayId: 'GW-1',
      topic: 'tenant-a/parking/v1/gateways/GW-1/events',
      events: 3,
      invalid: false,
    });
    expect(JSON.parse(out[0].payload).events.map((e: SensorEventWire) => e.seq)).toEqual([0, 1, 2]);
    const rest = b.flush(100);
    expect(rest.map((m) => m.events)).toEqual([1]);
  });

  it('sends a partial batch once its oldest event waited the window, keeping time order', () => {
    const b = new MessageBatcher({ batchSize: 50, windowMs: 1000, topicRoot: '' });
    expect(b.add(delivery('GW-1', 0, 1))).toEqual([]);
    expect(b.add(delivery('GW-2', 500, 2))).toEqual([]);
    const out = b.add(delivery('GW-1', 1200, 3));
    expect(out.map((m) => [m.gatewayId, m.atMs, m.events])).toEqual([['GW-1', 1000, 1]]);
    const later = b.add(delivery('GW-3', 5000, 4));
    expect(later.map((m) => [m.gatewayId, m.atMs, m.events])).toEqual([
      ['GW-2', 1500, 1],
      ['GW-1', 2200, 1],
    ]);
  });

  it('sends a bare event object when the batch size is 1, and invalid payloads alone and verbatim', () => {
    const b = new MessageBatcher({ batchSize: 1, windowMs: 1000, topicRoot: '' });
    const [single] = b.add(delivery('GW-1', 0, 7));
    expect(JSON.parse(single.payload)).toEqual(event('SN-1', 7));
    const bad: Delivery = {
      ...delivery('GW-1', 1, 0),
      event: null,
      raw: '{"x":',
      rejection: 'malformed_json',
    };
    const b50 = new MessageBatcher({ batchSize: 50, windowMs: 1000, topicRoot: '' });
    expect(b50.add(bad)).toEqual([expect.objectContaining({ payload: '{"x":', invalid: true })]);
  });

  it('refuses batch sizes outside the contract', () => {
    expect(() => new MessageBatcher({ batchSize: 1001, windowMs: 1, topicRoot: '' })).toThrow(
      RangeError,
    );
  });
});
