import { describe, expect, it } from 'vitest';
import { read, utils } from '@e965/xlsx';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { TONE_FILLS } from '$lib/analysis/table-rows';
import answers from '../../../../tests/fixtures/colissimo/answers.colissimo.json';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { buildExport, exportSheets, type FilterLookup } from '../pipeline/carrier.export';
import { pageSpec } from '../pipeline/common.tabs';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import { colissimoModule } from './colissimo.module';
import { parseColissimo, type ColissimoRow } from './colissimo.parser';
import { colissimoLines, type ColissimoReturn } from './colissimo.rules';

const files = [
	fixtureFile<ColissimoRow>('colissimo/FACTURE_COLISSIMO_202611.csv', parseColissimo, 'facture')
];
const window = windowFor(invoiceDays(colissimoLines(files)));
const analysis = analyseCarrier(colissimoModule, files, threePLLookup(window), window);
const spec = pageSpec(colissimoModule);
const exportOf = (id: string) => spec.exports.find((e) => e.id === id)!;
const round2 = (n: number) => Math.round(n * 100) / 100;

async function readBack(blob: Blob) {
	const wb = read(new Uint8Array(await blob.arrayBuffer()), { cellDates: true });
	const rows = (name: string) =>
		utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: true, defval: null });
	return { wb, rows };
}

describe('Colissimo exports', () => {
	it("keeps the legacy file and sheet names (retours_colissimo_YYYY-MM-DD.xlsx, 'Retours Colissimo')", () => {
		const stamp = { day: '20261127', time: '101500' };
		expect(colissimoModule.exports.map((e) => [e.fileName(stamp, {}), e.sheets.map((s) => s.name)])).toEqual([
			['retours_colissimo_2026-11-27.xlsx', ['Retours Colissimo']],
			['retours_colissimo_synthese_2026-11-27.xlsx', ['Synthèse', 'Méthodes']]
		]);
	});

	it('writes every return with the legacy headers, amounts as numbers and days as dates', async () => {
		const { blob, fileName } = await buildExport(
			spec.tabs,
			analysis,
			exportOf('retours'),
			undefined,
			new Date(2026, 10, 27)
		);
		expect(fileName).toBe('retours_colissimo_2026-11-27.xlsx');
		const { wb, rows } = await readBack(blob);
		expect(wb.SheetNames).toEqual(['Retours Colissimo']);
		const sheet = rows('Retours Colissimo');
		expect(sheet[0]).toEqual([
			'Nom Partenaire',
			'N° Commande',
			'Tracking Aller',
			'Tracking Retour',
			'Date Retour',
			'Code Postal',
			'Prix HT (€)',
			'Majoration (€)',
			'Total TTC (€)',
			'Méthode Correspondance',
			'Contrôle',
			'Expédition aller'
		]);
		expect(sheet).toHaveLength(answers.returns_8R + 1);
		const sum = (col: number) => round2(sheet.slice(1).reduce((s: number, r) => s + (r[col] as number), 0));
		expect([sum(6), sum(7), sum(8)]).toEqual([
			answers.returns_prix_ht_total,
			answers.returns_majoration_total,
			answers.returns_total_ttc
		]);
		expect(sheet[1][4]).toBeInstanceOf(Date);
		// Postcodes stay text with their leading zero.
		expect(sheet.some((r) => r[5] === '06000')).toBe(true);
	});

	it('keeps the screen colours: NON ATTRIBUÉ and duplicates red, CP + Date guesses amber', () => {
		const [sheet] = exportSheets(spec.tabs, analysis, exportOf('retours'));
		const rows = sheet.rows as ColissimoReturn[];
		const fill = (r: ColissimoReturn) => sheet.highlight?.(r) ?? null;
		expect(rows.filter((r) => fill(r) === TONE_FILLS.alert)).toHaveLength(
			answers.returns_unidentified + answers.duplicate_return_lines
		);
		expect(rows.filter((r) => fill(r) === TONE_FILLS.warn)).toHaveLength(answers.returns_by_method.cp_date);
		expect(rows.filter((r) => r.partner === NON_ATTRIBUE).every((r) => fill(r) === TONE_FILLS.alert)).toBe(
			true
		);
	});

	it('exports the filtered returns, as the screen shows them', async () => {
		const camille: FilterLookup = (tab, table) =>
			tab === 'detail' && table === 'retours' ? { partner: 'LA BOUTIQUE DE CAMILLE' } : { partner: '' };
		const { blob } = await buildExport(spec.tabs, analysis, exportOf('retours'), camille);
		const sheet = (await readBack(blob)).rows('Retours Colissimo');
		const expected = answers.per_partner['LA BOUTIQUE DE CAMILLE'];
		expect(sheet).toHaveLength(expected.nb_retours + 1);
		expect(round2(sheet.slice(1).reduce((s: number, r) => s + (r[8] as number), 0))).toBe(expected.total_ttc);
	});

	it('exports the synthesis per partner and per method', async () => {
		const { blob } = await buildExport(spec.tabs, analysis, exportOf('synthese'));
		const { rows } = await readBack(blob);
		const synthese = rows('Synthèse');
		expect(synthese[0]).toEqual([
			'Nom Partenaire',
			'Nb Retours',
			'Prix HT (€)',
			'Majoration (€)',
			'Total TTC (€)'
		]);
		expect(
			Object.fromEntries(synthese.slice(1).map((r) => [r[0], { nb_retours: r[1], total_ttc: r[4] }]))
		).toEqual(
			Object.fromEntries(
				Object.entries(answers.per_partner).map(([p, v]) => [p === 'NON IDENTIFIÉ' ? NON_ATTRIBUE : p, v])
			)
		);
		expect(
			rows('Méthodes')
				.slice(1)
				.map((r) => [r[0], r[1]])
		).toEqual([
			['Tracking exact', 14],
			['Tracking partiel', 12],
			['CP + Date', 10],
			['Aucune', 6]
		]);
	});
});
