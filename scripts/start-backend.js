// Runs the whole backend on one machine: the API (which applies migrations at boot), the ingest
// worker and the enforcement runner. If one of them stops, the others are stopped and the
// launcher exits with that child's code (1 if it stopped with code 0 or by a signal), so a
// supervisor (systemd, CI, a container runtime) sees the failure.
const { spawn } = require('child_process');
const path = require('path');
const { ensureDatabase } = require('./ensure-database');

const root = path.join(__dirname, '..');
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
    { cwd: root, stdio: 'inherit', env: process.env },
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
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

ensureDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parking')
  .then(() => {
    if (!stopping) startAll();
  })
  .catch((err) => {
    process.stderr.write(`cannot prepare the database: ${err.message}\n`);
    process.exit(1);
  });
