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
