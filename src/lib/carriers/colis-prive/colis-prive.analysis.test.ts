import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { filterRows, TONE_FILLS } from '$lib/analysis/table-rows';
import { testDataset } from '$lib/db/dataset.testing';
import { readFile } from '$lib/intake/read';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import answers from '../../../../tests/fixtures/colis-prive/answers.colis-prive.json';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { buildExport } from '../pipeline/carrier.export';
import type { InvoiceFile } from '../pipeline/carrier.types';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import { colisPriveModule } from './colis-prive.module';
import { parseColisPrive, type ColisPriveRow } from './colis-prive.parser';
import { colisPriveLines, hasMajoration, isColisPriveCarrier } from './colis-prive.rules';

const FILE = 'colis-prive/COLIS_PRIVE_202611.csv';
const cents = (euros: number) => Math.round(euros * 100);

function run() {
	const file = fixtureFile<ColisPriveRow>(FILE, parseColisPrive, 'facture');
	const window = windowFor(invoiceDays(colisPriveLines([file])));
	return { file, window, analysis: analyseCarrier(colisPriveModule, [file], threePLLookup(window), window) };
}

const tableOf = (a: ReturnType<typeof run>['analysis'], tab: string, id: string) =>
	colisPriveModule.tabs
		.find((t) => t.id === tab)!
		.tables(a)
		.find((t) => t.id === id)!;

