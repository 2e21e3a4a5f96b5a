import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardDir, htmlSecurityHeaders, isBuilt } from './dashboard-files';

describe('dashboard files', () => {
  it('finds dist/dashboard from the source tree and from the built tree', () => {
    expect(dashboardDir({ tileAttribution: '' }, '/r/apps/api/src/dashboard')).toBe(
      '/r/dist/dashboard',
    );
    expect(dashboardDir({ tileAttribution: '' }, '/r/dist/apps/api/src/dashboard')).toBe(
      '/r/dist/dashboard',
    );
    expect(dashboardDir({ dir: '/srv/dash', tileAttribution: '' }, '/x')).toBe('/srv/dash');
  });

  it('is built only with an index.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dash-'));
    try {
      expect(isBuilt(dir)).toBe(false);
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      expect(isBuilt(dir)).toBe(true);
      expect(isBuilt(join(dir, 'missing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('allows images from the tile server only when one is configured', () => {
    const none = htmlSecurityHeaders({ tileAttribution: '' })['content-security-policy'];
    expect(none).toContain("img-src 'self' data:;");
    const csp = htmlSecurityHeaders({
      tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      tileAttribution: '',
    })['content-security-policy'];
    expect(csp).toContain("img-src 'self' data: https://tiles.example.cn;");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
