/** What a spreadsheet cell may hold once an export column has computed it. */
export type CellValue = string | number | boolean | Date | null | undefined;

/**
 * Spreadsheet formula injection guard (OWASP "CSV injection"): text starting with = + - @ or a
 * control character is prefixed with an apostrophe so no spreadsheet evaluates it. Numbers stay numbers.
 */
export function neutraliseCell<T extends CellValue>(value: T): T | string {
	if (typeof value !== 'string' || value.length === 0) return value;
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
