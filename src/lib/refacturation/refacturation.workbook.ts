/**
 * The « Export Refacturation » workbook (legacy §8.3): sheet `Synthèse Partenaire` first, then
 * `Refacturation` (then `Rapprochement`, each carrier's invoices reconciled), with the legacy's titles, fills and
 * fonts — plus what §8.5 lacked: euro and date formats, the period in the header, DHL's column, user text as string
 * cells (never formulas, RULINGS 24). Written with ExcelJS (RULINGS 10) in the export worker.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { cellValue } from '$lib/export/cells';
import { formatDateTime, formatPeriod } from '$lib/i18n/format';
import { reconciliationLines } from '$lib/carriers/pipeline/reconciliation';
import { REFACT_CARRIERS, type Consolidation, type PartnerSynthesis } from './refacturation.consolidate';

export const SYNTHESIS_SHEET = 'Synthèse Partenaire';
export const DETAIL_SHEET = 'Refacturation';
export const DETAIL_HEADERS = [
	'Partenaire',
	'Num_Commande',
	'Tracking',
	'Date',
	...REFACT_CARRIERS.map((c) => c.column),
	'TOTAL_A_REFACTURER'
];
export const SYNTHESIS_HEADERS = [
	'Partenaire',
	'Nb_Commandes',
	...REFACT_CARRIERS.map((c) => c.column),
	'TOTAL'
];

/** A third sheet: each carrier's invoices reconciled, the check its page shows (RULINGS 21). */
export const RECONCILIATION_SHEET = 'Rapprochement';
export const RECONCILIATION_HEADERS = [
	'Transporteur',
	'Σ partenaires',
	'NON ATTRIBUÉ',
	'Hors analyse',
	'Total des lignes lues',
	'Total du fichier',
	'Écart',
	'Détail'
];

const NAVY = 'FF2D3E50';
const LIGHT = 'FFE8F5F1';
const YELLOW = 'FFFFF3CD';
const RED = 'FFFFCCCC';
const EURO = '#,##0.00 "€"';

export interface WorkbookContext {
	now: Date;
	/** Chosen months ('YYYY-MM'). */
	months: readonly string[];
	/** Custom partner selection; null = all partners. */
	partners: readonly string[] | null;
}

const fill = (cell: Cell, argb: string) => {
	cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
};

function headerRow(sheet: Worksheet, rowNumber: number, headers: string[]): void {
	const row = sheet.getRow(rowNumber);
	headers.forEach((h, i) => {
		const cell = row.getCell(i + 1);
		cell.value = h;
		fill(cell, NAVY);
		cell.font = { bold: true, color: { argb: 'FFFFFFFF' }, size: 11 };
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	});
}

/** Legacy widths: longest text + 2, capped (30 on the detail, 25 on the synthesis). */
function fitWidths(sheet: Worksheet, width: number, fromRow: number, cap: number): void {
	for (let c = 1; c <= width; c++) {
		let longest = 0;
		sheet.eachRow((row, n) => {
			if (n < fromRow) return;
			const v = row.getCell(c).value;
			const text = v instanceof Date ? '00/00/0000' : typeof v === 'number' ? v.toFixed(2) : String(v ?? '');
			longest = Math.max(longest, text.length);
		});
		sheet.getColumn(c).width = Math.min(longest + 2, cap);
	}
}

/** "Novembre 2026", or "Octobre 2026, Novembre 2026" for several months. */
export function periodLabel(months: readonly string[]): string {
	const sorted = [...months].sort();
	if (!sorted.length) return 'aucune période';
	if (sorted.length === 1) return formatPeriod(sorted[0]);
	return sorted.map(formatPeriod).join(', ');
}

