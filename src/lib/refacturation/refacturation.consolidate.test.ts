import { describe, expect, it } from 'vitest';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import dpdAnswers from '../../../tests/fixtures/dpd/answers.dpd.json';
import mrAnswers from '../../../tests/fixtures/mondial-relay/answers.mondial-relay.json';
import cpAnswers from '../../../tests/fixtures/colis-prive/answers.colis-prive.json';
import chronoAnswers from '../../../tests/fixtures/chronopost/answers.chronopost.json';
import colissimoAnswers from '../../../tests/fixtures/colissimo/answers.colissimo.json';
import dhlAnswers from '../../../tests/fixtures/dhl/answers.dhl.json';
import {
	availableMonths,
	consolidate,
	partnersIn,
	refactFileName,
	type CarrierSource,
	type RefactLine
} from './refacturation.consolidate';
import { fixtureSources, otherFixtureSources } from './refacturation.testing';

const cents = (euros: number) => Math.round(euros * 100);
const sumRows = (rows: { totalCents: number }[]) => rows.reduce((s, r) => s + r.totalCents, 0);

describe('Export Refacturation on the fixtures (DPD, Mondial Relay, Colis Privé)', () => {
	const sources = fixtureSources();
	const months = availableMonths(sources);
	const all = consolidate(sources, { months, partners: null });

	it('offers the months the carriers billed, newest first', () => {
		expect(months).toEqual(['2026-12', '2026-11', '2026-10']);
	});

	it('re-bills what the legacy contract says (answers.json), duplicates added up, not overwritten', () => {
		expect(all.total.cents.dpd).toBe(cents(dpdAnswers.prix_total_ligne)); // 1 461,05 €, all billed
		expect(all.total.cents['mondial-relay']).toBe(cents(mrAnswers.montant_total)); // 354,50 €, all billed
		expect(all.total.cents['colis-prive']).toBe(cents(cpAnswers.majorations_total)); // 52,50 €, majorations only
		expect(all.total.totalCents).toBe(146_105 + 35_450 + 5_250);
		// 150 DPD lines (6 duplicate trackings share their row) + 58 returns + the 27 Colis Privé lines with a
		// majoration (25 trackings); its 50 other trackings re-bill nothing and are left out, counted.
		expect(all.rows).toHaveLength(144 + 58 + 25);
		expect(all.total.orders).toBe(227);
		expect(all.rows.filter((r) => r.cents['colis-prive'] > 0)).toHaveLength(25);
		expect(all.dropped).toBe(75 - 25);
		const dup = all.rows.find((r) => r.tracking === dpdAnswers.duplicate_trackings[0])!;
		const billed = sources[0].lines.filter((l) => l.tracking === dup.tracking);
		expect(billed).toHaveLength(2);
		expect(dup.cents.dpd).toBe(billed[0].cents + billed[1].cents);
	});

	it('TOTAL GÉNÉRAL equals the detail sheet, NON ATTRIBUÉ included (legacy 8.5 bug 3)', () => {
		expect(sumRows(all.rows)).toBe(all.total.totalCents);
		expect(sumRows(all.synthesis)).toBe(all.total.totalCents);
		const na = all.synthesis.find((p) => p.partner === NON_ATTRIBUE)!;
		expect(na.cents.dpd).toBe(cents(dpdAnswers.per_partner[NON_ATTRIBUE].prix_total_ligne));
		expect(na.cents['mondial-relay']).toBe(cents(mrAnswers.per_partner['Non attribué'].montant_total));
		expect(na.cents['colis-prive']).toBe(cents(cpAnswers.unmatched_majorations_total)); // 6,00 €
		expect(na.totalCents).toBe(na.cents.dpd + na.cents['mondial-relay'] + na.cents['colis-prive']);
	});

	it('gives each partner its carriers’ amounts (answers.json), largest total first', () => {
		type Name = keyof typeof cpAnswers.per_partner;
		const named = all.synthesis.filter((s) => s.partner !== NON_ATTRIBUE);
		expect(named.map((p) => p.partner).sort()).toEqual(Object.keys(cpAnswers.per_partner).sort());
		for (const p of named) {
			const name = p.partner as Name;
			expect(p.cents.dpd).toBe(cents(dpdAnswers.per_partner[name].prix_total_ligne));
			expect(p.cents['mondial-relay']).toBe(cents(mrAnswers.per_partner[name].montant_total));
			expect(p.cents['colis-prive']).toBe(cents(cpAnswers.per_partner[name].total_majorations));
			expect(p.totalCents).toBe(p.cents.dpd + p.cents['mondial-relay'] + p.cents['colis-prive']);
		}
		const totals = all.synthesis.map((p) => p.totalCents);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
	});

	it('sorts the detail by partner (NON ATTRIBUÉ last), then total descending', () => {
		const partners = all.rows.map((r) => r.partner);
		expect(partners[0]).toBe('ATELIER ROSEAU');
		expect(partners[partners.length - 1]).toBe(NON_ATTRIBUE);
		const roseau = all.rows.filter((r) => r.partner === 'ATELIER ROSEAU').map((r) => r.totalCents);
		expect(roseau).toEqual([...roseau].sort((a, b) => b - a));
	});

	it('takes only the chosen months', () => {
		const nov = consolidate(sources, { months: ['2026-11'], partners: null });
		expect(nov.total.cents).toMatchObject({ dpd: 128_275, 'mondial-relay': 21_120, 'colis-prive': 4_650 });
		expect(nov.total.totalCents).toBe(154_045);
		expect(nov.rows).toHaveLength(187);
		const dec = consolidate(sources, { months: ['2026-12'], partners: null });
		expect(dec.carriers.find((c) => c.carrier === 'colis-prive')?.message).toBe(
			'Colis Privé : aucune ligne facturée sur la période choisie (ni pour ces partenaires).'
		);
		expect(dec.total.totalCents).toBe(10_934 + 6_420);
	});

	it('takes only the chosen partners', () => {
		expect(partnersIn(sources, months)).toHaveLength(9);
		expect(partnersIn(sources, months).at(-1)).toBe(NON_ATTRIBUE);
		const two = consolidate(sources, { months, partners: ['ATELIER ROSEAU', 'CAFE PIERROT'] });
		expect(two.synthesis.map((p) => [p.partner, p.totalCents])).toEqual([
			['CAFE PIERROT', 19_246],
			['ATELIER ROSEAU', 8_075]
		]);
		expect(two.total.totalCents).toBe(27_321);
		expect(consolidate(sources, { months, partners: [] }).rows).toEqual([]);
	});

	it('says which carriers bring nothing', () => {
		expect(all.carriers.map((c) => [c.carrier, c.lines, c.message])).toEqual([
			['dpd', 150, null],
			['mondial-relay', 58, null],
			['colissimo', 0, 'Colissimo : aucune facture importée — importez-la dans le module Colissimo.'],
			['chronopost', 0, 'Chronopost : aucune facture importée — importez-la dans le module Chronopost.'],
			['colis-prive', 79, null],
			['dhl', 0, 'DHL : aucune facture importée — importez-la dans le module DHL.']
		]);
	});
});

