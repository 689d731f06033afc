export { neutraliseCell, type CellValue } from './cells';
export type { ColumnKind, ExportColumn, SheetSpec } from './sheet.types';
export { writeXlsx } from './xlsx.writer';
export { toCsv, csvBlob } from './csv.writer';
export { downloadBlob, timestampedName } from './download';
