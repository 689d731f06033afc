/**
 * A table of an analysis page as data — columns, rows, filters, highlight, claim — the same for the carriers
 * and Retours: the kit shows it (`AnalysisTable`), exports it and freezes it for the Bibliothèque (`table-rows`).
 */
import type { ClaimPrefill } from '$lib/claims/claims.prefill';
import type { ColumnKind } from '$lib/export';

export type CellValue = string | number | null;

export interface ColumnSpec<Row> {
	/** Header, exactly as the legacy export writes it (RULINGS 10). */
	header: string;
	/** How it is shown and exported (the export's kinds): cents → euros, 'date' = ISO day, percent = ratio. */
	kind: ColumnKind;
	value: (row: Row) => CellValue;
	/** On screen only (e.g. the "Contrôle" flag column): never in the legacy exports. */
	screenOnly?: boolean;
	/**
	 * Shown where it is on screen, exported after the legacy columns (which keep their places): what a tab
	 * shows is exported too (e.g. Colissimo's "Contrôle").
	 */
	exportLast?: boolean;
	/** Fill (hex `RRGGBB`) of this column's data cells in exports, e.g. DHL's yellow key amounts. */
	fill?: string;
}

/** A filter above a table; its value survives navigation (`analysisViews`). */
export type FilterSpec<Row> =
	| { id: string; kind: 'search'; label: string; text: (row: Row) => string }
	| { id: string; kind: 'partner'; label: string; partner: (row: Row) => string }
	| { id: string; kind: 'toggle'; label: string; test: (row: Row) => boolean }
	/** Rows whose amount is at least the typed euros ("1,5"); blank, zero or unreadable = inactive. */
	| { id: string; kind: 'minCents'; label: string; cents: (row: Row) => number | null }
	/** Several values ticked among `options` (e.g. surcharge types); `initial` until the user changes it. */
	| {
			id: string;
			kind: 'choices';
			label: string;
			options: readonly string[];
			initial: readonly string[];
			value: (row: Row) => string;
	  };

export interface TableSpec<Row> {
	/** Stable id (filters and exports refer to it). */
	id: string;
	title?: string;
	columns: ColumnSpec<Row>[];
	rows: Row[];
	filters?: FilterSpec<Row>[];
	/** Highlight of a row on screen and in exports ('alert' = to contest, 'warn' = to look at). */
	tone?: (row: Row) => 'alert' | 'warn' | null;
	/** A claim can be opened from this row (flagged lines). */
	claim?: (row: Row) => ClaimPrefill | null;
	/** Shown under the table: e.g. a total line. */
	footer?: (rows: Row[]) => string;
	/** The count above the table (default "📊 shown/total lignes"), e.g. Retours' "📊 12/55 retours". */
	count?: (shown: number, total: number) => string;
	/** Text when no row at all. */
	empty?: string;
}

/** A table whose row type is erased, so that one tab can hold tables of different rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTableSpec = TableSpec<any>;

/** Builds a table with its row type checked, then erases it for the tab list. */
export function table<Row>(spec: TableSpec<Row>): AnyTableSpec {
	return spec;
}
