/** Key names relative to the ioredis keyPrefix (docs/live-store.md section 1). */
export const liveKeys = {
  records: (lotId: string) => `{lot:${lotId}}:s`,
  counts: (lotId: string) => `{lot:${lotId}}:c`,
  marker: (lotId: string) => `{lot:${lotId}}:m`,
  lotsOf: (lotId: string) => [`{lot:${lotId}}:s`, `{lot:${lotId}}:c`, `{lot:${lotId}}:m`],
  /** The hysteresis memory of one sign's entries (`SignLevelStore`). */
  signLevels: (signId: string) => `{sign:${signId}}:lv`,
  lots: '{ingest}:lots',
  deadlines: '{ingest}:deadlines',
};

export const CHANGES_CHANNEL = 'live:changes';
