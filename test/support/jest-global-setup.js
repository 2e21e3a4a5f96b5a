const { provision } = require('./services');

const ALL = 'postgres,redis,mqtt,redis-server,mosquitto';

/**
 * Marks this jest run (every child a test starts carries PARKING_TEST_RUN=<this pid>) and, unless
 * `npm test` (scripts/test.js) already did, finds or starts the services the selected suites need
 * (PARKING_TEST_NEEDS, from test/support/jest-sequencer.js) and hands their URLs to the workers
 * as TEST_DATABASE_URL, TEST_REDIS_URL, TEST_MQTT_URL. What cannot be had goes to
 * PARKING_TEST_UNAVAILABLE: the suites needing it fail (test/support/jest-needs-check.js).
 */
module.exports = async function globalSetup() {
  process.env.PARKING_TEST_JEST_PID = String(process.pid);
  if (process.env.PARKING_TEST_SERVICES === 'provided') return;
  const needs = (process.env.PARKING_TEST_NEEDS ?? ALL).split(',').filter(Boolean);
  if (needs.length === 0) return;
  const services = await provision({
    needs,
    log: (m) => process.stderr.write(`test services: ${m}\n`),
  });
  Object.assign(process.env, services.env);
  process.env.PARKING_TEST_UNAVAILABLE = [...services.unavailable.keys()].join(',');
  process.env.PARKING_TEST_UNAVAILABLE_WHY = JSON.stringify(
    Object.fromEntries(services.unavailable),
  );
  globalThis.__parkingTestServices = services;
  // jest does not run the global teardown when interrupted: stop them anyway
  process.once('exit', services.stopSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      services.stopSync();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
};
