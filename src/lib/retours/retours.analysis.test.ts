import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '$lib/intake/intake.core';
import { analyseRetours, excludedStates, type RetoursFile } from './retours.analysis';
import type { RetourRow } from './retours.parser';

function file(name: string, bytes: Uint8Array, importedAt = 1): RetoursFile {
	const { result } = parseBytes(bytes, name, 'retours');
	return { dataset: { id: name, fileName: name, importedAt }, rows: result.rows as unknown as RetourRow[] };
}

const fixture = () =>
	file(
		'retours_export_202611.csv',
		new Uint8Array(readFileSync('tests/fixtures/retours/retours_export_202611.csv'))
	);

describe('analyseRetours on the fixture (ANSWERS.md « Retours »)', () => {
	const a = analyseRetours([fixture()]);

	it('counts distinct returned returns, clients and products (R-3 fixed: 55, not 86 lines)', () => {
		expect(a.totalReturns).toBe(55);
		expect(a.returnedLines).toBe(86);
		expect(a.clients).toBe(8);
		expect(a.products).toBe(127);
		expect(a.lines).toBe(107);
		expect(a.unattributed).toBe(1);
		expect(a.period).toBe('2026-11');
	});

	it('gives each client its returns and products, the blank client as NON ATTRIBUÉ', () => {
		const byClient = Object.fromEntries(a.synthese.map((s) => [s.client, [s.returns, s.products]]));
		expect(byClient).toEqual({
			'NON ATTRIBUÉ': [1, 1],
			'ATELIER ROSEAU': [3, 4],
			'BIJOUX LUCIOLE': [6, 10],
			'CAFE PIERROT': [3, 11],
			'LA BOUTIQUE DE CAMILLE': [6, 13],
			"LES SAVONS D'ELISE": [16, 42],
			'MAISON PLUMETIS': [2, 4],
			'TERRE DE LIN': [3, 8],
			'VELO & CO': [15, 34]
		});
		// Most returns first, then A→Z.
		expect(a.synthese.map((s) => s.returns)).toEqual([16, 15, 6, 6, 3, 3, 3, 2, 1]);
		expect(a.synthese[2].client).toBe('BIJOUX LUCIOLE');
		expect(a.synthese.find((s) => s.client === 'NON ATTRIBUÉ')?.orders).toEqual(['LBC-24737']);
	});

	it('lists order numbers as text, without blanks nor ".0"', () => {
		const savons = a.synthese.find((s) => s.client === "LES SAVONS D'ELISE")!;
		expect(savons.orders.every((o) => o !== '' && !o.endsWith('.0'))).toBe(true);
		expect(a.detail.filter((d) => d.order === '').map((d) => d.id)).toEqual(
			expect.arrayContaining(['5064', '5190'])
		);
	});

	it('has one Détail row per return, latest first (chronological, R-2), in Paris days', () => {
		expect(a.detail).toHaveLength(55);
		const keys = a.detail.map((d) => d.createdAt!);
		expect([...keys].sort((x, y) => y - x)).toEqual(keys);
		const r5049 = a.detail.find((d) => d.id === '5049')!;
		expect(r5049).toMatchObject({ client: 'ATELIER ROSEAU', order: '39520', day: '2026-11-25', products: 1 });
		const r5064 = a.detail.find((d) => d.id === '5064')!;
		expect(r5064.products).toBe(6);
	});

	it('counts returns with and without a reason per client, for the refacturation export (R-8)', () => {
		for (const s of a.synthese) expect(s.withReason + s.withoutReason).toBe(s.returns);
		expect(a.synthese.reduce((n, s) => n + s.withReason, 0)).toBe(a.detail.filter((d) => d.reason).length);
	});

	it('says which states it leaves out ("Returned" with a capital is not "returned")', () => {
		expect(excludedStates(a)).toEqual([
			{ state: 'pending', lines: 13 },
			{ state: 'cancelled', lines: 4 },
			{ state: 'Returned', lines: 4 }
		]);
	});
});

describe('analyseRetours across files', () => {
	const header = 'id,state,resellers.name,orders.id,createdAt,returnOrderItems.quantity,reason\n';
	const enc = (t: string) => new TextEncoder().encode(header + t);

	it('counts a return listed in two exports once, from the latest import', () => {
		const oct = file(
			'oct.csv',
			enc('R1,returned,A,1,2026-10-30T10:00:00Z,1,\nR2,returned,B,2,2026-10-31T10:00:00Z,2,\n'),
			1
		);
		const nov = file(
			'nov.csv',
			enc('R2,returned,B,2,2026-10-31T10:00:00Z,3,Taille\nR3,returned,,3,2026-11-02T10:00:00Z,1,\n'),
			2
		);
		const a = analyseRetours([oct, nov]);
		expect(a.totalReturns).toBe(3);
		expect(a.repeatedAcrossFiles).toBe(1);
		expect(a.products).toBe(5);
		expect(a.detail.find((d) => d.id === 'R2')).toMatchObject({
			products: 3,
			reason: 'Taille',
			fileName: 'nov.csv'
		});
		expect(a.synthese.map((s) => [s.client, s.returns, s.withReason])).toEqual([
			['A', 1, 0],
			['B', 1, 1],
			['NON ATTRIBUÉ', 1, 0]
		]);
		expect(a.clients).toBe(2);
	});

	it('is empty, not failing, without any returned line', () => {
		const a = analyseRetours([file('p.csv', enc('R1,pending,A,1,2026-10-30T10:00:00Z,1,\n'))]);
		expect(a.totalReturns).toBe(0);
		expect(a.synthese).toEqual([]);
		expect(a.lines).toBe(1);
	});
});
