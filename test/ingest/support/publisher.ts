import mqtt, { MqttClient } from 'mqtt';
import { TestCity } from './test-city';

export interface Published {
  sensorId: string;
  seq: number;
  ts: number;
  occupied: boolean;
}

/** Publishes QoS 1 uplinks like gateways do and remembers what every sensor said last. */
export class TestPublisher {
  readonly sent: Published[] = [];
  private readonly seq = new Map<string, number>();
  private readonly last = new Map<string, Published>();
  private constructor(
    private readonly client: MqttClient,
    private readonly city: TestCity,
    private readonly root: string,
  ) {}

  static async connect(url: string, city: TestCity, root: string): Promise<TestPublisher> {
    const client = await mqtt.connectAsync(url, {
      clientId: `pub-${Math.random().toString(36).slice(2)}`,
      protocolVersion: 5,
      reconnectPeriod: 200,
    });
    return new TestPublisher(client, city, root);
  }

  private readonly cursor = new Map<string, number>();

  private next(gatewayId: string, base: number): Published {
    const own = this.city.sensors.filter((x) => x.gatewayId === gatewayId);
    const c = this.cursor.get(gatewayId) ?? 0;
    this.cursor.set(gatewayId, c + 1);
    const s = own[c % own.length];
    const seq = (this.seq.get(s.sensorId) ?? 0) + 1;
    this.seq.set(s.sensorId, seq);
    const p = { sensorId: s.sensorId, seq, ts: base + seq, occupied: Math.random() < 0.5 };
    this.sent.push(p);
    this.last.set(s.sensorId, p);
    return p;
  }

  /** `count` messages of `perMessage` events each, gateways in turn; awaits every PUBACK. */
  async publish(count: number, perMessage = 1, window = 200): Promise<void> {
    const base = Date.now() - 3_600_000;
    const inflight = new Set<Promise<unknown>>();
    for (let i = 0; i < count; i++) {
      const gw = this.city.gateways[i % this.city.gateways.length];
      const body: unknown[] = [];
      for (let j = 0; j < perMessage; j++) body.push({ ...this.next(gw, base), type: 'status' });
      const payload = JSON.stringify(perMessage === 1 ? body[0] : { events: body });
      const p = this.client.publishAsync(`${this.root}parking/v1/gateways/${gw}/events`, payload, {
        qos: 1,
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      if (inflight.size >= window) await Promise.race(inflight);
    }
    await Promise.all(inflight);
  }

  /** Every sensor of `lotId` reports once: the first `free` of them free, the rest occupied. */
  async setLot(lotId: string, free: number): Promise<void> {
    const base = Date.now() - 3_600_000;
    const own = this.city.sensors.filter((x) => x.lotId === lotId);
    await Promise.all(
      own.map((s, i) => {
        const seq = (this.seq.get(s.sensorId) ?? 0) + 1;
        this.seq.set(s.sensorId, seq);
        const p = { sensorId: s.sensorId, seq, ts: base + seq, occupied: i >= free };
        this.sent.push(p);
        this.last.set(s.sensorId, p);
        return this.client.publishAsync(
          `${this.root}parking/v1/gateways/${s.gatewayId}/events`,
          JSON.stringify({ ...p, type: 'status' }),
          { qos: 1 },
        );
      }),
    );
  }

  /** Sends the last `n` uplinks again, as gateways repeating them would (no new state). */
  async republish(n: number): Promise<void> {
    const again = this.sent.slice(-n);
    await Promise.all(
      again.map((e) => {
        const gw = this.city.sensors.find((s) => s.sensorId === e.sensorId)!.gatewayId;
        const payload = JSON.stringify({ ...e, type: 'status' });
        return this.client.publishAsync(`${this.root}parking/v1/gateways/${gw}/events`, payload, {
          qos: 1,
        });
      }),
    );
  }

  expectedFinal(): Map<string, Published> {
    return this.last;
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}
