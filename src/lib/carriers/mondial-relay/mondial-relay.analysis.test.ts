import { describe, expect, it } from 'vitest';
import { read, utils, write } from '@e965/xlsx';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { FilterValues } from '$lib/analysis/table-rows';
import { readFile } from '$lib/intake/read';
import { parseThreePL } from '$lib/logisticiens/threepl.parser';
import { testDataset } from '$lib/db/dataset.testing';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import { analyseCarrier, invoiceDays } from '../pipeline/carrier.analysis';
import { buildExport, type FilterLookup } from '../pipeline/carrier.export';
import type { InvoiceFile } from '../pipeline/carrier.types';
import { pageSpec } from '../pipeline/common.tabs';
import { fixtureFile, threePLLookup, windowFor } from '../pipeline/pipeline.testing';
import answers from '../../../../tests/fixtures/mondial-relay/answers.mondial-relay.json';
import { mondialRelayModule } from './mondial-relay.module';
import { parseMondialRelay, type MondialRelayRow } from './mondial-relay.parser';
import { mondialRelayLines, STATUS_KO, STATUS_OK } from './mondial-relay.rules';

const cents = (euros: number) => Math.round(euros * 100);
/** RULINGS 1: the legacy's "Non attribué" is read as NON ATTRIBUÉ. */
const partnerLabel = (p: string) => (p === 'Non attribué' ? NON_ATTRIBUE : p);

function run() {
	const file = fixtureFile<MondialRelayRow>(
		'mondial-relay/RETOURS_MONDIAL_RELAY_202611.csv',
		parseMondialRelay,
		'retours'
	);
	const window = windowFor(invoiceDays(mondialRelayLines([file])));
	return { window, analysis: analyseCarrier(mondialRelayModule, [file], threePLLookup(window), window) };
}

describe('Mondial Relay on the fixture returns (answers.json)', () => {
	const { window, analysis } = run();
	const { stats, synthese, detail } = analysis.result;

	it('looks in the 3PL months of the pick-up dates plus the month before', () => {
		expect(window).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
	});

	// LEGACY-DIFFS: the legacy dropped the second return of an order (56 returns, 341,50 €).
	it('counts every TOOPOST return once: other accounts out, lines listed twice once', () => {
		expect(stats.returns).toBe(answers.returns_toopost_distinct);
		expect(analysis.summary.billedLines).toBe(answers.returns_toopost_distinct);
		expect(stats.repeatedLines).toBe(answers.duplicate_lines);
		// Same-order returns with their own return trackings are two returns, and no Doublon (RULINGS 2).
		for (const order of ['18663', '18753']) {
			expect(detail.filter((d) => d.reference === order)).toHaveLength(2);
		}
		expect(analysis.summary.duplicateExtraLines).toBe(0);
	});

	// LEGACY-DIFFS: 3PL trackings written "….0" were not recognised (48 identified).
	it('identifies the returns by order number or outbound tracking like the ground truth', () => {
		expect(stats.identified).toBe(answers.identified);
		expect(stats.unidentified).toBe(answers.non_attribue);
		expect(analysis.summary.unmatchedLines).toBe(answers.non_attribue);
		const kinds = answers.returns_by_kind;
		expect(stats.byKey).toEqual({
			colis: 0,
			commande: kinds.by_order + kinds.same_order_first + kinds.same_order_second,
			tracking: kinds.by_tracking + kinds.by_tracking_float_text_3pl,
			'tracking retour': 0
		});
		expect(detail.filter((d) => d.status === STATUS_OK)).toHaveLength(answers.identified);
		expect(detail.filter((d) => d.status === STATUS_KO).every((d) => d.partner === NON_ATTRIBUE)).toBe(true);
	});

	it('reports the matching as the legacy did, with the key that found each return', () => {
		const info = pageSpec(mondialRelayModule).tabs.find((t) => t.id === 'synthese')!.info!(analysis);
		expect(info).toContain(
			'58 retours TOOPOST · 52 identifiés (89,7 %) : 8 par référence = tracking aller, 44 par référence = n° de commande · 6 NON ATTRIBUÉ (10,3 %) · 3 lignes listées deux fois'
		);
	});

	it('totals base, service surcharge and total in cents', () => {
		expect(stats.baseCents).toBe(cents(answers.montant_base_total));
		expect(stats.surchargeCents).toBe(cents(answers.majoration_total));
		expect(stats.totalCents).toBe(cents(answers.montant_total));
		expect(analysis.summary.totalCents).toBe(cents(answers.montant_total));
	});

	it('sums per partner, NON ATTRIBUÉ included but not counted as a partner (MR-8)', () => {
		const got = Object.fromEntries(
			synthese.map((s) => [
				s.partner,
				{
					nb_retours: s.returns,
					montant_base: s.baseCents / 100,
					majoration: s.surchargeCents / 100,
					montant_total: s.totalCents / 100
				}
			])
		);
		const want = Object.fromEntries(
			Object.entries(answers.per_partner).map(([p, v]) => [partnerLabel(p), v])
		);
		expect(got).toEqual(want);
		expect(synthese.map((s) => s.totalCents)).toEqual(
			[...synthese.map((s) => s.totalCents)].sort((a, b) => b - a)
		);
		expect(stats.partners).toBe(Object.keys(want).length - 1);
	});

	it('fills the outbound tracking and order from the 3PL row, as clean text', () => {
		const byOrder = detail.find((d) => d.reference === 'TDL-31096')!;
		expect(byOrder).toMatchObject({ partner: 'TERRE DE LIN', originOrder: 'TDL-31096', key: 'commande' });
		expect(byOrder.outboundTracking).toMatch(/^\d{8,12}$/);
		const byTracking = detail.find((d) => d.reference === '29819278')!;
		expect(byTracking).toMatchObject({
			outboundTracking: '29819278',
			key: 'tracking',
			partner: 'BIJOUX LUCIOLE'
		});
		expect(detail.some((d) => /nan|\.0$/.test(d.outboundTracking))).toBe(false);
	});
});

