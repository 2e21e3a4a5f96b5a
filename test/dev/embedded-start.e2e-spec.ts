/** @needs none (it starts its own PostgreSQL and broker; live state in memory) */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { Child, getJson, pollUntil, startChild } from '../support/child-process';

const REPO = join(__dirname, '..', '..');
const SPACE = 'sp-core-yan-an-rd-001'; // sensor sn-0001, bound to gw-01 (data/sample-city.json)

/**
 * `npm start` with no service configured: the real launcher (scripts/start-backend.js and
 * dev-profile.js) in a copy of the repository layout whose `dist/apps/dev/src/main.js` loads the
 * profile's TypeScript source through ts-node (the same code `npm run build` compiles, without a
 * whole build in the test). Embedded PostgreSQL, aedes, api + ingest + enforcer in one process,
 * with a temporary PARKING_LOCAL_DIR: the repository's .local is never touched.
 */
describe('npm start, embedded development profile', () => {
  let dir: string;
  let local: string;
  let launcher: Child | null = null;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-profile-'));
    // run as root (CI), PostgreSQL runs as the user postgres, which must reach its data folder
    chmodSync(dir, 0o711);
    local = join(dir, 'local');
    mkdirSync(join(dir, 'scripts'));
    for (const f of ['start-backend.js', 'ensure-database.js', 'dev-profile.js']) {
      copyFileSync(join(REPO, 'scripts', f), join(dir, 'scripts', f));
    }
    writeFileSync(join(dir, 'scripts', 'register-paths.js'), '');
    for (const d of ['node_modules', 'data']) symlinkSync(join(REPO, d), join(dir, d));
    mkdirSync(join(dir, 'dist', 'apps', 'dev', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'dist', 'apps', 'dev', 'src', 'main.js'),
      `process.env.TS_NODE_TRANSPILE_ONLY = '1';
process.env.TS_NODE_PROJECT = ${JSON.stringify(join(REPO, 'tsconfig.json'))};
require('ts-node/register');
require('tsconfig-paths/register');
module.exports = require(${JSON.stringify(join(REPO, 'apps', 'dev', 'src', 'main.ts'))});
`,
    );
  });

  afterAll(async () => {
    await launcher?.kill('SIGKILL');
    // a failed run may leave the embedded server (its own process group) behind
    const pidFile = join(local, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () =>
    (launcher = startChild(process.execPath, ['scripts/start-backend.js'], {
      cwd: dir,
      // no DATABASE_URL, REDIS_URL or MQTT_URL
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PARKING_LOCAL_DIR: local,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_ENABLED: 'false',
      },
    }));

  const banner = async (l: Child) => {
    await l.waitFor(/Ctrl-C stops everything/, 120_000);
    const out = l.output();
    const api = /API\s+(http:\/\/\S+)/.exec(out)?.[1];
    const mqtt = /MQTT\s+(mqtt:\/\/\S+)/.exec(out)?.[1];
    if (!api || !mqtt) throw new Error(`no URLs in the banner:\n${out}`);
    expect(out).toMatch(/NOT FOR PRODUCTION/);
    return { api, mqtt, out };
  };
  const spaceState = async (api: string) =>
    ((await getJson(`${api}/v1/spaces/${SPACE}`)).body as { state?: string }).state;

  it('serves, ingests over MQTT 3.1.1, stops cleanly and keeps the data', async () => {
    // first start: initdb, sample city, admin printed once
    const first = start();
    const { api, mqtt, out } = await banner(first);
    expect(out).toMatch(/Sample city imported .*301 spaces/);
    expect(out).toMatch(/Staff admin created: username admin {2}password \S{12,}/);
    expect(await spaceState(api)).not.toBe('occupied');

    const client = await connectAsync(mqtt, { protocolVersion: 4, clientId: 'gw-test' });
    try {
      const event = {
        sensorId: 'sn-0001',
        seq: 1,
        type: 'startup',
        occupied: true,
        ts: Date.now(),
      };
      await client.publishAsync('parking/v1/gateways/gw-01/events', JSON.stringify(event), {
        qos: 1,
      });
    } finally {
      await client.endAsync();
    }
    await pollUntil(first, 'the space occupied', async () =>
      (await spaceState(api)) === 'occupied' ? true : undefined,
    );

    // every process of the profile, postgres and its children included
    const pid = Number(readFileSync(join(local, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const tree = [...descendants(first.proc.pid!), pid, ...descendants(pid)];
    expect(tree.length).toBeGreaterThan(3);
    expect(await first.kill('SIGINT')).toBe(0);
    await waitUntil(() => tree.every((p) => !alive(p)), 10_000);
    expect(tree.filter(alive)).toEqual([]);
    expect(existsSync(join(local, 'pg', 'postmaster.pid'))).toBe(false);

    // second start on the same folder: data kept, nothing created again
    const second = start();
    const again = await banner(second);
    expect(again.out).not.toMatch(/Staff admin created|Sample city imported/);
    // the live state was rebuilt from PostgreSQL's records
    await pollUntil(second, 'the space still occupied', async () =>
      (await spaceState(again.api)) === 'occupied' ? true : undefined,
    );
    expect(await second.kill('SIGINT')).toBe(0);
    expect(existsSync(join(local, 'pg', 'postmaster.pid'))).toBe(false);
  }, 300_000);

  it('refuses to run with NODE_ENV=production', async () => {
    const l = startChild(process.execPath, ['scripts/start-backend.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PARKING_LOCAL_DIR: local },
    });
    expect(await l.exited).toBe(1);
    expect(l.output()).toMatch(/not for production/);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids whose parent chain leads to `root` (from /proc). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

async function waitUntil(ok: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}
