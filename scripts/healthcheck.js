#!/usr/bin/env node
// Container healthcheck: `node scripts/healthcheck.js <url>` exits 0 when the URL answers 2xx
// within 3 s, else 1 (the image has no curl or wget).
'use strict';
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node scripts/healthcheck.js <url>\n');
  process.exit(64);
}
fetch(url, { signal: AbortSignal.timeout(3000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  (err) => {
    process.stderr.write(`${url}: ${err.message}\n`);
    process.exit(1);
  },
);
