import { describe, expect, it } from 'vitest';
import { utils, write } from '@e965/xlsx';
import { decodeText, detectDelimiter, readFile } from './read';
import { findHeader, requireSheet } from './columns';
import { parseCents, parseDay } from './values';
import { normaliseTracking } from './tracking';
import { PilotError } from '$lib/i18n/errors';

const ROWS = [
	['Numéro de tracking', 'Montant', 'Date', 'Ville'],
	['25010000000001', '1 234,50', '27/11/2026', 'Orléans'],
	['XR123456789FR', '12,30', '01/11/2026 14:05:00', 'Besançon']
];

function csv(sep: string): string {
	return ROWS.map((r) => r.map((c) => (c.includes(sep) ? `"${c}"` : c)).join(sep)).join('\r\n') + '\r\n';
}

/** Windows-1252 bytes of a text limited to Latin-1 (é, ç…: same code points). */
function latin1(text: string): Uint8Array {
	return Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
}

const utf8 = (t: string) => new TextEncoder().encode(t);
const bom = (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(t)]);

function values(bytes: Uint8Array) {
	const [sheet] = readFile(bytes, 'test.csv');
	const { headerRow, index } = findHeader(
		sheet,
		[
			{ key: 'tracking', names: ['numero de TRACKING'], required: true },
			{ key: 'amount', names: ['montant'], required: true },
			{ key: 'date', names: ['date'], required: true },
			{ key: 'city', names: ['ville'] }
		],
		'test.csv'
	);
	return sheet.rows.slice(headerRow + 1).map((r) => ({
		tracking: normaliseTracking(r[index.tracking]),
		cents: parseCents(r[index.amount]),
		day: parseDay(r[index.date]),
		city: r[index.city]
	}));
}

describe('CSV intake', () => {
	const expected = [
		{ tracking: '25010000000001', cents: 123450, day: '2026-11-27', city: 'Orléans' },
		{ tracking: 'XR123456789FR', cents: 1230, day: '2026-11-01', city: 'Besançon' }
	];

	it.each([';', ','])('reads UTF-8, UTF-8 BOM and Windows-1252 alike with %j', (sep) => {
		const text = csv(sep);
		expect(values(utf8(text))).toEqual(expected);
		expect(values(bom(text))).toEqual(expected);
		expect(values(latin1(text))).toEqual(expected);
	});

	it('strips the BOM from the first header and falls back to Windows-1252 on invalid UTF-8', () => {
		expect(decodeText(bom('Nom;Prix'))).toBe('Nom;Prix');
		expect(decodeText(new Uint8Array([0x80, 0x20, 0xe9]))).toBe('€ é');
	});

	it('detects the separator outside quotes', () => {
		expect(detectDelimiter('"a;b",c,d\n1,2,3')).toBe(',');
		expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
	});

	it('names the file, the missing and the found columns', () => {
		const [sheet] = readFile(utf8('Colis;Prix\n1;2\n'), 'facture.csv');
		try {
			findHeader(sheet, [{ key: 't', names: ['Numéro de tracking'], required: true }], 'facture.csv');
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(PilotError);
			expect((err as PilotError).code).toBe('missing-column');
			expect((err as PilotError).details).toMatchObject({
				file: 'facture.csv',
				missing: 'Numéro de tracking',
				found: 'Colis, Prix'
			});
		}
	});
});

describe('workbook intake', () => {
	function workbook(bookType: 'xlsx' | 'xls'): Uint8Array {
		const wb = utils.book_new();
		const ws = utils.aoa_to_sheet([
			['Tracking', 'Date'],
			[25010000000001, 46353],
			['XR123456789FR', new Date(Date.UTC(2026, 10, 28))]
		]);
		ws['B2'].z = 'dd/mm/yyyy';
		utils.book_append_sheet(wb, ws, 'Données');
		utils.book_append_sheet(wb, utils.aoa_to_sheet([['x']]), 'Autre');
		return new Uint8Array(write(wb, { type: 'array', bookType }));
	}

	it.each(['xlsx', 'xls'] as const)('reads every sheet of a .%s with dates as days', (bookType) => {
		const sheets = readFile(workbook(bookType), `f.${bookType}`);
		expect(sheets.map((s) => s.name)).toEqual(['Données', 'Autre']);
		const rows = sheets[0].rows;
		expect(normaliseTracking(rows[1][0])).toBe('25010000000001');
		expect(parseDay(rows[1][1])).toBe('2026-11-27');
		expect(parseDay(rows[2][1])).toBe('2026-11-28');
	});

	it.each(['Europe/Paris', 'America/New_York', 'Pacific/Auckland'])(
		'reads a date cell as the same calendar day in %s (not shifted by the time zone)',
		(zone) => {
			const before = process.env.TZ;
			process.env.TZ = zone;
			try {
				const rows = readFile(workbook('xlsx'), 'f.xlsx')[0].rows;
				expect(parseDay(rows[1][1])).toBe('2026-11-27');
			} finally {
				process.env.TZ = before;
			}
		}
	);

	it('says which sheet is missing and which exist', () => {
		const sheets = readFile(workbook('xlsx'), 'f.xlsx');
		expect(() => requireSheet(sheets, 'Facturation préparation', 'f.xlsx')).toThrow(PilotError);
		expect(requireSheet(sheets, 'donnees', 'f.xlsx').name).toBe('Données');
	});

	it('refuses unknown extensions and unreadable bytes with a typed error', () => {
		expect(() => readFile(utf8('x'), 'photo.png')).toThrow(PilotError);
	});
});
