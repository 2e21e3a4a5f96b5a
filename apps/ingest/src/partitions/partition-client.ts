import { IngestConfig } from '@app/config';
import { OutageLog } from '@app/logging';
import type { ResolvedMqttConfig } from './session-prefix';
import mqtt, { IClientOptions, MqttClient } from 'mqtt';
import { InboundMessage } from '../worker/inbound-message';
import { wildcardTopic } from './partitions';

/** Skip mqtt.js's immediate PUBACK; we send it ourselves once the events are recorded. */
const DEFER_ACK = new Error('ack deferred until durably recorded');
/** MQTT 5 DISCONNECT reason: another connection took our client id. */
const SESSION_TAKEN_OVER = 0x8e;
/** Topics per SUBSCRIBE/UNSUBSCRIBE packet (stays far below the broker's max_packet_size). */
const TOPICS_PER_PACKET = 500;
const END_GRACE_MS = 3000;
/** Reconnect delay: doubles per failed attempt from the first to the last, reset once connected. */
export const RECONNECT_MIN_MS = 500;
export const RECONNECT_MAX_MS = 30_000;

type PacketSender = { _sendPacket(p: { cmd: 'puback'; messageId: number }): void };

export interface PartitionClientOptions {
  partition: number;
  partitions: number;
  mqtt: ResolvedMqttConfig;
  ingest: Pick<IngestConfig, 'sessionExpiryS' | 'receiveMaximum'>;
  onMessage: (m: InboundMessage) => void;
  /** The broker handed our session to another connection with the same client id. */
  onTakenOver: (partition: number) => void;
  log: (msg: string, err?: unknown) => void;
  /**
   * The broker's outage report, shared by the worker's partitions: one line when it cannot be
   * reached, at most one per interval while it stays down, one when it is back.
   */
  outage?: OutageLog;
  /** Each connection error (every failed attempt), e.g. a debug log. */
  debug?: (msg: string, err?: unknown) => void;
}

const chunks = (list: string[]) => {
  const out: string[][] = [];
  for (let i = 0; i < list.length; i += TOPICS_PER_PACKET) {
    out.push(list.slice(i, i + TOPICS_PER_PACKET));
  }
  return out;
};

/**
 * One partition's non-shared persistent MQTT session (`<clientId>-p<partition>`), with
 * acknowledgements deferred past the durable write.
 *
 * mqtt.js processes incoming packets one at a time and `customHandleAcks`/`handleMessage` block
 * the next packet until their callback runs, so acking after a batched PostgreSQL commit through
 * them would serialise everything. Instead `handleMessage` hands the packet on and tells mqtt.js
 * not to ack (error callback), and `ack()` later writes the PUBACK for that packet id. Acks of a
 * connection that has since dropped are discarded: the broker redelivers those messages
 * (persistent session) and the idempotent history absorbs the repeat.
 *
 * It reconnects by itself only while the partition is owned: `stop()`/`kill()` end it for good.
 */
export class PartitionClient {
  private client: MqttClient | null = null;
  private connection = 0;
  private readonly topicRe: RegExp;
  private topics: string[];
  /** What we last asked the broker to hold in this connection's session. */
  private subscribed = new Set<string>();
  private syncing: Promise<void> = Promise.resolve();
  private ended = false;
  /** The subscriptions of the current connection are confirmed. */
  private synced = false;
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private reconnectMs = RECONNECT_MIN_MS;
  private lastError: unknown = null;

  constructor(
    private readonly o: PartitionClientOptions,
    topics: string[],
  ) {
    const root = o.mqtt.topicRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.topicRe = new RegExp(`^${root}parking/v1/gateways/([^/]+)/events$`);
    this.topics = topics;
    this.ready = new Promise((r) => (this.markReady = r));
  }

  get clientId(): string {
    return `${this.o.mqtt.clientId}-p${this.o.partition}`;
  }

  /** Connected and its subscriptions confirmed: messages can flow (readiness). */
  get connected(): boolean {
    return this.synced && (this.client?.connected ?? false);
  }