describe('Export Refacturation on the Chronopost, Colissimo and DHL fixtures', () => {
	const all = [...fixtureSources(), ...otherFixtureSources()];
	const data = consolidate(all, { months: availableMonths(all), partners: null });

	it('re-bills Chronopost its gaps and surcharges, Colissimo its 8R returns, DHL what it billed (answers.json)', () => {
		// Chronopost: the positive price gaps and every surcharge — its « total à contester », 17,34 € + 475,00 €.
		expect(data.total.cents.chronopost).toBe(cents(chronoAnswers.total_a_contester));
		expect(data.total.cents.colissimo).toBe(cents(colissimoAnswers.returns_total_ttc)); // 346,26 €
		expect(data.total.cents.dhl).toBe(cents(dhlAnswers.total_ht)); // 2 200,68 €
		expect(data.carriers.map((c) => c.lines)).toEqual([150, 58, 42, 78, 79, 57]);
		expect(data.carriers.every((c) => c.message === null)).toBe(true);
	});

	it('adds the six carriers up in TOTAL GÉNÉRAL, the detail sheet’s sum', () => {
		expect(data.total.totalCents).toBe(490_733); // 1 868,05 + 346,26 + 492,34 + 2 200,68 €
		expect(sumRows(data.rows)).toBe(490_733);
		expect(data.rows).toHaveLength(362);
	});
});