describe('Colis Privé on the fixture invoice (answers.json)', () => {
	const { window, analysis } = run();
	const { summary, result } = analysis;

	it('crosses every billed line with the 3PL window and keeps the unmatched ones (legacy CP-5)', () => {
		expect(window).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(summary.billedLines).toBe(answers.lines);
		expect(summary.matchedLines).toBe(answers.matched_lines);
		expect(result.stats.crossedLines).toBe(answers.matched_lines);
		expect(summary.unmatchedLines).toBe(answers.unmatched_lines);
		expect(result.rows).toHaveLength(answers.lines);
		expect(result.rows.filter((m) => !m.match).every((m) => m.partner === NON_ATTRIBUE)).toBe(true);
	});

	it('counts the surcharges of every line, and those of the crossed and NON ATTRIBUÉ lines apart', () => {
		expect(result.stats.withMajoration).toBe(answers.lines_with_majoration);
		expect(result.stats.majorationsCents).toBe(cents(answers.majorations_total));
		expect(result.stats.crossedWithMajoration).toBe(answers.matched_lines_with_majoration);
		expect(result.stats.crossedMajorationsCents).toBe(cents(answers.matched_majorations_total));
		expect(result.stats.unmatchedMajorationsCents).toBe(cents(answers.unmatched_majorations_total));
		const byAmount: Record<string, number> = {};
		for (const m of result.majorations) {
			const key = (m.line.row.majorationCents! / 100).toFixed(2).replace('.', ',');
			byAmount[key] = (byAmount[key] ?? 0) + 1;
		}
		expect(byAmount).toEqual(answers.majorations_by_amount);
	});

	it('says how many lines carry a surcharge in French plurals, never « (s) »', () => {
		const info = colisPriveModule.tabs.find((t) => t.id === 'majorations')!.info!(analysis);
		expect(info).toContain(`${answers.lines_with_majoration} lignes avec majoration détectées`);
		expect(info).not.toContain('(s)');
	});

	// Legacy gaps (LEGACY-DIFFS): a parcel billed twice and a weight above the 3PL's were never flagged.
	it('flags duplicates and overweight (billed kg × 1000 > 3PL g + 10 g)', () => {
		expect(summary.duplicateExtraLines).toBe(answers.duplicate_extra_lines);
		expect(summary.overweightLines).toBe(answers.overweight_lines);
		const doublons = analysis.lines.filter((m) => m.flags.some((f) => f.kind === 'doublon'));
		expect(summary.toContestCents).toBe(doublons.reduce((s, m) => s + m.line.amountCents, 0));
		expect(summary.toContestCents).toBeGreaterThan(0);
	});

	it('sorts the result by surcharge, largest first, and tops the 10 largest', () => {
		const amounts = result.rows.map((m) => m.line.row.majorationCents ?? -1);
		expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
		expect(result.top).toHaveLength(10);
		// 8 lines at 3,00 € then 1,50 € ones (answers: majorations_by_amount).
		expect(result.top.map((m) => m.line.row.majorationCents)).toEqual([
			...Array<number>(answers.majorations_by_amount['3,00']).fill(300),
			...Array<number>(10 - answers.majorations_by_amount['3,00']).fill(150)
		]);
	});

	it('breaks the surcharges down per partner, NON ATTRIBUÉ last', () => {
		const named = result.partners.filter((p) => p.partner !== NON_ATTRIBUE);
		expect(
			Object.fromEntries(
				named.map((p) => [
					p.partner,
					{
						total_envois: p.envois,
						nb_avec_majoration: p.withMajoration,
						total_majorations: p.majorationsCents / 100
					}
				])
			)
		).toEqual(answers.per_partner);
		const totals = named.map((p) => p.majorationsCents);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
		expect(result.partners.at(-1)).toEqual({
			partner: NON_ATTRIBUE,
			envois: answers.unmatched_lines,
			majorationsCents: cents(answers.unmatched_majorations_total),
			withMajoration: answers.lines_with_majoration - answers.matched_lines_with_majoration
		});
	});

	it('shows the legacy KPIs in French formats', () => {
		const kpi = (label: string) => colisPriveModule.kpis.find((k) => k.label === label)!.value(analysis);
		expect(kpi('Total lignes croisées')).toBe('70');
		expect(kpi('Lignes avec majorations')).toBe('27');
		expect(kpi('Total majorations')).toMatch(/^52,50\s€$/);
		expect(kpi('% avec majorations')).toBe('34,2 %');
		expect(kpi(`Majorations ${NON_ATTRIBUE}`)).toMatch(/^6,00\s€$/);
	});

	it('filters the surcharges by partner and minimum amount, as the legacy tab does', () => {
		const spec = tableOf(analysis, 'majorations', 'majorations');
		expect(spec.rows).toHaveLength(answers.lines_with_majoration);
		expect(filterRows(spec, { min: '2' })).toHaveLength(answers.majorations_by_amount['3,00']);
		expect(filterRows(spec, { min: '1,5' })).toHaveLength(answers.lines_with_majoration);
		expect(filterRows(spec, { min: 'abc' })).toHaveLength(answers.lines_with_majoration);
		expect(filterRows(spec, { partner: 'VELO & CO' })).toHaveLength(
			answers.per_partner['VELO & CO'].nb_avec_majoration
		);
		const detail = tableOf(analysis, 'detail', 'croisement');
		expect(filterRows(detail, { majorations: true })).toHaveLength(answers.lines_with_majoration);
	});

	// Legacy faults CP-6 and §4.7: grams sat next to kilograms without a unit; postcodes lost their zero.
	it('exports the whole result on the "Croisement" sheet, numbers as numbers, surcharged lines in red', async () => {
		const { blob, fileName } = await buildExport(
			colisPriveModule.tabs,
			analysis,
			colisPriveModule.exports[0],
			() => ({ partner: 'VELO & CO' })
		);
		expect(fileName).toMatch(/^Croisement_Colis_Prive_\d{8}_\d{6}\.xlsx$/);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		const book = XLSX.read(bytes);
		expect(book.SheetNames).toEqual(['Croisement']);
		const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(book.Sheets.Croisement, {
			header: 1,
			defval: null
		});
		expect(rows[0]).toEqual([
			'Nom du partenaire',
			"Numéro de commande d'origine",
			'Numéro de commande partenaire',
			'Numéro de tracking',
			'Date de la commande',
			'Poids expédition (g)',
			'Poids facturé',
			'Code Postal',
			'Majoration service',
			'Contrôle'
		]);
		expect(rows.length - 1).toBe(answers.lines);
		const total = rows.slice(1).reduce((s, r) => s + ((r[8] as number | null) ?? 0), 0);
		expect(total).toBeCloseTo(answers.majorations_total, 6);
		expect(rows.slice(1).filter((r) => r[0] === NON_ATTRIBUE)).toHaveLength(answers.unmatched_lines);
		expect(rows.every((r) => typeof r[7] === 'string' && /^(\d{5}|Code Postal)$/.test(r[7]))).toBe(true);

		const styled = new ExcelJS.Workbook();
		await styled.xlsx.load(bytes.buffer as ArrayBuffer);
		const sheet = styled.getWorksheet('Croisement')!;
		const fill = (row: number) =>
			(sheet.getCell(`A${row}`).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
		const red = `FF${TONE_FILLS.alert}`;
		expect(fill(2)).toBe(red);
		const firstPlain = rows.findIndex((r, i) => i > 0 && !((r[8] as number | null) ?? 0));
		expect(fill(firstPlain + 1)).not.toBe(red);
	});
});

/** The legacy spec's sample (§6.4) against a 3PL file of the spec's March rows. */
describe('Colis Privé on the legacy sample', () => {
	const csv = [
		'Tracking;Poids facturé;Majoration service;Code Postal',
		'CPX0000000001;2,30;1,50;01000',
		'CPX0000000001;2,30;0,75;01000',
		'CPX0000000002;0,50;0,00;75011',
		'CPX9999999999;1,00;2,00;13001',
		'CPX0000000003;1,10;;69003'
	].join('\n');
	const row = (
		partner: string,
		tracking: string,
		originOrder: string,
		partnerOrder: string,
		orderDate: string,
		weightG: number,
		line: number
	): ThreePLRow => ({
		tracking,
		partner,
		carrier: 'COLIS PRIVE',
		originOrder,
		partnerOrder,
		orderDate,
		shipDate: null,
		weightG,
		country: 'FR',
		postcode: '',
		_line: line
	});
	const lookup = buildLookup([
		{
			dataset: testDataset({ id: 'log-2025-03', period: '2025-03' }),
			rows: [
				row('ACME', 'CPX0000000001', 'CMD-1004', 'ACME-556', '2025-03-06', 2300, 5),
				row('', 'CPX0000000002', 'CMD-1005', 'X-1', '2025-03-07', 450, 6),
				row('BETA', 'CPX0000000003', 'CMD-1007', 'BETA-778', '2025-03-11', 1100, 8)
			]
		}
	]);
	const parsed = parseColisPrive(readFile(new TextEncoder().encode(csv), 'colis_prive.csv'), {
		fileName: 'colis_prive.csv'
	});
	const file: InvoiceFile<ColisPriveRow> = {
		dataset: testDataset({ id: 'cp', slot: 'facture', fileName: 'colis_prive.csv' }),
		rows: parsed.rows as unknown as ColisPriveRow[]
	};
	const a = analyseCarrier(colisPriveModule, [file], lookup, ['2025-03']);

	it('finds the legacy figures on the crossed lines, and the dropped line as NON ATTRIBUÉ', () => {
		expect(a.result.rows.map((m) => [m.partner, m.line.tracking, m.line.row.majorationCents])).toEqual([
			[NON_ATTRIBUE, 'CPX9999999999', 200],
			['ACME', 'CPX0000000001', 150],
			['ACME', 'CPX0000000001', 75],
			[NON_ATTRIBUE, 'CPX0000000002', 0],
			['BETA', 'CPX0000000003', null]
		]);
		expect(a.result.stats).toMatchObject({
			crossedLines: 4,
			crossedWithMajoration: 2,
			crossedMajorationsCents: 225,
			unmatchedWithMajoration: 1,
			unmatchedMajorationsCents: 200
		});
		// The 2nd CPX0000000001 line is a Doublon: its whole amount is to contest.
		expect(a.summary.duplicateExtraLines).toBe(1);
		expect(a.summary.toContestCents).toBe(75);
		expect(a.result.partners.find((p) => p.partner === 'ACME')).toEqual({
			partner: 'ACME',
			envois: 2,
			majorationsCents: 225,
			withMajoration: 2
		});
		// 2,30 kg for 2 300 g and 1,10 kg for 1 100 g are within the 10 g tolerance; 0,50 kg for 450 g is not.
		expect(
			a.lines.filter((m) => m.flags.some((f) => f.kind === 'surpoids')).map((m) => m.line.tracking)
		).toEqual(['CPX0000000002']);
		expect(hasMajoration(a.result.rows[4])).toBe(false);
	});

	it('accepts the 3PL rows of Colis Privé however its name is written', () => {
		for (const name of ['COLIS PRIVÉ', 'COLIS PRIVE', 'COLISPRIVE', 'COLIS-PRIVÉ', ''])
			expect(isColisPriveCarrier(name)).toBe(true);
		expect(isColisPriveCarrier('COLISSIMO')).toBe(false);
		expect(isColisPriveCarrier('DPD')).toBe(false);
	});
});
