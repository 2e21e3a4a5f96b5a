import { MqttConfig, IngestConfig } from '@app/config';
import mqtt, { IClientOptions, MqttClient } from 'mqtt';

/** One received MQTT message whose PUBACK is sent only when `ack()` is called. */
export interface InboundMessage {
  gatewayId: string;
  payload: Buffer;
  receivedAt: number;
  ack(): void;
}

/** Skip mqtt.js's immediate PUBACK; we send it ourselves once the events are recorded. */
const DEFER_ACK = new Error('ack deferred until durably recorded');

type PacketSender = { _sendPacket(p: { cmd: 'puback'; messageId: number }): void };

export function subscriptionTopic(mqttCfg: Pick<MqttConfig, 'shareGroup' | 'topicRoot'>): string {
  return `$share/${mqttCfg.shareGroup}/${mqttCfg.topicRoot}parking/v1/gateways/+/events`;
}

/**
 * mqtt.js consumer with acknowledgements deferred past the durable write.
 *
 * mqtt.js processes incoming packets one at a time and `customHandleAcks`/`handleMessage` block
 * the next packet until their callback runs, so acking after a batched PostgreSQL commit through
 * them would serialise everything. Instead `handleMessage` hands the packet on and tells mqtt.js
 * not to ack (error callback), and `ack()` later writes the PUBACK for that packet id. Acks of a
 * connection that has since dropped are discarded: the broker redelivers those messages
 * (persistent session) and the idempotent history absorbs the repeat.
 */
export class MqttIntake {
  private client: MqttClient | null = null;
  private connection = 0;
  private readonly topicRe: RegExp;

  constructor(
    private readonly mqttCfg: MqttConfig,
    private readonly ingestCfg: IngestConfig,
    private readonly onMessage: (m: InboundMessage) => void,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {
    const root = mqttCfg.topicRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.topicRe = new RegExp(`^${root}parking/v1/gateways/([^/]+)/events$`);
  }

  async start(): Promise<void> {
    const opts: IClientOptions = {
      protocolVersion: 5,
      clientId: this.mqttCfg.clientId,
      clean: false,
      username: this.mqttCfg.username,
      password: this.mqttCfg.password,
      reconnectPeriod: 500,
      connectTimeout: 5000,
      queueQoSZero: false,
      resubscribe: false,
      properties: {
        sessionExpiryInterval: this.ingestCfg.sessionExpiryS,
        receiveMaximum: this.ingestCfg.receiveMaximum,
      },
    };
    const client = mqtt.connect(this.mqttCfg.url, opts);
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
        this.onMessage({ gatewayId: m[1], payload, receivedAt: Date.now(), ack });
      } else {
        ack();
      }
      callback(DEFER_ACK);
    };
    client.on('error', (err) => this.log('mqtt error', err));
    client.on('close', () => this.connection++);
    const topic = subscriptionTopic(this.mqttCfg);
    await new Promise<void>((resolve, reject) => {
      let first = true;
      client.on('connect', () => {
        // Idempotent: a resumed session keeps its subscription, a fresh one needs it.
        const sub = client.subscribeAsync(topic, { qos: 1 });
        if (first) sub.then(() => resolve(), reject);
        else sub.catch((err) => this.log('resubscribe failed', err));
        first = false;
      });
    });
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Closes after the acks already written are flushed. */
  async stop(): Promise<void> {
    const c = this.client;
    if (c) await c.endAsync(!c.connected).catch(() => undefined);
  }
}
