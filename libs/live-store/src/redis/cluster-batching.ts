import type { Cluster } from 'ioredis';
import { lotSlot } from './cluster-slots';

/**
 * The lots of a batch in apply calls: few calls, yet Redis is never blocked for long (at most
 * `maxEvents` per call unless one lot has more). On a cluster a call holds lots of one slot only
 * (lots taken slot by slot); on one Redis the lots keep their order.
 */
export function applyChunks(
  lots: string[],
  byLot: Map<string, number[]>,
  maxEvents: number,
  cluster: boolean,
): string[][] {
  const slotOf = new Map(lots.map((l) => [l, cluster ? lotSlot(l) : 0]));
  const ordered = cluster
    ? [...lots].sort((a, b) => (slotOf.get(a) as number) - (slotOf.get(b) as number))
    : lots;
  const chunks: string[][] = [[]];
  let inChunk = 0;
  let slot = slotOf.get(ordered[0]);
  for (const lot of ordered) {
    const n = (byLot.get(lot) as number[]).length;
    if (inChunk > 0 && (inChunk + n > maxEvents || slotOf.get(lot) !== slot)) {
      chunks.push([]);
      inChunk = 0;
    }
    chunks[chunks.length - 1].push(lot);
    inChunk += n;
    slot = slotOf.get(lot);
  }
  return chunks;
}

/**
 * WAIT on every master that has a replica: the writes this client sent so far (the batch's
 * applies included) reached a replica, which a failover promotes. Best effort: a master whose
 * replica does not answer in `timeoutMs` is not waited for longer.
 */
export async function replicated(cluster: Cluster, timeoutMs: number): Promise<void> {
  const withReplica = new Set<string>();
  for (const nodes of cluster.slots) if (nodes && nodes.length > 1) withReplica.add(nodes[0]);
  await Promise.all(
    cluster
      .nodes('master')
      .filter((n) => withReplica.has(`${n.options.host}:${n.options.port}`))
      .map((n) => n.call('WAIT', 1, timeoutMs)),
  );
}
