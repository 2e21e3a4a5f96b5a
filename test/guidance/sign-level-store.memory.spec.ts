import { MemorySignLevelStore } from '@app/live-store';
import { describeSignLevelStoreContract } from './contract/sign-level-store.contract';

describeSignLevelStoreContract('memory', async () => ({
  store: new MemorySignLevelStore(),
  close: async () => undefined,
}));
