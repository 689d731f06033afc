import type { ColumnKind } from './sheet.types';

/** What a spreadsheet cell may hold once an export column has computed it. */
export type CellValue = string | number | boolean | Date | null | undefined;

/**
 * CSV formula injection guard (OWASP "CSV injection", RULINGS 24): text starting with = + - @, a tab or a
 * carriage return is prefixed with an apostrophe so no spreadsheet evaluates it. Numbers stay numbers.
 * CSV only: an XLSX writes user text as string cells, which are never formulas, and must show it as typed.
 */
export function neutraliseCell<T extends CellValue>(value: T): T | string {
	if (typeof value !== 'string' || value.length === 0) return value;
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Converts a column's value to what the cell stores: euros for cents, a Date for an ISO day. Text stays
 * exactly the user's: ExcelJS writes a string as a string cell, never a formula (RULINGS 24); the CSV
 * writer adds its apostrophe guard itself.
 */
export function cellValue(kind: ColumnKind | undefined, value: CellValue): CellValue {
	if (value === null || value === undefined || value === '') return null;
	if (kind === 'cents' && typeof value === 'number') return value / 100;
	if (kind === 'date' && typeof value === 'string') {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
		return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value;
	}
	return value;
}
