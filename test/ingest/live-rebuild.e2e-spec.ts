import { describeRebuildContract } from './contract/live-rebuild.contract';

describeRebuildContract('Redis', { memory: false, cli: true });
