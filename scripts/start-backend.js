// Runs the whole backend on one machine: the API (which applies migrations at boot), the ingest
// worker and the enforcement runner.
const { spawn } = require('child_process');
const path = require('path');
const { ensureDatabase } = require('./ensure-database');

const root = path.join(__dirname, '..');
const apps = ['api', 'ingest', 'enforcer'];
const children = [];

function startAll() {
  for (const name of apps) children.push(startApp(name));
}

function startApp(name) {
  const child = spawn(
    process.execPath,
    ['-r', './scripts/register-paths.js', `dist/apps/${name}/src/main.js`],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  child.on('exit', (code, signal) => {
    process.stderr.write(`${name} exited (${signal ?? code}); stopping the backend\n`);
    shutdown(code ?? 1);
  });
  return child;
}

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

ensureDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parking')
  .then(startAll)
  .catch((err) => {
    process.stderr.write(`cannot prepare the database: ${err.message}\n`);
    process.exit(1);
  });
