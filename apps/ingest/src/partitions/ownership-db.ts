import { Client, ClientConfig, DatabaseError } from 'pg';
import { fnv1a32 } from './partitions';

/**
 * Advisory-lock namespaces (first int4 key; the second is the partition or member slot), derived
 * from the deployment's session prefix (MQTT_CLIENT_ID): two deployments sharing a database
 * (or tests on one server) never count each other's workers or take each other's partitions.
 */
export function lockNamespaces(sessionPrefix: string): { partitions: number; members: number } {
  const ns = (s: string) => fnv1a32(`${sessionPrefix}/${s}`) & 0x7fffffff;
  return { partitions: ns('partitions'), members: ns('members') };
}
export const MEMBER_SLOTS = 1024;
/** A query that hangs this long means a dead link: drop it (PostgreSQL then frees the locks). */
const QUERY_TIMEOUT_MS = 10_000;

const HELD = `SELECT objid::int AS k FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::int::oid
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/**
 * The worker's dedicated ownership connection: session advisory locks for its member slot and
 * the partitions it owns, which PostgreSQL frees the moment the connection (or process) dies.
 */
export class OwnershipDb {
  private client: Client | null = null;
  private closing = false;
  private slotHeld: number | null = null;
  private drop: (err?: unknown) => void = () => undefined;

  constructor(
    private readonly cfg: ClientConfig,
    private readonly ns: { partitions: number; members: number },
    /** The connection broke: every lock it held is gone. */
    private readonly onLost: (err?: unknown) => void,
  ) {}

  get connected(): boolean {
    return this.client !== null;
  }

  get slot(): number | null {
    return this.slotHeld;
  }

  async connect(): Promise<void> {
    const c = new Client({
      ...this.cfg,
      application_name: 'ingest-owner',
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    let lost = false;
    const onGone = (err?: unknown) => {
      if (lost) return;
      lost = true;
      const wasOurs = this.client === c;
      if (wasOurs) {
        this.client = null;
        this.slotHeld = null;
      }
      void c.end().catch(() => undefined);
      if (wasOurs && !this.closing) this.onLost(err);
    };
    c.on('error', onGone);
    c.on('end', () => onGone());
    try {
      await c.connect();
      this.slotHeld = await this.claimSlot(c);
    } catch (err) {
      lost = true;
      await c.end().catch(() => undefined);
      throw err;
    }
    this.client = c;
    this.drop = onGone;
  }

  /** Locks the first free member slot: the live worker count is the number of slots held. */
  private async claimSlot(c: Client): Promise<number> {
    const held = new Set(
      (await c.query<{ k: number }>(HELD, [this.ns.members])).rows.map((r) => r.k),
    );
    for (let slot = 0; slot < MEMBER_SLOTS; slot++) {
      if (held.has(slot)) continue;
      const r = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        this.ns.members,
        slot,
      ]);
      if (r.rows[0].ok) return slot;
    }
    throw new Error(`all ${MEMBER_SLOTS} ingest member slots are taken`);
  }

  private async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = this.client;
    if (!c) throw new Error('ownership connection is down');
    try {
      return (await c.query<T>(sql, params)).rows;
    } catch (err) {
      // a timed-out or broken link: drop it so PostgreSQL frees the locks and we stop consuming
      if (!(err instanceof DatabaseError) && this.client === c) this.drop(err);
      throw err;
    }
  }

  async liveWorkers(): Promise<number> {
    return (await this.query<{ k: number }>(HELD, [this.ns.members])).length;
  }

  /** Partitions locked by any worker (this one included). */
  async heldPartitions(): Promise<Set<number>> {
    return new Set((await this.query<{ k: number }>(HELD, [this.ns.partitions])).map((r) => r.k));
  }

  async tryLock(partition: number): Promise<boolean> {
    const rows = await this.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      this.ns.partitions,
      partition,
    ]);
    return rows[0].ok;
  }

  async unlock(partition: number): Promise<void> {
    await this.query('SELECT pg_advisory_unlock($1, $2)', [this.ns.partitions, partition]);
  }

  async gatewayIds(): Promise<string[]> {
    return (await this.query<{ id: string }>('SELECT id FROM gateways ORDER BY id')).map(
      (r) => r.id,
    );
  }

  /** Closing the connection releases every lock it holds. */
  async close(): Promise<void> {
    this.closing = true;
    const c = this.client;
    this.client = null;
    this.slotHeld = null;
    await c?.end().catch(() => undefined);
  }
}
