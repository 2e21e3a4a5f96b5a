import { parseArgs } from 'node:util';
import type { AppConfig } from '@app/config';
import { readSecretEnv } from '@app/config/secret-env';
import type { DataSource } from 'typeorm';

// The database and auth modules are loaded only once a command needs them: `--help` and usage
// errors answer at once.

export const USAGE = `usage: npm run user -- create --username NAME --role admin|operator|police
       (image: node dist/apps/cli-user/src/main.js create ...)
         [--zones Z1,Z2] [--password-env VAR]
  The password is read from the environment variable VAR, else from the first line of stdin.
  --help, -h prints this text.`;

export interface CliIo {
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  env?: Record<string, string | undefined>;
}

/** Runs the user CLI; returns the process exit code. `config` may be loaded on demand. */
export async function runUserCli(
  argv: string[],
  config: AppConfig | (() => AppConfig),
  openDb: () => Promise<DataSource>,
  io: CliIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        zones: { type: 'string' },
        'password-env': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    // parseArgs adds advice about positionals starting with '-' that does not apply here.
    io.err(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals[0] !== 'create' || !values.username || !values.role) {
    io.err(USAGE);
    return 64;
  }
  const envName = values['password-env'];
  const password = envName
    ? readSecretEnv(envName, io.env)
    : (await io.readStdin()).split(/\r?\n/)[0];
  if (!password) {
    io.err(envName ? `environment variable ${envName} is empty or unset` : 'no password on stdin');
    return 64;
  }
  const zones = values.zones
    ? values.zones
        .split(',')
        .map((z) => z.trim())
        .filter(Boolean)
    : [];
  const auth = typeof config === 'function' ? config().auth : config.auth;
  const { AuthService, JwtTokens } = await import('@app/auth');
  const { PgUserRepository } = await import('@app/persistence');
  const { DomainError } = await import('@app/domain');
  const ds = await openDb();
  try {
    const service = new AuthService(new PgUserRepository(ds), new JwtTokens(auth));
    const user = await service.createUser({
      username: values.username,
      password,
      role: values.role,
      zones,
    });
    io.out(
      `created ${user.role} ${user.username}${user.zones.length ? ` (zones ${user.zones.join(',')})` : ''}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      io.err(err.message);
      return err.code === 'conflict' ? 73 : 65;
    }
    throw err;
  } finally {
    await ds.destroy();
  }
}
