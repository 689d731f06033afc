import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PilotError } from '$lib/i18n/errors';
import { readFile } from '$lib/intake/read';
import answers from '../../../../tests/fixtures/colis-prive/answers.colis-prive.json';
import { FIXTURES } from '../pipeline/pipeline.testing';
import { parseColisPrive, type ColisPriveRow } from './colis-prive.parser';

/** The legacy spec's sample (§6.4): the legacy's four columns only, decimal commas, a blank surcharge. */
const SAMPLE = [
	'Tracking;Poids facturé;Majoration service;Code Postal',
	'CPX0000000001;2,30;1,50;01000',
	'CPX0000000001;2,30;0,75;01000',
	'CPX0000000002;0,50;0,00;75011',
	'CPX9999999999;1,00;2,00;13001',
	'CPX0000000003;1,10;;69003'
].join('\r\n');

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
function parse(bytes: Uint8Array, fileName = 'colis_prive.csv') {
	return parseColisPrive(readFile(bytes, fileName), { fileName });
}
const rowsOf = (r: ReturnType<typeof parse>) => r.rows as unknown as ColisPriveRow[];

function errorOf(fn: () => unknown): PilotError | null {
	try {
		fn();
	} catch (e) {
		return e as PilotError;
	}
	return null;
}

describe('Colis Privé CSV parser', () => {
	it('reads the legacy sample: cents, kg, a blank surcharge kept blank, postcodes on 5 characters', () => {
		const r = parse(utf8(SAMPLE));
		expect(r.errors).toEqual([]);
		expect(rowsOf(r).map((x) => [x.tracking, x.weightKg, x.majorationCents, x.postcode, x._line])).toEqual([
			['CPX0000000001', 2.3, 150, '01000', 2],
			['CPX0000000001', 2.3, 75, '01000', 3],
			['CPX0000000002', 0.5, 0, '75011', 4],
			['CPX9999999999', 1, 200, '13001', 5],
			['CPX0000000003', 1.1, null, '69003', 6]
		]);
		// No "Date" column in the legacy layout: no days, no period.
		expect(r.dateRange).toBeNull();
		expect(r.period).toBeNull();
	});

	// Legacy faults CP-2 and CP-4: a Latin-1 file failed to decode; numeric trackings broke the join.
	it('reads the same file with a BOM and in Latin-1, and keys numeric trackings as text', () => {
		const want = parse(utf8(SAMPLE)).rows;
		expect(parse(utf8(`\ufeff${SAMPLE}`)).rows).toEqual(want);
		expect(parse(latin1(SAMPLE)).rows).toEqual(want);
		const numeric = parse(utf8(SAMPLE.replace('CPX9999999999', ' 123456789012 ')));
		expect(rowsOf(numeric)[3].tracking).toBe('123456789012');
	});

	// Legacy fault CP-3: "1.234,5" aborted the analysis, "n/a" too; now read, or reported with the line.
	it('reads French thousands and reports an unreadable amount with its line', () => {
		const r = parse(utf8(SAMPLE.replace('0,75', '1.234,5').replace('2,00', 'n/a')));
		expect(rowsOf(r).map((x) => x.majorationCents)).toEqual([150, 123450, 0, null]);
		expect(r.errors).toEqual([
			{ line: 5, message: expect.stringContaining('majoration service illisible « n/a »') }
		]);
		expect(r.errors[0].message).toContain('CPX9999999999');
	});

	it('names the missing column, and refuses a file without lines', () => {
		const missing = errorOf(() => parse(utf8('Tracking;Poids facturé;Code Postal\nCPX1;1,0;75011\n')));
		expect(missing?.code).toBe('missing-column');
		expect(String(missing?.details.missing)).toContain('Majoration service');
		expect(missing?.details.file).toBe('colis_prive.csv');
		expect(errorOf(() => parse(utf8(SAMPLE.split('\r\n')[0])))?.code).toBe('empty-file');
	});

	it('reads the fixture invoice: every line, its days, HT prices and surcharges', () => {
		const fileName = 'COLIS_PRIVE_202611.csv';
		const r = parse(new Uint8Array(readFileSync(resolve(FIXTURES, 'colis-prive', fileName))), fileName);
		const rows = rowsOf(r);
		expect(r.errors).toEqual([]);
		expect(rows).toHaveLength(answers.lines);
		expect(rows.filter((x) => !x.tracking)).toHaveLength(answers.missing_tracking_lines);
		expect(rows.reduce((s, x) => s + (x.prixHtCents ?? 0), 0)).toBe(Math.round(answers.prix_ht_total * 100));
		expect(rows.reduce((s, x) => s + (x.majorationCents ?? 0), 0)).toBe(
			Math.round(answers.majorations_total * 100)
		);
		expect(rows.filter((x) => (x.majorationCents ?? 0) > 0)).toHaveLength(answers.lines_with_majoration);
		expect(rows[0]).toMatchObject({
			tracking: 'CP042526991933',
			day: '2026-10-04',
			postcode: '76000',
			city: 'ROUEN',
			weightKg: 2.95,
			prixHtCents: 557,
			majorationCents: 0,
			totalHtCents: 557,
			_line: 2
		});
		expect(r.dateRange?.[0]).toBe('2026-10-04');
		expect(r.period).toBe('2026-11');
	});
});
