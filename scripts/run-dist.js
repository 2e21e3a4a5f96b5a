#!/usr/bin/env node
// Runs a compiled entry point from dist/ in this process, e.g. `node scripts/run-dist.js
// apps/cli/src/main validate city.json` (what `npm run city` does). When a source file is newer
// than the compiled entry, it runs `npm run build` first (one build at a time), so it is fast when
// dist/ is fresh (a stat of ~300 files, a few ms) and never runs stale code.
// `node scripts/run-dist.js --build-if-stale` only builds.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const SOURCES = ['apps', 'libs', 'scripts'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];
const LOCK = join(ROOT, 'dist', '.build-lock');

/** Newest modification time (ms) of the build's inputs. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') visit(p);
      } else if (/\.(ts|mts|vue|css|html)$/.test(e.name) && !/\.(e2e-)?spec\.ts$/.test(e.name)) {
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  for (const d of SOURCES) visit(join(ROOT, d));
  for (const f of CONFIGS) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

function builtAt(entry) {
  try {
    // one build writes the backend and the dashboard (dist/dashboard): both must be there
    const dashboard = statSync(join(ROOT, 'dist', 'dashboard', 'index.html')).mtimeMs;
    return Math.min(statSync(join(ROOT, 'dist', `${entry}.js`)).mtimeMs, dashboard);
  } catch {
    return -1;
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds unless dist/<entry>.js is newer than every source; waits for a build running elsewhere. */
function buildIfStale(entry) {
  if (builtAt(entry) >= newestSource()) return false;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // another process builds; a lock older than 5 minutes belongs to a dead build
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 300_000) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      sleep(250);
    }
  }
  try {
    if (builtAt(entry) >= newestSource()) return false; // built while we waited
    process.stderr.write('dist/ is older than the sources: npm run build ...\n');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function canBuild() {
  try {
    require.resolve('typescript', { paths: [ROOT] });
    require.resolve('vite', { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

module.exports = { buildIfStale };

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write(
      'usage: node scripts/run-dist.js <entry, e.g. apps/cli/src/main> [args]\n',
    );
    process.exit(64);
  }
  if (entry === '--build-if-stale') {
    // `npm ci` runs this as the root `prepare`: a production install (--omit=dev) has no compiler
    // and nothing to build with, so it only says so
    if (args.includes('--if-tools') && !canBuild()) {
      process.stderr.write('no build tools (a production install): dist/ not built\n');
      process.exit(0);
    }
    try {
      buildIfStale('apps/api/src/main');
    } catch {
      process.exit(1); // the build printed the errors
    }
  } else {
    try {
      buildIfStale(entry);
    } catch {
      process.exit(1); // tsc printed the errors
    }
    const file = join(ROOT, 'dist', `${entry}.js`);
    process.argv.splice(1, process.argv.length - 1, file, ...args);
    require(file);
  }
}
