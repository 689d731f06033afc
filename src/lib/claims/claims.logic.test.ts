import { describe, expect, it } from 'vitest';
import type { ClaimRecord, ClaimStatus } from '$lib/db/records';
import {
	byCarrier,
	byMonth,
	canTransition,
	computeKpis,
	emptyDraft,
	filterClaims,
	legacyStatus,
	NO_FILTER,
	sameTracking,
	sortClaims,
	splitMotif,
	tileSummary,
	CLOSED_STATUSES,
	validateDraft,
	withStatusDates
} from './claims.logic';

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
	it('maps the detailed statuses onto the legacy three', () => {
		expect(
			['À constituer', 'En attente', 'Acceptée', 'Reçue', 'Refusée'].map((s) =>
				legacyStatus(s as ClaimStatus)
			)
		).toEqual(['En attente', 'En attente', 'En attente', 'Reçue', 'Refusée']);
	});
	it('summarises the home tile', () => {
		expect(tileSummary({ total: 0, open: 0 })).toBe('Aucune indemnisation');
		expect(tileSummary({ total: 4, open: 3 })).toBe('3 indemnisations en attente');
		expect(tileSummary({ total: 1, open: 0 })).toBe('1 indemnisation · aucune en attente');
		expect(tileSummary({ total: 1_200, open: 1_001 })).toBe('1\u202f001 indemnisations en attente');
		expect(CLOSED_STATUSES).toEqual(['Reçue', 'Refusée']);
	});
});

describe('status workflow', () => {
	it('follows À constituer → En attente → Acceptée → Reçue, or Refusée', () => {
		expect(canTransition('À constituer', 'En attente')).toBe(true);
		expect(canTransition('En attente', 'Acceptée')).toBe(true);
		expect(canTransition('Acceptée', 'Reçue')).toBe(true);
		expect(canTransition('En attente', 'Refusée')).toBe(true);
		expect(canTransition('À constituer', 'Reçue')).toBe(false);
		expect(canTransition('Refusée', 'Reçue')).toBe(false);
		expect(canTransition('Reçue', 'Refusée')).toBe(false);
	});
	it('sets the filing and payment dates the status implies, and clears a payment taken back', () => {
		const filed = withStatusDates(
			{ status: 'En attente' as ClaimStatus, filedDate: null, paidDate: null },
			'2026-11-27'
		);
		expect(filed).toEqual({ status: 'En attente', filedDate: '2026-11-27', paidDate: null });
		const paid = withStatusDates({ ...filed, status: 'Reçue' as ClaimStatus }, '2026-11-30');
		expect(paid.paidDate).toBe('2026-11-30');
		expect(withStatusDates({ ...paid, status: 'Acceptée' as ClaimStatus }, '2026-12-01').paidDate).toBeNull();
		expect(
			withStatusDates(
				{ status: 'À constituer' as ClaimStatus, filedDate: null, paidDate: null },
				'2026-11-27'
			).filedDate
		).toBeNull();
	});
});

describe('validation', () => {
	const base = {
		...emptyDraft('2026-11-27'),
		tracking: ' test123 ',
		carrier: 'dpd',
		motif: 'Test backup',
		partner: 'Test'
	};
	it('accepts the seed claim with a comma or a dot, keeps a free motif as "Autre"', () => {
		for (const amount of ['10,00', '10.00', '10']) {
			const r = validateDraft({ ...base, amount });
			expect(r.ok && r.fields.amountCents).toBe(1000);
			if (r.ok) {
				expect(r.fields.tracking).toBe('TEST123');
				expect(r.fields.carrier).toBe('DPD');
				expect([r.fields.motif, r.fields.motifOther]).toEqual(['Autre', 'Test backup']);
			}
		}
		expect(splitMotif('colis PERDU')).toEqual({ motif: 'Colis perdu', motifOther: '' });
	});
	it('explains in French what is wrong', () => {
		const r = validateDraft({
			...base,
			tracking: '',
			amount: '0',
			date: '2026-02-30',
			carrier: 'Autre',
			motif: 'Autre'
		});
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors.tracking).toMatch(/tracking/);
			expect(r.errors.amount).toBe('Le montant doit être supérieur à 0.');
			expect(r.errors.date).toMatch(/n'est pas une date réelle/);
			expect(r.errors.carrier).toMatch(/transporteur/);
			expect(r.errors.motif).toMatch(/Précisez le motif/);
		}
		const bad = validateDraft({ ...base, amount: 'dix euros' });
		expect(!bad.ok && bad.errors.amount).toMatch(/n'est pas un nombre/);
	});
	it('marks a claim without partner as NON ATTRIBUÉ', () => {
		const r = validateDraft({ ...base, partner: ' ', amount: '5' });
		expect(r.ok && r.fields.partner).toBe('NON ATTRIBUÉ');
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