  /** Connects; `ready` resolves once the first subscription is confirmed. */
  start(): void {
    const v5 = this.o.mqtt.protocolVersion === 5;
    const opts: IClientOptions = {
      protocolVersion: v5 ? 5 : 4,
      clientId: this.clientId,
      // MQTT 3.1.1: a persistent session (clean: false) lasts until a clean connect
      clean: false,
      username: this.o.mqtt.username,
      password: this.o.mqtt.password,
      reconnectPeriod: RECONNECT_MIN_MS,
      // bad credentials too: the broker's password file may be fixed while we wait
      reconnectOnConnackError: true,
      connectTimeout: 5000,
      queueQoSZero: false,
      resubscribe: false,
      ...(v5
        ? {
            properties: {
              sessionExpiryInterval: this.o.ingest.sessionExpiryS,
              receiveMaximum: this.o.ingest.receiveMaximum,
            },
          }
        : {}),
    };
    const client = mqtt.connect(this.o.mqtt.url, opts);
    this.client = client;
    client.handleMessage = (packet, callback) => {
      const conn = this.connection;
      const messageId = packet.messageId;
      const m = this.topicRe.exec(packet.topic);
      const ack = () => {
        if (packet.qos === 0 || messageId === undefined) return;
        if (conn !== this.connection || !client.connected) return;
        (client as unknown as PacketSender)._sendPacket({ cmd: 'puback', messageId });
      };
      if (m) {
        const payload = Buffer.isBuffer(packet.payload)
          ? packet.payload
          : Buffer.from(packet.payload);
        this.o.onMessage({ gatewayId: m[1], payload, receivedAt: Date.now(), ack });
      } else {
        ack();
      }
      callback(DEFER_ACK);
    };
    const key = `p${this.o.partition}`;
    client.on('error', (err) => {
      this.lastError = err;
      (this.o.debug ?? this.o.log)(`mqtt error (partition ${this.o.partition})`, err);
    });
    client.on('close', () => {
      this.connection++;
      this.synced = false;
      if (this.ended) return;
      this.o.outage?.failed(this.lastError ?? new Error('connection closed'), key);
      this.lastError = null;
      // capped exponential backoff: mqtt.js reads the period when it schedules the next attempt
      client.options.reconnectPeriod = this.reconnectMs;
      this.reconnectMs = Math.min(RECONNECT_MAX_MS, this.reconnectMs * 2);
    });
    client.on('disconnect', (packet) => {
      if (packet.reasonCode === SESSION_TAKEN_OVER && !this.ended) {
        this.o.onTakenOver(this.o.partition);
      }
    });
    client.on('connect', () => {
      this.reconnectMs = RECONNECT_MIN_MS;
      client.options.reconnectPeriod = RECONNECT_MIN_MS;
      this.o.outage?.recovered(key);
      // A resumed session keeps its subscriptions, but the gateway set may have changed since
      // they were made (possibly by another worker): subscribing again is idempotent.
      this.subscribed = new Set();
      this.sync(true).then(
        () => {
          this.synced = true;
          this.markReady();
        },
        (err) => this.o.log(`subscribe failed (partition ${this.o.partition})`, err),
      );
    });
  }

  /** The gateway set changed: subscribe the new topics and unsubscribe the removed ones. */
  setTopics(topics: string[]): void {
    this.topics = topics;
    if (this.client?.connected) {
      this.sync(false).catch((err) =>
        this.o.log(`resubscribe failed (partition ${this.o.partition})`, err),
      );
    }
  }

  private sync(fresh: boolean): Promise<void> {
    const run = async () => {
      const client = this.client;
      if (!client || this.ended || !client.connected) return;
      const want = new Set(this.topics);
      const wildcard = wildcardTopic(this.o.mqtt.topicRoot);
      // left over from a single-partition deployment: it would deliver every gateway here
      const drop = [...this.subscribed].filter((t) => !want.has(t));
      if (fresh && !want.has(wildcard)) drop.push(wildcard);
      const add = [...want].filter((t) => !this.subscribed.has(t));
      for (const batch of chunks(add)) {
        await client.subscribeAsync(batch, { qos: 1 });
        for (const t of batch) this.subscribed.add(t);
      }
      for (const batch of chunks(drop)) {
        await client.unsubscribeAsync(batch);
        for (const t of batch) this.subscribed.delete(t);
      }
    };
    this.syncing = this.syncing.catch(() => undefined).then(run);
    return this.syncing;
  }

  /** Ends the session's connection after the acks already written are flushed. */
  async stop(): Promise<void> {
    this.ended = true;
    this.o.outage?.forget(`p${this.o.partition}`);
    const c = this.client;
    if (!c) return;
    const done = c.endAsync(!c.connected).catch(() => undefined);
    const late = new Promise<'late'>((r) => setTimeout(() => r('late'), END_GRACE_MS).unref());
    if ((await Promise.race([done, late])) === 'late')
      await c.endAsync(true).catch(() => undefined);
  }

  /** Drops the connection at once: the partition is no longer ours (pending acks are lost). */
  kill(): void {
    this.ended = true;
    this.o.outage?.forget(`p${this.o.partition}`);
    this.connection++;
    this.client?.end(true);
  }
}
