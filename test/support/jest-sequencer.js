const Sequencer = require('@jest/test-sequencer').default;
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');
const { isServiceSuite, readNeeds } = require('./services');

/**
 * Runs before the global setup: every integration suite must declare `@needs` (a run with an
 * undeclared one fails), the union of the selected suites' needs goes to the global setup
 * (PARKING_TEST_NEEDS, so it starts only what they use), and under `npm test` (scripts/test.js)
 * the suites needing what this machine lacks (PARKING_TEST_UNAVAILABLE) are left out and listed
 * in PARKING_TEST_SKIPPED_FILE, which the wrapper prints and fails on. Never silently.
 */
class NeedsSequencer extends Sequencer {
  sort(tests) {
    const unavailable = new Set(
      (process.env.PARKING_TEST_UNAVAILABLE || '').split(',').filter(Boolean),
    );
    const skippedFile = process.env.PARKING_TEST_SKIPPED_FILE;
    const undeclared = [];
    const union = new Set();
    const kept = [];
    for (const t of tests) {
      if (!isServiceSuite(t.path)) {
        kept.push(t);
        continue;
      }
      const needs = readNeeds(t.path);
      if (needs === null) {
        undeclared.push(relative(t.context.config.rootDir, t.path));
        continue;
      }
      const missing = needs.filter((n) => unavailable.has(n));
      if (missing.length > 0 && skippedFile) {
        const rel = relative(t.context.config.rootDir, t.path);
        appendFileSync(skippedFile, `${JSON.stringify({ suite: rel, missing })}\n`);
        continue;
      }
      for (const n of needs) union.add(n);
      kept.push(t);
    }
    if (undeclared.length > 0) {
      throw new Error(
        `these suites declare no @needs (a docblock line such as \` * @needs postgres redis\`, ` +
          `or \` * @needs none\`; see docs/testing.md):\n  ${undeclared.join('\n  ')}`,
      );
    }
    process.env.PARKING_TEST_NEEDS = [...union].join(',');
    return super.sort(kept);
  }
}

module.exports = NeedsSequencer;
