import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { neutraliseCell, toCsv, writeXlsx, type SheetSpec } from './index';
import { PilotError } from '$lib/i18n/errors';
import { exportProgress } from './export-progress.svelte';
import { expectTextCells, FORMULA_LIKE } from './readback.testing';

interface Line {
	partner: string;
	cents: number;
	day: string;
	doublon: boolean;
}

const spec: SheetSpec<Line> = {
	name: 'Synthèse',
	columns: [
		{ header: 'Partenaire', value: (r) => r.partner },
		{ header: 'Montant (€)', value: (r) => r.cents, kind: 'cents' },
		{ header: 'Date', value: (r) => r.day, kind: 'date' }
	],
	rows: [
		{ partner: 'ATELIER ROSEAU', cents: 123456, day: '2026-11-27', doublon: false },
		{ partner: '=HYPERLINK("http://x")', cents: -5, day: '2026-01-02', doublon: true }
	],
	highlight: (r) => (r.doublon ? 'FFE0E0' : null)
};

describe('neutraliseCell', () => {
	it('prefixes text that a spreadsheet would evaluate', () => {
		for (const bad of ['=1+1', '+33', '-2', '@SUM(A1)', '\tx']) expect(neutraliseCell(bad)).toBe(`'${bad}`);
		expect(neutraliseCell('ATELIER')).toBe('ATELIER');
		expect(neutraliseCell(-2)).toBe(-2);
	});
	it('never lets a dangerous first character through (property)', () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				const out = String(neutraliseCell(s));
				return !/^[=+\-@\t\r]/.test(out);
			})
		);
	});
});

describe('writeXlsx', () => {
	it('writes the sheet name, headers, amounts as numbers, dates, user text as text cells and styles', async () => {
		const blob = await writeXlsx([spec]);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		const book = XLSX.read(bytes, { cellDates: true });
		expect(book.SheetNames).toEqual(['Synthèse']);
		const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Synthèse'], { header: 1 });
		expect(rows[0]).toEqual(['Partenaire', 'Montant (€)', 'Date']);
		expect(rows[1][1]).toBe(1234.56);
		expect(rows[2][0]).toBe(`=HYPERLINK("http://x")`);
		expect(rows[2][1]).toBe(-0.05);
		expect((rows[1][2] as Date).toISOString().slice(0, 10)).toBe('2026-11-27');

		const styled = new ExcelJS.Workbook();
		await styled.xlsx.load(bytes.buffer as ArrayBuffer);
		const sheet = styled.getWorksheet('Synthèse')!;
		const head = sheet.getCell('A1');
		expect(head.font?.bold).toBe(true);
		expect((head.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FF2D3E50');
		expect((sheet.getCell('A3').fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFE0E0');
	});

	it('shows the export while it is built, with its row count, and clears it when done', async () => {
		const rows = Array.from({ length: 5_000 }, (_, i) => ({ ...spec.rows[0], cents: i }));
		const seen: (string | null)[] = [];
		const built = writeXlsx([{ ...spec, rows }], { label: 'Export test' });
		seen.push(exportProgress.label);
		const blob = await built;
		expect(seen).toEqual(['Export test']);
		expect(exportProgress.total).toBeGreaterThanOrEqual(5_000);
		expect(exportProgress.label).toBeNull();
		const book = XLSX.read(new Uint8Array(await blob.arrayBuffer()));
		expect(XLSX.utils.sheet_to_json(book.Sheets['Synthèse'])).toHaveLength(5_000);
	});

	it('stops on « Annuler »: the export rejects as cancelled and nothing is shown any more', async () => {
		const rows = Array.from({ length: 10_000 }, () => spec.rows[0]);
		const built = writeXlsx([{ ...spec, rows }]);
		exportProgress.cancel();
		await expect(built).rejects.toEqual(new PilotError('cancelled'));
		expect(exportProgress.label).toBeNull();
	});
});

describe('formula-looking text (RULINGS 24)', () => {
	const texts: SheetSpec<string> = {
		name: 'Textes',
		columns: [
			{ header: 'Texte', value: (r) => r },
			{ header: 'Date', value: (r) => r, kind: 'date' }
		],
		rows: FORMULA_LIKE
	};

	it('is a string cell in XLSX, exactly as typed, without a visible apostrophe', async () => {
		const bytes = await (await writeXlsx([texts])).arrayBuffer();
		expectTextCells(
			bytes,
			'Textes',
			Object.fromEntries(
				FORMULA_LIKE.flatMap((t, i) => [
					[`A${i + 2}`, t],
					[`B${i + 2}`, t]
				])
			)
		);
	});

	it('keeps the apostrophe prefix in CSV, read back by a CSV parser', () => {
		const csv = toCsv(texts);
		const rows = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), {
			delimiter: ';',
			skipEmptyLines: true
		}).data;
		expect(rows.slice(1)).toEqual(FORMULA_LIKE.map((t) => [`'${t}`, `'${t}`]));
	});
});

describe('toCsv', () => {
	it('writes French CSV with BOM, semicolons, decimal commas and neutralised text', () => {
		const csv = toCsv(spec);
		expect(csv.startsWith('\ufeffPartenaire;Montant (€);Date\r\n')).toBe(true);
		expect(csv).toContain('ATELIER ROSEAU;1234,56;27/11/2026');
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")";-0,05;02/01/2026`);
	});
});
