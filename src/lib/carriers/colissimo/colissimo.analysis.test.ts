import { describe, expect, it } from 'vitest';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { testDataset } from '$lib/db/dataset.testing';
import { readFile } from '$lib/intake/read';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import answers from '../../../../tests/fixtures/colissimo/answers.colissimo.json';
import { carrierFor } from '$lib/carriers';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import { colissimoModule } from './colissimo.module';
import { parseColissimo, type ColissimoRow } from './colissimo.parser';
import { colissimoLines, digitRun, rateBanner, RETURN_WINDOW_DAYS } from './colissimo.rules';

const euros = (cents: number) => Math.round(cents) / 100;

function run() {
	const files = [
		fixtureFile<ColissimoRow>('colissimo/FACTURE_COLISSIMO_202611.csv', parseColissimo, 'facture')
	];
	const window = windowFor(invoiceDays(colissimoLines(files)));
	return { window, analysis: analyseCarrier(colissimoModule, files, threePLLookup(window), window) };
}

describe('Colissimo 8R returns on the fixtures (answers.json)', () => {
	const { window, analysis } = run();
	const { summary, result } = analysis;
	const { stats } = result;

	it('runs in the analysis worker: the registry rebuilds the module from its id', () => {
		expect(carrierFor('colissimo', colissimoModule.worker?.options)).toBe(colissimoModule);
	});

	it('analyses the 42 returns only, against the months of the invoice plus the month before', () => {
		expect(summary.billedLines).toBe(answers.returns_8R);
		// The returns run from 12/10 to 28/11 (the outbound lines, not analysed here, reach December).
		expect(summary.dateRange).toEqual(['2026-10-12', '2026-11-28']);
		expect(window).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(stats.nbRetours).toBe(answers.returns_8R);
	});

	it('identifies the returns like the ground truth, duplicates counted as returns', () => {
		expect(stats.nbIdentifies).toBe(answers.returns_identified);
		expect(stats.nbNonIdentifies).toBe(answers.returns_unidentified);
		expect(summary.unmatchedLines).toBe(answers.returns_unidentified);
		expect(stats.tauxIdentification).toBeCloseTo(36 / 42, 10);
		expect(rateBanner(stats.tauxIdentification).text).toBe("✅ Taux d'identification : 85,7 % - Excellent !");
	});

	it('counts each method as the legacy (duplicates of exact returns are exact)', () => {
		const m = answers.returns_by_method;
		expect(stats.byMethod).toEqual({
			'Tracking exact': m.exact + m.duplicate,
			'Tracking partiel': m.partial,
			'CP + Date': m.cp_date,
			Aucune: m.unidentified
		});
		// One CP + Date return has a day ≤ 12: read day-first, it still finds its shipment (CO-7).
		const cpDate = result.returns.filter((r) => r.method === 'CP + Date');
		expect(cpDate.filter((r) => Number(r.day?.slice(8)) <= 12)).toHaveLength(
			answers.cp_date_returns_with_day_le_12
		);
		// Every guess is a Colissimo shipment to the same postcode, shortly before the return.
		for (const r of cpDate) {
			expect(r.control).toBe('À vérifier (CP + Date)');
			expect(r.shipDate! < r.day!).toBe(true);
		}
	});

	it('gives the totals and the per-partner re-billing of the ground truth', () => {
		expect(euros(stats.prixCents)).toBe(answers.returns_prix_ht_total);
		expect(euros(stats.majorationCents)).toBe(answers.returns_majoration_total);
		expect(euros(stats.montantTotalCents)).toBe(answers.returns_total_ttc);
		expect(euros(summary.totalCents)).toBe(answers.returns_total_ttc);
		const perPartner = Object.fromEntries(
			result.synthese.map((g) => [
				g.partner === NON_ATTRIBUE ? 'NON IDENTIFIÉ' : g.partner,
				{ nb_retours: g.nbRetours, total_ttc: euros(g.totalCents) }
			])
		);
		expect(perPartner).toEqual(answers.per_partner);
		expect(stats.nbPartenaires).toBe(7);
		const totals = result.synthese.map((g) => g.totalCents);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
	});

	it('flags the return billed twice as a Doublon to contest (LEGACY-DIFFS colissimo: LEGACY GAP)', () => {
		expect(summary.duplicateExtraLines).toBe(answers.duplicate_return_lines);
		const doubles = result.returns.filter((r) => r.control === 'Doublon');
		expect(doubles.map((r) => r.tracking).sort()).toEqual(['6A48910032841', '6A82180984793']);
		// Attributed to the same partner as their original, and still counted in the totals.
		for (const d of doubles) {
			const original = result.returns.find((r) => r.tracking === d.tracking && r.control === '');
			expect(original?.partner).toBe(d.partner);
			expect(d.toContestCents).toBe(d.totalCents);
		}
		expect(summary.toContestCents).toBe(936 + 936);
	});

	it('shows the NON ATTRIBUÉ returns (never-shipped-to DOM postcodes) with their amount', () => {
		const none = result.returns.filter((r) => r.partner === NON_ATTRIBUE);
		expect(none).toHaveLength(answers.returns_unidentified);
		expect(none.every((r) => r.postcode.startsWith('97') && r.method === 'Aucune')).toBe(true);
		expect(euros(summary.unmatchedCents)).toBe(answers.per_partner['NON IDENTIFIÉ'].total_ttc);
	});

	it('fills partner, order and outbound tracking from the 3PL row', () => {
		const partial = result.returns.find((r) => r.tracking === '8R58182096596');
		expect(partial).toMatchObject({
			partner: 'VELO & CO',
			outbound: '6A58182096596',
			method: 'Tracking partiel'
		});
		expect(partial?.order).not.toBe('');
	});
});

