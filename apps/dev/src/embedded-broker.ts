import { createServer, Socket } from 'node:net';
import { importEsm } from './esm';
import { firstFreePort } from './ports';

/** The subset of aedes 1.x (ESM-only) used here. */
interface AedesBroker {
  handle(conn: Socket): void;
  close(cb?: () => void): void;
  on(event: 'clientError' | 'connectionError', fn: (client: unknown, err: Error) => void): void;
}
interface AedesModule {
  Aedes: { createBroker(opts?: Record<string, unknown>): Promise<AedesBroker> };
}

export interface EmbeddedBroker {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * An in-process MQTT 3.1.1 broker (aedes, in-memory persistence: QoS 1 and persistent sessions
 * hold while the process runs) on 127.0.0.1, `preferredPort` or the next free one.
 * aedes refuses MQTT 5 and `$share` subscriptions: the ingest worker speaks 3.1.1 here
 * (MQTT_PROTOCOL_VERSION=4); gateways, mosquitto_pub and the simulator already do.
 */
export async function startEmbeddedBroker(
  preferredPort: number,
  onError: (msg: string) => void,
): Promise<EmbeddedBroker> {
  const { Aedes } = await importEsm<AedesModule>('aedes');
  // client ids up to MQTT_CLIENT_ID's 59 chars + the partition suffix
  const broker = await Aedes.createBroker({ maxClientsIdLength: 128 });
  broker.on('clientError', (_c, err) => onError(`mqtt client error: ${err.message}`));
  broker.on('connectionError', (_c, err) => onError(`mqtt connection error: ${err.message}`));
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    broker.handle(s);
  });
  const port = await firstFreePort(preferredPort);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((r) => broker.close(() => r()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
