import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Mosquitto 2 password file: one `username:$7$<iterations>$<salt b64>$<hash b64>` line per login,
 * PBKDF2-SHA512, as `mosquitto_passwd` writes it (101 iterations and a 12-byte salt by default;
 * the broker reads the iteration count from the line). Secrets written by the gateway CLI are 32
 * random bytes, so the iteration count does not guard them.
 */
export const PBKDF2_ITERATIONS = 101;

export function mosquittoHash(secret: string, salt = randomBytes(12)): string {
  const hash = pbkdf2Sync(secret, salt, PBKDF2_ITERATIONS, 64, 'sha512');
  return `$7$${PBKDF2_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a secret against a `$7$` line's hash. */
export function verifyMosquittoHash(secret: string, stored: string): boolean {
  const [, kind, iterations, salt, hash] = stored.split('$');
  if (kind !== '7' || !hash) return false;
  const h = pbkdf2Sync(secret, Buffer.from(salt, 'base64'), Number(iterations), 64, 'sha512');
  return h.toString('base64') === hash;
}

/** A username the password file and the ACL's `%u` pattern can carry. */
export function checkBrokerUsername(username: string): string | undefined {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(username)) {
    return `"${username}": a broker login is 1..64 chars of [A-Za-z0-9._-] (no ':', '/', '+', '#')`;
  }
  return undefined;
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** Replaces a process-safe copy of the file (write beside it, then rename). */
function writeLines(file: string, lines: string[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  // Hashes only; readable by the broker's own user, which is not the CLI's user in the image.
  writeFileSync(tmp, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o644 });
  renameSync(tmp, file);
}

/** Sets (adds or replaces) one login; returns true when it replaced an existing line. */
export function setBrokerLogin(file: string, username: string, secret: string): boolean {
  const lines = readLines(file);
  const line = `${username}:${mosquittoHash(secret)}`;
  const i = lines.findIndex((l) => l.startsWith(`${username}:`));
  if (i >= 0) lines[i] = line;
  else lines.push(line);
  writeLines(file, lines);
  return i >= 0;
}

/** Removes one login; returns false when it was not there. */
export function removeBrokerLogin(file: string, username: string): boolean {
  const lines = readLines(file);
  const kept = lines.filter((l) => !l.startsWith(`${username}:`));
  if (kept.length === lines.length) return false;
  writeLines(file, kept);
  return true;
}
