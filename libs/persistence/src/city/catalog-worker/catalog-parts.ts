// deep imports: the worker loads only the catalog's modules, not the whole guidance library
import type { PackedCatalog } from '@app/guidance/catalog/packed-catalog';
import { packedBuffers } from '@app/guidance/catalog/packed-catalog';

/** Lots per message (a message is deserialised in one go on the main thread). */
const LOTS_PER_PART = 400;

/**
 * A packed catalog as a series of small messages: the main thread deserialises each in its own
 * turn of the event loop (it asks for the next one only after handling the last), so no single
 * message blocks it for long. The typed arrays travel by transfer in the first.
 */
export type CatalogPart =
  | { head: PackedCatalog; transfer: ArrayBuffer[] }
  | { lots: PackedCatalog['lots'] }
  | { ruleLots: NonNullable<PackedCatalog['ruleInput']['lots']> }
  | { ids: string; sensors: string }
  | { done: true };

export function* catalogParts(p: PackedCatalog): Generator<CatalogPart> {
  const ruleLots = p.ruleInput.lots ?? [];
  yield {
    head: {
      ...p,
      lots: [],
      ruleInput: { ...p.ruleInput, lots: [] },
      idChunks: [],
      sensorChunks: [],
    },
    transfer: packedBuffers(p),
  };
  for (let i = 0; i < p.lots.length; i += LOTS_PER_PART)
    yield { lots: p.lots.slice(i, i + LOTS_PER_PART) };
  for (let i = 0; i < ruleLots.length; i += LOTS_PER_PART)
    yield { ruleLots: ruleLots.slice(i, i + LOTS_PER_PART) };
  for (let c = 0; c < p.idChunks.length; c++)
    yield { ids: p.idChunks[c], sensors: p.sensorChunks[c] };
  yield { done: true };
}

/** Reassembles the parts on the receiving side; answers the catalog after `done`. */
export class CatalogAssembly {
  private packed: PackedCatalog | null = null;
  private ruleLots: NonNullable<PackedCatalog['ruleInput']['lots']>[number][] = [];

  /** Adds a part; the whole catalog once the last arrived, else null. */
  add(part: CatalogPart): PackedCatalog | null {
    if ('head' in part) {
      this.packed = part.head;
      return null;
    }
    const p = this.packed;
    if (!p) throw new Error('catalog part before its head');
    if ('lots' in part) p.lots.push(...part.lots);
    else if ('ruleLots' in part) this.ruleLots.push(...part.ruleLots);
    else if ('ids' in part) {
      p.idChunks.push(part.ids);
      p.sensorChunks.push(part.sensors);
    } else {
      p.ruleInput = { ...p.ruleInput, lots: this.ruleLots };
      return p;
    }
    return null;
  }
}