function synthesisSheet(sheet: Worksheet, data: Consolidation, ctx: WorkbookContext): void {
	const width = SYNTHESIS_HEADERS.length;
	sheet.mergeCells(1, 1, 1, width);
	const title = sheet.getCell('A1');
	title.value = 'SYNTHÈSE REFACTURATION PAR PARTENAIRE';
	title.font = { bold: true, size: 14, color: { argb: 'FFFFFFFF' } };
	fill(title, NAVY);
	title.alignment = { horizontal: 'center', vertical: 'middle' };
	sheet.getRow(1).height = 30;
	sheet.getCell('A2').value =
		`Date d'export : ${formatDateTime(ctx.now.getTime())} · Période : ${periodLabel(ctx.months)}`;
	let headerAt = 4;
	if (ctx.partners) {
		sheet.getCell('A3').value = `Filtré : ${ctx.partners.join(', ')}`;
		headerAt = 5;
	}
	headerRow(sheet, headerAt, SYNTHESIS_HEADERS);
	const values = (p: PartnerSynthesis) => [
		p.partner,
		p.orders,
		...REFACT_CARRIERS.map((c) => p.cents[c.id] / 100),
		p.totalCents / 100
	];
	data.synthesis.forEach((p, i) => {
		const row = sheet.getRow(headerAt + 1 + i);
		row.values = values(p);
		for (let c = 3; c <= width; c++) row.getCell(c).numFmt = EURO;
		if (row.number % 2 === 0) for (let c = 1; c <= width; c++) fill(row.getCell(c), LIGHT);
		if (p.totalCents > 0) {
			const total = row.getCell(width);
			fill(total, RED);
			total.font = { bold: true, color: { argb: 'FFCC0000' } };
		}
	});
	const last = sheet.getRow(headerAt + 1 + data.synthesis.length);
	last.values = values(data.total);
	for (let c = 1; c <= width; c++) {
		const cell = last.getCell(c);
		fill(cell, NAVY);
		cell.font = { bold: true, size: 12, color: { argb: 'FFFFFFFF' } };
		if (c >= 3) cell.numFmt = EURO;
	}
	fitWidths(sheet, width, headerAt, 25);
}

function detailSheet(sheet: Worksheet, data: Consolidation): void {
	headerRow(sheet, 1, DETAIL_HEADERS);
	const width = DETAIL_HEADERS.length;
	data.rows.forEach((r, i) => {
		const row = sheet.getRow(2 + i);
		row.values = [
			r.partner,
			r.order,
			r.tracking,
			cellValue('date', r.day),
			...REFACT_CARRIERS.map((c) => r.cents[c.id] / 100),
			r.totalCents / 100
		];
		row.getCell(4).numFmt = 'dd/mm/yyyy';
		if (row.number % 2 === 0) for (let c = 1; c <= width; c++) fill(row.getCell(c), LIGHT);
		REFACT_CARRIERS.forEach((carrier, k) => {
			const cell = row.getCell(5 + k);
			cell.numFmt = EURO;
			if (r.cents[carrier.id] > 0) {
				fill(cell, YELLOW);
				cell.font = { bold: true };
			}
		});
		const total = row.getCell(width);
		total.numFmt = EURO;
		if (r.totalCents > 0) {
			fill(total, RED);
			total.font = { bold: true, size: 11, color: { argb: 'FFCC0000' } };
		}
	});
	sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }];
	fitWidths(sheet, width, 1, 30);
}

/** Each carrier's invoices reconciled (RULINGS 21), after the legacy's two sheets. */
function reconciliationSheet(sheet: Worksheet, data: Consolidation): void {
	headerRow(sheet, 1, RECONCILIATION_HEADERS);
	const carriers = data.carriers.filter((c) => c.reconciliation);
	carriers.forEach((c, i) => {
		const r = c.reconciliation!;
		const row = sheet.getRow(2 + i);
		const fileCents = r.files.length ? r.files.reduce((s, f) => s + f.fileCents, 0) / 100 : null;
		row.values = [
			c.label,
			r.partnersCents / 100,
			r.unattributedCents / 100,
			r.excluded.reduce((s, e) => s + e.cents, 0) / 100,
			r.readCents / 100,
			fileCents,
			r.gapCents / 100,
			reconciliationLines(r).join(' · ')
		];
		for (let col = 2; col <= 7; col++) row.getCell(col).numFmt = EURO;
		if (r.gapCents !== 0) fill(row.getCell(7), RED);
	});
	fitWidths(sheet, RECONCILIATION_HEADERS.length - 1, 1, 25);
	sheet.getColumn(RECONCILIATION_HEADERS.length).width = 100;
}

/** The legacy's sheets, drawn by the export worker (the page sends the consolidation as data). */
export function drawRefacturation(workbook: Workbook, data: Consolidation, ctx: WorkbookContext): void {
	synthesisSheet(workbook.addWorksheet(SYNTHESIS_SHEET), data, ctx);
	detailSheet(workbook.addWorksheet(DETAIL_SHEET), data);
	if (data.carriers.some((c) => c.reconciliation))
		reconciliationSheet(workbook.addWorksheet(RECONCILIATION_SHEET), data);
}