const threePL = (id: string, period: string, rows: Partial<ThreePLRow>[]) => ({
	dataset: testDataset({ id, period, importedAt: Number(period.replace('-', '')) }),
	rows: rows.map((r, i): ThreePLRow => ({
		tracking: '',
		partner: '',
		carrier: 'Mondial Relay',
		originOrder: '',
		partnerOrder: '',
		orderDate: null,
		shipDate: null,
		weightG: null,
		country: 'FR',
		postcode: '',
		_line: i + 2,
		...r
	}))
});

function returnsFile(rows: Partial<MondialRelayRow>[]): InvoiceFile<MondialRelayRow> {
	return {
		dataset: testDataset({ id: 'mr', slot: 'retours', fileName: 'retours.csv' }),
		rows: rows.map((r, i) => ({
			_line: i + 2,
			account: 'TOOPOST',
			reference: '',
			returnTracking: `R${i}`,
			tracking: `R${i}`,
			day: '2026-11-10',
			weightKg: 1,
			priceCents: 490,
			surchargeCents: 0,
			surchargeColumn: true,
			repeatOf: null,
			...r
		}))
	};
}

describe('Mondial Relay rules: the legacy defects fixed', () => {
	const lookup = buildLookup([
		threePL('old', '2026-10', [
			{ tracking: '11111111', partner: 'ANCIEN', originOrder: 'CMD-1' },
			{ tracking: '22222222', partner: '', originOrder: 'CMD-2' },
			{ tracking: '6A00000000001', partner: 'COLISSIMO SHOP', carrier: 'Colissimo', originOrder: 'CMD-3' }
		]),
		threePL('new', '2026-11', [
			{ tracking: '33333333', partner: 'RECENT', originOrder: 'CMD-1' },
			{ tracking: '44444444', partner: 'AUTRE', originOrder: 'CMD-2' }
		])
	]);
	const analyse = (rows: Partial<MondialRelayRow>[]) =>
		analyseCarrier(mondialRelayModule, [returnsFile(rows)], lookup, ['2026-10', '2026-11']);

	it('never merges returns without a reference (MR-6)', () => {
		const a = analyse([{ reference: '' }, { reference: '' }, { reference: '' }]);
		expect(a.result.stats.returns).toBe(3);
		expect(a.summary.totalCents).toBe(3 * 490);
	});

	it('lets the most recent 3PL file win, shows the other row as a conflict and records the key (MR-7)', () => {
		const a = analyse([{ reference: 'cmd-1' }]);
		expect(a.result.detail[0]).toMatchObject({
			partner: 'RECENT',
			outboundTracking: '33333333',
			key: 'commande'
		});
		expect(a.lines[0].conflict.map((m) => m.partner)).toEqual(['RECENT', 'ANCIEN']);
		expect(a.summary.conflictLines).toBe(1);
	});

	it('skips 3PL rows with an empty partner, and falls back to the return tracking (MR-8)', () => {
		const a = analyse([
			{ reference: '22222222' },
			{ reference: 'INCONNUE', returnTracking: '6A00000000001', tracking: '6A00000000001' }
		]);
		// 22222222's only row has no partner: nothing to re-bill, so the return stays NON ATTRIBUÉ.
		expect(a.result.detail.map((d) => [d.partner, d.key, d.status])).toEqual([
			[NON_ATTRIBUE, null, STATUS_KO],
			['COLISSIMO SHOP', 'tracking retour', STATUS_OK]
		]);
		expect(a.result.stats.partners).toBe(1);
	});

	it('treats a return billed twice (same return tracking, not an identical line) as a Doublon to contest', () => {
		const a = analyse([
			{ reference: 'CMD-1', returnTracking: 'R9', tracking: 'R9' },
			{ reference: 'CMD-1', returnTracking: 'R9', tracking: 'R9', day: '2026-11-12' }
		]);
		expect(a.summary.duplicateExtraLines).toBe(1);
		expect(a.summary.toContestCents).toBe(490);
		expect(a.result.detail[1].control).toBe('Doublon');
	});

	it('counts a line identical to an earlier one of its file once (RULINGS 2)', () => {
		const a = analyse([{ reference: 'CMD-1' }, { reference: 'CMD-1', _line: 3, repeatOf: 2 }]);
		expect(a.result.stats).toMatchObject({ returns: 1, repeatedLines: 1, totalCents: 490 });
		expect(a.result.detail[0].repeats).toEqual([3]);
	});

	it('says which files have no surcharge column (the legacy only warned once, then forgot)', () => {
		const a = analyse([{ reference: 'CMD-1', surchargeColumn: false }]);
		expect(a.result.stats.filesWithoutSurcharge).toEqual(['retours.csv']);
		const info = pageSpec(mondialRelayModule).tabs.find((t) => t.id === 'synthese')!.info!(a);
		expect(info).toContain('Colonne « Majoration de service » absente de retours.csv');
		expect(run().analysis.result.stats.filesWithoutSurcharge).toEqual([]);
	});

	it('leaves other accounts out, whatever their case and spaces (MR-5)', () => {
		const a = analyse([{ account: ' toopost ' }, { account: 'AUTRE CLIENT' }, { account: 'TOOPOST SARL' }]);
		expect(a.result.stats.returns).toBe(1);
	});
});

