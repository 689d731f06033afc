import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '$lib/db/records';
import { buildLookup, conflictList, searchLookup, windowFor } from './threepl.lookup';
import type { ThreePLRow } from './threepl.types';
import { testDataset } from '$lib/db/dataset.testing';

function dataset(id: string, period: string, importedAt: number): DatasetRecord {
	return testDataset({ id, period, importedAt });
}

function row(tracking: string, partner: string, extra: Partial<ThreePLRow> = {}): ThreePLRow {
	return {
		tracking,
		partner,
		carrier: 'DPD',
		originOrder: `O-${tracking}`,
		partnerOrder: `P-${tracking}`,
		orderDate: '2026-10-01',
		shipDate: '2026-10-02',
		weightG: 1000,
		country: 'FR',
		postcode: '06000',
		_line: 2,
		...extra
	};
}

describe('buildLookup', () => {
	const lookup = buildLookup([
		{ dataset: dataset('nov-b', '2026-11', 5), rows: [row('111', 'LATE UPLOAD')] },
		{
			dataset: dataset('oct', '2026-10', 9),
			rows: [row('111', 'OCTOBER'), row('0998', 'ZERO', { postcode: '75001' })]
		},
		{
			dataset: dataset('nov-a', '2026-11', 3),
			rows: [row('111', 'EARLY UPLOAD'), row('222', 'ONLY', { shipDate: '2026-11-03' })]
		}
	]);

	it('lets the latest period win, then the latest upload, and shows the conflict (RULINGS 3)', () => {
		expect(lookup.get('111')?.partner).toBe('LATE UPLOAD');
		expect(lookup.conflicts('111').map((m) => m.partner)).toEqual(['LATE UPLOAD', 'EARLY UPLOAD', 'OCTOBER']);
		expect(lookup.conflicts('222')).toEqual([]);
		expect(lookup.size).toBe(3);
		expect(lookup.periods).toEqual(['2026-10', '2026-11']);
		expect([...lookup.rows()].map((r) => r.partner).sort()).toEqual(['LATE UPLOAD', 'ONLY', 'ZERO']);
	});

	it('finds a tracking whatever its spelling, and without leading zeros', () => {
		expect(lookup.get(' 111.0 ')?.datasetId).toBe('nov-b');
		expect(lookup.get('998')?.partner).toBe('ZERO');
		expect(lookup.get('00998')?.partner).toBe('ZERO');
		expect(lookup.get('')).toBeUndefined();
		expect(lookup.get('333')).toBeUndefined();
	});

	it('lists the conflicts with the winner first', () => {
		expect(conflictList(lookup).map((c) => [c.tracking, c.matches.map((m) => m.datasetId)])).toEqual([
			['111', ['nov-b', 'nov-a', 'oct']]
		]);
	});

	it('searches a tracking (every row of it), else an order number', () => {
		expect(searchLookup(lookup, '111').map((m) => m.datasetId)).toEqual(['nov-b', 'nov-a', 'oct']);
		expect(searchLookup(lookup, ' 222 ').map((m) => m.partner)).toEqual(['ONLY']);
		expect(searchLookup(lookup, 'o-222').map((m) => m.tracking)).toEqual(['222']);
		expect(searchLookup(lookup, 'inconnu')).toEqual([]);
		expect(searchLookup(lookup, '  ')).toEqual([]);
	});

	it('finds rows by order number and by postcode', () => {
		expect(lookup.byOrder('p-222').map((m) => m.tracking)).toEqual(['222']);
		expect(lookup.byPostcode('6000').map((m) => m.shipDate)).toEqual([
			'2026-10-02',
			'2026-10-02',
			'2026-10-02',
			'2026-11-03'
		]);
		expect(lookup.byPostcode('75001')).toHaveLength(1);
		expect(lookup.byPostcode('06000', '2026-10-31').map((m) => m.tracking)).toEqual(['111', '111', '111']);
		expect(lookup.byPostcode('06000', '2026-10-01')).toEqual([]);
	});
});

describe('buildLookup by parcel number', () => {
	const lookup = buildLookup([
		{ dataset: dataset('oct', '2026-10', 9), rows: [row('111', 'OCTOBER', { parcel: '30012345' })] },
		{
			dataset: dataset('nov', '2026-11', 1),
			rows: [row('222', 'NOVEMBER', { parcel: '30012345' }), row('333', 'NO PARCEL')]
		}
	]);

	it('finds the rows of a parcel number, latest period first, whatever its spelling', () => {
		expect(lookup.byParcel('30012345').map((m) => m.partner)).toEqual(['NOVEMBER', 'OCTOBER']);
		expect(lookup.byParcel(' 30012345.0 ').map((m) => m.datasetId)).toEqual(['nov', 'oct']);
		expect(lookup.byParcel('')).toEqual([]);
		expect(lookup.byParcel('333')).toEqual([]);
	});

	it('keeps parcel numbers out of the tracking keys', () => {
		expect(lookup.get('30012345')).toBeUndefined();
		expect(lookup.size).toBe(3);
	});
});

describe('windowFor', () => {
	it('spans the invoice months plus the month before (RULINGS 4)', () => {
		expect(windowFor(['2026-11-30', '2026-10-02'])).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(windowFor(['2026-01-15'])).toEqual(['2025-12', '2026-01']);
		expect(windowFor([])).toEqual([]);
	});
});
