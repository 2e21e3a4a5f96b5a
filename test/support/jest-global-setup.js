/** Marks this jest run: every child a test starts carries PARKING_TEST_RUN=<this pid>. */
module.exports = async function globalSetup() {
  process.env.PARKING_TEST_JEST_PID = String(process.pid);
};
