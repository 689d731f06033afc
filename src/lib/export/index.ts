export { neutraliseCell, type CellValue } from './cells';
export type { ColumnKind, ExportColumn, SheetSpec, WorkbookLayout } from './sheet.types';
export { writeXlsx } from './workbook.client';
export { toCsv, csvBlob } from './csv.writer';
export { downloadBlob, timestampedName } from './download';
