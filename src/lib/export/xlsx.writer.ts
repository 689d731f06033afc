import type { CellValue } from './cells';
import type { ColumnKind, ExportColumn, SheetSpec } from './sheet.types';

const NAVY = 'FF2D3E50';
const FORMATS: Partial<Record<ColumnKind, string>> = {
	int: '0',
	number: '#,##0.00',
	cents: '#,##0.00 "€"',
	kg: '0.000',
	percent: '0.0%',
	date: 'dd/mm/yyyy'
};

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

function widthOf<Row>(column: ExportColumn<Row>): number {
	return column.width ?? Math.min(45, Math.max(12, column.header.length + 4));
}

/**
 * Writes a styled workbook (navy headers in white bold, number formats, highlights) with ExcelJS,
 * loaded only when an export is asked for: SheetJS drops styles on write (RULINGS.md 10).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sheets of different row types
export async function writeXlsx(sheets: SheetSpec<any>[]): Promise<Blob> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'pilot by GREENLOG';
	workbook.created = new Date();
	for (const spec of sheets) {
		const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = spec.columns.map((c) => ({ header: c.header, width: widthOf(c) }));
		const header = sheet.getRow(1);
		header.eachCell((cell) => {
			cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
			cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } };
			cell.alignment = { vertical: 'middle', wrapText: true };
		});
		for (const row of spec.rows) {
			const values = spec.columns.map((c) => cellValue(c.kind, c.value(row)));
			const added = sheet.addRow(values);
			const fill = spec.highlight?.(row);
			spec.columns.forEach((column, i) => {
				const cell = added.getCell(i + 1);
				const format = column.kind ? FORMATS[column.kind] : undefined;
				if (format) cell.numFmt = format;
				const colour = spec.cellFill?.(row, column) ?? fill;
				if (colour) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour}` } };
			});
		}
		if (spec.rows.length > 0) {
			sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
		}
	}
	const buffer = await workbook.xlsx.writeBuffer();
	return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
