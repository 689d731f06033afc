import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '$lib/intake/intake.core';
import { PilotError } from '$lib/i18n/errors';
import type { AttendusRow } from './attendus.parser';

const FILE = 'tests/fixtures/attendus/attendus_received.csv';

function parse(bytes: Uint8Array, name = 'attendus_received.csv') {
	return parseBytes(bytes, name, 'attendus').result;
}

describe('attendus parser on the fixture', () => {
	const result = parse(new Uint8Array(readFileSync(FILE)));
	const rows = result.rows as unknown as AttendusRow[];

	it('keeps every one of the 106 lines, 79 of them received', () => {
		expect(rows).toHaveLength(106);
		expect(result.errors).toEqual([]);
		expect(rows.filter((r) => r.quantite > 0)).toHaveLength(79);
		expect(result.meta).toMatchObject({ attendus: 13, received: 79 });
	});

	it('reads a numeric source_ref as text and the expected quantity', () => {
		expect(rows[9]).toEqual({
			_line: 11,
			client: 'ATELIER ROSEAU',
			attendu: '125',
			sku: 'ATR-9971',
			quantite: 42,
			attendue: 17
		});
	});

	it('counts blank as 0, reports "abc" and truncates 2.7 to 2, naming the lines', () => {
		const odd = rows.filter((r) => r.sku.startsWith('ODD-')).map((r) => [r.sku, r.quantite]);
		expect(odd).toEqual([
			['ODD-1', 0],
			['ODD-2', 0],
			['ODD-3', 2]
		]);
		expect(result.meta?.notes).toEqual([
			{ line: 106, message: 'ligne 106 : quantité reçue illisible « abc », comptée 0' },
			{ line: 107, message: 'ligne 107 : quantité reçue décimale « 2.7 » ramenée à 2' }
		]);
	});
});

describe('attendus parser on other shapes', () => {
	const enc = (s: string) => new TextEncoder().encode(s);

	it('accepts semicolons, extra columns in any order, and trims', () => {
		const csv =
			'x;supply_capsule_items.received_quantity;resellers.name;source_ref;supply_capsule_items.source_ref\n' +
			'1;3;  Jejuskin ; 4512 ;SKU-1\n';
		const rows = parse(enc(csv)).rows as unknown as AttendusRow[];
		expect(rows).toEqual([
			{ _line: 2, client: 'Jejuskin', attendu: '4512', sku: 'SKU-1', quantite: 3, attendue: null }
		]);
	});

	it('names the file and the missing columns', () => {
		try {
			parse(enc('resellers.name,source_ref\nA,1\n'), 'mauvais.csv');
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(PilotError);
			expect((err as PilotError).code).toBe('missing-column');
			expect((err as PilotError).details).toMatchObject({
				file: 'mauvais.csv',
				missing: 'supply_capsule_items.source_ref, supply_capsule_items.received_quantity'
			});
		}
	});

	it('files a line without client under NON ATTRIBUÉ, and rejects one without SKU, naming the lines', () => {
		const csv =
			'resellers.name,source_ref,supply_capsule_items.source_ref,supply_capsule_items.received_quantity\n' +
			'A,1,S1,2\n,1,S2,3\nA,1,,4\n';
		const result = parse(enc(csv));
		expect((result.rows as unknown as AttendusRow[]).map((r) => r.client)).toEqual(['A', 'NON ATTRIBUÉ']);
		expect(result.meta?.notes).toEqual([
			{ line: 3, message: 'ligne 3 : client vide, classé « NON ATTRIBUÉ »' }
		]);
		expect(result.errors).toEqual([{ line: 4, message: 'ligne 4 : SKU vide' }]);
	});
});
