/** Test helper (RULINGS 24): reads an exported workbook back with SheetJS and checks user text is text. */
import * as XLSX from '@e965/xlsx';
import { expect } from 'vitest';

/** Texts a spreadsheet would evaluate if they were typed into a cell. */
export const FORMULA_LIKE = ['=1+2', '+33 6 12', '-2', '@SUM(A1)', '\tx', '=HYPERLINK("http://x")'];

/**
 * Each listed cell is a string cell (never a formula) holding exactly the user's text, with no leading
 * apostrophe added; and no cell of the workbook is a formula at all.
 */
export function expectTextCells(
	bytes: Uint8Array | ArrayBuffer,
	sheet: string,
	cells: Record<string, string>
): void {
	const book = XLSX.read(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
	for (const name of book.SheetNames) {
		const formulas = Object.entries(book.Sheets[name]).filter(([k, c]) => !k.startsWith('!') && c.f);
		expect(formulas, `formules dans « ${name} »`).toEqual([]);
	}
	for (const [address, text] of Object.entries(cells)) {
		const cell = book.Sheets[sheet][address];
		expect({ address, t: cell?.t, v: cell?.v }).toEqual({ address, t: 's', v: text });
	}
}
