import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AttendusManualRecord } from '$lib/db/records';
import { parseBytes } from '$lib/intake/intake.core';
import type { AttendusRow } from './attendus.parser';
import {
	attenduKey,
	buildSynthesis,
	checkNewClient,
	clientChoices,
	clientInUse,
	CLIENTS_PREDEFINIS,
	filterDetail,
	kpis,
	linesInForce,
	totals,
	validateEntry
} from './attendus.logic';
import { detailSheet, synthesisFileName, synthesisSheet } from './attendus.export';

const csvRows = parseBytes(
	new Uint8Array(readFileSync('tests/fixtures/attendus/attendus_received.csv')),
	'attendus_received.csv',
	'attendus'
).result.rows as unknown as AttendusRow[];
const fixture = JSON.parse(readFileSync('tests/fixtures/attendus/manual_entries.json', 'utf8')) as {
	entries: { client: string; attendu: string; palette_multi: number; palette_mono: number; carton: number }[];
	custom_clients: string[];
};
const manual: AttendusManualRecord[] = fixture.entries.map((e, i) => ({
	id: `m${i}`,
	client: e.client,
	attendu: e.attendu,
	paletteMulti: e.palette_multi,
	paletteMono: e.palette_mono,
	carton: e.carton,
	createdAt: i
}));
const file = { id: 'f1', importedAt: 1, rows: csvRows };

describe('synthesis on the fixtures (ANSWERS.md « Attendus »)', () => {
	const { rows: lines } = linesInForce([file]);
	const synthesis = buildSynthesis(lines, manual);
	const byKey = Object.fromEntries(synthesis.map((r) => [`${r.client} | ${r.attendu}`, r]));

	it('gives the KPIs 7 palettes, 20 cartons, 9 clients, 70 SKU, 15 attendus', () => {
		expect(kpis(synthesis)).toEqual({
			totalPalettes: 7,
			totalCartons: 20,
			nbClients: 9,
			totalSku: 70,
			nbAttendus: 15
		});
	});

	it('gives each attendu its SKU count, units, conditioning and source', () => {
		const pick = (k: string) => {
			const r = byKey[k];
			return [r.nbSku, r.quantite, r.paletteMulti, r.paletteMono, r.carton, r.source];
		};
		expect(pick('LA BOUTIQUE DE CAMILLE | ASN-LBC-120')).toEqual([7, 176, 0, 0, 0, 'CSV']);
		expect(pick('ATELIER ROSEAU | 125')).toEqual([9, 259, 1, 3, 8, 'CSV + Manuel']);
		expect(pick('ATELIER ROSEAU | 134')).toEqual([2, 63, 0, 0, 0, 'CSV']);
		expect(pick('MAISON PLUMETIS | ASN-MPL-144')).toEqual([8, 340, 0, 0, 0, 'CSV']);
		expect(pick('TERRE DE LIN | ASN-TDL-155')).toEqual([7, 271, 0, 0, 0, 'CSV']);
		expect(pick('CAFE PIERROT | 159')).toEqual([2, 15, 0, 0, 0, 'CSV']);
		expect(pick('VELO & CO | 179')).toEqual([6, 139, 2, 0, 0, 'CSV + Manuel']);
		expect(pick('LA BOUTIQUE DE CAMILLE | ASN-MANUEL-1')).toEqual([0, 0, 0, 0, 12, 'Manuel']);
		expect(pick('NOUVEAU CLIENT | ASN-NC-01')).toEqual([0, 0, 1, 0, 0, 'Manuel']);
		expect(byKey['ATELIER ROSEAU | 125'].entryIds).toEqual(['m0', 'm1']);
	});

	it('lists CSV attendus sorted by client then attendu, then the manual-only ones', () => {
		expect(synthesis.map((r) => `${r.client} | ${r.attendu}`)).toEqual([
			'ATELIER ROSEAU | 125',
			'ATELIER ROSEAU | 134',
			'BIJOUX LUCIOLE | ASN-BJL-169',
			'CAFE PIERROT | 159',
			'CAFE PIERROT | 161',
			'LA BOUTIQUE DE CAMILLE | ASN-LBC-120',
			"LES SAVONS D'ELISE | 152",
			'MAISON PLUMETIS | ASN-MPL-136',
			'MAISON PLUMETIS | ASN-MPL-144',
			'TERRE DE LIN | ASN-TDL-154',
			'TERRE DE LIN | ASN-TDL-155',
			'VELO & CO | 170',
			'VELO & CO | 179',
			'LA BOUTIQUE DE CAMILLE | ASN-MANUEL-1',
			'NOUVEAU CLIENT | ASN-NC-01'
		]);
	});

	it('shows the SKU lines expected but not received (legacy A-5)', () => {
		expect(byKey['LA BOUTIQUE DE CAMILLE | ASN-LBC-120'].nonRecus).toBe(4);
		expect(byKey['ATELIER ROSEAU | 134'].nonRecus).toBe(1);
	});

	it('totals a filtered client', () => {
		const camille = synthesis.filter((r) => r.client === 'LA BOUTIQUE DE CAMILLE');
		expect(totals(camille)).toEqual({ paletteMulti: 0, paletteMono: 0, carton: 12, nbSku: 7, quantite: 176 });
	});

	it('filters the detail by client and attendu', () => {
		expect(filterDetail(lines, 'ATELIER ROSEAU', '').length).toBe(15);
		expect(filterDetail(lines, 'ATELIER ROSEAU', '134').map((l) => [l.sku, l.quantite])).toEqual([
			['ATR-1295', 0],
			['ATR-1885', 0],
			['ATR-8047', 58],
			['ATR-1295', 5]
		]);
	});

	it('exports with French headers, the filtered rows and the legacy file name', () => {
		const sheet = synthesisSheet(synthesis);
		expect(sheet.name).toBe('Synthèse');
		expect(sheet.columns.map((c) => c.header).slice(0, 6)).toEqual([
			'Client',
			'Attendu',
			'Palettes Multi',
			'Palettes Mono',
			'Cartons',
			'Nb SKU'
		]);
		expect(detailSheet(lines).rows).toHaveLength(106);
		expect(synthesisFileName(new Date(2026, 10, 28))).toBe('attendus_synthese_20261128.xlsx');
	});
});

