import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '$lib/db/records';
import type { Cell } from '$lib/intake/read';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import { analyseCarrier } from '../pipeline/carrier.analysis';
import { carrierFor } from '$lib/carriers';
import { dhlModule } from '../dhl/dhl.module';
import { chronopostModule, chronopostModuleFor } from './chronopost.module';
import { parseChronopost, type ChronoRow } from './chronopost.parser';
import { SURPLUS_PRESELECTION } from './chronopost.rules';
import { totalToContest } from './chronopost.result';

const dataset = (id: string, period: string | null): DatasetRecord => ({
	id,
	slot: id === 'inv' ? 'facture' : '3pl',
	fileName: `${id}.xlsx`,
	sha256: id,
	original: new Blob([]),
	size: 0,
	period,
	rowCount: 0,
	chunkCount: 0,
	columns: [],
	importedAt: 1,
	dateRange: null,
	skipped: [],
	meta: {}
});

const threePL = (tracking: string, weightG: number, country: string): ThreePLRow => ({
	tracking,
	partner: 'ATELIER ROSEAU',
	carrier: 'Chronopost',
	originOrder: 'AR-1',
	partnerOrder: 'P-1',
	orderDate: '2025-01-10',
	shipDate: '2025-01-11',
	weightG,
	country,
	postcode: '75001',
	_line: 2
});

const HEADER: Cell[] = ['Date', "N° d'objet", 'Destinataire', 'Poids', 'Montant HT'];

function analyse(rows: Cell[][]) {
	const parsed = parseChronopost([{ name: 'Table 1', rows: [HEADER, ...rows] }], { fileName: 'inv.xlsx' });
	const files = [{ dataset: dataset('inv', null), rows: parsed.rows as unknown as ChronoRow[] }];
	const lookup = buildLookup([
		{
			dataset: dataset('log', '2025-01'),
			rows: [threePL('XR123456789FR', 1000, 'FR'), threePL('XA987654321FR', 3500, 'DE')]
		}
	]);
	return analyseCarrier(chronopostModule, files, lookup, ['2025-01']);
}

describe('Chronopost rules', () => {
	it('prices at the 3PL weight and country, flags écart, surpoids, price above the grid and Doublon', () => {
		const a = analyse([
			['15/01/2025', 'XR123456789FR', 'A', 1.2, 4.25],
			['16/01/2025', 'XA987654321FR', 'B', 3.5, 8.74],
			['21/01/2025', 'XR123456789FR', 'A', 1.2, 4.25]
		]);
		const [first, eu, again] = a.result.details;
		// FR 1 kg → 2,54 €; billed 4,25 € at 1,2 kg (grid 2,87 €): écart 1,71 €, surpoids 200 g, above the grid.
		expect([first.theoCents, first.ecartCents, first.overweight, first.overpriced]).toEqual([
			254,
			171,
			true,
			true
		]);
		// DE 3,5 kg is in the complete 3–5 kg EU band (8,74 €): no écart.
		expect([eu.theoCents, eu.theoBand, eu.ecartCents, eu.overweight]).toEqual([874, '3.00 - 5.00', 0, false]);
		expect([again.duplicate, first.duplicate]).toEqual([true, false]);
		expect(a.summary.duplicateExtraCents).toBe(425);
		// "Créer une indemnisation" carries what the claim needs, the deadline's shipping day included.
		const detail = chronopostModule.tabs.find((t) => t.id === 'detail')!.tables(a)[0];
		expect(detail.claim?.(first)).toEqual({
			tracking: 'XR123456789FR',
			carrier: 'Chronopost',
			partner: 'ATELIER ROSEAU',
			amountCents: 171,
			motif: 'Écart de prix, Surpoids, Prix > grille',
			notes: 'inv.xlsx, ligne 2',
			shippingDate: '2025-01-11'
		});
		expect(a.result.partners).toEqual([
			expect.objectContaining({ partner: 'ATELIER ROSEAU', nbEnvois: 3, ecartCents: 342, logKg: 5.5 })
		]);
	});

	it('lists billed rows of no known type under their parcel, outside the total', () => {
		const a = analyse([
			['15/01/2025', 'XR123456789FR', 'A', 1, 2.54],
			[null, null, 'ASSURANCE AD VALOREM', null, 3.5],
			[null, null, 'ETIQUETTE NON CONFORME', null, 2]
		]);
		expect(a.result.others).toEqual([
			expect.objectContaining({
				tracking: 'XR123456789FR',
				partner: 'ATELIER ROSEAU',
				label: 'ASSURANCE AD VALOREM',
				amountCents: 350
			})
		]);
		expect(a.lines[0].flags.map((f) => f.kind)).toEqual(['surplus', 'autre']);
		expect(totalToContest(a.result)).toBe(200);
		const tab = chronopostModule.tabs.find((t) => t.id === 'surplus')!;
		expect(tab.info?.(a)).toContain('1 ligne facturée de type non reconnu (3,50 €)');
		expect(tab.tables(a).map((t) => t.id)).toEqual(['types', 'surplus', 'autres']);
	});

	it('is rebuilt in the analysis worker with the same selection of types', () => {
		const page = chronopostModuleFor(SURPLUS_PRESELECTION);
		const rebuilt = carrierFor('chronopost', structuredClone(page.worker?.options));
		const label = '💸 TOTAL À CONTESTER';
		const a = analyse([
			['15/01/2025', 'XR123456789FR', 'A', 1, 2.54],
			[null, null, 'SUPPLEMENT CORSE', null, 5]
		]);
		expect(rebuilt.kpis.find((k) => k.label === label)?.hint?.(a as never)).toContain('4/7 types');
		expect(carrierFor('dhl', dhlModule.worker?.options)).toBe(dhlModule);
	});
});
