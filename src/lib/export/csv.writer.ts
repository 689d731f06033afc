import type { SheetSpec } from './sheet.types';
import { cellValue, neutraliseCell } from './cells';

const number = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 3 });

function field(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text: string;
	if (value instanceof Date) {
		const p = (n: number) => String(n).padStart(2, '0');
		text = `${p(value.getUTCDate())}/${p(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
	} else if (typeof value === 'number') text = number.format(value);
	else text = String(neutraliseCell(String(value)));
	return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV for French Excel: UTF-8 with BOM, `;` separators, decimal commas, dd/mm/yyyy dates. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any row type
export function toCsv(spec: SheetSpec<any>): string {
	const lines = [spec.columns.map((c) => field(c.header)).join(';')];
	for (const row of spec.rows) {
		lines.push(spec.columns.map((c) => field(cellValue(c.kind, c.value(row)))).join(';'));
	}
	return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function csvBlob(text: string): Blob {
	return new Blob([text], { type: 'text/csv;charset=utf-8' });
}
