import { Subject } from 'rxjs';
import { GridIndex } from '../geo/grid-index';
import { FillRate } from '../intents/fill-rate';
import { IntentBook } from '../intents/intent-book';
import type { GuidanceCatalog } from '../ports/catalog.types';
import type { LiveSpaceState } from '../ports/live-state.port';
import { SpaceTable } from './space-table';

/** One applied change, as streams and metrics see it. */
export interface SpaceUpdate {
  spaceIdx: number;
  spaceId: string;
  lotId: string | null;
}

export interface ReplicaOptions {
  cellM: number;
}

/**
 * This API instance's in-memory copy of the city (static catalog + live state) with a grid
 * index of the spaces reported free. Pure and synchronous: the sync service feeds it from the
 * live store's snapshot and change channel.
 */
export class LiveReplica {
  private table = new SpaceTable([], []);
  private free = new GridIndex();
  private book: GuidanceCatalog | null = null;
  /** While a catalog is being installed: the spaces changed meanwhile (indexes of the old table). */
  private touched: number[] | null = null;
  private readonly updates = new Subject<SpaceUpdate>();
  readonly updates$ = this.updates.asObservable();
  /** Open declared intents (fed by the intent sync); a space's intents end when it is taken. */
  readonly intents = new IntentBook();
  /** How fast free spaces are taken, per area (the arrival-aware ranking's estimate). */
  readonly fill = new FillRate();
  /** Applied live changes since start (metrics). */
  applied = 0;
  /** Catalogs installed since start (metrics: a reload shows as an increase). */
  catalogLoads = 0;

  constructor(private readonly options: ReplicaOptions = { cellM: 150 }) {}

  get ready(): boolean {
    return this.book !== null;
  }

  get spaces(): SpaceTable {
    return this.table;
  }

  get freeIndex(): GridIndex {
    return this.free;
  }

  get catalog(): GuidanceCatalog {
    if (!this.book) throw new Error('guidance replica has no catalog yet');
    return this.book;
  }

  /**
   * Installs a (re)loaded catalog, carrying the live state of every surviving space over. Its
   * `spaces` list is read here and not kept: `catalog.spaces` of the replica is empty.
   */
  setCatalog(catalog: GuidanceCatalog): void {
    const old = this.table;
    const table = this.tableOf(catalog);
    for (let i = 0; i < old.size; i++) {
      const j = table.index.get(old.ids[i]);
      if (j !== undefined) table.write(j, old.read(i), true);
    }
    this.table = table;
    // the table holds every space now: the catalog's per-space objects are not kept (memory)
    this.book = { ...catalog, spaces: [], statics: undefined };
    this.rebuildIndex();
    this.catalogLoads++;
  }

  /**
   * `setCatalog` in slices of `chunk` spaces with `pause()` between them (a reload while
   * serving): the current catalog answers until the new one is complete, then both swap at once.
   * Live changes applied meanwhile are carried over at the swap.
   */
  async installCatalog(
    catalog: GuidanceCatalog,
    pause: () => Promise<void>,
    chunk = 4096,
  ): Promise<void> {
    const table = this.tableOf(catalog);
    await pause();
    for (;;) {
      const old = this.table;
      const touched: number[] = [];
      this.touched = touched;
      try {
        for (let i = 0; i < old.size; i++) {
          const j = table.index.get(old.ids[i]);
          if (j !== undefined) table.copyLive(j, old, i);
          if (i % chunk === chunk - 1) await pause();
        }
        const grid = await this.gridOf(table, pause, chunk);
        if (this.table !== old) continue; // a snapshot replaced the live state meanwhile: again
        for (const i of touched) {
          const j = table.index.get(old.ids[i]);
          if (j === undefined) continue;
          table.copyLive(j, old, i);
          if (table.reportedFree(j)) grid.insert(j, table.lat[j], table.lon[j]);
          else grid.remove(j);
        }
        this.table = table;
        this.book = { ...catalog, spaces: [], statics: undefined };
        this.free = grid;
        // the fill rates follow the new table's indexes (one pass, no allocation per space)
        this.fill.attach(table, refLatOf(table));
        this.catalogLoads++;
        return;
      } finally {
        this.touched = null;
      }
    }
  }

  private tableOf(catalog: GuidanceCatalog): SpaceTable {
    return catalog.statics
      ? SpaceTable.fromColumns(catalog.statics)
      : new SpaceTable(catalog.lots, catalog.spaces, (id) => catalog.policy.policyKey(id));
  }

  /**
   * Replaces all live state with a snapshot (spaces absent from it become unknown). Versions may
   * restart lower after a live-store rebuild, so the snapshot wins over what is held.
   */
  loadSnapshot(states: Iterable<LiveSpaceState>): void {
    const table = this.table.emptyCopy();
    for (const s of states) {
      const i = table.index.get(s.spaceId);
      if (i !== undefined) table.write(i, s, true);
    }
    this.table = table;
    this.rebuildIndex();
    if (this.intents.size > 0) this.dropTakenIntents();
  }

  /** Drops the intents whose target space is occupied now (after a snapshot or intent reload). */
  dropTakenIntents(): void {
    const t = this.table;
    for (const spaceId of this.intents.targetedSpaces()) {
      const i = t.index.get(spaceId);
      if (i !== undefined && t.occupiedNow(i)) this.intents.dropSpace(spaceId);
    }
  }

  apply(state: LiveSpaceState): boolean {
    const t = this.table;
    const i = t.index.get(state.spaceId);
    if (i === undefined) return false;
    const wasFree = t.reportedFree(i);
    if (!t.write(i, state)) return false;
    const isFree = t.reportedFree(i);
    if (wasFree !== isFree) {
      const at = state.sinceMs ?? state.lastSeenMs ?? NaN;
      this.fill.change(i, isFree, t.occupiedNow(i), at);
    }
    if (isFree) this.free.insert(i, t.lat[i], t.lon[i]);
    else this.free.remove(i);
    if (this.intents.size > 0 && t.occupiedNow(i)) this.intents.dropSpace(t.ids[i]);
    this.applied++;
    this.touched?.push(i);
    const lot = t.lotOf[i];
    this.updates.next({ spaceIdx: i, spaceId: t.ids[i], lotId: lot >= 0 ? t.lots[lot].id : null });
    return true;
  }

  complete(): void {
    this.updates.complete();
  }

  private rebuildIndex(): void {
    const t = this.table;
    const refLat = refLatOf(t);
    const grid = new GridIndex(this.options.cellM, refLat);
    for (let i = 0; i < t.size; i++) if (t.reportedFree(i)) grid.insert(i, t.lat[i], t.lon[i]);
    this.free = grid;
    this.fill.attach(t, refLat);
  }

  private async gridOf(t: SpaceTable, pause: () => Promise<void>, chunk: number) {
    const grid = new GridIndex(this.options.cellM, refLatOf(t));
    for (let i = 0; i < t.size; i++) {
      if (t.reportedFree(i)) grid.insert(i, t.lat[i], t.lon[i]);
      if (i % chunk === chunk - 1) await pause();
    }
    return grid;
  }
}

/** The grid's reference latitude: the mean over the spaces. */
function refLatOf(t: SpaceTable): number {
  let sumLat = 0;
  for (let i = 0; i < t.size; i++) sumLat += t.lat[i];
  return t.size > 0 ? sumLat / t.size : 0;
}
