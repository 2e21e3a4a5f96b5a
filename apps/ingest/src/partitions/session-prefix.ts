import { createHash } from 'node:crypto';
import type { MqttConfig } from '@app/config';
import type { DataSource } from 'typeorm';

/** An MQTT config whose session prefix is known. */
export type ResolvedMqttConfig = MqttConfig & { clientId: string };

/**
 * The deployment's MQTT session prefix: MQTT_CLIENT_ID when set, else `parking-ingest-<8 hex>`
 * derived from the database's identity (the cluster's system identifier and the database name).
 * Every worker of a deployment reaches the same database, whatever host name it uses for it, so
 * they share the prefix (and the partitions' ownership); two installations on one broker with
 * different databases never take over each other's sessions.
 */
export async function resolveSessionPrefix(
  mqtt: MqttConfig,
  ds: DataSource,
): Promise<ResolvedMqttConfig> {
  if (mqtt.clientId) return { ...mqtt, clientId: mqtt.clientId };
  const [row]: Array<{ sid: string; db: string }> = await ds.query(
    'SELECT system_identifier::text AS sid, current_database() AS db FROM pg_control_system()',
  );
  return { ...mqtt, clientId: derivedSessionPrefix(row.sid, row.db) };
}

export function derivedSessionPrefix(systemIdentifier: string, database: string): string {
  const h = createHash('sha256').update(`${systemIdentifier}/${database}`).digest('hex');
  return `parking-ingest-${h.slice(0, 8)}`;
}
