import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { readSecretEnv } from '@app/config/secret-env';
import { checkBrokerUsername, removeBrokerLogin, setBrokerLogin } from './mosquitto-passwords';

export const USAGE = `usage: npm run gateway -- <command>   (image: node dist/apps/cli-gateway/src/main.js <command>)
  add <gatewayId> --passwords FILE [--city FILE] [--name NAME] [--secret-env VAR]
      give a gateway its secret (a new gateway, or a rotation): sets its login in the Mosquitto
      password FILE (created if missing, its line replaced); with --city also sets
      gateways[].secretHash (scrypt, for the HTTP ingest fallback) in that city file, stored by
      the next \`city import\`. The secret is read from VAR, else generated and printed once on
      stdout. The ACL needs no per-gateway entry: its pattern lets login <id> write
      parking/v1/gateways/<id>/events only. Then make the broker reread the file (SIGHUP).
  remove <gatewayId> --passwords FILE
      delete a gateway's broker login
  broker-user <username> --passwords FILE --secret-env VAR
      set another broker login (the ingest workers' \`ingest\`, from MQTT_INGEST_PASSWORD)
  --help, -h    this text`;

/** Logins that are not gateways; a gateway may not take their name. */
export const RESERVED_LOGINS = ['ingest'];

export interface GatewayCliIo {
  out(line: string): void;
  err(line: string): void;
  env?: Record<string, string | undefined>;
}

class UsageError extends Error {}

interface CityFileLike {
  gateways?: Array<{ id: string; name?: string; secretHash?: string }>;
}

/** Sets the gateway's secret hash in a city file (adds the gateway when it is not listed). */
async function setCityGateway(file: string, id: string, secret: string, name?: string) {
  const { hashSecret } = await import('@app/security');
  let city: CityFileLike;
  try {
    city = JSON.parse(readFileSync(file, 'utf8')) as CityFileLike;
  } catch (err) {
    throw new UsageError(`cannot read the city file ${file}: ${(err as Error).message}`);
  }
  city.gateways ??= [];
  const secretHash = hashSecret(secret);
  const existing = city.gateways.find((g) => g.id === id);
  if (existing) {
    existing.secretHash = secretHash;
    if (name !== undefined) existing.name = name;
  } else {
    city.gateways.push({ id, ...(name !== undefined ? { name } : {}), secretHash });
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(city, null, 2)}\n`);
  return existing ? 'updated' : 'added';
}

async function run(argv: string[], io: GatewayCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        passwords: { type: 'string' },
        city: { type: 'string' },
        name: { type: 'string' },
        'secret-env': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [cmd, login, ...extra] = positionals;
  if (!cmd || !login || extra.length > 0 || !values.passwords) throw new UsageError('');
  const bad = checkBrokerUsername(login);
  if (bad) throw new UsageError(bad);
  const envName = values['secret-env'];
  const fromEnv = envName ? readSecretEnv(envName, io.env) : undefined;
  if (envName && !fromEnv)
    throw new UsageError(`environment variable ${envName} is empty or unset`);
  switch (cmd) {
    case 'add': {
      if (RESERVED_LOGINS.includes(login)) {
        throw new UsageError(`"${login}" is a reserved broker login, not a gateway id`);
      }
      const secret = fromEnv ?? randomBytes(32).toString('base64url');
      const replaced = setBrokerLogin(values.passwords, login, secret);
      io.err(`${values.passwords}: ${replaced ? 'replaced' : 'added'} the login of ${login}`);
      if (values.city) {
        const what = await setCityGateway(values.city, login, secret, values.name);
        io.err(`${values.city}: ${what} gateway ${login} (run city import to store it)`);
      }
      if (!fromEnv) io.out(`${login} secret: ${secret}`);
      return 0;
    }
    case 'remove': {
      if (values.city || envName) throw new UsageError('remove takes only --passwords');
      if (!removeBrokerLogin(values.passwords, login)) {
        io.err(`${values.passwords}: no login ${login}`);
        return 1;
      }
      io.err(`${values.passwords}: removed the login of ${login}`);
      return 0;
    }
    case 'broker-user': {
      if (!fromEnv) throw new UsageError('broker-user needs --secret-env VAR');
      const replaced = setBrokerLogin(values.passwords, login, fromEnv);
      io.err(`${values.passwords}: ${replaced ? 'replaced' : 'added'} the login of ${login}`);
      return 0;
    }
    default:
      throw new UsageError('');
  }
}

/** Runs the gateway CLI; returns the exit code (64: usage, 1: nothing to remove, 3: failure). */
export async function runGatewayCli(argv: string[], io: GatewayCliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message ? `${err.message}\n${USAGE}` : USAGE);
      return 64;
    }
    io.err(`gateway: ${err instanceof Error ? err.message : String(err)}`);
    return 3;
  }
}
