import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Secrets the development profile generates once and keeps under the local folder. */
export interface DevSecrets {
  /** Signs staff JWTs (config's JWT_SECRET unless the environment sets one). */
  jwtSecret: string;
  /** The embedded PostgreSQL's `postgres` password (initdb'd with it). */
  pgPassword: string;
}

/** `PARKING_LOCAL_DIR` (tests use a temporary one) or the repository's git-ignored `.local/`. */
export function localDir(root: string, env: Record<string, string | undefined>): string {
  const dir = env.PARKING_LOCAL_DIR ? resolve(env.PARKING_LOCAL_DIR) : join(root, '.local');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Reads `<dir>/dev-secrets.json`, creating it (mode 0600) on the first start. */
export function loadOrCreateSecrets(dir: string): { secrets: DevSecrets; created: boolean } {
  const file = join(dir, 'dev-secrets.json');
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
    if (typeof s.jwtSecret === 'string' && typeof s.pgPassword === 'string')
      return { secrets: { jwtSecret: s.jwtSecret, pgPassword: s.pgPassword }, created: false };
    throw new Error(`${file}: not a development secrets file (delete ${dir} to start afresh)`);
  }
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    pgPassword: randomBytes(18).toString('base64url'),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return { secrets, created: true };
}
