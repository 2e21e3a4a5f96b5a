const markRun = require('../../support/jest-global-setup');

/** Marks the run (leftover children are killed in teardown) and starts results.md afresh. */
module.exports = async function globalSetup() {
  await markRun();
  require('ts-node').register({
    transpileOnly: true,
    project: `${__dirname}/../../../tsconfig.json`,
  });
  require('./figures').resetResults();
};
