import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { buildExport } from '../pipeline/carrier.export';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import answers from '../../../../tests/fixtures/dhl/answers.dhl.json';
import { dhlModule } from './dhl.module';
import { parseDhl, type DhlRow } from './dhl.parser';
import { DETAIL_HEADERS, dhlLines } from './dhl.rules';

const FILE = 'dhl/DHL_INVOICE_PAR7494288.csv';
const euros = (cents: number) => Math.round(cents) / 100;
/** RULINGS 1: the legacy's "Non trouvé" is read as NON ATTRIBUÉ. */
const partnerLabel = (p: string) => (p === 'Non trouvé' ? NON_ATTRIBUE : p);

function run() {
	const file = fixtureFile<DhlRow>(FILE, parseDhl, 'facture');
	const window = windowFor(invoiceDays(dhlLines([file])));
	return { file, window, analysis: analyseCarrier(dhlModule, [file], threePLLookup(window), window) };
}

describe('DHL on the fixture invoice (answers.json)', () => {
	const { file, window, analysis } = run();
	const { summary, result } = analysis;

	it('keeps the S lines only, nothing rejected', () => {
		expect(file.rows).toHaveLength(answers.shipments);
		expect(file.dataset.meta).toMatchObject({ errors: [] });
		expect(window).toEqual(['2026-09', '2026-10', '2026-11']);
	});

	// Legacy gaps (LEGACY-DIFFS): a shipment billed twice and a billed weight above the 3PL's were never flagged.
	it('matches, flags duplicates, overweight and NON ATTRIBUÉ like the ground truth', () => {
		expect(summary.billedLines).toBe(answers.shipments);
		expect(summary.matchedLines).toBe(answers.matched);
		expect(summary.unmatchedLines).toBe(answers.unmatched);
		expect(summary.duplicateExtraLines).toBe(answers.duplicate_extra_lines);
		const doublons = analysis.lines
			.filter((m) => m.flags.some((f) => f.kind === 'doublon'))
			.map((m) => m.line.tracking);
		expect(doublons.sort()).toEqual(answers.duplicate_trackings);
		expect(summary.overweightLines).toBe(answers.overweight_lines);
	});

	// Legacy fault (§0.3, LEGACY-DIFFS): 3PL trackings stored as text ending ".0" must still match.
	it('matches the 3PL trackings written as "….0" text', () => {
		expect(answers.float_text_3pl_trackings_billed).toBeGreaterThan(0);
		expect(summary.matchedLines).toBe(answers.matched);
	});

	it('counts every extra charge, by slot (XC1–XC5) and by code', () => {
		const bySlot = Object.fromEntries(
			result.columns
				.filter((c) => c.column.startsWith('XC') && c.count)
				.map((c) => [c.column.slice(0, 3), { count: c.count, amount: euros(c.totalCents) }])
		);
		expect(bySlot).toEqual(answers.xc_by_slot);
		const byCode = Object.fromEntries(
			result.codes.map((c) => [c.code, { count: c.count, amount: euros(c.cents) }])
		);
		expect(byCode).toEqual(answers.xc_by_code);
		const base = result.columns.find((c) => c.column === 'Tarif_Base_HT')!;
		expect(euros(base.totalCents)).toBe(answers.weight_charge_total);
		// Legacy fault (§3.5.5): XC5 was left out of the synthesis.
		expect(result.columns.map((c) => c.column)).toContain('XC5_Montant_HT');
	});

	it('totals per partner, NON ATTRIBUÉ included', () => {
		expect(euros(result.totalHtCents)).toBe(answers.total_ht);
		expect(euros(result.totalTtcCents)).toBe(answers.total_ttc);
		const got = Object.fromEntries(
			result.partners.map((p) => [
				p.partner,
				{ nb_shipments: p.shipments, total_ht: euros(p.totalHtCents), total_ttc: euros(p.totalTtcCents) }
			])
		);
		const want = Object.fromEntries(
			Object.entries(answers.per_partner).map(([p, v]) => [partnerLabel(p), v])
		);
		expect(got).toEqual(want);
	});

	// Legacy faults (§3.4, §3.5.3–4): amounts were written as text and the synthesis letters (G/K/P/U/Z)
	// did not match the highlighted columns (K/O/T/Y/AD/AP).
	it('exports the 42 legacy columns with amounts as numbers, yellow key columns and matching letters', async () => {
		const spec = dhlModule.exports[0];
		const { blob, fileName } = await buildExport(dhlModule.tabs, analysis, spec);
		expect(fileName).toMatch(/^DHL_Facturation_\d{8}\.xlsx$/);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		const book = XLSX.read(bytes);
		expect(book.SheetNames).toEqual(['Données Détaillées', 'Synthèse Colonnes', 'Rapprochement']);

		const detail = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['Données Détaillées'], {
			header: 1
		});
		expect(detail[0]).toEqual([...DETAIL_HEADERS]);
		expect(detail[0]).toHaveLength(42);
		expect(detail.length - 1).toBe(answers.shipments);
		const col = (h: string) => detail[0].indexOf(h);
		const sum = (h: string) => detail.slice(1).reduce((s, r) => s + (r[col(h)] as number), 0);
		expect(typeof detail[1][col('Total_TTC')]).toBe('number');
		expect(sum('Total_TTC')).toBeCloseTo(answers.total_ttc, 6);
		expect(sum('Total_HT')).toBeCloseTo(answers.total_ht, 6);
		expect(sum('Tarif_Base_HT')).toBeCloseTo(answers.weight_charge_total, 6);
		expect(detail.slice(1).filter((r) => r[col('Partenaire')] === NON_ATTRIBUE)).toHaveLength(
			answers.unmatched
		);

		const synth = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['Synthèse Colonnes'], {
			header: 1
		});
		expect(synth[0]).toEqual([
			'Colonne Excel',
			'Nom Colonne',
			'Description',
			'Nb Lignes',
			'Montant Total (€)',
			'Montant Moyen (€)',
			'Montant Min (€)',
			'Montant Max (€)'
		]);
		expect(synth.slice(1).map((r) => [r[0], r[1]])).toEqual([
			['K', 'Tarif_Base_HT'],
			['O', 'XC1_Montant_HT'],
			['T', 'XC2_Montant_HT'],
			['Y', 'XC3_Montant_HT'],
			['AD', 'XC4_Montant_HT'],
			['AI', 'XC5_Montant_HT'],
			['AP', 'Total_TTC']
		]);
		expect(synth.find((r) => r[1] === 'Total_TTC')![4]).toBe(answers.total_ttc);

		const styled = new ExcelJS.Workbook();
		await styled.xlsx.load(bytes.buffer as ArrayBuffer);
		const sheet = styled.getWorksheet('Données Détaillées')!;
		const fill = (ref: string) =>
			(sheet.getCell(ref).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
		for (const letter of ['K', 'O', 'T', 'Y', 'AD', 'AI', 'AP']) {
			expect(sheet.getCell(`${letter}1`).value).toBe(synth.slice(1).find((r) => r[0] === letter)![1]);
			expect(fill(`${letter}2`)).toBe('FFFFFF00');
		}
		expect(fill('L2')).not.toBe('FFFFFF00');
	});

	// Legacy bug (§2.12.8 / §3.5.8): the same invoice loaded twice doubled every figure silently.
	it('flags every shipment of an invoice loaded twice and says why', () => {
		const twice = [file, fixtureFile<DhlRow>(FILE, parseDhl, 'facture')];
		const a = analyseCarrier(dhlModule, twice, threePLLookup(window), window);
		expect(a.summary.duplicateExtraLines).toBe(answers.shipments + answers.duplicate_extra_lines);
		expect(a.result.repeatedInvoices).toEqual([
			{ invoice: 'PAR7494288', fileNames: [FILE.split('/')[1], FILE.split('/')[1]] }
		]);
		expect(dhlModule.tabs[0].info?.(a)).toContain('Facture PAR7494288 présente dans 2 fichiers');
		expect(result.repeatedInvoices).toEqual([]);
	});
});
