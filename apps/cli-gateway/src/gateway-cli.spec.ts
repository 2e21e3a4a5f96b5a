import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySecret } from '@app/security';
import { runGatewayCli } from './gateway-cli';
import { mosquittoHash, verifyMosquittoHash } from './mosquitto-passwords';

describe('gateway CLI', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (argv: string[], env: Record<string, string> = {}) =>
    runGatewayCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  const passwords = () => join(dir, 'passwords');
  const logins = () =>
    Object.fromEntries(
      readFileSync(passwords(), 'utf8')
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the hash mosquitto_passwd writes ($7$, PBKDF2-SHA512, 101 iterations)', () => {
    // a line written by mosquitto_passwd 2.0.11 for the password "secret"
    const fromMosquitto =
      '$7$101$AGhYZ3j2nxKz2cFQ$vRisWHl4fVKScdaDSNz1uuRVytvaZw+o4CfXaCz5Kvm/bhJAi8Rdm3A0HY3tNLdfZc2TTu9LeMbttJWmOz3f2A==';
    expect(verifyMosquittoHash('secret', fromMosquitto)).toBe(true);
    expect(verifyMosquittoHash('other', fromMosquitto)).toBe(false);
    const salt = Buffer.from('AGhYZ3j2nxKz2cFQ', 'base64');
    expect(mosquittoHash('secret', salt)).toBe(fromMosquitto);
  });

  it('add: a generated secret, printed once, in the password file and the city file', async () => {
    const city = join(dir, 'city.json');
    writeFileSync(city, JSON.stringify({ version: 1, gateways: [{ id: 'gw-0' }] }));
    expect(await run(['add', 'gw-1', '--passwords', passwords(), '--city', city])).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^gw-1 secret: [A-Za-z0-9_-]{43}$/)]);
    const secret = out[0].split(': ')[1];
    expect(verifyMosquittoHash(secret, logins()['gw-1'])).toBe(true);
    const gateways = JSON.parse(readFileSync(city, 'utf8')).gateways;
    expect(gateways.map((g: { id: string }) => g.id)).toEqual(['gw-0', 'gw-1']);
    expect(verifySecret(secret, gateways[1].secretHash)).toBe(true);
  });

  it('add again rotates: one line per login, the old secret no longer works', async () => {
    const env = { INGEST_PW: 'ingest-pw', GW_SECRET: 'first', GW_SECRET2: 'second' };
    expect(
      await run(
        ['broker-user', 'ingest', '--passwords', passwords(), '--secret-env', 'INGEST_PW'],
        env,
      ),
    ).toBe(0);
    expect(
      await run(['add', 'gw-1', '--passwords', passwords(), '--secret-env', 'GW_SECRET'], env),
    ).toBe(0);
    expect(
      await run(['add', 'gw-1', '--passwords', passwords(), '--secret-env', 'GW_SECRET2'], env),
    ).toBe(0);
    expect(out).toEqual([]); // a secret from the environment is never printed
    const l = logins();
    expect(Object.keys(l)).toEqual(['ingest', 'gw-1']);
    expect(verifyMosquittoHash('ingest-pw', l.ingest)).toBe(true);
    expect(verifyMosquittoHash('second', l['gw-1'])).toBe(true);
    expect(verifyMosquittoHash('first', l['gw-1'])).toBe(false);
    expect(await run(['remove', 'gw-1', '--passwords', passwords()])).toBe(0);
    expect(Object.keys(logins())).toEqual(['ingest']);
    expect(await run(['remove', 'gw-1', '--passwords', passwords()])).toBe(1);
  });

  it('refuses logins the password file or the ACL pattern cannot carry, and the reserved ingest', async () => {
    for (const id of ['gw:1', 'gw/1', 'gw+', 'ingest']) {
      err = [];
      expect(await run(['add', id, '--passwords', passwords()])).toBe(64);
      expect(err[0]).toMatch(/broker login|reserved/);
    }
    expect(await run(['broker-user', 'ingest', '--passwords', passwords()])).toBe(64);
    expect(await run(['add', 'gw-1', '--passwords', passwords(), '--secret-env', 'UNSET'])).toBe(
      64,
    );
  });

  it('--help exits 0 with the usage; a usage error exits 64', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(out[0]).toMatch(/^usage: npm run gateway/);
    expect(await run(['add', 'gw-1'])).toBe(64);
    expect(await run(['add', 'gw-1', '--passwords', passwords(), '--bogus'])).toBe(64);
    expect(err.at(-1)).toMatch(/usage:/);
  });
});
