import { createHash } from 'node:crypto';
import { PublishedDocument, wholeSecond } from '../cache/published-document';
import type { LotView, OpenDataView } from '../open-data-view';
import type { Publisher } from '../publisher';
import { parkingStatusPublication, statusSignature, StatusLot } from './parking-status.mapper';
import {
  parkingTablePublication,
  siteVersions,
  TableLot,
  tableVersion,
} from './parking-table.mapper';

export interface DatexFeedOptions {
  /** The status is rebuilt at most this often, however fast the live state changes. */
  minRebuildMs: number;
  /** Rebuilt at least this often even without live changes (sensors go stale, rules change). */
  recheckMs: number;
}

export const DEFAULT_DATEX_FEED_OPTIONS: DatexFeedOptions = { minRebuildMs: 1000, recheckMs: 5000 };

interface TableState {
  doc: PublishedDocument;
  source: readonly TableLot[];
  version: string;
  versions: Map<string, string>;
}

interface StatusState {
  doc: PublishedDocument;
  checkedMs: number;
  version: string;
  signatures: Map<string, string>;
  lastUpdated: Map<string, number>;
}

/**
 * The DATEX II table and status publications, each held serialised with its ETag. A document
 * (and so its ETag and Last-Modified) is replaced only when the published data changed: a
 * rebuild that finds the same counts and statuses keeps the previous one.
 */
export class DatexFeeds {
  private tableDoc: TableState | null = null;
  private statusState: StatusState | null = null;
  /** Status documents built so far (the bench and tests watch it). */
  rebuilds = 0;

  constructor(
    private readonly view: OpenDataView,
    private readonly publisher: Publisher,
    private readonly options: DatexFeedOptions = DEFAULT_DATEX_FEED_OPTIONS,
  ) {}

  table(nowMs: number): PublishedDocument {
    return this.tableState(nowMs).doc;
  }

  status(nowMs: number): PublishedDocument {
    const s = this.statusState;
    if (s) {
      const age = nowMs - s.checkedMs;
      if (age >= 0 && age < this.options.minRebuildMs) return s.doc;
      if (age >= 0 && age < this.options.recheckMs && s.version === this.view.version()) {
        return s.doc;
      }
    }
    return this.rebuildStatus(nowMs).doc;
  }

  private rebuildStatus(nowMs: number): StatusState {
    const version = this.view.version();
    const lots = this.view.lots(nowMs);
    const table = this.tableState(nowMs);
    const prev = this.statusState;
    const signatures = new Map<string, string>();
    const lastUpdated = new Map<string, number>();
    let changed = !prev || prev.signatures.size !== lots.length || prev.doc.etag === '';
    const hash = createHash('sha1').update(table.version);
    for (const l of lots) {
      const sig = statusSignature(l);
      signatures.set(l.lotId, sig);
      hash.update(`\n${l.lotId}|${sig}`);
      const same = prev?.signatures.get(l.lotId) === sig;
      if (!same) changed = true;
      lastUpdated.set(l.lotId, same ? prev!.lastUpdated.get(l.lotId)! : wholeSecond(nowMs));
    }
    if (!changed && prev) {
      this.statusState = { ...prev, checkedMs: nowMs, version };
      return this.statusState;
    }
    const items: StatusLot[] = lots.map((lot: LotView) => ({
      lot,
      version: table.versions.get(lot.lotId) ?? '0',
      lastUpdatedMs: lastUpdated.get(lot.lotId)!,
    }));
    const body = JSON.stringify(
      parkingStatusPublication(items, this.publisher, nowMs, table.version),
    );
    this.rebuilds++;
    this.statusState = {
      doc: { body, etag: `"${hash.digest('hex')}"`, lastModifiedMs: wholeSecond(nowMs) },
      checkedMs: nowMs,
      version,
      signatures,
      lastUpdated,
    };
    return this.statusState;
  }

  /** Rebuilt when the catalog's lot list is replaced and its content differs. */
  private tableState(nowMs: number): TableState {
    const source = this.view.catalogLots();
    const held = this.tableDoc;
    if (held?.source === source) return held;
    const versions = siteVersions(source);
    const version = tableVersion(versions);
    if (held?.version === version) return (this.tableDoc = { ...held, source });
    const body = JSON.stringify(parkingTablePublication(source, this.publisher, nowMs));
    this.tableDoc = {
      doc: { body, etag: `"${version}"`, lastModifiedMs: wholeSecond(nowMs) },
      source,
      version,
      versions,
    };
    return this.tableDoc;
  }
}
