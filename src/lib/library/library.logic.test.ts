import { describe, expect, it } from 'vitest';
import type { LibraryRecord } from '$lib/db/records';
import {
	archiveFilePrefix,
	archiveSheets,
	groupByCarrier,
	libraryStats,
	matchRate,
	monthLabel,
	partnersCaption,
	periodSummaries,
	periodsOfYear,
	yearsOf
} from './library.logic';

function rec(
	id: string,
	module: string,
	period: string,
	createdAt: number,
	extra: Partial<LibraryRecord> = {}
) {
	const label = module === 'dpd' ? 'DPD' : module === 'dhl' ? 'DHL' : 'Chronopost';
	return {
		id,
		module,
		period,
		title: `${label} — ${period}`,
		createdAt,
		rowCount: 10,
		dateRange: ['2026-11-02', '2026-11-28'],
		partners: ['A', 'B'],
		sources: [],
		result: {
			carrier: module,
			label,
			window: [period],
			kpis: [{ label: 'Doublons', value: '2', hint: '12,00 €' }],
			summary: { billedLines: 8, matchedLines: 6 },
			costs: [],
			tables: [
				{
					tab: '⚠️ À contester',
					id: 'flags',
					title: 'À contester: lignes [1/2]',
					columns: [{ header: 'Montant', kind: 'cents' }],
					rows: [[1234]]
				},
				{
					tab: '❓ NON ATTRIBUÉ',
					id: 'x',
					title: 'À contester: lignes [1/2]',
					columns: [{ header: 'Suivi', kind: 'text' }],
					rows: [['=1+1']]
				}
			],
			files: [{ sha256: 'd', fileName: 'f.xlsx', slot: 's', rowCount: 8 }]
		},
		...extra
	} as LibraryRecord;
}

const records = [
	rec('1', 'dpd', '2026-11', 3),
	rec('2', 'dpd', '2026-11', 5),
	rec('3', 'dhl', '2026-11', 4),
	rec('4', 'chronopost', '2026-09', 1),
	rec('5', 'dpd', '2025-12', 2),
	rec('6', 'dpd', 'inconnu', 0)
];

describe('library stats and grouping', () => {
	it('counts analyses, distinct periods and carriers', () => {
		expect(libraryStats(records)).toEqual({ analyses: 6, periods: 4, carriers: 3 });
		expect(libraryStats([])).toEqual({ analyses: 0, periods: 0, carriers: 0 });
	});

	it('lists years newest first, unknown last, and months of a year in calendar order', () => {
		expect(yearsOf(records)).toEqual(['2026', '2025', 'inconnu']);
		expect(periodsOfYear(records, '2026')).toEqual(['2026-09', '2026-11']);
		expect(periodsOfYear(records, 'inconnu')).toEqual(['inconnu']);
		expect(monthLabel('2026-08')).toBe('Août');
		expect(monthLabel('inconnu')).toBe('Période inconnue');
	});

	it('groups a period by carrier, A→Z, newest analysis first', () => {
		const groups = groupByCarrier(records, '2026-11');
		expect(groups.map((g) => [g.label, g.icon, g.records.map((r) => r.id)])).toEqual([
			['DHL', '📦', ['3']],
			['DPD', '📊', ['2', '1']]
		]);
		expect(groupByCarrier(records, '2024-01')).toEqual([]);
	});

	it('summarises periods newest first with their carriers', () => {
		expect(periodSummaries(records).map((p) => [p.period, p.analyses, p.carriers.length])).toEqual([
			['inconnu', 1, 1],
			['2026-11', 3, 2],
			['2026-09', 1, 1],
			['2025-12', 1, 1]
		]);
	});

	it('computes the match rate from the archived summary, null when nothing was billed', () => {
		expect(matchRate(records[0])).toBe(0.75);
		expect(matchRate({ ...records[0], result: { summary: { billedLines: 0, matchedLines: 0 } } })).toBeNull();
		expect(matchRate({ ...records[0], result: null })).toBeNull();
	});

	it('shows three partners then an ellipsis, whatever their type', () => {
		expect(partnersCaption(['A', 'B'])).toBe('A, B');
		expect(partnersCaption(['A', 'B', 'C', 'D'])).toBe('A, B, C, …');
		expect(partnersCaption([12, null, 'X'])).toBe('12, , X');
		expect(partnersCaption([])).toBe('aucun');
	});
});

describe('archive export', () => {
	it('writes the KPIs then each table under a valid, unique sheet name', () => {
		const sheets = archiveSheets(records[0]);
		expect(sheets.map((s) => s.name)).toEqual([
			'Synthèse',
			'À contester lignes 1 2',
			'À contester lignes 1 2 (2)'
		]);
		expect(sheets.every((s) => s.name.length <= 31)).toBe(true);
		expect(sheets[0].rows).toContainEqual(['Doublons', '2', '12,00 €']);
		expect(sheets[1].columns[0].kind).toBe('cents');
		expect(sheets[1].columns[0].value(sheets[1].rows[0])).toBe(1234);
		expect(archiveFilePrefix(records[0])).toBe('pilot_bibliotheque_dpd_2026-11');
	});
});
