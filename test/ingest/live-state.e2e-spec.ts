import { describeLiveStateContract } from './contract/live-state.contract';

describeLiveStateContract('Redis', false);
