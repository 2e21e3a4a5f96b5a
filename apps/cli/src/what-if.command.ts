import type { AppConfig } from '@app/config';
import type { ZoneWhatIf } from '@app/domain';
import type { WhatIfRun } from '@app/enforcement';
import { CliError, readJsonFile } from './city-file.io';

export interface WhatIfArgs {
  file: string;
  from?: string;
  to?: string;
  zones?: string;
  baseline?: string;
}

function instant(name: string, value: string | undefined): number {
  const ms = value && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new CliError(`--${name}: an RFC 3339 instant is required`, 2);
  return ms;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** One line per zone: sessions, affected, breaches and space-hours before -> after. */
export function whatIfTable(r: WhatIfRun): string {
  const rows: string[][] = [
    ['zone', 'sessions', 'affected', 'suspected', 'exempted', 'public space-h'],
  ];
  const line = (id: string, z: Omit<ZoneWhatIf, 'zoneId'>) => [
    id,
    String(z.sessions),
    String(z.sessionsAffected),
    `${z.baseline.suspectedBreaches} -> ${z.candidate.suspectedBreaches}`,
    `${z.baseline.exemptedViolations} -> ${z.candidate.exemptedViolations}`,
    `${z.baseline.publicSpaceHours} -> ${z.candidate.publicSpaceHours} (${signed(z.delta.publicSpaceHours)})`,
  ];
  for (const z of r.zones) rows.push(line(z.zoneId, z));
  rows.push(line('total', r.totals));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const text = rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  return `${text.join('\n')}\n`;
}

/** `city what-if`: replays the recorded history of a period under the stored and the changed rules. */
export async function runWhatIf(
  args: WhatIfArgs,
  config: AppConfig | undefined,
): Promise<WhatIfRun> {
  const from = instant('from', args.from);
  const to = instant('to', args.to);
  const city = readJsonFile(args.file);
  const baseline = args.baseline ? readJsonFile(args.baseline) : undefined;
  const { loadConfig } = await import('@app/config/load-config');
  const { WhatIfService } = await import('@app/enforcement');
  const { PgSessionHistory, openDatabase } = await import('@app/persistence');
  const c = config ?? loadConfig();
  const ds = await openDatabase(c, 'city-cli');
  try {
    const svc = new WhatIfService(new PgSessionHistory(ds), {
      graceMin: c.enforcement.graceMin,
      flagStartInsideRestricted: c.enforcement.flagStartInsideRestricted,
    });
    const zones = args.zones?.split(',').filter(Boolean);
    return await svc.run({ city, baseline, from, to, zones: zones?.length ? zones : undefined });
  } finally {
    await ds.destroy();
  }
}
