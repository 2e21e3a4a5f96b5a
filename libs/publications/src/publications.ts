import type { Guidance } from '@app/guidance';
import { DatexFeedOptions, DatexFeeds, DEFAULT_DATEX_FEED_OPTIONS } from './datex/datex-feeds';
import {
  freeSpacesFeatureCollection,
  lotsFeatureCollection,
  parseBbox,
  parseLimit,
} from './geojson/geojson.mapper';
import { NgsiLdApi } from './ngsi-ld/ngsi-ld-api';
import { OpenDataView } from './open-data-view';
import { DEFAULT_PUBLISHER, Publisher } from './publisher';

/** The standard publications of the live city: DATEX II, NGSI-LD and GeoJSON open data. */
export class Publications {
  readonly view: OpenDataView;
  readonly datex: DatexFeeds;
  readonly ngsiLd: NgsiLdApi;

  constructor(
    guidance: Guidance,
    readonly publisher: Publisher = DEFAULT_PUBLISHER,
    feedOptions: DatexFeedOptions = DEFAULT_DATEX_FEED_OPTIONS,
  ) {
    this.view = new OpenDataView(guidance);
    this.datex = new DatexFeeds(this.view, publisher, feedOptions);
    this.ngsiLd = new NgsiLdApi(this.view, publisher);
  }

  lotsGeoJson(nowMs: number) {
    return lotsFeatureCollection(this.view.lots(nowMs), new Date(nowMs).toISOString());
  }

  freeSpacesGeoJson(q: Record<string, unknown>, nowMs: number) {
    return freeSpacesFeatureCollection(this.view, parseBbox(q.bbox), parseLimit(q.limit), nowMs);
  }
}
