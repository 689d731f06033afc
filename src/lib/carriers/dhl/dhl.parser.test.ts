import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { readFile } from '$lib/intake/read';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIXTURES } from '../pipeline/pipeline.testing';
import { parseDhl, type DhlRow } from './dhl.parser';

const HEADER = [
	'Line Type',
	'Shipment Number',
	'Shipment Date',
	'Senders Name',
	'Dest Name',
	'Dest Country Code',
	'Weight (kg)',
	'Currency',
	'Weight Charge',
	'Weight Tax (VAT)',
	...[1, 2, 3, 4, 5].flatMap((n) => [
		`XC${n} Code`,
		`XC${n} Name`,
		`XC${n} Charge`,
		`XC${n} Tax`,
		`XC${n} Total`
	]),
	'Total Extra Charges (XC)',
	'Total Extra Charges Tax',
	'Total amount (excl. VAT)',
	'Total Tax',
	'Total amount (incl. VAT)'
];
const empty = (n: number) => Array<string>(n).fill('');
/** The legacy spec's sample (§5.4): quoted name, decimal commas, an `I` header line. */
const LINES = [
	['I', ...empty(39)],
	[
		'S',
		'1234567890',
		'20250121',
		'GREENLOG',
		'Hans Muster',
		'DE',
		'1.5',
		'EUR',
		'12.30',
		'0.00',
		'FF',
		'FUEL SURCHARGE',
		'3.10',
		'0.00',
		'3.10',
		...empty(20),
		'3.10',
		'0.00',
		'15.40',
		'0.00',
		'15.40'
	],
	[
		'S',
		'5550001112',
		'20250123',
		'GREENLOG',
		'Jean, "Le Grand"',
		'FR',
		'2,0',
		'EUR',
		'20,50',
		'4,10',
		'FF',
		'FUEL SURCHARGE',
		'5.00',
		'1.00',
		'6.00',
		...empty(5),
		'OO',
		'REMOTE AREA DELIVERY',
		'22.00',
		'4.40',
		'26.40',
		...empty(10),
		'27.00',
		'5.40',
		'47.50',
		'9.50',
		'57.00'
	]
];

function csv(sep: string, lines = LINES): string {
	const field = (v: string) => (/[",;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	return [HEADER, ...lines].map((l) => l.map(field).join(sep)).join('\r\n');
}
function parse(bytes: Uint8Array, fileName = 'DHLFR_TD_concatenated_20250131_101500.csv') {
	return parseDhl(readFile(bytes, fileName), { fileName });
}
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('DHL CSV parser', () => {
	it("keeps a shipment line without its number (RULINGS 21) and reads the I line's total", () => {
		const invoice = ['I', ...empty(36), '62.90', '', ''];
		const blank = [...LINES[1]];
		blank[1] = '';
		const r = parse(utf8(csv(',', [invoice, LINES[1], blank])));
		expect((r.rows as unknown as DhlRow[]).map((x) => [x.tracking, x.totalHtCents])).toEqual([
			['1234567890', 1540],
			['', 1540]
		]);
		expect(r.errors).toEqual([]);
		expect(r.meta?.fileTotal).toEqual({ cents: 6290, label: 'ligne de facture I' });
	});

	it('keeps S lines, parses French decimals and quoted fields', () => {
		const r = parse(utf8(csv(',')));
		const rows = r.rows as unknown as DhlRow[];
		expect(rows.map((x) => [x.tracking, x.date, x.weightKg, x.baseCents, x.totalTtcCents])).toEqual([
			['1234567890', '2025-01-21', 1.5, 1230, 1540],
			['5550001112', '2025-01-23', 2, 2050, 5700]
		]);
		expect(rows[1].destName).toBe('Jean, "Le Grand"');
		expect(rows[1].xc.map((x) => [x.code, x.chargeCents])).toEqual([
			['FF', 500],
			['', 0],
			['OO', 2200],
			['', 0],
			['', 0]
		]);
		expect(r.meta).toMatchObject({ lineTypes: { I: 1, S: 2 } });
	});

	// Legacy fault (§3.5.2–3): a BOM or `;` separators broke the reading, and "20,50" became 0.
	it('reads the same file with a BOM, with semicolons, and in Windows-1252', () => {
		const want = parse(utf8(csv(','))).rows;
		expect(parse(utf8(`\ufeff${csv(',')}`)).rows).toEqual(want);
		expect(parse(utf8(csv(';'))).rows).toEqual(want);
		const latin = csv(';').replace('Hans Muster', 'Hélène Müller');
		const bytes = Uint8Array.from([...latin].map((ch) => ch.charCodeAt(0)));
		expect((parse(bytes).rows as unknown as DhlRow[])[0].destName).toBe('Hélène Müller');
	});

	it('reads the fixture: 57 shipments of the `S` type, the `I` line ignored', () => {
		const r = parse(
			new Uint8Array(readFileSync(resolve(FIXTURES, 'dhl/DHL_INVOICE_PAR7494288.csv'))),
			'DHL_INVOICE_PAR7494288.csv'
		);
		expect(r.rows).toHaveLength(57);
		expect(r.errors).toEqual([]);
		expect(r.meta).toMatchObject({ lineTypes: { I: 1, S: 57 }, invoices: ['PAR7494288'] });
	});

	it('reports an unreadable amount with its line, and refuses a file without shipments', () => {
		const bad = LINES.map((l, i) => (i === 2 ? l.map((v, j) => (j === 8 ? 'vingt' : v)) : l));
		const r = parse(utf8(csv(',', bad)));
		expect(r.errors).toEqual([
			{ line: 4, message: expect.stringContaining('Weight Charge illisible « vingt »') }
		]);
		expect(r.rows).toHaveLength(1);
		let code: string | null = null;
		try {
			parse(utf8(csv(',', [LINES[0]])));
		} catch (e) {
			code = (e as PilotError).code;
		}
		expect(code).toBe('empty-file');
	});

	it('names the missing columns of a file that is not a DHL export', () => {
		let err: PilotError | null = null;
		try {
			parse(utf8('Tracking;Montant\n123;4,5\n'));
		} catch (e) {
			err = e as PilotError;
		}
		expect(err?.code).toBe('missing-column');
		expect(String(err?.details.missing)).toContain('Line Type');
	});
});
