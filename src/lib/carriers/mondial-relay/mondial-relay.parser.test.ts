import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { readFile } from '$lib/intake/read';
import { FIXTURES, fixtureFile } from '../pipeline/pipeline.testing';
import answers from '../../../../tests/fixtures/mondial-relay/answers.mondial-relay.json';
import { parseMondialRelay, type MondialRelayRow } from './mondial-relay.parser';

const HEADER = 'Nom;Reférence client;Tracking;Date PCH;Poids facturé;Prix;Majoration de service';

/** A CSV written as the carrier writes it (UTF-8 with BOM unless bytes are given), parsed. */
function parse(text: string, bytes?: Uint8Array) {
	const data = bytes ?? new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
	const result = parseMondialRelay(readFile(data, 'retours.csv'), { fileName: 'retours.csv' });
	return { ...result, rows: result.rows as unknown as MondialRelayRow[] };
}

describe('Mondial Relay lines (RULINGS 20, 21)', () => {
	it('keeps a line without tracking, and reads a copy differing in case, spaces and number format as listed twice', () => {
		const { rows, errors } = parse(
			[
				HEADER,
				'TOOPOST;CMD-1;MR123;12/11/2026;1,5;4,40;',
				'Toopost ; cmd-1 ;mr123;12/11/2026;1.50;4.4;',
				'TOOPOST;CMD-2;;13/11/2026;1;5,00;'
			].join('\n')
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => [r.tracking, r.priceCents, r.repeatOf])).toEqual([
			['MR123', 440, null],
			['MR123', 440, 2],
			['', 500, null]
		]);
	});
});

describe('Mondial Relay parser on the fixture (answers.json)', () => {
	const file = fixtureFile<MondialRelayRow>(
		'mondial-relay/RETOURS_MONDIAL_RELAY_202611.csv',
		parseMondialRelay,
		'retours'
	);

	it('reads every line, nothing rejected, with its period and dates', () => {
		expect(file.rows).toHaveLength(answers.lines);
		expect(file.dataset.meta).toMatchObject({ errors: [] });
		expect(file.dataset.period).toBe('2026-11');
		expect(file.dataset.dateRange).toEqual(['2026-10-12', '2026-12-20']);
	});

	it('counts the accounts and the lines listed twice', () => {
		const accounts = new Map<string, number>();
		for (const r of file.rows) accounts.set(r.account, (accounts.get(r.account) ?? 0) + 1);
		expect(answers.lines - (accounts.get('TOOPOST') ?? 0)).toBe(answers.lines_other_account);
		expect(file.rows.filter((r) => r.repeatOf !== null)).toHaveLength(answers.duplicate_lines);
		const bytes = new Uint8Array(readFileSync(`${FIXTURES}/mondial-relay/${file.dataset.fileName}`));
		const { meta } = parseMondialRelay(readFile(bytes, 'f.csv'), { fileName: 'f.csv' });
		expect(meta).toMatchObject({ returns: answers.returns_toopost_distinct, surchargeColumn: true });
		// Line 21 repeats line 20 (the file's header is line 1).
		expect(file.rows.find((r) => r._line === 21)?.repeatOf).toBe(20);
	});

	it('keeps amounts in cents, the weight in kg, days ISO and trackings normalised', () => {
		const first = file.rows[0];
		expect(first).toEqual({
			_line: 2,
			account: 'TOOPOST',
			reference: 'TDL-31096',
			returnTracking: 'R870953364',
			tracking: 'R870953364',
			day: '2026-10-12',
			weightKg: 0.98,
			priceCents: 690,
			surchargeCents: 0,
			surchargeColumn: true,
			repeatOf: null
		});
		const cents = file.rows.filter((r) => r.account === 'TOOPOST' && r.repeatOf === null);
		expect(cents.reduce((s, r) => s + r.priceCents, 0)).toBe(Math.round(answers.montant_base_total * 100));
	});
});

describe('Mondial Relay parser: the legacy defects fixed', () => {
	it('reads "Référence client" spelled correctly as well as the carrier\'s "Reférence client" (MR-2)', () => {
		for (const header of ['Reférence client', 'Référence client', '  REFERENCE CLIENT ']) {
			const { rows } = parse(
				`${HEADER.replace('Reférence client', header)}\nTOOPOST;CMD-1;R1;12/03/2025;0,8;4,90;0,25\n`
			);
			expect(rows[0].reference).toBe('CMD-1');
		}
	});

	it('finds the surcharge column by its own names only (MR-3)', () => {
		const withService = parse(
			'Nom;Reférence client;Tracking;Prix;Service;Majoration de service\nTOOPOST;A;R1;4,90;X;0,25\n'
		);
		expect(withService.rows[0].surchargeCents).toBe(25);
		const without = parse('Nom;Reférence client;Tracking;Prix;Service;de\nTOOPOST;A;R1;4,90;1,00;2,00\n');
		expect(without.rows[0].surchargeCents).toBe(0);
		expect(without.rows[0].surchargeColumn).toBe(false);
		expect(without.meta).toMatchObject({ surchargeColumn: false });
	});

	it('reads French amounts with any thousands separator, and reports what it cannot read (MR-4)', () => {
		const { rows, errors } = parse(
			`${HEADER}\nTOOPOST;A;R1;12/03/2025;1;1 234,50;0,10\nTOOPOST;B;R2;12/03/2025;1;1.234,50;\nTOOPOST;C;R3;12/03/2025;1;1\u202f234,50;0,10\nTOOPOST;D;R4;12/03/2025;1;douze;0,10\nTOOPOST;E;R5;31/02/2025;1,x;;0,10\n`
		);
		expect(rows.map((r) => r.priceCents)).toEqual([123450, 123450, 123450]);
		expect(rows[1].surchargeCents).toBe(0);
		expect(errors).toEqual([
			{ line: 5, message: 'ligne 5 (R4) : prix illisible « douze »' },
			{
				line: 6,
				message:
					'ligne 6 (R5) : Date PCH illisible « 31/02/2025 », poids facturé illisible « 1,x », prix vide'
			}
		]);
	});

	it('trims the account name (MR-5) and keeps the return tracking as written', () => {
		const { rows } = parse(`${HEADER}\n TOOPOST ;A; r-1 ;12/03/2025;1;4,90;\n`);
		expect(rows[0]).toMatchObject({ account: 'TOOPOST', returnTracking: 'r-1', tracking: 'R-1' });
	});

	it('accepts the same file in Windows-1252 / Latin-1', () => {
		const latin1 = Uint8Array.from(`${HEADER}\nTOOPOST;A;R1;12/03/2025;0,8;4,90;0,25\n`, (ch) =>
			ch.charCodeAt(0)
		);
		const { rows } = parse('', latin1);
		expect(rows[0]).toMatchObject({ reference: 'A', priceCents: 490, surchargeCents: 25, weightKg: 0.8 });
	});

	it('refuses a file without its mandatory columns, naming them', () => {
		expect(() => parse('Nom;Tracking;Prix\nTOOPOST;R1;4,90\n')).toThrow(PilotError);
		try {
			parse('Nom;Tracking;Prix\nTOOPOST;R1;4,90\n');
		} catch (err) {
			expect((err as PilotError).details).toMatchObject({ file: 'retours.csv', missing: 'Référence client' });
		}
	});
});
