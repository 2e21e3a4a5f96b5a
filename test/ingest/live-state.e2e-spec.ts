/** @needs postgres redis (test/support/services.js) */
import { describeLiveStateContract } from './contract/live-state.contract';

describeLiveStateContract('Redis', false);
