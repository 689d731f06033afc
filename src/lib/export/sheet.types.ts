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

/**
 * A sheet as the export worker receives it: plain data (structured-cloneable), its cells computed on the
 * page from the SheetSpec's columns; the worker converts them (`cellValue`) and styles them.
 */
export interface PlainSheet {
	name: string;
	columns: { header: string; kind?: ColumnKind; width: number }[];
	rows: CellValue[][];
	/** Fill per cell (hex `RRGGBB`), only when the spec highlights rows or cells. */
	fills: (string | null)[][] | null;
}

/** A free-layout sheet drawn before the tables (claims' « Synthèse ») or a whole legacy workbook. */
export type WorkbookLayout =
	| { kind: 'claims'; summary: import('$lib/claims/claims.export').SummaryLayout }
	| {
			kind: 'refacturation';
			data: import('$lib/refacturation/refacturation.consolidate').Consolidation;
			ctx: import('$lib/refacturation/refacturation.workbook').WorkbookContext;
	  };

export interface WorkbookRequest {
	layout?: WorkbookLayout;
	sheets: PlainSheet[];
}