describe('matching keys (legacy A-2)', () => {
	it('matches a hand-typed attendu whatever its case and spaces', () => {
		expect(attenduKey(' atelier  roseau', '125 ')).toBe(attenduKey('ATELIER ROSEAU', 125));
		const lines = linesInForce([file]).rows;
		const typed = [{ ...manual[0], client: 'Atelier Roseau ', attendu: ' 134' }];
		expect(buildSynthesis(lines, typed).find((r) => r.attendu === '134')?.source).toBe('CSV + Manuel');
	});
});

describe('several imports (legacy A-1)', () => {
	it('keeps every file, the latest one winning for an attendu both hold', () => {
		const later = {
			id: 'f2',
			importedAt: 2,
			rows: [{ _line: 2, client: 'Velo & Co', attendu: '179', sku: 'NEW', quantite: 4, attendue: 4 }]
		};
		const { rows, superseded } = linesInForce([later, file]);
		expect(superseded).toEqual({ f1: 1 });
		const synthesis = buildSynthesis(rows, []);
		expect(synthesis.find((r) => r.attendu === '179')).toMatchObject({ nbSku: 1, quantite: 4 });
		expect(synthesis).toHaveLength(13);
	});
});

describe('clients', () => {
	it('offers the 17 predefined clients, the custom ones and those in use, sorted', () => {
		expect(CLIENTS_PREDEFINIS).toHaveLength(17);
		const list = clientChoices(fixture.custom_clients, ['velo & co']);
		expect(list).toHaveLength(20);
		expect(list[0]).toBe('AGST DEVELOPPEMENT');
		expect(list).toContain('VELO & CO');
	});

	it('upper-cases a new client and refuses blanks and duplicates (legacy A-7)', () => {
		expect(checkNewClient('  zebra  shop ', [])).toEqual({ ok: true, name: 'ZEBRA SHOP' });
		expect(checkNewClient('   ', [])).toEqual({ ok: false, error: '⚠️ Veuillez saisir un nom de client' });
		expect(checkNewClient('bivouak', [])).toMatchObject({ ok: false });
		expect(checkNewClient('Zebra Shop', ['ZEBRA SHOP'])).toMatchObject({ ok: false });
	});

	it('knows a client in use whatever its case', () => {
		const lines = linesInForce([file]).rows;
		expect(clientInUse('nouveau client', lines, manual)).toBe(true);
		expect(clientInUse('ZEBRA SHOP', lines, manual)).toBe(false);
		expect(clientInUse('cafe pierrot', lines, [])).toBe(true);
	});
});

describe('manual entry validation, in the legacy order', () => {
	const base = { client: 'BIVOUAK', attendu: 'ASN-1', paletteMulti: 0, paletteMono: 0, carton: 2 };
	it('accepts and normalises', () => {
		expect(validateEntry({ ...base, client: ' bivouak ', attendu: ' ASN-1 ' })).toEqual({
			ok: true,
			fields: { client: 'BIVOUAK', attendu: 'ASN-1', paletteMulti: 0, paletteMono: 0, carton: 2 }
		});
	});
	it('refuses a missing client, attendu, all-zero or negative quantities', () => {
		expect(validateEntry({ ...base, client: ' ' })).toMatchObject({
			error: '⚠️ Veuillez sélectionner ou saisir un nom de client'
		});
		expect(validateEntry({ ...base, attendu: '' })).toMatchObject({
			error: "⚠️ Veuillez saisir un nom d'attendu"
		});
		expect(validateEntry({ ...base, carton: 0 })).toMatchObject({
			error: '⚠️ Au moins une quantité doit être supérieure à 0'
		});
		expect(validateEntry({ ...base, paletteMono: -1 })).toMatchObject({ ok: false });
		expect(validateEntry({ ...base, paletteMono: 1.5 })).toMatchObject({ ok: false });
	});
});
