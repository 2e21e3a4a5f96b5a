// Runs the whole backend on one machine. With no service configured (none of DATABASE_URL,
// REDIS_URL, MQTT_URL in the environment or in `.env`) it runs the embedded development profile in
// this process (apps/dev, docs/dev-profile.md). Otherwise: the API (which applies migrations at
// boot), the ingest worker and the enforcement runner. If one of them stops, the others are stopped and the
// launcher exits with that child's code (1 if it stopped with code 0 or by a signal), so a
// supervisor (systemd, CI, a container runtime) sees the failure.
const { spawn } = require('child_process');
const path = require('path');
const { ensureDatabase } = require('./ensure-database');
const { loadEnvironment, selectProfile } = require('./dev-profile');

const root = path.join(__dirname, '..');
const { env } = loadEnvironment(root);
const choice = selectProfile(env);
const apps = ['api', 'ingest', 'enforcer'];
const children = [];
/** Grace for the children's own graceful stop before they are killed. */
const STOP_GRACE_MS = 15_000;

function startAll() {
  for (const name of apps) children.push(startApp(name));
}

const alive = (c) => c.exitCode === null && c.signalCode === null;

function startApp(name) {
  const child = spawn(
    process.execPath,
    ['-r', './scripts/register-paths.js', `dist/apps/${name}/src/main.js`],
    { cwd: root, stdio: 'inherit', env },
  );
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} exited (${signal ?? code}); stopping the backend\n`);
      shutdown(code ? code : 1);
    }
    if (!children.some(alive)) process.exit(process.exitCode ?? 0);
  });
  return child;
}

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const c of children) if (alive(c)) c.kill('SIGTERM');
  if (!children.some(alive)) process.exit(code);
  setTimeout(() => {
    for (const c of children) if (alive(c)) c.kill('SIGKILL');
    process.exit(code);
  }, STOP_GRACE_MS).unref();
}
function startServices() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  ensureDatabase(env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parking')
    .then(() => {
      if (!stopping) startAll();
    })
    .catch((err) => {
      process.stderr.write(`cannot prepare the database: ${err.message}\n`);
      process.exit(1);
    });
}

if (choice.profile === 'services') {
  if (process.argv.includes('--simulate'))
    process.stderr.write('--simulate runs only in the embedded development profile; ignored\n');
  startServices();
} else if (choice.refusal) {
  process.stderr.write(`${choice.refusal}\n`);
  process.exit(1);
} else {
  require('./register-paths');
  require(path.join(root, 'dist', 'apps', 'dev', 'src', 'main.js'))
    .runEmbedded({ root, env, argv: process.argv.slice(2) })
    .catch((err) => {
      process.stderr.write(`development profile failed: ${err && err.stack ? err.stack : err}\n`);
      process.exit(1);
    });
}
