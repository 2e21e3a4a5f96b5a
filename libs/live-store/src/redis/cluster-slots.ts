/** Redis Cluster hash slots (CRC16/XMODEM of the hash tag, mod 16384), as the server computes them. */
export const CLUSTER_SLOTS = 16384;

const CRC_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

function crc16(s: string): number {
  let crc = 0;
  for (const b of Buffer.from(s)) crc = ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >> 8) ^ b) & 0xff];
  return crc;
}

/** The slot of a key: only its hash tag (the first non-empty `{...}`) counts when it has one. */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(key.slice(open + 1, close)) % CLUSTER_SLOTS;
  }
  return crc16(key) % CLUSTER_SLOTS;
}

/** The slot of every key of a lot (the prefix carries no hash tag: checked by the config). */
export function lotSlot(lotId: string): number {
  return keySlot(`{lot:${lotId}}`);
}

let tags: string[] | null = null;

/** A short hash tag per slot (`{<tag>}` hashes to that slot): names one shard channel per slot. */
export function slotTag(slot: number): string {
  if (!tags) {
    const t: string[] = new Array<string>(CLUSTER_SLOTS);
    let left = CLUSTER_SLOTS;
    for (let i = 0; left > 0; i++) {
      const s = crc16(i.toString(36)) % CLUSTER_SLOTS;
      if (t[s] === undefined) {
        t[s] = i.toString(36);
        left--;
      }
    }
    tags = t;
  }
  return tags[slot];
}

/** The shard channel of a slot's change messages: `<prefix>live:changes{<tag>}`. */
export function shardChannel(keyPrefix: string, slot: number): string {
  return `${keyPrefix}live:changes{${slotTag(slot)}}`;
}
