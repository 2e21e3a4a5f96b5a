#!/usr/bin/env node
/**
 * `npm test`: finds or starts PostgreSQL, Redis and an MQTT broker once for the whole run
 * (test/support/services.js), runs jest's unit + e2e projects and then the fault suite against
 * them, and stops what it started, also when jest fails or the run is interrupted.
 *
 * A missing redis-server or mosquitto is installed with apt-get when running as root on
 * Debian/Ubuntu (TEST_INSTALL_MISSING=0 turns that off). Otherwise the suites that need it are
 * left out, everything else runs, and the run ends with a counted list of the suites not run,
 * the command that installs what they need, and exit code 1. REQUIRE_ALL_SUITES=1 (CI) makes a
 * missing dependency an immediate error. Arguments go to both jest runs (`npm test -- test/city`).
 * See docs/testing.md.
 */
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const {
  NEEDS,
  binaryWorks,
  installCommand,
  installMissing,
  isServiceSuite,
  provision,
  readNeeds,
} = require('../test/support/services');
const { killLeftovers } = require('../test/support/jest-global-teardown');

const ROOT = join(__dirname, '..');
const JEST = require.resolve('jest/bin/jest');
const SUITE_DIRS = ['apps', 'libs', 'sensors-sim', 'bench', 'test', 'scripts'];
/** The binary each need comes from, when it must be started here. */
const BINARY_OF = {
  redis: 'redis-server',
  mqtt: 'mosquitto',
  'redis-server': 'redis-server',
  mosquitto: 'mosquitto',
  chromium: 'chromium',
};

const log = (m) => process.stderr.write(`npm test: ${m}\n`);

/** Every integration suite in the repository and its `@needs`. */
function allSuites() {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (isServiceSuite(p)) out.push({ path: p, needs: readNeeds(p) ?? [] });
    }
  };
  for (const d of SUITE_DIRS) walk(join(ROOT, d));
  return out;
}

let current = null; // the running jest child
let interrupted = null;
let services = null;

function runJest(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [JEST, ...args], { cwd: ROOT, env, stdio: 'inherit' });
    current = child;
    child.once('exit', (code, signal) => {
      current = null;
      // jest killed or interrupted skips its global teardown: end what its tests started
      if (code !== 0) killLeftovers(child.pid);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function onSignal(sig) {
  if (interrupted) {
    // second signal: stop now
    services?.stopSync();
    process.exit(130);
  }
  interrupted = sig;
  log(`${sig}: stopping jest and the services`);
  if (current) current.kill(sig);
}

async function main() {
  const args = process.argv.slice(2);
  const requireAll = process.env.REQUIRE_ALL_SUITES === '1';
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));

  // specs run the compiled CLIs and apps (dist/): build once here when a source is newer
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'run-dist.js'), '--build-if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });

  const suites = allSuites();
  const needs = new Set(suites.flatMap((s) => s.needs));

  // binaries first: install what is missing when we may
  const bins = [...new Set([...needs].map((n) => BINARY_OF[n]).filter(Boolean))];
  const missingBins = bins.filter((b) => !binaryWorks(b));
  if (missingBins.length > 0 && process.env.TEST_INSTALL_MISSING !== '0') {
    installMissing(missingBins, log);
  }

  services = await provision({ needs: [...needs], log });
  process.once('exit', () => services?.stopSync());
  const unavailable = services.unavailable;
  if (unavailable.size > 0 && requireAll) {
    log('REQUIRE_ALL_SUITES=1 and this machine lacks:');
    for (const [n, why] of unavailable) log(`  ${n}: ${why}`);
    const cmd = installCommand([...unavailable.keys()].map((n) => BINARY_OF[n] ?? n));
    if (cmd) log(`install with: ${cmd}`);
    await services.stop();
    return 1;
  }

  const skippedDir = mkdtempSync(join(tmpdir(), 'parking-test-skipped-'));
  const skippedFile = join(skippedDir, 'skipped.jsonl');
  const env = {
    ...process.env,
    ...services.env,
    PARKING_TEST_SERVICES: 'provided',
    PARKING_TEST_UNAVAILABLE: [...unavailable.keys()].join(','),
    PARKING_TEST_UNAVAILABLE_WHY: JSON.stringify(Object.fromEntries(unavailable)),
    PARKING_TEST_SKIPPED_FILE: skippedFile,
  };
  // a selection, or suites left out, may leave a run with no suite: not an error by itself
  const extra = args.length > 0 || unavailable.size > 0 ? ['--passWithNoTests'] : [];
  let code = await runJest(['--ci', ...extra, ...args], env);
  if (code === 0 && !interrupted) {
    code = await runJest(
      ['--ci', '--runInBand', '-c', 'jest.faults.config.js', ...extra, ...args],
      env,
    );
  }
  await services.stop();
  services = null;

  let skipped = [];
  try {
    skipped = readFileSync(skippedFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    // none
  }
  rmSync(skippedDir, { recursive: true, force: true });
  if (interrupted) return 130;
  if (skipped.length > 0) {
    const missing = [...new Set(skipped.flatMap((s) => s.missing))];
    const cmd = installCommand(missing.map((n) => BINARY_OF[n] ?? n));
    const bar = '!'.repeat(78);
    const lines = [
      '',
      bar,
      `!! ${skipped.length} TEST SUITE${skipped.length === 1 ? '' : 'S'} NOT RUN: this machine lacks ${missing.join(', ')}`,
      ...missing.map((n) => `!!   ${n}, ${NEEDS[n]}: ${unavailable.get(n) ?? 'unavailable'}`),
      ...skipped.map((s) => `!!   not run: ${s.suite}  (needs ${s.missing.join(', ')})`),
      cmd ? `!! install what they need:  ${cmd}` : '!! see docs/testing.md',
      '!! then run `npm test` again. This run FAILS (exit 1) even though everything else passed.',
      bar,
      '',
    ];
    process.stderr.write(lines.join('\n'));
    return code === 0 ? 1 : code;
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(err?.stack ?? String(err));
    services?.stopSync();
    process.exit(1);
  },
);
