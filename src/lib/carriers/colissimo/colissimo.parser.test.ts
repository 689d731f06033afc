import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { readFile } from '$lib/intake/read';
import answers from '../../../../tests/fixtures/colissimo/answers.colissimo.json';
import { isReturn, parseColissimo, type ColissimoRow } from './colissimo.parser';

const FILE = 'FACTURE_COLISSIMO_202611.csv';
const bytes = () => new Uint8Array(readFileSync(resolve('tests/fixtures/colissimo', FILE)));

/** A CSV text through the real reader (encoding, separator) and the parser. */
function parseText(text: string, encode: (t: string) => Uint8Array = (t) => new TextEncoder().encode(t)) {
	return parseColissimo(readFile(encode(text), 'facture.csv'), { fileName: 'facture.csv' });
}
const rowsOf = (text: string) => parseText(text).rows as unknown as ColissimoRow[];

/** Latin-1 bytes of a text (every char below U+0100). */
const latin1 = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0));

// The legacy spec's own sample (6.2): a dummy first column, blank majoration, a 6A line, a lower-case 8r.
const LEGACY_SAMPLE = [
	'Numéro de facture;Code produit;Tracking;Date PCH;Code Postal;Poids;Prix;Majoration service;Total',
	'F2025-03;8R;6A12345678901;18/03/2025;75011;1,25;4,50;0,30;5,76',
	'F2025-03;8R;8R98765432;19/03/2025;69003;0,54;4,50;;5,40',
	'F2025-03;8R;8R55500011;20/03/2025;33000;0,40;4,50;0,00;5,40',
	'F2025-03;8R;8R24682468;21/03/2025;99999;1,00;4,50;0,00;5,40',
	'F2025-03;6A;6A44455566677;18/03/2025;75011;2,00;7,90;0,00;9,48',
	'F2025-03;8r;8R12121212;18/03/2025;75011;1,00;4,50;0,00;5,40'
].join('\n');

describe('parseColissimo on the fixture invoice (answers.json)', () => {
	const result = parseColissimo(readFile(bytes(), FILE), { fileName: FILE });
	const rows = result.rows as unknown as ColissimoRow[];
	const returns = rows.filter(isReturn);

	it('reads every line of the Latin-1 file, nothing rejected, accents intact', () => {
		expect(answers.encoding).toBe('latin-1');
		expect(result.errors).toEqual([]);
		expect(rows).toHaveLength(answers.lines);
		expect(result.columns).toContain('Libellé produit');
		expect(rows[0].productLabel).toBe('Colissimo Point Retrait - bureau de poste');
	});

	it('keeps the outbound lines and finds the 8R returns', () => {
		expect(returns).toHaveLength(answers.returns_8R);
		expect(rows.length - returns.length).toBe(answers.outbound_lines);
		expect(result.meta).toEqual({ returns: answers.returns_8R, otherLines: answers.outbound_lines });
		const outbound = rows.filter((r) => !isReturn(r));
		expect(outbound.filter((r) => r.majorationCents > 0)).toHaveLength(answers.outbound_with_majoration);
		expect(outbound.reduce((s, r) => s + r.majorationCents, 0)).toBe(
			Math.round(answers.outbound_majoration_total * 100)
		);
	});

	it('reads the returns amounts in cents', () => {
		const sum = (key: 'prixCents' | 'majorationCents' | 'totalCents') =>
			returns.reduce((s, r) => s + r[key], 0);
		expect(sum('prixCents')).toBe(Math.round(answers.returns_prix_ht_total * 100));
		expect(sum('majorationCents')).toBe(Math.round(answers.returns_majoration_total * 100));
		expect(sum('totalCents')).toBe(Math.round(answers.returns_total_ttc * 100));
	});

	it("reads dd/mm/yyyy day-first and gives the returns' dates and month (legacy CO-7)", () => {
		expect(returns.find((r) => r.tracking === '8R72548712806')?.day).toBe('2026-11-12');
		// The outbound lines run from 03/10 to 02/12; the returns, which set the 3PL window, do not.
		expect(rows.map((r) => r.day).sort()[0]).toBe('2026-10-03');
		expect(rows.map((r) => r.day).sort()[rows.length - 1]).toBe('2026-12-02');
		expect(result.dateRange).toEqual(['2026-10-12', '2026-11-28']);
		expect(result.period).toBe('2026-11');
	});

	it('keeps the leading zero of postcodes (legacy CO-9)', () => {
		expect(returns.find((r) => r.tracking === '8R70899715194')?.postcode).toBe('06000');
		expect(returns.find((r) => r.tracking === '8R02732412523')?.postcode).toBe('03501');
	});
});

