// Every test runs in UTC so that code depending on the machine's zone fails loudly.
process.env.TZ = 'UTC';
require('reflect-metadata');