describe('consolidate, edge cases', () => {
	const line = (over: Partial<RefactLine>): RefactLine => ({
		partner: 'ACME',
		tracking: 'T1',
		order: 'C1',
		day: '2026-11-02',
		month: '2026-11',
		cents: 100,
		source: 'f.csv:2',
		...over
	});
	const src = (carrier: CarrierSource['carrier'], lines: RefactLine[]): CarrierSource => ({
		carrier,
		files: 1,
		lines
	});

	it('keeps lines without tracking apart, and one tracking across carriers on one row', () => {
		const c = consolidate(
			[
				src('dpd', [line({ tracking: '', source: 'a:2' }), line({ tracking: '', source: 'a:3' }), line({})]),
				src('dhl', [line({ cents: 250 })])
			],
			{ months: ['2026-11'], partners: null }
		);
		expect(c.rows.map((r) => [r.tracking, r.cents.dpd, r.cents.dhl, r.totalCents])).toEqual([
			['T1', 100, 250, 350],
			['', 100, 0, 100],
			['', 100, 0, 100]
		]);
	});

	it('drops rows whose total is ≤ 0 but counts them, and a blank partner is NON ATTRIBUÉ', () => {
		const c = consolidate(
			[
				src('dpd', [
					line({ cents: -50 }),
					line({ tracking: 'T2', cents: 0 }),
					line({ tracking: 'T3', partner: ' ' })
				])
			],
			{ months: ['2026-11'], partners: null }
		);
		expect(c.dropped).toBe(2);
		expect(c.rows.map((r) => [r.partner, r.tracking, r.totalCents])).toEqual([[NON_ATTRIBUE, 'T3', 100]]);
		expect(c.total.totalCents).toBe(100);
		expect(c.carriers[0].cents).toBe(50);
		expect(c.carriers[0].message).toBeNull();
		const negative = consolidate([src('dpd', [line({ cents: -5 })])], {
			months: ['2026-11'],
			partners: null
		});
		expect(negative.carriers[0].message).toMatch(/rien à refacturer/);
	});

	it('says when a carrier could not be analysed, its amounts missing', () => {
		const c = consolidate([{ carrier: 'dhl', files: 2, lines: [], failed: true }], {
			months: ['2026-11'],
			partners: null
		});
		expect(c.carriers.find((k) => k.carrier === 'dhl')?.message).toMatch(
			/^DHL : l'analyse des factures a échoué .* ses montants manquent dans l'export/
		);
	});

	it('names the file like the legacy, partner names made safe', () => {
		const now = new Date(2026, 10, 28, 1, 2, 3);
		expect(refactFileName(null, now)).toBe('Refacturation_20261128_010203.xlsx');
		expect(refactFileName(['VELO & CO', "LES SAVONS D'ELISE"], now)).toBe(
			'Refacturation_VELO-CO_LES-SAVONS-D-ELISE_20261128_010203.xlsx'
		);
		expect(refactFileName(['a', 'b', 'c', 'd'], now)).toBe(
			'Refacturation_4_partenaires_20261128_010203.xlsx'
		);
	});
});
