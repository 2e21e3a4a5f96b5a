import { MemoryIntentStore } from '@app/live-store';
import { describeIntentStoreContract } from './contract/intent-store.contract';

describeIntentStoreContract('memory', async () => ({
  store: new MemoryIntentStore(),
  close: async () => undefined,
}));
