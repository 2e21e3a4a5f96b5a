const markRun = require('../../support/jest-global-setup');

/** Marks the run, finds or starts the services (test/support/jest-global-setup.js), starts results.md afresh. */
module.exports = async function globalSetup() {
  await markRun();
  require('ts-node').register({
    transpileOnly: true,
    project: `${__dirname}/../../../tsconfig.json`,
  });
  require('./figures').resetResults();
};
