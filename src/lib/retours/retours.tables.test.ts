import { readFileSync } from 'node:fs';
import { read, utils } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { filterRows } from '$lib/analysis/table-rows';
import { parseBytes } from '$lib/intake/intake.core';
import { analyseRetours } from './retours.analysis';
import type { RetourRow } from './retours.parser';
import { buildRetoursExport, detailTable, syntheseTable } from './retours.tables';

const { result } = parseBytes(
	new Uint8Array(readFileSync('tests/fixtures/retours/retours_export_202611.csv')),
	'retours_export_202611.csv',
	'retours'
);
const a = analyseRetours([
	{ dataset: { id: 'f', fileName: 'f.csv', importedAt: 1 }, rows: result.rows as unknown as RetourRow[] }
]);

async function sheetOf(blob: Blob) {
	const wb = read(new Uint8Array(await blob.arrayBuffer()), { type: 'array', cellDates: true });
	return {
		names: wb.SheetNames,
		rows: utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 })
	};
}

describe('Retours tables and exports', () => {
	it('searches literally (a "(" no longer crashes, R-7) and filters the Détail by client, NON ATTRIBUÉ included', () => {
		const syn = syntheseTable(a);
		expect(filterRows(syn, { search: 'velo (' })).toEqual([]);
		expect(filterRows(syn, { search: 'savons' }).map((r) => r.client)).toEqual(["LES SAVONS D'ELISE"]);
		const det = detailTable(a);
		expect(filterRows(det, { client: 'NON ATTRIBUÉ' }).map((r) => r.id)).toEqual(['5078']);
		expect(filterRows(det, { search: '5049' })).toHaveLength(1);
		expect(det.count?.(3, 55)).toBe('📊 3/55 retours');
	});

	it('writes synthese_YYYYMMDD.xlsx, sheet « Synthèse », the filtered rows with the legacy headers', async () => {
		const { blob, fileName } = await buildRetoursExport(
			a,
			'synthese',
			{ search: 'velo' },
			new Date(2026, 10, 27)
		);
		expect(fileName).toBe('synthese_20261127.xlsx');
		const { names, rows } = await sheetOf(blob);
		expect(names).toEqual(['Synthèse']);
		expect(rows[0]).toEqual([
			'Client',
			'Nombre de Retours',
			'Numéros de Commandes',
			'Produits Retournés',
			'Avec motif',
			'Sans motif'
		]);
		expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([['VELO & CO', 15]]);
	});

	it('writes detail_YYYYMMDD.xlsx, sheet « Détail », every return with its date as a date', async () => {
		const { blob, fileName } = await buildRetoursExport(a, 'detail', {}, new Date(2026, 10, 27));
		expect(fileName).toBe('detail_20261127.xlsx');
		const { names, rows } = await sheetOf(blob);
		expect(names).toEqual(['Détail']);
		expect(rows[0]).toEqual([
			'ID Retour',
			'Client',
			'N° Commande',
			'Date Création',
			'Produits Retournés',
			'Motif'
		]);
		expect(rows).toHaveLength(56);
		const r5064 = rows.find((r) => r[0] === '5064')!;
		expect(r5064[4]).toBe(6);
		expect(r5064[3]).toBeInstanceOf(Date);
		expect(rows.slice(1).reduce((n: number, r) => n + Number(r[4]), 0)).toBe(127);
	});
});
