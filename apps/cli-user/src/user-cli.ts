import { parseArgs } from 'node:util';
import { AuthService, JwtTokens } from '@app/auth';
import { PgUserRepository } from '@app/persistence';
import { AppConfig, readSecretEnv } from '@app/config';
import { DomainError } from '@app/domain';
import { DataSource } from 'typeorm';

export const USAGE = `usage: npm run user -- create --username NAME --role admin|operator|police
         [--zones Z1,Z2] [--password-env VAR]
  The password is read from the environment variable VAR, else from the first line of stdin.
  --help, -h prints this text.`;

export interface CliIo {
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  env?: Record<string, string | undefined>;
}

/** Runs the user CLI; returns the process exit code. */
export async function runUserCli(
  argv: string[],
  config: AppConfig,
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
  const ds = await openDb();
  try {
    const auth = new AuthService(new PgUserRepository(ds), new JwtTokens(config.auth));
    const user = await auth.createUser({
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
