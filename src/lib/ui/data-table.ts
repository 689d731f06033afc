/** Pure helpers of the DataTable: French cell text and sorting by column kind. */
import type { ColumnKind } from '$lib/export';
import { formatCents, formatDay, formatInt, formatNumber } from '$lib/i18n/format';

export type DataCell = string | number | null | undefined;

const KG = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });

export interface DataColumn<Row> {
	header: string;
	kind: ColumnKind;
	value: (row: Row) => DataCell;
}

/** A cell as the screen shows it: cents as "1 234,56 €", ISO days as "27/11/2026", ratios as "8,0 %". */
export function cellText(kind: ColumnKind, value: DataCell): string {
	if (value === null || value === undefined || value === '') return '';
	if (typeof value === 'string') return kind === 'date' ? formatDay(value) : value;
	switch (kind) {
		case 'cents':
			return formatCents(value);
		case 'int':
			return formatInt(value);
		case 'kg':
			// Grams matter (Chronopost's 0,01 kg tolerance): 3 decimals, as the legacy showed weights.
			return `${KG.format(value).replace(/[\u202f\u00a0]/g, ' ')} kg`;
		case 'percent':
			return `${formatNumber(Math.round(value * 1000) / 10)} %`;
		default:
			return formatNumber(value);
	}
}

/**
 * The columns a wide table keeps in view while it scrolls sideways: its partner (or client) column, else
 * its first, pinned to the left; its key total — the last money column, where every legacy layout puts
 * it ("Prix Total Ligne", "Total TTC", "TOTAL"…) — pinned to the right. Null when there is none.
 */
export function pinnedColumns(columns: readonly Pick<DataColumn<unknown>, 'header' | 'kind'>[]): {
	start: number | null;
	end: number | null;
} {
	if (!columns.length) return { start: null, end: null };
	const named = columns.findIndex((c) => /^(nom (du )?)?partenaire|^client$/i.test(c.header));
	const start = named >= 0 ? named : 0;
	const end = columns.findLastIndex((c, i) => c.kind === 'cents' && i !== start);
	return { start, end: end >= 0 ? end : null };
}

export function isNumeric(kind: ColumnKind): boolean {
	return kind !== 'text' && kind !== 'date';
}

/** Rows sorted by one column (blanks last), stable; the input is not changed. */
export function sortRows<Row>(
	rows: readonly Row[],
	column: DataColumn<Row> | undefined,
	dir: 'asc' | 'desc'
): Row[] {
	if (!column) return [...rows];
	const sign = dir === 'asc' ? 1 : -1;
	return rows
		.map((row, i) => ({ row, i, v: column.value(row) }))
		.sort((a, b) => {
			const blankA = a.v === null || a.v === undefined || a.v === '';
			const blankB = b.v === null || b.v === undefined || b.v === '';
			if (blankA || blankB) return blankA === blankB ? a.i - b.i : blankA ? 1 : -1;
			const cmp =
				typeof a.v === 'number' && typeof b.v === 'number'
					? a.v - b.v
					: String(a.v).localeCompare(String(b.v), 'fr', { numeric: true });
			return cmp * sign || a.i - b.i;
		})
		.map((x) => x.row);
}