/** The legacy spec's 3PL sample (6.1) as rows, for the edge cases it was written for. */
function legacyLookup(rows: Partial<ThreePLRow>[]) {
	const full = rows.map((r, i): ThreePLRow => ({
		tracking: '',
		partner: '',
		carrier: 'COLISSIMO',
		originOrder: '',
		partnerOrder: '',
		orderDate: null,
		shipDate: null,
		weightG: null,
		country: 'FR',
		postcode: '',
		_line: i + 2,
		...r
	}));
	return buildLookup([{ dataset: testDataset({ id: '3pl', period: '2025-03' }), rows: full }]);
}

function analyseText(csv: string, rows: Partial<ThreePLRow>[]) {
	const parsed = parseColissimo(readFile(new TextEncoder().encode(csv), 'f.csv'), { fileName: 'f.csv' });
	const file = {
		dataset: testDataset({ id: 'f', slot: 'facture', fileName: 'f.csv' }),
		rows: parsed.rows as unknown as ColissimoRow[]
	};
	return analyseCarrier(colissimoModule, [file], legacyLookup(rows), ['2025-03']).result;
}

const HEAD = 'Code produit;Tracking;Date PCH;Code Postal;Total';

describe('Colissimo matching: legacy defects fixed', () => {
	it('never takes a shipment of another carrier for a return (legacy fixture 6.2 e)', () => {
		const result = analyseText(`${HEAD}\n8R;8R00000001;18/03/2025;75011;5,40`, [
			{
				tracking: 'CPX0000000001',
				partner: 'ACME',
				carrier: 'COLIS PRIVE',
				shipDate: '2025-03-07',
				postcode: '01000'
			}
		]);
		expect(result.returns[0]).toMatchObject({ partner: NON_ATTRIBUE, method: 'Aucune' });
	});

	it('prefers the same digits to a longer run that merely contains them', () => {
		const result = analyseText(`${HEAD}\n8R;8R98765432109;18/03/2025;;5,40`, [
			{ tracking: '6A19876543210900', partner: 'LONGER', shipDate: '2025-03-05' },
			{ tracking: '6A98765432109', partner: 'BETA', shipDate: '2025-03-05' }
		]);
		expect(result.returns[0]).toMatchObject({ partner: 'BETA', method: 'Tracking partiel' });
		expect(digitRun('8R98765432109')).toBe('98765432109');
	});

	it('CP + Date: the latest Colissimo shipment before the return, within the window (CO-8, CO-9)', () => {
		const result = analyseText(
			[
				HEAD,
				'8R;8R1;20/03/2025;1000;5,40',
				'8R;8R2;20/03/2025;33000;5,40',
				'8R;8R3;10/01/2025;33000;5,40'
			].join('\n'),
			[
				// Postcode written without its zero in the 3PL: still the same postcode.
				{ tracking: '6A1', partner: 'ACME', shipDate: '2025-03-03', postcode: '01000' },
				{ tracking: '6A2', partner: 'EPSILON', shipDate: '2025-02-15', postcode: '33000' },
				{ tracking: '6A3', partner: 'DELTA', shipDate: '2025-03-12', postcode: '33000' },
				// Shipped the day of the return, or by another carrier: not candidates.
				{ tracking: '6A4', partner: 'SAMEDAY', shipDate: '2025-03-20', postcode: '33000' },
				{
					tracking: 'CP5',
					partner: 'OTHER',
					carrier: 'COLIS PRIVE',
					shipDate: '2025-03-19',
					postcode: '33000'
				},
				// Too old for a return of 10/01/2025 (day-first: not 1 October).
				{ tracking: '6A6', partner: 'OLD', shipDate: '2024-10-01', postcode: '33000' }
			]
		);
		expect(result.returns.map((r) => [r.partner, r.method])).toEqual([
			['ACME', 'CP + Date'],
			['DELTA', 'CP + Date'],
			[NON_ATTRIBUE, 'Aucune']
		]);
		expect(RETURN_WINDOW_DAYS).toBe(60);
	});

	it('treats a matched shipment with a blank partner as NON ATTRIBUÉ (CO-10)', () => {
		const result = analyseText(`${HEAD}\n8R;6A1;18/03/2025;;5,40`, [
			{ tracking: '6A1', partner: '  ', shipDate: '2025-03-01' }
		]);
		expect(result.returns[0]).toMatchObject({ partner: NON_ATTRIBUE, method: 'Tracking exact' });
		expect(result.stats.nbIdentifies).toBe(0);
	});

	it('gives a zero rate, not a division by zero, when there is no return', () => {
		const result = analyseText(`${HEAD}\n6A;6A1;18/03/2025;;5,40`, []);
		expect(result.stats).toMatchObject({ nbRetours: 0, tauxIdentification: 0 });
		expect(rateBanner(0.5).text).toContain('Correct');
		expect(rateBanner(0.49).text).toContain('Amélioration possible');
	});
});
