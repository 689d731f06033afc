import { describe, expect, it } from 'vitest';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import answers from '../../../../tests/fixtures/dpd/answers.dpd.json';
import { dpdModule } from './dpd.module';
import { parseDpd, type DpdRow } from './dpd.parser';
import { dpdLines } from './dpd.rules';

const euros = (cents: number) => Math.round(cents) / 100;

function run() {
	const files = [
		fixtureFile<DpdRow>('dpd/DPD_PREDICT.xlsx', parseDpd, 'predict'),
		fixtureFile<DpdRow>('dpd/DPD_CLASSIC.xlsx', parseDpd, 'classic')
	];
	const window = windowFor(invoiceDays(dpdLines(files)));
	return { files, window, analysis: analyseCarrier(dpdModule, files, threePLLookup(window), window) };
}

describe('DPD on the fixtures (answers.json)', () => {
	const { files, window, analysis } = run();
	const { summary, result } = analysis;

	it('reads every billed line of both files, nothing rejected', () => {
		expect(files.map((f) => f.rows.length)).toEqual([
			answers.files['dpd/DPD_PREDICT.xlsx'].lines,
			answers.files['dpd/DPD_CLASSIC.xlsx'].lines
		]);
		expect(files.flatMap((f) => f.dataset.skipped)).toEqual([]);
		expect(summary.billedLines).toBe(answers.billed_lines);
	});

	it('uses the months of the invoice plus the month before as 3PL window', () => {
		const [first, last] = analysis.summary.dateRange ?? ['', ''];
		expect([first.slice(0, 7), last.slice(0, 7)]).toEqual(['2026-10', '2026-12']);
		expect(window).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
	});

	it('matches and flags like the ground truth', () => {
		expect(summary.matchedLines).toBe(answers.matched_lines);
		expect(summary.unmatchedLines).toBe(answers.unmatched_lines);
		expect(summary.duplicateExtraLines).toBe(answers.duplicate_extra_lines);
		expect(euros(summary.duplicateExtraCents)).toBe(answers.duplicate_extra_amount);
		const flagged = analysis.lines
			.filter((m) => m.flags.some((f) => f.kind === 'doublon'))
			.map((m) => m.line.tracking);
		expect([...flagged].sort()).toEqual(answers.duplicate_trackings);
		expect(summary.partners).toBe(answers.nb_partners_incl_non_attribue);
		expect(summary.overweightLines).toBe(0);
	});

	it('gives the legacy totals', () => {
		const s = result.stats;
		expect(euros(s.prixTotalCents)).toBe(answers.prix_total_ligne);
		expect(euros(s.transportCents)).toBe(answers.prix_transport_total);
		expect(euros(s.supplementCents)).toBe(answers.supplement_ile_total);
		expect(s.nbSupplements).toBe(answers.lines_with_supplement_ile);
		expect(s.nbRetours).toBe(answers.lines_with_retour);
		expect(euros(s.retourCents)).toBe(answers.retours_total);
		expect(euros(s.fuelCents)).toBe(answers.taxe_fuel_total);
		expect(euros(s.sureteCents)).toBe(answers.taxe_surete_total);
		expect(s.tauxNonAttribue).toBeCloseTo(answers.unmatched_lines / answers.billed_lines, 10);
		expect(euros(summary.totalCents)).toBe(answers.prix_total_ligne);
	});

	it('gives the per-partner synthesis, sorted by Prix Total Ligne', () => {
		const table = Object.fromEntries(
			result.synthese.map((g) => [
				g.partner,
				{
					nb_lines: g.nbExpeditions,
					prix_transport: euros(g.transportCents),
					supplement_ile: euros(g.supplementCents),
					nb_retours: g.nbRetours,
					cout_retours: euros(g.retourCents),
					taxe_fuel: euros(g.fuelCents),
					taxe_surete: euros(g.sureteCents),
					total_avec_taxes: euros(g.totalAvecTaxesCents),
					prix_total_ligne: euros(g.prixTotalCents)
				}
			])
		);
		expect(table).toEqual(answers.per_partner);
		const totals = result.synthese.map((g) => g.prixTotalCents);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
	});

	it("guards against the legacy's '.0' text trackings (LEGACY-DIFFS dpd: 17 NON ATTRIBUÉ instead of 12)", () => {
		// 5 billed lines match 3PL trackings stored as text "….0"; the legacy left them NON ATTRIBUÉ.
		const nonAttribue = result.synthese.find((g) => g.partner === NON_ATTRIBUE);
		expect(nonAttribue?.nbExpeditions).toBe(12);
		expect(euros(nonAttribue?.prixTotalCents ?? 0)).toBe(91.77);
	});

	it('flags the duplicates the legacy never detected (LEGACY-DIFFS dpd: LEGACY GAP)', () => {
		// Each duplicated tracking: the first billing is kept, the later ones are "Doublon" and all count in totals.
		for (const tracking of answers.duplicate_trackings) {
			const lines = analysis.lines.filter((m) => m.line.tracking === tracking);
			expect(lines.length).toBeGreaterThan(1);
			expect(lines[0].flags).toEqual([]);
			for (const later of lines.slice(1)) expect(later.flags.map((f) => f.label)).toEqual(['Doublon']);
		}
	});
});
