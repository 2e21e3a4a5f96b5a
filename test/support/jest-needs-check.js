/* global expect */
const { installCommand, readNeeds } = require('./services');

/**
 * Fails (never skips) a suite whose `@needs` this machine cannot meet, naming what is missing
 * and how to install it. Under `npm test` such suites are left out and listed instead.
 */
const unavailable = (process.env.PARKING_TEST_UNAVAILABLE || '').split(',').filter(Boolean);
if (unavailable.length > 0) {
  const path = expect.getState().testPath;
  const missing = (readNeeds(path) ?? []).filter((n) => unavailable.includes(n));
  if (missing.length > 0) {
    const why = JSON.parse(process.env.PARKING_TEST_UNAVAILABLE_WHY || '{}');
    const bins = missing.map((n) => ({ redis: 'redis-server', mqtt: 'mosquitto' })[n] ?? n);
    const install = installCommand(bins);
    throw new Error(
      `this suite needs ${missing.join(', ')}, which this machine lacks:\n` +
        missing.map((n) => `  ${n}: ${why[n] ?? 'unavailable'}`).join('\n') +
        (install ? `\ninstall with: ${install}` : ''),
    );
  }
}
