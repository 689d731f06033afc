import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { utils, write } from '@e965/xlsx';
import { readFile } from '$lib/intake/read';
import { PARSERS } from '$lib/intake/parsers';
import type { ThreePLRow } from './threepl.types';
import { PilotError } from '$lib/i18n/errors';

const ANSWERS = {
	'LOG_2026_09.xlsx': {
		rows: 335,
		period: '2026-09',
		weight: 800706,
		carriers: { Chronopost: 42, 'Colis Privé': 43, Colissimo: 65, DHL: 37, DPD: 114, 'Mondial Relay': 34 },
		partners: {
			'ATELIER ROSEAU': 24,
			'BIJOUX LUCIOLE': 40,
			'CAFE PIERROT': 26,
			'LA BOUTIQUE DE CAMILLE': 50,
			"LES SAVONS D'ELISE": 68,
			'MAISON PLUMETIS': 18,
			'TERRE DE LIN': 62,
			'VELO & CO': 47
		}
	},
	'LOG_2026_10.xlsx': {
		rows: 367,
		period: '2026-10',
		weight: 867603,
		carriers: { Chronopost: 66, 'Colis Privé': 49, Colissimo: 65, DHL: 38, DPD: 112, 'Mondial Relay': 37 }
	},
	'LOG_2026_11.xlsx': {
		rows: 467,
		period: '2026-11',
		weight: 1138008,
		carriers: { Chronopost: 62, 'Colis Privé': 65, Colissimo: 101, DHL: 43, DPD: 137, 'Mondial Relay': 59 }
	}
} as const;

function parseFixture(name: string) {
	const bytes = new Uint8Array(readFileSync(`tests/fixtures/3pl/${name}`));
	return PARSERS['3pl'](readFile(bytes, name), { fileName: name });
}

describe('3PL parser on the fixtures (ANSWERS.md)', () => {
	for (const [name, truth] of Object.entries(ANSWERS)) {
		it(`${name}: rows, period, carriers`, () => {
			const result = parseFixture(name);
			const rows = result.rows as unknown as ThreePLRow[];
			expect(result.errors).toEqual([]);
			expect(rows).toHaveLength(truth.rows);
			expect(result.period).toBe(truth.period);
			expect(result.meta?.perCarrier).toEqual(truth.carriers);
			if ('partners' in truth) expect(result.meta?.perPartner).toEqual(truth.partners);
			expect(rows.reduce((n, r) => n + (r.weightG ?? 0), 0)).toBe(truth.weight);
			expect(rows.every((r) => r.tracking && !r.tracking.endsWith('.0'))).toBe(true);
			expect(rows[0]._line).toBe(2);
		});
	}

	it('normalises the text trackings ending in ".0" of November', () => {
		const rows = parseFixture('LOG_2026_11.xlsx').rows as unknown as ThreePLRow[];
		const keys = new Set(rows.map((r) => r.tracking));
		for (const t of ['8986495656', '25001314198918', '37138044']) expect(keys.has(t)).toBe(true);
	});

	it('pads French postcodes and keeps foreign ones', () => {
		const rows = parseFixture('LOG_2026_10.xlsx').rows as unknown as ThreePLRow[];
		expect(rows.find((r) => r.postcode === '06000')).toBeTruthy();
		expect(rows.filter((r) => r.country === 'FR').every((r) => /^\d{5}$/.test(r.postcode))).toBe(true);
	});
});

describe('3PL parser, hand-made files', () => {
	function book(aoa: unknown[][], sheet = 'Facturation préparation'): Uint8Array {
		const wb = utils.book_new();
		utils.book_append_sheet(wb, utils.aoa_to_sheet(aoa), sheet);
		return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }));
	}
	const header = [
		'nom du partenaire',
		'TRANSPORTEUR',
		'Numero de tracking',
		'Date d expedition',
		'Poids expedition (kg)'
	];

	it('detects the period from unaccented headers, ignoring stragglers', () => {
		const bytes = book([
			header,
			['A', 'DPD', 25010000000001, '30/09/2026', '1,5'],
			['A', 'DPD', 25010000000002, '02/11/2026', '0,25'],
			['B', 'DHL', 1234567890, '03/11/2026', 2],
			['B', '', '6A12345678901', '04/11/2026', 2]
		]);
		const result = PARSERS['3pl'](readFile(bytes, 'nov.xlsx'), { fileName: 'nov.xlsx' });
		const rows = result.rows as unknown as ThreePLRow[];
		expect(result.period).toBe('2026-11');
		expect(rows.map((r) => r.weightG)).toEqual([1500, 250, 2000, 2000]);
		expect(rows[3].carrier).toBe('Colissimo');
		expect(result.dateRange).toEqual(['2026-09-30', '2026-11-04']);
	});

	it('reports bad lines with their number instead of dropping them', () => {
		const bytes = book([
			header,
			['A', 'DPD', '', '02/11/2026', 1],
			['A', 'DPD', 25010000000002, 'demain', 1],
			['A', 'DPD', 25010000000003, '02/11/2026', 1]
		]);
		const result = PARSERS['3pl'](readFile(bytes, 'x.xlsx'), { fileName: 'x.xlsx' });
		expect(result.rows).toHaveLength(1);
		expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
		expect(result.errors[1].message).toContain('demain');
	});

	it('reads the optional « Numéro de colis » as a parcel number, absent when empty', () => {
		const bytes = book([
			[...header, 'Numéro de colis'],
			['A', 'Mondial Relay', 30012345, '02/11/2026', 1, 30012345],
			['B', 'Mondial Relay', 30012346, '03/11/2026', 1, ' 500123.0 '],
			['C', 'DPD', 25010000000001, '04/11/2026', 1, null]
		]);
		const result = PARSERS['3pl'](readFile(bytes, 'nov.xlsx'), { fileName: 'nov.xlsx' });
		const rows = result.rows as unknown as ThreePLRow[];
		expect(result.errors).toEqual([]);
		expect(rows.map((r) => r.parcel)).toEqual(['30012345', '500123', undefined]);
		expect('parcel' in rows[2]).toBe(false);
		expect(result.columns).toContain('parcel');
	});

	it('parses a file without « Numéro de colis » as before, without listing it as missing', () => {
		const bytes = book([header, ['A', 'DPD', 25010000000001, '02/11/2026', 1]]);
		const result = PARSERS['3pl'](readFile(bytes, 'x.xlsx'), { fileName: 'x.xlsx' });
		const rows = result.rows as unknown as ThreePLRow[];
		expect('parcel' in rows[0]).toBe(false);
		expect(result.columns).not.toContain('parcel');
		expect(result.meta?.missingColumns).not.toContain('Numéro de colis');
		expect(parseFixture('LOG_2026_11.xlsx').rows.some((r) => 'parcel' in r)).toBe(false);
	});

	it('asks for the "Facturation préparation" sheet by name', () => {
		const bytes = book([header], 'Feuil1');
		try {
			PARSERS['3pl'](readFile(bytes, 'x.xlsx'), { fileName: 'x.xlsx' });
			expect.unreachable();
		} catch (err) {
			expect((err as PilotError).code).toBe('missing-sheet');
			expect((err as PilotError).details).toMatchObject({ file: 'x.xlsx', found: 'Feuil1' });
		}
	});
});