describe('parseColissimo: legacy defects fixed', () => {
	it('keeps the 8R lines of the legacy sample, and reads a trimmed lower-case "8r" as a return (CO-6)', () => {
		const rows = rowsOf(LEGACY_SAMPLE);
		expect(rows.map((r) => r.product)).toEqual(['8R', '8R', '8R', '8R', '6A', '8R']);
		expect(rows.filter(isReturn)).toHaveLength(5);
		const [first, second] = rows;
		expect([first.prixCents, first.majorationCents, first.totalCents]).toEqual([450, 30, 576]);
		// A blank "Majoration service" is 0, not an error.
		expect(second.majorationCents).toBe(0);
		expect(rowsOf(LEGACY_SAMPLE.replace(';8r;', '; 8r ;'))[5].product).toBe('8R');
	});

	it('reads a UTF-8 file with BOM whose first column is "Code produit" (CO-2)', () => {
		const text = '\ufeffCode produit;Tracking;Date PCH;Total\n8R;8R12121212;18/03/2025;5,40\n';
		const rows = rowsOf(text);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ product: '8R', tracking: '8R12121212', totalCents: 540 });
	});

	it('reads the same accents from Windows-1252 and from UTF-8', () => {
		const text = 'Code produit;Libellé produit;Tracking;Total\n8R;Colissimo Retour — été;8R1;1,00\n';
		const cp1252 = (t: string) => latin1(t.replace('—', '\u0097'));
		expect((parseText(text, cp1252).rows[0] as unknown as ColissimoRow).productLabel).toBe(
			'Colissimo Retour — été'
		);
		expect(rowsOf(text)[0].productLabel).toBe('Colissimo Retour — été');
	});

	it('reads French thousands separators: "1.234,50" and "1 234,50" are 1 234,50 € (CO-3)', () => {
		const rows = rowsOf(
			'Code produit;Tracking;Prix;Total\n8R;8R1;1.234,50;1.481,40\n8R;8R2;1\u00a0234,50;1 481,40\n'
		);
		expect(rows.map((r) => [r.prixCents, r.totalCents])).toEqual([
			[123450, 148140],
			[123450, 148140]
		]);
	});

	it('reports an unreadable amount or date with its line instead of reading 0', () => {
		const result = parseText(
			'Code produit;Tracking;Date PCH;Total\n8R;8R1;18/03/2025;abc\n8R;8R2;31/02/2025;5,40\n8R;8R3;18/03/2025;5,40\n'
		);
		expect(result.rows).toHaveLength(1);
		expect(result.errors).toEqual([
			{ line: 2, message: 'ligne 2 (8R1) : « Total » illisible : « abc »' },
			{ line: 3, message: 'ligne 3 (8R2) : « Date PCH » illisible : « 31/02/2025 »' }
		]);
	});

	it('normalises trackings like every module: trimmed, upper-cased, numbers without ".0" (CO-4)', () => {
		const rows = rowsOf('Code produit;Tracking;Total\n8R; 8r 123 456 789 ;1\n8R;12345678901.0;1\n');
		expect(rows.map((r) => r.tracking)).toEqual(['8R123456789', '12345678901']);
		expect(rows[0].trackingText).toBe('8r 123 456 789');
	});

	it('names the missing columns of a file that is not a Colissimo invoice (CO-5)', () => {
		const run = () => parseText('Date PCH;Tracking;Prix\n18/03/2025;8R1;4,50\n');
		expect(run).toThrow(PilotError);
		try {
			run();
		} catch (err) {
			expect((err as PilotError).code).toBe('missing-column');
			expect((err as PilotError).details.missing).toBe('Code produit, Total');
			expect((err as PilotError).details.file).toBe('facture.csv');
		}
	});

	it('refuses a file with a header and no line', () => {
		expect(() => parseText('Code produit;Tracking;Total\n')).toThrow(PilotError);
	});
});
