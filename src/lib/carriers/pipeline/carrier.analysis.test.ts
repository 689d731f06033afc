import { describe, expect, it } from 'vitest';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import type { DatasetRecord } from '$lib/db/records';
import {
	archivePeriod,
	costMonth,
	matchLines,
	overweight,
	partnerMonthCosts,
	summarise,
	sumByPartner,
	unattributedReason
} from './carrier.analysis';
import type { BilledLine } from './carrier.types';
import { commonTabs } from './common.tabs';
import { reconcile } from './reconciliation';
import { testDataset } from '$lib/db/dataset.testing';

function dataset(id: string, period: string, importedAt: number): DatasetRecord {
	return testDataset({ id, period, importedAt });
}

function row(tracking: string, partner: string, carrier = 'DPD', weightG: number | null = 1000): ThreePLRow {
	return {
		tracking,
		partner,
		carrier,
		originOrder: `CMD-${tracking}`,
		partnerOrder: '',
		orderDate: '2026-10-05',
		shipDate: '2026-10-06',
		weightG,
		country: 'FR',
		postcode: '75001',
		_line: 2
	};
}

function line(
	tracking: string,
	amountCents: number,
	weightKg: number | null = null,
	day = '2026-10-07'
): BilledLine {
	return {
		tracking,
		day,
		amountCents,
		weightKg,
		source: { datasetId: 'inv', fileName: 'facture.xlsx', slot: 'f', line: 2 }
	};
}

const lookup = buildLookup([
	{
		dataset: dataset('sep', '2026-09', 1),
		rows: [row('111', 'ANCIEN'), row('333', 'CHRONO CLIENT', 'Chronopost')]
	},
	{
		dataset: dataset('oct', '2026-10', 2),
		rows: [row('111', 'RECENT'), row('222', '  '), row('444', 'ACME', ' dpd ')]
	}
]);
const dpdRules = { acceptsCarrier: (c: string) => c === 'DPD' };

describe('matchLines', () => {
	it('takes the newest period on a conflict and shows the conflict (RULINGS 3)', () => {
		const [m] = matchLines([line('111', 500)], lookup, dpdRules);
		expect(m.partner).toBe('RECENT');
		expect(m.conflict.map((c) => c.period)).toEqual(['2026-10', '2026-09']);
	});

	it('lists conflicts in the shared "Conflits 3PL" tab, a partner change highlighted', () => {
		const ms = matchLines([line('111', 500), line('444', 100)], lookup, dpdRules);
		const analysis = {
			carrier: 'dpd',
			window: [],
			lines: ms,
			summary: summarise(ms),
			costs: [],
			reconciliation: reconcile({ rowCents: () => 0 }, [], ms),
			result: null
		};
		const tab = commonTabs('DPD').find((t) => t.id === 'conflits')!;
		const [table] = tab.tables(analysis);
		expect(table.rows).toHaveLength(1);
		expect(table.columns.map((c) => c.value(table.rows[0]))).toEqual([
			'111',
			'RECENT',
			'Octobre 2026',
			'oct.xlsx',
			'ANCIEN — Septembre 2026 (sep.xlsx, ligne 2)'
		]);
		expect(table.tone?.(table.rows[0])).toBe('warn');
		expect(tab.info?.(analysis)).toContain('1 ligne');
	});

	it('reads a blank partner, another carrier or an unknown tracking as NON ATTRIBUÉ (RULINGS 1)', () => {
		const ms = matchLines([line('222', 1), line('333', 1), line('999', 1), line('', 1)], lookup, dpdRules);
		expect(ms.map((m) => m.partner)).toEqual([NON_ATTRIBUE, NON_ATTRIBUE, NON_ATTRIBUE, NON_ATTRIBUE]);
		expect(ms.map((m) => m.match !== null)).toEqual([true, false, false, false]);
	});

	it('trims the 3PL carrier and ignores its case', () => {
		const [m] = matchLines([line('444', 1)], lookup, dpdRules);
		expect(m.partner).toBe('ACME');
	});

	it('flags N−1 lines of a tracking billed N times, all counted in totals (RULINGS 2)', () => {
		const ms = matchLines(
			[line('111', 500), line('444', 100), line('111', 700), line('111', 900)],
			lookup,
			dpdRules
		);
		expect(ms.map((m) => m.flags.map((f) => f.label))).toEqual([[], [], ['Doublon'], ['Doublon']]);
		const s = summarise(ms);
		expect(s).toMatchObject({
			billedLines: 4,
			duplicateExtraLines: 2,
			duplicateExtraCents: 1600,
			totalCents: 2200
		});
		expect(s.toContestCents).toBe(1600);
	});

	it('never treats blank trackings as duplicates of each other: each is "Tracking absent" (RULINGS 21)', () => {
		const ms = matchLines([line('', 1), line('', 2)], lookup, dpdRules);
		expect(ms.map((m) => m.flags.map((f) => [f.kind, f.amountCents]))).toEqual([
			[['sans-tracking', 1]],
			[['sans-tracking', 2]]
		]);
		expect(ms.map(unattributedReason)).toEqual(['tracking absent', 'tracking absent']);
		const summary = summarise(ms);
		expect([summary.unmatchedLines, summary.unmatchedCents, summary.toContestCents]).toEqual([2, 3, 3]);
	});

	it('checks the weight only for carriers with a tolerance (RULINGS 7)', () => {
		expect(matchLines([line('444', 1, 5)], lookup, dpdRules)[0].flags).toEqual([]);
		const ms = matchLines([line('444', 1, 1.5), line('111', 1, 1.01)], lookup, {
			...dpdRules,
			overweightToleranceG: 10
		});
		expect(ms.map((m) => m.flags.map((f) => f.kind))).toEqual([['surpoids'], []]);
		expect(summarise(ms).overweightLines).toBe(1);
	});
});

