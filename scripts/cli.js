#!/usr/bin/env node
// The image's CLI entry: `node scripts/cli.js <city|user|gateway> [args]` runs that compiled CLI
// from dist/ (the compose service `cli` uses it as its entrypoint).
'use strict';
const { join } = require('node:path');

const CLIS = {
  city: 'apps/cli/src/main.js',
  user: 'apps/cli-user/src/main.js',
  gateway: 'apps/cli-gateway/src/main.js',
};
const [name, ...args] = process.argv.slice(2);
if (!CLIS[name]) {
  const help = name === '--help' || name === '-h';
  (help ? process.stdout : process.stderr).write(
    'usage: node scripts/cli.js <city|user|gateway> [args]   (<cli> --help for its commands)\n',
  );
  process.exit(help ? 0 : 64);
}
const file = join(__dirname, '..', 'dist', CLIS[name]);
process.argv.splice(1, process.argv.length - 1, file, ...args);
require(file);
