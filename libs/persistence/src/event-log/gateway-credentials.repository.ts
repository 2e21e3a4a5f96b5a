import { Pool } from 'pg';

/** Reads a gateway's stored secret hash (for the HTTP ingest guard). */
export class GatewayCredentialsRepository {
  constructor(private readonly pool: Pool) {}

  async secretHash(gatewayId: string): Promise<string | null> {
    const res = await this.pool.query<{ secret_hash: string | null }>(
      'SELECT secret_hash FROM gateways WHERE id = $1',
      [gatewayId],
    );
    return res.rows[0]?.secret_hash ?? null;
  }
}
