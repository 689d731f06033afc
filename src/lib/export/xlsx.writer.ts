/**
 * Writes a styled workbook (navy headers in white bold, number formats, highlights) with ExcelJS, in the
 * export worker (or inline where there is no Worker, in Node tests): SheetJS drops styles on write
 * (RULINGS.md 10). Every export of the app comes through here, free layouts included.
 */
import type { Workbook } from 'exceljs';
import { drawClaimsSummary } from '$lib/claims/claims.xlsx';
import { drawRefacturation } from '$lib/refacturation/refacturation.workbook';
import { cellValue } from './cells';
import type { ColumnKind, PlainSheet, WorkbookRequest } from './sheet.types';

const NAVY = 'FF2D3E50';
const FORMATS: Partial<Record<ColumnKind, string>> = {
	int: '0',
	number: '#,##0.00',
	cents: '#,##0.00 "€"',
	kg: '0.000',
	percent: '0.0%',
	date: 'dd/mm/yyyy'
};
/** Rows between two progress reports. */
const STEP = 2_000;

export type WriteProgress = (done: number, total: number) => void;

function drawTable(workbook: Workbook, spec: PlainSheet, progress: () => void): void {
	const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
	sheet.getRow(1).eachCell((cell) => {
		cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } };
		cell.alignment = { vertical: 'middle', wrapText: true };
	});
	const formats = spec.columns.map((c) => (c.kind ? FORMATS[c.kind] : undefined));
	spec.rows.forEach((values, r) => {
		const added = sheet.addRow(values.map((v, i) => cellValue(spec.columns[i].kind, v)));
		const fills = spec.fills?.[r];
		formats.forEach((format, i) => {
			const colour = fills?.[i];
			if (!format && !colour) return;
			const cell = added.getCell(i + 1);
			if (format) cell.numFmt = format;
			if (colour) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour}` } };
		});
		if ((r + 1) % STEP === 0) progress();
	});
	if (spec.rows.length > 0) {
		sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
	}
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook file; progress counts table rows, then the ZIP's writing as one last step. */
export async function writeWorkbook(request: WorkbookRequest, onProgress?: WriteProgress): Promise<Blob> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'pilot by GREENLOG';
	workbook.created = request.layout?.kind === 'refacturation' ? request.layout.ctx.now : new Date();
	const rows = request.sheets.reduce((n, s) => n + s.rows.length, 0);
	const total = rows + Math.max(1, Math.round(rows / 4));
	let done = 0;
	onProgress?.(0, total);
	if (request.layout?.kind === 'claims')
		drawClaimsSummary(workbook.addWorksheet('Synthèse'), request.layout.summary);
	if (request.layout?.kind === 'refacturation')
		drawRefacturation(workbook, request.layout.data, request.layout.ctx);
	for (const sheet of request.sheets) drawTable(workbook, sheet, () => onProgress?.((done += STEP), total));
	onProgress?.(rows, total);
	const blob = new Blob([await workbook.xlsx.writeBuffer()], { type: XLSX_TYPE });
	onProgress?.(total, total);
	return blob;
}
