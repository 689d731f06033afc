import type { CellValue } from './cells';

/**
 * How a column is written. `cents` values are integer cents written as euro numbers; `date` values are
 * ISO days written as real dates shown dd/mm/yyyy; `kg` weights with 3 decimals.
 */
export type ColumnKind = 'text' | 'int' | 'number' | 'cents' | 'kg' | 'percent' | 'date';

export interface ExportColumn<Row> {
	header: string;
	value: (row: Row) => CellValue;
	kind?: ColumnKind;
	width?: number;
}

export interface SheetSpec<Row = never> {
	/** Exact sheet name (legacy names are kept: accounting relies on them). Max 31 characters. */
	name: string;
	columns: ExportColumn<Row>[];
	rows: readonly Row[];
	/** A fill colour (hex `RRGGBB`) for rows to highlight, e.g. duplicates or lines to contest. */
	highlight?: (row: Row) => string | null;
	/** Optional fill per cell, for legacy exports that colour single cells. */
	cellFill?: (row: Row, column: ExportColumn<Row>) => string | null;
}
