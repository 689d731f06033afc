import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { availableMonths, consolidate } from './refacturation.consolidate';
import { fixtureSources } from './refacturation.testing';
import { expectTextCells } from '$lib/export/readback.testing';
import { writeXlsx } from '$lib/export';
import type { Consolidation } from './refacturation.consolidate';
import type { WorkbookContext } from './refacturation.workbook';
import {
	DETAIL_HEADERS,
	DETAIL_SHEET,
	periodLabel,
	RECONCILIATION_HEADERS,
	RECONCILIATION_SHEET,
	SYNTHESIS_HEADERS,
	SYNTHESIS_SHEET
} from './refacturation.workbook';

/** The workbook as the Refacturation page builds it (the export writer, inline here: no Worker in Node). */
async function refactWorkbook(data: Consolidation, ctx: WorkbookContext): Promise<ArrayBuffer> {
	return (await writeXlsx([], { layout: { kind: 'refacturation', data, ctx } })).arrayBuffer();
}

async function readBack(buffer: ArrayBuffer) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(buffer);
	return wb;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
const argb = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('the Refacturation workbook (legacy 8.3) on the fixtures', () => {
	const sources = fixtureSources();
	const months = availableMonths(sources);
	const now = new Date(2026, 10, 28, 1, 2, 3);

	it('writes Synthèse Partenaire then Refacturation, with the legacy layout and euro formats', async () => {
		const data = consolidate(sources, { months, partners: null });
		const wb = await readBack(await refactWorkbook(data, { now, months, partners: null }));
		expect(wb.worksheets.map((s) => s.name)).toEqual([SYNTHESIS_SHEET, DETAIL_SHEET, RECONCILIATION_SHEET]);
		// Each carrier's invoices reconciled, as its page shows them (RULINGS 21).
		const rec = wb.getWorksheet(RECONCILIATION_SHEET)!;
		expect(rowValues(rec, 1)).toEqual(RECONCILIATION_HEADERS);
		expect([2, 3, 4].map((n) => rowValues(rec, n).slice(0, 7))).toEqual([
			['DPD', 1369.28, 91.77, 0, 1461.05, undefined, 0],
			['Mondial Relay', 319.1, 35.4, 47.2, 401.7, undefined, 0],
			['Colis Privé', 417.99, 47.4, 0, 465.39, undefined, 0]
		]);

		const syn = wb.getWorksheet(SYNTHESIS_SHEET)!;
		expect(syn.getCell('A1').value).toBe('SYNTHÈSE REFACTURATION PAR PARTENAIRE');
		expect(syn.getCell('A1').isMerged && syn.getCell('I1').master.address).toBe('A1');
		expect(argb(syn.getCell('A1'))).toBe('FF2D3E50');
		expect(syn.getCell('A2').value).toBe(
			"Date d'export : 28/11/2026 01:02 · Période : Octobre 2026, Novembre 2026, Décembre 2026"
		);
		expect(syn.getCell('A3').value).toBeNull();
		expect(rowValues(syn, 4)).toEqual(SYNTHESIS_HEADERS);
		expect(rowValues(syn, 5)).toEqual(["LES SAVONS D'ELISE", 40, 275.77, 67.8, 0, 0, 4.5, 0, 348.07]);
		expect(syn.getCell('I5').numFmt).toBe('#,##0.00 "€"');
		expect(argb(syn.getCell('I5'))).toBe('FFFFCCCC');
		expect(rowValues(syn, 11)[0]).toBe(NON_ATTRIBUE);
		// 9 partners (rows 5–13), then TOTAL GÉNÉRAL = the detail sheet's sum.
		expect(rowValues(syn, 14)).toEqual(['TOTAL GÉNÉRAL', 227, 1461.05, 354.5, 0, 0, 52.5, 0, 1868.05]);
		expect(syn.getCell('A14').font?.size).toBe(12);

		const detail = wb.getWorksheet(DETAIL_SHEET)!;
		expect(rowValues(detail, 1)).toEqual(DETAIL_HEADERS);
		expect(detail.rowCount).toBe(1 + 227);
		expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		let sum = 0;
		detail.eachRow((row, n) => {
			if (n > 1) sum += Math.round(Number(row.getCell(11).value) * 100);
		});
		expect(sum).toBe(186_805);
		const first = detail.getRow(2);
		expect(first.getCell(1).value).toBe('ATELIER ROSEAU');
		expect(first.getCell(4).value).toBeInstanceOf(Date);
		expect(first.getCell(4).numFmt).toBe('dd/mm/yyyy');
		expect(argb(first.getCell(5))).toBe('FFFFF3CD');
		expect(argb(first.getCell(6))).toBe('FFE8F5F1');
		expect(first.getCell(11).font?.color?.argb).toBe('FFCC0000');
	});

	it('says which partners were chosen, and writes formula-looking text as text cells', async () => {
		const data = consolidate(
			[
				{
					carrier: 'dhl',
					files: 1,
					lines: [
						{
							partner: '=HYPERLINK("x")',
							tracking: '+33',
							order: '@cmd',
							day: null,
							month: '2026-11',
							cents: 990,
							source: 'f:2'
						}
					]
				}
			],
			{ months: ['2026-11'], partners: null }
		);
		const buffer = await refactWorkbook(data, { now, months: ['2026-11'], partners: ['=HYPERLINK("x")'] });
		const wb = await readBack(buffer);
		expectTextCells(buffer, DETAIL_SHEET, { A2: '=HYPERLINK("x")', B2: '@cmd', C2: '+33' });
		expectTextCells(buffer, SYNTHESIS_SHEET, { A6: '=HYPERLINK("x")' });
		const syn = wb.getWorksheet(SYNTHESIS_SHEET)!;
		expect(syn.getCell('A3').value).toBe('Filtré : =HYPERLINK("x")');
		expect(rowValues(syn, 5)).toEqual(SYNTHESIS_HEADERS);
		expect(syn.getCell('A6').value).toBe(`=HYPERLINK("x")`);
		const detail = wb.getWorksheet(DETAIL_SHEET)!;
		expect(rowValues(detail, 2).slice(0, 3)).toEqual([`=HYPERLINK("x")`, `@cmd`, `+33`]);
		expect(detail.getCell('D2').value).toBeNull();
		expect([detail.getCell('J2').value, detail.getCell('K2').value]).toEqual([9.9, 9.9]);
	});

	it('names the period', () => {
		expect(periodLabel(['2026-11'])).toBe('Novembre 2026');
		expect(periodLabel([])).toBe('aucune période');
	});
});
