/** Pure partition arithmetic: which partition a gateway belongs to and how many one worker owns. */

/** FNV-1a, 32 bit, over the UTF-8 bytes of `s`. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function partitionOf(gatewayId: string, partitions: number): number {
  return fnv1a32(gatewayId) % partitions;
}

export function wildcardTopic(topicRoot: string): string {
  return `${topicRoot}parking/v1/gateways/+/events`;
}

export function gatewayTopic(topicRoot: string, gatewayId: string): string {
  return `${topicRoot}parking/v1/gateways/${gatewayId}/events`;
}

/**
 * The topic filters of partition `p`: the wildcard when there is one partition, else one exact
 * topic per gateway hashing to `p` (so a gateway unknown to the city is not consumed).
 */
export function partitionTopics(
  p: number,
  partitions: number,
  gatewayIds: Iterable<string>,
  topicRoot: string,
): string[] {
  if (partitions === 1) return [wildcardTopic(topicRoot)];
  const topics: string[] = [];
  for (const g of gatewayIds) {
    if (partitionOf(g, partitions) === p) topics.push(gatewayTopic(topicRoot, g));
  }
  return topics.sort();
}

/** Partitions one of `workers` live workers should own: ceil(N / W). */
export function ownershipTarget(partitions: number, workers: number): number {
  return Math.ceil(partitions / Math.max(1, workers));
}

export interface OwnershipStep {
  /** Free partitions to try to lock, in order, until `acquire` of them are locked. */
  tryAcquire: number[];
  acquire: number;
  release: number[];
}

/**
 * What to do this round: release the extra partitions (highest first) when owning more than the
 * target, else try free ones (lowest first) when owning fewer.
 */
export function ownershipStep(
  partitions: number,
  workers: number,
  owned: ReadonlySet<number>,
  heldByAnyone: ReadonlySet<number>,
): OwnershipStep {
  const target = ownershipTarget(partitions, workers);
  const mine = [...owned].sort((a, b) => a - b);
  if (mine.length > target) {
    return { tryAcquire: [], acquire: 0, release: mine.slice(target).reverse() };
  }
  const acquire = target - mine.length;
  const free: number[] = [];
  for (let p = 0; acquire > 0 && p < partitions; p++) {
    if (!heldByAnyone.has(p) && !owned.has(p)) free.push(p);
  }
  return { tryAcquire: free, acquire, release: [] };
}
