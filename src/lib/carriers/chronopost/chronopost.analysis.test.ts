import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { filterRows } from '$lib/analysis/table-rows';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { exportSheets, buildExport } from '../pipeline/carrier.export';
import { pageSpec } from '../pipeline/common.tabs';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import answers from '../../../../tests/fixtures/chronopost/answers.chronopost.json';
import { chronopostModule, chronopostModuleFor } from './chronopost.module';
import { parseChronopost, SURPLUS_TYPES, type ChronoRow } from './chronopost.parser';
import { chronoLines, SURPLUS_PRESELECTION } from './chronopost.rules';
import { partnerToContest, totalToContest } from './chronopost.result';

const FILE = 'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx';
const euros = (cents: number | null) => (cents === null ? null : Math.round(cents) / 100);

function run() {
	const file = fixtureFile<ChronoRow>(FILE, parseChronopost, 'facture');
	const window = windowFor(invoiceDays(chronoLines([file])));
	return { file, window, analysis: analyseCarrier(chronopostModule, [file], threePLLookup(window), window) };
}

describe('Chronopost on the fixture invoice (answers.json)', () => {
	const { file, window, analysis } = run();
	const { summary, result } = analysis;

	// Legacy fault (LEGACY-DIFFS): dd/mm/yyyy dates were read month-first, giving 2026-01-11 … 2026-12-11.
	it('reads the 78 parcels and 38 surcharges of the detail, nothing rejected', () => {
		expect(file.rows.filter((r) => r.kind === 'envoi')).toHaveLength(answers.invoice_lines);
		expect(file.rows.filter((r) => r.kind === 'surplus')).toHaveLength(answers.surcharges_count);
		expect(file.dataset.skipped).toEqual([]);
		expect(summary.dateRange).toEqual(answers.date_range);
		expect(window).toEqual(['2026-09', '2026-10', '2026-11']);
	});

	// Legacy gap (LEGACY-DIFFS): a tracking billed twice was simply two lines, never flagged "Doublon".
	it('matches, flags duplicates and NON ATTRIBUÉ like the ground truth', () => {
		expect(summary.billedLines).toBe(answers.invoice_lines);
		expect(summary.matchedLines).toBe(answers.matched_lines);
		expect(summary.unmatchedLines).toBe(answers.unmatched_lines);
		expect(euros(summary.unmatchedCents)).toBe(answers.unmatched_amount);
		expect(summary.duplicateExtraLines).toBe(answers.duplicate_extra_lines);
		expect(euros(summary.duplicateExtraCents)).toBe(answers.duplicate_extra_amount);
		const doublons = analysis.lines
			.filter((m) => m.flags.some((f) => f.kind === 'doublon'))
			.map((m) => m.line.tracking);
		expect(doublons.sort()).toEqual(answers.duplicate_trackings);
		expect(euros(summary.totalCents)).toBe(answers.prix_facture_total);
	});

	it('checks weights and prices against the grid', () => {
		expect(summary.overweightLines).toBe(answers.overweight_lines);
		expect(result.overweightLines).toBe(answers.overweight_lines);
		expect(result.overpricedLines).toBe(answers.overpriced_lines);
		expect(result.positiveEcarts.count).toBe(answers.lines_with_positive_ecart);
		expect(euros(result.positiveEcarts.cents)).toBe(answers.ecarts_defaveur_total);
		expect(result.unknownTheoLines).toBe(0);
	});

	// Legacy fault (§2.6, LEGACY-DIFFS): EU parcels of (3,4], (5,6], (7,9] and (10,14] kg had no price.
	it('prices the EU parcels the legacy bracket lookup missed', () => {
		const legacyGap = (g: number) =>
			(g > 3000 && g <= 4000) ||
			(g > 5000 && g <= 6000) ||
			(g > 7000 && g <= 9000) ||
			(g > 10_000 && g <= 14_000);
		const eu = result.details.filter(
			(d) => d.matched && d.country !== 'FR' && d.logG !== null && legacyGap(d.logG)
		);
		expect(eu).toHaveLength(answers.eu_lines_in_brackets_missing_from_legacy_lookup);
		expect(eu.every((d) => d.theoCents !== null && d.theoBand !== null)).toBe(true);
	});

	// Legacy fault (LEGACY-DIFFS): 15 surcharges / 164 € instead of 38 / 475 € (row-100 scan, Traitement typed Retour).
	it('types and sums the surcharges read from the detail rows', () => {
		const byType = Object.fromEntries(
			result.byType.filter((t) => t.count).map((t) => [t.type, { count: t.count, amount: euros(t.cents) }])
		);
		expect(byType).toEqual(answers.surcharges_by_type);
		expect(euros(result.byType.reduce((s, t) => s + t.cents, 0))).toBe(answers.surcharges_total);
		expect(result.surcharges.filter((s) => !s.matched)).toHaveLength(
			answers.surcharges_on_unmatched_tracking
		);
	});

	it('totals to contest with all seven types by default, and with any selection (RULINGS 8)', () => {
		expect(euros(totalToContest(result))).toBe(answers.total_a_contester);
		const preselected = result.byType
			.filter((t) => SURPLUS_PRESELECTION.includes(t.type))
			.reduce((s, t) => s + t.cents, 0);
		expect(totalToContest(result, SURPLUS_PRESELECTION)).toBe(result.positiveEcarts.cents + preselected);
		expect(euros(totalToContest(result, []))).toBe(answers.ecarts_defaveur_total);
	});

	it('gives each partner its envois, weights, prices, positive écarts and surcharges', () => {
		for (const [partner, want] of Object.entries(answers.per_partner)) {
			const p = result.partners.find((x) => x.partner === partner);
			expect(p, partner).toBeDefined();
			expect({
				nb_envois: p!.nbEnvois,
				poids_log_kg: p!.logKg,
				poids_chrono_kg: p!.chronoKg,
				prix_theorique: euros(p!.theoCents),
				prix_facture: euros(p!.invoicedCents),
				ecart: euros(p!.ecartCents),
				total_surplus: euros(Object.values(p!.surplusByType).reduce((s, c) => s + (c ?? 0), 0)),
				total_a_contester: euros(partnerToContest(p!))
			}).toEqual(want);
		}
		const unmatched = result.partners.find((p) => p.partner === NON_ATTRIBUE);
		expect(unmatched?.nbEnvois).toBe(answers.unmatched_lines);
		expect(euros(unmatched?.invoicedCents ?? 0)).toBe(answers.unmatched_amount);
		// Legacy fault (§2.12.10): unknown prices were shown as 0; they stay blank.
		expect([unmatched?.logKg, unmatched?.theoCents]).toEqual([null, null]);
	});

	it('writes the four legacy sheets with their headers and the figures as numbers', async () => {
		const spec = chronopostModule.exports.find((e) => e.id === 'classeur')!;
		const { blob, fileName } = await buildExport(chronopostModule.tabs, analysis, spec);
		expect(fileName).toMatch(/^chronopost_analyse_\d{8}_\d{6}\.xlsx$/);
		const book = XLSX.read(new Uint8Array(await blob.arrayBuffer()));
		expect(book.SheetNames).toEqual([
			'Synthèse Partenaires',
			'Surplus Partenaires',
			'Détail Commandes',
			'Retours Expéditeur',
			'Rapprochement'
		]);
		const sheet = (name: string) =>
			XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[name], { header: 1 });

		const synthese = sheet('Synthèse Partenaires');
		expect(synthese[0]).toEqual([
			'Partenaire',
			'Nb Envois',
			'Poids Log. (kg)',
			'Poids Chrono (kg)',
			'Prix Théorique (€)',
			'Prix Facturé (€)',
			'Écart (€)',
			'Total Surplus (€)',
			'Total à Contester (€)'
		]);
		for (const [partner, want] of Object.entries(answers.per_partner)) {
			const row = synthese.find((r) => r[0] === partner)!;
			expect(row.slice(1)).toEqual([
				want.nb_envois,
				want.poids_log_kg,
				want.poids_chrono_kg,
				want.prix_theorique,
				want.prix_facture,
				want.ecart,
				want.total_surplus,
				want.total_a_contester
			]);
		}

		const surplus = sheet('Surplus Partenaires');
		expect(surplus[0]).toEqual([
			'Date',
			'Partenaire',
			'Tracking',
			'N° Cmd Origine',
			'Type Surplus',
			'Montant (€)'
		]);
		expect(surplus.length - 1).toBe(answers.surcharges_count);
		expect(surplus.slice(1).reduce((s, r) => s + Number(r[5]), 0)).toBeCloseTo(answers.surcharges_total, 6);

		const detail = sheet('Détail Commandes');
		expect(detail[0]).toEqual([
			'Date',
			'Partenaire',
			'Tracking',
			'N° Commande',
			'Pays',
			'Poids Log. (kg)',
			'Poids Chrono (kg)',
			'Écart Poids (kg)',
			'Prix Théo. (€)',
			'Prix Facturé (€)',
			'Écart Prix (€)'
		]);
		expect(detail.length - 1).toBe(answers.invoice_lines);

		const retours = sheet('Retours Expéditeur');
		expect(retours[0]).toEqual([
			'Date',
			'Partenaire',
			'Tracking',
			'N° Commande',
			'Type de Retour',
			'Coût (€)'
		]);
		const want = answers.surcharges_by_type;
		expect(retours.length - 1).toBe(
			want['Retour expéditeur'].count + want['Traitement Retour expéditeur'].count
		);
	});

	it('exports only the parcels billed above the grid in the legacy detail file', async () => {
		const spec = chronopostModule.exports.find((e) => e.id === 'detail')!;
		const { blob, fileName } = await buildExport(chronopostModule.tabs, analysis, spec);
		expect(fileName).toMatch(/^detail_chronopost_ecarts_defaveur_\d{8}_\d{6}\.xlsx$/);
		const book = XLSX.read(new Uint8Array(await blob.arrayBuffer()));
		const rows = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['Détail Commandes'], {
			header: 1
		});
		expect(rows.length - 1).toBe(answers.lines_with_positive_ecart);
		expect(rows.slice(1).reduce((s, r) => s + Number(r[10]), 0)).toBeCloseTo(
			answers.ecarts_defaveur_total,
			6
		);
	});

	it('opens the Surplus tab on the legacy pre-selection (4 types), names the export after the filters', async () => {
		const tab = chronopostModule.tabs.find((t) => t.id === 'surplus')!;
		const detail = tab.tables(analysis).find((t) => t.id === 'surplus')!;
		const pre = answers.surcharges_by_type;
		const preCount = SURPLUS_PRESELECTION.reduce((n, t) => n + pre[t].count, 0);
		expect(filterRows(detail, {})).toHaveLength(preCount);
		expect(filterRows(detail, { types: [...SURPLUS_TYPES] })).toHaveLength(answers.surcharges_count);
		expect(filterRows(detail, { types: [] })).toHaveLength(0);
		const spec = chronopostModule.exports.find((e) => e.id === 'surplus')!;
		const filters = { partner: "LES SAVONS D'ELISE", types: ['Supplément Corse', 'Retour expéditeur'] };
		const { fileName } = await buildExport(chronopostModule.tabs, analysis, spec, () => filters);
		expect(fileName).toMatch(/^surplus_chronopost_LES_SAVONS_D_ELISE_2types_\d{8}_\d{6}\.xlsx$/);
		const { fileName: all } = await buildExport(chronopostModule.tabs, analysis, spec, () => ({
			types: [...SURPLUS_TYPES]
		}));
		expect(all).toMatch(/^surplus_chronopost_\d{8}_\d{6}\.xlsx$/);
	});

	it('exports the filtered rows of the screen (partner filter)', () => {
		const spec = chronopostModule.exports.find((e) => e.id === 'surplus')!;
		const [sheet] = exportSheets(chronopostModule.tabs, analysis, spec, () => ({
			partner: 'MAISON PLUMETIS'
		}));
		expect(sheet.rows.length).toBeGreaterThan(0);
		expect(sheet.rows.every((r) => (r as { partner: string }).partner === 'MAISON PLUMETIS')).toBe(true);
	});

	it('lets the total count only the selected types: KPI, synthesis and flags follow the same rule', () => {
		const selected = ['Retour expéditeur', 'Supplément hors norme'] as const;
		const module = chronopostModuleFor(selected);
		const a = analyseCarrier(module, [file], threePLLookup(window), window);
		const want = Math.round((answers.ecarts_defaveur_total + 100 + 210) * 100) / 100;
		expect(euros(totalToContest(a.result, selected))).toBe(want);
		const kpi = module.kpis.find((k) => k.label === '💸 TOTAL À CONTESTER')!;
		expect(kpi.value(a).replace(/\s/g, ' ')).toBe(`${want.toFixed(2).replace('.', ',')} €`);
		expect(kpi.hint?.(a)).toContain('2/7 types');
		const surplusFlags = a.lines.flatMap((m) => m.flags.filter((f) => f.kind === 'surplus'));
		expect(surplusFlags).toHaveLength(answers.surcharges_count);
		expect(euros(surplusFlags.reduce((s, f) => s + f.amountCents, 0))).toBe(310);
		const [sheet] = exportSheets(
			module.tabs,
			a,
			module.exports.find((e) => e.id === 'synthese')!
		);
		const plumetis = sheet.rows.find((r) => (r as { partner: string }).partner === 'MAISON PLUMETIS')!;
		const total = sheet.columns.find((c) => c.header === 'Total à Contester (€)')!;
		expect(total.value(plumetis)).toBe(
			partnerToContest(
				a.result.partners.find((p) => p.partner === 'MAISON PLUMETIS')!,
				selected
			)
		);
	});

	it("shows one total to contest on the page: Chronopost's replaces the shared one", () => {
		const labels = pageSpec(chronopostModule).kpis.map((k) => k.label);
		expect(labels.filter((l) => /contester/i.test(l))).toEqual(['💸 TOTAL À CONTESTER']);
		expect(labels).toContain('Doublons');
		const total = chronopostModule.kpis.find((k) => k.label === '💸 TOTAL À CONTESTER')!;
		expect(total.hint?.(analysis)).toBe('Écarts positifs + surplus (7/7 types) · doublons en plus : 17,69 €');
	});

	it('lists every type in the legacy order', () => {
		expect(result.byType.map((t) => t.type)).toEqual([...SURPLUS_TYPES]);
	});
});
