/** A serialised document with the validators of conditional requests. */
export interface PublishedDocument {
  body: string;
  /** Strong entity tag, quoted (`"..."`). */
  etag: string;
  /** When the content last changed (epoch ms, whole seconds as HTTP dates carry). */
  lastModifiedMs: number;
}

/**
 * RFC 9110 section 13.2.2: `If-None-Match` decides when present (weak comparison, `*` matches);
 * otherwise `If-Modified-Since` (HTTP date, second precision). True = answer 304.
 */
export function notModified(
  doc: PublishedDocument,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined && ifNoneMatch !== '') {
    const tag = doc.etag.replace(/^W\//, '');
    return ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === tag);
  }
  if (ifModifiedSince !== undefined && ifModifiedSince !== '') {
    const since = Date.parse(ifModifiedSince);
    if (Number.isNaN(since)) return false;
    return Math.floor(doc.lastModifiedMs / 1000) * 1000 <= since;
  }
  return false;
}

export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
