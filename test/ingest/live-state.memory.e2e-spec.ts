/** @needs postgres redis (test/support/services.js) */
import { describeLiveStateContract } from './contract/live-state.contract';

// the memory adapter with the real PostgreSQL (rebuilds, city reloads)
describeLiveStateContract('memory', true);
