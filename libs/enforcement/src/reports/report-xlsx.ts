import type ExcelJS from 'exceljs';
import { CellFormat, ReportColumn, SUMMARY_COLUMNS } from './report-table';
import { ZoneReportSet } from './report.types';

const NUM_FMT: Record<CellFormat, string | undefined> = {
  text: undefined,
  int: '#,##0',
  ratio: '0.0%',
  decimal: '0.00',
};

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FF1F4E79' },
};

function styleHeader(ws: ExcelJS.Worksheet): void {
  const row = ws.getRow(ws.rowCount);
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
  ws.views = [{ state: 'frozen', ySplit: ws.rowCount }];
}

function columns(
  ws: ExcelJS.Worksheet,
  cols: Array<Pick<ReportColumn, 'header' | 'format'>>,
): void {
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(10, c.header.length + 2);
    const fmt = NUM_FMT[c.format];
    if (fmt) col.numFmt = fmt;
  });
}

/** A formatted workbook: "Summary" (one row per zone) and "Series" (per hour or per day). */
export async function reportXlsx(set: ZoneReportSet): Promise<Buffer> {
  // Loaded on demand: only a spreadsheet download needs it, not every process using this library.
  const { Workbook } = await import('exceljs');
  const wb = new Workbook();
  wb.creator = 'smart-parking';
  const title = `Zone report (${set.period}) ${set.label}, ${set.timeZone}; figures until ${set.until}`;

  const summary = wb.addWorksheet('Summary');
  summary.addRow([title]).font = { bold: true, size: 13 };
  summary.addRow(SUMMARY_COLUMNS.map((c) => c.header));
  styleHeader(summary);
  for (const z of set.zones) summary.addRow(SUMMARY_COLUMNS.map((c) => c.value(z)));
  columns(summary, SUMMARY_COLUMNS);
  summary.getColumn(2).width = 24;
  summary.getColumn(7).width = 26;
  summary.autoFilter = {
    from: { row: 2, column: 1 },
    to: { row: 2, column: SUMMARY_COLUMNS.length },
  };

  const series = wb.addWorksheet('Series');
  const seriesCols: Array<Pick<ReportColumn, 'header' | 'format'>> = [
    { header: 'zone', format: 'text' },
    { header: set.period === 'day' ? 'hour' : 'day', format: 'text' },
    { header: 'occupancy', format: 'ratio' },
    { header: 'arrivals', format: 'int' },
  ];
  series.addRow(seriesCols.map((c) => c.header));
  styleHeader(series);
  for (const z of set.zones) {
    for (const b of z.series) series.addRow([z.zoneId, b.start, b.occupancyRatio, b.arrivals]);
  }
  columns(series, seriesCols);
  series.getColumn(2).width = 28;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
