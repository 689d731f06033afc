/** What an analysis page does with its tables (`TableSpec`): filter them, export them, freeze them. */
import type { ColumnKind, SheetSpec } from '$lib/export';
import { parseCents } from '$lib/intake/values';
import type { AnyTableSpec, CellValue, ColumnSpec, TableSpec } from './table-spec';

/** Row highlights in exports: light red for lines to contest, light amber for lines to look at. */
export const TONE_FILLS = { alert: 'FFC7CE', warn: 'FFEB9C' } as const;

/** Values of a table's filters, by filter id ('' / false = inactive). */
export type FilterValues = Record<string, string | boolean | string[]>;

/** Literal, case- and accent-insensitive text (the legacy's regex search broke on "(", bug 11). */
export function searchKey(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
}

/** A row's searchable text: the filter's own, plus every text cell the table shows (orders, cities…). */
function searchText<Row>(spec: TableSpec<Row>, text: (row: Row) => string, row: Row): string {
	const shown = spec.columns.filter((c) => c.kind === 'text').map((c) => c.value(row) ?? '');
	return searchKey([text(row), ...shown].join(' '));
}

/** The ticked values of a 'choices' filter: the user's, else its initial selection. */
export function chosenValues(
	filter: { id: string; initial: readonly string[] },
	values: FilterValues
): readonly string[] {
	const v = values[filter.id];
	return Array.isArray(v) ? v : filter.initial;
}

export function filterRows<Row>(spec: TableSpec<Row>, values: FilterValues): Row[] {
	const active = (spec.filters ?? []).filter((f) => {
		const v = values[f.id];
		if (f.kind === 'choices') return true;
		return f.kind === 'toggle' ? v === true : typeof v === 'string' && v !== '';
	});
	if (!active.length) return spec.rows;
	return spec.rows.filter((row) =>
		active.every((f) => {
			if (f.kind === 'toggle') return f.test(row);
			if (f.kind === 'choices') return chosenValues(f, values).includes(f.value(row));
			if (f.kind === 'partner') return f.partner(row) === values[f.id];
			if (f.kind === 'minCents') {
				const min = parseCents(String(values[f.id]));
				return min === null || min <= 0 || (f.cents(row) ?? Number.NEGATIVE_INFINITY) >= min;
			}
			return searchText(spec, f.text, row).includes(searchKey(String(values[f.id]).trim()));
		})
	);
}

/** Sorted distinct partners of a table, for its partner filter. */
export function partnerOptions<Row>(spec: TableSpec<Row>): string[] {
	const filter = spec.filters?.find((f) => f.kind === 'partner');
	if (!filter || filter.kind !== 'partner') return [];
	return [...new Set(spec.rows.map(filter.partner))].sort((a, b) => a.localeCompare(b, 'fr'));
}

function exportColumns<Row>(spec: TableSpec<Row>): ColumnSpec<Row>[] {
	const exported = spec.columns.filter((c) => !c.screenOnly);
	return [...exported.filter((c) => !c.exportLast), ...exported.filter((c) => c.exportLast)];
}

/** A table (its export columns only: exactly the legacy headers) as a styled sheet. */
export function toSheet(
	spec: AnyTableSpec,
	name: string,
	rows: readonly unknown[] = spec.rows
): SheetSpec<unknown> {
	return {
		name,
		columns: exportColumns(spec).map((c) => ({
			header: c.header,
			kind: c.kind,
			value: c.value,
			fill: c.fill
		})),
		rows,
		highlight: (row) => {
			const tone = spec.tone?.(row);
			return tone ? TONE_FILLS[tone] : null;
		},
		cellFill: (_row, column) => (column as { fill?: string }).fill ?? null
	};
}

/** A table frozen as plain values, for the Bibliothèque. */
export interface FrozenTable {
	columns: { header: string; kind: ColumnKind }[];
	rows: CellValue[][];
}

export function freezeTable(spec: AnyTableSpec): FrozenTable {
	const columns = exportColumns(spec);
	return {
		columns: columns.map((c) => ({ header: c.header, kind: c.kind })),
		rows: spec.rows.map((row) => columns.map((c) => c.value(row) ?? null))
	};
}

/** 'YYYYMMDD' and 'HHMMSS' of a moment, local time (the legacy's file-name stamps). */
export function fileStamp(now = new Date()): { day: string; time: string } {
	const p = (n: number) => String(n).padStart(2, '0');
	return {
		day: `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}`,
		time: `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`
	};
}
