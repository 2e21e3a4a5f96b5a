import { violationKindSchema } from '@app/domain';
import { ZoneReport, ZoneReportSet } from './report.types';

export type CellFormat = 'text' | 'int' | 'ratio' | 'decimal';

export interface ReportColumn {
  header: string;
  format: CellFormat;
  value: (z: ZoneReport) => string | number | null;
}

/** The summary columns shared by the CSV and the spreadsheet (one row per zone). */
export const SUMMARY_COLUMNS: ReportColumn[] = [
  { header: 'zone', format: 'text', value: (z) => z.zoneId },
  { header: 'name', format: 'text', value: (z) => z.name },
  { header: 'spaces', format: 'int', value: (z) => z.spaces },
  { header: 'sensors', format: 'int', value: (z) => z.sensors },
  { header: 'occupancy_mean', format: 'ratio', value: (z) => z.occupancyMean },
  { header: 'occupancy_peak', format: 'ratio', value: (z) => z.occupancyPeak },
  { header: 'peak_hour', format: 'text', value: (z) => z.peakHour },
  { header: 'sessions', format: 'int', value: (z) => z.sessions },
  { header: 'turnover', format: 'decimal', value: (z) => z.turnover },
  { header: 'mean_dwell_min', format: 'decimal', value: (z) => z.meanDwellMin },
  { header: 'median_dwell_min', format: 'decimal', value: (z) => z.medianDwellMin },
  { header: 'violations', format: 'int', value: (z) => z.violations.total },
  { header: 'violations_exempted', format: 'int', value: (z) => z.violations.exempted },
  ...violationKindSchema.options.flatMap((k): ReportColumn[] => [
    { header: `${k}`, format: 'int', value: (z) => z.violations.byKind[k].total },
    { header: `${k}_exempted`, format: 'int', value: (z) => z.violations.byKind[k].exempted },
  ]),
  { header: 'sensor_availability', format: 'ratio', value: (z) => z.sensorAvailability },
];

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A leading = + - @ would make a spreadsheet run it as a formula (CSV injection).
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV, one row per zone, CRLF line ends. */
export function reportCsv(set: ZoneReportSet): string {
  const lines = [SUMMARY_COLUMNS.map((c) => c.header).join(',')];
  for (const z of set.zones) lines.push(SUMMARY_COLUMNS.map((c) => csvCell(c.value(z))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `zone-report-day-2026-12-01` */
export function reportFileName(set: ZoneReportSet): string {
  return `zone-report-${set.period}-${set.label}`;
}
