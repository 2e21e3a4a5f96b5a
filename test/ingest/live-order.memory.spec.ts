import { MemoryLiveState } from '@app/live-store';
import { describeOrderContract } from './contract/order.contract';

describeOrderContract('memory', async () => {
  const state = new MemoryLiveState();
  return {
    writer: state,
    reader: state,
    packed: async (lotId, spaceId) => state.packedRecord(lotId, spaceId) ?? null,
    putPacked: async (lotId, spaceId, packed) => state.putPackedRecord(lotId, spaceId, packed),
    drain: () => state.flushChanges(),
    close: async () => undefined,
  };
});
