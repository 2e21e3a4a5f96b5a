import { connectAsync, type MqttClient } from 'mqtt';
import type { SimMessage } from './message-batcher';
import { Publisher } from './publisher';

export interface MqttPublisherOptions {
  url: string;
  /** Connections shared by all gateways (a gateway always uses the same one, keeping its order). */
  connections: number;
  clientIdPrefix: string;
  username?: string;
  password?: string;
  /** One connection per gateway, logging in as gatewayId with its secret (for brokers with per-gateway ACLs). */
  gatewaySecrets?: Record<string, string>;
}

/** Publishes with QoS 1 through mqtt.js; a message counts as sent when the broker's PUBACK arrives. */
export class MqttPublisher extends Publisher {
  readonly name = 'mqtt';
  private readonly shared: MqttClient[] = [];
  private readonly perGateway = new Map<string, Promise<MqttClient>>();
  private failures = 0;

  constructor(private readonly o: MqttPublisherOptions) {
    super();
  }

  async start(): Promise<void> {
    if (this.o.gatewaySecrets) return;
    for (let i = 0; i < Math.max(1, this.o.connections); i++) {
      this.shared.push(
        await this.connect(`${this.o.clientIdPrefix}-${i}`, this.o.username, this.o.password),
      );
    }
  }

  async publish(m: SimMessage): Promise<void> {
    const client = await this.clientFor(m.gatewayId);
    try {
      await client.publishAsync(m.topic, m.payload, { qos: 1 });
    } catch (err) {
      this.failures++;
      throw err;
    }
  }

  async close(): Promise<void> {
    const clients = [...this.shared, ...(await Promise.all(this.perGateway.values()))];
    await Promise.all(clients.map((c) => c.endAsync()));
  }

  override stats(): Record<string, number> {
    return { connections: this.shared.length + this.perGateway.size, failures: this.failures };
  }

  private clientFor(gatewayId: string): Promise<MqttClient> | MqttClient {
    const secrets = this.o.gatewaySecrets;
    if (!secrets) return this.shared[hash(gatewayId) % this.shared.length];
    let c = this.perGateway.get(gatewayId);
    if (!c) {
      c = this.connect(
        `${this.o.clientIdPrefix}-${gatewayId}`.slice(0, 64),
        gatewayId,
        secrets[gatewayId],
      );
      this.perGateway.set(gatewayId, c);
    }
    return c;
  }

  private connect(clientId: string, username?: string, password?: string): Promise<MqttClient> {
    return connectAsync(this.o.url, {
      clientId,
      username,
      password,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      protocolVersion: 4,
    });
  }
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h;
}
