import { describe, expect, it } from 'vitest';
import type { ClaimRecord, ClaimStatus } from '$lib/db/records';
import {
	byCarrier,
	byMonth,
	computeKpis,
	filterClaims,
	NO_FILTER,
	sameTracking,
	sortClaims
} from './claims.list';

let n = 0;
function claim(
	status: ClaimStatus,
	amountCents: number,
	carrier: string,
	date: string,
	partner = 'TERRE DE LIN'
): ClaimRecord {
	n++;
	return {
		id: `c${n}`,
		date,
		tracking: `T${n}`,
		partner,
		originOrder: '',
		partnerOrder: '',
		carrier,
		motif: 'Colis perdu',
		motifOther: '',
		amountCents,
		status,
		notes: '',
		shippingDate: null,
		incidentDate: null,
		filedDate: null,
		paidDate: null,
		createdAt: n,
		updatedAt: n,
		history: []
	};
}

const fixed = [
	claim('Reçue', 1000, 'DPD', '2026-10-03'),
	claim('Reçue', 2550, 'Colissimo', '2026-10-20', 'VELO & CO'),
	claim('Refusée', 9999, 'DPD', '2026-11-02'),
	claim('En attente', 500, 'DPD', '2026-11-05'),
	claim('À constituer', 300, 'Chronopost', '2026-11-06'),
	claim('Acceptée', 700, 'Colissimo', '2026-11-07', 'VELO & CO')
];

describe('KPIs', () => {
	it('splits claimed money by status and never counts refused as received', () => {
		const k = computeKpis(fixed);
		expect(k.claimed).toEqual({ cents: 15049, count: 6 });
		expect(k.received).toEqual({ cents: 3550, count: 2 });
		expect(k.refused).toEqual({ cents: 9999, count: 1 });
		expect(k.pending).toEqual({ cents: 1500, count: 3 });
		expect(k.partners).toBe(2);
		expect(k.carriers).toBe(3);
	});
	it('breaks down by carrier (largest claimed first) and by month (oldest first)', () => {
		const carriers = byCarrier(fixed);
		expect(carriers.map((c) => [c.key, c.claimed.cents, c.received.cents])).toEqual([
			['DPD', 11499, 1000],
			['Colissimo', 3250, 2550],
			['Chronopost', 300, 0]
		]);
		expect(byMonth(fixed).map((m) => [m.key, m.claimed.count, m.received.cents])).toEqual([
			['2026-10', 2, 3550],
			['2026-11', 4, 0]
		]);
	});
});

describe('filters, sort, duplicates', () => {
	it('filters by status, carrier, period and accent-insensitive text', () => {
		expect(filterClaims(fixed, { ...NO_FILTER, carrier: 'DPD' })).toHaveLength(3);
		expect(filterClaims(fixed, { ...NO_FILTER, from: '2026-11-01', to: '2026-11-05' })).toHaveLength(2);
		expect(filterClaims(fixed, { ...NO_FILTER, status: 'Reçue', text: 'velo' })).toHaveLength(1);
		expect(filterClaims(fixed, { ...NO_FILTER, text: 'receptionne' })).toHaveLength(0);
	});
	it('sorts by amount and by date', () => {
		expect(sortClaims(fixed, 'amountCents', 'desc')[0].amountCents).toBe(9999);
		expect(sortClaims(fixed, 'date', 'asc')[0].date).toBe('2026-10-03');
	});
	it('finds a tracking already claimed, whatever its spelling', () => {
		expect(sameTracking(fixed, ' t1 ').map((c) => c.id)).toEqual([fixed[0].id]);
		expect(sameTracking(fixed, 't1', fixed[0].id)).toEqual([]);
	});
});
