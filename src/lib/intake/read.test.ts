import { describe, expect, it } from 'vitest';
import { utils, write } from '@e965/xlsx';
import { decodeText, detectDelimiter, readFile } from './read';
import { findHeader, requireSheet } from './columns';
import { parseCents, parseDay } from './values';
import { normaliseTracking } from './tracking';
import { errorMessage, PilotError } from '$lib/i18n/errors';
import { zipSync } from 'fflate';

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

describe('files that are not spreadsheets (any intake)', () => {
	/** Deterministic noise, as a corrupted download or a wrong file gives. */
	function noise(length: number, seed = 7): Uint8Array {
		let x = seed;
		return Uint8Array.from({ length }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
	}
	function xlsxOf(rows: string[][]): Uint8Array {
		const wb = utils.book_new();
		utils.book_append_sheet(wb, utils.aoa_to_sheet(rows), 'Données');
		return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }));
	}
	const messageOf = (bytes: Uint8Array, name: string) => {
		try {
			readFile(bytes, name);
		} catch (err) {
			return errorMessage(err);
		}
		throw new Error(`${name} a été lu`);
	};

	it('says « fichier vide » for 0 bytes, whatever the extension', () => {
		for (const name of ['vide.csv', 'vide.xlsx', 'vide.xls'])
			expect(messageOf(new Uint8Array(), name)).toMatch(
				new RegExp(`^Fichier vide : « ${name} » fait 0 octet`)
			);
		expect(messageOf(utf8('\r\n\r\n  \n'), 'blanc.csv')).toMatch(/« blanc\.csv » ne contient aucune ligne/);
	});

	it('says « fichier illisible » for random bytes, never a sheet « Sheet1 » or garbage columns', () => {
		for (const name of ['hasard.xlsx', 'hasard.xls', 'hasard.csv', 'hasard.txt']) {
			const message = messageOf(noise(4096), name);
			expect(message).toMatch(
				new RegExp(
					`^Fichier illisible \\(ce n'est pas un classeur Excel ni un CSV\\) : « ${name.replace('.', '\\.')} »`
				)
			);
			expect(message).not.toMatch(/Sheet1|Colonnes trouvées/);
		}
		// Text, but no table in it: a note saved as .csv.
		expect(messageOf(utf8('Bonjour\nvoici le fichier.\n'), 'note.csv')).toMatch(
			/^Fichier illisible \(ce n'est pas un classeur Excel ni un CSV\)/
		);
	});

	it('names a damaged or protected workbook in French, never in SheetJS English', () => {
		const zipped = zipSync({ 'a.txt': utf8('pas un classeur') });
		const truncated = xlsxOf(ROWS).slice(0, 200);
		for (const [bytes, name] of [
			[zipped, 'archive.xlsx'],
			[truncated, 'coupe.xlsx']
		] as const) {
			const message = messageOf(bytes, name);
			expect(message).toContain(`« ${name} »`);
			expect(message).toMatch(/^Fichier illisible \(classeur Excel endommagé/);
		}
	});

	it('still reads a real workbook, a CSV, and tab-separated text named .xls', () => {
		expect(readFile(xlsxOf(ROWS), 'vrai.xlsx')[0].rows[0]).toEqual(ROWS[0]);
		expect(readFile(utf8(csv(';')), 'vrai.csv')[0].rows[0]).toEqual(ROWS[0]);
		expect(readFile(utf8(csv('\t')), 'portail.xls')[0].rows[1][3]).toBe('Orléans');
	});
});
