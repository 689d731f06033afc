import { describe, expect, it } from 'vitest';
import { read, utils } from '@e965/xlsx';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { buildExport, exportSheets, type FilterLookup } from '../pipeline/carrier.export';
import { pageSpec } from '../pipeline/common.tabs';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import answers from '../../../../tests/fixtures/dpd/answers.dpd.json';
import { dpdModule } from './dpd.module';
import { parseDpd, type DpdRow } from './dpd.parser';
import { dpdLines } from './dpd.rules';

const files = [
	fixtureFile<DpdRow>('dpd/DPD_PREDICT.xlsx', parseDpd, 'predict'),
	fixtureFile<DpdRow>('dpd/DPD_CLASSIC.xlsx', parseDpd, 'classic')
];
const window = windowFor(invoiceDays(dpdLines(files)));
const analysis = analyseCarrier(dpdModule, files, threePLLookup(window), window);
const spec = pageSpec(dpdModule);
const exportOf = (id: string) => spec.exports.find((e) => e.id === id)!;
const round2 = (n: number) => Math.round(n * 100) / 100;

async function readBack(blob: Blob) {
	const wb = read(new Uint8Array(await blob.arrayBuffer()), { cellDates: true, cellStyles: true });
	const rows = (name: string) =>
		utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: true, defval: null });
	return { wb, rows };
}

describe('DPD exports (RULINGS 9 and 10)', () => {
	it('keeps the legacy file and sheet names', () => {
		const stamp = { day: '20261127', time: '101500' };
		expect(dpdModule.exports.map((e) => [e.fileName(stamp, {}), e.sheets.map((s) => s.name)])).toEqual([
			['dpd_synthese_20261127.xlsx', ['Synthèse']],
			['dpd_detail_20261127.xlsx', ['Détail']],
			['dpd_supplements_20261127.xlsx', ['Suppléments']],
			['dpd_retours_20261127.xlsx', ['Retours']],
			['dpd_analyse_20261127.xlsx', ['Synthèse', 'Détail', 'Suppléments', 'Retours']]
		]);
	});

	it('writes the four-sheet workbook with the legacy headers and the figures as numbers', async () => {
		const { blob, fileName } = await buildExport(
			spec.tabs,
			analysis,
			exportOf('classeur'),
			undefined,
			new Date(2026, 10, 27)
		);
		expect(fileName).toBe('dpd_analyse_20261127.xlsx');
		const { wb, rows } = await readBack(blob);
		expect(wb.SheetNames).toEqual(['Synthèse', 'Détail', 'Suppléments', 'Retours', 'Rapprochement']);
		expect(rows('Rapprochement').map((r) => r.slice(0, 3))).toEqual(
			expect.arrayContaining([
				['Σ partenaires', 138, 1369.28],
				['NON ATTRIBUÉ', 12, 91.77],
				['Total des lignes lues', 150, 1461.05],
				["Rapprochement : 0,00 € d'écart", null, 0]
			])
		);

		const synthese = rows('Synthèse');
		expect(synthese[0]).toEqual([
			'Partenaire',
			'Nb Expéditions',
			'Prix Transport',
			'Suppléments Île',
			'Nb Retours',
			'Coût Retours',
			'Taxe Fuel',
			'Taxe Sûreté',
			'Total avec Taxes',
			'Prix Total Ligne'
		]);
		const byPartner = Object.fromEntries(
			synthese.slice(1).map((r) => [
				r[0],
				{
					nb_lines: r[1],
					prix_transport: r[2],
					supplement_ile: r[3],
					nb_retours: r[4],
					cout_retours: r[5],
					taxe_fuel: r[6],
					taxe_surete: r[7],
					total_avec_taxes: r[8],
					prix_total_ligne: r[9]
				}
			])
		);
		expect(byPartner).toEqual(answers.per_partner);

		const detail = rows('Détail');
		expect(detail[0]).toHaveLength(17);
		expect(detail[0]).not.toContain('Contrôle');
		expect(detail).toHaveLength(answers.billed_lines + 1);
		expect(round2(detail.slice(1).reduce((s: number, r) => s + (r[16] as number), 0))).toBe(
			answers.prix_total_ligne
		);
		expect(detail[1][4]).toBeInstanceOf(Date);
		expect(rows('Suppléments')).toHaveLength(answers.lines_with_supplement_ile + 1);
		expect(
			round2(
				rows('Suppléments')
					.slice(1)
					.reduce((s: number, r) => s + (r[7] as number), 0)
			)
		).toBe(answers.supplement_ile_total);
		expect(rows('Retours')).toHaveLength(answers.lines_with_retour + 1);
		expect(
			round2(
				rows('Retours')
					.slice(1)
					.reduce((s: number, r) => s + (r[5] as number), 0)
			)
		).toBe(answers.retours_total);
	});

	it('exports what the screen filters show, duplicates highlighted', async () => {
		const onlyDuplicates: FilterLookup = (tab, table) =>
			tab === 'detail' && table === 'detail' ? { doublons: true } : { doublons: false };
		const sheets = exportSheets(spec.tabs, analysis, exportOf('detail'), onlyDuplicates);
		expect(sheets[0].rows).toHaveLength(answers.duplicate_extra_lines);
		expect(sheets[0].rows.every((r) => sheets[0].highlight?.(r) === 'FFC7CE')).toBe(true);
		const { blob } = await buildExport(spec.tabs, analysis, exportOf('detail'), onlyDuplicates);
		const { rows } = await readBack(blob);
		expect(
			round2(
				rows('Détail')
					.slice(1)
					.reduce((s: number, r) => s + (r[16] as number), 0)
			)
		).toBe(answers.duplicate_extra_amount);
	});

	it('exports the shared "À contester" sheet with the duplicates total', async () => {
		const sheets = exportSheets(spec.tabs, analysis, exportOf('a-contester'));
		expect(sheets[0].name).toBe('À contester');
		expect(sheets[0].rows).toHaveLength(answers.duplicate_extra_lines);
	});
});
