/** @needs postgres redis (test/support/services.js) */
import { describeRebuildContract } from './contract/live-rebuild.contract';

describeRebuildContract('Redis', { memory: false, cli: true });
