/** @needs postgres (test/support/services.js) */
import type { MqttConfig } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import { resolveSessionPrefix } from '../../apps/ingest/src/partitions/session-prefix';
import { createEmptyDatabase, TestDatabase } from '../support/db';

const mqtt: MqttConfig = {
  url: 'mqtt://127.0.0.1:1',
  clientId: null,
  topicRoot: '',
  protocolVersion: 5,
} as MqttConfig;

describe('MQTT session prefix of a deployment (MQTT_CLIENT_ID unset)', () => {
  const dbs: TestDatabase[] = [];
  const sources: DataSource[] = [];
  const open = async (db: TestDatabase) => {
    const ds = new DataSource(
      dataSourceOptions({ db: { url: db.url, poolSize: 1, runMigrations: false } }),
    );
    await ds.initialize();
    sources.push(ds);
    return ds;
  };

  beforeAll(async () => {
    dbs.push(await createEmptyDatabase(), await createEmptyDatabase());
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    for (const db of dbs) await db.drop();
  });

  it('is the same for every worker of one database and differs between installations', async () => {
    const a1 = await resolveSessionPrefix(mqtt, await open(dbs[0]));
    const a2 = await resolveSessionPrefix(mqtt, await open(dbs[0]));
    const b = await resolveSessionPrefix(mqtt, await open(dbs[1]));
    expect(a1.clientId).toMatch(/^parking-ingest-[0-9a-f]{8}$/);
    expect(a2.clientId).toBe(a1.clientId);
    expect(b.clientId).not.toBe(a1.clientId);
  });

  it('MQTT_CLIENT_ID, when set, is used as is', async () => {
    const r = await resolveSessionPrefix({ ...mqtt, clientId: 'city-a' }, await open(dbs[0]));
    expect(r.clientId).toBe('city-a');
  });
});
