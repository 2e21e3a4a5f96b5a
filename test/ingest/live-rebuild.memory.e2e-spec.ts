/** @needs postgres redis (test/support/services.js) */
import { describeRebuildContract } from './contract/live-rebuild.contract';

// the memory adapter with the real PostgreSQL; the rebuild CLI is another process (Redis only)
describeRebuildContract('memory', { memory: true, cli: false });
