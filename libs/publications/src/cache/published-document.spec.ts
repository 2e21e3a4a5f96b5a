import { notModified, PublishedDocument } from './published-document';

describe('notModified', () => {
  const doc: PublishedDocument = {
    body: '{}',
    etag: '"abc"',
    lastModifiedMs: Date.parse('2026-05-01T10:00:00.700Z'),
  };

  it('matches If-None-Match against the tag, weak or strong, in a list or as *', () => {
    expect(notModified(doc, '"abc"', undefined)).toBe(true);
    expect(notModified(doc, 'W/"abc"', undefined)).toBe(true);
    expect(notModified(doc, '"x", "abc"', undefined)).toBe(true);
    expect(notModified(doc, '*', undefined)).toBe(true);
    expect(notModified(doc, '"abd"', undefined)).toBe(false);
  });

  it('lets If-None-Match decide over If-Modified-Since', () => {
    expect(notModified(doc, '"other"', 'Fri, 01 May 2026 11:00:00 GMT')).toBe(false);
  });

  it('compares If-Modified-Since at second precision and ignores a bad date', () => {
    expect(notModified(doc, undefined, 'Fri, 01 May 2026 10:00:00 GMT')).toBe(true);
    expect(notModified(doc, undefined, 'Fri, 01 May 2026 09:59:59 GMT')).toBe(false);
    expect(notModified(doc, undefined, 'yesterday')).toBe(false);
    expect(notModified(doc, undefined, undefined)).toBe(false);
  });
});