describe('Mondial Relay: the reference as the 3PL « Numéro de colis » (legacy 3.3, MR-7)', () => {
	function threePLBook(name: string, aoa: unknown[][]) {
		const wb = utils.book_new();
		utils.book_append_sheet(wb, utils.aoa_to_sheet(aoa), 'Facturation préparation');
		const bytes = new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }));
		const parsed = parseThreePL(readFile(bytes, name), { fileName: name });
		return {
			dataset: testDataset({ id: name, fileName: name, period: parsed.period, importedAt: 1 }),
			rows: parsed.rows as unknown as ThreePLRow[]
		};
	}
	const header = [
		'Nom du partenaire',
		'Numéro de tracking',
		"Numéro de commande d'origine",
		"Date d'expédition",
		'Numéro de colis'
	];
	const lookup = buildLookup([
		threePLBook('LOG_OCT.xlsx', [header, ['ANCIEN', 25010000000001, 'CMD-9', '02/10/2026', 30012345]]),
		threePLBook('LOG_NOV.xlsx', [
			header,
			['MAISON COLIS', 25010000000002, 'CMD-10', '03/11/2026', 30012345],
			['AUTRE', 25010000000003, '30012346', '04/11/2026', 30012346]
		])
	]);
	const analyse = (rows: Partial<MondialRelayRow>[]) =>
		analyseCarrier(mondialRelayModule, [returnsFile(rows)], lookup, ['2026-10', '2026-11']);

	it('identifies a return whose reference is only a parcel number, newest file first', () => {
		const a = analyse([{ reference: '30012345' }, { reference: '99999999' }]);
		expect(
			a.result.detail.map((d) => [d.partner, d.key, d.status, d.outboundTracking, d.originOrder])
		).toEqual([
			['MAISON COLIS', 'colis', STATUS_OK, '25010000000002', 'CMD-10'],
			[NON_ATTRIBUE, null, STATUS_KO, '', '']
		]);
		expect(a.lines[0].conflict.map((m) => m.partner)).toEqual(['MAISON COLIS', 'ANCIEN']);
		expect(a.result.stats.byKey).toEqual({ colis: 1, tracking: 0, commande: 0, 'tracking retour': 0 });
		const info = pageSpec(mondialRelayModule).tabs.find((t) => t.id === 'synthese')!.info!(a);
		expect(info).toContain('1 identifiés (50,0 %) : 1 par référence = n° de colis');
	});

	it('tries the parcel number before the order number, as the legacy did', () => {
		const a = analyse([{ reference: '30012346' }]);
		expect(a.result.detail[0]).toMatchObject({ partner: 'AUTRE', key: 'colis' });
	});
});

