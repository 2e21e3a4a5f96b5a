import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DashboardConfig } from '@app/config';

/**
 * The folder `npm run build` writes the dashboard to (`vite build` -> dist/dashboard), found
 * from this file's place: `<root>/apps/api/src/dashboard` (ts-node, jest) or
 * `<root>/dist/apps/api/src/dashboard` (built). DASHBOARD_DIR overrides it.
 */
export function dashboardDir(config: DashboardConfig, here: string = __dirname): string {
  if (config.dir) return resolve(config.dir);
  const up = resolve(here, '..', '..', '..', '..');
  return basename(up) === 'dist' ? join(up, 'dashboard') : join(up, 'dist', 'dashboard');
}

/** True when the folder holds a built dashboard (its index.html). */
export function isBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Headers of the dashboard's HTML: scripts, styles and data only from this origin (no CDN),
 * map tiles from the configured tile server, never framed.
 */
export function htmlSecurityHeaders(config: DashboardConfig): Record<string, string> {
  const tiles = config.tileUrl ? ` ${new URL(config.tileUrl.replace(/[{}]/g, '')).origin}` : '';
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data:${tiles}`,
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}
