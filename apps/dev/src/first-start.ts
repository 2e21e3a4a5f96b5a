import { AuthService, JwtTokens } from '@app/auth';
import { CityService } from '@app/city';
import { AuthConfig } from '@app/config';
import { PgCityStore, PgUserRepository } from '@app/persistence';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';

export interface FirstStartResult {
  /** Spaces imported from the sample city (0: a city was already there). */
  importedSpaces: number;
  /** The generated admin's credentials, only when it was created now (printed once). */
  admin: { username: string; password: string } | null;
}

export const DEV_ADMIN = 'admin';

/**
 * On an empty database (the migrations applied): imports the sample city, as
 * `npm run city -- import data/sample-city.json` does, and creates the staff admin with a
 * generated password. Each happens once: a stored city or any staff user is left alone.
 */
export async function prepareFirstStart(
  ds: DataSource,
  sampleCityFile: string,
  auth: AuthConfig,
): Promise<FirstStartResult> {
  let importedSpaces = 0;
  const [{ lots }] = (await ds.query('SELECT count(*)::int AS lots FROM lots')) as {
    lots: number;
  }[];
  if (lots === 0) {
    const counts = await new CityService(new PgCityStore(ds)).import(
      JSON.parse(readFileSync(sampleCityFile, 'utf8')),
    );
    importedSpaces = counts.tables.spaces?.inserted ?? 0;
  }
  const users = new PgUserRepository(ds);
  let admin: FirstStartResult['admin'] = null;
  if ((await users.list()).length === 0) {
    const password = randomBytes(12).toString('base64url');
    await new AuthService(users, new JwtTokens(auth)).createUser({
      username: DEV_ADMIN,
      password,
      role: 'admin',
      zones: [],
    });
    admin = { username: DEV_ADMIN, password };
  }
  return { importedSpaces, admin };
}
