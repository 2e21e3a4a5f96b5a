const { readFileSync, readdirSync } = require('node:fs');

/**
 * Kills whatever a test started and left running (a failed run once left an ingest worker
 * behind): any process whose environment carries the run's PARKING_TEST_RUN marker.
 */
function killLeftovers(jestPid) {
  const marker = `PARKING_TEST_RUN=${jestPid}`;
  const killed = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue;
    }
    if (!environ.split('\0').includes(marker)) continue;
    for (const sig of ['SIGCONT', 'SIGKILL']) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
    killed.push(pid);
  }
  if (killed.length > 0) {
    process.stderr.write(`test teardown: killed leftover test processes ${killed.join(', ')}\n`);
  }
}

/** Then stops the services test/support/jest-global-setup.js started (none under `npm test`). */
module.exports = async function globalTeardown() {
  killLeftovers(process.env.PARKING_TEST_JEST_PID ?? process.pid);
  const services = globalThis.__parkingTestServices;
  if (services) {
    globalThis.__parkingTestServices = undefined;
    await services.stop();
  }
};
module.exports.killLeftovers = killLeftovers;