describe('Mondial Relay exports', () => {
	const { analysis } = run();
	const spec = pageSpec(mondialRelayModule);
	const exportOf = (id: string) => spec.exports.find((e) => e.id === id)!;

	it('keeps the legacy file names, sheet names and headers', async () => {
		const stamp = { day: '20261127', time: '101500' };
		expect(
			mondialRelayModule.exports.map((e) => [e.fileName(stamp, {}), e.sheets.map((s) => s.name)])
		).toEqual([
			['synthese_mondial_relay_20261127.xlsx', ['Synthèse']],
			['detail_mondial_relay_20261127.xlsx', ['Synthèse', 'Détail']]
		]);
		// The detail file: the whole synthesis, and the detail as filtered on screen.
		const byTab: Record<string, FilterValues> = {
			detail: { partner: 'VELO & CO' },
			synthese: { q: 'savons' }
		};
		const filters: FilterLookup = (tab) => byTab[tab] ?? {};
		const { blob } = await buildExport(spec.tabs, analysis, exportOf('detail'), filters);
		const wb = read(new Uint8Array(await blob.arrayBuffer()));
		const rows = (name: string) =>
			utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: true, defval: null });
		const synth = rows('Synthèse');
		expect(synth[0]).toEqual([
			'Partenaire',
			'Nb Retours',
			'Montant Base (€)',
			'Majoration Service (€)',
			'Montant Total (€)'
		]);
		expect(synth).toHaveLength(1 + Object.keys(answers.per_partner).length);
		const det = rows('Détail');
		expect(det[0]).toEqual([
			'Partenaire',
			'Tracking Retour',
			'Tracking Aller',
			'N° Colis',
			'N° Commande Origine',
			'Date PCH',
			'Poids Facturé',
			'Montant Base (€)',
			'Majoration Service (€)',
			'Montant Total (€)',
			'Statut',
			'Contrôle',
			'Correspondance'
		]);
		expect(det).toHaveLength(1 + answers.per_partner['VELO & CO'].nb_retours);
		const total = det.slice(1).reduce((s, r) => s + (r[9] as number), 0);
		expect(total).toBeCloseTo(answers.per_partner['VELO & CO'].montant_total, 6);
	});
});
