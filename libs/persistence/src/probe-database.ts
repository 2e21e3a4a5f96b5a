import { ServiceUnavailableError } from '@app/logging';
import { Client } from 'pg';

/**
 * Start-up check: connects to DATABASE_URL once (refused, unreachable, bad login, missing
 * database all fail here) and throws a ServiceUnavailableError naming the setting.
 */
export async function probeDatabase(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'start-check',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new ServiceUnavailableError(
      { service: 'PostgreSQL', variable: 'DATABASE_URL', url },
      err,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
