import mqtt, { MqttClient } from 'mqtt';
import { TestCity } from '../../ingest/support/test-city';

/** One event the generator published, and whether the broker acknowledged its message. */
export interface SentEvent {
  sensorId: string;
  seq: number;
  ts: number;
  occupied: boolean;
  acked: boolean;
  /** Epoch ms of the PUBACK of its message (0 while unacknowledged). */
  ackedAt: number;
}

export interface LoadOptions {
  eventsPerSecond?: number;
  /** Sensors the generator leaves alone (poison targets, ...). */
  exclude?: Iterable<string>;
  /** Events per batched message; every tick sends as many single-event messages as that. */
  batchSize?: number;
}

const TICK_MS = 10;
const MAX_INFLIGHT = 20_000;

/**
 * Publishes QoS 1 uplinks at a fixed rate, half as single-event messages and half batched, each
 * sensor's seqs in order; an event counts as acked only once the broker PUBACKed its message.
 */
export class LoadGenerator {
  readonly events: SentEvent[] = [];
  inflight = 0;
  skippedTicks = 0;
  private readonly bySensor = new Map<string, number>();
  private readonly perGateway: Map<string, string[]>;
  private readonly cursor = new Map<string, number>();
  private readonly rate: number;
  private readonly batchSize: number;
  private readonly base = Date.now() - 3_600_000;
  private timer: NodeJS.Timeout | null = null;
  private owed = 0;
  private lastTick = 0;
  private gw = 0;
  private settled: Array<() => void> = [];

  private constructor(
    private readonly client: MqttClient,
    private readonly city: TestCity,
    private readonly root: string,
    opts: LoadOptions,
  ) {
    this.rate = opts.eventsPerSecond ?? 2000;
    this.batchSize = opts.batchSize ?? 10;
    const skip = new Set(opts.exclude ?? []);
    this.perGateway = new Map(city.gateways.map((g) => [g, [] as string[]]));
    for (const s of city.sensors) {
      if (!skip.has(s.sensorId)) this.perGateway.get(s.gatewayId)!.push(s.sensorId);
    }
  }

  static async connect(
    url: string,
    city: TestCity,
    root: string,
    opts: LoadOptions = {},
  ): Promise<LoadGenerator> {
    const client = await mqtt.connectAsync(url, {
      clientId: `load-${Math.random().toString(36).slice(2)}`,
      protocolVersion: 5,
      reconnectPeriod: 200,
      connectTimeout: 3000,
    });
    client.on('error', () => undefined);
    return new LoadGenerator(client, city, root, opts);
  }

  start(): void {
    if (this.timer) return;
    this.lastTick = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops publishing and waits (bounded) for the PUBACKs still outstanding. */
  async stop(waitAcksMs = 20_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.owed = 0;
    await this.settle(waitAcksMs);
  }

  async settle(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.inflight > 0 && Date.now() < until) {
      await new Promise<void>((r) => {
        this.settled.push(r);
        setTimeout(r, 100);
      });
    }
  }

  /** A batched message on `gatewayId`: regular events for it plus the given raw event texts. */
  inject(gatewayId: string, raw: string[], valid: Omit<SentEvent, 'acked' | 'ackedAt'>[] = []) {
    const regular = this.nextFor(gatewayId, 2);
    const extra = valid.map((v) => ({ ...v, acked: false, ackedAt: 0 }));
    this.events.push(...extra);
    const tracked = [...regular, ...extra];
    const texts = [...regular.map((e) => this.text(e)), ...raw];
    this.send(gatewayId, `{"events":[${texts.join(',')}]}`, tracked);
    return tracked;
  }

  acked(): SentEvent[] {
    return this.events.filter((e) => e.acked);
  }

  eventText(e: Pick<SentEvent, 'sensorId' | 'seq' | 'ts' | 'occupied'>, more = ''): string {
    return this.text(e, more);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.client.endAsync(true).catch(() => undefined);
  }

  private tick(): void {
    const now = Date.now();
    this.owed = Math.min(this.owed + ((now - this.lastTick) * this.rate) / 1000, this.rate / 5);
    this.lastTick = now;
    if (this.inflight > MAX_INFLIGHT) {
      this.skippedTicks++;
      return;
    }
    while (this.owed >= this.batchSize * 2) {
      this.owed -= this.batchSize * 2;
      const batchGw = this.nextGateway();
      const batch = this.nextFor(batchGw, this.batchSize);
      this.send(batchGw, `{"events":[${batch.map((e) => this.text(e)).join(',')}]}`, batch);
      for (let i = 0; i < this.batchSize; i++) {
        const gw = this.nextGateway();
        const [e] = this.nextFor(gw, 1);
        this.send(gw, this.text(e), [e]);
      }
    }
  }

  private nextGateway(): string {
    return this.city.gateways[this.gw++ % this.city.gateways.length];
  }

  private nextFor(gatewayId: string, n: number): SentEvent[] {
    const own = this.perGateway.get(gatewayId)!;
    const out: SentEvent[] = [];
    for (let i = 0; i < n; i++) {
      const c = this.cursor.get(gatewayId) ?? 0;
      this.cursor.set(gatewayId, c + 1);
      const sensorId = own[c % own.length];
      const seq = (this.bySensor.get(sensorId) ?? 0) + 1;
      this.bySensor.set(sensorId, seq);
      const e = {
        sensorId,
        seq,
        ts: this.base + seq * 100,
        occupied: Math.random() < 0.5,
        acked: false,
        ackedAt: 0,
      };
      this.events.push(e);
      out.push(e);
    }
    return out;
  }

  private text(e: Pick<SentEvent, 'sensorId' | 'seq' | 'ts' | 'occupied'>, more = ''): string {
    return `{"sensorId":"${e.sensorId}","seq":${e.seq},"type":"status","occupied":${e.occupied},"ts":${e.ts}${more}}`;
  }

  private send(gatewayId: string, payload: string, events: SentEvent[]): void {
    this.inflight++;
    const topic = `${this.root}parking/v1/gateways/${gatewayId}/events`;
    this.client.publish(topic, payload, { qos: 1 }, (err) => {
      this.inflight--;
      if (!err) {
        const at = Date.now();
        for (const e of events) {
          e.acked = true;
          e.ackedAt = at;
        }
      }
      if (this.inflight === 0) for (const r of this.settled.splice(0)) r();
    });
  }
}
