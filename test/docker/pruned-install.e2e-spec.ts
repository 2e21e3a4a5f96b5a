/** @needs none (a pruned production install in a temporary copy; npm reads its cache) */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIfStale } = require('../../scripts/run-dist.js') as {
  buildIfStale(entry: string): boolean;
};

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The image's runtime stage, without Docker: the files its COPY lines take (dist from a fresh
 * build), a clean `npm ci --omit=dev --ignore-scripts`, then the commands the image and compose
 * run. Catches a runtime module in devDependencies, a file the image forgets, a slow CLI.
 */
describe('the image runtime (pruned production install)', () => {
  let app: string;

  const node = async (args: string[], env: Record<string, string> = {}): Promise<Result> => {
    const started = Date.now();
    try {
      const r = await run(process.execPath, args, {
        cwd: app,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
        timeout: 20_000,
        killSignal: 'SIGKILL',
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof e.code === 'number' ? e.code : -1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
        ms: Date.now() - started,
      };
    }
  };

  beforeAll(async () => {
    buildIfStale('apps/api/src/main');
    app = mkdtempSync(join(tmpdir(), 'image-runtime-'));
    // the final stage's COPY lines (after the last FROM)
    const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const copies = final.split('\n').filter((l) => l.startsWith('COPY '));
    expect(copies.length).toBeGreaterThan(3);
    for (const line of copies) {
      const words = line.split(/\s+/).slice(1);
      const from = words[0].startsWith('--from=') ? words.shift()!.slice(7) : undefined;
      const dest = words.pop()!;
      if (from === 'deps') continue; // node_modules: installed below as that stage does
      for (const src of words) {
        // the build stage's /app/dist is this checkout's fresh build
        const source = from === 'build' ? join(ROOT, src.replace(/^\/app\//, '')) : join(ROOT, src);
        const target = dest.endsWith('/')
          ? join(app, dest, src.split('/').pop()!)
          : join(app, dest);
        cpSync(source, words.length > 1 || dest.endsWith('/') ? target : join(app, dest), {
          recursive: true,
        });
      }
    }
    cpSync(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
    await run(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
      {
        cwd: app,
        timeout: 50_000,
      },
    );
  }, 120_000);

  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('has the runtime dependencies, not the dev ones', () => {
    expect(existsSync(join(app, 'node_modules/tsconfig-paths'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/jest'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/chinese-days'))).toBe(false);
    // (ts-node and typescript remain: typeorm declares ts-node as a peer; nothing here runs them)
  });

  it('the CLIs answer --help with exit 0, fast', async () => {
    for (const args of [
      ['dist/apps/cli/src/main.js', '--help'],
      ['scripts/cli.js', 'city', '--help'],
      ['scripts/cli.js', 'user', '--help'],
      ['scripts/cli.js', 'gateway', '--help'],
    ]) {
      const r = await node(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^usage: /);
      // about 0.2 s on an idle machine; generous for a shared CI runner
      expect(r.ms).toBeLessThan(2500);
    }
  });

  it('city validate checks the sample city', async () => {
    const r = await node(['scripts/cli.js', 'city', 'validate', 'data/sample-city.json']);
    expect(r).toMatchObject({ code: 0, stdout: 'data/sample-city.json: valid (301 spaces)\n' });
  });

  it('gateway add writes a broker login', async () => {
    const file = join(app, 'passwords');
    const r = await node(['scripts/cli.js', 'gateway', 'add', 'gw-9', '--passwords', file]);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^gw-9 secret: \S{43}\n$/) });
    expect(readFileSync(file, 'utf8')).toMatch(/^gw-9:\$7\$101\$[^$]+\$[^$]+\n$/);
  });

  it('api, ingest and enforcer load every module: a bad setting stops them with a config error', async () => {
    for (const entry of ['api', 'ingest', 'enforcer']) {
      const r = await node(
        ['-r', './scripts/register-paths.js', `dist/apps/${entry}/src/main.js`],
        { HTTP_PORT: 'not-a-port' },
      );
      expect({ entry, code: r.code }).toEqual({ entry, code: 78 });
      expect(r.stderr).toContain('HTTP_PORT');
      expect(r.stderr).not.toMatch(/Cannot find module/);
    }
  });

  it('the healthcheck script fails on a closed port', async () => {
    const r = await node(['scripts/healthcheck.js', 'http://127.0.0.1:9/health/ready']);
    expect(r.code).toBe(1);
  });
});