describe('overweight', () => {
	it('is strictly above the 3PL weight plus the tolerance', () => {
		expect(overweight(1.5, 1000, 500)).toBeNull();
		expect(overweight(1.501, 1000, 500)).toBe(501);
		expect(overweight(null, 1000, 0)).toBeNull();
		expect(overweight(2, null, 0)).toBeNull();
	});
});

describe('summaries', () => {
	it('has no NaN rate on an empty invoice (legacy bug 17)', () => {
		expect(summarise([]).unmatchedRate).toBe(0);
	});

	it('sums cost per partner and month and picks the archive period', () => {
		const ms = matchLines(
			[line('111', 500), line('999', 300, null, '2026-11-02'), line('444', 200)],
			lookup,
			dpdRules
		);
		expect(partnerMonthCosts(ms)).toEqual([
			{ partner: 'RECENT', month: '2026-10', cents: 500, lines: 1 },
			{ partner: 'ACME', month: '2026-10', cents: 200, lines: 1 },
			{ partner: NON_ATTRIBUE, month: '2026-11', cents: 300, lines: 1 }
		]);
		expect(archivePeriod(ms)).toBe('2026-10');
		expect(archivePeriod(matchLines([line('999', 1, null, '2026-12-01')], lookup, dpdRules))).toBe('2026-12');
	});

	it('files a cost under the billed month, else the 3PL shipment month, else « inconnu »', () => {
		const [billed, undated, unknown] = matchLines(
			[
				line('111', 1, null, '2026-11-30'),
				{ ...line('444', 1), day: null },
				{ ...line('999', 1), day: null }
			],
			lookup,
			dpdRules
		);
		expect([costMonth(billed), costMonth(undated), costMonth(unknown)]).toEqual([
			'2026-11',
			'2026-10',
			'inconnu'
		]);
	});
});

describe('sumByPartner', () => {
	it('counts and sums per partner, largest first, then by name', () => {
		const items = [
			{ partner: 'B', cents: 100, extra: 1 },
			{ partner: 'A', cents: 250, extra: 2 },
			{ partner: 'C', cents: 350, extra: 0 },
			{ partner: 'B', cents: 250, extra: 3 }
		];
		expect(sumByPartner(items, 'lines', ['cents', 'extra'], 'cents')).toEqual([
			{ partner: 'B', lines: 2, cents: 350, extra: 4 },
			{ partner: 'C', lines: 1, cents: 350, extra: 0 },
			{ partner: 'A', lines: 1, cents: 250, extra: 2 }
		]);
	});
});
